package report

import (
	"strings"
	"unicode/utf8"

	"github.com/healthlint/healthlint/checker"
)

// Helpers shared by several formats: rule lookup, path-to-URI encoding and
// XML text cleaning. Each format still lives in its own file.

// documentBuffer is the write buffer of the formats that are only useful
// once complete (JSON, SARIF). They run to about 100 MB on large runs;
// bufio's default 4 KB meant one write system call per 4 KB, which cost
// more than twice as much as 64 KB writes. Formats people read as they
// stream keep the default.
const documentBuffer = 64 << 10

// ruleSet indexes Meta.Rules by ID.
type ruleSet struct {
	list  []*checker.Rule
	index map[string]int
}

func newRuleSet(rules []*checker.Rule) ruleSet {
	rs := ruleSet{list: rules, index: make(map[string]int, len(rules))}
	for i, r := range rules {
		rs.index[r.ID] = i
	}
	return rs
}

// get returns the rule with this ID, or nil for a custom rule from a
// config (those are not in Meta.Rules).
func (rs ruleSet) get(id string) *checker.Rule {
	if i, ok := rs.index[id]; ok {
		return rs.list[i]
	}
	return nil
}

// ruleHelpURI is where a rule's documentation lives: the README's rule
// table, which links every rule to `healthlint explain`.
func ruleHelpURI(meta Meta, known bool) string {
	base := strings.TrimSuffix(meta.InformationURI, "/")
	if base == "" {
		base = "https://github.com/healthlint/healthlint"
	}
	if !known {
		return base + "#configuration"
	}
	return base + "#rules"
}

// pathURI percent-encodes a slash-separated relative path as a URI
// reference (RFC 3986): unreserved characters and "/" stay, every other
// byte (including non-ASCII UTF-8 bytes, "%", ":", "," and spaces) is
// escaped, so the result is never mistaken for a scheme or a query.
func pathURI(p string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			c == '-', c == '.', c == '_', c == '~', c == '/':
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
	return b.String()
}

// xmlAllowed reports whether XML 1.0 allows r in a document.
func xmlAllowed(r rune) bool {
	return r == 0x9 || r == 0xA || r == 0xD ||
		(0x20 <= r && r <= 0xD7FF) ||
		(0xE000 <= r && r <= 0xFFFD) ||
		(0x10000 <= r && r <= 0x10FFFF)
}

// xmlEscape makes s safe as XML 1.0 character data or, with attr set, as
// a double-quoted attribute value: characters XML forbids are dropped,
// invalid UTF-8 becomes U+FFFD, markup characters become entities, and in
// attributes tabs and line breaks become character references so parsers
// keep them.
func xmlEscape(s string, attr bool) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if r == utf8.RuneError && size == 1 {
			b.WriteRune('\uFFFD')
			continue
		}
		switch {
		case !xmlAllowed(r):
			// XML 1.0 has no way to write these, not even as references.
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"':
			b.WriteString("&quot;")
		case r == '\'':
			b.WriteString("&apos;")
		case attr && r == '\n':
			b.WriteString("&#xA;")
		case attr && r == '\r':
			b.WriteString("&#xD;")
		case attr && r == '\t':
			b.WriteString("&#x9;")
		case r == '\r':
			// A bare CR in character data is normalised away by parsers.
			b.WriteString("&#xD;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
