package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/fatih/color"
	"github.com/healthlint/healthlint/checker"
)

// Text writes findings for people:
//
//	docs/a.md:3:22: warning: message (rule-id)
//	   3 | We accept Beacon Health Options.
//	     |           ^^^^^^^^^^^^^^^^^^^^^
//	     = suggestion: ...
//
// then a summary line.
type Text struct {
	w    *bufio.Writer
	meta Meta
	sev  map[string]*color.Color
	dim  *color.Color
	bold *color.Color
	err  error
}

var _ Reporter = (*Text)(nil)

// NewText returns the text reporter.
func NewText(w io.Writer, meta Meta) Reporter {
	t := &Text{w: bufio.NewWriter(w), meta: meta,
		sev: map[string]*color.Color{
			"error":   color.New(color.FgRed, color.Bold),
			"warning": color.New(color.FgYellow, color.Bold),
			"info":    color.New(color.FgCyan, color.Bold),
		},
		dim:  color.New(color.Faint),
		bold: color.New(color.Bold),
	}
	// Colour is decided per reporter, not through fatih/color's global.
	for _, c := range append([]*color.Color{t.dim, t.bold}, t.sev["error"], t.sev["warning"], t.sev["info"]) {
		if meta.Color {
			c.EnableColor()
		} else {
			c.DisableColor()
		}
	}
	return t
}

func (t *Text) printf(format string, args ...any) {
	if t.err == nil {
		_, t.err = fmt.Fprintf(t.w, format, args...)
	}
}

// File implements Reporter.
func (t *Text) File(r *checker.FileResult) error {
	for i := range r.Diagnostics {
		d := &r.Diagnostics[i]
		t.printf("%s: %s: %s %s\n",
			t.bold.Sprintf("%s:%d:%d", d.Path, d.Line, d.Column),
			t.sev[d.Severity].Sprint(d.Severity), d.Message, t.dim.Sprintf("(%s)", d.Rule))
		t.excerpt(d)
		if d.Suggestion != "" {
			t.printf("%s suggestion: %s\n", t.gutter(d.Line, "="), d.Suggestion)
		}
		if len(d.Fixes) > 0 {
			t.printf("%s fix: %s\n", t.gutter(d.Line, "="), d.Fixes[0].Description)
		}
	}
	if r.FixedCount > 0 {
		t.printf("%s: fixed %d finding(s)\n", r.Input.Display, r.FixedCount)
	}
	if t.err == nil {
		t.err = t.w.Flush()
	}
	return t.err
}

func (t *Text) gutter(line int, mark string) string {
	return strings.Repeat(" ", len(fmt.Sprint(line))+2) + mark
}

// maxExcerpt is the longest line, in bytes, an excerpt shows whole. A
// longer one (a paragraph without line breaks, a pasted page) is shown
// from excerptBefore code points before the finding, for at most
// maxExcerpt code points, between ellipses: printing a 1 MB line under
// each of its thousands of findings wrote gigabytes.
const (
	maxExcerpt    = 240
	excerptBefore = 80
)

// excerpt prints the source line, or on a long line a window of it, and
// underlines the span. Tabs become four spaces so the carets line up with
// what a terminal shows.
func (t *Text) excerpt(d *checker.Diagnostic) {
	line := d.SourceLine
	if line == "" {
		return
	}
	// The span as bytes of the line; one going on past the line is
	// underlined to its end.
	s := min(max(d.Start-d.LineStart, 0), len(line))
	e := len(line)
	if d.EndLine == d.Line {
		e = min(max(d.End-d.LineStart, s), len(line))
	}
	from, to := 0, len(line)
	if len(line) > maxExcerpt {
		from = s
		for k := 0; k < excerptBefore && from > 0; k++ {
			_, size := utf8.DecodeLastRuneInString(line[:from])
			from -= size
		}
		to = from
		for runes := 0; runes < maxExcerpt && to < len(line); runes++ {
			_, size := utf8.DecodeRuneInString(line[to:])
			to += size
		}
	}
	var shown strings.Builder
	width, startCol, endCol := 0, -1, -1
	if from > 0 {
		shown.WriteString("…")
		width++
	}
	for i, r := range line[from:to] {
		if startCol < 0 && from+i >= s {
			startCol = width
		}
		if endCol < 0 && from+i >= e {
			endCol = width
		}
		switch {
		case r == '\t':
			shown.WriteString("    ")
			width += 4
		case r == utf8.RuneError || r < 0x20:
			shown.WriteRune('?')
			width++
		default:
			shown.WriteRune(r)
			width++
		}
	}
	if startCol < 0 {
		startCol = width
	}
	if endCol < 0 {
		endCol = width
	}
	if to < len(line) {
		shown.WriteString("…")
	}
	n := max(endCol-startCol, 1)
	t.printf("%s %s\n", t.dim.Sprintf(" %d |", d.Line), shown.String())
	t.printf("%s %s%s\n", t.dim.Sprint(t.gutter(d.Line, "|")), strings.Repeat(" ", startCol), t.sev[d.Severity].Sprint(strings.Repeat("^", n)))
}

// Finish implements Reporter.
func (t *Text) Finish(s *Summary) error {
	if !t.meta.Quiet {
		plural := func(n int, word string) string {
			if n == 1 {
				return fmt.Sprintf("%d %s", n, word)
			}
			return fmt.Sprintf("%d %ss", n, word)
		}
		line := fmt.Sprintf("%s checked: %s, %s, %d info", plural(s.Files, "file"),
			plural(s.Counts["error"], "error"), plural(s.Counts["warning"], "warning"), s.Counts["info"])
		if s.Skipped > 0 {
			line += fmt.Sprintf(", %d skipped", s.Skipped)
		}
		if s.Fixed > 0 {
			line += fmt.Sprintf(", %d fixed", s.Fixed)
		}
		if !s.Timeless {
			line += fmt.Sprintf(" (%.2fs)", s.Elapsed.Seconds())
		}
		t.printf("%s\n", line)
	}
	if t.err != nil {
		return t.err
	}
	return t.w.Flush()
}
