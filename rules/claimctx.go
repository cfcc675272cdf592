package rules

import (
	"regexp"
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
	// attributionRe finds "according to X", "X reports/found/says".
	attributionRe = regexp.MustCompile(`\b(according to|as reported by|data from|a study (published )?in|published in|reported in|per the|cited by|source:)\s`)
	reportsRe     = regexp.MustCompile(`\b(reports?|reported|found|finds|says|said|estimates?|estimated|recommends?|warns?|notes?|states?|concluded|shows?|showed)\b`)
	// numericRefRe is "[3]" or "[3, 4]" or "[3-5]".
	numericRefRe = regexp.MustCompile(`\[\d+(?:\s*[,–-]\s*\d+)*\]`)
	// authorYearRe is "(Smith et al., 2021)", "(Smith & Jones 2019)", "(CDC, 2023)".
	authorYearRe = regexp.MustCompile(`\(\s*[A-Z][A-Za-z'\-]+(?:\s+(?:et al\.?|and|&)\s*[A-Z]?[A-Za-z'\-]*)?,?\s+(?:19|20)\d\d[a-z]?\s*(?:[;,][^)]*)?\)`)
	hedgeRe      = regexp.MustCompile(`\b(may|might|can|could|possibly|potentially|perhaps|likely|unlikely|appears? to|seems? to|is associated with|are associated with|associated with|is linked to|are linked to|linked to|some studies|some research|research suggests|studies suggest|evidence suggests|suggests?|in some people|for some people|some people|in some cases|tends? to|is thought to|are thought to|is believed to|has been shown in some|preliminary|early research|not yet known|still being studied)\b`)
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

func sentenceHasCitation(b *checker.Block, sentence int) bool {
	sp := b.Sentences[sentence]
	for _, c := range b.Citations {
		if c.Text.Start < sp.End && c.Text.End > sp.Start || c.Text.Start == sp.End {
			if c.Kind == checker.CiteFootnote || strings.HasPrefix(c.Destination, "http") {
				return true
			}
		}
	}
	text := b.Text[sp.Start:sp.End]
	if numericRefRe.MatchString(text) || authorYearRe.MatchString(text) {
		return true
	}
	lower := b.Lower[sp.Start:sp.End]
	if attributionRe.MatchString(lower) {
		return true
	}
	if reportsRe.MatchString(lower) && mentionsAuthority(lower) {
		return true
	}
	return false
}

func mentionsAuthority(lower string) bool {
	for _, a := range authorities {
		if i := strings.Index(lower, a); i >= 0 && wordAt(lower, i, len(a)) {
			return true
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

// IsQuestion reports whether the sentence is a question.
func IsQuestion(b *checker.Block, sentence int) bool {
	sp := b.Sentences[sentence]
	t := strings.TrimRight(b.Text[sp.Start:sp.End], ` "')*_`)
	return strings.HasSuffix(t, "?")
}

// InQuotation reports whether the text span lies inside quotation marks in
// its sentence: "anyone who promises a '100% success rate' is not honest".
// Apostrophes inside words ("don't") are not quotation marks.
func InQuotation(b *checker.Block, sentence int, span checker.Span) bool {
	sp := b.Sentences[sentence]
	open := map[byte]bool{}
	for i := sp.Start; i < span.Start; i++ {
		c := b.Text[i]
		if c == '"' {
			open['"'] = !open['"']
		}
		if c == '\'' && isQuoteApostrophe(b.Text, i) {
			open['\''] = !open['\'']
		}
	}
	if !open['"'] && !open['\''] {
		return false
	}
	// There must be a closing mark after the span in the same sentence.
	for i := span.End; i < sp.End; i++ {
		c := b.Text[i]
		if c == '"' && open['"'] || c == '\'' && open['\''] && isQuoteApostrophe(b.Text, i) {
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
	for _, w := range strings.Fields(text[span.Start:span.End]) {
		if !isCapitalised(w) {
			return 0
		}
	}
	count := len(strings.Fields(text[span.Start:span.End]))
	// Extend left.
	left := strings.Fields(text[:span.Start])
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
	right := strings.Fields(text[span.End:])
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

func isCapitalised(w string) bool {
	w = strings.Trim(w, `"'(),.;:`)
	return w != "" && w[0] >= 'A' && w[0] <= 'Z'
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
