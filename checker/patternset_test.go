package checker

import (
	"regexp"
	"testing"
)

// A pattern set matches exactly when one of its regexes does, gated or
// not.
func TestPatternSetAgreesWithRegexes(t *testing.T) {
	res := []*regexp.Regexp{
		regexp.MustCompile(`\bverif(?:y|ies|ied) (?:\w+ ){0,3}(?:benefits|coverage)`),
		regexp.MustCompile(`\bnot (?:\w+ ){0,3}medical advice\b`),
		regexp.MustCompile(`\d+`), // gated by single digits only
		regexp.MustCompile(`.`),   // ungated
	}
	texts := []string{
		"please verify your insurance coverage first", "verify it. coverage varies",
		"this is not medical advice", "not advice", "call 911", "", "benefits verified",
	}
	for n := 1; n <= len(res); n++ {
		set := NewPatternSet(res[:n])
		for _, text := range texts {
			want := false
			for _, re := range res[:n] {
				want = want || re.MatchString(text)
			}
			if got := set.MatchString(text); got != want {
				t.Errorf("%d patterns, %q: got %v, want %v", n, text, got, want)
			}
			if want && !set.Gate().In(text) {
				t.Errorf("%d patterns, %q: a regex matches but the gate rules it out", n, text)
			}
			if n == len(res) && set.Gate() != nil {
				t.Error("a set with an ungated regex has a gate")
			}
			if n < 3 && set.Gate().In("coverage and advice, no verbs") {
				t.Errorf("%d patterns: the gate holds text without the groups it was built from", n)
			}
			cands := map[int]bool{}
			for _, i := range set.Candidates(text) {
				cands[i] = true
			}
			for i, re := range res[:n] {
				if re.MatchString(text) && !cands[i] {
					t.Errorf("%q: regex %d matches but is not a candidate", text, i)
				}
			}
		}
	}
}
