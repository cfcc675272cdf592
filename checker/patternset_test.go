package checker

import (
	"fmt"
	"regexp"
	"strings"
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
			from := set.CandidatesFrom(text)
			for _, c := range from {
				cands[c.Regex] = true
				skipped = skipped || c.From > 0
			}
			if len(from) != len(cands) {
				t.Errorf("%q: CandidatesFrom lists a regex twice: %v", text, from)
			}
			for _, c := range from {
				// Reading from c.From finds every match reading
				// from the start finds.
				want := fmt.Sprint(res[c.Regex].FindAllStringIndex(text, -1))
				var got [][]int
				for _, loc := range res[c.Regex].FindAllStringIndex(text[c.From:], -1) {
					got = append(got, []int{c.From + loc[0], c.From + loc[1]})
				}
				if fmt.Sprint(got) != want {
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

// FuzzPatternSetFrom checks that reading a text from where CandidatesFrom
// says loses no match, on prose as the model builds it.
func FuzzPatternSetFrom(f *testing.F) {
	for _, s := range gatingSeeds {
		f.Add(s, "A long preamble, then only 3 beds left: studies show one in 10 men stay sober, not medical advice.")
	}
	f.Fuzz(func(t *testing.T, expr, text string) {
		if len(expr) > 200 || len(text) > 2000 {
			return
		}
		re, err := regexp.Compile("(?i)" + expr)
		if err != nil {
			return
		}
		// Prose: lowercased ASCII, whitespace as single spaces.
		text = asciiLower(strings.Join(strings.Fields(text), " "))
		if strings.ContainsAny(text, "\v\u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\u017f\u212a") {
			return
		}
		set := NewPatternSet([]*regexp.Regexp{re})
		for _, c := range set.CandidatesFrom(text) {
			want := fmt.Sprint(re.FindAllStringIndex(text, -1))
			var got [][]int
			for _, loc := range re.FindAllStringIndex(text[c.From:], -1) {
				got = append(got, []int{c.From + loc[0], c.From + loc[1]})
			}
			if fmt.Sprint(got) != want {
				t.Fatalf("%q on %q from %d: %v, want %v", expr, text, c.From, got, want)
			}
		}
	})
}
