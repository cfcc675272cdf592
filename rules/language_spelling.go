package rules

import (
	_ "embed"
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/golangci/misspell"

	"github.com/healthlint/healthlint/checker"
)

//go:embed data/spelling-medical.yaml
var spellingMedicalYAML []byte

// spellingData is the layout of data/spelling-medical.yaml and of a
// user's data: {spelling: FILE}: misspelling -> correct spelling.
type spellingData struct {
	Source string            `yaml:"source"`
	Words  map[string]string `yaml:"words"`
}

func (d *spellingData) validate() error {
	for w, r := range d.Words {
		if strings.TrimSpace(w) == "" {
			return fmt.Errorf("an empty misspelling (corrected to %q)", r)
		}
		if strings.EqualFold(w, r) {
			return fmt.Errorf("%q is corrected to itself", w)
		}
	}
	return nil
}

// spellingSet is the compiled word list: misspell's lists plus the
// medical addendum plus a user's file.
type spellingSet struct {
	// words maps a lowercase misspelling to its correction and origin.
	words map[string]spellingEntry
	// order lists the words in the order they were first added, which
	// is the order of their phrases: stable without sorting 31,000 keys
	// at every start-up.
	order []string
}

// spellingEntry is one misspelling's correction and where it comes from.
type spellingEntry struct {
	right  string
	origin string // "misspell", "medical", "user", "US" or "UK"
}

func buildSpelling(medical *spellingData) *spellingSet {
	n := (len(misspell.DictMain)+len(misspell.DictAmerican)+len(misspell.DictBritish))/2 + len(medical.Words)
	s := &spellingSet{words: make(map[string]spellingEntry, n), order: make([]string, 0, n)}
	add := func(pairs []string, origin string, override bool) {
		for i := 0; i+1 < len(pairs); i += 2 {
			k := strings.ToLower(pairs[i])
			_, ok := s.words[k]
			if ok && !override {
				continue
			}
			if !ok {
				s.order = append(s.order, k)
			}
			s.words[k] = spellingEntry{right: pairs[i+1], origin: origin}
		}
	}
	add(misspell.DictMain, "misspell", true)
	for _, w := range slices.Sorted(maps.Keys(medical.Words)) {
		add([]string{w, medical.Words[w]}, "medical", true)
	}
	// Locale conversions only where the main lists say nothing.
	add(misspell.DictAmerican, "US", false)
	add(misspell.DictBritish, "UK", false)
	return s
}

// mergeSpelling layers a user's file over the built-in set: a correction
// of "" removes a built-in entry.
func mergeSpelling(base *spellingSet, user []byte) (*spellingSet, error) {
	var u spellingData
	if err := decodeStrict(user, &u); err != nil {
		return nil, err
	}
	for w := range u.Words {
		if strings.TrimSpace(w) == "" {
			return nil, fmt.Errorf("an empty misspelling")
		}
	}
	out := &spellingSet{words: make(map[string]spellingEntry, len(base.words)+len(u.Words))}
	for k, v := range base.words {
		out.words[k] = v
	}
	var added []string
	for _, w := range slices.Sorted(maps.Keys(u.Words)) {
		r := u.Words[w]
		k := strings.ToLower(w)
		if r == "" {
			delete(out.words, k)
			continue
		}
		if strings.EqualFold(w, r) {
			return nil, fmt.Errorf("%q is corrected to itself", w)
		}
		if _, ok := base.words[k]; !ok {
			added = append(added, k)
		}
		out.words[k] = spellingEntry{right: r, origin: "user"}
	}
	// The base order without removed words, then the new ones (a word
	// written twice, "Foo" and "foo", counts once).
	out.order = make([]string, 0, len(out.words))
	listed := make(map[string]bool, len(added))
	for _, k := range slices.Concat(base.order, added) {
		if _, ok := out.words[k]; ok && !listed[k] {
			listed[k] = true
			out.order = append(out.order, k)
		}
	}
	return out, nil
}

// builtinSpelling builds the built-in set afresh: its phrases are built
// once, at start-up, and the set itself (a 31,000-entry map) is needed
// again only to merge a user's file, so it is not kept for the collector
// to scan on every cycle of a run.
func builtinSpelling() *spellingSet {
	return buildSpelling(mustDecode("spelling-medical.yaml", spellingMedicalYAML, (*spellingData).validate))
}

// spellingPhrases builds one phrase per misspelling, in a stable order.
// The phrases and their payloads are allocated as two arrays rather than
// one by one: the built-in set has about 31,000 of each, built at every
// start-up.
func spellingPhrases(s *spellingSet) []*checker.Phrase {
	keys := s.order
	phrases := make([]checker.Phrase, len(keys))
	data := make([]spellingMatch, len(keys))
	out := make([]*checker.Phrase, len(keys))
	for i, k := range keys {
		e := s.words[k]
		data[i] = spellingMatch{right: e.right, origin: e.origin}
		phrases[i] = checker.Phrase{Text: k, Data: &data[i]}
		out[i] = &phrases[i]
	}
	return out
}

// spellingMatch is the payload of a misspelling phrase.
type spellingMatch struct {
	right, origin string
}

// LanguageSpelling flags misspelled words, from misspell's list plus a
// medical addendum.
var LanguageSpelling = &checker.Rule{
	ID:       "language/spelling",
	Title:    "a commonly misspelled word, including drug, condition and treatment names",
	Severity: checker.SeverityWarning,
	Sources: []checker.Source{
		{Title: "misspell: commonly misspelled English words (golangci/misspell)", URL: "https://github.com/golangci/misspell"},
		{Title: "MedlinePlus: drugs, herbs and supplements (spellings of drug names)", URL: "https://medlineplus.gov/druginformation.html"},
	},
	Options: []checker.Option{
		{Name: "dictionary", Kind: checker.OptStrings, Default: []string{},
			Doc: "words never flagged (product names, local spellings), case-insensitive"},
		{Name: "locale", Kind: checker.OptString, Default: "", Choices: []string{"", "US", "UK"},
			Doc: `also flag British spellings ("US") or American spellings ("UK")`},
	},
	Fixable: true,
	Phrases: spellingPhrases(builtinSpelling()),
	Doc: `A misspelled drug name is more than a typo: "fentynal" or "naltrexon" is what a
reader may type into a search box or a pharmacy form, and misspellings make a
health page look careless. The rule uses misspell's list of commonly
misspelled English words plus a medical addendum of drug, condition and
treatment words ("buprenorphrine", "withdrawl", "diabeties").

Code, URLs, front matter and words in capitals or mixed case (acronyms,
product names) are never checked, nor are words inside a multi-word proper
name. Words listed in the dictionary option are never flagged.

Bad:

    Naltrexon can reduce cravings during withdrawl.

Good:

    Naltrexone can reduce cravings during withdrawal.

--fix writes the correction, keeping a leading capital. Extend or override the
medical addendum with data: {spelling: FILE} (misspelling: correction; an
empty correction removes an entry).`,
	Run: runSpelling,
}

func runSpelling(p *checker.Pass) {
	_, matches, err := datasetMatches(p, "spelling", builtinSpelling, mergeSpelling, spellingPhrases)
	if err != nil {
		reportDataError(p, err)
		return
	}
	dict := map[string]bool{}
	for _, w := range p.Strings("dictionary") {
		dict[strings.ToLower(strings.TrimSpace(w))] = true
	}
	locale := p.String("locale")
	for _, m := range matches {
		sm, ok := m.Phrase.Data.(*spellingMatch)
		if !ok {
			continue
		}
		if (sm.origin == "US" || sm.origin == "UK") && sm.origin != locale {
			continue
		}
		text := m.String()
		if dict[strings.ToLower(text)] || !plainCase(text) || inURLOrPath(m.Block.Text, m.Text) {
			continue
		}
		if startsCapitalised(text) && InProperName(m.Block, m.Text) {
			continue
		}
		right := checker.MatchCase(text, sm.right)
		f := checker.Finding{
			Span:       m.Source(),
			Message:    fmt.Sprintf("%q is a misspelling of %q", text, right),
			Suggestion: fmt.Sprintf("write %q, or add %q to the dictionary option of language/spelling if it is right", right, strings.ToLower(text)),
			Key:        strings.ToLower(text),
		}
		if edit, ok := replacementEdit(p.Doc, m, right); ok {
			f.Fixes = []checker.Fix{{Description: checker.ReplaceDescription(text, right), Edits: []checker.Edit{edit}}}
		}
		p.Report(f)
	}
}

// plainCase reports whether a word is written in lower case or with one
// leading capital: words in capitals ("NALTREXON") and mixed case
// ("iCare") are acronyms and product names, never checked.
func plainCase(s string) bool {
	first := true
	for _, r := range s {
		if unicode.IsUpper(r) && !first {
			return false
		}
		if unicode.IsLetter(r) {
			first = false
		}
	}
	return true
}

// inURLOrPath reports whether a span sits in a token that is a URL, an
// e-mail address, a domain, a file name or a path.
func inURLOrPath(text string, s checker.Span) bool {
	start, end := s.Start, s.End
	for start > 0 {
		r, size := utf8.DecodeLastRuneInString(text[:start])
		if unicode.IsSpace(r) || r == checker.CodePlaceholder {
			break
		}
		start -= size
	}
	for end < len(text) {
		r, size := utf8.DecodeRuneInString(text[end:])
		if unicode.IsSpace(r) || r == checker.CodePlaceholder {
			break
		}
		end += size
	}
	tok := strings.TrimRight(text[start:end], `.,;:!?)"'`)
	if strings.ContainsAny(tok, "/\\@") || strings.Contains(tok, "://") || strings.HasPrefix(strings.ToLower(tok), "www.") {
		return true
	}
	// A dot glued to the word on either side: a domain or a file name.
	inner := tok
	return strings.Contains(strings.Trim(inner, "."), ".") && hasDotNeighbour(text, s)
}

func hasDotNeighbour(text string, s checker.Span) bool {
	before := s.Start > 1 && text[s.Start-1] == '.' && isWordByte(text[s.Start-2])
	after := s.End+1 < len(text) && text[s.End] == '.' && isWordByte(text[s.End+1])
	return before || after
}
