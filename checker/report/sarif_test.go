package report

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// TestSARIFSchema validates the SARIF output of the shared findings
// against the official SARIF 2.1.0 schema (kept in testdata/schemas so a
// clean clone can run it), with format assertions on.
func TestSARIFSchema(t *testing.T) {
	f, err := os.Open("../../testdata/schemas/sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	schemaDoc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("sarif-schema-2.1.0.json", schemaDoc); err != nil {
		t.Fatal(err)
	}
	schema, err := c.Compile("sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	format, err := Lookup("sarif")
	if err != nil {
		t.Fatal(err)
	}
	out := render(t, format)
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("SARIF output is not JSON: %v", err)
	}
	if err := schema.Validate(inst); err != nil {
		t.Fatalf("SARIF output does not validate against the 2.1.0 schema: %v", err)
	}

	// What the schema cannot check: indexes, fixes and descriptors.
	var log struct {
		Runs []struct {
			ColumnKind string `json:"columnKind"`
			Tool       struct {
				Driver struct {
					Name, Version, InformationURI string
					Rules                         []struct {
						ID                   string `json:"id"`
						HelpURI              string `json:"helpUri"`
						Help                 struct{ Text, Markdown string }
						ShortDescription     struct{ Text string }  `json:"shortDescription"`
						FullDescription      struct{ Text string }  `json:"fullDescription"`
						DefaultConfiguration struct{ Level string } `json:"defaultConfiguration"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID              string            `json:"ruleId"`
				RuleIndex           int               `json:"ruleIndex"`
				Level               string            `json:"level"`
				PartialFingerprints map[string]string `json:"partialFingerprints"`
				Fixes               []json.RawMessage `json:"fixes"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(out, &log); err != nil {
		t.Fatal(err)
	}
	if len(log.Runs) != 1 {
		t.Fatalf("%d runs, want 1", len(log.Runs))
	}
	run := log.Runs[0]
	if run.ColumnKind != "unicodeCodePoints" {
		t.Errorf("columnKind = %q", run.ColumnKind)
	}
	d := run.Tool.Driver
	if d.Name != "healthlint" || d.Version != "1.2.3" || d.InformationURI == "" {
		t.Errorf("driver = %q %q %q", d.Name, d.Version, d.InformationURI)
	}
	// Three registered rules plus the custom house/slang.
	if len(d.Rules) != 4 || d.Rules[3].ID != "house/slang" {
		t.Errorf("rules: %+v", d.Rules)
	}
	for _, r := range d.Rules {
		if r.ShortDescription.Text == "" || r.FullDescription.Text == "" || r.Help.Text == "" || r.Help.Markdown == "" || r.HelpURI == "" || r.DefaultConfiguration.Level == "" {
			t.Errorf("rule %s: incomplete descriptor %+v", r.ID, r)
		}
	}
	if !bytes.Contains([]byte(d.Rules[0].Help.Markdown), []byte("https://www.ftc.gov/")) {
		t.Errorf("claims/cure help lacks its source: %q", d.Rules[0].Help.Markdown)
	}
	if len(run.Results) != 6 {
		t.Fatalf("%d results, want 6", len(run.Results))
	}
	fixes := 0
	for _, r := range run.Results {
		if d.Rules[r.RuleIndex].ID != r.RuleID {
			t.Errorf("result %s has ruleIndex %d, which is %s", r.RuleID, r.RuleIndex, d.Rules[r.RuleIndex].ID)
		}
		if r.PartialFingerprints["healthlint/v1"] == "" {
			t.Errorf("result %s has no fingerprint", r.RuleID)
		}
		fixes += len(r.Fixes)
	}
	if fixes != 1 {
		t.Errorf("%d fixes, want 1", fixes)
	}
	if lv := run.Results[2].Level; lv != "note" {
		t.Errorf("info finding has level %q, want note", lv)
	}
}
