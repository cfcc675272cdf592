package rules

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/healthlint/healthlint/checker"
)

// TestFDAStatusAsOf checks that approvals count only from their date: on
// 2018-06-01 esketamine was not yet approved, so a claim that it is gets
// flagged; on the fixtures' date it is not.
func TestFDAStatusAsOf(t *testing.T) {
	src := []byte("Spravato is FDA-approved for treatment-resistant depression.\n")
	for _, c := range []struct {
		asOf time.Time
		want int
	}{
		{time.Date(2018, 6, 1, 0, 0, 0, 0, time.UTC), 1},
		{time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC), 0},
	} {
		flags := checker.Flags{AsOf: c.asOf, Enable: []string{ClaimsFDAStatus.ID}, ConfigPath: os.DevNull}
		for _, r := range All() {
			if r != ClaimsFDAStatus {
				flags.Disable = append(flags.Disable, r.ID)
			}
		}
		res, err := checker.NewResolver(Registry(), flags, c.asOf)
		if err != nil {
			t.Fatal(err)
		}
		abs, _ := filepath.Abs("t.md")
		s, err := res.SettingsFor(abs)
		if err != nil {
			t.Fatal(err)
		}
		findings, _, err := s.Check(checker.Parse("t.md", src))
		if err != nil {
			t.Fatal(err)
		}
		if len(findings) != c.want {
			t.Errorf("as of %s: %d findings, want %d: %+v", c.asOf.Format(time.DateOnly), len(findings), c.want, findings)
		}
	}
}

func TestFDAStatusExplain(t *testing.T) {
	before := explainFDAStatus(time.Date(2018, 1, 1, 0, 0, 0, 0, time.UTC))
	after := explainFDAStatus(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	if !strings.Contains(after, "treatment-resistant depression (since 2019-03-05)") {
		t.Errorf("explain as of 2026 lacks the esketamine approval:\n%s", after)
	}
	if strings.Contains(before, "treatment-resistant depression") {
		t.Errorf("explain as of 2018 lists an approval from 2019:\n%s", before)
	}
	for _, p := range fdaData.Products {
		if !strings.Contains(after, p.Source.URL) {
			t.Errorf("explain does not give the source of %s", p.Name)
		}
	}
}
