package rules

import (
	_ "embed"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/healthlint/healthlint/checker"
	"go.yaml.in/yaml/v3"
)

// This file holds what the disclosure/* rules and references/crisis-number
// share: their data (helplines, credentials, disclaimer patterns), phone
// number recognition, and review-date parsing.

//go:embed data/disclosure.yaml
var disclosureYAML []byte

type sourceEntry struct {
	Title string `yaml:"title"`
	URL   string `yaml:"url"`
}

type lineEntry struct {
	Numbers []string    `yaml:"numbers"`
	Phrases []string    `yaml:"phrases"`
	Source  sourceEntry `yaml:"source"`
}

type resourceNumber struct {
	Number  string `yaml:"number"`
	Display string `yaml:"display"`
	Note    string `yaml:"note"`
}

type helplineEntry struct {
	Name    string           `yaml:"name"`
	Called  string           `yaml:"called"` // the name in a sentence, with its article
	Labels  []string         `yaml:"labels"`
	Numbers []resourceNumber `yaml:"numbers"`
	Source  sourceEntry      `yaml:"source"`

	labels []helplineLabel
}

// helplineLabel is a compiled label: it runs on Block.Lower, or, when it
// has case-sensitive parts, on Block.Text.
type helplineLabel struct {
	re *regexp.Regexp
	// search runs re: a block's labels are searched for wherever it
	// gives a number to judge.
	search  *checker.DFARegexp
	onLower bool
}

// prose is the text of b the label runs on.
func (l helplineLabel) prose(b *checker.Block) string {
	if l.onLower {
		return b.Lower
	}
	return b.Text
}

type disclosureFile struct {
	Emergency         lineEntry       `yaml:"emergency"`
	CrisisLine        lineEntry       `yaml:"crisis-line"`
	TreatmentHelpline lineEntry       `yaml:"treatment-helpline"`
	Resources         []helplineEntry `yaml:"resources"`
	Credentials       []string        `yaml:"credentials"`
	ReviewerKeys      []string        `yaml:"reviewer-keys"`
	DateKeys          []string        `yaml:"date-keys"`
	Disclaimers       []string        `yaml:"disclaimers"`
	InsuranceCaveats  []string        `yaml:"insurance-caveats"`
	ReferenceHeadings []string        `yaml:"reference-headings"`
	Sources           []sourceEntry   `yaml:"sources"`
}

// disclosureData is the embedded dataset, parsed once.
var disclosureData = func() *disclosureFile {
	var d disclosureFile
	if err := yaml.Unmarshal(disclosureYAML, &d); err != nil {
		panic(fmt.Sprintf("rules/data/disclosure.yaml: %v", err))
	}
	for i := range d.Resources {
		r := &d.Resources[i]
		for _, l := range r.Labels {
			re, onLower, err := checker.CompileLower(l)
			if err != nil {
				panic(fmt.Sprintf("rules/data/disclosure.yaml: label %q: %v", l, err))
			}
			r.labels = append(r.labels, helplineLabel{re, checker.NewDFARegexp(re), onLower})
		}
	}
	return &d
}()

// wordingPhrases turns a dataset's wordings (regexes on lowercased prose)
// into phrases of the rule that looks for them, for the shared matching
// pass: a wording's regex then runs only on a sentence that holds words
// of all its parts. A wording that does not compile fails the rule's
// validation (TestRegistry).
func wordingPhrases(exprs []string) []*checker.Phrase {
	out := make([]*checker.Phrase, len(exprs))
	for i, e := range exprs {
		out[i] = &checker.Phrase{Regex: e}
	}
	return out
}

// disclosureSource returns the named source of the dataset (by URL prefix).
func disclosureSource(urlPrefix string) checker.Source {
	for _, s := range disclosureData.Sources {
		if strings.HasPrefix(s.URL, urlPrefix) {
			return checker.Source{Title: s.Title, URL: s.URL}
		}
	}
	panic("no disclosure source " + urlPrefix)
}

var (
	srcSafeMessaging   = disclosureSource("https://suicidepreventionmessaging.org")
	srcLifeline        = disclosureSource("https://988lifeline.org")
	srcSAMHSA          = disclosureSource("https://www.samhsa.gov")
	srcHONcode         = disclosureSource("https://www.hon.ch")
	srcRaterGuide      = disclosureSource("https://guidelines.raterhub.com")
	srcFlorida         = disclosureSource("https://www.flsenate.gov")
	srcNAATPDisclosure = disclosureSource("https://www.naatp.org")
)

// userPatterns compiles option values into regexps on lowercased prose: a
// value between slashes is an RE2 regex, anything else a literal phrase
// matched on whole words.
func userPatterns(values []string) ([]*regexp.Regexp, error) {
	var out []*regexp.Regexp
	for _, v := range values {
		v = strings.TrimSpace(v)
		if v == "" {
			continue
		}
		expr := ""
		if len(v) > 2 && strings.HasPrefix(v, "/") && strings.HasSuffix(v, "/") {
			expr = "(?i)" + v[1:len(v)-1]
		} else {
			expr = wholeWordPattern(strings.ToLower(strings.Join(strings.Fields(v), " ")))
		}
		re, err := regexp.Compile(expr)
		if err != nil {
			return nil, fmt.Errorf("pattern %q does not compile: %v", v, err)
		}
		out = append(out, re)
	}
	return out, nil
}

// compiledOption caches the compiled patterns of a list option for the
// pass's settings. A pattern that does not compile is reported on the
// document (once per file) so the user can fix the config; the valid
// patterns still apply.
func compiledOption(p *checker.Pass, name string) []*regexp.Regexp {
	type result struct {
		res []*regexp.Regexp
		err error
	}
	key := p.Rule.ID + "#" + name
	r := p.Settings().Cached(key, func() any {
		var all []*regexp.Regexp
		var firstErr error
		for _, v := range p.Strings(name) {
			res, err := userPatterns([]string{v})
			if err != nil && firstErr == nil {
				firstErr = err
			}
			all = append(all, res...)
		}
		return result{all, firstErr}
	}).(result)
	if r.err != nil {
		p.Report(checker.Finding{Span: p.Doc.Anchor(), Key: "option " + name,
			Message:    fmt.Sprintf("option %s of %s: %v", name, p.Rule.ID, r.err),
			Suggestion: "fix the pattern in .healthlint.yaml (RE2 syntax between slashes)"})
	}
	return r.res
}

// anyBlockMatches reports whether one of res matches the lowercased prose
// of some block. It scans from the last block back: a disclaimer usually
// stands in a page's closing fine print, and a coverage caveat after the
// payers it qualifies, so the scan stops after a few blocks instead of
// reading the whole page first. The answer does not depend on the order.
func anyBlockMatches(doc *checker.Document, res []*regexp.Regexp) bool {
	if len(res) == 0 {
		return false
	}
	set := patternSetOf(res)
	gate := set.Gate()
	for i := len(doc.Blocks) - 1; i >= 0; i-- {
		b := doc.Blocks[i]
		if in, known := gate.InBlock(b); known && !in {
			continue
		}
		if set.MatchString(b.Lower) {
			return true
		}
	}
	return false
}

// patternSets caches the compiled set of each pattern list, keyed by the
// list's backing array and length: lists are built once (from data, or
// once per Settings from options) and never change.
var patternSets sync.Map

type patternListKey struct {
	first **regexp.Regexp
	n     int
}

func patternSetOf(res []*regexp.Regexp) *checker.PatternSet {
	key := patternListKey{&res[0], len(res)}
	if s, ok := patternSets.Load(key); ok {
		return s.(*checker.PatternSet)
	}
	s, _ := patternSets.LoadOrStore(key, checker.NewPatternSet(res))
	return s.(*checker.PatternSet)
}

// ---- Phone numbers ----

// phoneNumber is a number written in a block's prose.
type phoneNumber struct {
	Span   checker.Span // in Block.Text
	Digits string       // vanity letters mapped to digits, a leading US "1" dropped
	// Full is true for a full 10-digit North American number.
	Full bool
}

// docNumbers holds findNumbers of each block's prose, found on a block's
// first use: four rules look for numbers in the same blocks. One value per
// document replaces a memo map and a boxed slice per block, which had come
// to cost as much as finding the numbers.
type docNumbers struct {
	nums  [][]phoneNumber
	found []bool
}

// numbersOf returns the numbers memo of doc.
func numbersOf(doc *checker.Document) *docNumbers {
	return doc.Memo("rules/phone-numbers", func() any {
		n := len(doc.Blocks)
		return &docNumbers{nums: make([][]phoneNumber, n), found: make([]bool, n)}
	}).(*docNumbers)
}

// block returns the numbers of b, the document's block number i.
func (d *docNumbers) block(i int, b *checker.Block) []phoneNumber {
	if !d.found[i] {
		d.nums[i] = findNumbers(b.Text)
		d.found[i] = true
	}
	return d.nums[i]
}

// findNumbers returns the phone-like numbers of a block's prose, in order.
func findNumbers(text string) []phoneNumber {
	var out []phoneNumber
	for _, w := range numberWindows(text) {
		out = findNumbersIn(text, w, out)
	}
	sortNumbers(out)
	return out
}

// numberWindows returns the stretches of text a phone number can lie in:
// every form has digits, at most a few separators between digit groups
// and at most a few letters after them (1-833-TLC-MAMA), so each cluster
// of digits is widened by a margin and then to whitespace on both sides,
// where a regex's \b reads the window's edge as the text's. The number
// regexes then scan a few dozen bytes per number instead of every block
// that has a digit anywhere.
func numberWindows(text string) []checker.Span {
	const gap, margin = 4, 12
	var out []checker.Span
	i := nextDigit(text, 0)
	for i >= 0 {
		start, end := i, i+1
		for j := end; j < len(text) && j < end+gap; j++ {
			if isDigit(text[j]) {
				end = j + 1
			}
		}
		lo := max(0, start-margin)
		for lo > 0 && !isSpaceByte(text[lo-1]) {
			lo--
		}
		hi := min(len(text), end+margin)
		for hi < len(text) && !isSpaceByte(text[hi]) {
			hi++
		}
		if n := len(out); n > 0 && lo <= out[n-1].End {
			out[n-1].End = max(out[n-1].End, hi)
		} else {
			out = append(out, checker.Span{Start: lo, End: hi})
		}
		i = nextDigit(text, end)
	}
	return out
}

// nextDigit returns the index of the first ASCII digit at or after i, or
// -1. Most prose has no digit for hundreds of bytes, and every block is
// scanned, so it tests eight bytes at a time (see hasDigitByte) and looks
// at single bytes only in a word that holds a digit.
func nextDigit(text string, i int) int {
	for ; i+8 <= len(text); i += 8 {
		w := uint64(text[i]) | uint64(text[i+1])<<8 | uint64(text[i+2])<<16 | uint64(text[i+3])<<24 |
			uint64(text[i+4])<<32 | uint64(text[i+5])<<40 | uint64(text[i+6])<<48 | uint64(text[i+7])<<56
		if hasDigitByte(w) {
			break
		}
	}
	for ; i < len(text); i++ {
		if isDigit(text[i]) {
			return i
		}
	}
	return -1
}

// hasDigitByte reports whether any byte of w is an ASCII digit. XOR with
// '0' maps the digits, and only them, to the bytes below 10; the test
// for a byte below n is the classic one (Anderson, "Bit Twiddling Hacks":
// hasless), exact as to whether such a byte exists.
func hasDigitByte(w uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	y := w ^ (ones * '0')
	return (y-ones*10)&^y&highs != 0
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// findNumbersIn appends the numbers found in window w of text.
func findNumbersIn(text string, w checker.Span, out []phoneNumber) []phoneNumber {
	window := text[w.Start:w.End]
	// Every form needs three digits in a row (800-TLC-MAMA, 988, 0800)
	// or a spelled 9-1-1; "94%" and "24/7" have neither, so most windows
	// run no regex at all.
	run, longest, digits, upper, spelled := 0, 0, 0, 0, false
	for i := 0; i < len(window); i++ {
		c := window[i]
		if isDigit(c) {
			run++
			digits++
			longest = max(longest, run)
			if i >= 2 && window[i-1] == '-' && isDigit(window[i-2]) {
				spelled = true
			}
		} else {
			run = 0
			if c >= 'A' && c <= 'Z' {
				upper++
			}
		}
	}
	if longest < 3 && !spelled {
		return out
	}
	first := len(out)
	taken := func(s, e int) bool {
		for _, n := range out[first:] {
			if s < n.Span.End && e > n.Span.Start {
				return true
			}
		}
		return false
	}
	// A full number has ten digits, or three and a word of at least three
	// capitals (800-TLC-MAMA); a year or 988 has neither.
	if digits >= 10 || digits >= 3 && upper >= 3 {
		for _, loc := range nanpNumbers(window) {
			s, e := w.Start+loc[0], w.Start+loc[1]
			if s > 0 && (isWordByte(text[s-1]) || text[s-1] == '-') {
				continue
			}
			out = append(out, phoneNumber{Span: checker.Span{Start: s, End: e}, Digits: phoneDigits(text[s:e]), Full: true})
		}
	}
	for _, find := range []func(string) [][2]int{spelledNumbers, shortNumbers} {
		for _, loc := range find(window) {
			s, e := w.Start+loc[0], w.Start+loc[1]
			if taken(s, e) {
				continue
			}
			// Part of a decimal, a ratio or a longer token: 1.5, 24/7, $450.
			if s > 0 && strings.IndexByte("./$", text[s-1]) >= 0 {
				continue
			}
			if e < len(text) && strings.IndexByte("/%", text[e]) >= 0 {
				continue
			}
			if e+1 < len(text) && strings.IndexByte(".,", text[e]) >= 0 && isDigit(text[e+1]) {
				continue
			}
			out = append(out, phoneNumber{Span: checker.Span{Start: s, End: e}, Digits: phoneDigits(text[s:e])})
		}
	}
	return out
}

// nanpNumbers finds, left to right and without overlap, what the regexp
//
//	(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])(?:\d{3}|[A-Z]{3})[\s.-](?:\d{4}|[A-Z]{4})\b
//
// finds: North American numbers such as 1-800-662-4357, (800) 662-4357,
// 800.662.4357, 1 (800) 662-HELP, +1 800 662 4357 and 1-833-TLC-MAMA.
// Window edges count as non-word characters. A hand scan, because the
// regexp's start-up cost per window was most of finding a block's numbers.
// At each start the regexp prefers the number with its country code; every
// other choice in it is decided by the next byte, so each start has at
// most two candidates to try.
func nanpNumbers(s string) [][2]int {
	var out [][2]int
	for i := 0; i < len(s); i++ {
		end := -1
		if p := i; s[p] == '+' || s[p] == '1' {
			if s[p] == '+' {
				p++
			}
			if p < len(s) && s[p] == '1' {
				p++
				if p < len(s) && isNumberSep(s[p]) {
					p++
				}
				end = nanpBody(s, p)
			}
		}
		if end < 0 {
			end = nanpBody(s, i)
		}
		if end > 0 {
			out = append(out, [2]int{i, end})
			i = end - 1
		}
	}
	return out
}

// nanpBody matches `(?:\(\d{3}\)\s?|\d{3}[\s.-])(?:\d{3}|[A-Z]{3})[\s.-](?:\d{4}|[A-Z]{4})\b`
// at s[i:] and returns where the match ends, or -1.
func nanpBody(s string, i int) int {
	switch {
	case i < len(s) && s[i] == '(':
		if !allBytes(s, i+1, 3, isDigit) || i+4 >= len(s) || s[i+4] != ')' {
			return -1
		}
		i += 5
		if i < len(s) && isRegexpSpace(s[i]) {
			i++
		}
	case allBytes(s, i, 3, isDigit) && i+3 < len(s) && isNumberSep(s[i+3]):
		i += 4
	default:
		return -1
	}
	if !allBytes(s, i, 3, isDigit) && !allBytes(s, i, 3, isUpper) || i+3 >= len(s) || !isNumberSep(s[i+3]) {
		return -1
	}
	i += 4
	if !allBytes(s, i, 4, isDigit) && !allBytes(s, i, 4, isUpper) {
		return -1
	}
	i += 4
	if i < len(s) && isWordByte(s[i]) {
		return -1
	}
	return i
}

// allBytes reports whether s holds n bytes from i on, each satisfying is.
func allBytes(s string, i, n int, is func(byte) bool) bool {
	if i+n > len(s) {
		return false
	}
	for k := i; k < i+n; k++ {
		if !is(s[k]) {
			return false
		}
	}
	return true
}

func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }

// isNumberSep is the regexp class [\s.-] that separates digit groups.
func isNumberSep(c byte) bool { return isRegexpSpace(c) || c == '.' || c == '-' }

// spelledNumbers finds, left to right and without overlap, what the
// regexp `\b\d(?:-\d){2,}\b` finds (9-1-1); window edges count as
// non-word characters. A hand scan, because the regexp engine's start-up
// cost per window dominated the number rules.
func spelledNumbers(s string) [][2]int {
	var out [][2]int
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) || i > 0 && isWordByte(s[i-1]) {
			continue
		}
		end, reps := -1, 0
		for j := i + 1; j+1 < len(s) && s[j] == '-' && isDigit(s[j+1]); {
			j += 2
			reps++
			if reps >= 2 && (j == len(s) || !isWordByte(s[j])) {
				end = j
			}
		}
		if end > 0 {
			out = append(out, [2]int{i, end})
			i = end - 1
		}
	}
	return out
}

// shortNumbers finds, left to right and without overlap, what the regexp
// `\b\d{3,}(?:[ -]\d{2,})*\b` finds (911, 988, 116 123, 0800 58 58 58):
// a run of three or more digits, then groups of two or more after a space
// or hyphen, ending at the last group followed by a non-word character.
func shortNumbers(s string) [][2]int {
	var out [][2]int
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) || i > 0 && isWordByte(s[i-1]) {
			continue
		}
		j := i
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		if j-i < 3 {
			i = j
			continue
		}
		end := -1
		for {
			if j == len(s) || !isWordByte(s[j]) {
				end = j
			}
			if j+1 >= len(s) || s[j] != ' ' && s[j] != '-' {
				break
			}
			k := j + 1
			for k < len(s) && isDigit(s[k]) {
				k++
			}
			if k-(j+1) < 2 {
				break
			}
			j = k
		}
		if end > 0 {
			out = append(out, [2]int{i, end})
			i = end - 1
		} else {
			i = j - 1
		}
	}
	return out
}

func sortNumbers(ns []phoneNumber) {
	for i := 1; i < len(ns); i++ {
		for j := i; j > 0 && ns[j].Span.Start < ns[j-1].Span.Start; j-- {
			ns[j], ns[j-1] = ns[j-1], ns[j]
		}
	}
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// keypad maps vanity letters to telephone digits.
const keypad = "22233344455566677778889999"

// phoneDigits returns the digits of a written number, letters mapped to
// the keypad, a leading US country code dropped from an 11-digit number.
func phoneDigits(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case isDigit(c):
			b.WriteByte(c)
		case c >= 'A' && c <= 'Z':
			b.WriteByte(keypad[c-'A'])
		case c >= 'a' && c <= 'z':
			b.WriteByte(keypad[c-'a'])
		}
	}
	d := b.String()
	if len(d) == 11 && d[0] == '1' {
		d = d[1:]
	}
	return d
}

// dialWords, within a few words before a short number, show it is a number
// to call rather than a count, a year or a street number.
var dialWords = map[string]bool{
	"call": true, "calls": true, "calling": true, "dial": true, "dialing": true, "dialling": true, "ring": true,
	"phone": true, "telephone": true, "text": true, "texting": true, "txt": true, "contact": true, "tty": true,
	"sms": true, "press": true, "emergency": true, "emergencies": true, "line": true, "helpline": true,
	"hotline": true, "lifeline": true, "number": true,
}

// addressWords before a number make it part of an address.
var addressWords = map[string]bool{
	"suite": true, "ste": true, "unit": true, "apt": true, "apartment": true, "room": true, "rm": true, "box": true,
	"floor": true, "building": true, "bldg": true, "no": true, "route": true, "highway": true, "hwy": true,
	"exit": true, "interstate": true, "door": true, "gate": true,
}

// streetWords after a number make it a street address ("988 Harbor
// Boulevard").
var streetWords = map[string]bool{
	"street": true, "st": true, "avenue": true, "ave": true, "boulevard": true, "blvd": true, "road": true, "rd": true,
	"drive": true, "dr": true, "lane": true, "ln": true, "way": true, "court": true, "ct": true, "place": true,
	"pl": true, "parkway": true, "pkwy": true, "highway": true, "hwy": true, "circle": true, "terrace": true,
	"trail": true, "plaza": true, "square": true, "pike": true,
}

// isAddressNumber reports whether the number at s is part of an address.
// It walks the words in place: every number of every block with a digit
// comes here, and building word slices had cost as much as the test.
func isAddressNumber(b *checker.Block, s checker.Span) bool {
	last := ""
	for w := range checker.WordSeq(b.Lower[max(0, s.Start-20):s.Start]) {
		last = w
	}
	if addressWords[last] {
		return true
	}
	if s.Start > 0 && b.Text[s.Start-1] == '#' {
		return true
	}
	i := 0
	for w := range checker.WordSeq(b.Lower[s.End:min(len(b.Lower), s.End+40)]) {
		if i == 3 {
			break
		}
		if streetWords[w] {
			return true
		}
		i++
	}
	return false
}

// dialContext reports whether the number at s is presented as a number
// to call: a dial word within four words before it in its sentence, or a
// label ending in a colon just before it ("Emergency: 911").
func dialContext(b *checker.Block, s checker.Span) bool {
	start := min(b.Sentences[b.SentenceAt(s.Start)].Start, s.Start)
	// The last four words, kept in a ring rather than a slice of the
	// whole sentence's words: most numbers are not in a dial context, so
	// every sentence before one would be split for nothing.
	var last [4]string
	n := 0
	for w := range checker.WordSeq(b.Lower[start:s.Start]) {
		last[n%len(last)] = w
		n++
	}
	for _, w := range last[:min(n, len(last))] {
		if dialWords[w] {
			return true
		}
	}
	pre := strings.TrimRight(b.Text[max(0, s.Start-3):s.Start], " *_(")
	return strings.HasSuffix(pre, ":")
}

// normalizeNumbers turns configured numbers into their digits.
func normalizeNumbers(values []string) []string {
	out := make([]string, 0, len(values))
	for _, v := range values {
		if d := phoneDigits(v); d != "" {
			out = append(out, d)
		}
	}
	return out
}

// numberGiven reports whether the document gives one of the numbers (as
// digits) in a way a reader can use: a full phone number anywhere, a short
// number (911, 988, 116 123) only in a dial context and not in an address.
// extra, when set, must also hold for short numbers (the 988 check wants
// the Lifeline named or a dial word).
func numberGiven(doc *checker.Document, numbers []string, extra func(*checker.Block, phoneNumber) bool) bool {
	nums := numbersOf(doc)
	for i, b := range doc.Blocks {
		for _, n := range nums.block(i, b) {
			if !containsString(numbers, n.Digits) {
				continue
			}
			if n.Full && len(n.Digits) == 10 {
				return true
			}
			if isAddressNumber(b, n.Span) {
				continue
			}
			if dialContext(b, n.Span) || extra != nil && extra(b, n) {
				return true
			}
		}
	}
	return false
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// phraseGiven reports whether one of the phrases occurs in the prose or in
// a link destination.
func phraseGiven(doc *checker.Document, phrases []string) bool {
	for _, ph := range phrases {
		ph = strings.ToLower(strings.TrimSpace(ph))
		if ph == "" {
			continue
		}
		for _, b := range doc.Blocks {
			if strings.Contains(b.Lower, ph) {
				return true
			}
		}
		for _, l := range doc.Links {
			if strings.Contains(strings.ToLower(l.Destination), ph) {
				return true
			}
		}
	}
	return false
}

// ---- Review dates ----

var (
	monthAbbrevDot = mustGated(`(?i)\b(jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.`)
	septRe         = mustGated(`(?i)\bsept\b`)
)

// parseReviewDate reads a date as editors write it, also "Sept. 8, 2026".
func parseReviewDate(s string) (time.Time, error) {
	s = strings.TrimSpace(strings.Trim(strings.TrimSpace(s), "*_"))
	// Most review dates are ISO ("last_reviewed: 2026-09-14"). Such a date
	// has no abbreviation or ordinal to rewrite and ParseDate's first
	// layout reads it, so reading it here skips five regex replacements;
	// one that does not parse (2026-02-30) takes the long way for
	// ParseDate's error.
	if isISODate(s) {
		if t, err := time.Parse(time.DateOnly, s); err == nil {
			return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), nil
		}
	}
	s = monthAbbrevDot.ReplaceAllString(s, "$1")
	s = septRe.ReplaceAllString(s, "Sep")
	return checker.ParseDate(s)
}

// isISODate reports whether s has the shape YYYY-MM-DD.
func isISODate(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if i != 4 && i != 7 && !isDigit(s[i]) {
			return false
		}
	}
	return true
}

// quoteShort quotes prose for a message, cut to about 80 bytes.
func quoteShort(s string) string {
	s = strings.TrimSpace(s)
	if len(s) > 80 {
		cut := strings.LastIndexByte(s[:80], ' ')
		if cut < 40 {
			cut = 80
		}
		s = s[:cut] + "..."
	}
	return fmt.Sprintf("%q", s)
}

// wholeWordPattern turns a literal phrase into a regexp that matches it on
// word boundaries (where the phrase starts or ends with a word character);
// whitespace inside the phrase matches any whitespace run.
func wholeWordPattern(p string) string {
	fields := strings.Fields(p)
	for i, f := range fields {
		fields[i] = regexp.QuoteMeta(f)
	}
	body := strings.Join(fields, `\s+`)
	if p != "" && isWordByte(p[0]) {
		body = `\b` + body
	}
	if p != "" && isWordByte(p[len(p)-1]) {
		body += `\b`
	}
	return body
}
