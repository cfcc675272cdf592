package rules

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/healthlint/healthlint/checker/checkertest"
)

// fixtureDir is where a rule's fixtures live: testdata/rules/<category>/<name>.
func fixtureDir(id string) string {
	return filepath.Join("..", "testdata", "rules", filepath.FromSlash(id))
}

// TestRules runs every rule over its fixtures.
func TestRules(t *testing.T) {
	reg := Registry()
	for _, r := range reg.Rules {
		t.Run(r.ID, func(t *testing.T) {
			checkertest.Run(t, reg, fixtureDir(r.ID), r.ID)
		})
	}
}

// TestRegistry checks every rule is complete: valid unique ID, docs with a
// bad and a good example, a source, fixtures, and a row in README's rule
// table.
func TestRegistry(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, r := range All() {
		if err := r.Validate(); err != nil {
			t.Error(err)
		}
		if seen[r.ID] {
			t.Errorf("duplicate rule ID %s", r.ID)
		}
		seen[r.ID] = true
		if !strings.Contains(r.Doc, "Bad") || !strings.Contains(r.Doc, "Good") {
			t.Errorf("%s: documentation needs a Bad and a Good example", r.ID)
		}
		if r.Title != strings.ToLower(r.Title[:1])+r.Title[1:] {
			t.Errorf("%s: title should start lowercase: %q", r.ID, r.Title)
		}
		for _, p := range r.Phrases {
			if !p.Prefiltered() {
				t.Errorf("%s: regex phrase %q has no literal every match must contain, so it would scan every block; add one", r.ID, p.Regex)
			}
		}
		fixtures, _ := filepath.Glob(filepath.Join(fixtureDir(r.ID), "*.md"))
		if len(fixtures) == 0 {
			t.Errorf("%s: no fixtures in %s", r.ID, fixtureDir(r.ID))
		}
		row := regexp.MustCompile(`(?m)^\|\s*` + "`" + regexp.QuoteMeta(r.ID) + "`" + `\s*\|`)
		if !row.Match(readme) {
			t.Errorf("%s: no row in README.md's rule table", r.ID)
		}
	}
}
