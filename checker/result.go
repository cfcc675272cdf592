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
	LineStart   int      `json:"-"` // the byte offset at which SourceLine starts
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
//
// A large run flattens about 200,000 findings, so this avoids work per
// finding: fixes and edits of the whole file share one backing array each,
// findings on the same line share one copy of it (their snippets are cut
// from that copy), and occurrences are counted without building keys.
func Flatten(doc *Document, displayPath string, findings []Finding) []Diagnostic {
	out := make([]Diagnostic, 0, len(findings))
	nFixes, nEdits := 0, 0
	for i := range findings {
		nFixes += len(findings[i].Fixes)
		for _, fx := range findings[i].Fixes {
			nEdits += len(fx.Edits)
		}
	}
	// Capacities are exact, so the slices handed out below never move;
	// each is capped at its own length, so appending to one cannot
	// overwrite the next.
	fixes := make([]FixOut, 0, nFixes)
	edits := make([]EditOut, 0, nEdits)
	type occKey struct{ rule, key string }
	occurrences := make(map[occKey]int, len(findings))
	lastLine, lineStart, lineText := -1, 0, ""
	// Starts come in order, and so, mostly, do ends.
	starts, ends := positionCursor{lt: doc.Lines}, positionCursor{lt: doc.Lines}
	for i := range findings {
		f := &findings[i]
		start, end := starts.position(f.Span.Start), ends.position(f.Span.End)
		if start.Line != lastLine {
			lastLine, lineStart = start.Line, doc.Lines.LineStart(start.Line)
			lineText = string(doc.Source[lineStart:doc.Lines.LineEnd(start.Line)])
		}
		var snippet string
		if s, e := f.Span.Start-lineStart, f.Span.End-lineStart; 0 <= s && s <= e && e <= len(lineText) {
			snippet = lineText[s:e]
		} else {
			// Spans over several lines (or out of range, which panics
			// here exactly as it always did) are copied on their own.
			snippet = string(doc.Source[f.Span.Start:f.Span.End])
		}
		key := f.Key
		if key == "" {
			key = normalizeKey(snippet)
		}
		k := occKey{f.Rule, key}
		occ := occurrences[k]
		occurrences[k] = occ + 1
		var fp string
		if f.Key == "" {
			// key is normalised already, and normalising twice changes
			// nothing (lowercasing is idempotent and yields no spaces).
			fp = fingerprint(f.Rule, displayPath, key, occ)
		} else {
			fp = Fingerprint(f.Rule, displayPath, key, occ)
		}
		firstFix := len(fixes)
		for _, fx := range f.Fixes {
			firstEdit := len(edits)
			for _, e := range fx.Edits {
				s, en := doc.Lines.Position(e.Start), doc.Lines.Position(e.End)
				edits = append(edits, EditOut{Line: s.Line, Column: s.Column, EndLine: en.Line, EndColumn: en.Column, NewText: doc.keep(e.NewText), Start: e.Start, End: e.End})
			}
			fixes = append(fixes, FixOut{Description: doc.keep(fx.Description), Edits: edits[firstEdit:len(edits):len(edits)]})
		}
		out = append(out, Diagnostic{
			Path: displayPath, Line: start.Line, Column: start.Column, EndLine: end.Line, EndColumn: end.Column,
			Rule: f.Rule, Severity: f.Severity.String(), Message: doc.keep(f.Message), Suggestion: doc.keep(f.Suggestion),
			Fixes: fixes[firstFix:len(fixes):len(fixes)], Fingerprint: fp,
			Start: f.Span.Start, End: f.Span.End, Sev: f.Severity, Snippet: snippet, Document: f.Key == "document",
			SourceLine: lineText, LineStart: lineStart,
		})
	}
	return out
}

// normalizeKey makes the fingerprint text independent of line wrapping
// and case: "Beacon Health\nOptions" and "beacon health options" agree.
func normalizeKey(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			if !utf8.ValidString(s) {
				s = strings.ToValidUTF8(s, "\uFFFD")
			}
			return strings.ToLower(strings.Join(strings.Fields(s), " "))
		}
	}
	return normalizeASCII(s)
}

// asciiSpace holds the ASCII bytes strings.Fields splits on.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// normalizeASCII is normalizeKey for ASCII text, which most keys are: the
// same result in one pass and at most one allocation, or none when s is
// already lowercase words between single spaces.
func normalizeASCII(s string) string {
	normal := true
	for i := 0; i < len(s) && normal; i++ {
		c := s[i]
		switch {
		case 'A' <= c && c <= 'Z':
			normal = false
		case asciiSpace[c]:
			normal = c == ' ' && i > 0 && i < len(s)-1 && s[i-1] != ' '
		}
	}
	if normal {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		for i < len(s) && asciiSpace[s[i]] {
			i++
		}
		if i == len(s) {
			break
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		for ; i < len(s) && !asciiSpace[s[i]]; i++ {
			c := s[i]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b.WriteByte(c)
		}
	}
	return b.String()
}

// Fingerprint identifies a finding across edits that move text to other
// lines: rule, path, normalised matched text and occurrence index.
//
// The hash input is rule, path, key and occurrence joined by NUL bytes;
// baselines store these values, so it must never change. It is assembled in
// a stack buffer rather than by string concatenation.
func Fingerprint(rule, path, key string, occurrence int) string {
	return fingerprint(rule, path, normalizeKey(key), occurrence)
}

// fingerprint is Fingerprint for a key normalizeKey has already normalised.
func fingerprint(rule, path, key string, occurrence int) string {
	var buf [256]byte
	b := append(buf[:0], rule...)
	b = append(b, 0)
	b = append(b, path...)
	b = append(b, 0)
	b = append(b, key...)
	b = append(b, 0)
	b = strconv.AppendInt(b, int64(occurrence), 10)
	h := sha256.Sum256(b)
	var hx [16]byte
	hex.Encode(hx[:], h[:8])
	return string(hx[:])
}
