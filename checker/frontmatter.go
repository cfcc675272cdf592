package checker

import (
	"bytes"
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

// FrontMatter is the YAML block at the top of a document. Fields keep the
// byte offset of their key and value so that findings can point at them.
type FrontMatter struct {
	// Start and End delimit the whole block, fences included.
	Start, End int
	Fields     []*FrontMatterField
	// Node is the parsed mapping, for rules that need nested values.
	Node *yaml.Node
}

// FrontMatterField is one top-level key of the front matter.
type FrontMatterField struct {
	Key string
	// Value is the scalar value, or "" for sequences and mappings.
	Value string
	// Values holds the scalars of a sequence value.
	Values []string
	// KeyStart/ValueStart/ValueEnd are byte offsets in the file.
	KeyStart, ValueStart, ValueEnd int
	Node                           *yaml.Node
}

// Field returns the first field whose key matches one of keys
// (case-insensitively), or nil.
func (fm *FrontMatter) Field(keys ...string) *FrontMatterField {
	if fm == nil {
		return nil
	}
	for _, k := range keys {
		for _, f := range fm.Fields {
			if strings.EqualFold(f.Key, k) {
				return f
			}
		}
	}
	return nil
}

// InputError is a problem with an input file that the user must fix; it
// names the file and line. Checking continues where it can.
type InputError struct {
	Path string
	Line int
	Msg  string
}

func (e *InputError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.Path, e.Msg)
}

// splitFrontMatter finds a front matter block at the top of src (after an
// optional BOM). It returns the block's byte range, the YAML body range and
// the fence kind ("---" or "+++"); ok is false when there is none, and
// unterminated reports an opening fence with no closing one.
func splitFrontMatter(src []byte) (start, end, bodyStart, bodyEnd int, fence string, ok, unterminated bool) {
	i := 0
	if bytes.HasPrefix(src, []byte{0xEF, 0xBB, 0xBF}) {
		i = 3
	}
	firstEnd := bytes.IndexByte(src[i:], '\n')
	if firstEnd < 0 {
		return
	}
	switch string(bytes.TrimRight(src[i:i+firstEnd], "\r \t")) {
	case "---":
		fence = "---"
	case "+++":
		fence = "+++"
	default:
		return
	}
	start = i
	bodyStart = i + firstEnd + 1
	pos := bodyStart
	for pos <= len(src) {
		nl := bytes.IndexByte(src[pos:], '\n')
		lineEnd := len(src)
		next := len(src)
		if nl >= 0 {
			lineEnd = pos + nl
			next = lineEnd + 1
		}
		line := bytes.TrimRight(src[pos:lineEnd], "\r \t")
		if string(line) == fence || (fence == "---" && string(line) == "...") {
			return start, lineEnd, bodyStart, pos, fence, true, false
		}
		if nl < 0 {
			break
		}
		pos = next
	}
	return start, 0, bodyStart, 0, fence, false, true
}

// parseFrontMatter parses the front matter of src, if any. It returns the
// parsed block (nil when absent or unusable) and an error for a block the
// user must fix. The caller blanks [fm.Start, fm.End) before Markdown parsing.
func parseFrontMatter(path string, src []byte, lines *LineTable) (*FrontMatter, int, int, error) {
	start, end, bodyStart, bodyEnd, fence, ok, unterminated := splitFrontMatter(src)
	if unterminated {
		return nil, 0, 0, &InputError{Path: path, Line: lines.LineOf(start),
			Msg: fmt.Sprintf("front matter opened with %q is never closed; add a closing %q line after the last key", fence, fence)}
	}
	if !ok {
		return nil, 0, 0, nil
	}
	if fence == "+++" {
		return nil, start, end, &InputError{Path: path, Line: lines.LineOf(start),
			Msg: "TOML front matter (+++) is not supported; convert it to YAML between --- lines (the body was still checked)"}
	}
	fm := &FrontMatter{Start: start, End: end}
	body := src[bodyStart:bodyEnd]
	root, ok := simpleFrontMatter(body)
	if !ok {
		var doc yaml.Node
		if err := yaml.Unmarshal(body, &doc); err != nil {
			return nil, start, end, &InputError{Path: path, Line: lines.LineOf(bodyStart) + yamlErrorLine(err) - 1,
				Msg: fmt.Sprintf("front matter is not valid YAML (%s); fix it or remove it (the body was still checked)", cleanYAMLError(err))}
		}
		if len(doc.Content) == 0 {
			return fm, start, end, nil // empty front matter
		}
		root = doc.Content[0]
		if root.Kind != yaml.MappingNode {
			return nil, start, end, &InputError{Path: path, Line: lines.LineOf(bodyStart) + root.Line - 1,
				Msg: "front matter must be a mapping of keys to values (key: value); the body was still checked"}
		}
	}
	fm.Node = root
	firstLine := lines.LineOf(bodyStart)
	offset := func(n *yaml.Node) int {
		// yaml.v3 counts columns in characters from 1.
		return lines.Offset(Position{Line: firstLine + n.Line - 1, Column: n.Column})
	}
	// The fields and the pointers to them take one allocation each.
	var fields []FrontMatterField
	if n := len(root.Content) / 2; n > 0 {
		fields = make([]FrontMatterField, n)
		fm.Fields = make([]*FrontMatterField, 0, n)
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		f := &fields[i/2]
		*f = FrontMatterField{Key: k.Value, KeyStart: offset(k), ValueStart: offset(v), Node: v}
		switch v.Kind {
		case yaml.ScalarNode:
			f.Value = v.Value
			f.ValueEnd = scalarEnd(src, f.ValueStart, lines)
		case yaml.SequenceNode:
			scalars := 0
			for _, c := range v.Content {
				if c.Kind == yaml.ScalarNode {
					scalars++
				}
			}
			if scalars > 0 {
				f.Values = make([]string, 0, scalars)
			}
			for _, c := range v.Content {
				if c.Kind == yaml.ScalarNode {
					f.Values = append(f.Values, c.Value)
				}
			}
			f.ValueEnd = lines.LineEnd(lines.LineOf(f.ValueStart))
		default:
			f.ValueEnd = lines.LineEnd(lines.LineOf(f.ValueStart))
		}
		if f.ValueEnd < f.ValueStart {
			f.ValueEnd = f.ValueStart
		}
		fm.Fields = append(fm.Fields, f)
	}
	return fm, start, end, nil
}

// scalarEnd finds the end of a scalar value that starts at off: the end of
// its line, without trailing spaces or a trailing comment.
func scalarEnd(src []byte, off int, lines *LineTable) int {
	end := lines.LineEnd(lines.LineOf(off))
	if off < len(src) && (src[off] == '"' || src[off] == '\'') {
		if q := bytes.IndexByte(src[off+1:end], src[off]); q >= 0 {
			return off + q + 2
		}
	}
	if c := bytes.Index(src[off:end], []byte(" #")); c >= 0 {
		end = off + c
	}
	for end > off && (src[end-1] == ' ' || src[end-1] == '\t') {
		end--
	}
	return end
}

// yamlErrorLine extracts the "line N" from a yaml.v3 error, or 1.
func yamlErrorLine(err error) int {
	var n int
	msg := err.Error()
	if i := strings.Index(msg, "line "); i >= 0 {
		fmt.Sscanf(msg[i+5:], "%d", &n)
	}
	if n < 1 {
		n = 1
	}
	return n
}

func cleanYAMLError(err error) string {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if i := strings.Index(msg, "line "); i == 0 {
		if j := strings.Index(msg, ": "); j > 0 {
			msg = msg[j+2:]
		}
	}
	return msg
}
