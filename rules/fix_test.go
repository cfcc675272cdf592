package rules

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/healthlint/healthlint/checker"
	"github.com/healthlint/healthlint/checker/checkertest"
)

// update refreshes golden files: go test ./... -update
var update = flag.Bool("update", false, "rewrite .golden files with the current output")

// fixRoot holds fix fixtures: testdata/fix/<category>/<name>/[sub/]*.md,
// each with the expected fixed file beside it as *.md.golden. A
// .healthlint.yaml in a fixture directory applies to its files.
var fixRoot = filepath.Join("..", "testdata", "fix")

// TestFixGolden applies every fixable rule's fixes to its fixtures and
// compares the result with the golden file; a second run must change
// nothing, and every byte outside the edits must be unchanged.
func TestFixGolden(t *testing.T) {
	reg := Registry()
	dirs := map[string]string{} // directory -> rule id
	err := filepath.WalkDir(fixRoot, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		rel, _ := filepath.Rel(fixRoot, filepath.Dir(p))
		parts := strings.Split(filepath.ToSlash(rel), "/")
		if len(parts) < 2 {
			t.Fatalf("%s: fix fixtures live in testdata/fix/<category>/<name>/", p)
		}
		dirs[filepath.Dir(p)] = parts[0] + "/" + parts[1]
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	covered := map[string]bool{}
	for dir, id := range dirs {
		if reg.Rule(id) == nil {
			t.Errorf("%s: no rule %s", dir, id)
			continue
		}
		covered[id] = true
		settings := checkertest.SettingsFor(t, reg, dir, id)
		files, _ := filepath.Glob(filepath.Join(dir, "*.md"))
		for _, f := range files {
			f := f
			name, _ := filepath.Rel(fixRoot, f)
			t.Run(filepath.ToSlash(name), func(t *testing.T) { checkFixFile(t, settings, f) })
		}
	}
	for _, r := range reg.Rules {
		if r.Fixable && (r.Category() == "references" || r.Category() == "language") && !covered[r.ID] {
			t.Errorf("%s is fixable but has no fixtures in %s", r.ID, filepath.Join(fixRoot, r.ID))
		}
	}
}

func checkFixFile(t *testing.T, settings *checker.Settings, path string) {
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	findings := check(t, settings, path, src)
	out, fixed := checker.ApplyFixes(src, findings)
	var edits []checker.Edit
	for i, f := range findings {
		if fixed[i] {
			edits = append(edits, f.Fixes[0].Edits...)
		}
	}
	if len(edits) == 0 {
		t.Fatalf("%s: no fix applied; a fix fixture needs at least one", path)
	}
	golden := path + ".golden"
	if *update {
		if err := os.WriteFile(golden, out, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./rules/ -update to create it)", err)
	}
	if !bytes.Equal(out, want) {
		t.Errorf("%s: fixed output differs from %s:\n--- got\n%s\n--- want\n%s", path, golden, out, want)
	}
	assertOnlyEdited(t, src, out, edits)
	if bytes.Contains(src, []byte("\r\n")) && bytes.Count(out, []byte("\n")) != bytes.Count(out, []byte("\r\n")) {
		t.Errorf("%s: CRLF line endings not kept", path)
	}
	// Idempotent: a second run finds nothing left to fix.
	again := check(t, settings, path, out)
	out2, _ := checker.ApplyFixes(out, again)
	if !bytes.Equal(out2, out) {
		t.Errorf("%s: a second --fix run changed the file again:\n%s", path, out2)
	}
}

func check(t *testing.T, settings *checker.Settings, path string, src []byte) []checker.Finding {
	t.Helper()
	findings, _, err := settings.Check(checker.Parse(path, src))
	if err != nil {
		t.Fatal(err)
	}
	return findings
}

// assertOnlyEdited checks that out is src with exactly the edits applied:
// every byte outside them is identical and in the same order.
func assertOnlyEdited(t *testing.T, src, out []byte, edits []checker.Edit) {
	t.Helper()
	sort.Slice(edits, func(i, j int) bool { return edits[i].Start < edits[j].Start })
	si, oi := 0, 0
	for _, e := range edits {
		n := e.Start - si
		if oi+n > len(out) || !bytes.Equal(src[si:e.Start], out[oi:oi+n]) {
			t.Fatalf("text before the edit at byte %d changed", e.Start)
		}
		oi += n
		if !bytes.HasPrefix(out[oi:], []byte(e.NewText)) {
			t.Fatalf("edit at byte %d: output does not hold %q", e.Start, e.NewText)
		}
		oi += len(e.NewText)
		si = e.End
	}
	if !bytes.Equal(src[si:], out[oi:]) {
		t.Fatalf("text after the last edit changed")
	}
}
