// Package report turns check results into output formats. Every format is
// a pure function of the results it is fed: it reads FileResults in order
// and a Summary at the end, and writes bytes. Formats stream, so a run over
// 100,000 files does not hold every finding in memory.
package report

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/healthlint/healthlint/checker"
)

// Meta describes the run: tool, version, as-of date and the rules in play.
type Meta struct {
	Tool    string
	Version string
	AsOf    time.Time
	// Rules are every rule that could report, for formats that describe
	// them (SARIF, HTML).
	Rules []*checker.Rule
	// Color enables terminal colour in the text format.
	Color bool
	// Quiet drops the summary line and notices from the text format.
	Quiet bool
	// InformationURI is the tool's home page.
	InformationURI string
	// LinkBase, when set, prefixes file links in the Markdown report (e.g. "https://github.com/o/r/blob/<sha>/"); paths are
	// appended percent-encoded. Empty means relative links.
	LinkBase string
}

// Summary is what a run adds up to.
type Summary struct {
	Files    int
	Skipped  int
	Counts   map[string]int // by severity name
	Fixed    int
	Elapsed  time.Duration
	ByRule   map[string]int
	Notices  []string
	Timeless bool // omit elapsed time (golden tests)
}

// NewSummary returns an empty summary with zero counts for each severity.
func NewSummary() *Summary {
	return &Summary{Counts: map[string]int{"error": 0, "warning": 0, "info": 0}, ByRule: map[string]int{}}
}

// Add counts one file's results.
func (s *Summary) Add(r *checker.FileResult) {
	s.Files++
	if r.Skipped {
		s.Skipped++
	}
	s.Fixed += r.FixedCount
	for _, d := range r.Diagnostics {
		s.Counts[d.Severity]++
		s.ByRule[d.Rule]++
	}
}

// RulesByCount lists the rules that reported, most findings first, ties
// by ID.
func (s *Summary) RulesByCount() []string {
	ids := make([]string, 0, len(s.ByRule))
	for id := range s.ByRule {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool {
		if s.ByRule[ids[i]] != s.ByRule[ids[j]] {
			return s.ByRule[ids[i]] > s.ByRule[ids[j]]
		}
		return ids[i] < ids[j]
	})
	return ids
}

// Total is the number of findings.
func (s *Summary) Total() int { return s.Counts["error"] + s.Counts["warning"] + s.Counts["info"] }

// Reporter writes one output format.
type Reporter interface {
	// File is called once per file, in a deterministic order.
	File(r *checker.FileResult) error
	// Finish writes whatever comes after the last file.
	Finish(s *Summary) error
}

// Factory builds a reporter writing to w.
type Factory func(w io.Writer, meta Meta) Reporter

// Format describes one output format.
type Format struct {
	Name        string
	Description string
	New         Factory
	// NeedsSource asks the runner to keep each file's text (HTML).
	NeedsSource bool
}

// Formats lists every output format, explicitly.
func Formats() []Format {
	return []Format{
		{Name: "text", Description: "human-readable findings with the source line underlined", New: NewText},
		{Name: "json", Description: "machine-readable findings, summary and per-document topics", New: NewJSON},
		{Name: "sarif", Description: "SARIF 2.1.0 for GitHub code scanning and other SARIF viewers", New: NewSARIF},
		{Name: "github", Description: "GitHub Actions annotations (workflow commands)", New: NewGitHub},
		{Name: "junit", Description: "JUnit XML: one test suite per file, one failing test per finding", New: NewJUnit},
		{Name: "checkstyle", Description: "checkstyle XML for reviewdog, Jenkins and GitLab tooling", New: NewCheckstyle},
		{Name: "markdown", Description: "a Markdown summary for pull-request comments and job summaries", New: NewMarkdown},
		{Name: "html", Description: "one self-contained HTML page for editors, documents with findings highlighted", New: NewHTML, NeedsSource: true},
	}
}

// Lookup returns a format by name.
func Lookup(name string) (Format, error) {
	for _, f := range Formats() {
		if f.Name == name {
			return f, nil
		}
	}
	return Format{}, fmt.Errorf("unknown format %q; use one of %s", name, strings.Join(Names(), ", "))
}

// Names lists the formats.
func Names() []string {
	var names []string
	for _, f := range Formats() {
		names = append(names, f.Name)
	}
	sort.Strings(names)
	return names
}

// Multi fans results out to several reporters.
type Multi []Reporter

// File implements Reporter.
func (m Multi) File(r *checker.FileResult) error {
	for _, x := range m {
		if err := x.File(r); err != nil {
			return err
		}
	}
	return nil
}

// Finish implements Reporter.
func (m Multi) Finish(s *Summary) error {
	for _, x := range m {
		if err := x.Finish(s); err != nil {
			return err
		}
	}
	return nil
}
