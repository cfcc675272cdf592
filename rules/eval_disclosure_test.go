package rules

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/healthlint/healthlint/checker"
	"go.yaml.in/yaml/v3"
)

// evalDisclosureRules are the rules the disclosure eval set labels.
var evalDisclosureRules = []string{
	"disclosure/medical-disclaimer", "disclosure/emergency-number", "disclosure/crisis-line",
	"disclosure/treatment-helpline", "disclosure/medical-review", "disclosure/review-date",
	"disclosure/sources", "disclosure/insurance-caveat", "references/crisis-number",
}

// TestDisclosureEval runs the disclosure rules (and any claims/* rules,
// which disclosure/sources reads) over testdata/eval/disclosure, compares
// the rule IDs fired on each page with the labels as multisets, and fails
// below 0.90 overall precision or recall. Run with -v for the table.
func TestDisclosureEval(t *testing.T) {
	dir := filepath.Join("..", "testdata", "eval", "disclosure")
	data, err := os.ReadFile(filepath.Join(dir, "labels.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var labels struct {
		AsOf  string `yaml:"as_of"`
		Pages map[string]struct {
			Want []string `yaml:"want"`
		} `yaml:"pages"`
	}
	if err := yaml.Unmarshal(data, &labels); err != nil {
		t.Fatal(err)
	}
	asOf, err := time.Parse(time.DateOnly, labels.AsOf)
	if err != nil {
		t.Fatalf("as_of: %v", err)
	}
	reg := Registry()
	var disable []string
	for _, r := range reg.Rules {
		if !containsString(evalDisclosureRules, r.ID) && !strings.HasPrefix(r.ID, "claims/") {
			disable = append(disable, r.ID)
		}
	}
	res, err := checker.NewResolver(reg, checker.Flags{AsOf: asOf, Disable: disable, ConfigPath: os.DevNull}, asOf)
	if err != nil {
		t.Fatal(err)
	}
	abs, _ := filepath.Abs(filepath.Join(dir, "page.md"))
	settings, err := res.SettingsFor(abs)
	if err != nil {
		t.Fatal(err)
	}

	type score struct{ tp, fp, fn int }
	scores := map[string]*score{}
	for _, id := range evalDisclosureRules {
		scores[id] = &score{}
	}
	names := make([]string, 0, len(labels.Pages))
	for name := range labels.Pages {
		names = append(names, name)
	}
	sort.Strings(names)
	files, _ := filepath.Glob(filepath.Join(dir, "*.md"))
	if len(files)-1 != len(names) { // README.md is not a page
		t.Errorf("%d pages on disk, %d labelled", len(files)-1, len(names))
	}
	for _, name := range names {
		src, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		doc := checker.Parse(name, src)
		findings, _, err := settings.Check(doc)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got := map[string]int{}
		for _, f := range findings {
			if containsString(evalDisclosureRules, f.Rule) {
				got[f.Rule]++
			}
		}
		want := map[string]int{}
		for _, id := range labels.Pages[name].Want {
			want[id]++
		}
		for _, id := range evalDisclosureRules {
			s := scores[id]
			tp := min(got[id], want[id])
			s.tp += tp
			s.fp += got[id] - tp
			s.fn += want[id] - tp
			if got[id] > want[id] {
				t.Logf("%s: false positive %s", name, id)
			}
			if got[id] < want[id] {
				t.Logf("%s: false negative %s", name, id)
			}
		}
	}
	var total score
	var table strings.Builder
	fmt.Fprintf(&table, "\n%-32s %4s %4s %4s %9s %6s\n", "rule", "tp", "fp", "fn", "precision", "recall")
	for _, id := range evalDisclosureRules {
		s := scores[id]
		total.tp += s.tp
		total.fp += s.fp
		total.fn += s.fn
		fmt.Fprintf(&table, "%-32s %4d %4d %4d %9.2f %6.2f\n", id, s.tp, s.fp, s.fn, ratio(s.tp, s.tp+s.fp), ratio(s.tp, s.tp+s.fn))
	}
	p, r := ratio(total.tp, total.tp+total.fp), ratio(total.tp, total.tp+total.fn)
	fmt.Fprintf(&table, "%-32s %4d %4d %4d %9.2f %6.2f\n", "overall", total.tp, total.fp, total.fn, p, r)
	t.Log(table.String())
	if p < 0.90 || r < 0.90 {
		t.Errorf("overall precision %.2f, recall %.2f; want both at least 0.90", p, r)
	}
}

// ratio is n/d, or 1 when there is nothing to measure.
func ratio(n, d int) float64 {
	if d == 0 {
		return 1
	}
	return float64(n) / float64(d)
}
