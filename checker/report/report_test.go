package report

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/healthlint/healthlint/checker"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/report")

const goldenDir = "../../testdata/report"

// testRules are the rules the shared findings come from; house/slang is
// deliberately missing, as custom rules from configs are.
func testRules() []*checker.Rule {
	return []*checker.Rule{
		{
			ID: "claims/cure", Title: "a cure claim", Severity: checker.SeverityError, Fixable: true,
			Doc:     "Cure claims promise what treatment cannot.\n\nBad: Our program cures addiction.\nGood: Our program treats addiction.",
			Sources: []checker.Source{{Title: "FTC Health Products Compliance Guidance", URL: "https://www.ftc.gov/business-guidance/resources/health-products-compliance-guidance"}},
		},
		{
			ID: "references/stale-insurer", Title: "an insurer under a retired name", Severity: checker.SeverityWarning,
			Doc:     "Insurers rename; old names confuse readers.\n\nBad: We accept Beacon Health Options.\nGood: We accept Carelon Behavioral Health.",
			Sources: []checker.Source{{Title: "Carelon: Beacon is now Carelon", URL: "https://www.carelon.com/"}},
		},
		{
			ID: "disclosure/medical-disclaimer", Title: "no medical disclaimer", Severity: checker.SeverityWarning, DefaultOff: true,
			Doc:     "Pages giving health advice say it is not medical advice.\n\nBad: (no disclaimer)\nGood: This page is not medical advice.",
			Sources: []checker.Source{{Title: "FTC <advertising> & \"endorsement\" guides", URL: "https://www.ftc.gov/legal-library/browse/rules/guides-concerning-use-endorsements-testimonials-advertising"}},
		},
	}
}

func testMeta() Meta {
	return Meta{Tool: "healthlint", Version: "1.2.3", AsOf: time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC),
		Rules: testRules(), InformationURI: "https://github.com/healthlint/healthlint"}
}

// diag builds a diagnostic on the nth occurrence (from 0) of text in src,
// computing lines and code-point columns the way checker.Flatten does.
func diag(t *testing.T, path string, src []byte, text string, nth int, rule string, sev checker.Severity, msg, suggestion string) checker.Diagnostic {
	t.Helper()
	start := -1
	from := 0
	for i := 0; i <= nth; i++ {
		j := bytes.Index(src[from:], []byte(text))
		if j < 0 {
			t.Fatalf("%q: occurrence %d not in source", text, nth)
		}
		start = from + j
		from = start + 1
	}
	end := start + len(text)
	line, col := pos(src, start)
	endLine, endCol := pos(src, end)
	ls := bytes.LastIndexByte(src[:start], '\n') + 1
	le := bytes.IndexByte(src[start:], '\n')
	if le < 0 {
		le = len(src)
	} else {
		le += start
	}
	return checker.Diagnostic{Path: path, Line: line, Column: col, EndLine: endLine, EndColumn: endCol,
		Rule: rule, Severity: sev.String(), Sev: sev, Message: msg, Suggestion: suggestion, Fixes: []checker.FixOut{},
		Fingerprint: checker.Fingerprint(rule, path, text, nth), Start: start, End: end, Snippet: text,
		SourceLine: strings.TrimSuffix(string(src[ls:le]), "\r"), LineStart: ls}
}

func pos(src []byte, off int) (int, int) {
	line := 1 + bytes.Count(src[:off], []byte("\n"))
	ls := bytes.LastIndexByte(src[:off], '\n') + 1
	return line, 1 + utf8.RuneCount(src[ls:off])
}

// testResults is the shared set of findings every golden file is made
// from: awkward characters in paths and messages (%, ",", ":", newlines,
// "<", "&", quotes, non-ASCII, a control character), a custom rule, a
// document-level finding, overlapping spans, an empty span, a fix, a
// clean file, a skipped one and one with an error.
func testResults(t *testing.T) []*checker.FileResult {
	p1 := `docs/ré:sumé, 100% "new".md`
	src1 := []byte("# Café & <Recovery>\n\nOur tea cures the flu <script>alert(\"x\")</script> fast.\r\nWe accept Beacon\nHealth Options, 100% guaranteed: naïve.\n")
	cure := diag(t, p1, src1, "cures", 0, "claims/cure", checker.SeverityError,
		`"cures" is a cure claim; say "helps" & cite a <source>`, "describe treatment,\nthen recovery")
	cure.Fixes = []checker.FixOut{{Description: `replace "cures" with "helps treat"`, Edits: []checker.EditOut{{
		Line: cure.Line, Column: cure.Column, EndLine: cure.EndLine, EndColumn: cure.EndColumn, NewText: "helps treat", Start: cure.Start, End: cure.End}}}}
	script := diag(t, p1, src1, `tea cures the flu <script>alert("x")</script>`, 0, "house/slang", checker.SeverityInfo,
		`100%, "house style": avoid <script> & co.`, "")
	insurer := diag(t, p1, src1, "Beacon\nHealth Options", 0, "references/stale-insurer", checker.SeverityWarning,
		`"Beacon Health Options" is now "Carelon Behavioral Health"; use the new name`, "Carelon Behavioral Health")
	document := diag(t, p1, src1, "Café & <Recovery>", 0, "disclosure/medical-disclaimer", checker.SeverityWarning,
		"the page gives health advice without a medical disclaimer; add one", `add "This page is not medical advice."`)
	document.Document = true
	empty := diag(t, p1, src1, "naïve", 0, "house/slang", checker.SeverityInfo, "a line ends here:\nsee, 50%", "")
	empty.Start = empty.End
	empty.Line, empty.Column = empty.EndLine, empty.EndColumn
	empty.Snippet = ""

	p3 := "notes/日本語 ページ.md"
	src3 := []byte("Guaranteed\x01 results in 30 days.\n")
	ctrl := diag(t, p3, src3, "Guaranteed\x01", 0, "claims/cure", checker.SeverityError,
		"\"Guaranteed\x01\" promises an outcome;\r\nremove it\x0b", "")

	return []*checker.FileResult{
		{Input: checker.Input{Display: "big.md"}, Skipped: true, Notices: []string{"big.md: skipped: 20000000 bytes is over --max-file-size (10485760); raise the limit to check it"}},
		{Input: checker.Input{Display: "docs/clean.md"}, Source: []byte("# Clean\n\nNothing to see.\n"), Topics: []string{}},
		{Input: checker.Input{Display: p1}, Source: src1, Diagnostics: []checker.Diagnostic{document, cure, script, insurer, empty}, Topics: []string{"flu"}},
		{Input: checker.Input{Display: p3}, Source: src3, Diagnostics: []checker.Diagnostic{ctrl}, Topics: []string{}},
		{Input: checker.Input{Display: "docs/broken.md"}, Source: []byte("---\ntitle: [\n---\n# Broken\n"), Topics: []string{},
			Errors: []error{errors.New("docs/broken.md:2:8: front matter is not valid YAML: did not find expected node content; fix the YAML")}},
	}
}

// render runs one format over the shared results.
func render(t *testing.T, f Format) []byte {
	t.Helper()
	var buf bytes.Buffer
	rep := f.New(&buf, testMeta())
	s := NewSummary()
	s.Timeless = true
	for _, r := range testResults(t) {
		s.Add(r)
		if err := rep.File(r); err != nil {
			t.Fatalf("%s: File: %v", f.Name, err)
		}
	}
	if err := rep.Finish(s); err != nil {
		t.Fatalf("%s: Finish: %v", f.Name, err)
	}
	return buf.Bytes()
}

func TestGolden(t *testing.T) {
	for _, f := range Formats() {
		t.Run(f.Name, func(t *testing.T) {
			got := render(t, f)
			path := filepath.Join(goldenDir, f.Name+".golden")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v; run go test ./checker/report -update", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s output differs from %s; if intended, run go test ./checker/report -update\n--- got ---\n%s", f.Name, path, got)
			}
		})
	}
}

// TestEmptyRun checks every format writes a complete document when no
// file was checked at all.
func TestEmptyRun(t *testing.T) {
	for _, f := range Formats() {
		var buf bytes.Buffer
		rep := f.New(&buf, testMeta())
		s := NewSummary()
		s.Timeless = true
		if err := rep.Finish(s); err != nil {
			t.Errorf("%s: %v", f.Name, err)
		}
		if buf.Len() == 0 && f.Name != "github" {
			t.Errorf("%s: wrote nothing for an empty run", f.Name)
		}
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

// TestWriteErrors checks a failing writer surfaces as an error.
func TestWriteErrors(t *testing.T) {
	for _, f := range Formats() {
		rep := f.New(failWriter{}, testMeta())
		s := NewSummary()
		var err error
		for _, r := range testResults(t) {
			if err = rep.File(r); err != nil {
				break
			}
		}
		if err == nil {
			err = rep.Finish(s)
		}
		if err == nil {
			t.Errorf("%s: no error from a failing writer", f.Name)
		}
	}
}

func TestLookupNewFormats(t *testing.T) {
	for _, name := range []string{"sarif", "github", "junit", "checkstyle", "markdown", "html"} {
		f, err := Lookup(name)
		if err != nil {
			t.Fatal(err)
		}
		if f.NeedsSource != (name == "html") {
			t.Errorf("%s: NeedsSource = %v", name, f.NeedsSource)
		}
	}
}

// A finding on a very long line shows a window of the line around it,
// its carets under the finding, instead of the whole line.
func TestTextLongLineExcerpt(t *testing.T) {
	long := strings.Repeat("Plain words, é and tabs\tbetween them. ", 400)
	src := []byte("# Title\n\n" + long + "Ketamine cures depression. " + long + "\n")
	d := diag(t, "long.md", src, "cures", 0, "claims/cure", checker.SeverityError, "a cure claim", "")
	var out bytes.Buffer
	r := NewText(&out, Meta{Quiet: true})
	if err := r.File(&checker.FileResult{Diagnostics: []checker.Diagnostic{d}}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(out.String(), "\n")
	if len(lines) < 3 {
		t.Fatalf("no excerpt:\n%s", out.String())
	}
	shown, carets := lines[1], lines[2]
	if n := utf8.RuneCountInString(shown); n > maxExcerpt+40 {
		t.Errorf("excerpt of %d code points, want a window: %q", n, shown)
	}
	if strings.Count(shown, "…") != 2 || !strings.HasSuffix(shown, "…") {
		t.Errorf("a cut line is not marked as cut: %q", shown)
	}
	at := strings.Index(carets, "^")
	if at < 0 || strings.Count(carets, "^") != len("cures") {
		t.Fatalf("carets %q", carets)
	}
	// The carets stand under "cures" (display columns, counting a tab
	// as four and every code point as one).
	runes := []rune(strings.ReplaceAll(shown, "\t", "    "))
	if got := string(runes[at : at+len("cures")]); got != "cures" {
		t.Errorf("carets under %q, want under %q\n%s\n%s", got, "cures", shown, carets)
	}
}
