package checker

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Diagnostic is a finding flattened for output: lines and columns computed,
// path relative, fingerprint assigned. Reports read only Diagnostics.
type Diagnostic struct {
	Path        string   `json:"path"`
	Line        int      `json:"line"`
	Column      int      `json:"column"`
	EndLine     int      `json:"endLine"`
	EndColumn   int      `json:"endColumn"`
	Rule        string   `json:"rule"`
	Severity    string   `json:"severity"`
	Message     string   `json:"message"`
	Suggestion  string   `json:"suggestion,omitempty"`
	Fixes       []FixOut `json:"fixes"`
	Fingerprint string   `json:"fingerprint"`
	Start       int      `json:"-"` // byte offsets, for reports that show the text
	End         int      `json:"-"`
	SourceLine  string   `json:"-"` // the text of Line, for the text report
	Sev         Severity `json:"-"`
	Snippet     string   `json:"-"` // the source text under the span
	Document    bool     `json:"-"` // a document-level finding
}

// FixOut is a fix as reports show it.
type FixOut struct {
	Description string    `json:"description"`
	Edits       []EditOut `json:"edits"`
}

// EditOut is one text edit with both byte offsets and line/column.
type EditOut struct {
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"endLine"`
	EndColumn int    `json:"endColumn"`
	NewText   string `json:"newText"`
	Start     int    `json:"start"`
	End       int    `json:"end"`
}

// Flatten turns findings on doc into diagnostics. displayPath is the path
// shown to users (relative, forward slashes).
func Flatten(doc *Document, displayPath string, findings []Finding) []Diagnostic {
	out := make([]Diagnostic, 0, len(findings))
	occurrences := map[string]int{}
	for i := range findings {
		f := &findings[i]
		start, end := doc.Lines.Position(f.Span.Start), doc.Lines.Position(f.Span.End)
		snippet := string(doc.Source[f.Span.Start:f.Span.End])
		key := f.Key
		if key == "" {
			key = normalizeKey(snippet)
		}
		occKey := f.Rule + "\x00" + key
		occ := occurrences[occKey]
		occurrences[occKey] = occ + 1
		d := Diagnostic{
			Path: displayPath, Line: start.Line, Column: start.Column, EndLine: end.Line, EndColumn: end.Column,
			Rule: f.Rule, Severity: f.Severity.String(), Message: f.Message, Suggestion: f.Suggestion,
			Fixes: []FixOut{}, Fingerprint: Fingerprint(f.Rule, displayPath, key, occ),
			Start: f.Span.Start, End: f.Span.End, Sev: f.Severity, Snippet: snippet, Document: f.Key == "document",
			SourceLine: string(doc.Source[doc.Lines.LineStart(start.Line):doc.Lines.LineEnd(start.Line)]),
		}
		for _, fx := range f.Fixes {
			fo := FixOut{Description: fx.Description, Edits: []EditOut{}}
			for _, e := range fx.Edits {
				s, en := doc.Lines.Position(e.Start), doc.Lines.Position(e.End)
				fo.Edits = append(fo.Edits, EditOut{Line: s.Line, Column: s.Column, EndLine: en.Line, EndColumn: en.Column, NewText: e.NewText, Start: e.Start, End: e.End})
			}
			d.Fixes = append(d.Fixes, fo)
		}
		out = append(out, d)
	}
	return out
}

// normalizeKey makes the fingerprint text independent of line wrapping
// and case: "Beacon Health\nOptions" and "beacon health options" agree.
func normalizeKey(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// Fingerprint identifies a finding across edits that move text to other
// lines: rule, path, normalised matched text and occurrence index.
func Fingerprint(rule, path, key string, occurrence int) string {
	h := sha256.Sum256([]byte(rule + "\x00" + path + "\x00" + normalizeKey(key) + "\x00" + strconv.Itoa(occurrence)))
	return hex.EncodeToString(h[:8])
}
