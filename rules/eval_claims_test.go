package rules

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/healthlint/healthlint/checker"
	"github.com/healthlint/healthlint/checker/checkertest"
	"go.yaml.in/yaml/v3"
)

// evalDir holds the labelled claim sentences (see its README.md).
var evalDir = filepath.Join("..", "testdata", "eval", "claims")

// issue3Rules are the claim and marketing rules of issue 3; the eval gate
// applies once all of them are registered.
var issue3Rules = []string{
	"claims/cure", "claims/guarantee", "claims/outcome-statistic", "claims/superlative",
	"claims/establishment", "claims/safety", "claims/fda-status", "claims/uncited", "claims/speed",
	"claims/testimonial", "claims/coverage", "marketing/pressure", "marketing/inducement",
}

// evalMinimum is the overall precision and recall the claim rules must
// reach on the evaluation set.
const evalMinimum = 0.90

type evalItem struct {
	Text      string            `yaml:"text"`
	Want      []string          `yaml:"want"`
	Note      string            `yaml:"note"`
	Footnotes map[string]string `yaml:"footnotes"`
	file      string
	line      int
}

// loadEvalItems reads every labelled item of an eval directory.
func loadEvalItems(t testing.TB, evalDir string) []evalItem {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(evalDir, "*.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no eval files in %s: %v", evalDir, err)
	}
	sort.Strings(files)
	var items []evalItem
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var root yaml.Node
		if err := yaml.Unmarshal(data, &root); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if len(root.Content) == 0 {
			continue
		}
		for _, n := range root.Content[0].Content {
			var it evalItem
			if err := n.Decode(&it); err != nil {
				t.Fatalf("%s:%d: %v", f, n.Line, err)
			}
			it.file, it.line = filepath.Base(f), n.Line
			items = append(items, it)
		}
	}
	return items
}

// evalMarkdown builds the document an item stands for: its text, then its
// footnote definitions.
func evalMarkdown(it evalItem) string {
	var sb strings.Builder
	sb.WriteString(it.Text)
	sb.WriteString("\n")
	labels := make([]string, 0, len(it.Footnotes))
	for l := range it.Footnotes {
		labels = append(labels, l)
	}
	sort.Strings(labels)
	for _, l := range labels {
		fmt.Fprintf(&sb, "\n[^%s]: %s\n", l, it.Footnotes[l])
	}
	return sb.String()
}

// evalCounts are true positives, false positives and false negatives.
type evalCounts struct{ tp, fp, fn int }

func (c evalCounts) precision() float64 { return ratio(c.tp, c.tp+c.fp) }
func (c evalCounts) recall() float64    { return ratio(c.tp, c.tp+c.fn) }

// TestClaimsEval scores every registered claims/* and marketing/* rule on
// the labelled evaluation set: precision and recall per rule and overall
// (micro-averaged over item-rule pairs). Run with -v for the table and the
// misses.
// scoreClaims runs every registered claims/* and marketing/* rule over the
// labelled items of dir, logs the table and every miss, and returns the
// overall counts and the rules it scored.
func scoreClaims(t *testing.T, dir string) (evalCounts, map[string]bool) {
	t.Helper()
	reg := Registry()
	var ids []string
	registered := map[string]bool{}
	for _, r := range reg.Rules {
		if strings.HasPrefix(r.ID, "claims/") || strings.HasPrefix(r.ID, "marketing/") {
			ids = append(ids, r.ID)
			registered[r.ID] = true
		}
	}
	if len(ids) == 0 {
		return evalCounts{}, registered
	}
	settings := checkertest.SettingsFor(t, reg, dir, ids...)
	items := loadEvalItems(t, dir)
	counts := map[string]*evalCounts{}
	for _, id := range ids {
		counts[id] = &evalCounts{}
	}
	var misses []string
	for _, it := range items {
		doc := checker.Parse(it.file, []byte(evalMarkdown(it)))
		findings, _, err := settings.Check(doc)
		if err != nil {
			t.Fatalf("%s:%d: %v", it.file, it.line, err)
		}
		got := map[string]bool{}
		for _, f := range findings {
			got[f.Rule] = true
		}
		want := map[string]bool{}
		for _, w := range it.Want {
			want[w] = true
		}
		for _, id := range ids {
			c := counts[id]
			switch {
			case got[id] && want[id]:
				c.tp++
			case got[id]:
				c.fp++
				misses = append(misses, fmt.Sprintf("FP %-24s %s:%d %q", id, it.file, it.line, it.Text))
			case want[id]:
				c.fn++
				misses = append(misses, fmt.Sprintf("FN %-24s %s:%d %q", id, it.file, it.line, it.Text))
			}
		}
	}

	var total evalCounts
	var table strings.Builder
	fmt.Fprintf(&table, "%d items\n%-24s %4s %4s %4s %9s %7s\n", len(items), "rule", "tp", "fp", "fn", "precision", "recall")
	for _, id := range ids {
		c := counts[id]
		total.tp += c.tp
		total.fp += c.fp
		total.fn += c.fn
		fmt.Fprintf(&table, "%-24s %4d %4d %4d %9.3f %7.3f\n", id, c.tp, c.fp, c.fn, c.precision(), c.recall())
	}
	fmt.Fprintf(&table, "%-24s %4d %4d %4d %9.3f %7.3f", "overall", total.tp, total.fp, total.fn, total.precision(), total.recall())
	t.Log("\n" + table.String())
	sort.Strings(misses)
	for _, m := range misses {
		t.Log(m)
	}

	return total, registered
}

func TestClaimsEval(t *testing.T) {
	total, registered := scoreClaims(t, evalDir)
	if len(registered) == 0 {
		t.Skip("no claims/* or marketing/* rule is registered yet")
	}
	var missing []string
	for _, id := range issue3Rules {
		if !registered[id] {
			missing = append(missing, id)
		}
	}
	if len(missing) > 0 {
		t.Skipf("the eval gate (precision and recall >= %.2f) waits for the issue 3 rules not yet registered: %s", evalMinimum, strings.Join(missing, ", "))
	}
	if total.precision() < evalMinimum || total.recall() < evalMinimum {
		t.Errorf("overall precision %.3f, recall %.3f; both must be at least %.2f", total.precision(), total.recall(), evalMinimum)
	}
}

// holdoutDir holds sentences written without seeing the rules or the main
// set; the rules were never tuned on it, so its figures say how they
// generalise.
var holdoutDir = filepath.Join("..", "testdata", "eval", "claims-holdout")

// holdoutMinimum is a floor that catches a collapse, not a target: the
// set is reported, not tuned against.
const holdoutMinimum = 0.60

func TestClaimsHoldout(t *testing.T) {
	total, registered := scoreClaims(t, holdoutDir)
	if len(registered) == 0 {
		t.Skip("no claims/* or marketing/* rule is registered yet")
	}
	if p, r := total.precision(), total.recall(); p < holdoutMinimum || r < holdoutMinimum {
		t.Errorf("held-out precision %.2f, recall %.2f; below %.2f means the rules stopped generalising", p, r, holdoutMinimum)
	}
}
