package checker

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"testing"
)

// TestAutomatonAgainstNaive compares every occurrence the automaton
// reports with a naive search, on random patterns over a small alphabet
// (so that overlaps and shared prefixes and suffixes are common).
func TestAutomatonAgainstNaive(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	// A small alphabet makes overlaps common; a large one gives states
	// with many edges (the sorted-edge search).
	alphabet := "abc "
	word := func(n int) string {
		var b strings.Builder
		for i := 0; i < n; i++ {
			b.WriteByte(alphabet[rng.IntN(len(alphabet))])
		}
		return b.String()
	}
	for round := 0; round < 400; round++ {
		if round == 200 {
			alphabet = "abcdefghijklmnopqrstuvwxyz"
		}
		seen := map[string]bool{}
		var pats []string
		for len(pats) < 1+rng.IntN(30)+round/2*5 {
			// Odd rounds have no one-byte pattern, so the walk skips
			// from pattern start to pattern start (acAutomaton.starts).
			if p := word(1 + round%2 + rng.IntN(6)); !seen[p] {
				seen[p] = true
				pats = append(pats, p)
			}
		}
		text := word(rng.IntN(200))
		if round%3 == 0 {
			// Bytes no pattern holds take the DFA's catch-all class.
			text = strings.ReplaceAll(text, "a", "xé")
		}
		a := newACAutomaton(pats)
		if a.delta == nil {
			t.Fatal("no DFA for a small automaton")
		}
		if round%2 == 1 && round >= 200 && a.starts == nil {
			t.Fatalf("no start pairs for %d patterns of two bytes or more", len(pats))
		}
		var got []string
		a.Walk([]byte(text), func(end, n, p int) bool {
			got = append(got, fmt.Sprintf("%d:%d", end-n+1, p))
			return true
		})
		// The sparse walk (used past maxDFAEntries) must agree.
		sparseWalker := buildAutomaton(pats, false, 0)
		if sparseWalker.delta != nil {
			t.Fatal("a DFA was built past its limit")
		}
		var sparse []string
		sparseWalker.Walk([]byte(text), func(end, n, p int) bool {
			sparse = append(sparse, fmt.Sprintf("%d:%d", end-n+1, p))
			return true
		})
		if strings.Join(got, ",") != strings.Join(sparse, ",") {
			t.Fatalf("patterns %q text %q: DFA %v, sparse walk %v", pats, text, got, sparse)
		}
		var want []string
		for pi, p := range pats {
			for i := 0; i+len(p) <= len(text); i++ {
				if text[i:i+len(p)] == p {
					want = append(want, fmt.Sprintf("%d:%d", i, pi))
				}
			}
		}
		sort.Strings(got)
		sort.Strings(want)
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Fatalf("patterns %q text %q:\n got %v\nwant %v", pats, text, got, want)
		}
	}
}

func BenchmarkAutomatonBuildDictionary(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 1))
	var pats []string
	seen := map[string]bool{}
	for len(pats) < 15000 {
		var w strings.Builder
		for i := 0; i < 5+rng.IntN(8); i++ {
			w.WriteByte(byte('a' + rng.IntN(26)))
		}
		if !seen[w.String()] {
			seen[w.String()] = true
			pats = append(pats, w.String())
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		newACAutomaton(pats)
	}
}

func TestLiteralSet(t *testing.T) {
	set := NewLiteralSet([]string{"Et al", "doi:", "pmid"})
	for s, want := range map[string]bool{
		"Smith ET AL. 2020": true, "see DOI:10.1/x": true, "PMID 123": true,
		"pm id": false, "": false, "etal": false, "caf\u00e9 et a": false,
	} {
		if got := set.In(s); got != want {
			t.Errorf("In(%q) = %v, want %v", s, got, want)
		}
	}
	var none *LiteralSet
	if !none.In("anything") || NewLiteralSet(nil) != nil {
		t.Error("an empty set must hold everything (no gate)")
	}
}

// TestWalkDFAWordsIsWalkPlusEachWord pins the fused walk to the two walks
// it stands for, on text with multibyte word and non-word runes and
// invalid bytes (which eachWord counts one rune each): every hit, and
// every word the filter may hold, for a filter that holds every word and
// one that holds a few.
func TestWalkDFAWordsIsWalkPlusEachWord(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	pieces := []string{"a", "b", "ab", " ", "-", "é", "ß", "日", "—", "\u00a0", "\xff", "\xc3", "\x80", "_", "1", "'", "\n"}
	for round := 0; round < 5000; round++ {
		var sb strings.Builder
		for n := rng.IntN(40); n > 0; n-- {
			sb.WriteString(pieces[rng.IntN(len(pieces))])
		}
		checkWalkDFAWords(t, sb.String())
	}
}

// FuzzWalkDFAWords is TestWalkDFAWordsIsWalkPlusEachWord on any text.
func FuzzWalkDFAWords(f *testing.F) {
	for _, s := range []string{"ab b a-b é", "ba ab\xff\xc3日 1 ab", "a\u00a0b — ab_1'ab"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > 4000 {
			return
		}
		checkWalkDFAWords(t, text)
	})
}

var walkWordsAutomaton = newACAutomaton([]string{"ab", "b a", "a-b", "é", "ba ", "1", "日 1", "\xc3"})

var walkWordsEvery, walkWordsFew = func() (every, few wordFilter) {
	for i := range every {
		every[i] = ^uint64(0)
	}
	for _, w := range []string{"a", "ab", "éa", "b1", "日"} {
		few.add(w)
	}
	return
}()

// checkWalkDFAWords compares walkDFAWords on text with Walk and eachWord.
func checkWalkDFAWords(t *testing.T, text string) {
	t.Helper()
	a := walkWordsAutomaton
	for _, filter := range []*wordFilter{&walkWordsEvery, &walkWordsFew} {
		var want, got []string
		a.Walk([]byte(text), func(end, n, p int) bool {
			want = append(want, fmt.Sprintf("hit %d %d %d", end, n, p))
			return true
		})
		eachWord([]byte(text), func(start, end int, h uint32) {
			if filter.mayHold(h) {
				want = append(want, fmt.Sprintf("word %d %d %d", start, end, h))
			}
		})
		a.walkDFAWords([]byte(text), filter, func(end, n, p int) {
			got = append(got, fmt.Sprintf("hit %d %d %d", end, n, p))
		}, func(start, end int, h uint32) {
			got = append(got, fmt.Sprintf("word %d %d %d", start, end, h))
		})
		// The fused walk interleaves the two; each keeps its order.
		sort.SliceStable(got, func(i, j int) bool { return got[i][0] > got[j][0] })
		sort.SliceStable(want, func(i, j int) bool { return want[i][0] > want[j][0] })
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Fatalf("%q:\n got %v\nwant %v", text, got, want)
		}
	}
}
