package checker

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestDocumentMemo(t *testing.T) {
	doc := Parse("memo.md", []byte("# Title\n\nCall 911.\n"))
	calls := 0
	count := func() any { calls++; return calls }
	for i := 0; i < 3; i++ {
		if v := doc.Memo("a", count).(int); v != 1 {
			t.Fatalf("Memo(a) = %d on call %d, want the first value 1", v, i)
		}
	}
	if v := doc.Memo("b", count).(int); v != 2 {
		t.Fatalf("Memo(b) = %d, want 2: each key is computed once", v)
	}
	if calls != 2 {
		t.Fatalf("f ran %d times, want 2", calls)
	}
	// Another parse of the same file starts with an empty memo.
	if v := Parse("memo.md", []byte("x\n")).Memo("a", func() any { return 7 }).(int); v != 7 {
		t.Fatalf("Memo on a new document = %d, want 7", v)
	}
}

// asciiBytewise is textBuilder.ascii one byte at a time, without the
// eight-byte steps.
func (tb *textBuilder) asciiBytewise(src []byte, i, end int) int {
	w := len(tb.text)
	text, lower := tb.text[:cap(tb.text)], tb.lower[:cap(tb.lower)]
	prev := -2
	for ; i < end; i++ {
		c := src[i]
		if c >= utf8.RuneSelf {
			break
		}
		if !verbatim[c] {
			if w == tb.begin || text[w-1] == ' ' {
				continue
			}
			c = ' '
		}
		if i != prev+1 {
			tb.text = text[:w]
			tb.mapNext(i, i+1)
		}
		text[w], lower[w] = c, lowerASCII[c]
		w++
		prev = i
	}
	tb.text, tb.lower = text[:w], lower[:w]
	return i
}

// TestASCIIMatchesBytewise holds textBuilder.ascii's eight-byte steps to
// the plain loop: the same prose, lowercase and source runs, whatever the
// bytes and whatever the builder holds already.
func TestASCIIMatchesBytewise(t *testing.T) {
	alphabet := []string{"a", "A", "Z", "\x1f", "m", "@", "[", "`", "{", "~", "\x7f", " ", " ", " ", "  ", "\t", "\n", "\r\n", "\x01", "\f", "\v", "é", "\u00a0", "’", "😀", "\x80", "\x9f", "\xff", "0", "."}
	r := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		var b strings.Builder
		for range r.IntN(60) {
			if r.IntN(3) == 0 {
				b.WriteString("Word Of Text")
			}
			b.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		src := []byte(b.String())
		got, want := newTextBuilder(len(src)+64), newTextBuilder(len(src)+64)
		for i := 0; i < len(src); {
			switch r.IntN(8) {
			case 0:
				got.block(KindParagraph)
				want.block(KindParagraph)
			case 1:
				got.space(i, i+1)
				want.space(i, i+1)
			}
			if src[i] >= utf8.RuneSelf {
				got.push(src[i], i, i+1)
				want.push(src[i], i, i+1)
				i++
				continue
			}
			end := min(len(src), i+1+r.IntN(24))
			got.text, got.lower = slices.Grow(got.text, end-i), slices.Grow(got.lower, end-i)
			want.text, want.lower = slices.Grow(want.text, end-i), slices.Grow(want.lower, end-i)
			gi, wi := got.ascii(src, i, end), want.asciiBytewise(src, i, end)
			if gi != wi || string(got.text) != string(want.text) || string(got.lower) != string(want.lower) || !slices.Equal(got.runs, want.runs) {
				t.Fatalf("%q from %d to %d: stopped at %d, want %d\ntext %q\nwant %q\nlower %q\nwant  %q\nruns %v\nwant %v",
					src, i, end, gi, wi, got.text, want.text, got.lower, want.lower, got.runs, want.runs)
			}
			i = gi
		}
	}
}
