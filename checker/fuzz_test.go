package checker

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// addFixtureSeeds seeds a fuzz target with every Markdown fixture.
func addFixtureSeeds(f *testing.F) {
	root := filepath.Join("..", "testdata")
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			if data, err := os.ReadFile(p); err == nil {
				f.Add(data)
			}
		}
		return nil
	})
	for _, s := range []string{
		"", "\ufeff", "---\n", "---\na: b\n---\n", "+++\na = 1\n+++\n", "# T\r\n\r\ntext\r\n",
		"- a\n  - b\n    > c\n", "| a |\n|---|\n| b |\n", "[^1]\n\n[^1]: x", "<div>\n&amp; <b>x</b>\n</div>\n",
		"text \xff\xfe bad", "`code` and ``more `code` ``", "a\u00a0b \u2019 c", "<!-- healthlint-disable x -- y -->",
	} {
		f.Add([]byte(s))
	}
}

// FuzzParse checks that parsing never panics and that every block's prose
// maps to source bytes inside the file, and positions round-trip.
func FuzzParse(f *testing.F) {
	addFixtureSeeds(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		d := Parse("f.md", src)
		for _, b := range d.Blocks {
			if len(b.Text) != len(b.Lower) {
				t.Fatalf("Lower length differs")
			}
			if i := proseWhitespaceBreach(b.Text); i >= 0 {
				t.Fatalf("prose %q has whitespace other than single spaces at %d", b.Text, i)
			}
			for i := range b.Text {
				sp := b.SourceSpan(Span{i, i + 1})
				if sp.Start < 0 || sp.End > len(src) || sp.Start > sp.End {
					t.Fatalf("prose byte %d maps outside the file: %+v (len %d)", i, sp, len(src))
				}
			}
			for _, s := range b.Sentences {
				if s.Start < 0 || s.End > len(b.Text) || s.Start > s.End {
					t.Fatalf("sentence %+v outside block of %d", s, len(b.Text))
				}
			}
		}
		for off := 0; off <= len(src); off++ {
			if off < len(src) && !utf8.RuneStart(src[off]) {
				continue
			}
			p := d.Lines.Position(off)
			if p.Line < 1 || p.Column < 1 || p.Line > d.Lines.Lines()+1 {
				t.Fatalf("offset %d: invalid position %+v", off, p)
			}
			if back := d.Lines.Offset(p); back != off && !(d.Lines.bom > 0 && off < d.Lines.bom) && !crBeforeNewline(src, off) {
				t.Fatalf("offset %d -> %+v -> %d", off, p, back)
			}
		}
	})
}

// proseWhitespaceBreach returns where prose breaks the rule the matcher's
// regex analysis relies on (see proseWhitespace): its only whitespace is
// single spaces between words, none at either end. -1 when it holds.
func proseWhitespaceBreach(text string) int {
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '\t', '\n', '\v', '\f', '\r':
			return i
		case ' ':
			if i == 0 || i == len(text)-1 || text[i+1] == ' ' {
				return i
			}
		}
	}
	return -1
}

// crBeforeNewline: offsets between '\r' and '\n' are not addressable by
// line and column in an editor; they map to the line end.
func crBeforeNewline(src []byte, off int) bool {
	return off > 0 && off < len(src) && src[off] == '\n' && src[off-1] == '\r'
}

// FuzzConfig checks that any bytes either decode or give a ConfigError
// that names the file.
func FuzzConfig(f *testing.F) {
	for _, s := range []string{
		"rules: {}\n", "rules:\n  test/word: off\n", "ignore: [a, b]\n", "as-of: 2026-01-01\n",
		"custom-rules:\n  - id: a/b\n    kind: phrase\n    phrases: [x, {regex: 'a+'}]\n",
		"custom-rules:\n  - id: a/b\n    kind: required\n    patterns: [x]\n    when: {topics: [t]}\n",
		"overrides:\n  - files: 'a/**'\n    rules: {test/word: error}\n", "data:\n  insurers: x\n", "[", "- 1", "extends: x.yaml\n",
		"rules:\n  test/options:\n    options: {max-age: 3, numbers: [1, 2], style: formerly}\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := ParseConfig(data, "fuzz.yaml", testRegistry())
		if err != nil && !strings.HasPrefix(err.Error(), "fuzz.yaml") && !strings.HasPrefix(err.Error(), "(embedded") {
			t.Fatalf("error does not name the file: %v", err)
		}
	})
}

// FuzzDirective checks directive parsing on any comment body and that
// suppression over a document never panics.
func FuzzDirective(f *testing.F) {
	for _, s := range []string{
		"healthlint-disable-next-line a/b -- reason", "healthlint-disable a/b, c/d", "healthlint-enable",
		"healthlint-disable-file -- x", "healthlint-disable-next-line", "healthlint-disable --", "want \"x\"",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		d, ok := ParseDirective(body)
		if ok {
			for _, r := range d.Rules {
				if strings.ContainsAny(r, ", \t\n") {
					t.Fatalf("rule ID %q kept a separator", r)
				}
			}
		}
		if strings.Contains(body, "-->") {
			return
		}
		s := settingsFor(t, Flags{Disable: []string{"test/options"}})
		doc := Parse("d.md", []byte("<!-- "+body+" -->\nA miracle cure.\n"))
		if _, _, err := s.Check(doc); err != nil {
			t.Fatal(err)
		}
	})
}

func settingsFor(t testing.TB, flags Flags) *Settings {
	r, err := NewResolver(testRegistry(), flags, testAsOf)
	if err != nil {
		t.Fatal(err)
	}
	s, err := r.SettingsFor("/fuzz/a.md")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// FuzzFix checks fix application: valid UTF-8 stays valid, and applying
// the fixes a second time changes nothing.
func FuzzFix(f *testing.F) {
	addFixtureSeeds(f)
	f.Add([]byte("Drug abuse, abuse and\nABUSE."))
	f.Fuzz(func(t *testing.T, src []byte) {
		s := settingsFor(t, Flags{Disable: []string{"test/options"}})
		once := fixOnce(t, s, src)
		if utf8.Valid(src) && !utf8.Valid(once) {
			t.Fatalf("fix made invalid UTF-8: %q -> %q", src, once)
		}
		if twice := fixOnce(t, s, once); string(twice) != string(once) {
			t.Fatalf("second fix changed the text:\n%q\n%q", once, twice)
		}
	})
}

func fixOnce(t *testing.T, s *Settings, src []byte) []byte {
	doc := Parse("f.md", src)
	fs, _, err := s.Check(doc)
	if err != nil {
		t.Fatal(err)
	}
	fixed, _, _, err := s.FixAll(doc, fs)
	if err != nil {
		t.Fatal(err)
	}
	return fixed.Source
}
