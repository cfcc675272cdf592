package report

import (
	"bytes"
	"encoding/json"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/healthlint/healthlint/checker"
)

// pieces are the fragments generated strings are built from: every kind of
// byte encoding/json treats specially without HTML escaping, the HTML
// characters it then leaves alone, and invalid or cut-off UTF-8.
var pieces = []string{
	"a", "Z", " ", "cures addiction", "<b>", ">", "&amp;", "\"", "\\", "/", "'",
	"\x00", "\x01", "\b", "\f", "\n", "\r", "\t", "\x1f", "\x7f",
	"é", "中", "😀", "\u2028", "\u2029", "\u2027", "\u202a", "\ufeff", "\ufffd",
	"\xff", "\xc3", "\xe2\x80", "\xf0\x9f\x98", "\xed\xa0\x80", "\xc0\xaf", "\xf8\x88\x80\x80\x80",
}

func randomString(r *rand.Rand) string {
	var b []byte
	switch r.IntN(4) {
	case 0:
		return ""
	case 1:
		// Raw bytes reach every byte value.
		for n := r.IntN(12); n > 0; n-- {
			b = append(b, byte(r.IntN(256)))
		}
	default:
		for n := r.IntN(10); n > 0; n-- {
			b = append(b, pieces[r.IntN(len(pieces))]...)
		}
	}
	return string(b)
}

func randomInt(r *rand.Rand) int {
	switch r.IntN(5) {
	case 0:
		return 0
	case 1:
		return -r.IntN(1000)
	case 2:
		return math.MaxInt - r.IntN(3)
	case 3:
		return math.MinInt + r.IntN(3)
	}
	return r.IntN(100000)
}

func randomDiagnostic(r *rand.Rand) checker.Diagnostic {
	d := checker.Diagnostic{
		Path: randomString(r), Line: randomInt(r), Column: randomInt(r), EndLine: randomInt(r), EndColumn: randomInt(r),
		Rule: randomString(r), Severity: randomString(r), Message: randomString(r), Suggestion: randomString(r),
		Fingerprint: randomString(r),
		// Fields the JSON leaves out must stay out.
		Start: randomInt(r), End: randomInt(r), SourceLine: randomString(r), Snippet: randomString(r), Document: r.IntN(2) == 0,
	}
	if r.IntN(5) > 0 {
		d.Fixes = []checker.FixOut{}
		for n := r.IntN(3); n > 0; n-- {
			fx := checker.FixOut{Description: randomString(r)}
			if r.IntN(5) > 0 {
				fx.Edits = []checker.EditOut{}
				for m := r.IntN(3); m > 0; m-- {
					fx.Edits = append(fx.Edits, checker.EditOut{Line: randomInt(r), Column: randomInt(r), EndLine: randomInt(r),
						EndColumn: randomInt(r), NewText: randomString(r), Start: randomInt(r), End: randomInt(r)})
				}
			}
			d.Fixes = append(d.Fixes, fx)
		}
	}
	return d
}

// encodingJSON is how the JSON report encoded findings before it had its
// own encoder; the two must agree byte for byte.
func encodingJSON(t *testing.T, v any) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

func TestJSONEncoderMatches(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 20000; i++ {
		d := randomDiagnostic(r)
		want := encodingJSON(t, &d)
		if got := appendDiagnostic(nil, &d); !bytes.Equal(got, want) {
			t.Fatalf("diagnostic %d:\n got %s\nwant %s", i, got, want)
		}
	}
	// Every single byte and every piece on its own, so no escape is left
	// to chance.
	var singles []string
	for b := 0; b < 256; b++ {
		singles = append(singles, string([]byte{byte(b)}), "x"+string([]byte{byte(b)})+"y")
	}
	// And every byte at every offset of a stretch of plain ASCII, which
	// the encoder passes over eight bytes at a time.
	for b := 0; b < 256; b++ {
		for k := 0; k < 17; k++ {
			plain := []byte("plain ascii text!")
			plain[k] = byte(b)
			singles = append(singles, string(plain))
		}
	}
	for _, s := range append(singles, pieces...) {
		want := encodingJSON(t, s)
		if got := appendJSONString(nil, s); !bytes.Equal(got, want) {
			t.Fatalf("%q:\n got %s\nwant %s", s, got, want)
		}
	}
}

func BenchmarkJSONFindings(b *testing.B) {
	r := rand.New(rand.NewPCG(3, 4))
	res := &checker.FileResult{Input: checker.Input{Display: "pages/a.md"}, Topics: []string{}}
	for i := 0; i < 100; i++ {
		res.Diagnostics = append(res.Diagnostics, checker.Diagnostic{
			Path: "pages/a.md", Line: r.IntN(300) + 1, Column: r.IntN(80) + 1, EndLine: r.IntN(300) + 1, EndColumn: r.IntN(80) + 1,
			Rule: "claims/cure", Severity: "error", Message: `"cures" promises what treatment cannot; say "treats"`,
			Suggestion: "treats", Fingerprint: "0123456789abcdef",
			Fixes: []checker.FixOut{{Description: `Replace with "treats"`, Edits: []checker.EditOut{{Line: 3, Column: 5, EndLine: 3, EndColumn: 10, NewText: "treats", Start: 40, End: 45}}}},
		})
	}
	var out bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		out.Reset()
		j := NewJSON(&out, testMeta())
		if err := j.File(res); err != nil {
			b.Fatal(err)
		}
		if err := j.Finish(NewSummary()); err != nil {
			b.Fatal(err)
		}
	}
}
