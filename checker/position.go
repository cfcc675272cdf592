package checker

import (
	"bytes"
	"sort"
	"sync"
	"unicode/utf8"
)

// Position is a human-facing location: 1-based line and 1-based column
// counted in Unicode code points, as editors and SARIF viewers count them.
type Position struct {
	Line   int
	Column int
}

// LineTable maps byte offsets of one file to line and column. It is built
// once per file; every position healthlint prints goes through it, so there
// is exactly one place where offsets become lines and columns.
type LineTable struct {
	src    []byte
	starts []int // byte offset at which each line begins
	bom    int   // length of a leading UTF-8 byte order mark (0 or 3)

	// marks holds, for each long line asked about, the column at a code
	// point boundary every columnStride bytes, so that converting an
	// offset on a 10 MB line counts at most a stride of it (see
	// columnFrom). Built on first need, under mu.
	mu    sync.Mutex
	marks map[int][]columnMark
}

// columnMark is a code point boundary of a long line and its column.
type columnMark struct{ i, col int }

// columnStride is how far apart a long line's marks are, in bytes.
const columnStride = 1024

// NewLineTable indexes src. Lines end at '\n'; a '\r' before it belongs to
// the line it ends, so CRLF files count lines exactly like LF files.
func NewLineTable(src []byte) *LineTable {
	// Counting first sizes the table exactly; both passes use the
	// vectorised byte search rather than a loop over every byte.
	starts := make([]int, 1, 1+bytes.Count(src, []byte{'\n'}))
	for i := 0; ; {
		j := bytes.IndexByte(src[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
		starts = append(starts, i)
	}
	lt := &LineTable{src: src, starts: starts}
	if len(src) >= 3 && src[0] == 0xEF && src[1] == 0xBB && src[2] == 0xBF {
		lt.bom = 3
	}
	return lt
}

// Lines reports how many lines the file has (a trailing newline does not
// start an extra line unless text follows it).
func (lt *LineTable) Lines() int {
	n := len(lt.starts)
	if n > 1 && lt.starts[n-1] == len(lt.src) {
		return n - 1
	}
	return n
}

// LineStart returns the byte offset where 1-based line begins.
func (lt *LineTable) LineStart(line int) int {
	if line < 1 {
		return 0
	}
	if line > len(lt.starts) {
		return len(lt.src)
	}
	return lt.starts[line-1]
}

// LineEnd returns the byte offset of the end of 1-based line, excluding the
// line terminator ("\n" or "\r\n").
func (lt *LineTable) LineEnd(line int) int {
	if line >= len(lt.starts) {
		return len(lt.src) // the last line has no terminator
	}
	end := lt.starts[line] - 1 // the '\n'
	if end-1 >= lt.LineStart(line) && lt.src[end-1] == '\r' {
		end--
	}
	return end
}

// LineOf returns the 1-based line containing byte offset off.
func (lt *LineTable) LineOf(off int) int {
	if off < 0 {
		off = 0
	}
	if off > len(lt.src) {
		off = len(lt.src)
	}
	// The last line start <= off.
	return sort.Search(len(lt.starts), func(i int) bool { return lt.starts[i] > off })
}

// Position converts a byte offset to line and column. Columns count code
// points from the start of the line; a BOM at the start of the file is not
// counted, and an invalid UTF-8 byte counts as one code point.
func (lt *LineTable) Position(off int) Position {
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
	i, col := lt.columnFrom(line, start, off)
	_, col = countColumns(lt.src, i, off, col)
	return Position{Line: line, Column: col}
}

// columnFrom returns a code point boundary at or before off on line, whose
// columns count from start, and its column: where countColumns may start
// counting to off. On a short line that is start itself; on a long one,
// the last of its marks at or before off, so that the findings of a
// one-line 10 MB file cost a stride each, not the line each.
func (lt *LineTable) columnFrom(line, start, off int) (int, int) {
	end := len(lt.src)
	if line < len(lt.starts) {
		end = lt.starts[line]
	}
	if end-start < 2*columnStride || off < start || start < lt.bom {
		// Short, or inside a byte order mark (whose offsets count from
		// 0, not from after it as the line's marks do).
		return start, 1
	}
	lt.mu.Lock()
	marks, ok := lt.marks[line]
	if !ok {
		// Counted on from mark to mark, so every mark is a boundary the
		// count from start reaches too: the same columns.
		i, col := start, 1
		for i < end {
			marks = append(marks, columnMark{i, col})
			i, col = countColumns(lt.src, i, min(i+columnStride, end), col)
		}
		if lt.marks == nil {
			lt.marks = map[int][]columnMark{}
		}
		lt.marks[line] = marks
	}
	lt.mu.Unlock()
	k := sort.Search(len(marks), func(k int) bool { return marks[k].i > off }) - 1
	return marks[k].i, marks[k].col
}

// countColumns counts code points from src[i], at column col, up to off;
// it returns the first code point boundary at or after off and its column.
func countColumns(src []byte, i, off, col int) (int, int) {
	for i < off {
		// Most text is ASCII; skip decoding for it.
		if src[i] < utf8.RuneSelf {
			i++
			col++
			continue
		}
		_, size := utf8.DecodeRune(src[i:])
		i += size
		col++
	}
	return i, col
}

// positionCursor converts offsets to positions exactly as
// LineTable.Position does, but when an offset is on the line of the one
// before and not before it, it counts columns on from there instead of
// from the start of the line: a document's findings come in order, many
// on one long line.
type positionCursor struct {
	lt *LineTable
	// line is the line of the last offset converted (0 before the first)
	// and next the offset at which the following line starts; start is
	// where the line's columns count from.
	line, next, start int
	// from is the last offset converted, i the first code point boundary
	// at or after it, and col the column of i.
	from, i, col int
}

func (c *positionCursor) position(off int) Position {
	lt := c.lt
	if off < 0 {
		off = 0
	}
	if off > len(lt.src) {
		off = len(lt.src)
	}
	// Start from the line's beginning unless off is on the line of the
	// offset before and not before it. Line 1's columns count from the
	// end of a byte order mark, but from 0 for offsets inside it, so a
	// cursor left inside the mark starts over too.
	if c.line == 0 || off < c.from || off >= c.next || c.line == 1 && c.from < lt.bom {
		c.line = lt.LineOf(off)
		c.start = lt.starts[c.line-1]
		if c.line == 1 && lt.bom > 0 && off >= lt.bom {
			c.start = lt.bom
		}
		c.i, c.col = lt.columnFrom(c.line, c.start, off)
		c.next = len(lt.src) + 1
		if c.line < len(lt.starts) {
			c.next = lt.starts[c.line]
		}
	} else if c.next-c.start >= 2*columnStride {
		// Far along a long line, a mark may be nearer than the last
		// offset.
		if i, col := lt.columnFrom(c.line, c.start, off); i > c.i {
			c.i, c.col = i, col
		}
	}
	i, col := countColumns(lt.src, c.i, off, c.col)
	c.from, c.i, c.col = off, i, col
	return Position{Line: c.line, Column: col}
}

// Offset converts a line and column back to a byte offset; it is the inverse
// of Position for every offset at a code point boundary.
func (lt *LineTable) Offset(p Position) int {
	start := lt.LineStart(p.Line)
	if p.Line == 1 && lt.bom > 0 {
		start = lt.bom
	}
	end := lt.LineEnd(p.Line)
	i := start
	for col := 1; col < p.Column && i < end; col++ {
		_, size := utf8.DecodeRune(lt.src[i:])
		i += size
	}
	return i
}
