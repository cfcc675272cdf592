package report

import (
	"bufio"
	"fmt"
	"io"

	"github.com/healthlint/healthlint/checker"
)

// Checkstyle writes checkstyle XML, which reviewdog (-f=checkstyle),
// Jenkins' warnings plugin and GitLab tooling read:
//
//	<checkstyle version="4.3">
//	  <file name="docs/a.md">
//	    <error line="3" column="22" severity="warning" message="..." source="references/stale-insurer"/>
//	  </file>
//	</checkstyle>
//
// Severities are error, warning and info, as checkstyle names them.
type Checkstyle struct {
	w       *bufio.Writer
	started bool
	err     error
}

var _ Reporter = (*Checkstyle)(nil)

// NewCheckstyle returns the checkstyle reporter.
func NewCheckstyle(w io.Writer, _ Meta) Reporter {
	return &Checkstyle{w: bufio.NewWriter(w)}
}

func (c *Checkstyle) printf(format string, args ...any) {
	if c.err == nil {
		_, c.err = fmt.Fprintf(c.w, format, args...)
	}
}

func (c *Checkstyle) header() {
	if !c.started {
		c.started = true
		c.printf("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n")
	}
}

// File implements Reporter.
func (c *Checkstyle) File(r *checker.FileResult) error {
	c.header()
	if len(r.Diagnostics) == 0 {
		c.printf("  <file name=\"%s\"/>\n", xmlEscape(r.Input.Display, true))
		return c.err
	}
	c.printf("  <file name=\"%s\">\n", xmlEscape(r.Input.Display, true))
	for i := range r.Diagnostics {
		d := &r.Diagnostics[i]
		msg := d.Message
		if d.Suggestion != "" {
			msg += " (suggestion: " + d.Suggestion + ")"
		}
		c.printf("    <error line=\"%d\" column=\"%d\" severity=\"%s\" message=\"%s\" source=\"%s\"/>\n",
			d.Line, d.Column, xmlEscape(d.Severity, true), xmlEscape(msg, true), xmlEscape(d.Rule, true))
	}
	c.printf("  </file>\n")
	return c.err
}

// Finish implements Reporter.
func (c *Checkstyle) Finish(_ *Summary) error {
	c.header()
	c.printf("</checkstyle>\n")
	if c.err != nil {
		return c.err
	}
	return c.w.Flush()
}
