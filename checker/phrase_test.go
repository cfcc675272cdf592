package checker

import (
	"fmt"
	"testing"
)

// TestSharedExceptions pins what mergeExceptions may not change: an
// exception shared by many phrases (and rules) still suppresses each of
// them, and only them, while the automaton reports it once.
func TestSharedExceptions(t *testing.T) {
	const exc = "national institute on drug abuse"
	abuse := &Phrase{Text: "drug abuse", Exceptions: []string{exc}}
	institute := &Phrase{Text: "institute", Exceptions: []string{exc}}
	drug := &Phrase{Text: "drug"} // no exception: found inside it (and loses to "drug abuse" later)
	other := &Phrase{Text: "abuse", Exceptions: []string{exc}}
	m := newMatcher([]*Rule{
		{ID: "a", Phrases: []*Phrase{abuse, institute, drug}},
		{ID: "b", Phrases: []*Phrase{other}},
	})
	doc := Parse("x.md", []byte("The National Institute on Drug Abuse studies drug abuse at an institute.\n"))
	res := m.run(doc)
	got := func(ms []Match) string {
		s := ""
		for _, x := range ms {
			s += fmt.Sprintf("[%s@%d]", x.String(), x.Text.Start)
		}
		return s
	}
	if g, w := got(res.byRule[0]), "[Drug@26][drug abuse@45][institute@62]"; g != w {
		t.Errorf("rule a: got %s, want %s", g, w)
	}
	if g, w := got(res.byRule[1]), "[abuse@50]"; g != w {
		t.Errorf("rule b: got %s, want %s", g, w)
	}
	for i, targets := range m.patterns {
		n := 0
		for _, tg := range targets {
			if tg.exception {
				n++
			}
		}
		if n > 1 {
			t.Errorf("pattern %d has %d exception targets, want them merged into one", i, n)
		}
	}
}
