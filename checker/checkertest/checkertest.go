// Package checkertest runs rules over Markdown fixtures whose expected
// findings are written inline, in the spirit of analysistest:
//
//	Our tea cures the flu. <!-- want "cure claim" -->
//	<!-- want +1 "stale insurer" at:"Beacon Health Options" -->
//	We accept Beacon Health Options.
//
// A want comment expects, on its own line (or N lines below with +N, above
// with -N, for front matter), one
// finding whose "message (rule-id)" matches each regexp. at:"text" pins
// the exact source text under the span (whitespace runs compared as one
// space). Unexpected and missing findings both fail the test.
package checkertest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/healthlint/healthlint/checker"
)

// AsOf is the date fixtures are checked as of, so that freshness rules
// give the same answer on every day the tests run.
var AsOf = time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)

// Expectation is one parsed want.
type Expectation struct {
	Line  int
	Re    *regexp.Regexp
	At    string
	HasAt bool
	met   bool
}

var wantRe = regexp.MustCompile(`^want(?:\s+([+-]\d+))?\s+(.*)$`)

// ParseWants reads every want comment of a document.
func ParseWants(doc *checker.Document) ([]*Expectation, error) {
	var out []*Expectation
	for _, c := range doc.Comments {
		m := wantRe.FindStringSubmatch(strings.TrimSpace(c.Text))
		if m == nil {
			continue
		}
		line := doc.Lines.LineOf(c.Span.Start)
		if m[1] != "" {
			n, _ := strconv.Atoi(m[1])
			line += n
		}
		rest := strings.TrimSpace(m[2])
		var last *Expectation
		for rest != "" {
			isAt := strings.HasPrefix(rest, "at:")
			if isAt {
				rest = rest[3:]
			}
			if !strings.HasPrefix(rest, `"`) {
				return nil, fmt.Errorf("line %d: want needs quoted regexps, got %q", line, rest)
			}
			s, tail, err := unquotePrefix(rest)
			if err != nil {
				return nil, fmt.Errorf("line %d: %v", line, err)
			}
			rest = strings.TrimSpace(tail)
			if isAt {
				if last == nil {
					return nil, fmt.Errorf("line %d: at: must follow a regexp", line)
				}
				last.At, last.HasAt = s, true
				continue
			}
			re, err := regexp.Compile(s)
			if err != nil {
				return nil, fmt.Errorf("line %d: %v", line, err)
			}
			last = &Expectation{Line: line, Re: re}
			out = append(out, last)
		}
	}
	return out, nil
}

func unquotePrefix(s string) (string, string, error) {
	for i := 1; i < len(s); i++ {
		if s[i] == '\\' {
			i++
			continue
		}
		if s[i] == '"' {
			v, err := strconv.Unquote(s[:i+1])
			return v, s[i+1:], err
		}
	}
	return "", "", fmt.Errorf("unterminated string in %q", s)
}

// Run checks every .md file under dir (recursively) with only the rules
// named in ids enabled, and compares findings with the want comments. A
// .healthlint.yaml in dir applies to its fixtures.
func Run(t *testing.T, reg *checker.Registry, dir string, ids ...string) {
	t.Helper()
	var files []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			files = append(files, p)
		}
		return nil
	})
	if len(files) == 0 {
		t.Fatalf("no .md fixtures in %s", dir)
	}
	settings := SettingsFor(t, reg, dir, ids...)
	for _, f := range files {
		f := f
		t.Run(filepath.ToSlash(strings.TrimPrefix(f, dir+string(filepath.Separator))), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			CheckSource(t, settings, f, data)
		})
	}
}

// SettingsFor resolves the settings for fixtures in dir with only ids on.
func SettingsFor(t testing.TB, reg *checker.Registry, dir string, ids ...string) *checker.Settings {
	t.Helper()
	var disable []string
	for _, r := range reg.Rules {
		if !contains(ids, r.ID) {
			disable = append(disable, r.ID)
		}
	}
	flags := checker.Flags{AsOf: AsOf, Disable: disable, Enable: ids}
	if _, err := os.Stat(filepath.Join(dir, checker.ConfigFileName)); err == nil {
		flags.ConfigPath = filepath.Join(dir, checker.ConfigFileName)
	} else {
		// Fixtures must not pick up a config from the repository.
		flags.ConfigPath = os.DevNull
	}
	res, err := checker.NewResolver(reg, flags, AsOf)
	if err != nil {
		t.Fatal(err)
	}
	abs, _ := filepath.Abs(filepath.Join(dir, "fixture.md"))
	s, err := res.SettingsFor(abs)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// CheckSource checks one fixture's bytes against its want comments.
func CheckSource(t testing.TB, settings *checker.Settings, name string, data []byte) []checker.Diagnostic {
	t.Helper()
	doc := checker.Parse(name, data)
	wants, err := ParseWants(doc)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	findings, _, err := settings.Check(doc)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	diags := checker.Flatten(doc, name, findings)
	for _, d := range diags {
		text := d.Message + " (" + d.Rule + ")"
		matched := false
		for _, w := range wants {
			if w.met || w.Line != d.Line || !w.Re.MatchString(text) {
				continue
			}
			if w.HasAt && normalize(d.Snippet) != normalize(w.At) {
				t.Errorf("%s:%d:%d: finding %q covers %q, want at:%q", name, d.Line, d.Column, text, d.Snippet, w.At)
			}
			w.met, matched = true, true
			break
		}
		if !matched {
			t.Errorf("%s:%d:%d: unexpected finding: %s [text %q]", name, d.Line, d.Column, text, d.Snippet)
		}
	}
	sort.Slice(wants, func(i, j int) bool { return wants[i].Line < wants[j].Line })
	for _, w := range wants {
		if !w.met {
			t.Errorf("%s:%d: missing finding matching %q", name, w.Line, w.Re)
		}
	}
	// The runner releases each document once its findings are flattened:
	// the diagnostics must not change when the next parse writes over the
	// arrays its prose was on.
	before, _ := json.Marshal(diags)
	doc.Release()
	checker.Parse("overwrite.md", bytes.Repeat([]byte("Overwritten prose. "), len(data)/19+8))
	if after, _ := json.Marshal(diags); string(after) != string(before) {
		t.Errorf("%s: diagnostics changed once the document was released:\n got %s\nwant %s", name, after, before)
	}
	return diags
}

func normalize(s string) string { return strings.Join(strings.Fields(s), " ") }

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
