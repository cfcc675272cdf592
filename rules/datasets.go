package rules

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/healthlint/healthlint/checker"
)

// This file holds what the data-driven rules (references/*, language/*)
// share: strict YAML decoding, dataset files named in config, dates of
// varying precision, and safe replacement edits.

// decodeStrict decodes YAML into v, rejecting unknown keys so that a typo
// in a data file is an error rather than a silently ignored field.
func decodeStrict(data []byte, v any) error {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	return nil
}

// mustDecode decodes an embedded dataset; a broken built-in file is a
// programming error caught by every test run.
func mustDecode[T any](name string, data []byte, validate func(*T) error) *T {
	v := new(T)
	if err := decodeStrict(data, v); err != nil {
		panic(fmt.Sprintf("rules/data/%s: %v", name, err))
	}
	if err := validate(v); err != nil {
		panic(fmt.Sprintf("rules/data/%s: %v", name, err))
	}
	return v
}

// compiledData is a dataset merged with a user's file and compiled into a
// matcher, built once per Settings.
type compiledData[T any] struct {
	data    *T
	matcher *checker.PhraseMatcher
	err     error
}

// datasetMatches returns the dataset a rule judges its matches against,
// and those matches. Without a data file for key in the config, that is
// nil, standing for the built-in dataset, and the engine's shared
// automaton matches. With one, the built-in data (from builtin, called
// only then) is merged with the file and matched by a matcher compiled
// once per Settings and cached there.
func datasetMatches[T any](p *checker.Pass, key string, builtin func() *T,
	merge func(base *T, user []byte) (*T, error), phrases func(*T) []*checker.Phrase) (*T, []checker.Match, error) {
	path := ""
	if s := p.Settings(); s != nil && s.Config != nil {
		path = s.Config.Data[key]
	}
	if path == "" {
		return nil, p.Matches, nil
	}
	c := p.Settings().Cached("data:"+key+":"+path, func() any {
		data, err := os.ReadFile(path)
		if err != nil {
			return &compiledData[T]{err: fmt.Errorf("data file %s for %q cannot be read: %w", path, key, err)}
		}
		merged, err := merge(builtin(), data)
		if err != nil {
			return &compiledData[T]{err: fmt.Errorf("data file %s for %q: %v; fix the file", path, key, err)}
		}
		m, err := checker.NewPhraseMatcher(phrases(merged))
		if err != nil {
			return &compiledData[T]{err: fmt.Errorf("data file %s for %q: %v; fix the file", path, key, err)}
		}
		return &compiledData[T]{data: merged, matcher: m}
	}).(*compiledData[T])
	if c.err != nil {
		return nil, nil, c.err
	}
	return c.data, c.matcher.Match(p.Doc), nil
}

// reportDataError reports a broken user data file once per document, at
// error severity, so that the run fails until the file is fixed.
func reportDataError(p *checker.Pass, err error) {
	p.Report(checker.Finding{Span: p.Doc.Anchor(), Severity: checker.SeverityError, Key: "data",
		Message: err.Error(), Suggestion: "correct the file named under data: in .healthlint.yaml"})
}

// datePrecision says how much of a date is known.
type datePrecision int

const (
	precisionNone datePrecision = iota
	precisionYear
	precisionMonth
	precisionDay
)

// effectiveDate is a date known to the day, the month or the year.
type effectiveDate struct {
	raw       string
	precision datePrecision
	// from is the first day on which the change had surely happened: the
	// day itself, or the last day of the month or year given.
	from time.Time
}

func parseEffective(s string) (effectiveDate, error) {
	s = strings.TrimSpace(s)
	d := effectiveDate{raw: s}
	switch len(s) {
	case 0:
		return d, nil
	case 4:
		t, err := time.Parse("2006", s)
		if err != nil {
			return d, fmt.Errorf("effective %q is not YYYY, YYYY-MM or YYYY-MM-DD", s)
		}
		d.precision, d.from = precisionYear, t.AddDate(1, 0, -1)
	case 7:
		t, err := time.Parse("2006-01", s)
		if err != nil {
			return d, fmt.Errorf("effective %q is not YYYY, YYYY-MM or YYYY-MM-DD", s)
		}
		d.precision, d.from = precisionMonth, t.AddDate(0, 1, -1)
	default:
		t, err := time.Parse(time.DateOnly, s)
		if err != nil {
			return d, fmt.Errorf("effective %q is not YYYY, YYYY-MM or YYYY-MM-DD", s)
		}
		d.precision, d.from = precisionDay, t
	}
	return d, nil
}

// known reports whether the date is given at all.
func (d effectiveDate) known() bool { return d.precision != precisionNone }

// inForce reports whether the change had happened on asOf. A change with
// no known date is always in force (its findings are capped at info).
func (d effectiveDate) inForce(asOf time.Time) bool {
	if !d.known() {
		return true
	}
	day := time.Date(asOf.Year(), asOf.Month(), asOf.Day(), 0, 0, 0, 0, time.UTC)
	return !day.Before(d.from)
}

// phrase renders the date for a message: "on 2023-03-01", "in 2024-01",
// "in 2023", or "" when unknown.
func (d effectiveDate) phrase() string {
	switch d.precision {
	case precisionDay:
		return "on " + d.raw
	case precisionMonth, precisionYear:
		return "in " + d.raw
	}
	return ""
}

// replacementEdit returns the edit that replaces a match with text, or
// false when the source under the match holds markup (emphasis, a link,
// an entity) that a plain replacement would break. Soft line breaks and
// whitespace runs inside the match are fine: they become one space.
func replacementEdit(doc *checker.Document, m checker.Match, text string) (checker.Edit, bool) {
	span := m.Source()
	if span.Start < 0 || span.End > len(doc.Source) || span.End <= span.Start {
		return checker.Edit{}, false
	}
	src := string(doc.Source[span.Start:span.End])
	if strings.Join(strings.Fields(src), " ") != m.String() {
		return checker.Edit{}, false
	}
	return checker.Edit{Start: span.Start, End: span.End, NewText: keepLineBreak(src, text)}, true
}

// keepLineBreak carries a line break inside the replaced source (a name
// wrapped over two lines) into the replacement, at the space nearest to
// the same relative position, so the paragraph keeps its wrapping, its
// line endings (CRLF stays CRLF) and its indentation.
func keepLineBreak(src, text string) string {
	nl := strings.IndexByte(src, '\n')
	if nl < 0 {
		return text
	}
	start, end := nl, nl+1
	for start > 0 && strings.IndexByte(" \t\r", src[start-1]) >= 0 {
		start--
	}
	for end < len(src) && strings.IndexByte(" \t", src[end]) >= 0 {
		end++
	}
	brk := src[start:end]
	if strings.HasPrefix(brk, " ") || strings.HasPrefix(brk, "\t") {
		brk = strings.TrimLeft(brk, " \t") // no trailing spaces before the break
	}
	target := len(text) * start / len(src)
	best := -1
	for i := 0; i < len(text); i++ {
		if text[i] == ' ' && (best < 0 || distance(i, target) < distance(best, target)) {
			best = i
		}
	}
	if best < 0 {
		return text
	}
	return text[:best] + brk + text[best+1:]
}

func distance(a, b int) int {
	n := a - b
	if n < 0 {
		return -n
	}
	return n
}

// startsCapitalised reports whether the first letter of s is upper case.
func startsCapitalised(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return unicode.IsUpper(r)
		}
	}
	return false
}

// containsWord reports whether lower (lowercase prose) contains w
// (lowercase) as whole words.
func containsWord(lower, w string) bool {
	for off := 0; ; {
		i := strings.Index(lower[off:], w)
		if i < 0 {
			return false
		}
		i += off
		if boundaryBefore(lower, i) && boundaryAfter(lower, i+len(w)) {
			return true
		}
		off = i + 1
	}
}

func boundaryBefore(s string, i int) bool {
	if i == 0 {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_')
}

func boundaryAfter(s string, i int) bool {
	if i >= len(s) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_')
}

// sentenceLower returns the lowercase prose of a match's sentence.
func sentenceLower(m checker.Match) string {
	if m.Sentence < 0 || m.Sentence >= len(m.Block.Sentences) {
		return m.Block.Lower
	}
	s := m.Block.Sentences[m.Sentence]
	return m.Block.Lower[s.Start:s.End]
}

// uniqueIDs checks that ids are non-empty and unique.
func uniqueIDs(what string, ids []string) error {
	seen := map[string]bool{}
	for _, id := range ids {
		if id == "" {
			return fmt.Errorf("a %s has no id", what)
		}
		if seen[id] {
			return fmt.Errorf("%s id %q is used twice", what, id)
		}
		seen[id] = true
	}
	return nil
}

// mergeByID overlays a user's dataset entries on the built-in ones: an
// entry with a built-in's ID replaces it in place, a new ID is appended.
// Built-in entries are copied so that a user file never changes them.
func mergeByID[T any](base, user []*T, id func(*T) string) []*T {
	replaced := map[string]*T{}
	for _, e := range user {
		replaced[id(e)] = e
	}
	out := make([]*T, 0, len(base)+len(user))
	for _, e := range base {
		if r, ok := replaced[id(e)]; ok {
			out = append(out, r)
			delete(replaced, id(e))
			continue
		}
		c := *e
		out = append(out, &c)
	}
	for _, e := range user {
		if _, ok := replaced[id(e)]; ok {
			out = append(out, e)
		}
	}
	return out
}
