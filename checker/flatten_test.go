package checker

import (
	"crypto/sha256"
	"encoding/hex"
	"math/rand/v2"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// The reference functions below are Flatten, Fingerprint and
// LineTable.Position as they were before they were made cheaper. Baselines
// store fingerprints and every report prints positions, so the fast
// versions must agree with them exactly.

func refPosition(lt *LineTable, off int) Position {
	if off < 0 {
		off = 0
	}
	if off > len(lt.src) {
		off = len(lt.src)
	}
	line := lt.LineOf(off)
	start := lt.starts[line-1]
	if line == 1 && lt.bom > 0 && off >= lt.bom {
		start = lt.bom
	}
	col := 1
	for i := start; i < off; {
		_, size := utf8.DecodeRune(lt.src[i:])
		i += size
		col++
	}
	return Position{Line: line, Column: col}
}

func refNormalizeKey(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

func refFingerprint(rule, path, key string, occurrence int) string {
	h := sha256.Sum256([]byte(rule + "\x00" + path + "\x00" + refNormalizeKey(key) + "\x00" + strconv.Itoa(occurrence)))
	return hex.EncodeToString(h[:8])
}

func refFlatten(doc *Document, displayPath string, findings []Finding) []Diagnostic {
	out := make([]Diagnostic, 0, len(findings))
	occurrences := map[string]int{}
	for i := range findings {
		f := &findings[i]
		start, end := refPosition(doc.Lines, f.Span.Start), refPosition(doc.Lines, f.Span.End)
		snippet := string(doc.Source[f.Span.Start:f.Span.End])
		key := f.Key
		if key == "" {
			key = refNormalizeKey(snippet)
		}
		occKey := f.Rule + "\x00" + key
		occ := occurrences[occKey]
		occurrences[occKey] = occ + 1
		d := Diagnostic{
			Path: displayPath, Line: start.Line, Column: start.Column, EndLine: end.Line, EndColumn: end.Column,
			Rule: f.Rule, Severity: f.Severity.String(), Message: f.Message, Suggestion: f.Suggestion,
			Fixes: []FixOut{}, Fingerprint: refFingerprint(f.Rule, displayPath, key, occ),
			Start: f.Span.Start, End: f.Span.End, Sev: f.Severity, Snippet: snippet, Document: f.Key == "document",
			SourceLine: string(doc.Source[doc.Lines.LineStart(start.Line):doc.Lines.LineEnd(start.Line)]), LineStart: doc.Lines.LineStart(start.Line),
		}
		for _, fx := range f.Fixes {
			fo := FixOut{Description: fx.Description, Edits: []EditOut{}}
			for _, e := range fx.Edits {
				s, en := refPosition(doc.Lines, e.Start), refPosition(doc.Lines, e.End)
				fo.Edits = append(fo.Edits, EditOut{Line: s.Line, Column: s.Column, EndLine: en.Line, EndColumn: en.Column, NewText: e.NewText, Start: e.Start, End: e.End})
			}
			d.Fixes = append(d.Fixes, fo)
		}
		out = append(out, d)
	}
	return out
}

// flattenPieces build documents and keys: words in both cases, every kind
// of whitespace strings.Fields splits on, line ends, multi-byte and invalid
// UTF-8.
var flattenPieces = []string{
	"cures", "Beacon", "HEALTH", "options", " ", "  ", "\t", "\n", "\r\n", "\r", "\v", "\f",
	"\u00a0", "\u0085", "\u2028", "\u3000", "é", "É", "İ", "ß", "中", "😀", "\xff", "\xc3", "\xe2\x80", ".", "-",
}

func randomText(r *rand.Rand, n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString(flattenPieces[r.IntN(len(flattenPieces))])
	}
	return b.String()
}

func TestFlattenMatchesReference(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	rules := []string{"claims/cure", "language/stigmatizing", "house/slang"}
	for iter := 0; iter < 3000; iter++ {
		src := randomText(r, r.IntN(120))
		if r.IntN(4) == 0 {
			src = "\xef\xbb\xbf" + src
		}
		doc := Parse("a.md", []byte(src))
		var findings []Finding
		for n := r.IntN(12); n > 0; n-- {
			// Any offsets, code point boundaries or not.
			s := r.IntN(len(src) + 1)
			e := s + r.IntN(len(src)-s+1)
			if r.IntN(3) > 0 {
				e = s + min(len(src)-s, r.IntN(8))
			}
			f := Finding{Rule: rules[r.IntN(len(rules))], Severity: Severity(r.IntN(4)), Span: Span{Start: s, End: e},
				Message: randomText(r, 3), Suggestion: randomText(r, r.IntN(2))}
			switch r.IntN(4) {
			case 0:
				f.Key = "document"
			case 1:
				f.Key = randomText(r, r.IntN(5))
			}
			for m := r.IntN(3); m > 0; m-- {
				fx := Fix{Description: randomText(r, 2)}
				for k := r.IntN(3); k > 0; k-- {
					// Edits may fall outside the file; positions clamp.
					es := r.IntN(len(src)+3) - 1
					fx.Edits = append(fx.Edits, Edit{Start: es, End: es + r.IntN(5), NewText: randomText(r, 1)})
				}
				f.Fixes = append(f.Fixes, fx)
			}
			findings = append(findings, f)
		}
		want := refFlatten(doc, "pages/a.md", findings)
		got := Flatten(doc, "pages/a.md", findings)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("document %q:\n got %+v\nwant %+v", src, got, want)
		}
		for off := -1; off <= len(src)+1; off++ {
			if got, want := doc.Lines.Position(off), refPosition(doc.Lines, off); got != want {
				t.Fatalf("document %q offset %d: got %v, want %v", src, off, got, want)
			}
		}
	}
}

func TestFingerprintMatchesReference(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	long := strings.Repeat("a long key ", 40) // longer than the stack buffer
	for i := 0; i < 20000; i++ {
		key := randomText(r, r.IntN(6))
		if i%100 == 0 {
			key += long
		}
		occ := r.IntN(5)
		if i%50 == 0 {
			occ = -occ*1000 - 1
		}
		if got, want := normalizeKey(key), refNormalizeKey(key); got != want {
			t.Fatalf("normalizeKey(%q) = %q, want %q", key, got, want)
		}
		if got, want := Fingerprint("claims/cure", "pages/a.md", key, occ), refFingerprint("claims/cure", "pages/a.md", key, occ); got != want {
			t.Fatalf("Fingerprint(%q, %d) = %s, want %s", key, occ, got, want)
		}
	}
	// Every short string over the bytes the ASCII path treats specially.
	alphabet := []string{"a", "B", " ", "\t", "\n", "\x00", "\v"}
	keys := []string{""}
	for n := 0; n < 5; n++ {
		for _, k := range keys {
			for _, c := range alphabet {
				keys = append(keys, k+c)
			}
		}
	}
	for _, key := range keys {
		if got, want := normalizeKey(key), refNormalizeKey(key); got != want {
			t.Fatalf("normalizeKey(%q) = %q, want %q", key, got, want)
		}
	}
	// A value stored in baselines must never change.
	if got := Fingerprint("references/stale-insurer", "pages/insurance.md", "Beacon Health\nOptions", 0); got != "161beb1570b0ab3b" {
		t.Fatalf("fingerprint changed: %s", got)
	}
}

func BenchmarkFlatten(b *testing.B) {
	// A document like the benchmark corpus: long paragraph lines, mostly
	// ASCII, a finding every few words, a few with fixes.
	para := "Relapse is common in chronic illnesses, and it is a signal to adjust treatment rather than a failure. Our program cures addicts — naïve “miracle” claims. "
	var src strings.Builder
	for i := 0; i < 40; i++ {
		src.WriteString(strings.Repeat(para, 2))
		src.WriteString("\n\n")
	}
	doc := Parse("bench.md", []byte(src.String()))
	var findings []Finding
	text := src.String()
	for off := 0; ; {
		i := strings.Index(text[off:], "cures addicts")
		if i < 0 {
			break
		}
		s := off + i
		findings = append(findings,
			Finding{Rule: "claims/cure", Severity: SeverityError, Span: Span{Start: s, End: s + 5}, Message: "cure claim",
				Fixes: []Fix{{Description: `Replace with "treats"`, Edits: []Edit{{Start: s, End: s + 5, NewText: "treats"}}}}},
			Finding{Rule: "language/stigmatizing", Severity: SeverityInfo, Span: Span{Start: s + 6, End: s + 13}, Message: "stigmatizing term"},
			Finding{Rule: "claims/uncited", Severity: SeverityWarning, Span: Span{Start: s - 30, End: s + 13}, Message: "uncited"})
		off = s + 1
	}
	b.ReportAllocs()
	for b.Loop() {
		Flatten(doc, "section-0000/page-000000.md", findings)
	}
}

// TestPositionCursorMatchesReference converts runs of offsets, mostly
// rising as findings do, some falling, inside and between code points,
// with both the cursor and the reference.
func TestPositionCursorMatchesReference(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for range 5000 {
		src := randomText(r, r.IntN(80))
		if r.IntN(4) == 0 {
			src = "\xef\xbb\xbf" + src
		}
		lt := NewLineTable([]byte(src))
		c := positionCursor{lt: lt}
		off := r.IntN(5) - 2
		for range 30 {
			if got, want := c.position(off), refPosition(lt, off); got != want {
				t.Fatalf("document %q offset %d: got %v, want %v", src, off, got, want)
			}
			switch r.IntN(6) {
			case 0:
				off = r.IntN(len(src)+5) - 2
			case 1:
				off -= r.IntN(4)
			default:
				off += r.IntN(6)
			}
		}
	}
}
