package checker

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// referenceMarkdown is the parser configuration Parse stands for: stock
// goldmark extensions, Linkify included.
var referenceMarkdown = goldmark.New(goldmark.WithExtensions(
	extension.Table,
	extension.Strikethrough,
	extension.Linkify,
	extension.Footnote,
	extension.TaskList,
))

// referenceParse is Parse the plain way: the front matter blanked in a
// copy of the file, and goldmark's own Linkify.
func referenceParse(path string, src []byte) *Document {
	d := &Document{Path: path, Source: src, Lines: NewLineTable(src), Footnotes: map[string]string{}}
	d.InvalidUTF8 = firstInvalidUTF8(src)
	body := src
	fm, fmStart, fmEnd, err := parseFrontMatter(path, src, d.Lines)
	if err != nil {
		d.Problems = append(d.Problems, err)
	}
	d.FrontMatter = fm
	if fmEnd > fmStart {
		body = make([]byte, len(src))
		copy(body, src)
		for i := fmStart; i < fmEnd; i++ {
			if body[i] != '\n' && body[i] != '\r' {
				body[i] = ' '
			}
		}
	}
	root := referenceMarkdown.Parser().Parse(text.NewReader(body), parser.WithContext(parser.NewContext()))
	w := walker{doc: d, src: body, tb: newTextBuilder(len(src) + 64)}
	w.blocks(root)
	return d
}

// linkifyFragments are pieces of Markdown chosen to hit every branch of
// Linkify and of the front matter handling, and their neighbours.
var linkifyFragments = []string{
	"word", "Word", "health", "with", "www", "www.", "www.example.com", "www.a.b/c?d=e&f;", "http", "http:", "https:",
	"http://x.org", "https://nida.nih.gov/a_(b)", "ftp://f.example.net/x.", "ftp:", "HTTP://X.ORG", "(https://a.bc/d)",
	"*https://a.bc*", "_www.a.bc_", "~http://a.bc~", "a@b.co", "name@example.com.", "x@y", "@", "@@", "a.b@c.d-",
	"first.last+tag@mail.example.org", "mail@", strings.Repeat("a", 63) + "@b.cd", strings.Repeat("b", 64) + "@c.de",
	strings.Repeat("c", 65) + "@d.ef", "&amp;", "&#64;", "<a@b.cd>", "<https://a.bc>", "`code www.a.bc`", "[link](https://a.bc)",
	"[www.a.bc](x)", "[^1]", "**bold**", "~~gone~~", "\\*", "\\", "(", ")", "*", "_", "~", ",", ".", "!", "?", ":", ";",
	"café", "\u00a0", "\u2019", "\t", "  ", "\r", "<br>", "<!-- c@d.ef -->", "a`b@c.de`", "`x@y.zz`", "[a](/u \"t http://x.yz\")",
	"[a](<https://x y.z>)", "[a](https://x.yz", "[^a@b.cd]", "![i](https://x.yz/i.png)", "<span title=\"www.a.bc\">", "[b]: https://d.ef",
	"[b]", "(www.a.bc", "x\\@y.zz", "<https://a.bc> www.d.ef", "[www.x.yz](https://x.yz) http://x.yz", "**a@b.cd**", "_http://a.bc_",
}

// lineEnds end the generated lines: trailing whitespace that goldmark
// trims, hard breaks (two spaces or a backslash) and CRLF.
var lineEnds = []string{
	"", "", "", " ", "\t", " \t", "\t ", "  ", " \t  ", "\t  ", "\\", "\r", " \r", "\t\r", "  \r", " \t \r", " (", "( \t", "x@y.zz ",
}

var linkifyLines = []string{
	"", "# Heading www.a.bc", "Title", "===", "---", "- item", "  - nested", "1. one", "> quote", "    indented code",
	"```", "| a | b |", "|---|---|", "[^1]: note a@b.cd", "<div>", "</div>", "- [ ] task", "***", "-\tTabbed item", "\tcontinued",
	"  \t- mixed", "[b]: https://d.ef \"title www.a.bc\"", "> - quoted item",
}

var frontMatters = []string{
	"", "---\ntitle: x\n---\n", "---\ntitle: x\n---", "---\r\ntitle: x\r\n---\r\n", "\ufeff---\ntitle: x\n---\n",
	"---\na: [b, c]\n...\n", "+++\na = 1\n+++\n", "---\nbad: [\n---\n", "---\n- a\n---\n", "---\n---\n", "---\nopen: x\n",
	"---\ntitle: x\n---\n---\n", "---\ntitle: x\n---\n===\n", "---\ntitle: x\n---\n    code\n", "---  \ntitle: x\n---\t\n",
}

// randomMarkdown builds a document from the fragments above.
func randomMarkdown(r *rand.Rand) []byte {
	var b strings.Builder
	b.WriteString(frontMatters[r.IntN(len(frontMatters))])
	for range r.IntN(12) {
		if r.IntN(3) == 0 {
			b.WriteString(linkifyLines[r.IntN(len(linkifyLines))])
			if r.IntN(2) == 0 {
				b.WriteByte(' ')
			}
		}
		for range r.IntN(10) {
			b.WriteString(linkifyFragments[r.IntN(len(linkifyFragments))])
			switch r.IntN(6) {
			case 0:
			case 1:
				b.WriteString("  ")
			default:
				b.WriteByte(' ')
			}
		}
		b.WriteString(lineEnds[r.IntN(len(lineEnds))])
		b.WriteByte('\n')
	}
	return []byte(b.String())
}

// TestParseMatchesReference holds Parse's shortcuts (skipping the front
// matter instead of blanking it, parsing without Linkify where it would
// find nothing, linkifier) to the document model the plain way builds, on
// generated documents and every fixture.
func TestParseMatchesReference(t *testing.T) {
	check := func(name string, src []byte) {
		t.Helper()
		got, want := Parse("f.md", src), referenceParse("f.md", src)
		if !sameDocument(got, want) {
			for i := 0; i < min(len(got.Blocks), len(want.Blocks)); i++ {
				if !reflect.DeepEqual(got.Blocks[i], want.Blocks[i]) {
					t.Fatalf("%s: %q\nblock %d differs:\n got %+v\nwant %+v", name, src, i, *got.Blocks[i], *want.Blocks[i])
				}
			}
			t.Fatalf("%s: %q\ndocuments differ:\n got %+v\nwant %+v", name, src, got, want)
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 50000 {
		check("generated", randomMarkdown(r))
	}
	for _, dir := range []string{filepath.Join("..", "testdata"), "testdata"} {
		filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
				if data, err := os.ReadFile(p); err == nil {
					check(p, data)
				}
			}
			return nil
		})
	}
}

// sameDocument compares two documents' content; the pooled arrays they
// were built on are no part of it.
func sameDocument(a, b *Document) bool {
	ca, cb := *a, *b
	ca.arrays, cb.arrays = nil, nil
	return reflect.DeepEqual(&ca, &cb)
}

// FuzzParseMatchesReference is TestParseMatchesReference on any bytes.
func FuzzParseMatchesReference(f *testing.F) {
	addFixtureSeeds(f)
	r := rand.New(rand.NewPCG(5, 6))
	for range 50 {
		f.Add(randomMarkdown(r))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if got, want := Parse("f.md", src), referenceParse("f.md", src); !sameDocument(got, want) {
			t.Fatalf("%q: documents differ", src)
		}
	})
}

// TestCharacterReferences checks that prose reads character references
// decoded, as CommonMark renders them, wherever text is prose (inline
// text, link text, headings, table cells, HTML blocks), and leaves them
// as written where they are not references or not prose; and that the
// decoded text maps back to the whole reference in the source.
func TestCharacterReferences(t *testing.T) {
	cases := []struct{ src, text string }{
		{"Beacon&nbsp;Health Options", "Beacon Health Options"},
		{"AT&amp;T &#38; &#x26;&#X26;", "AT&T & &&"},
		{"&copy; &#169; &rsquo;s &ldquo;x&rdquo;", "\u00a9 \u00a9 's \"x\""},
		{"&#0; &#x110000;", "\ufffd \ufffd"},
		{"&bogus; &amp no &#; &#x; &#12345678;", "&bogus; &amp no &#; &#x; &#12345678;"},
		{`\&amp; \\&amp;`, `\&amp; \\&`},
		{"`&amp;` and [a&nbsp;link](https://example.com/?a=1&amp;b=2)", string(rune(CodePlaceholder)) + " and a link"},
		{"# Care&nbsp;&amp;&nbsp;cure", "Care & cure"},
		{"| A&amp;B |\n|---|\n| x&nbsp;y |", "A&B"},
		{"<p>Beacon&nbsp;Health&#32;Options</p>", "Beacon Health Options"},
		{"&nbsp;&nbsp;lead and trail&nbsp;", "lead and trail"},
	}
	for _, c := range cases {
		doc := Parse("x.md", []byte(c.src))
		if len(doc.Blocks) == 0 {
			t.Errorf("%q: no blocks", c.src)
			continue
		}
		if got := doc.Blocks[0].Text; got != c.text {
			t.Errorf("%q: text %q, want %q", c.src, got, c.text)
		}
	}
	src := "We accept Beacon&nbsp;Health Options plans."
	b := Parse("x.md", []byte(src)).Blocks[0]
	at := strings.Index(b.Text, "Beacon Health Options")
	span := b.SourceSpan(Span{at, at + len("Beacon Health Options")})
	if got := src[span.Start:span.End]; got != "Beacon&nbsp;Health Options" {
		t.Errorf("the decoded name maps to %q, want the whole source with its reference", got)
	}
	span = b.SourceSpan(Span{at + len("Beacon"), at + len("Beacon ")})
	if got := src[span.Start:span.End]; got != "&nbsp;" {
		t.Errorf("the decoded space maps to %q, want %q", got, "&nbsp;")
	}
}
