package checker

import (
	"bytes"
	"encoding/binary"
	"slices"
	"sort"
	"strings"
	"sync"
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

	// runs map Text back to the source bytes that produced it.
	runs []srcRun
	memo memo
	// litIndex numbers the literal sets the shared matching pass looked
	// for in this block (nil before it ran); bit i of litFound says set i
	// occurs. See LiteralSet.InBlock.
	litIndex map[*LiteralSet]uint
	litFound uint64
}

// Memo returns the value stored under key for this block, computing it
// once with f. Rules use it for per-block analysis that several matches
// need (the quotation spans of a paragraph), so that a paragraph with many
// matches is analysed once, not once per match. A document is checked by
// one goroutine, so no lock is needed.
func (b *Block) Memo(key string, f func() any) any { return b.memo.get(key, f) }

// memo holds memoised values by key. Rules memoise a handful of analyses,
// so a short list searched in order costs less than a map per block.
type memo []memoEntry

type memoEntry struct {
	key   string
	value any
}

func (m *memo) get(key string, f func() any) any {
	for _, e := range *m {
		if e.key == key {
			return e.value
		}
	}
	v := f()
	*m = append(*m, memoEntry{key, v})
	return v
}

// SourceSpan maps a span of Text to the exact source bytes it came from.
func (b *Block) SourceSpan(s Span) Span {
	if len(b.runs) == 0 {
		return Span{}
	}
	n := len(b.Text)
	if s.Start >= n {
		s.Start = n - 1
	}
	start, _ := b.sourceOf(s.Start)
	if s.End <= s.Start {
		return Span{start, start}
	}
	if s.End > n {
		s.End = n
	}
	_, end := b.sourceOf(s.End - 1)
	return Span{start, end}
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

	memo memo
	// arrays are the pooled arrays the prose was built on; nil once
	// released (see Release).
	arrays *proseArrays
}

// Memo returns the value stored under key for this document, computing it
// once with f: Block.Memo for analysis that several rules share across a
// whole document (the phone numbers of every block), where one value per
// document costs one map entry instead of one per block.
func (d *Document) Memo(key string, f func() any) any {
	return d.memo.get(key, f)
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

// srcRun maps a run of a block's prose to the source: the run starting at
// prose offset text covers every byte up to the next run's start (or the
// end of the prose). Most prose is copied byte for byte from the source,
// so one stepping run (end == stepping) stands for a whole stretch: prose
// byte text+k came from source byte start+k. In any other run every byte
// came from [start, end): a multibyte character, a collapsed whitespace
// run, a placeholder or a decoded entity. A handful of runs per block
// replaces two int32 offsets per prose byte.
type srcRun struct {
	text, start, end int32
}

// stepping marks a run that maps prose bytes one to one onto source bytes;
// no real source offset is negative.
const stepping = -1 << 31

// sourceOf returns the source bytes that produced prose byte i.
func (b *Block) sourceOf(i int) (start, end int) {
	runs := b.runs
	// The last run starting at or before i.
	lo, hi := 0, len(runs)
	for hi-lo > 1 {
		m := int(uint(lo+hi) >> 1)
		if int(runs[m].text) <= i {
			lo = m
		} else {
			hi = m
		}
	}
	r := runs[lo]
	if r.end == stepping {
		s := int(r.start) + i - int(r.text)
		return s, s + 1
	}
	return int(r.start), int(r.end)
}

// textBuilder accumulates the prose of blocks with its source map,
// collapsing whitespace and straightening quotes as it goes. One builder
// serves a whole document as an arena: blocks are built one after another
// and each keeps sub-slices of the shared arrays, so a document costs a
// handful of allocations instead of several per block.
type textBuilder struct {
	text, lower []byte
	runs        []srcRun
	sentences   []Span
	cites       []Citation
	blocks      []Block
	// begin, runBegin and citeBegin are where the block being built starts
	// in text, runs and cites.
	begin, runBegin, citeBegin int
	// arrays are the arrays the builder started on, which the document
	// hands back on Release (see proseArrays).
	arrays proseArrays
}

// newTextBuilder returns a builder for a source of size bytes, on arrays
// a released document handed back when there is one.
func newTextBuilder(size int) *textBuilder {
	// Prose is rarely longer than its source. The other capacities are
	// estimates from health articles (a sentence per 64 source bytes, a
	// block per 200, a run per 128, a citation per 1 KB); append grows any
	// that prove short, and blocks already built keep the old arrays.
	var p proseArrays
	if pooled, ok := proseArrayPool.Get().(*proseArrays); ok {
		p = *pooled
	}
	tb := &textBuilder{
		text:      slices.Grow(p.text[:0], size),
		lower:     slices.Grow(p.lower[:0], size),
		runs:      slices.Grow(p.runs[:0], size/128+8),
		sentences: slices.Grow(p.sentences[:0], size/64+4),
		cites:     slices.Grow(p.cites[:0], size/1024),
		blocks:    slices.Grow(p.blocks[:0], estimateBlocks(size)),
	}
	tb.arrays = proseArrays{tb.text, tb.lower, tb.runs, tb.sentences, tb.cites, tb.blocks}
	return tb
}

// proseArrays are the arrays a textBuilder starts on. A run over
// thousands of files hands them from each checked document to the next
// (Document.Release) instead of allocating a set per file for the
// collector to reclaim.
type proseArrays struct {
	text, lower []byte
	runs        []srcRun
	sentences   []Span
	cites       []Citation
	blocks      []Block
}

var proseArrayPool sync.Pool // of *proseArrays

// Release hands the arrays behind the document's prose to the next Parse.
// Nothing may use the document, its blocks or its matches afterwards, and
// a string taken from its prose must have been copied: Flatten copies
// every one a finding shares with it. Release is for callers that are
// done with a document (the runner, once its findings are flattened);
// without it the arrays are simply collected.
func (d *Document) Release() {
	p := d.arrays
	if p == nil {
		return
	}
	d.arrays, d.Blocks = nil, nil
	if cap(p.text) > maxPooledProse {
		// A huge file's arrays would stay in the rotation for the rest
		// of the run, and its block slab be scanned by every collection.
		return
	}
	// Blocks and citations hold pointers (memos, strings): cleared, they
	// keep nothing of this document alive while pooled. Their lengths
	// are what the document used of them (see usedOf).
	clear(p.blocks)
	clear(p.cites)
	proseArrayPool.Put(p)
}

// maxPooledProse bounds the prose arrays Release hands on: those of pages
// up to about a megabyte.
const maxPooledProse = 1 << 20

// usedOf returns how much of first, the array a builder started a slice
// on, it filled by the time the slice is last: all of first once append
// or a new slab moved on to another array.
func usedOf[T any](first, last []T) int {
	if cap(first) == 0 {
		return 0
	}
	if cap(last) > 0 && unsafe.SliceData(first) == unsafe.SliceData(last) {
		return len(last)
	}
	return cap(first)
}

// keep returns s, copied when it shares the arrays Release hands on, so
// that a diagnostic outlives its document: "\"Ketamine cures\" is..." is
// built afresh, but a rule may quote prose as it is.
func (d *Document) keep(s string) string {
	if d.sharesProse(s) {
		return strings.Clone(s)
	}
	return s
}

// sharesProse reports whether s lies in the arrays Release would hand on.
// Arrays that outgrew their first capacity were replaced by new ones and
// are never reused, so strings in those stay valid.
func (d *Document) sharesProse(s string) bool {
	if d.arrays == nil || len(s) == 0 {
		return false
	}
	p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
	in := func(b []byte) bool {
		if cap(b) == 0 {
			return false
		}
		start := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
		return p >= start && p < start+uintptr(cap(b))
	}
	return in(d.arrays.text) || in(d.arrays.lower)
}

func estimateBlocks(size int) int { return size/200 + 4 }

// start begins a new block.
func (tb *textBuilder) start() {
	tb.begin = len(tb.text)
	tb.runBegin = len(tb.runs)
	tb.citeBegin = len(tb.cites)
}

// pos is the offset of the next byte within the current block's prose.
func (tb *textBuilder) pos() int { return len(tb.text) - tb.begin }

func (tb *textBuilder) lastIsSpace() bool {
	return len(tb.text) == tb.begin || tb.text[len(tb.text)-1] == ' '
}

// lastEnd returns the end of the source bytes that produced the last prose
// byte of the current block; ok is false when the block has no prose yet.
func (tb *textBuilder) lastEnd() (end int, ok bool) {
	k := len(tb.runs)
	if k == tb.runBegin {
		return 0, false
	}
	r := tb.runs[k-1]
	if r.end == stepping {
		return int(r.start) + tb.pos() - int(r.text), true
	}
	return int(r.end), true
}

// mapNext records that the next prose byte came from source [start, end),
// extending the last run when it continues it.
func (tb *textBuilder) mapNext(start, end int) {
	p := int32(tb.pos())
	s, e := int32(start), int32(end)
	if k := len(tb.runs); k > tb.runBegin {
		r := tb.runs[k-1]
		if r.end == stepping {
			if s == r.start+(p-r.text) && end == start+1 {
				return
			}
		} else if s == r.start && e == r.end {
			return
		}
	}
	if end == start+1 {
		e = stepping
	}
	tb.runs = append(tb.runs, srcRun{text: p, start: s, end: e})
}

func (tb *textBuilder) push(c byte, start, end int) {
	tb.mapNext(start, end)
	tb.text = append(tb.text, c)
	if c >= 'A' && c <= 'Z' {
		c += 'a' - 'A'
	}
	tb.lower = append(tb.lower, c)
}

// space adds one space standing for source bytes [start, end), unless the
// prose already ends in one.
func (tb *textBuilder) space(start, end int) {
	if tb.lastIsSpace() {
		return
	}
	tb.push(' ', start, end)
}

// verbatim marks the ASCII bytes that source copies unchanged: all but
// whitespace. lowerASCII lowercases ASCII letters and keeps other bytes.
var verbatim, lowerASCII = func() (v [256]bool, l [256]byte) {
	for c := 0; c < 256; c++ {
		v[c] = c < utf8.RuneSelf
		l[c] = byte(c)
		if c >= 'A' && c <= 'Z' {
			l[c] = byte(c) + 'a' - 'A'
		}
	}
	for _, c := range " \t\n\r\f\v" {
		v[c] = false
	}
	return v, l
}()

// source appends the source bytes src[start:end], normalising as it goes.
func (tb *textBuilder) source(src []byte, start, end int) {
	// No source byte yields more than one byte of prose, so after this
	// the ASCII loop below can store without appending.
	tb.text = slices.Grow(tb.text, end-start)
	tb.lower = slices.Grow(tb.lower, end-start)
	for i := start; i < end; {
		if src[i] < utf8.RuneSelf {
			i = tb.ascii(src, i, end)
			continue
		}
		r, size := utf8.DecodeRune(src[i:end])
		switch f := foldRune(r); f {
		case 0:
			for k := 0; k < size; k++ {
				tb.push(src[i+k], i, i+size)
			}
		case ' ':
			tb.space(i, i+size)
		default:
			tb.push(f, i, i+size)
		}
		i += size
	}
}

// foldRune returns the ASCII byte prose has for a non-ASCII rune it
// normalises (' ' for a no-break or fixed-width space, straight quotes
// for curly ones, '-' for Unicode hyphens), 0 for any other rune.
func foldRune(r rune) byte {
	switch r {
	case '\u00a0', '\u2002', '\u2003', '\u2009', '\u202f', '\u3000':
		return ' '
	case '\u2018', '\u2019', '\u02bc':
		return '\''
	case '\u201c', '\u201d':
		return '"'
	case '\u2010', '\u2011':
		return '-'
	}
	return 0
}

// decoded appends text decoded from the source bytes [start, end) (a
// character reference), mapping all of it there and reading it as source
// text is read: whitespace and no-break spaces are a space, curly quotes
// are straight.
func (tb *textBuilder) decoded(s string, start, end int) {
	for _, r := range s {
		if r < utf8.RuneSelf {
			if asciiSpace[r] {
				tb.space(start, end)
			} else {
				tb.push(byte(r), start, end)
			}
			continue
		}
		switch f := foldRune(r); f {
		case 0:
			var buf [utf8.UTFMax]byte
			for _, c := range buf[:utf8.EncodeRune(buf[:], r)] {
				tb.push(c, start, end)
			}
		case ' ':
			tb.space(start, end)
		default:
			tb.push(f, start, end)
		}
	}
}

// ascii copies the stretch of ASCII source bytes from src[i] on, up to end
// or the next multibyte character, collapsing whitespace runs to one
// space, and returns where it stopped. Every byte it writes came from
// exactly one source byte, so only a byte that does not follow the
// previous one in the source (after skipped whitespace) opens a new run.
// The caller has made room for end-i bytes.
func (tb *textBuilder) ascii(src []byte, i, end int) int {
	w := len(tb.text)
	text, lower := tb.text[:cap(tb.text)], tb.lower[:cap(tb.lower)]
	prev := -2 // source offset of the byte written last by this call
	for i < end {
		// Most prose is words between single spaces: eight such bytes
		// are copied at once when the first is no space the prose drops.
		if end-i >= 8 {
			x := binary.LittleEndian.Uint64(src[i:])
			if copiesAsIs(x) && (x&0xff != ' ' || w > tb.begin && text[w-1] != ' ') {
				if i != prev+1 {
					tb.text = text[:w]
					tb.mapNext(i, i+1)
				}
				binary.LittleEndian.PutUint64(text[w:], x)
				binary.LittleEndian.PutUint64(lower[w:], lowerASCII8(x))
				w += 8
				i += 8
				prev = i - 1
				continue
			}
		}
		c := src[i]
		if c >= utf8.RuneSelf {
			break
		}
		if !verbatim[c] {
			if w == tb.begin || text[w-1] == ' ' {
				i++
				continue
			}
			c = ' '
		}
		if i != prev+1 {
			tb.text = text[:w]
			tb.mapNext(i, i+1)
		}
		text[w], lower[w] = c, lowerASCII[c]
		w++
		prev = i
		i++
	}
	tb.text, tb.lower = text[:w], lower[:w]
	return i
}

// Byte-wise constants for the eight-byte tests below.
const (
	ones8  = 0x0101010101010101
	highs8 = 0x8080808080808080
)

// copiesAsIs reports whether the eight bytes in x (first byte lowest) are
// printable ASCII with no two spaces in a row: bytes that ascii copies one
// for one, but for a first space after a space.
func copiesAsIs(x uint64) bool {
	// Every step keeps each byte below 0x100, so no sum carries into
	// the next byte.
	if x&highs8 != 0 || (x+0x60*ones8)&highs8 != highs8 {
		return false // not ASCII, or a control character such as '\n'
	}
	spaces := ^((x ^ ' '*ones8) + 0x7f*ones8) & highs8
	return spaces&(spaces<<8) == 0
}

// isASCII reports whether s has no byte above ASCII, eight bytes a step.
func isASCII(s string) bool {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		if binary.LittleEndian.Uint64(unsafe.Slice(unsafe.StringData(s[i:]), 8))&highs8 != 0 {
			return false
		}
	}
	for ; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// lowerASCII8 lowercases the eight ASCII bytes in x as lowerASCII does.
func lowerASCII8(x uint64) uint64 {
	// A byte's high bit in x+0x3f says it is 'A' or above; in x+0x25,
	// that it is above 'Z'.
	upper := ((x + 0x3f*ones8) ^ (x + 0x25*ones8)) & highs8
	return x | upper>>2
}

// literal appends text that has no source bytes of its own (a
// placeholder, a string goldmark made), mapping all of it to [start, end).
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

// cite records a citation of the current block.
func (tb *textBuilder) cite(c Citation) {
	tb.cites = append(tb.cites, c)
}

// newBlock returns a zeroed Block from a slab, so that a document's blocks
// cost one allocation per slab rather than one each.
func (tb *textBuilder) newBlock() *Block {
	if len(tb.blocks) == cap(tb.blocks) {
		tb.blocks = make([]Block, 0, 32)
	}
	tb.blocks = tb.blocks[:len(tb.blocks)+1]
	return &tb.blocks[len(tb.blocks)-1]
}

// block finishes the current prose into a Block, trimming a trailing
// space. The Block's strings and slices share the arena's arrays, which
// are never written again: later blocks only append, and the slices are
// capped so that appending to them copies.
func (tb *textBuilder) block(kind BlockKind) *Block {
	n := len(tb.text)
	for n > tb.begin && tb.text[n-1] == ' ' {
		n--
	}
	size := n - tb.begin
	// Drop the trimmed spaces so the next block starts right after.
	tb.text, tb.lower = tb.text[:n], tb.lower[:n]
	k := len(tb.runs)
	for k > tb.runBegin && int(tb.runs[k-1].text) >= size {
		k--
	}
	tb.runs = tb.runs[:k]
	b := tb.newBlock()
	b.Kind = kind
	if size > 0 {
		b.Text = unsafe.String(&tb.text[tb.begin], size)
		b.Lower = unsafe.String(&tb.lower[tb.begin], size)
		b.runs = tb.runs[tb.runBegin:k:k]
	}
	if c := len(tb.cites); c > tb.citeBegin {
		b.Citations = tb.cites[tb.citeBegin:c:c]
	}
	s := len(tb.sentences)
	tb.sentences = appendSentences(tb.sentences, b.Text)
	b.Sentences = tb.sentences[s:len(tb.sentences):len(tb.sentences)]
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
