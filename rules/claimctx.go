package rules

import (
	"strings"

	"github.com/healthlint/healthlint/checker"
)

// This file holds the judgement every claim rule shares: is a sentence
// cited, hedged, negated, a question, or a mention rather than a use?

// authorities are named sources whose attribution counts as a citation
// ("according to the CDC", "NIDA reports").
var authorities = []string{
	"cdc", "centers for disease control", "nida", "national institute on drug abuse", "niaaa",
	"national institute on alcohol abuse", "nih", "national institutes of health", "samhsa",
	"substance abuse and mental health services administration", "fda", "food and drug administration",
	"who", "world health organization", "nimh", "national institute of mental health", "asam",
	"american society of addiction medicine", "apa", "american psychiatric association", "ama",
	"american medical association", "surgeon general", "cochrane", "mayo clinic", "cleveland clinic",
	"nice", "nhs", "aap", "american academy of pediatrics", "va", "department of veterans affairs",
	"hhs", "department of health and human services", "jama", "lancet", "new england journal of medicine",
	"nejm", "bmj", "american heart association", "american diabetes association", "uspstf", "ahrq",
	"national academies", "medlineplus", "national cancer institute", "nci", "dea", "ftc",
}

var (
	// attributionRe finds "according to X", "as reported by X", "source:".
	attributionRe = mustGated(`\b(according to|as reported by|cited by|source:)\s`)
	// unnamedAfterRe is what follows "according to" when no authority is
	// named: "according to our patients".
	unnamedAfterRe = mustGated(`^(?:our|my|your|some|many|most|these|those|anecdotal|patients?|clients?|users?|customers?|people|fans|reviews|experts|researchers|studies|scientists)\b`)
	// namedVenueRe finds "published in", "a 2018 study in", "data from",
	// "per the"; they count only before a capitalised name ("published in
	// The Lancet", not "a study in mice").
	namedVenueRe = mustGated(`\b(?:published in|reported in|data from|per|(?:study|review|trial|meta-analysis|paper|article|survey|report) (?:published )?in) (?:the )?`)
	reportsRe    = mustGated(`\b(reports?|reported|found|finds|says|said|estimates?|estimated|recommends?|warns?|notes?|states?|concluded|shows?|showed)\b`)
	// numericRefRe is "[3]" or "[3, 4]" or "[3-5]".
	numericRefRe = mustGated(`\[\d+(?:\s*[,–-]\s*\d+)*\]`)
	// authorYearRe is "(Smith et al., 2021)", "(Smith & Jones 2019)", "(CDC, 2023)".
	authorYearRe = mustGated(`\(\s*[A-Z][A-Za-z'\-]+(?:\s+(?:et al\.?|and|&)\s*[A-Z]?[A-Za-z'\-]*)?,?\s+(?:19|20)\d\d[a-z]?\s*(?:[;,][^)]*)?\)`)
	hedgeRe      = mustGated(`\b(may|might|can|could|possibly|potentially|perhaps|likely|unlikely|(?:appears?|appeared|seems?|seemed) to|often|usually|sometimes|is associated with|are associated with|associated with|is linked to|are linked to|linked to|some studies|some research|research suggests|studies suggest|evidence suggests|suggests?|in some people|for some people|some people|in some cases|tends? to|is thought to|are thought to|is believed to|has been shown in some|preliminary|early research|not yet known|still being studied)\b`)
	// localHedgeRe holds the hedges that qualify the verb they stand
	// before ("may reduce"); a "can" after the claim's verb belongs to
	// another clause ("causes wounds that can lead to amputation").
	localHedgeRe = mustGated(`\b(may|might|can|could|possibly|potentially|perhaps|likely|probably|(?:appears?|appeared|seems?|seemed) to|often|usually|sometimes|typically|generally|tends? to|tended to|(?:is|are) (?:thought|believed|known) to|(?:is|are|was|were) associated with|(?:is|are|was|were) linked to|associated with|linked to)\b`)
	// sentenceHedgeRe holds the hedges that qualify a whole sentence
	// wherever they stand ("..., in some people").
	sentenceHedgeRe = mustGated(`\b(some studies|some research|some evidence|research suggests|studies suggest|evidence suggests|(?:suggests?|suggested) that|in some people|for some people|in some patients|for some patients|some people|in some cases|for many people|preliminary|early research|not yet known|still being studied|has been shown in some)\b`)
)

// SentenceCited reports whether the sentence of b (or the next sentence of
// the same block) carries support: a link, a footnote reference, a numeric
// or author-year reference, or attribution to a named authority. A
// blockquote followed by an attribution line counts too.
func SentenceCited(doc *checker.Document, b *checker.Block, sentence int) bool {
	for s := sentence; s <= sentence+1 && s < len(b.Sentences); s++ {
		if sentenceHasCitation(b, s) {
			return true
		}
	}
	return false
}

// citationLiterals and hedgeLiterals are the gates of the context regexes
// that SentenceCited and HedgedAt run on claim sentences, for the
// Literals of the rules that ask them.
var (
	citationLiterals = literalsOf(attributionRe, namedVenueRe, reportsRe)
	hedgeLiterals    = literalsOf(sentenceHedgeRe, localHedgeRe)
)

// sentenceHasCitation is computed once per sentence: several rules ask it
// for every claim they find.
func sentenceHasCitation(b *checker.Block, sentence int) bool {
	memo := b.Memo("rules/sentence-cited", func() any { return make([]int8, len(b.Sentences)) }).([]int8)
	if memo[sentence] == 0 {
		memo[sentence] = -1
		if computeSentenceCitation(b, sentence) {
			memo[sentence] = 1
		}
	}
	return memo[sentence] == 1
}

func computeSentenceCitation(b *checker.Block, sentence int) bool {
	sp := b.Sentences[sentence]
	for _, c := range b.Citations {
		if c.Text.Start < sp.End && c.Text.End > sp.Start || c.Text.Start == sp.End {
			if c.Kind == checker.CiteFootnote || strings.HasPrefix(c.Destination, "http") {
				return true
			}
		}
	}
	text := b.Text[sp.Start:sp.End]
	if strings.IndexByte(text, '[') >= 0 && numericRefRe.MatchString(text) ||
		strings.IndexByte(text, '(') >= 0 && authorYearRe.MatchString(text) {
		return true
	}
	lower := b.Lower[sp.Start:sp.End]
	for _, loc := range attributionRe.FindAllStringIndexIn(b, lower, -1) {
		if !unnamedAfterRe.MatchString(lower[loc[1]:]) {
			return true
		}
	}
	for _, loc := range namedVenueRe.FindAllStringIndexIn(b, lower, -1) {
		if loc[1] < len(text) && text[loc[1]] >= 'A' && text[loc[1]] <= 'Z' {
			return true
		}
	}
	if reportsRe.MatchStringIn(b, lower) && mentionsAuthority(text, lower) {
		return true
	}
	return false
}

// acronymAuthorities are authorities whose short name is also an English
// word or a common syllable ("who", "nice", "va"): they count only when
// written in capitals.
var acronymAuthorities = map[string]bool{
	"who": true, "nice": true, "va": true, "ama": true, "apa": true, "aap": true, "nci": true,
	"dea": true, "nhs": true, "hhs": true, "nih": true, "ftc": true,
}

func mentionsAuthority(text, lower string) bool {
	for _, a := range authorities {
		hay := lower
		needle := a
		if acronymAuthorities[a] {
			hay, needle = text, strings.ToUpper(a)
		}
		for from := 0; from < len(hay); {
			i := strings.Index(hay[from:], needle)
			if i < 0 {
				break
			}
			if wordAt(hay, from+i, len(needle)) {
				return true
			}
			from += i + len(needle)
		}
	}
	return false
}

// wordAt reports whether lower[i:i+n] stands as whole words.
func wordAt(s string, i, n int) bool {
	if i > 0 && isWordByte(s[i-1]) {
		return false
	}
	if j := i + n; j < len(s) && isWordByte(s[j]) {
		return false
	}
	return true
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

// Hedged reports whether a sentence (lowercase) is hedged: "may", "is
// associated with", "some studies suggest"...
func Hedged(lowerSentence string) bool { return hedgeRe.MatchString(lowerSentence) }

// HedgedAt reports whether the claim at text offset off of b is hedged: a
// verb-level hedge ("may", "can", "is linked to", "appeared to") between
// the start of its clause and off, or a sentence-level hedge ("in some
// people", "studies suggest") anywhere in the sentence. "Xylazine causes
// wounds that can lead to amputation" is not hedged at "causes".
func HedgedAt(b *checker.Block, sentence, off int) bool {
	sp := b.Sentences[sentence]
	if sentenceHedgeRe.MatchStringIn(b, b.Lower[sp.Start:sp.End]) {
		return true
	}
	start := ClauseStart(b, sentence, off, true)
	return localHedgeRe.MatchStringIn(b, b.Lower[start:off])
}

// negClauseBreakRe ends a clause for negation: semicolons, colons, dashes and
// the conjunctions that start a new clause. withCommas also breaks at
// commas, which suits hedges ("Although it can be misused, ketamine...").
var (
	negClauseBreakRe   = mustGated(`[;:()]|\s[-\x{2013}\x{2014}]+\s|\x{2014}|\bbut\b|\bwhile\b|\bwhereas\b|\bthough\b|\balthough\b|, (?:and|so|yet) (?:it|its|it's|this|that|these|they|their|he|she|we|you|the)\b`)
	hedgeClauseBreakRe = mustGated(`[,;:()]|\s[-\x{2013}\x{2014}]+\s|\x{2014}|\bbut\b|\bwhile\b|\bwhereas\b|\bthough\b|\balthough\b`)
)

// ClauseStart returns the offset in b's prose where the clause holding off
// begins, within its sentence.
func ClauseStart(b *checker.Block, sentence, off int, withCommas bool) int {
	sp := b.Sentences[sentence]
	re := negClauseBreakRe
	if withCommas {
		re = hedgeClauseBreakRe
	}
	start := sp.Start
	for _, loc := range re.FindAllStringIndex(b.Lower[sp.Start:off], -1) {
		start = sp.Start + loc[1]
	}
	return start
}

// NegatedInClause reports whether a negator ("not", "no", "never",
// "without"...) stands between the start of off's clause and off: "This
// product is not intended to diagnose, treat, cure, or prevent any
// disease" negates "prevent".
func NegatedInClause(b *checker.Block, sentence, off int) bool {
	start := ClauseStart(b, sentence, off, false)
	n := 0
	for range checker.WordSeq(b.Lower[start:off]) {
		n++
	}
	if n == 0 {
		return false
	}
	return checker.Negated(b, sentence, off, n)
}

// IsQuestion reports whether the sentence is a question: it ends with a
// question mark, before any closing quotes, brackets and emphasis marks.
// Claim rules ask it of every sentence they report in, so it looks back
// from the end by hand rather than through strings.TrimRight's cutset.
func IsQuestion(b *checker.Block, sentence int) bool {
	sp := b.Sentences[sentence]
	for i := sp.End - 1; i >= sp.Start; i-- {
		switch b.Text[i] {
		case ' ', '"', '\'', ')', '*', '_':
			continue
		case '?':
			return true
		}
		return false
	}
	return false
}

// InQuotation reports whether the text span lies inside quotation marks in
// its sentence: "anyone who promises a '100% success rate' is not honest".
// Apostrophes inside words ("don't") are not quotation marks.
func InQuotation(b *checker.Block, sentence int, span checker.Span) bool {
	sp := b.Sentences[sentence]
	openDouble, openSingle := false, false
	for i := sp.Start; i < span.Start; i++ {
		c := b.Text[i]
		if c == '"' {
			openDouble = !openDouble
		}
		if c == '\'' && isQuoteApostrophe(b.Text, i) {
			openSingle = !openSingle
		}
	}
	if !openDouble && !openSingle {
		return false
	}
	// There must be a closing mark after the span in the same sentence.
	for i := span.End; i < sp.End; i++ {
		c := b.Text[i]
		if c == '"' && openDouble || c == '\'' && openSingle && isQuoteApostrophe(b.Text, i) {
			return true
		}
	}
	return false
}

// isQuoteApostrophe tells a quotation mark from an apostrophe: a quote has
// a non-letter on at least one side.
func isQuoteApostrophe(text string, i int) bool {
	before := i > 0 && isWordByte(text[i-1])
	after := i+1 < len(text) && isWordByte(text[i+1])
	return !(before && after) && !(before && i+1 < len(text) && text[i+1] == 's')
}

// InProperName reports whether the span sits inside a run of capitalised
// words of at least two words, i.e. a name such as "Cure Addiction
// Foundation" or "National Institute on Drug Abuse". Headings in Title
// Case are not names, so callers skip this for headings.
func InProperName(b *checker.Block, span checker.Span) bool {
	if b.Kind == checker.KindHeading {
		return false
	}
	words := capitalisedRun(b.Text, span)
	return words >= 2 && !sentenceStartOnly(b, span)
}

// capitalisedRun counts the capitalised words (allowing "of", "on",
// "and", "for", "the") in the run that contains span, if every word of the
// span is capitalised.
func capitalisedRun(text string, span checker.Span) int {
	// Most spans are lowercase claims: reject them before splitting the
	// text around them.
	count := 0
	for w := range strings.FieldsSeq(text[span.Start:span.End]) {
		if !isCapitalised(w) {
			return 0
		}
		count++
	}
	// Extend left and right, within a window: names are short, and a
	// bounded look keeps a huge paragraph from costing its length per match.
	const window = 200
	left := strings.Fields(text[max(0, span.Start-window):span.Start])
	for i := len(left) - 1; i >= 0; i-- {
		w := strings.Trim(left[i], `"'(`)
		if isCapitalised(w) {
			count++
		} else if !nameJoiners[w] {
			break
		}
		if strings.ContainsAny(left[i], ".!?:;,") {
			break
		}
	}
	right := strings.Fields(text[span.End:min(len(text), span.End+window)])
	for _, w := range right {
		w = strings.Trim(w, `"'),.;:`)
		if isCapitalised(w) {
			count++
		} else if !nameJoiners[w] {
			break
		}
	}
	return count
}

var nameJoiners = map[string]bool{"of": true, "on": true, "and": true, "for": true, "the": true, "&": true, "in": true}

// isCapitalised reports whether w is a capitalised name word ("Cure",
// "McLean"). Acronyms and words built on them ("PTSD", "FDA-approved")
// are not name words: "Spravato is FDA-approved for PTSD" names nothing.
func isCapitalised(w string) bool {
	w = strings.Trim(w, `"'(),.;:`)
	if w == "" || w[0] < 'A' || w[0] > 'Z' {
		return false
	}
	return len(w) == 1 || w[1] < 'A' || w[1] > 'Z'
}

// sentenceStartOnly is true when the only capitalised neighbour is the
// first word of a sentence ("Cure rates vary" is not a name).
func sentenceStartOnly(b *checker.Block, span checker.Span) bool {
	sent := b.Sentences[b.SentenceAt(span.Start)]
	rest := strings.Fields(b.Text[sent.Start:sent.End])
	caps := 0
	for _, w := range rest {
		if isCapitalised(w) {
			caps++
		}
	}
	return caps <= 1
}

// Mention reports whether a match is a mention rather than a claim: inside
// a quotation the sentence criticises, inside a proper name, in a
// question, or negated within four words.
func Mention(m checker.Match) bool {
	b := m.Block
	if IsQuestion(b, m.Sentence) || InProperName(b, m.Text) || InQuotation(b, m.Sentence, m.Text) {
		return true
	}
	return checker.Negated(b, m.Sentence, m.Text.Start, 4)
}
