package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// fixedNow makes every run see the same day.
func fixedNow() time.Time { return time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC) }

// runCLI runs healthlint in-process from dir and returns exit code and
// output. env holds the environment the run sees.
func runCLI(t *testing.T, dir string, env map[string]string, stdin string, args ...string) (int, string, string) {
	t.Helper()
	if dir != "" {
		t.Chdir(dir)
	}
	var out, errb bytes.Buffer
	getenv := func(k string) string { return env[k] }
	code := run(args, strings.NewReader(stdin), &out, &errb, getenv, fixedNow)
	return code, out.String(), errb.String()
}

func repoPath(t *testing.T, parts ...string) string {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	return filepath.Join(append([]string{wd, "..", ".."}, parts...)...)
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := repoPath(t, "testdata", "cli", name+".golden")
	if updating() {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/healthlint -update)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (run with -update if intended):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

func TestTextAndJSONGolden(t *testing.T) {
	dir := repoPath(t, "testdata", "cli")
	code, out, errOut := runCLI(t, dir, nil, "", "check", "--color", "never", "--fail-on", "warning", "pages")
	if code != exitFindings {
		t.Fatalf("exit %d, stderr %s", code, errOut)
	}
	// The elapsed time is the only varying part of the text output.
	out = regexpElapsed.ReplaceAllString(out, "(ELAPSED)")
	golden(t, "text", out)

	code, out, _ = runCLI(t, dir, nil, "", "check", "--format", "json", "pages")
	if code != exitClean {
		t.Fatalf("json: exit %d (warnings are below the default fail-on)", code)
	}
	var v struct {
		Tool     string `json:"tool"`
		AsOf     string `json:"asOf"`
		Files    int    `json:"files"`
		Findings []struct {
			Path, Rule, Severity, Message, Fingerprint string
			Line, Column, EndLine, EndColumn           int
			Fixes                                      []any
		} `json:"findings"`
		Documents []struct {
			Path   string   `json:"path"`
			Topics []string `json:"topics"`
		} `json:"documents"`
		Summary map[string]int `json:"summary"`
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatalf("invalid JSON: %v\n%s", err, out)
	}
	if v.Tool != "healthlint" || v.AsOf != "2026-11-26" || v.Files != 2 || len(v.Documents) != 2 || v.Documents[0].Topics == nil {
		t.Errorf("json header: %+v", v)
	}
	for _, f := range v.Findings {
		if f.Fixes == nil || f.Fingerprint == "" || strings.Contains(f.Path, `\`) {
			t.Errorf("finding %+v: fixes must be [], fingerprint set, path slashed", f)
		}
	}
	golden(t, "json", out)
}

func TestExitCodes(t *testing.T) {
	dir := repoPath(t, "testdata", "cli")
	cases := []struct {
		name string
		args []string
		code int
		err  string
	}{
		{"clean file", []string{"check", "pages/clean.md"}, exitClean, ""},
		{"warnings below fail-on", []string{"check", "pages/directives.md"}, exitClean, ""},
		{"warnings at fail-on", []string{"check", "--fail-on", "warning", "pages/directives.md"}, exitFindings, ""},
		{"info counts for fail-on info", []string{"check", "--fail-on", "info", "pages"}, exitFindings, ""},
		{"fail-on never", []string{"check", "--fail-on", "never", "pages"}, exitClean, ""},
		{"missing path", []string{"check", "nope.md"}, exitError, "nope.md: no such file or directory"},
		{"bad flag", []string{"check", "--frobnicate"}, exitError, "unknown flag: --frobnicate"},
		{"bad fail-on", []string{"check", "--fail-on", "loud", "pages"}, exitError, `--fail-on "loud"`},
		{"bad as-of", []string{"check", "--as-of", "tomorrow", "pages"}, exitError, `--as-of "tomorrow" is not a date`},
		{"unknown rule flag", []string{"check", "--disable", "healthlint/unused-directve", "pages"}, exitError, `did you mean "healthlint/unused-directive"`},
		{"bad config", []string{"check", "bad-config"}, exitError, `.healthlint.yaml:2: unknown rule "healthlint/unused-directve"`},
		{"unknown format", []string{"check", "--format", "yaml", "pages"}, exitError, `unknown format "yaml"`},
		{"output dir missing", []string{"check", "--output", "no/such/dir/out.json", "pages"}, exitError, "check that its directory exists"},
		{"explain unknown", []string{"explain", "claims/nope"}, exitError, "unknown rule"},
		{"unknown command", []string{"lint"}, exitError, "unknown command"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, _, errOut := runCLI(t, dir, nil, "", c.args...)
			if code != c.code {
				t.Errorf("exit %d, want %d; stderr: %s", code, c.code, errOut)
			}
			if c.err != "" && !strings.Contains(errOut, c.err) {
				t.Errorf("stderr %q does not contain %q", errOut, c.err)
			}
		})
	}
}

func TestStdin(t *testing.T) {
	dir := repoPath(t, "testdata", "cli")
	code, out, _ := runCLI(t, dir, nil, "<!-- healthlint-disble x -- y -->\n", "check", "--color", "never", "--stdin-filename", "docs/page.md", "-")
	if code != exitClean || !strings.Contains(out, "docs/page.md:1:1: warning:") {
		t.Errorf("exit %d, out %s", code, out)
	}
	code, out, _ = runCLI(t, dir, nil, "# ok\n", "check", "--quiet", "-")
	if code != exitClean || out != "" {
		t.Errorf("quiet clean stdin: exit %d, out %q", code, out)
	}
}

func TestColor(t *testing.T) {
	dir := repoPath(t, "testdata", "cli")
	_, out, _ := runCLI(t, dir, nil, "", "check", "--color", "always", "pages/directives.md")
	if !strings.Contains(out, "\x1b[") {
		t.Error("--color always printed no escape codes")
	}
	_, out, _ = runCLI(t, dir, map[string]string{"NO_COLOR": "1"}, "", "check", "pages/directives.md")
	if strings.Contains(out, "\x1b[") {
		t.Error("NO_COLOR ignored")
	}
}

func TestMultipleFormatsAndOutput(t *testing.T) {
	dir := t.TempDir()
	src := repoPath(t, "testdata", "cli", "pages", "directives.md")
	data, _ := os.ReadFile(src)
	os.WriteFile(filepath.Join(dir, "p.md"), data, 0o644)
	code, out, errOut := runCLI(t, dir, nil, "", "check", "--color", "never", "--format", "json=out.json", "--format", "text", "p.md")
	if code != exitClean {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "p.md:") {
		t.Errorf("text on stdout: %q", out)
	}
	j, err := os.ReadFile(filepath.Join(dir, "out.json"))
	if err != nil || !json.Valid(j) {
		t.Fatalf("out.json: %v %s", err, j)
	}
	code, _, errOut = runCLI(t, dir, nil, "", "check", "--format", "json", "--format", "text", "p.md")
	if code != exitError || !strings.Contains(errOut, "more than one --format writes to standard output") {
		t.Errorf("two formats on stdout: exit %d %s", code, errOut)
	}
}

func TestRulesExplainInitVersion(t *testing.T) {
	dir := t.TempDir()
	code, out, _ := runCLI(t, dir, nil, "", "rules", "--format", "json")
	var rs []map[string]any
	if code != 0 || json.Unmarshal([]byte(out), &rs) != nil || len(rs) == 0 {
		t.Fatalf("rules json: %d %s", code, out)
	}
	code, out, _ = runCLI(t, dir, nil, "", "explain", "healthlint/directive-reason")
	if code != 0 || !strings.Contains(out, "Sources:") || !strings.Contains(out, "Bad") {
		t.Errorf("explain: %s", out)
	}
	code, out, _ = runCLI(t, dir, nil, "", "init")
	if code != 0 || !strings.Contains(out, "wrote .healthlint.yaml") {
		t.Fatalf("init: %d %s", code, out)
	}
	// The starter config must load cleanly.
	code, _, errOut := runCLI(t, dir, nil, "", "check", "--quiet", ".")
	if code != 0 {
		t.Errorf("starter config does not load: %s", errOut)
	}
	code, _, errOut = runCLI(t, dir, nil, "", "init")
	if code != exitError || !strings.Contains(errOut, "--force") {
		t.Errorf("init over an existing file: %d %s", code, errOut)
	}
	if code, _, _ = runCLI(t, dir, nil, "", "init", "--force"); code != 0 {
		t.Errorf("init --force: %d", code)
	}
	if code, out, _ = runCLI(t, dir, nil, "", "version"); code != 0 || !strings.HasPrefix(out, "healthlint ") {
		t.Errorf("version: %q", out)
	}
}

var regexpElapsed = regexp.MustCompile(`\(\d+\.\d\ds\)`)

// TestDeterministicOrder checks that output does not depend on how many
// files are checked at once.
func TestDeterministicOrder(t *testing.T) {
	dir := repoPath(t, "testdata")
	_, one, _ := runCLI(t, dir, nil, "", "check", "--format", "json", "--fail-on", "never", "-j", "1", "rules", "cli/pages")
	for _, j := range []string{"2", "8"} {
		_, many, _ := runCLI(t, dir, nil, "", "check", "--format", "json", "--fail-on", "never", "-j", j, "rules", "cli/pages")
		if many != one {
			t.Fatalf("-j %s output differs from -j 1", j)
		}
	}
	if !strings.Contains(one, `"findings":[`) || strings.Count(one, `"rule":`) < 3 {
		t.Fatalf("too few findings to tell: %s", one)
	}
}
