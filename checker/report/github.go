package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/healthlint/healthlint/checker"
)

// GitHub writes GitHub Actions workflow commands, one annotation per
// finding:
//
//	::warning file=docs/a.md,line=3,col=22,endLine=3,endColumn=43,title=references/stale-insurer::message
//
// error → error, warning → warning, info → notice. The CLI also appends
// the Markdown summary to $GITHUB_STEP_SUMMARY when it is set.
type GitHub struct {
	w   *bufio.Writer
	err error
}

var _ Reporter = (*GitHub)(nil)

// NewGitHub returns the GitHub Actions reporter.
func NewGitHub(w io.Writer, _ Meta) Reporter {
	return &GitHub{w: bufio.NewWriter(w)}
}

// githubData escapes a workflow command's message: %, CR and LF.
func githubData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// githubProperty escapes a workflow command property value: the message
// escapes plus ":" and ",", which would end the value.
func githubProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

func githubCommand(sev string) string {
	switch sev {
	case "error":
		return "error"
	case "warning":
		return "warning"
	}
	return "notice"
}

// File implements Reporter.
func (g *GitHub) File(r *checker.FileResult) error {
	for i := range r.Diagnostics {
		d := &r.Diagnostics[i]
		msg := d.Message
		if d.Suggestion != "" {
			msg += "\nsuggestion: " + d.Suggestion
		}
		if g.err == nil {
			_, g.err = fmt.Fprintf(g.w, "::%s file=%s,line=%d,col=%d,endLine=%d,endColumn=%d,title=%s::%s\n",
				githubCommand(d.Severity), githubProperty(d.Path), d.Line, d.Column, d.EndLine, d.EndColumn,
				githubProperty(d.Rule), githubData(msg))
		}
	}
	// A file healthlint could not check (broken front matter, say) is an
	// error annotation too, so the pull request shows why the run failed.
	for _, e := range r.Errors {
		if g.err == nil {
			_, g.err = fmt.Fprintf(g.w, "::error file=%s,title=healthlint::%s\n", githubProperty(r.Input.Display), githubData(e.Error()))
		}
	}
	if g.err == nil {
		g.err = g.w.Flush()
	}
	return g.err
}

// Finish implements Reporter.
func (g *GitHub) Finish(s *Summary) error {
	if g.err == nil {
		_, g.err = fmt.Fprintf(g.w, "healthlint: %d files checked: %d errors, %d warnings, %d info\n",
			s.Files, s.Counts["error"], s.Counts["warning"], s.Counts["info"])
	}
	if g.err != nil {
		return g.err
	}
	return g.w.Flush()
}
