package checker

import (
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// Most front matter is a flat list of "key: value" lines, and a full YAML
// decode of it took a tenth of the document model's time and a quarter of
// its allocations.
// simpleFrontMatter builds the mapping node for that common shape
// directly. It accepts only a narrow subset whose meaning is plain: each
// line is "key: value" at the start of the line, all ASCII, where the
// value is a plain scalar, a double-quoted string without escapes or a
// flow sequence of single words. It answers ok == false for anything
// else (comments, blank lines, nesting, escapes, numbers, CRLF, tabs,
// non-ASCII text, duplicate keys), and the caller then runs the real YAML
// decoder, so errors and unusual documents are handled as before. For the
// inputs it accepts, it returns exactly the node yaml.Unmarshal builds;
// TestSimpleFrontMatterMatchesYAML and FuzzSimpleFrontMatter hold it to
// that.
func simpleFrontMatter(body []byte) (root *yaml.Node, ok bool) {
	// Count lines and bound the number of sequence items first, so that
	// the nodes come from one allocation.
	nodes, lines := 1, 0
	for i, c := range body {
		switch c {
		case '\n':
			nodes += 2
			lines++
		case ',':
			nodes++
		case '[':
			nodes++
		case '\r', '\t':
			return nil, false
		default:
			if c < ' ' || c > '~' {
				return nil, false
			}
		}
		if i == len(body)-1 && c != '\n' {
			return nil, false
		}
	}
	if lines == 0 {
		return nil, false
	}
	pool := make([]yaml.Node, nodes)
	next := func() *yaml.Node {
		if len(pool) == 0 {
			pool = make([]yaml.Node, 4)
		}
		n := &pool[0]
		pool = pool[1:]
		return n
	}
	root = next()
	*root = yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: 1, Column: 1, Content: make([]*yaml.Node, 0, 2*lines)}
	// Keys and values are substrings of one copy of the body.
	text := string(body)
	line := 0
	for len(text) > 0 {
		nl := strings.IndexByte(text, '\n')
		l := text[:nl]
		text = text[nl+1:]
		line++
		colon := 0
		for colon < len(l) && isKeyByte(l[colon], colon == 0) {
			colon++
		}
		if colon == 0 || colon > maxSimpleWord || colon+2 >= len(l) || l[colon] != ':' || l[colon+1] != ' ' {
			return nil, false
		}
		key := l[:colon]
		keyTag, ok := plainTag(key)
		if !ok {
			return nil, false
		}
		for i := 0; i < len(root.Content); i += 2 {
			if root.Content[i].Value == key {
				return nil, false
			}
		}
		k := next()
		*k = yaml.Node{Kind: yaml.ScalarNode, Tag: keyTag, Value: key, Line: line, Column: 1}
		v := next()
		if !simpleValue(v, l[colon+2:], line, colon+3, next) {
			return nil, false
		}
		root.Content = append(root.Content, k, v)
	}
	return root, true
}

// simpleValue fills v with the value text s found at line and column
// (1-based, as yaml.v3 counts them), taking sequence items from next.
func simpleValue(v *yaml.Node, s string, line, col int, next func() *yaml.Node) bool {
	switch s[0] {
	case '"':
		if len(s) < 2 || s[len(s)-1] != '"' || strings.ContainsAny(s[1:len(s)-1], "\"\\") {
			return false
		}
		*v = yaml.Node{Kind: yaml.ScalarNode, Style: yaml.DoubleQuotedStyle, Tag: "!!str", Value: s[1 : len(s)-1], Line: line, Column: col}
		return true
	case '[':
		if len(s) < 3 || s[len(s)-1] != ']' {
			return false
		}
		*v = yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle, Tag: "!!seq", Line: line, Column: col}
		for i := 1; ; {
			j := i
			for j < len(s) && isKeyByte(s[j], j == i) {
				j++
			}
			if j == i || j-i > maxSimpleWord {
				return false
			}
			item := s[i:j]
			tag, ok := plainTag(item)
			if !ok {
				return false
			}
			n := next()
			*n = yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: item, Line: line, Column: col + i}
			v.Content = append(v.Content, n)
			if j == len(s)-1 {
				return true
			}
			if s[j] != ',' || j+1 >= len(s) || s[j+1] != ' ' {
				return false
			}
			i = j + 2
		}
	}
	if !isAlnum(s[0]) || s[len(s)-1] == ' ' || strings.ContainsAny(s, "#:[]{}\"'\\`") {
		return false
	}
	tag, ok := plainTag(s)
	if !ok {
		return false
	}
	*v = yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: s, Line: line, Column: col}
	return true
}

// maxSimpleWord bounds keys and sequence items: YAML refuses an implicit
// key longer than 1024 characters, and real front matter keys are short.
const maxSimpleWord = 128

// plainTag returns the tag yaml.v3 resolves an unquoted scalar to, for the
// scalars it can tell apart without the decoder: words, which are strings
// unless they spell a boolean or null, and dates. Anything else that
// starts with a digit (an integer, a float, a date-like string) is left
// to the decoder.
func plainTag(s string) (string, bool) {
	switch s {
	case "true", "True", "TRUE", "false", "False", "FALSE", "null", "Null", "NULL":
		return "", false
	}
	if c := s[0]; c < '0' || c > '9' {
		return "!!str", true
	}
	if len(s) == 10 && s[4] == '-' && s[7] == '-' && isDigits(s[:4]) && isDigits(s[5:7]) && isDigits(s[8:]) {
		// yaml.v3 tries its timestamp layouts in turn; for this shape
		// only the date-only one can match.
		if _, err := time.Parse("2006-1-2", s); err == nil {
			return "!!timestamp", true
		}
	}
	return "", false
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// isKeyByte reports whether c may appear in a simple key or sequence item:
// letters, digits, '_' and (after the first byte) '-'.
func isKeyByte(c byte, first bool) bool {
	return isAlnum(c) || c == '_' || c == '-' && !first
}
