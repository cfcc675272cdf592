package checker

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

var testAsOf = time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)

// testRegistry has one phrase rule and one rule with options.
func testRegistry() *Registry {
	word := &Rule{
		ID: "test/word", Title: "a test phrase", Doc: "Bad: x. Good: y.", Severity: SeverityWarning,
		Sources: []Source{{Title: "t", URL: "https://example.org"}},
		Phrases: []*Phrase{
			{Text: "miracle cure", Message: "{match} is a test finding", NegationWindow: 4},
			{Text: "abuse", Exceptions: []string{"child abuse"}, Replacement: "misuse", HasReplacement: true},
			{Text: "Beacon", CaseSensitive: true},
			{Text: "Beacon Health Options"},
		},
	}
	opts := &Rule{
		ID: "test/options", Title: "a rule with options", Doc: "Bad: x. Good: y.", Severity: SeverityInfo,
		Sources: []Source{{Title: "t", URL: "https://example.org"}},
		Options: []Option{
			{Name: "max-age", Kind: OptInt, Default: 12, Doc: "months"},
			{Name: "style", Kind: OptString, Default: "replace", Choices: []string{"replace", "formerly"}},
			{Name: "numbers", Kind: OptStrings, Default: []string{"911"}},
		},
		Run: func(p *Pass) {
			p.DocumentFinding("max-age "+itoa(p.Int("max-age"))+" style "+p.String("style")+" numbers "+strings.Join(p.Strings("numbers"), ","), "")
		},
	}
	return &Registry{Rules: []*Rule{word, opts}, DefaultConfig: []byte("rules: {}\n"), DataKeys: []string{"insurers"}}
}

func itoa(n int) string { return strconv.Itoa(n) }

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestConfigErrors(t *testing.T) {
	cases := []struct {
		name, yaml, want string
	}{
		{"unknown key", "rules: {}\nignroe: [x]\n", `:2: unknown key "ignroe" (did you mean "ignore"?)`},
		{"unknown rule", "rules:\n  test/wrod: off\n", `:2: unknown rule "test/wrod" (did you mean "test/word"?)`},
		{"bad severity", "rules:\n  test/word: loud\n", `:2: rule test/word: unknown severity "loud"`},
		{"unknown option", "rules:\n  test/options:\n    options:\n      max-ages: 3\n", `:4: unknown option "max-ages" for test/options (did you mean "max-age"?)`},
		{"bad option type", "rules:\n  test/options:\n    options:\n      max-age: soon\n", `:4: option max-age of test/options: want a whole number`},
		{"bad choice", "rules:\n  test/options:\n    options:\n      style: fancy\n", `"fancy" is not one of replace, formerly`},
		{"bad regex", "custom-rules:\n  - id: house/x\n    kind: phrase\n    phrases:\n      - regex: '(unclosed'\n", `:5: custom rule house/x: regex "(unclosed" does not compile`},
		{"bad kind", "custom-rules:\n  - id: house/x\n    kind: magic\n", `:3: custom rule house/x: kind must be phrase, required or front-matter`},
		{"bad id", "custom-rules:\n  - id: House X\n    kind: phrase\n    phrases: [a]\n", `custom rule id "House X" must be category/name`},
		{"not yaml", "rules: [\n", "not valid YAML"},
		{"not a mapping", "- a\n", "a config must be a mapping"},
		{"bad as-of", "as-of: someday\n", ":1: as-of must be a date"},
		{"unknown dataset", "data:\n  insurer: x.yaml\n", `:2: unknown dataset "insurer" under data: (did you mean "insurers"?)`},
		{"bad glob", "ignore: ['[a-']\n", `ignore glob "[a-" is malformed`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, ConfigFileName)
			writeFile(t, path, c.yaml)
			_, err := LoadConfigFile(path, testRegistry())
			if err == nil {
				t.Fatalf("no error, want %q", c.want)
			}
			if !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), path) {
				t.Errorf("error = %q, want it to start with the path and contain %q", err, c.want)
			}
		})
	}
}

func TestConfigExtendsItself(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.yaml"), filepath.Join(dir, "b.yaml")
	writeFile(t, a, "extends: b.yaml\n")
	writeFile(t, b, "extends: a.yaml\n")
	_, err := LoadConfigFile(a, testRegistry())
	if err == nil || !strings.Contains(err.Error(), "extends itself") {
		t.Fatalf("err = %v", err)
	}
	self := filepath.Join(dir, "self.yaml")
	writeFile(t, self, "extends: self.yaml\n")
	if _, err := LoadConfigFile(self, testRegistry()); err == nil || !strings.Contains(err.Error(), "extends itself") {
		t.Fatalf("self: err = %v", err)
	}
}

func check(t *testing.T, s *Settings, src string) []Diagnostic {
	t.Helper()
	doc := Parse("t.md", []byte(src))
	fs, _, err := s.Check(doc)
	if err != nil {
		t.Fatal(err)
	}
	return Flatten(doc, "t.md", fs)
}

func settingsIn(t *testing.T, dir, file string, flags Flags) *Settings {
	t.Helper()
	r, err := NewResolver(testRegistry(), flags, testAsOf)
	if err != nil {
		t.Fatal(err)
	}
	s, err := r.SettingsFor(filepath.Join(dir, file))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestNearestConfigExtendsAndOverrides(t *testing.T) {
	root := t.TempDir()
	os.Mkdir(filepath.Join(root, ".git"), 0o755)
	writeFile(t, filepath.Join(root, "base.yaml"), "rules:\n  test/options:\n    options:\n      max-age: 6\n")
	writeFile(t, filepath.Join(root, ConfigFileName), "extends: base.yaml\nrules:\n  test/options:\n    options:\n      style: formerly\noverrides:\n  - files: 'blog/**'\n    rules:\n      test/options:\n        severity: error\n        options:\n          numbers: [999, 111]\n")
	writeFile(t, filepath.Join(root, "sub", ConfigFileName), "rules:\n  test/options: off\n")

	ds := check(t, settingsIn(t, root, "page.md", Flags{}), "# T\n")
	if len(ds) != 1 || ds[0].Message != "max-age 6 style formerly numbers 911" || ds[0].Severity != "info" {
		t.Fatalf("root: %+v", ds)
	}
	ds = check(t, settingsIn(t, root, "blog/2026/post.md", Flags{}), "# T\n")
	if len(ds) != 1 || ds[0].Message != "max-age 6 style formerly numbers 999,111" || ds[0].Severity != "error" {
		t.Fatalf("override: %+v", ds)
	}
	if ds := check(t, settingsIn(t, root, "sub/deeper/page.md", Flags{}), "# T\n"); len(ds) != 0 {
		t.Fatalf("nearest config in sub/ should turn the rule off: %+v", ds)
	}
	// --enable beats a config's off; --disable beats everything.
	if ds := check(t, settingsIn(t, root, "sub/page.md", Flags{Enable: []string{"test/options"}}), "# T\n"); len(ds) != 1 {
		t.Fatalf("--enable: %+v", ds)
	}
	if ds := check(t, settingsIn(t, root, "page.md", Flags{Disable: []string{"test/*"}}), "# T\nmiracle cure\n"); len(ds) != 0 {
		t.Fatalf("--disable test/*: %+v", ds)
	}
}

func TestConfigStopsAtRepoRoot(t *testing.T) {
	outer := t.TempDir()
	writeFile(t, filepath.Join(outer, ConfigFileName), "rules:\n  test/options: off\n")
	repo := filepath.Join(outer, "repo")
	os.MkdirAll(filepath.Join(repo, ".git"), 0o755)
	if ds := check(t, settingsIn(t, repo, "page.md", Flags{}), "# T\n"); len(ds) != 1 {
		t.Fatalf("a config above the repository root must not apply: %+v", ds)
	}
}

func TestAsOfPrecedence(t *testing.T) {
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, ".git"), 0o755)
	writeFile(t, filepath.Join(dir, ConfigFileName), "as-of: 2024-05-01\n")
	if s := settingsIn(t, dir, "a.md", Flags{}); !s.AsOf.Equal(time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("config as-of: %v", s.AsOf)
	}
	flag := time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC)
	if s := settingsIn(t, dir, "a.md", Flags{AsOf: flag}); !s.AsOf.Equal(flag) {
		t.Errorf("--as-of should win: %v", s.AsOf)
	}
	if s := settingsIn(t, t.TempDir(), "a.md", Flags{}); !s.AsOf.Equal(testAsOf) {
		t.Errorf("default as-of should be today: %v", s.AsOf)
	}
}

func TestIgnoreGlobs(t *testing.T) {
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, ".git"), 0o755)
	writeFile(t, filepath.Join(dir, ConfigFileName), "ignore: ['drafts/**', 'secret.md']\n")
	for _, f := range []string{"a.md", "drafts/x.md", "deep/secret.md", "b.markdown", "c.mdx", "notes.txt", "node_modules/m.md"} {
		writeFile(t, filepath.Join(dir, f), "# x\n")
	}
	r, _ := NewResolver(testRegistry(), Flags{}, testAsOf)
	inputs, err := Collect([]string{dir}, r, dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, in := range inputs {
		got = append(got, in.Display)
	}
	if strings.Join(got, ",") != "a.md,b.markdown,c.mdx" {
		t.Errorf("collected %v", got)
	}
}

func TestPhraseMatching(t *testing.T) {
	s := settingsIn(t, t.TempDir(), "a.md", Flags{Disable: []string{"test/options"}})
	cases := []struct {
		src  string
		want []string // snippets
	}{
		{"A miracle cure!", []string{"miracle cure"}},
		{"A MIRACLE CURE!", []string{"MIRACLE CURE"}},
		{"This is not a miracle cure.", nil},
		{"Miracle cures do not exist.", nil}, // whole words only
		{"Drug abuse and child abuse.", []string{"abuse"}},
		{"We accept Beacon Health\nOptions.", []string{"Beacon Health\nOptions"}},
		{"We accept Beacon and BEACON.", []string{"Beacon"}},
		{"Use `miracle cure` carefully.", nil},
		{"[link](https://miracle-cure.example) text", nil},
		{"A miracle\u00a0cure—really.", []string{"miracle\u00a0cure"}},
	}
	for _, c := range cases {
		ds := check(t, s, c.src)
		var got []string
		for _, d := range ds {
			got = append(got, d.Snippet)
		}
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("%q: got %q, want %q", c.src, got, c.want)
		}
	}
}

func TestFixesAndFingerprints(t *testing.T) {
	s := settingsIn(t, t.TempDir(), "a.md", Flags{Disable: []string{"test/options"}})
	src := "Abuse is common.\r\nDrug abuse too.\r\n"
	doc := Parse("a.md", []byte(src))
	fs, _, _ := s.Check(doc)
	out, fixed := ApplyFixes([]byte(src), fs)
	if string(out) != "Misuse is common.\r\nDrug misuse too.\r\n" || !fixed[0] || !fixed[1] {
		t.Fatalf("fixed = %q %v", out, fixed)
	}
	// Fingerprints survive moving text to other lines and change with the
	// words.
	a := Flatten(doc, "a.md", fs)
	moved := Parse("a.md", []byte("New first line.\n\nAbuse is common.\nDrug abuse too.\n"))
	fs2, _, _ := s.Check(moved)
	b := Flatten(moved, "a.md", fs2)
	if a[0].Fingerprint != b[0].Fingerprint || a[1].Fingerprint != b[1].Fingerprint || a[0].Fingerprint == a[1].Fingerprint {
		t.Errorf("fingerprints: %s %s vs %s %s", a[0].Fingerprint, a[1].Fingerprint, b[0].Fingerprint, b[1].Fingerprint)
	}
}

func TestOverlappingFixesNeverBothApplied(t *testing.T) {
	src := []byte("abcdef")
	fs := []Finding{
		{Span: Span{0, 3}, Fixes: []Fix{{Edits: []Edit{{0, 3, "X"}}}}},
		{Span: Span{2, 5}, Fixes: []Fix{{Edits: []Edit{{2, 5, "Y"}}}}},
		{Span: Span{5, 6}, Fixes: []Fix{{Edits: []Edit{{5, 6, "Z"}}}}},
	}
	out, fixed := ApplyFixes(src, fs)
	if string(out) != "XdeZ" || !fixed[0] || fixed[1] || !fixed[2] {
		t.Fatalf("out %q fixed %v", out, fixed)
	}
}

func TestCustomRuleKinds(t *testing.T) {
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, ".git"), 0o755)
	writeFile(t, filepath.Join(dir, ConfigFileName), `rules:
  test/word: off
  test/options: off
custom-rules:
  - id: house/slang
    kind: phrase
    message: "{match} is slang"
    suggestion: say treatment centre
    negation-window: 3
    phrases:
      - text: rehab facility
        replace: treatment centre
      - regex: '\bsober in \d+ days\b'
  - id: house/intake
    kind: required
    message: no intake line
    patterns: ["555-0199"]
    when: {phrases: [admissions]}
  - id: house/owner
    kind: front-matter
    keys: [owner]
    dates: {last_reviewed: 12}
`)
	s := settingsIn(t, dir, "a.md", Flags{})
	ds := check(t, s, "---\nlast_reviewed: 2024-01-01\n---\n# Admissions\n\nOur rehab facility gets you sober in 30 days. We are not a rehab facility.\n")
	var got []string
	for _, d := range ds {
		got = append(got, d.Rule+"@"+itoa(d.Line)+":"+d.Message)
	}
	want := []string{
		`house/owner@2:last_reviewed 2024-01-01 is more than 12 months before 2026-11-26`,
		`house/intake@4:no intake line`,
		`house/owner@4:front matter has no "owner" key`,
		`house/slang@6:"rehab facility" is slang`,
		`house/slang@6:"sober in 30 days" is slang`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if ds := check(t, s, "---\nowner: x\nlast_reviewed: 2026-10-01\n---\n# Admissions\n\nCall 555-0199.\n"); len(ds) != 0 {
		t.Errorf("complete page: %+v", ds)
	}
}

func TestDirectivesSuppress(t *testing.T) {
	s := settingsIn(t, t.TempDir(), "a.md", Flags{Disable: []string{"test/options"}})
	src := `# T

<!-- healthlint-disable-next-line test/word -- quoting a court filing -->
A miracle cure.

- item
  <!-- healthlint-disable-next-line -- all rules -->
  another miracle cure

<!-- healthlint-disable test/word -- region -->
Region miracle cure.

> quoted miracle cure
<!-- healthlint-enable test/word -->

After: miracle cure.
`
	ds := check(t, s, src)
	if len(ds) != 1 || ds[0].Line != 16 {
		t.Fatalf("got %+v", ds)
	}
	ds = check(t, s, "---\nhealthlint:\n  disable: [test/word]\n  reason: legal quote\n---\nA miracle cure.\n")
	if len(ds) != 0 {
		t.Fatalf("front matter disable: %+v", ds)
	}
}

func TestParseDate(t *testing.T) {
	for _, s := range []string{"2026-03-03", "March 3, 2026", "Mar 3, 2026", "3 March 2026", "03/03/2026", "March 3rd, 2026", "2026-03-03T10:00:00Z", "Mar. 3, 2026"} {
		d, err := ParseDate(s)
		if err != nil || d.Format(time.DateOnly) != "2026-03-03" {
			t.Errorf("ParseDate(%q) = %v, %v", s, d, err)
		}
	}
	if d, err := ParseDate("March 2026"); err != nil || d.Format(time.DateOnly) != "2026-03-01" {
		t.Errorf("month precision: %v %v", d, err)
	}
	if d, err := ParseDate("Sept. 8, 2026"); err != nil || d.Format(time.DateOnly) != "2026-09-08" {
		t.Errorf("Sept.: %v %v", d, err)
	}
	for _, s := range []string{"September 2, 2026", "Sept 2, 2026", "Sep. 2, 2026", "2 September 2026"} {
		if d, err := ParseDate(s); err != nil || d.Format(time.DateOnly) != "2026-09-02" {
			t.Errorf("ParseDate(%q) = %v, %v", s, d, err)
		}
	}
	if _, err := ParseDate("TBD"); err == nil {
		t.Error("TBD parsed")
	}
}
