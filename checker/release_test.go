package checker

import (
	"encoding/json"
	"strings"
	"testing"
)

// A rule may quote prose as it is in a finding. The diagnostics Flatten
// makes must survive the document's release and the next parse writing
// over the arrays its prose was on.
func TestDiagnosticsOutliveRelease(t *testing.T) {
	doc := Parse("t.md", []byte("# Title\n\nKetamine cures depression fast. Call now.\n"))
	b := doc.Blocks[1]
	quote, lower := b.Text[:14], b.Lower[:8]
	if !doc.sharesProse(quote) || !doc.sharesProse(lower) || doc.sharesProse(strings.Clone(quote)) {
		t.Fatal("sharesProse does not tell prose from a copy")
	}
	f := Finding{
		Rule: "t/r", Span: b.SourceSpan(Span{Start: 0, End: 14}), Message: quote, Suggestion: lower,
		Fixes: []Fix{{Description: quote, Edits: []Edit{{Start: 9, End: 10, NewText: lower}}}},
	}
	diags := Flatten(doc, "t.md", []Finding{f})
	want, err := json.Marshal(diags)
	if err != nil {
		t.Fatal(err)
	}
	arrays := doc.arrays
	doc.Release()
	if doc.arrays != nil || doc.Blocks != nil {
		t.Fatal("a released document still points at its arrays")
	}
	text, low := arrays.text[:cap(arrays.text)], arrays.lower[:cap(arrays.lower)]
	for i := range text {
		text[i], low[i] = 'X', 'X'
	}
	Parse("u.md", []byte("Something else entirely, long enough to cover the old prose.\n"))
	got, err := json.Marshal(diags)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Fatalf("diagnostics changed after release:\n got %s\nwant %s", got, want)
	}
	if !strings.Contains(string(got), "Ketamine cures") {
		t.Fatalf("diagnostics lost the quoted prose: %s", got)
	}
}

// Parse after Release builds the same document as on fresh arrays, even
// when the arrays it gets back are too small or were written over.
func TestParseOnReleasedArrays(t *testing.T) {
	small := Parse("a.md", []byte("Hi.\n"))
	small.Release()
	src := []byte("# Heading\n\nA [link](https://example.org) and a footnote.[^1]\n\n- item one\n- item two\n\n[^1]: Note.\n")
	fresh := Parse("b.md", src)
	want := describeBlocks(fresh)
	fresh.Release()
	for range 3 {
		again := Parse("b.md", src)
		if got := describeBlocks(again); got != want {
			t.Fatalf("parse on released arrays:\n got %s\nwant %s", got, want)
		}
		again.Release()
	}
}

func describeBlocks(d *Document) string {
	var sb strings.Builder
	for _, b := range d.Blocks {
		sp := b.SourceSpan(Span{Start: 0, End: len(b.Text)})
		j, _ := json.Marshal(struct {
			Kind      BlockKind
			Text      string
			Sentences []Span
			Citations []Citation
			Source    Span
		}{b.Kind, b.Text, b.Sentences, b.Citations, sp})
		sb.Write(j)
		sb.WriteByte('\n')
	}
	return sb.String()
}

// Release clears what the document used of its block slab and citations,
// so pooled arrays keep nothing of it alive, and drops a huge file's
// arrays instead of pooling them.
func TestReleaseClearsAndBounds(t *testing.T) {
	// Over 2 KB, so the builder starts with room for citations.
	doc := Parse("a.md", []byte("# A [link](https://example.org)\n\nSome text.[^1]\n\n"+strings.Repeat("More prose here. ", 150)+"\n\n[^1]: Note.\n"))
	arrays := doc.arrays
	if len(arrays.blocks) != len(doc.Blocks) || len(arrays.cites) == 0 {
		t.Fatalf("arrays record %d blocks and %d citations for %d blocks", len(arrays.blocks), len(arrays.cites), len(doc.Blocks))
	}
	doc.Release()
	for i, b := range arrays.blocks {
		if b.Text != "" || b.memo != nil || b.Sentences != nil {
			t.Fatalf("block %d still holds the document: %+v", i, b)
		}
	}
	for i, c := range arrays.cites {
		if c != (Citation{}) {
			t.Fatalf("citation %d still holds the document: %+v", i, c)
		}
	}
	big := Parse("big.md", []byte(strings.Repeat("A long line of prose. ", maxPooledProse/16)))
	bigText := big.arrays.text
	big.Release()
	for range 4 {
		d := Parse("c.md", []byte("Small.\n"))
		if cap(d.arrays.text) == cap(bigText) {
			t.Fatal("a huge file's arrays were pooled")
		}
		d.Release()
	}
}

func TestUsedOf(t *testing.T) {
	first := make([]int, 0, 8)
	if got := usedOf(first, first[:3]); got != 3 {
		t.Errorf("same array: %d, want 3", got)
	}
	if got := usedOf(first, make([]int, 2, 16)); got != 8 {
		t.Errorf("moved on: %d, want 8", got)
	}
	if got := usedOf([]int(nil), first); got != 0 {
		t.Errorf("no first array: %d, want 0", got)
	}
}

// A huge page's match array does not go back to the pool.
func TestHugeMatchArraysAreNotPooled(t *testing.T) {
	rule := &Rule{ID: "t/r", Phrases: []*Phrase{{Text: "cure"}}}
	m := newMatcher([]*Rule{rule})
	doc := Parse("huge.md", []byte(strings.Repeat("cure ", 2*maxPooledItems)))
	dm := m.run(doc)
	if n := len(dm.byRule[0]); n != 2*maxPooledItems {
		t.Fatalf("%d matches, want %d", n, 2*maxPooledItems)
	}
	dm.release()
	for range 4 {
		if arr, ok := matchArrays.Get().(*[]Match); ok && cap(*arr) > maxPooledItems {
			t.Fatalf("a match array of %d went back to the pool", cap(*arr))
		}
	}
}
