package checker

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

var simpleFrontMatterCases = []string{
	"title: \"Ketamine Addiction Treatment in Tampa\"\nauthor: Staff Writer 12\nreviewed_by: Dr. Alex Rivera, MD\nlast_reviewed: 2026-03-07\ntags: [addiction, treatment]\n",
	"date: 2024-05-10\ntags: [a]\n",
	"a: b\n",
	"title: \"\"\n",
	"k: true\n", "k: True\n", "k: yes\n", "k: no\n", "k: on\n", "k: null\n", "k: Null\n", "k: none\n", "k: y\n", "k: n\n", "k: ~\n",
	"true: x\n", "null: x\n", "y: x\n", "on: x\n",
	"k: 12\n", "k: 1.5\n", "k: 0x1F\n", "k: 1_000\n", "k: 12 steps\n", "k: 2026-02-30\n", "k: 2026-13-01\n", "k: 2026-1-2\n", "k: 2024-02-29\n", "k: 2023-02-29\n",
	"k: 2026-03-07T10:00:00Z\n", "k: 2026-03-07 10:00:00\n", "k: 20260307\n",
	"tags: [true, null, 12, 2026-01-01, x_y, a-b]\n", "tags: [a,b]\n", "tags: [a , b]\n", "tags: [ a, b ]\n", "tags: [a, b,]\n", "tags: []\n", "tags: [a, [b]]\n", "tags: [a, b] x\n",
	"k: v\nk: w\n", "K: v\nk: w\n", "a: b\n\nc: d\n", "a: b # c\n", "# c\na: b\n", "a: b\n  c\n", "a:  b\n", "a: b \n", "a:b\n", "a :b\n", "a:\n", "a: \n",
	"a: \"x\\ty\"\n", "a: \"x\"y\"\n", "a: \"x\" \n", "a: 'x'\n", "a: x'y\n", "a: x\"y\n", "a: x, y\n", "a: x - y\n", "a: x! & * | > % @ ? y\n", "a: x: y\n", "a: x #y\n", "a: x#y\n",
	"a: x\r\n", "a: x\tb\n", "a: caf\u00e9\n", "a: \"caf\u00e9\"\n", "a: b", "", "\n", "-a: b\n", "_a: b\n", "a-b: c\n", "1a: b\n", "2026-01-01: b\n", "a_: b\n",
	"a: -b\n", "a: +b\n", "a: .b\n", "a: [b\n", "a: {b: c}\n", "a: &x b\n", "a: *x\n", "a: !!str b\n", "a: |\n  b\n", "a: >\n  b\n", "? a\n: b\n", "- a\n", "a: b\n...\n",
	"healthlint: {disable: [x]}\n", "a: b\nc: [d, e]\nf: \"g\"\n",
	strings.Repeat("k", 128) + ": v\n", strings.Repeat("k", 1100) + ": v\n", "k: [" + strings.Repeat("i", 1100) + "]\n",
}

// TestSimpleFrontMatterMatchesYAML holds the fast front matter path to the
// YAML decoder: whatever it accepts must decode to the very same nodes.
func TestSimpleFrontMatterMatchesYAML(t *testing.T) {
	for _, body := range simpleFrontMatterCases {
		checkSimpleFrontMatter(t, []byte(body))
	}
	// The common shape must take the fast path, or it buys nothing.
	for _, body := range simpleFrontMatterCases[:4] {
		if _, ok := simpleFrontMatter([]byte(body)); !ok {
			t.Errorf("simpleFrontMatter(%q) declined", body)
		}
	}
}

func FuzzSimpleFrontMatter(f *testing.F) {
	for _, body := range simpleFrontMatterCases {
		f.Add([]byte(body))
	}
	f.Fuzz(func(t *testing.T, body []byte) { checkSimpleFrontMatter(t, body) })
}

func checkSimpleFrontMatter(t *testing.T, body []byte) {
	t.Helper()
	got, ok := simpleFrontMatter(body)
	if !ok {
		return
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(body, &doc); err != nil {
		t.Fatalf("simpleFrontMatter(%q) accepted what YAML rejects: %v", body, err)
	}
	if len(doc.Content) != 1 || !reflect.DeepEqual(got, doc.Content[0]) {
		t.Fatalf("simpleFrontMatter(%q) differs from YAML:\n got %s\nwant %s", body, dumpYAMLNode(got), dumpYAMLNode(doc.Content[0]))
	}
}

func dumpYAMLNode(n *yaml.Node) string {
	if n == nil {
		return "nil"
	}
	s := fmt.Sprintf("{%d %d %s %q %d:%d", n.Kind, n.Style, n.Tag, n.Value, n.Line, n.Column)
	for _, c := range n.Content {
		s += " " + dumpYAMLNode(c)
	}
	return s + "}"
}
