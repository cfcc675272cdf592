package checker

import (
	"bytes"
	"sort"
	"unicode/utf8"
	"unsafe"
)

// BlockKind says what kind of Markdown block a piece of prose came from.
type BlockKind int

// The block kinds, in the vocabulary of Vale's scopes.
const (
	KindParagraph BlockKind = iota
	KindHeading
	KindListItem
	KindBlockquote
	KindTableCell
	KindFootnote
	KindHTML
)

var kindNames = [...]string{"paragraph", "heading", "list-item", "blockquote", "table-cell", "footnote", "html"}

func (k BlockKind) String() string { return kindNames[k] }

// CodePlaceholder stands in the prose for a code span, an autolink, an
// image or a footnote reference: one non-word byte, so no phrase can match
// across it and no word is glued to its neighbours.
const CodePlaceholder = '\x1a'

// Span is a half-open byte range [Start, End).
type Span struct{ Start, End int }

// CitationKind says how a passage points at its support.
type CitationKind int

const (
	// CiteLink is a Markdown link or autolink to an outside page.
	CiteLink CitationKind = iota
	// CiteFootnote is a footnote reference such as [^1].
	CiteFootnote
)

// Citation is a link or footnote reference found in a block. Text is the
// span of the link's text (or placeholder) in the block's prose.
type Citation struct {
	Kind        CitationKind
	Destination string // link URL or footnote label
	Text        Span
}

// Block is one unit of prose: a heading, paragraph, list item paragraph,
// blockquote paragraph, table cell, footnote paragraph or the visible text
// of an HTML block.
type Block struct {
	Kind BlockKind
	// Level is the heading level (1-6) for headings, else 0.
	Level int
	// Text is the joined visible text: inline fragments joined, soft line
	// breaks and whitespace runs as one space, emphasis markers gone, curly
	// quotes straightened, code spans as CodePlaceholder.
	Text string
	// Lower is Text with ASCII letters lowercased; same length as Text, so
	// offsets into one are offsets into the other.
	Lower string
	// Header is the header text of a table cell's column.
	Header string
	// InList, InQuote, InTable and InFootnote tell which containers hold
	// the block, however deeply.
	InList, InQuote, InTable, InFootnote bool
	// Sentences are spans of Text.
	Sentences []Span
	Citations []Citation

	// srcStart[i] and srcEnd[i] are the source bytes that produced Text[i].
	srcStart, srcEnd []int32
	memo             map[string]any
}

// Memo returns the value stored under key for this block, computing it
// once with f. Rules use it for per-block analysis that several matches
// need (the quotation spans of a paragraph), so that a paragraph with many
// matches is analysed once, not once per match. A document is checked by
// one goroutine, so no lock is needed.
func (b *Block) Memo(key string, f func() any) any {
	if v, ok := b.memo[key]; ok {
		return v
	}
	if b.memo == nil {
		b.memo = map[string]any{}
	}
	v := f()
	b.memo[key] = v
	return v
}

// SourceSpan maps a span of Text to the exact source bytes it came from.
func (b *Block) SourceSpan(s Span) Span {
	if len(b.srcStart) == 0 {
		return Span{}
	}
	if s.Start >= len(b.srcStart) {
		s.Start = len(b.srcStart) - 1
	}
	if s.End <= s.Start {
		p := int(b.srcStart[s.Start])
		return Span{p, p}
	}
	if s.End > len(b.srcEnd) {
		s.End = len(b.srcEnd)
	}
	return Span{int(b.srcStart[s.Start]), int(b.srcEnd[s.End-1])}
}

// SentenceAt returns the index of the sentence containing text offset off.
func (b *Block) SentenceAt(off int) int {
	i := sort.Search(len(b.Sentences), func(i int) bool { return off < b.Sentences[i].End })
	if i == len(b.Sentences) {
		return len(b.Sentences) - 1
	}
	return i
}

// Comment is an HTML comment in the document (directives and test
// expectations live in comments). Text is the body between <!-- and -->.
type Comment struct {
	Span Span
	Text string
}

// Link is an outbound link anywhere in the document's prose.
type Link struct {
	Destination string
	Span        Span // source span of the link
}

// Document is the model every rule reads: one file, parsed once.
type Document struct {
	Path   string
	Source []byte
	Lines  *LineTable
	// FrontMatter is nil when the file has none or it could not be parsed.
	FrontMatter *FrontMatter
	Blocks      []*Block
	Comments    []Comment
	Links       []Link
	// Footnotes maps footnote labels to their definition's text.
	Footnotes map[string]string
	// Problems are input errors found while parsing (broken front matter,
	// invalid UTF-8); the rest of the file was still checked.
	Problems []error
	// InvalidUTF8 is the offset of the first invalid byte, or -1.
	InvalidUTF8 int
}

// Anchor returns the span a document-level finding points at: the first
// H1's text, else the first heading, else the start of line 1.
func (d *Document) Anchor() Span {
	var first *Block
	for _, b := range d.Blocks {
		if b.Kind == KindHeading && b.Level == 1 {
			return b.SourceSpan(Span{0, len(b.Text)})
		}
		if b.Kind == KindHeading && first == nil {
			first = b
		}
	}
	if first != nil {
		return first.SourceSpan(Span{0, len(first.Text)})
	}
	start := d.Lines.LineStart(1)
	if d.Lines.bom > 0 {
		start = d.Lines.bom
	}
	if d.FrontMatter != nil {
		start = d.FrontMatter.Start
	}
	end := d.Lines.LineEnd(d.Lines.LineOf(start))
	return Span{start, end}
}

// textBuilder accumulates the prose of blocks with its source map,
// collapsing whitespace and straightening quotes as it goes. One builder
// serves a whole document as an arena: blocks are built one after another
// and each keeps sub-slices of the shared arrays, so a document costs a
// handful of allocations instead of several per block.
type textBuilder struct {
	text, lower      []byte
	srcStart, srcEnd []int32
	begin            int // where the block being built starts
	cites            []Citation
}

func newTextBuilder(size int) *textBuilder {
	return &textBuilder{
		text:     make([]byte, 0, size),
		lower:    make([]byte, 0, size),
		srcStart: make([]int32, 0, size),
		srcEnd:   make([]int32, 0, size),
	}
}

// start begins a new block.
func (tb *textBuilder) start() {
	tb.begin = len(tb.text)
	tb.cites = nil
}

// pos is the offset of the next byte within the current block's prose.
func (tb *textBuilder) pos() int { return len(tb.text) - tb.begin }

func (tb *textBuilder) lastIsSpace() bool {
	return len(tb.text) == tb.begin || tb.text[len(tb.text)-1] == ' '
}

func (tb *textBuilder) push(c byte, start, end int) {
	tb.text = append(tb.text, c)
	if c >= 'A' && c <= 'Z' {
		c += 'a' - 'A'
	}
	tb.lower = append(tb.lower, c)
	tb.srcStart = append(tb.srcStart, int32(start))
	tb.srcEnd = append(tb.srcEnd, int32(end))
}

// space adds one space standing for source bytes [start, end), unless the
// prose already ends in one.
func (tb *textBuilder) space(start, end int) {
	if tb.lastIsSpace() {
		return
	}
	tb.push(' ', start, end)
}

// source appends the source bytes src[start:end], normalising as it goes.
func (tb *textBuilder) source(src []byte, start, end int) {
	for i := start; i < end; {
		c := src[i]
		if c < utf8.RuneSelf {
			switch c {
			case ' ', '\t', '\n', '\r', '\f', '\v':
				tb.space(i, i+1)
			default:
				tb.push(c, i, i+1)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(src[i:end])
		switch r {
		case '\u00a0', '\u2002', '\u2003', '\u2009', '\u202f', '\u3000':
			tb.space(i, i+size)
		case '\u2018', '\u2019', '\u02bc':
			tb.push('\'', i, i+size)
		case '\u201c', '\u201d':
			tb.push('"', i, i+size)
		case '\u2010', '\u2011':
			tb.push('-', i, i+size)
		default:
			for k := 0; k < size; k++ {
				tb.push(src[i+k], i, i+size)
			}
		}
		i += size
	}
}

// literal appends text that has no source bytes of its own (a decoded
// entity, a placeholder), mapping all of it to [start, end).
func (tb *textBuilder) literal(s string, start, end int) {
	for i := 0; i < len(s); i++ {
		if s[i] == ' ' {
			tb.space(start, end)
			continue
		}
		tb.push(s[i], start, end)
	}
}

func (tb *textBuilder) placeholder(start, end int) {
	tb.push(CodePlaceholder, start, end)
}

// block finishes the current prose into a Block, trimming a trailing
// space. The Block's strings share the arena's bytes, which are never
// written again: later blocks only append.
func (tb *textBuilder) block(kind BlockKind) *Block {
	n := len(tb.text)
	for n > tb.begin && tb.text[n-1] == ' ' {
		n--
	}
	b := &Block{
		Kind:      kind,
		Text:      unsafe.String(unsafe.SliceData(tb.text[tb.begin:n]), n-tb.begin),
		Lower:     unsafe.String(unsafe.SliceData(tb.lower[tb.begin:n]), n-tb.begin),
		srcStart:  tb.srcStart[tb.begin:n:n],
		srcEnd:    tb.srcEnd[tb.begin:n:n],
		Citations: tb.cites,
	}
	if n == tb.begin {
		b.Text, b.Lower = "", ""
	}
	// Drop the trimmed spaces so the next block starts right after.
	tb.text, tb.lower = tb.text[:n], tb.lower[:n]
	tb.srcStart, tb.srcEnd = tb.srcStart[:n], tb.srcEnd[:n]
	b.Sentences = splitSentences(b.Text)
	tb.start()
	return b
}

// asciiLower lowercases ASCII letters only, so that byte offsets survive.
func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if c := b[j]; c >= 'A' && c <= 'Z' {
					b[j] = c + 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// firstInvalidUTF8 returns the offset of the first byte that is not valid
// UTF-8, or -1.
func firstInvalidUTF8(src []byte) int {
	if utf8.Valid(src) {
		return -1
	}
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}

// looksBinary reports whether data looks like a binary file: a NUL byte in
// its first 8 KB, as git decides.
func looksBinary(data []byte) bool {
	n := len(data)
	if n > 8000 {
		n = 8000
	}
	return bytes.IndexByte(data[:n], 0) >= 0
}
