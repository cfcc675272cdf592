package rules

import (
	"fmt"
	"slices"

	"github.com/healthlint/healthlint/checker"
)

var uncitedSources = []checker.Source{
	{Title: "FTC: Health Products Compliance Guidance (2022): health claims need competent and reliable scientific evidence; animal and in-vitro studies are rarely enough", URL: "https://www.ftc.gov/business-guidance/resources/health-products-compliance-guidance"},
	{Title: "Google Search Quality Rater Guidelines: YMYL health pages need accurate, well-sourced information", URL: "https://guidelines.raterhub.com/searchqualityevaluatorguidelines.pdf"},
}

// ClaimsUncited flags sentences that assert an effect of a substance,
// drug, treatment or product on a condition, an organ or an outcome with
// neither a hedge nor a citation.
var ClaimsUncited = &checker.Rule{
	ID:       "claims/uncited",
	Title:    "an effect of a substance or treatment is stated as fact without a source",
	Severity: checker.SeverityWarning,
	Literals: slices.Concat(citationLiterals, hedgeLiterals),
	Sources:  uncitedSources,
	Doc: `A sentence that says a substance, drug, supplement, device or treatment
does something to a condition, an organ or an outcome is a health claim:
"ketamine rewires the brain", "kudzu root eliminates alcohol cravings",
"heavy drinking shrinks the brain". Stated flatly with no source, it asks
the reader to take it on trust. The FTC expects health claims to rest on
competent and reliable scientific evidence, usually human trials; health
pages are judged on whether they show where their facts come from.

The rule looks for an effect verb or efficacy phrase from
rules/data/claims/effect-verbs.yaml with a subject from substances.yaml
before it (or an implied one: "Clinically proven to reduce cravings") and
a condition, organ or outcome from conditions.yaml after it. It stays
quiet when the sentence, or the next sentence of the same block, cites a
source (a link, a footnote, [3], (Smith et al., 2021), "according to the
CDC"); when the verb is hedged (may, can, could, is linked to, some studies
suggest, in some people); when the verb is negated or the sentence is a
question; inside quotations, code and proper names; and for statements of
an approved indication ("approved to treat"), which claims/fda-status
judges. An animal or lab result presented as a benefit to people gets its
own message. True statements are flagged too: the rule asks for a source,
not for doubt.

Bad:

    Ketamine rewires the brain.
    Milk thistle repairs your liver after years of drinking.
    In mice, the compound regrew brain cells, so it will rebuild your brain.

Good:

    Ketamine may affect how brain cells connect, according to NIMH.
    Heavy drinking is linked to liver damage.
    Buprenorphine treatment lowers the risk of fatal overdose.[^1]
    In mice, the compound regrew brain cells (Lee et al., 2024); it has not been tested in people.`,
	Keywords: uncitedKeywords(),
	Phrases:  uncitedPhrases(),
	Run:      runUncited,
}

// uncitedKeywords are the words without which no sentence of a document
// can make an effect claim: the effect verbs and efficacy phrases.
func uncitedKeywords() []string {
	kw := append([]string(nil), lexicon.verbForms...)
	kw = append(kw, lexicon.ObjectBefore...)
	kw = append(kw, lexicon.Efficacy.Phrases...)
	return append(kw, lexicon.Efficacy.Direct...)
}

func runUncited(p *checker.Pass) {
	for _, sm := range groupBySentence(p.Doc.Blocks, p.Matches) {
		b, s := sm.block, sm.sentence
		if IsQuestion(b, s) {
			continue
		}
		// The citation check scans this sentence and the next for links,
		// references and attributions; most sentences make no claim, so it
		// runs only for those that do.
		if claim, ok := findEffectClaim(sm); ok && !SentenceCited(p.Doc, b, s) {
			reportUncited(p, sm, claim)
		}
	}
}

// effectClaim is one subject-verb-object effect claim in a sentence.
type effectClaim struct {
	verb, object checker.Match
	span         checker.Span // prose span: verb through object
}

// findEffectClaim returns the first unhedged, unnegated effect claim of a
// sentence: an effect verb (or efficacy phrase) with a subject before it
// and an object after it.
func findEffectClaim(sm sentenceMatches) (effectClaim, bool) {
	b, s := sm.block, sm.sentence
	ms := sm.matches
	last := lastClaimCandidate(ms)
	purpose := false // the previous verb was an infinitive of purpose
	for i, v := range ms[:last+1] {
		t := v.Phrase.Data.(*lexTerm)
		if !t.is(lexVerb | lexObjectBefore | lexEfficacy | lexEfficacyDirect) {
			continue
		}
		if t.is(lexEfficacy) && !qualifiedEfficacy(b, s, v) {
			continue
		}
		if InQuotation(b, s, v.Text) || InProperName(b, v.Text) || reportedBefore(ms[:i]) {
			continue
		}
		if HedgedAt(b, s, v.Text.Start) || NegatedInClause(b, s, v.Text.Start) || approvalBefore(b, s, v) {
			continue
		}
		var obj checker.Match
		var found bool
		if t.is(lexObjectBefore) {
			obj, found = objectBefore(b, ms[:i], v)
			if !found || !hasSubject(b, s, ms[:i], obj.Text.Start) {
				continue
			}
			return effectClaim{verb: v, object: obj, span: checker.Span{Start: obj.Text.Start, End: v.Text.End}}, true
		}
		if purposeClause(b, s, v) || purpose && coordinated(b, s, v) {
			purpose = true
			continue
		}
		purpose = false
		if !hasSubject(b, s, ms[:i], v.Text.Start) {
			continue
		}
		if obj, found = objectAfter(b, s, ms[i+1:], v); !found {
			continue
		}
		if lexicon.pharmVerbs[v.Block.Lower[v.Text.Start:v.Text.End]] && lexicon.pharmObjs[b.Lower[obj.Text.Start:obj.Text.End]] {
			continue // "naltrexone blocks opioid receptors" defines the drug
		}
		return effectClaim{verb: v, object: obj, span: checker.Span{Start: v.Text.Start, End: obj.Text.End}}, true
	}
	return effectClaim{}, false
}

// lastClaimCandidate returns the index of the last match that could be the
// verb of a returned claim, or -1: a claim needs a subject match before its
// verb and an object match after it (before it, for "a thing of the
// past"). Verbs after that index cannot end the search, so the context
// checks, which cost far more than this pass, are not run for them; verbs
// before it still are, since they carry the purpose-clause state.
func lastClaimCandidate(ms []checker.Match) int {
	firstSubject, firstObject, lastObject := len(ms), len(ms), -1
	for i, m := range ms {
		t := m.Phrase.Data.(*lexTerm)
		if t.is(lexSubject|lexEfficacy|lexImplied) && firstSubject == len(ms) {
			firstSubject = i
		}
		if t.is(lexObject) {
			firstObject = min(firstObject, i)
			lastObject = i
		}
	}
	for i := len(ms) - 1; i > firstSubject; i-- {
		t := ms[i].Phrase.Data.(*lexTerm)
		switch {
		case t.is(lexObjectBefore):
			if firstObject < i {
				return i
			}
		case t.is(lexVerb | lexEfficacy | lexEfficacyDirect):
			if i < lastObject {
				return i
			}
		}
	}
	return -1
}

// qualifiedEfficacy reports whether "treatment for" follows a qualifier
// within three words: "an effective, natural treatment for".
func qualifiedEfficacy(b *checker.Block, s int, v checker.Match) bool {
	for _, w := range lastWords(b, b.Sentences[s].Start, v.Text.Start, 3) {
		if lexicon.qualifiers[w] {
			return true
		}
	}
	return false
}

// reportedBefore reports whether the sentence reports someone else's
// claim before the verb ("some clinics claim that ketamine...").
func reportedBefore(before []checker.Match) bool {
	for _, m := range before {
		if m.Phrase.Data.(*lexTerm).is(lexReported) {
			return true
		}
	}
	return false
}

// approvalBefore reports whether the verb states an indication: "approved
// to treat", "used to treat", "FDA-approved for preventing".
func approvalBefore(b *checker.Block, s int, v checker.Match) bool {
	words := lastWords(b, b.Sentences[s].Start, v.Text.Start, 6)
	if n := len(words); n == 0 || words[n-1] != "to" && words[n-1] != "for" {
		return false
	}
	for _, w := range words {
		if lexicon.approval[w] {
			return true
		}
	}
	return false
}

// purposeClause reports whether the verb is an infinitive of purpose
// ("medications to ease withdrawal", "we use them to prevent seizures")
// rather than the claim itself ("proven to reduce", "works fast to calm").
func purposeClause(b *checker.Block, s int, v checker.Match) bool {
	words := lastWords(b, b.Sentences[s].Start, v.Text.Start, 2)
	if len(words) == 0 || words[len(words)-1] != "to" {
		return false
	}
	return len(words) < 2 || !lexicon.assertTo[words[0]]
}

// coordinated reports whether the verb follows "and" or "or": "to ease
// withdrawal and prevent seizures" shares the purpose of "to ease".
func coordinated(b *checker.Block, s int, v checker.Match) bool {
	w := lastWords(b, b.Sentences[s].Start, v.Text.Start, 1)
	return len(w) == 1 && (w[0] == "and" || w[0] == "or")
}

// hasSubject reports whether the nearest subject before off is a
// substance or treatment (not a person), or the sentence opens with an
// implied subject ("Clinically proven to", "Works fast to").
func hasSubject(b *checker.Block, s int, before []checker.Match, off int) bool {
	for i := len(before) - 1; i >= 0; i-- {
		m := before[i]
		if m.Text.End > off {
			continue
		}
		t := m.Phrase.Data.(*lexTerm)
		switch {
		case t.is(lexPeople):
			return false
		case t.is(lexSubject | lexEfficacy):
			return true
		case t.is(lexImplied) && sentenceOpening(b, s, m.Text.Start):
			return true
		}
	}
	return false
}

// objectAfter finds a condition, organ or outcome within eight words after
// the verb, in the same clause.
func objectAfter(b *checker.Block, s int, after []checker.Match, v checker.Match) (checker.Match, bool) {
	for _, m := range after {
		if !m.Phrase.Data.(*lexTerm).is(lexObject) {
			continue
		}
		if wordsBetween(b, v.Text.End, m.Text.Start) > 7 || clauseEndsBetween(b, v.Text.End, m.Text.Start) {
			return checker.Match{}, false
		}
		return m, true
	}
	return checker.Match{}, false
}

// objectBefore finds the object of "makes cravings a thing of the past".
func objectBefore(b *checker.Block, before []checker.Match, v checker.Match) (checker.Match, bool) {
	for i := len(before) - 1; i >= 0; i-- {
		m := before[i]
		if m.Phrase.Data.(*lexTerm).is(lexObject) && wordsBetween(b, m.Text.End, v.Text.Start) <= 3 {
			return m, true
		}
	}
	return checker.Match{}, false
}

func clauseEndsBetween(b *checker.Block, from, to int) bool {
	for i := from; i < to; i++ {
		switch b.Text[i] {
		case ';', ':', '.', '!', '?':
			return true
		}
	}
	return false
}

func reportUncited(p *checker.Pass, sm sentenceMatches, c effectClaim) {
	b := sm.block
	quoted := quoteText(b, c.span)
	msg := fmt.Sprintf("%q states an effect as fact with no source; cite a human study or an authority, or hedge it (\"may\", \"is linked to\")", quoted)
	suggestion := "add a link or footnote in this sentence or the next, or attribute it (\"according to NIDA\"); if the evidence is weak, say so"
	if hasAnimalContext(sm.matches) {
		msg = fmt.Sprintf("%q presents an animal or lab result as a benefit to people; say the finding is from animals or cells and cite human evidence, or drop the claim", quoted)
		suggestion = "animal and in-vitro results do not show that a product helps people; cite human trials or describe the finding as early lab research"
	}
	p.Report(checker.Finding{
		Span:       b.SourceSpan(c.span),
		Message:    msg,
		Suggestion: suggestion,
		Key:        b.Lower[c.span.Start:c.span.End],
	})
}

func hasAnimalContext(ms []checker.Match) bool {
	for _, m := range ms {
		if m.Phrase.Data.(*lexTerm).is(lexAnimal) {
			return true
		}
	}
	return false
}
