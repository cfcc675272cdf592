package checker

import (
	"fmt"
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
		"a long preamble before we reverify it, then verify all your benefits, and this is not really medical advice at all",
	}
	skipped := false // some candidate started past the text's start
	defer func() {
		if !skipped {
			t.Error("no candidate skipped the start of a text")
		}
	}()
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
			from := set.CandidatesFrom(text)
			for _, c := range from {
				skipped = skipped || c.From > 0
			}
			if len(from) != len(cands) {
				t.Errorf("%q: CandidatesFrom gives %v, Candidates %v", text, from, cands)
			}
			for _, c := range from {
				// Reading from c.From finds every match reading
				// from the start finds.
				want := fmt.Sprint(res[c.Regex].FindAllStringIndex(text, -1))
				var got [][]int
				for _, loc := range res[c.Regex].FindAllStringIndex(text[c.From:], -1) {
					got = append(got, []int{c.From + loc[0], c.From + loc[1]})
				}
				if !cands[c.Regex] || fmt.Sprint(got) != want {
					t.Errorf("%q, regex %d from %d: matches %v, want %v", text, c.Regex, c.From, got, want)
				}
			}
			for i, re := range res[:n] {
				if re.MatchString(text) && !cands[i] {
					t.Errorf("%q: regex %d matches but is not a candidate", text, i)
				}
			}
		}
	}
}
