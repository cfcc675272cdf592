package checker

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
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
	for i := range len(m.first) - 1 {
		n := 0
		for _, tg := range m.targets[m.first[i]:m.first[i+1]] {
			if tg.exception {
				n++
			}
		}
		if n > 1 {
			t.Errorf("pattern %d has %d exception targets, want them merged into one", i, n)
		}
	}
}

// TestLiteralSetInBlock checks the shared pass's answers for listed
// literal sets against the set's own walk, block by block.
func TestLiteralSetInBlock(t *testing.T) {
	reviewed := NewLiteralSet([]string{"Reviewed", "updated"})
	short := NewLiteralSet([]string{"on", "reviewer"}) // "on" is everywhere: not shared
	unlisted := NewLiteralSet([]string{"according to"})
	m := newMatcher([]*Rule{{ID: "a", Literals: []*LiteralSet{reviewed, short, nil}}})
	doc := Parse("x.md", []byte("# Medically REVIEWED\n\nLast updated on May 2.\n\nNothing here.\n\nAccording to the reviewer.\n"))
	m.run(doc)
	for _, b := range doc.Blocks {
		in, known := reviewed.InBlock(b)
		if !known || in != reviewed.In(b.Text) {
			t.Errorf("%q: InBlock = %v, %v; In = %v", b.Text, in, known, reviewed.In(b.Text))
		}
		if _, known := short.InBlock(b); known {
			t.Errorf("%q: a set with a two-byte literal was looked for", b.Text)
		}
		if _, known := unlisted.InBlock(b); known {
			t.Errorf("%q: a set no rule lists was looked for", b.Text)
		}
	}
	if in, _ := reviewed.InBlock(doc.Blocks[2]); in {
		t.Errorf("%q holds no literal", doc.Blocks[2].Text)
	}
	unmatched := Parse("y.md", []byte("Reviewed.\n"))
	if _, known := reviewed.InBlock(unmatched.Blocks[0]); known {
		t.Error("a block the pass never saw has a known answer")
	}
}

// TestExpandMatch pins expandMatch to what it replaced,
// strings.ReplaceAll with fmt's %q, for messages with no, one and two
// placeholders and matches that need escaping.
func TestExpandMatch(t *testing.T) {
	for _, msg := range []string{"no placeholder", "{match} is a claim", "say {match}, not {match}", "{match}{match}{match}", "", "{matc} {match"} {
		for _, match := range []string{"cures", `"quoted" \ back`, "tab\tnew\nline", "é日\u00a0", "\xff"} {
			want := strings.ReplaceAll(msg, "{match}", fmt.Sprintf("%q", match))
			if got := expandMatch(msg, match); got != want {
				t.Errorf("expandMatch(%q, %q) = %q, want %q", msg, match, got, want)
			}
		}
	}
}

// TestLongestFirstMatchesDefinition holds longestFirst to its definition
// on random match lists, sorted as filter leaves them and not: sort in
// block order, then keep each match that does not overlap the last one
// kept in its block.
func TestLongestFirstMatchesDefinition(t *testing.T) {
	blocks := []*Block{{}, {}, {}}
	rng := rand.New(rand.NewPCG(3, 4))
	for round := 0; round < 5000; round++ {
		ms := make([]Match, rng.IntN(12))
		b := 0
		for i := range ms {
			if rng.IntN(4) == 0 && b < len(blocks)-1 {
				b++
			}
			start := rng.IntN(20)
			ms[i] = Match{Block: blocks[b], Text: Span{start, start + 1 + rng.IntN(6)}, Sentence: i}
		}
		if round%2 == 0 {
			sortInBlockOrder(ms) // as filter appends them
		}
		want := slices.Clone(ms)
		sortInBlockOrder(want)
		var kept []Match
		for _, m := range want {
			if n := len(kept); n > 0 && kept[n-1].Block == m.Block && m.Text.Start < kept[n-1].Text.End {
				continue
			}
			kept = append(kept, m)
		}
		got := longestFirst(slices.Clone(ms))
		if !slices.Equal(got, kept) && !(len(got) == 0 && len(kept) == 0) {
			t.Fatalf("longestFirst(%v) = %v, want %v", ms, got, kept)
		}
	}
}

// TestWholeWordMatchesRuneDefinition holds wholeWord's one-byte test for
// ASCII boundaries to the test by runes, on random text mixing ASCII with
// multibyte letters and punctuation.
func TestWholeWordMatchesRuneDefinition(t *testing.T) {
	pieces := []string{"a", "Z", "9", "_", " ", "-", ".", "é", "ß", "’", "—", "\u00a0", "x"}
	rng := rand.New(rand.NewPCG(5, 6))
	for round := 0; round < 2000; round++ {
		var b strings.Builder
		for i := rng.IntN(10); i >= 0; i-- {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		text := b.String()
		for start := 0; start <= len(text); start++ {
			for end := start; end <= len(text); end++ {
				s := Span{start, end}
				if got, want := wholeWord(text, s), wholeWordByRunes(text, s); got != want {
					t.Fatalf("wholeWord(%q, %v) = %v, want %v", text, s, got, want)
				}
			}
		}
	}
}
