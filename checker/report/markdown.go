package report

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/healthlint/healthlint/checker"
)

// MarkdownMaxFindings bounds how many findings the Markdown summary
// lists, so it fits a pull-request comment or a job summary; the totals
// always count every finding.
const MarkdownMaxFindings = 500

// Markdown writes a summary for pull-request comments and GitHub job
// summaries: totals by severity and by rule, then the findings grouped by
// file, each with a link to its line. Links are relative unless
// Meta.LinkBase is set (the CLI sets it to the commit's blob URL on
// GitHub Actions).
type Markdown struct {
	w        *bufio.Writer
	meta     Meta
	body     bytes.Buffer
	listed   int
	unlisted int
	err      error
}

var _ Reporter = (*Markdown)(nil)

// NewMarkdown returns the Markdown reporter.
func NewMarkdown(w io.Writer, meta Meta) Reporter {
	return &Markdown{w: bufio.NewWriter(w), meta: meta}
}

// markdownInline escapes text for a Markdown paragraph: markup
// punctuation gets a backslash, "<", ">" and "&" become entities (so no
// HTML gets through), line breaks become spaces.
func markdownInline(s string) string {
	var b strings.Builder
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		switch r {
		case '\\', '`', '*', '_', '[', ']', '(', ')', '|', '~', '#', '!':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '\r', '\n':
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// markdownLinkText escapes text for inside [...].
func markdownLinkText(s string) string { return markdownInline(s) }

// markdownCode puts s in a code span that no backtick in s can end.
func markdownCode(s string) string {
	s = strings.NewReplacer("\r", " ", "\n", " ").Replace(s)
	fence := "`"
	for strings.Contains(s, fence) {
		fence += "`"
	}
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		return fence + " " + s + " " + fence
	}
	return fence + s + fence
}

func (m *Markdown) link(path string, line int) string {
	u := m.meta.LinkBase + pathURI(path)
	if line > 0 {
		u += fmt.Sprintf("#L%d", line)
	}
	return u
}

// File implements Reporter.
func (m *Markdown) File(r *checker.FileResult) error {
	if len(r.Diagnostics) == 0 {
		return nil
	}
	if m.listed >= MarkdownMaxFindings {
		m.unlisted += len(r.Diagnostics)
		return nil
	}
	fmt.Fprintf(&m.body, "### [%s](%s)\n\n", markdownLinkText(r.Input.Display), m.link(r.Input.Display, 0))
	for i := range r.Diagnostics {
		d := &r.Diagnostics[i]
		if m.listed >= MarkdownMaxFindings {
			m.unlisted++
			continue
		}
		m.listed++
		fmt.Fprintf(&m.body, "- **%s** [line %d](%s): %s (%s)\n", d.Severity, d.Line, m.link(d.Path, d.Line),
			markdownInline(d.Message), markdownCode(d.Rule))
		if d.Suggestion != "" {
			fmt.Fprintf(&m.body, "  - suggestion: %s\n", markdownInline(d.Suggestion))
		}
	}
	m.body.WriteString("\n")
	return nil
}

// Finish implements Reporter.
func (m *Markdown) Finish(s *Summary) error {
	p := func(format string, args ...any) {
		if m.err == nil {
			_, m.err = fmt.Fprintf(m.w, format, args...)
		}
	}
	p("## %s report\n\n", markdownInline(m.meta.Tool))
	p("%d files checked as of %s: **%d errors**, **%d warnings**, **%d info**", s.Files,
		m.meta.AsOf.Format("2006-01-02"), s.Counts["error"], s.Counts["warning"], s.Counts["info"])
	if s.Skipped > 0 {
		p(", %d skipped", s.Skipped)
	}
	p(".\n\n")
	if s.Total() == 0 {
		p("No findings.\n")
	} else {
		p("| severity | findings |\n|---|---:|\n")
		for _, sev := range []string{"error", "warning", "info"} {
			p("| %s | %d |\n", sev, s.Counts[sev])
		}
		p("\n| rule | findings |\n|---|---:|\n")
		ids := s.RulesByCount()
		for _, id := range ids {
			p("| %s | %d |\n", markdownCode(id), s.ByRule[id])
		}
		p("\n")
		if m.err == nil {
			_, m.err = m.w.Write(m.body.Bytes())
		}
		if m.unlisted > 0 {
			p("_%d more findings are not listed here; see the full report._\n", m.unlisted)
		}
	}
	if m.err != nil {
		return m.err
	}
	return m.w.Flush()
}
