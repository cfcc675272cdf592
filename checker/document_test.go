package checker

import "testing"

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
