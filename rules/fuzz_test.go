package rules

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/healthlint/healthlint/checker"
	"github.com/healthlint/healthlint/checker/checkertest"
)

func addFixtureSeeds(f *testing.F) {
	filepath.WalkDir(filepath.Join("..", "testdata"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			if data, err := os.ReadFile(p); err == nil {
				f.Add(data)
			}
		}
		return nil
	})
}

var (
	allRulesOnce sync.Once
	allRules     *checker.Settings
)

// allRulesSettings enables every built-in rule. Settings are safe to share,
// and building the automaton once keeps each fuzz input cheap.
func allRulesSettings(t testing.TB) *checker.Settings {
	allRulesOnce.Do(func() {
		reg := Registry()
		allRules = checkertest.SettingsFor(t, reg, os.TempDir(), reg.IDs()...)
	})
	return allRules
}

// FuzzCheck runs every built-in rule over arbitrary input: no panic, every
// finding's span lies inside the file, and its line and column map back to
// the same bytes.
func FuzzCheck(f *testing.F) {
	addFixtureSeeds(f)
	f.Add([]byte("We cure addiction \xff with Beacon Health\r\nOptions. 😀\tcommitted suicide"))
	f.Fuzz(func(t *testing.T, src []byte) {
		s := allRulesSettings(t)
		doc := checker.Parse("f.md", src)
		fs, _, err := s.Check(doc)
		if err != nil {
			t.Fatal(err)
		}
		diags := checker.Flatten(doc, "f.md", fs)
		defer func() {
			// The runner releases the document once flattened: nothing
			// the diagnostics hold may change when the next parse
			// writes over its arrays.
			before, _ := json.Marshal(diags)
			doc.Release()
			checker.Parse("g.md", bytes.Repeat([]byte("Overwritten. "), len(src)/13+8))
			if after, _ := json.Marshal(diags); string(after) != string(before) {
				t.Fatalf("diagnostics changed after release:\n got %s\nwant %s", after, before)
			}
		}()
		for _, d := range diags {
			if d.Start < 0 || d.End > len(src) || d.Start > d.End {
				t.Fatalf("%s: span [%d,%d) outside file of %d bytes", d.Rule, d.Start, d.End, len(src))
			}
			if d.Line < 1 || d.Column < 1 || d.EndLine < d.Line {
				t.Fatalf("%s: bad position %d:%d-%d:%d", d.Rule, d.Line, d.Column, d.EndLine, d.EndColumn)
			}
			start := doc.Lines.Offset(checker.Position{Line: d.Line, Column: d.Column})
			end := doc.Lines.Offset(checker.Position{Line: d.EndLine, Column: d.EndColumn})
			if start != d.Start || end != d.End {
				t.Fatalf("%s: %d:%d-%d:%d maps to [%d,%d), finding is [%d,%d)", d.Rule, d.Line, d.Column, d.EndLine, d.EndColumn, start, end, d.Start, d.End)
			}
		}
	})
}

// FuzzFixAll applies every built-in fix: valid UTF-8 stays valid and a
// second application changes nothing.
func FuzzFixAll(f *testing.F) {
	addFixtureSeeds(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		s := allRulesSettings(t)
		// The same fixing --fix does: passes until nothing changes.
		fix := func(in []byte) []byte {
			doc := checker.Parse("f.md", in)
			fs, _, err := s.Check(doc)
			if err != nil {
				t.Fatal(err)
			}
			fixed, _, _, err := s.FixAll(doc, fs)
			if err != nil {
				t.Fatal(err)
			}
			return fixed.Source
		}
		once := fix(src)
		if utf8.Valid(src) && !utf8.Valid(once) {
			t.Fatalf("fix made invalid UTF-8")
		}
		if twice := fix(once); string(twice) != string(once) {
			t.Fatalf("second fix changed the text:\n%q\n%q", once, twice)
		}
	})
}
