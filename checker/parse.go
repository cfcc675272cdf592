package checker

import (
	"bytes"
	"encoding/binary"
	"html"
	"slices"
	"strings"

	"github.com/yuin/goldmark"
	gast "github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// This file is the only one in healthlint that knows goldmark. Everything
// else reads the Document it builds.

// plainMarkdown and linkMarkdown are safe for concurrent use: goldmark
// parsers keep no state between Parse calls. linkMarkdown is the
// configuration healthlint's model is defined by; plainMarkdown is the
// same without Linkify, for documents where Linkify would find nothing
// (see parseMarkdown).
var (
	plainMarkdown = goldmark.New(goldmark.WithExtensions(
		extension.Table,
		extension.Strikethrough,
		extension.Footnote,
		extension.TaskList,
	))
	linkMarkdown = goldmark.New(
		goldmark.WithExtensions(
			extension.Table,
			extension.Strikethrough,
			extension.Footnote,
			extension.TaskList,
		),
		// extension.Linkify, with a cheap test in front; see linkifier.
		goldmark.WithParserOptions(parser.WithInlineParsers(util.Prioritized(linkifier{extension.NewLinkifyParser()}, 999))),
	)
)

// parseMarkdown parses src from offset start, which begins a line, on.
//
// Linkify runs at every space of every paragraph, and even behind
// linkifier that cost a tenth of all parsing; yet most documents have no
// bare URL or address, only links whose destinations Linkify never sees.
// So src is parsed without Linkify first. Any link Linkify makes starts
// with a scheme ("http://", "https://", "ftp://") or "www.", or holds the
// '@' of an address, and the parse without Linkify leaves that byte in a
// text node: constructs that could swallow it instead (link destinations,
// raw HTML, autolinks, footnote references) open before Linkify's
// position, and there Linkify does not run, or inside a link label, where
// it does nothing. Until Linkify makes its first link the two parses are
// the same but for where text is split into nodes, which the model does
// not see. So when no text node holds such a byte, the parse without
// Linkify is the one with it (but see walker.lastSplit), and otherwise src
// is parsed again with it; plain reports which. A document with such a
// byte outside any link destination or autolink (an address in the text)
// is parsed with Linkify straight away rather than twice.
// TestParseMatchesReference compares the models.
func parseMarkdown(src []byte, start int) (root gast.Node, plain bool) {
	var buf [16]int
	at := linkStarts(buf[:0], src, min(start, len(src)))
	if !slices.ContainsFunc(at, func(i int) bool { return looksBare(src, i) }) {
		root = plainMarkdown.Parser().Parse(readerAt(src, start))
		if len(at) == 0 || !textHolds(root, at) {
			return root, true
		}
	}
	return linkMarkdown.Parser().Parse(readerAt(src, start), parser.WithContext(&parseContext{Context: parser.NewContext(), src: src})), false
}

// appendIndexes appends to dst the offset of every occurrence of sep in
// src from start on.
func appendIndexes(dst []int, src []byte, start int, sep string) []int {
	for i := start; ; {
		j := bytes.Index(src[i:], []byte(sep))
		if j < 0 {
			return dst
		}
		dst = append(dst, i+j)
		i += j + 1
	}
}

// looksBare reports whether the word holding src[i] does not open a link
// destination ("](") or an autolink ("<"), so that Linkify will likely
// make a link of it. It only chooses which parse parseMarkdown tries
// first.
func looksBare(src []byte, i int) bool {
	for i > 0 {
		switch src[i-1] {
		case '<':
			return false
		case '(':
			return i < 2 || src[i-2] != ']'
		case ' ', '\t', '\n', '\r':
			return true
		}
		i--
	}
	return true
}

// readerAt returns a reader of src at the line that begins at start.
func readerAt(src []byte, start int) text.Reader {
	reader := text.NewReader(src)
	for _, seg := reader.Position(); seg.Start < start && seg.Start < len(src); _, seg = reader.Position() {
		reader.AdvanceLine()
	}
	return reader
}

// linkStarts appends to dst, in order, the offsets from start on where a
// link Linkify makes could begin (a scheme or "www.") and of every '@'.
func linkStarts(dst []int, src []byte, start int) []int {
	dst = appendIndexes(dst, src, start, "@")
	dst = appendIndexes(dst, src, start, "www.")
	for i := start; ; {
		j := bytes.Index(src[i:], []byte("://"))
		if j < 0 {
			break
		}
		k := i + j
		for _, scheme := range [...]string{"https", "http", "ftp"} {
			if k-len(scheme) >= start && string(src[k-len(scheme):k]) == scheme {
				dst = append(dst, k-len(scheme))
				break
			}
		}
		i = k + 1
	}
	slices.Sort(dst)
	return dst
}

// textHolds reports whether a text node under n covers one of the sorted
// offsets at.
func textHolds(n gast.Node, at []int) bool {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*gast.Text); ok {
			i, _ := slices.BinarySearch(at, t.Segment.Start)
			if i < len(at) && at[i] < t.Segment.Stop {
				return true
			}
		} else if textHolds(c, at) {
			return true
		}
	}
	return false
}

// linkifier is goldmark's Linkify parser behind an exact test for the
// common case where it can find nothing. Linkify runs at every space of
// every paragraph, and for a word that is neither a URL nor an address it
// scanned the word for an '@': a seventh of all parsing time. A link
// starts with one of four prefixes, and an address has an '@' at most 64
// bytes into the rest of the line; the context remembers where the line's
// next '@' is, so that most words are rejected after a few comparisons.
// Anything else goes to goldmark's parser, which decides as before.
// TestParseMatchesReference compares the models with stock Linkify's.
type linkifier struct{ parser.InlineParser }

func (l linkifier) Parse(parent gast.Node, block text.Reader, pc parser.Context) gast.Node {
	if c, ok := pc.(*parseContext); ok && c.cannotLink(block) {
		return nil
	}
	return l.InlineParser.Parse(parent, block, pc)
}

// parseContext is goldmark's parser context plus what linkifier remembers
// about the line it is in: no '@' lies in [from, at) of src, where at is
// the next '@' or the end of the line that ends at lineStop. goldmark
// parses all inline content of a document from the one source the context
// is made for.
type parseContext struct {
	parser.Context
	src                []byte
	lineStop, from, at int
}

// cannotLink reports whether Linkify, run at block's position, would find
// no link. It answers false when unsure.
func (c *parseContext) cannotLink(block text.Reader) bool {
	line, seg := block.PeekLine()
	if len(line) == 0 || seg.Padding != 0 {
		return false
	}
	rest := line
	// Linkify steps over the trigger character, as here.
	switch line[0] {
	case ' ', '*', '_', '~', '(':
		rest = line[1:]
	}
	if len(rest) >= 4 {
		// The prefixes Linkify looks for: "http:", "https:", "ftp:" and
		// "www.".
		switch binary.LittleEndian.Uint32(rest) {
		case 'h' | 't'<<8 | 't'<<16 | 'p'<<24, 'f' | 't'<<8 | 'p'<<16 | ':'<<24, 'w' | 'w'<<8 | 'w'<<16 | '.'<<24:
			return false
		}
	}
	p := seg.Stop - len(rest)
	if seg.Stop != c.lineStop || p < c.from || c.at < p {
		c.lineStop, c.from, c.at = seg.Stop, p, seg.Stop
		if i := bytes.IndexByte(c.src[p:seg.Stop], '@'); i >= 0 {
			c.at = p + i
		}
	}
	// util.FindEmailIndex wants the '@' after at most 64 bytes.
	return c.at-p > 64 || c.at == seg.Stop
}

// Parse builds the document model of one file. It never fails: problems
// with the input (broken front matter, invalid UTF-8) are recorded in
// Document.Problems and everything else is still modelled.
func Parse(path string, src []byte) *Document {
	d := &Document{Path: path, Source: src, Lines: NewLineTable(src), Footnotes: map[string]string{}}
	d.InvalidUTF8 = firstInvalidUTF8(src)

	body := src
	fm, fmStart, fmEnd, err := parseFrontMatter(path, src, d.Lines)
	if err != nil {
		d.Problems = append(d.Problems, err)
	}
	d.FrontMatter = fm
	// goldmark reads the body from start on.
	start := 0
	if fmEnd > fmStart {
		if fmStart == 0 {
			// goldmark starts on the line after the front matter, where it
			// would be after skipping the front matter blanked as below
			// (every line of it blank), without a copy of the file.
			start = fmEnd + 1
		} else {
			// After a byte order mark, which goldmark reads as text, blank
			// the front matter, keeping newlines, so that every later byte
			// offset is the same in the parsed copy as in the file.
			body = make([]byte, len(src))
			copy(body, src)
			for i := fmStart; i < fmEnd; i++ {
				if body[i] != '\n' && body[i] != '\r' {
					body[i] = ' '
				}
			}
		}
	}
	root, plain := parseMarkdown(body, start)
	w := walker{doc: d, src: body, tb: newTextBuilder(len(src) + 64), plain: plain}
	w.blocks(root)
	a := &w.tb.arrays
	a.blocks = a.blocks[:usedOf(a.blocks, w.tb.blocks)]
	a.cites = a.cites[:usedOf(a.cites, w.tb.cites)]
	d.arrays = a
	return d
}

type walker struct {
	doc *Document
	src []byte
	tb  *textBuilder
	// plain says the tree was parsed without Linkify; see lastSplit.
	plain bool
	// containers tracks the kinds of the enclosing blocks.
	inList, inQuote, inTable, inFootnote int
}

// blocks walks block-level nodes in document order.
func (w *walker) blocks(n gast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch node := c.(type) {
		case *gast.Heading:
			b := w.inline(node, KindHeading)
			b.Level = node.Level
		case *gast.Paragraph, *gast.TextBlock:
			w.inline(node, w.containerKind())
		case *gast.List:
			w.blocks(node)
		case *gast.ListItem:
			w.inList++
			w.blocks(node)
			w.inList--
		case *gast.Blockquote:
			w.inQuote++
			w.blocks(node)
			w.inQuote--
		case *east.Table:
			w.table(node)
		case *east.FootnoteList:
			w.blocks(node)
		case *east.Footnote:
			w.inFootnote++
			start := len(w.doc.Blocks)
			w.blocks(node)
			w.inFootnote--
			var parts []string
			for _, b := range w.doc.Blocks[start:] {
				parts = append(parts, b.Text)
			}
			w.doc.Footnotes[string(node.Ref)] = strings.Join(parts, " ")
		case *gast.HTMLBlock:
			w.htmlBlock(node)
		case *gast.FencedCodeBlock, *gast.CodeBlock, *gast.ThematicBreak:
			// Code is never prose.
		default:
			w.blocks(node)
		}
	}
}

func (w *walker) containerKind() BlockKind {
	switch {
	case w.inFootnote > 0:
		return KindFootnote
	case w.inQuote > 0:
		return KindBlockquote
	case w.inList > 0:
		return KindListItem
	}
	return KindParagraph
}

func (w *walker) add(b *Block) {
	b.InList, b.InQuote, b.InTable, b.InFootnote = w.inList > 0, w.inQuote > 0, w.inTable > 0, w.inFootnote > 0
	if len(b.Text) > 0 {
		if w.doc.Blocks == nil {
			w.doc.Blocks = make([]*Block, 0, estimateBlocks(len(w.src)))
		}
		w.doc.Blocks = append(w.doc.Blocks, b)
	}
}

// inline builds one block from an inline container.
func (w *walker) inline(n gast.Node, kind BlockKind) *Block {
	w.tb.start()
	w.inlines(n, w.tb)
	b := w.tb.block(kind)
	w.add(b)
	return b
}

func (w *walker) table(t *east.Table) {
	w.inTable++
	defer func() { w.inTable-- }()
	var headers []string
	for row := t.FirstChild(); row != nil; row = row.NextSibling() {
		_, isHeader := row.(*east.TableHeader)
		col := 0
		for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
			w.tb.start()
			w.inlines(cell, w.tb)
			b := w.tb.block(KindTableCell)
			if isHeader {
				headers = append(headers, b.Text)
			} else if col < len(headers) {
				b.Header = headers[col]
			}
			w.add(b)
			col++
		}
	}
}

// text appends the source text src[start:end] of a text node to tb, with
// its character references decoded: goldmark leaves "&amp;" and
// "&nbsp;" in text for its renderer to decode, and prose must read
// "Beacon&nbsp;Health Options" as the insurer's name.
func (w *walker) text(tb *textBuilder, start, end int) {
	for {
		k := bytes.IndexByte(w.src[start:end], '&')
		if k < 0 {
			tb.source(w.src, start, end)
			return
		}
		amp := start + k
		tb.source(w.src, start, amp)
		if !escaped(w.src, amp) {
			if next, ok := appendReference(tb, w.src, amp, end); ok {
				start = next
				continue
			}
		}
		tb.source(w.src, amp, amp+1)
		start = amp + 1
	}
}

// escaped reports whether src[i] follows an odd number of backslashes: a
// backslash escape, which CommonMark reads literally ("\&amp;" is
// "&amp;").
func escaped(src []byte, i int) bool {
	n := 0
	for i-n > 0 && src[i-n-1] == '\\' {
		n++
	}
	return n%2 == 1
}

// appendReference appends the character reference at src[i], which is
// '&', decoded and mapped to its source bytes, and returns where it
// ends. ok is false when no reference starts there. A reference is as
// CommonMark has it: a named HTML entity ("&amp;"), a decimal ("&#38;")
// or a hexadecimal one ("&#x26;"), always with its semicolon.
func appendReference(tb *textBuilder, src []byte, i, end int) (next int, ok bool) {
	j := i + 1
	switch {
	case j+1 < end && src[j] == '#' && (src[j+1] == 'x' || src[j+1] == 'X'):
		j = skipWhile(src, j+2, min(end, j+2+6), isHexDigit)
		if j == i+3 {
			return i, false
		}
	case j < end && src[j] == '#':
		j = skipWhile(src, j+1, min(end, j+1+7), isDigit)
		if j == i+2 {
			return i, false
		}
	default:
		if j >= end || !isASCIILetter(src[j]) {
			return i, false
		}
		j = skipWhile(src, j, min(end, j+32), isAlnum)
	}
	if j >= end || src[j] != ';' {
		return i, false
	}
	ref := string(src[i : j+1])
	decoded := html.UnescapeString(ref)
	if decoded == ref {
		return i, false // no such entity
	}
	tb.decoded(decoded, i, j+1)
	return j + 1, true
}

func skipWhile(src []byte, i, end int, ok func(byte) bool) int {
	for i < end && ok(src[i]) {
		i++
	}
	return i
}

func isDigit(c byte) bool       { return c >= '0' && c <= '9' }
func isHexDigit(c byte) bool    { return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }
func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// inlines appends the visible text of n's inline children to tb.
func (w *walker) inlines(n gast.Node, tb *textBuilder) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch node := c.(type) {
		case *gast.Text:
			seg := node.Segment
			w.text(tb, seg.Start, seg.Stop)
			if node.SoftLineBreak() || node.HardLineBreak() {
				end := seg.Stop
				for end < len(w.src) && w.src[end] != '\n' {
					end++
				}
				stop := seg.Stop
				if w.plain {
					split := w.lastSplit(node, end)
					tb.source(w.src, stop, split)
					stop = split
				}
				tb.space(stop, end+1)
			}
		case *gast.String:
			p := w.lastPos(tb, node.Pos())
			tb.literal(string(node.Value), p, p)
		case *gast.CodeSpan:
			start, end := w.codeSpanRange(node)
			tb.placeholder(start, end)
		case *gast.AutoLink:
			start := node.Pos()
			label := node.Label(w.src)
			end := start + len(label)
			if start > 0 && w.src[start-1] == '<' {
				start--
				end += 2
			}
			if start < 0 {
				start, end = w.lastPos(tb, 0), w.lastPos(tb, 0)
			}
			cs := tb.pos()
			tb.placeholder(start, end)
			w.addLink(tb, string(node.URL(w.src)), Span{cs, tb.pos()}, Span{start, end})
		case *gast.Link:
			cs := tb.pos()
			srcStart := node.Pos()
			w.inlines(node, tb)
			srcEnd := w.lastPos(tb, srcStart)
			w.addLink(tb, string(node.Destination), Span{cs, tb.pos()}, Span{srcStart, srcEnd})
		case *gast.Image:
			p := node.Pos()
			if p < 0 {
				p = w.lastPos(tb, 0)
			}
			tb.placeholder(p, p+1)
		case *east.FootnoteLink:
			p := node.Pos()
			if p < 0 {
				p = w.lastPos(tb, 0)
			}
			end := p
			if i := bytes.IndexByte(w.src[p:], ']'); i >= 0 && i < 200 {
				end = p + i + 1
			}
			cs := tb.pos()
			tb.placeholder(p, end)
			ref := ""
			if lbl := w.src[p:end]; bytes.HasPrefix(lbl, []byte("[^")) {
				ref = string(lbl[2 : len(lbl)-1])
			}
			tb.cite(Citation{Kind: CiteFootnote, Destination: ref, Text: Span{cs, tb.pos()}})
		case *gast.RawHTML:
			w.rawHTML(node, tb)
		case *east.TaskCheckBox:
			// Not prose.
		default:
			// Emphasis, strikethrough and anything else: the markers go,
			// the text stays.
			w.inlines(node, tb)
		}
	}
}

// lastSplit returns where Linkify would have begun the last text node of
// a line whose last text node, found without Linkify, is n and whose
// newline is at nl. goldmark trims the whitespace that ends a line off its
// last text node only, and Linkify ends a text node at every space or tab
// of the line but a hard break's two, so the whitespace before the last
// of them belongs to the prose there. Handling it here for a tree parsed
// without Linkify keeps the model the same whichever way the document was
// parsed; see parseMarkdown.
func (w *walker) lastSplit(n *gast.Text, nl int) int {
	stop, limit := n.Segment.Stop, nl
	if n.HardLineBreak() {
		// A backslash break leaves nothing to find; two spaces are not
		// split at.
		if limit > 0 && w.src[limit-1] == '\r' {
			limit--
		}
		limit -= 2
	}
	for i := limit - 1; i > stop; i-- {
		if w.src[i] == ' ' || w.src[i] == '\t' {
			return i
		}
	}
	return stop
}

func (w *walker) addLink(tb *textBuilder, dest string, text, src Span) {
	tb.cite(Citation{Kind: CiteLink, Destination: dest, Text: text})
	w.doc.Links = append(w.doc.Links, Link{Destination: dest, Span: src})
}

// lastPos returns the source offset just after the prose built so far, for
// text that has no source bytes of its own.
func (w *walker) lastPos(tb *textBuilder, fallback int) int {
	if end, ok := tb.lastEnd(); ok {
		return end
	}
	if fallback < 0 {
		return 0
	}
	return fallback
}

// codeSpanRange returns the source bytes of a code span, backticks included.
func (w *walker) codeSpanRange(n *gast.CodeSpan) (int, int) {
	start := n.Pos()
	end := start
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*gast.Text); ok {
			if start < 0 {
				start = t.Segment.Start
			}
			end = t.Segment.Stop
		}
	}
	if start < 0 {
		return 0, 0
	}
	for end < len(w.src) && w.src[end] == ' ' {
		end++
	}
	for end < len(w.src) && w.src[end] == '`' {
		end++
	}
	if end < start {
		end = start
	}
	return start, end
}

// rawHTML records comments in inline HTML; other inline tags are not prose.
func (w *walker) rawHTML(n *gast.RawHTML, tb *textBuilder) {
	segs := n.Segments
	if segs.Len() == 0 {
		return
	}
	start, end := segs.At(0).Start, segs.At(segs.Len()-1).Stop
	w.comments(start, end)
	if end > start && tb != nil && !tb.lastIsSpace() && !bytes.HasPrefix(w.src[start:end], []byte("<!--")) {
		// A tag such as <br> separates words.
		tb.space(start, end)
	}
}

// comments records every <!-- ... --> in src[start:end].
func (w *walker) comments(start, end int) {
	for i := start; i < end; {
		j := bytes.Index(w.src[i:end], []byte("<!--"))
		if j < 0 {
			return
		}
		cs := i + j
		k := bytes.Index(w.src[cs+4:end], []byte("-->"))
		if k < 0 {
			return
		}
		ce := cs + 4 + k + 3
		w.doc.Comments = append(w.doc.Comments, Comment{Span: Span{cs, ce}, Text: strings.TrimSpace(string(w.src[cs+4 : ce-3]))})
		i = ce
	}
}

// htmlBlock records comments and turns the visible text of an HTML block
// into prose: tags stripped, entities decoded, script and style dropped.
func (w *walker) htmlBlock(n *gast.HTMLBlock) {
	lines := n.Lines()
	if lines.Len() == 0 {
		return
	}
	start := lines.At(0).Start
	end := lines.At(lines.Len() - 1).Stop
	if n.HasClosure() {
		end = n.ClosureLine.Stop
	}
	w.comments(start, end)
	tb := w.tb
	tb.start()
	src := w.src
	for i := start; i < end; {
		switch c := src[i]; {
		case c == '<':
			if bytes.HasPrefix(src[i:end], []byte("<!--")) {
				if k := bytes.Index(src[i+4:end], []byte("-->")); k >= 0 {
					i += 4 + k + 3
					continue
				}
				i = end
				continue
			}
			tagEnd := bytes.IndexByte(src[i:end], '>')
			if tagEnd < 0 {
				i = end
				continue
			}
			tag := bytes.ToLower(src[i : i+tagEnd+1])
			i += tagEnd + 1
			for _, skip := range []string{"script", "style"} {
				if bytes.HasPrefix(tag, []byte("<"+skip)) {
					if k := bytes.Index(bytes.ToLower(src[i:end]), []byte("</"+skip)); k >= 0 {
						i += k
					} else {
						i = end
					}
				}
			}
			tb.space(i-tagEnd-1, i)
		case c == '&':
			if next, ok := appendReference(tb, src, i, end); ok {
				i = next
				continue
			}
			tb.push('&', i, i+1)
			i++
		default:
			next := i + 1
			for next < end && src[next] != '<' && src[next] != '&' {
				next++
			}
			tb.source(src, i, next)
			i = next
		}
	}
	w.add(tb.block(KindHTML))
}
