package checker

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// spanOf finds the text of a block by its prose, for tests only.
func blockWith(t *testing.T, d *Document, prose string) *Block {
	t.Helper()
	for _, b := range d.Blocks {
		if strings.Contains(b.Text, prose) {
			return b
		}
	}
	t.Fatalf("no block contains %q; blocks: %v", prose, blockTexts(d))
	return nil
}

func blockTexts(d *Document) []string {
	var out []string
	for _, b := range d.Blocks {
		out = append(out, b.Kind.String()+":"+b.Text)
	}
	return out
}

// TestPositions checks that a phrase found in a block's prose maps back to
// the exact source bytes and to the right line and column, in every
// construct where offsets tend to go wrong.
func TestPositions(t *testing.T) {
	cases := []struct {
		name   string
		src    string
		phrase string // in the prose
		source string // exact source text expected under the span
		line   int
		col    int
		endL   int
		endC   int
	}{
		{"plain", "# Title\n\nWe accept Beacon Health Options.\n", "Beacon Health Options", "Beacon Health Options", 3, 11, 3, 32},
		{"crlf", "# Title\r\n\r\nWe accept Beacon Health Options.\r\n", "Beacon Health Options", "Beacon Health Options", 3, 11, 3, 32},
		{"bom", "\ufeffWe accept Beacon.\n", "Beacon", "Beacon", 1, 11, 1, 17},
		{"multibyte before", "Café – naïve 😀 Beacon here.\n", "Beacon", "Beacon", 1, 16, 1, 22},
		{"tab in list", "-\tWe accept Beacon.\n", "Beacon", "Beacon", 1, 13, 1, 19},
		{"nbsp", "No\u00a0side effects at all.\n", "No side effects", "No\u00a0side effects", 1, 1, 1, 16},
		{"curly quote", "It doesn\u2019t cure.\n", "doesn't cure", "doesn\u2019t cure", 1, 4, 1, 16},
		{"front matter", "---\ntitle: A\nauthor: B\n---\n# T\n\nBeacon here.\n", "Beacon", "Beacon", 7, 1, 7, 7},
		{"soft break", "We accept Beacon Health\nOptions today.\n", "Beacon Health Options", "Beacon Health\nOptions", 1, 11, 2, 8},
		{"soft break crlf", "We accept Beacon Health\r\nOptions today.\r\n", "Beacon Health Options", "Beacon Health\r\nOptions", 1, 11, 2, 8},
		{"hard break", "We accept Beacon Health  \nOptions today.\n", "Beacon Health Options", "Beacon Health  \nOptions", 1, 11, 2, 8},
		{"emphasis", "We **accept** Beacon *Health* Options.\n", "Beacon Health Options", "Beacon *Health* Options", 1, 15, 1, 38},
		{"nested list", "- one\n  - two\n    - We accept Beacon.\n", "Beacon", "Beacon", 3, 17, 3, 23},
		{"blockquote", "> quote line\n> We accept Beacon.\n", "Beacon", "Beacon", 2, 13, 2, 19},
		{"nested quote in list", "- item\n  > We accept Beacon.\n", "Beacon", "Beacon", 2, 15, 2, 21},
		{"table cell", "| Payer | Status |\n|---|---|\n| Beacon Health Options | in network |\n", "Beacon Health Options", "Beacon Health Options", 3, 3, 3, 24},
		{"footnote", "Text.[^1]\n\n[^1]: Source says Beacon.\n", "Beacon", "Beacon", 3, 19, 3, 25},
		{"html block", "<div>\n<p>We accept <b>Beacon</b> &amp; Cigna.</p>\n</div>\n", "Beacon & Cigna", "Beacon</b> &amp; Cigna", 2, 17, 2, 39},
		{"link text", "See [Beacon Health](https://x.org/beacon) today.\n", "Beacon Health", "Beacon Health", 1, 6, 1, 19},
		{"heading", "## Beacon Health Options\n", "Beacon Health Options", "Beacon Health Options", 1, 4, 1, 25},
		{"setext heading", "Beacon Health\n=====\n", "Beacon Health", "Beacon Health", 1, 1, 1, 14},
		{"emoji and crlf", "😀😀\r\nline two 😀 Beacon\r\n", "Beacon", "Beacon", 2, 12, 2, 18},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := Parse("t.md", []byte(c.src))
			b := blockWith(t, d, c.phrase)
			i := strings.Index(b.Text, c.phrase)
			sp := b.SourceSpan(Span{i, i + len(c.phrase)})
			if got := c.src[sp.Start:sp.End]; got != c.source {
				t.Errorf("source under span = %q, want %q", got, c.source)
			}
			s, e := d.Lines.Position(sp.Start), d.Lines.Position(sp.End)
			if s.Line != c.line || s.Column != c.col || e.Line != c.endL || e.Column != c.endC {
				t.Errorf("span %d:%d-%d:%d, want %d:%d-%d:%d", s.Line, s.Column, e.Line, e.Column, c.line, c.col, c.endL, c.endC)
			}
			if back := d.Lines.Offset(s); back != sp.Start {
				t.Errorf("Offset(Position(%d)) = %d", sp.Start, back)
			}
		})
	}
}

func TestCodeIsNotProse(t *testing.T) {
	d := Parse("t.md", []byte("Take `cure all` daily.\n\n```\nwe cure addiction\n```\n\n    indented cure\n"))
	for _, b := range d.Blocks {
		if strings.Contains(b.Lower, "cure") {
			t.Errorf("code leaked into prose: %q", b.Text)
		}
	}
	if got := d.Blocks[0].Text; got != "Take \x1a daily." {
		t.Errorf("code span placeholder: got %q", got)
	}
}

func TestCitationsAndFootnotes(t *testing.T) {
	d := Parse("t.md", []byte("Ketamine harms the bladder.[^1] See <https://nida.nih.gov> and [CDC](https://cdc.gov).\n\n[^1]: Smith 2020.\n"))
	b := d.Blocks[0]
	var kinds []CitationKind
	for _, c := range b.Citations {
		kinds = append(kinds, c.Kind)
	}
	if len(b.Citations) != 3 || b.Citations[0].Destination != "1" || b.Citations[0].Kind != CiteFootnote {
		t.Fatalf("citations = %+v", b.Citations)
	}
	if d.Footnotes["1"] != "Smith 2020." {
		t.Errorf("footnotes = %v", d.Footnotes)
	}
	if len(d.Links) != 2 {
		t.Errorf("links = %v", d.Links)
	}
	if strings.Contains(b.Text, "nida.nih.gov") {
		t.Errorf("autolink URL should not be prose: %q", b.Text)
	}
}

func TestTableHeaders(t *testing.T) {
	d := Parse("t.md", []byte("| Insurer | Network |\n|---|---|\n| Aetna | in |\n"))
	var cells []*Block
	for _, b := range d.Blocks {
		if b.Kind == KindTableCell && b.Header != "" {
			cells = append(cells, b)
		}
	}
	if len(cells) != 2 || cells[0].Header != "Insurer" || cells[1].Header != "Network" || !cells[0].InTable {
		t.Fatalf("cells = %v", blockTexts(d))
	}
}

func TestSentences(t *testing.T) {
	cases := map[string][]string{
		"Dr. Smith said so. It works.":                                        {"Dr. Smith said so.", "It works."},
		"Take 2.5 mg. daily, e.g. with food. Then rest!":                      {"Take 2.5 mg. daily, e.g. with food.", "Then rest!"},
		"The U.S. rate rose. See No. 4 for details.":                          {"The U.S. rate rose.", "See No. 4 for details."},
		"Is it safe? \"Yes,\" she said. Done.":                                {"Is it safe?", "\"Yes,\" she said.", "Done."},
		"Compare drug A vs. drug B today. Results vary (i.e. by dose). Okay.": {"Compare drug A vs. drug B today.", "Results vary (i.e. by dose).", "Okay."},
		"J. Smith wrote it.":                                                  {"J. Smith wrote it."},
		"One sentence without a period":                                       {"One sentence without a period"},
	}
	for text, want := range cases {
		var got []string
		for _, s := range splitSentences(text) {
			got = append(got, text[s.Start:s.End])
		}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("splitSentences(%q) = %q, want %q", text, got, want)
		}
	}
}

func TestMaxAbbreviation(t *testing.T) {
	for a := range abbreviations {
		if len(a) > maxAbbreviation {
			t.Errorf("abbreviation %q is longer than maxAbbreviation", a)
		}
	}
}

func TestFrontMatter(t *testing.T) {
	src := "---\ntitle: \"Ketamine\"\nlast_reviewed: 2026-01-05 # note\ntags: [a, b]\n---\n# Body\n"
	d := Parse("t.md", []byte(src))
	if len(d.Problems) > 0 {
		t.Fatal(d.Problems)
	}
	f := d.FrontMatter.Field("last_reviewed")
	if f == nil || src[f.ValueStart:f.ValueEnd] != "2026-01-05" {
		t.Fatalf("field = %+v", f)
	}
	if tags := d.FrontMatter.Field("tags"); len(tags.Values) != 2 {
		t.Errorf("tags = %+v", tags)
	}
	if len(d.Blocks) != 1 || d.Blocks[0].Text != "Body" {
		t.Errorf("front matter leaked into blocks: %v", blockTexts(d))
	}
}

func TestFrontMatterProblems(t *testing.T) {
	cases := map[string]string{
		"unterminated": "---\ntitle: x\n# Body\n",
		"not yaml":     "---\ntitle: [unclosed\n---\n# Body\n",
		"not mapping":  "---\n- a\n- b\n---\n# Body\n",
		"toml":         "+++\ntitle = \"x\"\n+++\n# Body\n",
	}
	for name, src := range cases {
		t.Run(name, func(t *testing.T) {
			d := Parse("p.md", []byte(src))
			if len(d.Problems) != 1 {
				t.Fatalf("problems = %v", d.Problems)
			}
			msg := d.Problems[0].Error()
			if !strings.HasPrefix(msg, "p.md:") {
				t.Errorf("problem does not name the file and line: %q", msg)
			}
		})
	}
}

func TestAnchor(t *testing.T) {
	d := Parse("t.md", []byte("---\na: b\n---\nIntro.\n\n# Main Title\n"))
	sp := d.Anchor()
	if got := string(d.Source[sp.Start:sp.End]); got != "Main Title" {
		t.Errorf("anchor = %q", got)
	}
	d = Parse("t.md", []byte("No heading here.\nSecond line.\n"))
	if p := d.Lines.Position(d.Anchor().Start); p.Line != 1 || p.Column != 1 {
		t.Errorf("anchor without heading = %+v", p)
	}
}

func TestInvalidUTF8(t *testing.T) {
	src := []byte("ok line\nbad \xff byte then Beacon\n")
	d := Parse("t.md", src)
	if d.InvalidUTF8 != 12 {
		t.Fatalf("InvalidUTF8 = %d", d.InvalidUTF8)
	}
	b := blockWith(t, d, "Beacon")
	i := strings.Index(b.Text, "Beacon")
	sp := b.SourceSpan(Span{i, i + 6})
	if string(src[sp.Start:sp.End]) != "Beacon" {
		t.Errorf("span wrong after invalid byte")
	}
	if p := d.Lines.Position(sp.Start); p.Line != 2 || p.Column != 17 {
		t.Errorf("position = %+v", p)
	}
}

// On lines long enough for marks, Position and the cursor give the
// columns a count from the start of the line gives, for every offset:
// multibyte text, invalid bytes and a byte order mark included.
func TestLongLineColumns(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	pieces := []string{"a", "word ", "é", "😀", "\xff", "\xe2\x82", "\t", "ß", "\r"}
	var b strings.Builder
	b.WriteString("\xef\xbb\xbf")
	for b.Len() < 5*columnStride {
		b.WriteString(pieces[r.IntN(len(pieces))])
	}
	b.WriteString("\nshort line\n")
	for b.Len() < 12*columnStride {
		b.WriteString(pieces[r.IntN(len(pieces))])
	}
	src := []byte(b.String())
	lt := NewLineTable(src)
	reference := func(off int) Position {
		line := lt.LineOf(off)
		start := lt.starts[line-1]
		if line == 1 && off >= lt.bom {
			start = lt.bom
		}
		_, col := countColumns(src, start, off, 1)
		return Position{line, col}
	}
	forward := positionCursor{lt: lt}
	for off := 0; off <= len(src); off++ {
		want := reference(off)
		if got := lt.Position(off); got != want {
			t.Fatalf("Position(%d) = %+v, want %+v", off, got, want)
		}
		if got := forward.position(off); got != want {
			t.Fatalf("cursor at %d = %+v, want %+v", off, got, want)
		}
	}
	// A cursor that jumps about, as the ends of findings do.
	jumpy := positionCursor{lt: lt}
	for range 5000 {
		off := r.IntN(len(src) + 1)
		if got, want := jumpy.position(off), reference(off); got != want {
			t.Fatalf("jumping cursor at %d = %+v, want %+v", off, got, want)
		}
	}
	if len(lt.marks) != 2 {
		t.Errorf("marks for %d lines, want the 2 long ones", len(lt.marks))
	}
}
