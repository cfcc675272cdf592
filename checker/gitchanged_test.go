package checker

import (
	"path/filepath"
	"testing"
)

func TestParseDiff(t *testing.T) {
	diff := "diff --git a/a.md b/a.md\n" +
		"--- a/a.md\n+++ b/a.md\n" +
		"@@ -3 +3 @@\n-old\n+new\n" +
		"@@ -10,0 +11,2 @@\n+x\n+y\n" +
		"@@ -20,2 +22,0 @@\n-gone\n-gone\n" +
		"diff --git a/with space.md b/with space.md\n" +
		"--- a/with space.md\t\n+++ b/with space.md\t\n@@ -1 +1 @@\n-a\n+b\n" +
		"diff --git \"a/q\\\"uote\\303\\251.md\" \"b/q\\\"uote\\303\\251.md\"\n" +
		"--- \"a/q\\\"uote\\303\\251.md\"\n+++ \"b/q\\\"uote\\303\\251.md\"\n@@ -0,0 +1 @@\n+new file\n" +
		"diff --git a/gone.md b/gone.md\n--- a/gone.md\n+++ /dev/null\n@@ -1 +0,0 @@\n-bye\n"
	c := &GitChanges{Root: "/repo", files: map[string]*changedFile{}}
	if err := c.parseDiff([]byte(diff)); err != nil {
		t.Fatal(err)
	}
	lines := func(name string) map[int]bool {
		f := c.files[filepath.Join("/repo", name)]
		if f == nil {
			t.Fatalf("%s: not recorded; have %v", name, c.files)
		}
		return f.lines
	}
	a := lines("a.md")
	for _, l := range []int{3, 11, 12} {
		if !a[l] {
			t.Errorf("a.md line %d not changed", l)
		}
	}
	if len(a) != 3 {
		t.Errorf("a.md: %v, want lines 3, 11, 12 (a pure deletion adds none)", a)
	}
	if !lines("with space.md")[1] {
		t.Error("with space.md line 1")
	}
	if !lines("q\"uoteé.md")[1] {
		t.Error("quoted name")
	}
	if _, ok := c.files["/repo/gone.md"]; ok {
		t.Error("a deleted file is recorded")
	}
	if err := c.parseDiff([]byte("+++ b/x.md\n@@ -1 +zz @@\n")); err == nil {
		t.Error("a broken hunk header is accepted")
	}
}

func TestFilterLines(t *testing.T) {
	c := &GitChanges{Root: "/repo", files: map[string]*changedFile{
		"/repo/a.md": {lines: map[int]bool{4: true}},
		"/repo/n.md": {all: true},
	}}
	r := &FileResult{Input: Input{Path: "a.md"}, Diagnostics: []Diagnostic{
		{Line: 1, EndLine: 1, Document: true}, {Line: 2, EndLine: 2}, {Line: 3, EndLine: 4}, {Line: 4, EndLine: 4}, {Line: 5, EndLine: 5},
	}}
	if n := c.FilterLines(r, "/repo"); n != 2 || len(r.Diagnostics) != 3 {
		t.Errorf("dropped %d, kept %+v", n, r.Diagnostics)
	}
	r = &FileResult{Input: Input{Path: "n.md"}, Diagnostics: []Diagnostic{{Line: 9, EndLine: 9}}}
	if c.FilterLines(r, "/repo") != 0 {
		t.Error("an untracked file lost findings")
	}
	r = &FileResult{Input: Input{Path: "other.md"}, Diagnostics: []Diagnostic{{Line: 1, EndLine: 1, Document: true}}}
	if c.FilterLines(r, "/repo") != 1 {
		t.Error("an unchanged file kept a document-level finding")
	}
}
