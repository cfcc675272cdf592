package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/healthlint/healthlint/checker"
)

// JUnit writes JUnit XML: one testsuite per file and one failing testcase
// per finding; a file without findings has one passing testcase, and a
// skipped file one skipped testcase, so CI dashboards (GitLab, Jenkins)
// list every file; a file healthlint could not check (broken front
// matter, unreadable) has an errored test case. Suites stream out as files finish. Text is cleaned of
// characters XML 1.0 forbids, so the XML is valid whatever the messages
// contain.
type JUnit struct {
	w       *bufio.Writer
	meta    Meta
	started bool
	err     error
}

var _ Reporter = (*JUnit)(nil)

// NewJUnit returns the JUnit reporter.
func NewJUnit(w io.Writer, meta Meta) Reporter {
	return &JUnit{w: bufio.NewWriter(w), meta: meta}
}

func (j *JUnit) printf(format string, args ...any) {
	if j.err == nil {
		_, j.err = fmt.Fprintf(j.w, format, args...)
	}
}

func (j *JUnit) header() {
	if j.started {
		return
	}
	j.started = true
	j.printf("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"%s\">\n", xmlEscape(j.meta.Tool, true))
}

// File implements Reporter.
func (j *JUnit) File(r *checker.FileResult) error {
	j.header()
	name := xmlEscape(r.Input.Display, true)
	tests := len(r.Diagnostics) + len(r.Errors)
	if tests == 0 {
		tests = 1
	}
	skipped := 0
	if r.Skipped {
		skipped = 1
	}
	j.printf("  <testsuite name=\"%s\" tests=\"%d\" failures=\"%d\" errors=\"%d\" skipped=\"%d\">\n",
		name, tests, len(r.Diagnostics), len(r.Errors), skipped)
	switch {
	case r.Skipped:
		reason := "skipped"
		if len(r.Notices) > 0 {
			reason = r.Notices[0]
		}
		j.printf("    <testcase name=\"%s\" classname=\"%s\" file=\"%s\">\n      <skipped message=\"%s\"/>\n    </testcase>\n",
			xmlEscape(j.meta.Tool, true), name, name, xmlEscape(reason, true))
	case len(r.Diagnostics) == 0 && len(r.Errors) == 0:
		j.printf("    <testcase name=\"%s\" classname=\"%s\" file=\"%s\"/>\n", xmlEscape(j.meta.Tool, true), name, name)
	}
	for i := range r.Diagnostics {
		d := &r.Diagnostics[i]
		var body strings.Builder
		fmt.Fprintf(&body, "%s:%d:%d: %s: %s (%s)", d.Path, d.Line, d.Column, d.Severity, d.Message, d.Rule)
		if d.Suggestion != "" {
			body.WriteString("\nsuggestion: " + d.Suggestion)
		}
		if d.Snippet != "" {
			body.WriteString("\nflagged text: " + d.Snippet)
		}
		j.printf("    <testcase name=\"%s\" classname=\"%s\" file=\"%s\" line=\"%d\">\n",
			xmlEscape(fmt.Sprintf("%s at %d:%d", d.Rule, d.Line, d.Column), true), name, name, d.Line)
		j.printf("      <failure message=\"%s\" type=\"%s\">%s</failure>\n    </testcase>\n",
			xmlEscape(d.Message, true), xmlEscape(d.Severity, true), xmlEscape(body.String(), false))
	}
	// Problems that made the run exit 2 (unreadable file, broken front
	// matter) are errored test cases.
	for _, e := range r.Errors {
		j.printf("    <testcase name=\"%s\" classname=\"%s\" file=\"%s\">\n      <error message=\"%s\" type=\"error\">%s</error>\n    </testcase>\n",
			xmlEscape(j.meta.Tool+" could not check the file", true), name, name, xmlEscape(e.Error(), true), xmlEscape(e.Error(), false))
	}
	j.printf("  </testsuite>\n")
	return j.err
}

// Finish implements Reporter.
func (j *JUnit) Finish(_ *Summary) error {
	j.header()
	j.printf("</testsuites>\n")
	if j.err != nil {
		return j.err
	}
	return j.w.Flush()
}
