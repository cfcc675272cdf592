package rules

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/healthlint/healthlint/checker"
)

// checkAsOf checks src with only rule id enabled, as of a date, with an
// optional config (YAML text; data paths relative to a temp directory
// holding files).
func checkAsOf(t *testing.T, id string, asOf time.Time, config string, files map[string]string, src string) []checker.Finding {
	t.Helper()
	reg := Registry()
	var disable []string
	for _, r := range reg.Rules {
		if r.ID != id {
			disable = append(disable, r.ID)
		}
	}
	flags := checker.Flags{AsOf: asOf, Disable: disable, Enable: []string{id}, ConfigPath: os.DevNull}
	dir := t.TempDir()
	if config != "" {
		for name, body := range files {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		flags.ConfigPath = filepath.Join(dir, checker.ConfigFileName)
		if err := os.WriteFile(flags.ConfigPath, []byte(config), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res, err := checker.NewResolver(reg, flags, asOf)
	if err != nil {
		t.Fatal(err)
	}
	s, err := res.SettingsFor(filepath.Join(dir, "page.md"))
	if err != nil {
		t.Fatal(err)
	}
	findings, _, err := s.Check(checker.Parse("page.md", []byte(src)))
	if err != nil {
		t.Fatal(err)
	}
	return findings
}

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// flaggedText returns the source text of each finding.
func flaggedText(src string, fs []checker.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, src[f.Span.Start:f.Span.End])
	}
	return out
}

func TestParseEffective(t *testing.T) {
	for _, c := range []struct{ in, from, phrase string }{
		{"2023-03-01", "2023-03-01", "on 2023-03-01"},
		{"2024-01", "2024-01-31", "in 2024-01"},
		{"2024-02", "2024-02-29", "in 2024-02"},
		{"2023", "2023-12-31", "in 2023"},
	} {
		d, err := parseEffective(c.in)
		if err != nil {
			t.Fatal(err)
		}
		if got := d.from.Format(time.DateOnly); got != c.from {
			t.Errorf("%s: from %s, want %s", c.in, got, c.from)
		}
		if d.phrase() != c.phrase {
			t.Errorf("%s: phrase %q, want %q", c.in, d.phrase(), c.phrase)
		}
	}
	if d, _ := parseEffective(""); d.known() || !d.inForce(day("1990-01-01")) {
		t.Error("an unknown date should be unknown and always in force")
	}
	for _, bad := range []string{"2023-13", "23", "2023/01/01", "March 2023"} {
		if _, err := parseEffective(bad); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

func TestContainsWord(t *testing.T) {
	for _, c := range []struct {
		s, w string
		want bool
	}{
		{"call or text 988 now", "988", true},
		{"call 19880", "988", false},
		{"dsm-5 criteria", "dsm-5", true},
		{"it was a plan", "was", true},
		{"washington", "was", false},
	} {
		if got := containsWord(c.s, c.w); got != c.want {
			t.Errorf("containsWord(%q, %q) = %v", c.s, c.w, got)
		}
	}
}

func TestInURLOrPath(t *testing.T) {
	for _, c := range []struct {
		text, word string
		want       bool
	}{
		{"see example.org/teh now", "teh", true},
		{"mail teh@example.org", "teh", true},
		{"open teh.txt please", "teh", true},
		{"C:\\teh\\file", "teh", true},
		{"teh end.", "teh", false},
		{"the end, teh.", "teh", false},
	} {
		i := strings.Index(c.text, c.word)
		if got := inURLOrPath(c.text, checker.Span{Start: i, End: i + len(c.word)}); got != c.want {
			t.Errorf("inURLOrPath(%q) = %v", c.text, got)
		}
	}
}
