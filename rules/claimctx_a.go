package rules

import (
	"embed"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/healthlint/healthlint/checker"
	"go.yaml.in/yaml/v3"
)

// This file holds what the claims-a rules (claims/cure, claims/guarantee,
// claims/outcome-statistic, claims/superlative, claims/establishment,
// claims/safety, claims/speed, claims/testimonial, claims/coverage,
// marketing/pressure, marketing/inducement) share beyond claimctx.go: their
// phrase lists, loaded from rules/data/claims/*.yaml, and the judgement of
// clauses, outcomes and quotations.

//go:embed data/claims/*.yaml
var claimsDataFS embed.FS

// claimPhraseFile is one rules/data/claims/<name>.yaml file.
type claimPhraseFile struct {
	Message    string                 `yaml:"message"`
	Suggestion string                 `yaml:"suggestion"`
	Phrases    []claimPhraseEntry     `yaml:"phrases"`
	Lists      map[string]yaml.Node   `yaml:"lists"`
	lists      map[string]*claimWords `yaml:"-"`
}

type claimPhraseEntry struct {
	Text       string   `yaml:"text"`
	Regex      string   `yaml:"regex"`
	Kind       string   `yaml:"kind"`
	Message    string   `yaml:"message"`
	Exceptions []string `yaml:"exceptions"`
}

// claimData is a parsed phrase file: phrases ready for a Rule, and the
// file's word lists.
type claimData struct {
	Phrases    []*checker.Phrase
	Suggestion string
	lists      map[string]*claimWords
}

// list returns the named word list of the file, or panics: a rule asking
// for a list its data file lacks is a programming error caught by tests.
func (d *claimData) list(name string) *claimWords {
	if w, ok := d.lists[name]; ok {
		return w
	}
	panic(fmt.Sprintf("claims data: no list %q", name))
}

// loadClaimData parses rules/data/claims/<name>.yaml. The phrase's Data is
// its kind, a string the rule's Run switches on.
func loadClaimData(name string) *claimData {
	raw, err := claimsDataFS.ReadFile("data/claims/" + name + ".yaml")
	if err != nil {
		panic(fmt.Sprintf("claims data %s: %v", name, err))
	}
	var f claimPhraseFile
	if err := yaml.Unmarshal(raw, &f); err != nil {
		panic(fmt.Sprintf("claims data %s: %v", name, err))
	}
	d := &claimData{Suggestion: f.Suggestion, lists: map[string]*claimWords{}}
	for _, e := range f.Phrases {
		msg := e.Message
		if msg == "" {
			msg = f.Message
		}
		d.Phrases = append(d.Phrases, &checker.Phrase{
			Text: e.Text, Regex: e.Regex, Message: msg, Suggestion: f.Suggestion,
			Exceptions: e.Exceptions, Data: e.Kind,
		})
	}
	for k, n := range f.Lists {
		var words []string
		if err := n.Decode(&words); err != nil {
			panic(fmt.Sprintf("claims data %s: list %s: %v", name, k, err))
		}
		d.lists[k] = newClaimWords(words)
	}
	return d
}

// claimContext holds the shared word lists of data/claims/claims-a-context.yaml.
var claimContext = loadClaimData("claims-a-context")

// claimWords matches any of a list of words or phrases, as whole words, in
// lowercase prose.
type claimWords struct {
	re  *gatedRegexp
	set map[string]bool
	// first[c] indexes byFirst: the entries starting with byte c (0: none;
	// ASCII entries have fewer than 128 first bytes). In scans with them
	// instead of running re, which it equals.
	first   [256]uint8
	byFirst [][]string
}

func newClaimWords(words []string) *claimWords {
	sorted := append([]string(nil), words...)
	sort.Slice(sorted, func(i, j int) bool { return len(sorted[i]) > len(sorted[j]) })
	quoted := make([]string, len(sorted))
	set := map[string]bool{}
	for i, w := range sorted {
		w = strings.ToLower(w)
		set[w] = true
		quoted[i] = regexp.QuoteMeta(w)
	}
	// Word boundaries that also work for entries starting or ending with
	// a non-word character ("911", "h. pylori").
	re := mustGated(`(?:^|[^\w'])(` + strings.Join(quoted, "|") + `)(?:$|[^\w'])`)
	cw := &claimWords{re: re, set: set, byFirst: [][]string{nil}}
	for w := range set {
		if w == "" || !isASCII(w) {
			cw.byFirst = nil // In's scan assumes non-empty ASCII entries; use re
			break
		}
		if cw.first[w[0]] == 0 {
			cw.first[w[0]] = uint8(len(cw.byFirst))
			cw.byFirst = append(cw.byFirst, nil)
		}
		cw.byFirst[cw.first[w[0]]] = append(cw.byFirst[cw.first[w[0]]], w)
	}
	return cw
}

// In reports whether any entry occurs in lower.
//
// It is re.MatchString done by hand: an entry counts where it starts the
// text or follows a byte that is not an ASCII word character or an
// apostrophe, and ends the text or comes before such a byte. For ASCII
// entries that is exactly re's [^\w'] on either side, since a byte of a
// multi-byte rune is never one of those characters. The scan costs a table
// look-up per byte and a comparison per entry sharing the first letter,
// where re, whose gate passes on most sentences for common words such as
// "drug", costs a backtracking match over the whole alternation.
func (w *claimWords) In(lower string) bool {
	if w.byFirst == nil {
		return w.re.MatchString(lower)
	}
	for i := 0; i < len(lower); i++ {
		if i > 0 && wordOrApostrophe(lower[i-1]) {
			continue
		}
		k := w.first[lower[i]]
		if k == 0 {
			continue
		}
		for _, e := range w.byFirst[k] {
			j := i + len(e)
			if j <= len(lower) && lower[i:j] == e && (j == len(lower) || !wordOrApostrophe(lower[j])) {
				return true
			}
		}
	}
	return false
}

func wordOrApostrophe(c byte) bool { return c == '\'' || isWordByte(c) }

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// Has reports whether word is one of the entries.
func (w *claimWords) Has(word string) bool { return w.set[word] }

// Index returns the text offset of the first entry in lower, or -1.
func (w *claimWords) Index(lower string) int {
	loc := w.re.FindStringSubmatchIndex(lower)
	if loc == nil {
		return -1
	}
	return loc[2]
}

// claimSite is one phrase match seen with its sentence and clause.
type claimSite struct {
	m checker.Match
	b *checker.Block
	// sentence is the match's sentence span; clause the span of the
	// clause holding the match (both in Block.Text).
	sentence, clause checker.Span
}

func newClaimSite(m checker.Match) claimSite {
	b := m.Block
	s := b.Sentences[m.Sentence]
	return claimSite{m: m, b: b, sentence: s, clause: clauseSpan(b, m.Sentence, m.Text)}
}

// Kind is the phrase's kind from the data file.
func (c claimSite) Kind() string { k, _ := c.m.Phrase.Data.(string); return k }

// Sentence is the lowercase sentence.
func (c claimSite) Sentence() string { return c.b.Lower[c.sentence.Start:c.sentence.End] }

// Clause is the lowercase clause around the match.
func (c claimSite) Clause() string { return c.b.Lower[c.clause.Start:c.clause.End] }

// Before is the lowercase clause text before the match.
func (c claimSite) Before() string { return c.b.Lower[c.clause.Start:c.m.Text.Start] }

// After is the lowercase sentence text after the match.
func (c claimSite) After() string { return c.b.Lower[c.m.Text.End:c.sentence.End] }

// Lower is the matched text, lowercased.
func (c claimSite) Lower() string { return c.b.Lower[c.m.Text.Start:c.m.Text.End] }

// clauseSpan returns the clause of the sentence that contains span.
func clauseSpan(b *checker.Block, sentence int, span checker.Span) checker.Span {
	out := b.Sentences[sentence]
	for _, br := range clauseBreaks(b, sentence) {
		if br.End <= span.Start {
			out.Start = br.End
		} else if br.Start >= span.End {
			out.End = br.Start
			break
		}
	}
	return out
}

// sentenceBreaks holds the clause breaks of one sentence once found.
type sentenceBreaks struct {
	done   bool
	breaks []checker.Span
}

// clauseBreaks returns the clause breaks of a sentence of b, in block
// offsets. Every claim rule asks for the clause of each of its matches, so
// a sentence is scanned once rather than once per match and rule.
func clauseBreaks(b *checker.Block, sentence int) []checker.Span {
	memo := b.Memo("rules/clause-breaks", func() any { return make([]sentenceBreaks, len(b.Sentences)) }).([]sentenceBreaks)
	if !memo[sentence].done {
		memo[sentence] = sentenceBreaks{done: true, breaks: findClauseBreaks(b, b.Sentences[sentence])}
	}
	return memo[sentence].breaks
}

// findClauseBreaks finds the marks that end a clause inside a sentence:
// semicolons, colons, dashes, "but", and a comma followed by a new subject.
// They are the matches of the regexp
//
//	[;:]|\s[-–—]+\s|—|–|\bbut\b|,\s+(?:so|and so|then|...|said|says)\b
//
// (clauseBreakWords holds the whole list), found by clauseBreakAt.
func findClauseBreaks(b *checker.Block, s checker.Span) []checker.Span {
	var out []checker.Span
	lower := b.Lower[s.Start:s.End]
	for i := 0; i < len(lower); {
		end := clauseBreakAt(lower, i)
		if end < 0 {
			i++
			continue
		}
		out = append(out, checker.Span{Start: s.Start + i, End: s.Start + end})
		i = end
	}
	return out
}

// clauseBreakWords are the words after ", " that start a new clause, in
// the regexp's order: the first that ends at a word boundary wins, so
// "we" ends the break in "we'll".
var clauseBreakWords = []string{"so", "and so", "then", "while", "whereas", "yet", "we", "we'll", "we're",
	"our", "you", "you'll", "your", "it", "it's", "they", "this", "that", "he", "she", "i", "others",
	"which", "whose", "said", "says"}

// clauseBreakAt returns the end of the clause break that starts at
// lower[i], or -1. It is the regexp by hand: the alternatives start
// with different bytes, so at most one can match at i, and neither greedy
// run (of dashes, of spaces) can give back a byte the regexp needs next.
// Scanning the sentence with it costs a byte switch per byte where the
// regexp, whose gate the comma of most sentences passes, backtracks
// through every alternative at every position.
func clauseBreakAt(lower string, i int) int {
	switch c := lower[i]; {
	case c == ';' || c == ':':
		return i + 1
	case isRegexpSpace(c):
		j := i + 1
		for k := dashAt(lower, j); k > j; k = dashAt(lower, j) {
			j = k
		}
		if j > i+1 && j < len(lower) && isRegexpSpace(lower[j]) {
			return j + 1
		}
	case c == 0xe2:
		if strings.HasPrefix(lower[i:], "—") || strings.HasPrefix(lower[i:], "–") {
			return i + len("—")
		}
	case c == 'b':
		if strings.HasPrefix(lower[i:], "but") && (i == 0 || !isWordByte(lower[i-1])) &&
			(i+3 == len(lower) || !isWordByte(lower[i+3])) {
			return i + 3
		}
	case c == ',':
		j := i + 1
		for j < len(lower) && isRegexpSpace(lower[j]) {
			j++
		}
		if j == i+1 {
			return -1
		}
		for _, w := range clauseBreakWords {
			if k := j + len(w); strings.HasPrefix(lower[j:], w) && (k == len(lower) || !isWordByte(lower[k])) {
				return k
			}
		}
	}
	return -1
}

// dashAt returns the end of the hyphen, en dash or em dash at lower[i],
// or i when there is none.
func dashAt(lower string, i int) int {
	switch {
	case i < len(lower) && lower[i] == '-':
		return i + 1
	case strings.HasPrefix(lower[i:], "—") || strings.HasPrefix(lower[i:], "–"):
		return i + len("—")
	}
	return i
}

// isRegexpSpace reports whether c is in the regexp class \s: ASCII
// space, tab, newline, form feed or carriage return.
func isRegexpSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

// claimMention reports whether a match is a mention rather than a claim:
// the judgements of Mention (question, proper name, quotation, negation),
// with all-caps banners not taken for names, quotations that span
// sentences, negation anywhere early in the clause, disclaimed or
// criticised promises ("no rehab can promise that..."), and headings that
// name a rule ("Red flags: miracle cures").
func claimMention(doc *checker.Document, c claimSite) bool {
	b, m := c.b, c.m
	if b.Kind == checker.KindFootnote || b.InFootnote {
		return true // a footnote definition is the reference, not a claim
	}
	if IsQuestion(b, m.Sentence) || InQuotation(b, m.Sentence, m.Text) || inBlockQuotation(b, m.Text) {
		return true
	}
	if !allCaps(b.Text[c.sentence.Start:c.sentence.End]) && InProperName(b, m.Text) {
		return true
	}
	if clauseNegated(c, 6) && !urgedNegation.MatchString(c.Before()) || reportedClaim(c) {
		return true
	}
	if b.Kind == checker.KindHeading && headingNamesRule(b.Lower) {
		return true
	}
	return attributedQuoteBlock(doc, b)
}

// urgedNegation is a negated verb that urges rather than denies: "don't
// wait until it's too late" is pressure, not its denial.
var urgedNegation = mustGated(`\b(?:don't|do not|never) (?:wait|delay|hesitate|put off|let)\b`)

// allCaps reports whether text has letters and none of them lowercase.
func allCaps(text string) bool {
	letters := false
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c >= 'a' && c <= 'z' {
			return false
		}
		letters = letters || c >= 'A' && c <= 'Z'
	}
	return letters
}

// clauseNegated reports whether a negator occurs within window words
// before the match in its clause: "there is no such thing as a 100% safe
// drug", "not intended to diagnose, treat, cure".
func clauseNegated(c claimSite, window int) bool {
	n, lastNegator := 0, -1
	for w := range checker.WordSeq(c.Before()) {
		if claimNegators.Has(w) {
			lastNegator = n
		}
		n++
	}
	return lastNegator >= 0 && lastNegator >= n-window
}

// The context lists that claimMention asks about for every match.
var (
	claimNegators  = claimContext.list("negators")
	claimVerbs     = claimContext.list("claim-verbs")
	claimCritiques = claimContext.list("critique")
)

// reportedClaim reports whether the match is the content of a promise or
// claim the sentence denies or criticises: "no rehab can promise that a
// patient will never relapse", "be wary of any program that claims you
// will stay sober".
func reportedClaim(c claimSite) bool {
	// The last claim verb before the match, and whether a negator comes
	// before it: one pass over the words, none of them copied.
	verb, negated, negatedBeforeVerb := false, false, false
	for w := range checker.WordSeq(c.b.Lower[c.sentence.Start:c.m.Text.Start]) {
		if claimVerbs.Has(w) {
			verb, negatedBeforeVerb = true, negated
		}
		negated = negated || claimNegators.Has(w)
	}
	if !verb {
		return false
	}
	return negatedBeforeVerb || claimCritiques.In(c.Sentence())
}

// headingRuleNameRe finds headings about claims rather than making them:
// "Red flags: miracle cures", "Why we never promise a cure", "The truth
// about rapid detox".
var headingRuleNameRe = mustGated(`\b(?:red flags?|myths?|the truth about|how to spot|watch out for|beware of|the words?|claims? (?:to avoid|that)|what .* means?|scams?)\b`)

func headingNamesRule(lower string) bool { return headingRuleNameRe.MatchString(lower) }

// blockQuotes returns the spans of text inside quotation marks in a
// block (the marks excluded). Apostrophes inside words ("don't") and
// plural possessives ("clients' ") are not quotation marks.
//
// blockQuotes computes them once per block however many matches ask.
func blockQuotes(b *checker.Block) []checker.Span {
	return b.Memo("rules/quote-segments", func() any { return computeQuoteSegments(b.Text) }).([]checker.Span)
}

func computeQuoteSegments(text string) []checker.Span {
	var out []checker.Span
	openDouble, openSingle := -1, -1
	// Quotation marks are a few bytes of a block: the scan jumps from
	// one to the next with the vectorised byte search.
	double, single := strings.IndexByte(text, '"'), strings.IndexByte(text, '\'')
	for double >= 0 || single >= 0 {
		var i int
		if single < 0 || double >= 0 && double < single {
			i = double
			if double = strings.IndexByte(text[i+1:], '"'); double >= 0 {
				double += i + 1
			}
		} else {
			i = single
			if single = strings.IndexByte(text[i+1:], '\''); single >= 0 {
				single += i + 1
			}
		}
		switch text[i] {
		case '"':
			if openDouble < 0 {
				openDouble = i
			} else {
				out = append(out, checker.Span{Start: openDouble + 1, End: i})
				openDouble = -1
			}
		case '\'':
			before := i > 0 && isWordByte(text[i-1])
			after := i+1 < len(text) && isWordByte(text[i+1])
			switch {
			case before && after:
				// don't, it's
			case openSingle < 0 && !before:
				openSingle = i
			case openSingle >= 0 && !after:
				out = append(out, checker.Span{Start: openSingle + 1, End: i})
				openSingle = -1
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

// inBlockQuotation reports whether span lies inside quotation marks
// anywhere in its block, even when the quotation holds several sentences.
func inBlockQuotation(b *checker.Block, span checker.Span) bool {
	for _, q := range blockQuotes(b) {
		if q.Start <= span.Start && span.End <= q.End {
			return true
		}
	}
	return false
}

// quoteAttributionRe finds an attribution after a quotation: "- Kevin R.",
// "— J.R., alumnus", "says D.W.", "- verified patient".
var quoteAttributionRe = mustGated(`(?:^|\s|["'])(?:[-–—]+|~)\s*(?:[A-Z][a-z]+\.?(?:\s+[A-Z]\.?)*|[A-Z]\.\s?[A-Z]\.?|[A-Z]{2,3}\b|(?:an?\s+)?(?:verified|former|happy|satisfied)?\s*(?:patient|client|alumnus|alumna|alum|graduate|reviewer|customer|user|mother|father|parent|veteran|army veteran|amazon reviewer|google reviewer)\b|[A-Z][a-z]+ [a-z]+)|\b(?:says|said|writes|wrote|shares|explains)\s+(?:[A-Z][a-z]+\.?(?:\s+[A-Z][a-z]*\.?)?|[A-Z]\.\s?[A-Z]\.?|(?:a|one|our)\s+(?:patient|client|graduate|alumnus|customer))`)

// attributedQuoteBlock reports whether b is a blockquote whose last line
// attributes it ("— J.R., alumnus"), the shape of a testimonial; such a
// quotation is judged by claims/testimonial alone.
func attributedQuoteBlock(doc *checker.Document, b *checker.Block) bool {
	if !b.InQuote {
		return false
	}
	if quoteAttributionRe.MatchString(b.Text) {
		return true
	}
	for i, x := range doc.Blocks {
		if x == b && i+1 < len(doc.Blocks) && doc.Blocks[i+1].InQuote {
			next := strings.TrimSpace(doc.Blocks[i+1].Text)
			return strings.HasPrefix(next, "-") || strings.HasPrefix(next, "—") || strings.HasPrefix(next, "–")
		}
	}
	return false
}

// quantified reports whether the clause before the match makes the
// statement about some people only ("some people have no side effects").
func quantified(c claimSite) bool {
	return claimContext.list("quantifiers").In(c.Before())
}

// namedDatedSourceRe finds attribution of a ranking to a named, dated
// source: "by Newsweek (2024)", "by Press Ganey (2024 survey)",
// "U.S. News & World Report, 2025".
var namedDatedSourceRe = mustGated(`\b(?:by|from|in|per|according to)\s+(?:the\s+)?[A-Z][\w&.'-]*(?:\s+(?:[A-Z][\w&.'-]*|&|of|and|for|the))*\s*(?:[,(]\s*)*(?:\w+\s+)?(?:19|20)\d\d\b`)

// rankingAttributed reports whether a sentence attributes its ranking to
// a named, dated source.
func rankingAttributed(b *checker.Block, s checker.Span) bool {
	text := b.Text[s.Start:s.End]
	return namedDatedSourceRe.MatchString(text) || authorYearRe.MatchString(text)
}

// sentenceReporter keeps to one finding per rule per sentence: the first
// claim in a sentence is reported, repeats are noise.
type sentenceReporter struct {
	// seen lists the sentences reported, searched in order while short
	// (a page has a few findings per rule); set takes over past that.
	seen []sentenceKey
	set  map[sentenceKey]bool
}

type sentenceKey struct {
	block    *checker.Block
	sentence int
}

// maxListedSentences is how many sentences seen holds before set.
const maxListedSentences = 16

func newSentenceReporter() *sentenceReporter { return &sentenceReporter{} }

// first reports whether this is the first finding for the sentence, and
// records it.
func (r *sentenceReporter) first(b *checker.Block, sentence int) bool {
	k := sentenceKey{b, sentence}
	if r.set != nil {
		if r.set[k] {
			return false
		}
		r.set[k] = true
		return true
	}
	for _, s := range r.seen {
		if s == k {
			return false
		}
	}
	r.seen = append(r.seen, k)
	if len(r.seen) > maxListedSentences {
		r.set = make(map[sentenceKey]bool, 2*len(r.seen))
		for _, s := range r.seen {
			r.set[s] = true
		}
	}
	return true
}

// reportClaim reports the match with its phrase's message, once per
// sentence. Claims get no automatic fixes.
func reportClaim(p *checker.Pass, r *sentenceReporter, m checker.Match) {
	if !r.first(m.Block, m.Sentence) {
		return
	}
	f := checker.PhraseFinding(m, "")
	f.Fixes = nil
	p.Report(f)
}

// nextWords returns up to n words of lowercase text, stopping at the
// first punctuation that ends a phrase.
func nextWords(lower string, n int) []string {
	if i := strings.IndexAny(lower, ",.;:!?()\"—–"); i >= 0 {
		lower = lower[:i]
	}
	w := checker.Words(lower)
	if len(w) > n {
		w = w[:n]
	}
	return w
}

// followedBy reports whether one of list's entries occurs within the next
// n words of lower (multi-word entries included).
func followedBy(lower string, n int, list *claimWords) bool {
	return list.In(strings.Join(nextWords(lower, n), " "))
}

// The sources behind the claims-a rules (rules.md, section 1, and its
// Sources list).
var (
	srcFTCHealth = checker.Source{Title: "FTC, Health Products Compliance Guidance (2022)", URL: "https://www.ftc.gov/business-guidance/resources/health-products-compliance-guidance"}
	srcFTC2552   = checker.Source{Title: "FTC Endorsement Guides, 16 CFR 255.2: consumer endorsements", URL: "https://www.law.cornell.edu/cfr/text/16/255.2"}
	srcFTC2555   = checker.Source{Title: "FTC Endorsement Guides, 16 CFR 255.5: disclosure of material connections", URL: "https://www.law.cornell.edu/cfr/text/16/255.5"}
	srcFTC465    = checker.Source{Title: "FTC, 16 CFR Part 465: Rule on the Use of Consumer Reviews and Testimonials (2024)", URL: "https://www.law.cornell.edu/cfr/text/16/part-465"}
	src45d       = checker.Source{Title: "15 USC 45d, Opioid Addiction Recovery Fraud Prevention Act (2018)", URL: "https://www.law.cornell.edu/uscode/text/15/45d"}
	srcR360      = checker.Source{Title: "FTC, first case under the opioid statute (R360, 2022)", URL: "https://www.ftc.gov/business-guidance/blog/2022/05/first-ftc-case-under-opioid-statute-challenges-acts-company-provided-marketing-services-treatment"}
	srcEKRA      = checker.Source{Title: "18 USC 220, Eliminating Kickbacks in Recovery Act (EKRA)", URL: "https://www.law.cornell.edu/uscode/text/18/220"}
	srcFla817505 = checker.Source{Title: "Fla. Stat. 817.505, Patient Brokering Act", URL: "https://florida.public.law/statutes/fla._stat._817.505"}
	srcFla39755  = checker.Source{Title: "Fla. Stat. 397.55, prohibition of deceptive marketing practices", URL: "https://florida.public.law/statutes/fla._stat._397.55"}
	srcGoogleAds = checker.Source{Title: "Google Ads policies: healthcare and medicines; misrepresentation (unreliable claims)", URL: "https://support.google.com/adspolicy/answer/15936857"}
	srcNAATP     = checker.Source{Title: "NAATP Code of Ethics", URL: "https://www.naatp.org/programs/ethics"}
	srcNIDAWords = checker.Source{Title: "NIDA, Words Matter: preferred language for talking about addiction", URL: "https://nida.nih.gov/research-topics/addiction-science/words-matter-preferred-language-talking-about-addiction"}
)
