package benchcorpus

// The floor is the one place outside checker that knows goldmark: it is
// what a bare parse costs, the yardstick healthlint is measured against.

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
)

// floorMarkdown is the same goldmark configuration the checker uses.
var floorMarkdown = goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Linkify, extension.Footnote, extension.TaskList))

// floorMarkdownNoLinkify is that configuration without Linkify: healthlint
// runs goldmark's Linkify only on documents that may hold a bare address
// (see checker.Parse), so this stricter floor is what it could be
// compared with as well.
var floorMarkdownNoLinkify = goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Footnote, extension.TaskList))

// FloorParse is the floor: a bare goldmark parse and walk of one document.
func FloorParse(src []byte) int { return floorWalk(floorMarkdown, src) }

// FloorParseNoLinkify is FloorParse without Linkify.
func FloorParseNoLinkify(src []byte) int { return floorWalk(floorMarkdownNoLinkify, src) }

func floorWalk(md goldmark.Markdown, src []byte) int {
	root := md.Parser().Parse(text.NewReader(src))
	n := 0
	ast.Walk(root, func(node ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			n++
		}
		return ast.WalkContinue, nil
	})
	return n
}
