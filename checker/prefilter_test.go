package checker

import (
	"reflect"
	"sort"
	"testing"
)

func TestRequiredLiterals(t *testing.T) {
	cases := map[string][]string{
		`(?i)\bclinically proven\b`:                   {"clinically proven"},
		`(?i)\b(guarantee[ds]?|promise)\b`:            {"guarantee", "promise"},
		`(?i)\bonly \d+ beds? (left|available)\b`:     {"only "},
		`(?i)\b\d{1,3}% of (our )?(clients|patients)`: {"clients", "patients"},
		`\d+`:                                {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"},
		`\w+`:                                nil,
		`[★⭐]+`:                              {"★", "⭐"},
		`(?i)(cure|x*)`:                      nil,
		`(?i)#1\b`:                           {"#1"},
		`(?i)\b(no|zero) side[- ]effects?\b`: {"effect"},
	}
	for expr, want := range cases {
		got := requiredLiterals(expr)
		sort.Strings(got)
		sort.Strings(want)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("requiredLiterals(%q) = %q, want %q", expr, got, want)
		}
	}
}

// TestGatedRegexStillMatches checks that gating never loses a match: the
// same regex phrases find the same spans with and without gates.
func TestGatedRegexStillMatches(t *testing.T) {
	rule := &Rule{ID: "t/r", Phrases: []*Phrase{
		{Regex: `\b(guarantee[ds]?|promise)\b`},
		{Regex: `\bonly \d+ beds? left\b`},
		{Regex: `\d+%`},
	}}
	m := newMatcher([]*Rule{rule})
	doc := Parse("t.md", []byte("We GUARANTEE it. Only 3 beds left!\n\nNothing here.\n\n90% promise.\n"))
	var got []string
	for _, x := range m.run(doc).byRule[0] {
		got = append(got, x.String())
	}
	want := []string{"GUARANTEE", "Only 3 beds left", "90%", "promise"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if !m.regexes[0].gated || !m.regexes[1].gated || !m.regexes[2].gated {
		t.Errorf("gates: %+v", m.regexes)
	}
}

// A literal that is only a space requires nothing; it must not gate.
func TestGateIgnoresWhitespaceLiterals(t *testing.T) {
	rule := &Rule{ID: "t/r", Phrases: []*Phrase{{Regex: `\b(?:no|zero) (?:out[- ]of[- ]pocket|copays?)\b`}}}
	m := newMatcher([]*Rule{rule})
	doc := Parse("t.md", []byte("Rehab at no out-of-pocket cost.\n"))
	if got := m.run(doc).byRule[0]; len(got) != 1 || got[0].String() != "no out-of-pocket" {
		t.Fatalf("got %v", got)
	}
}
