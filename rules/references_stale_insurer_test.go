package rules

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/healthlint/healthlint/checker"
)

const insurerID = "references/stale-insurer"

// insuranceSentence puts a name in a sentence about insurance.
func insuranceSentence(name string) string {
	return "# Plans\n\nWe accept " + name + " and other insurance plans.\n"
}

func isBrand(d *insurerData, name string) bool { return containsFold(d.CurrentBrands, name) }

// TestInsurerDataset runs every name of the dataset through the rule: every
// old name is flagged in a sentence about insurance on its effective date
// (state-scoped names in a page for one of their states) and not the day
// before; no current brand is flagged.
func TestInsurerDataset(t *testing.T) {
	d := builtinInsurers
	if n := len(d.Entries); n < 35 {
		t.Fatalf("only %d insurer entries", n)
	}
	for _, e := range d.Entries {
		e := e
		t.Run(e.ID, func(t *testing.T) {
			on := day("2026-11-26")
			if e.date.known() {
				on = e.date.from
			}
			for _, name := range e.OldNames {
				src := insuranceSentence(name)
				if len(e.States) > 0 {
					src = "---\nstate: " + e.States[0] + "\n---\n" + src
				}
				if isBrand(d, name) && len(e.States) == 0 {
					if fs := checkAsOf(t, insurerID, on, "", nil, src); len(fs) != 0 {
						t.Errorf("current brand %q flagged: %s", name, fs[0].Message)
					}
					continue
				}
				fs := checkAsOf(t, insurerID, on, "", nil, src)
				got := flaggedText(src, fs)
				if len(got) != 1 || got[0] != name {
					t.Errorf("%q on %s: flagged %q, want exactly the name", name, on.Format(time.DateOnly), got)
					continue
				}
				want := map[string]checker.Severity{"stale": checker.SeverityWarning, "exited": checker.SeverityError, "context": checker.SeverityInfo}[e.Lint]
				if !e.Verified || !e.date.known() {
					want = checker.SeverityInfo
				}
				if fs[0].Severity != want {
					t.Errorf("%q: severity %s, want %s", name, fs[0].Severity, want)
				}
				if e.date.known() {
					before := on.AddDate(0, 0, -1)
					if fs := checkAsOf(t, insurerID, before, "", nil, src); len(fs) != 0 {
						t.Errorf("%q flagged on %s, the day before it took effect", name, before.Format(time.DateOnly))
					}
				}
			}
		})
	}
	for _, b := range d.CurrentBrands {
		src := insuranceSentence(b)
		if fs := checkAsOf(t, insurerID, day("2026-11-26"), "", nil, src); len(fs) != 0 {
			t.Errorf("current brand %q flagged: %s", b, fs[0].Message)
		}
	}
}

func TestInsurerAsOfCarelon(t *testing.T) {
	src := "We accept Beacon Health Options.\n"
	if fs := checkAsOf(t, insurerID, day("2022-01-01"), "", nil, src); len(fs) != 0 {
		t.Errorf("as of 2022-01-01: %v", fs)
	}
	fs := checkAsOf(t, insurerID, day("2023-03-01"), "", nil, src)
	if len(fs) != 1 || !strings.Contains(fs[0].Message, "became Carelon Behavioral Health on 2023-03-01") {
		t.Fatalf("as of 2023-03-01: %v", fs)
	}
	if fs[0].Suggestion == "" || len(fs[0].Fixes) != 1 || fs[0].Fixes[0].Edits[0].NewText != "Carelon Behavioral Health" {
		t.Errorf("fix: %+v", fs[0].Fixes)
	}
}

func TestInsurerOptions(t *testing.T) {
	asOf := day("2026-11-26")
	src := "We accept Amerigroup and Beacon Health Options.\n"
	t.Run("states option in scope", func(t *testing.T) {
		fs := checkAsOf(t, insurerID, asOf, "rules:\n  references/stale-insurer:\n    options:\n      states: [Texas]\n", nil, src)
		if len(fs) != 2 || fs[0].Severity != checker.SeverityWarning || !strings.Contains(fs[0].Message, "Wellpoint") {
			t.Fatalf("%+v", fs)
		}
	})
	t.Run("states option out of scope", func(t *testing.T) {
		fs := checkAsOf(t, insurerID, asOf, "rules:\n  references/stale-insurer:\n    options:\n      states: [OH]\n", nil, src)
		if got := flaggedText(src, fs); len(got) != 1 || got[0] != "Beacon Health Options" {
			t.Fatalf("%q", got)
		}
	})
	t.Run("fix-style formerly", func(t *testing.T) {
		fs := checkAsOf(t, insurerID, asOf, "rules:\n  references/stale-insurer:\n    options:\n      fix-style: formerly\n", nil, src)
		var texts []string
		for _, f := range fs {
			for _, fx := range f.Fixes {
				texts = append(texts, fx.Edits[0].NewText)
			}
		}
		if len(texts) != 1 || texts[0] != "Carelon Behavioral Health (formerly Beacon Health Options)" {
			t.Fatalf("%q", texts)
		}
	})
}

func TestInsurerUserData(t *testing.T) {
	asOf := day("2026-11-26")
	user := `current_brands: [Acme Health]
entries:
  - id: beacon-to-carelon
    disabled: true
  - id: acme-old-to-acme
    old_names: ["Acme Care Plan"]
    new_name: Acme Health
    fix_name: Acme Health
    effective: "2025-06-01"
    kind: rename
    lint: stale
    verified: true
    source: [https://example.org/acme]
`
	cfg := "data:\n  insurers: ours.yaml\n"
	src := "We accept Acme Care Plan, Beacon Health Options and TRICARE Standard.\n"
	fs := checkAsOf(t, insurerID, asOf, cfg, map[string]string{"ours.yaml": user}, src)
	got := flaggedText(src, fs)
	if fmt.Sprint(got) != "[Acme Care Plan TRICARE Standard]" {
		t.Fatalf("flagged %q", got)
	}
	if fs[0].Fixes[0].Edits[0].NewText != "Acme Health" {
		t.Errorf("fix %+v", fs[0].Fixes)
	}
	// A broken file is reported, not ignored.
	fs = checkAsOf(t, insurerID, asOf, cfg, map[string]string{"ours.yaml": "entries:\n  - id: x\n    kind: nonsense\n    old_names: [X]\n"}, src)
	if len(fs) != 1 || fs[0].Severity != checker.SeverityError || !strings.Contains(fs[0].Message, "ours.yaml") {
		t.Fatalf("%+v", fs)
	}
}

func TestInsurerExplain(t *testing.T) {
	inForce := func(text string) string {
		if i := strings.Index(text, "\n\nNot yet in force"); i >= 0 {
			return text[:i]
		}
		if i := strings.Index(text, "\n\nWithout a confirmed date"); i >= 0 {
			return text[:i]
		}
		return text
	}
	const beacon = "Beacon Health Options / Beacon Health Options, Inc."
	before := ReferencesStaleInsurer.Explain(day("2022-01-01"))
	if strings.Contains(inForce(before), beacon) || !strings.Contains(before, beacon) {
		t.Errorf("as of 2022-01-01 the Carelon rename should be listed as not yet in force:\n%s", before)
	}
	after := ReferencesStaleInsurer.Explain(day("2026-11-26"))
	if !strings.Contains(inForce(after), beacon) {
		t.Errorf("as of 2026-11-26 the Carelon rename should be in force:\n%s", after)
	}
	if !strings.Contains(after, "Without a confirmed date") || !strings.Contains(after, "Current brands, never flagged") {
		t.Errorf("explain lacks sections:\n%s", after)
	}
}
