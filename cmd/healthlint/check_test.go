package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// testConfig defines custom rules, so these tests do not depend on which
// built-in rules exist: a phrase rule and a required (document-level)
// rule.
const testConfig = `as-of: 2026-11-26
custom-rules:
  - id: house/miracle
    kind: phrase
    severity: warning
    message: "{match} is a miracle claim; describe the evidence instead"
    phrases:
      - text: miracle
      - text: wonder drug
  - id: house/crisis-line
    kind: required
    severity: info
    message: the page does not give the crisis line
    patterns: ["988"]
`

type cliResult struct {
	code           int
	stdout, stderr string
}

// runCLI runs the CLI in-process in dir with a fixed clock and the given
// environment (nothing else leaks in from the real one).
func runCheckCLI(t *testing.T, env map[string]string, args ...string) cliResult {
	t.Helper()
	var out, errb bytes.Buffer
	getenv := func(k string) string { return env[k] }
	now := func() time.Time { return time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC) }
	code := run(args, strings.NewReader(""), &out, &errb, getenv, now)
	return cliResult{code, out.String(), errb.String()}
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

type jsonFinding struct {
	Path        string `json:"path"`
	Line        int    `json:"line"`
	Rule        string `json:"rule"`
	Message     string `json:"message"`
	Fingerprint string `json:"fingerprint"`
}

type jsonReport struct {
	Findings []jsonFinding `json:"findings"`
	Files    int           `json:"files"`
}

func parseJSON(t *testing.T, r cliResult) jsonReport {
	t.Helper()
	var rep jsonReport
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatalf("output is not the JSON report (%v)\nstdout: %s\nstderr: %s", err, r.stdout, r.stderr)
	}
	return rep
}

func (r jsonReport) keys() []string {
	var out []string
	for _, f := range r.Findings {
		out = append(out, f.Path+":"+f.Rule+":"+f.Fingerprint)
	}
	sort.Strings(out)
	return out
}

func TestBaselineRoundTrip(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeFiles(t, dir, map[string]string{
		".healthlint.yaml": testConfig,
		"a.md":             "# A\n\nA miracle in a week. Call 988.\n\nAnother miracle here.\n",
		"b.md":             "# B\n\nOur wonder drug works. Call 988.\n",
	})
	r := runCheckCLI(t, nil, "check", "--format", "json", ".")
	if r.code != 1 && r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	all := parseJSON(t, r)
	if len(all.Findings) != 3 {
		t.Fatalf("want 3 findings before the baseline, got %+v", all.Findings)
	}

	r = runCheckCLI(t, nil, "check", "--write-baseline", "baseline.json", ".")
	if r.code != 0 || !strings.Contains(r.stderr, "wrote 3 findings to the baseline baseline.json") {
		t.Fatalf("--write-baseline: exit %d, stderr %q", r.code, r.stderr)
	}
	var b struct {
		Version  int `json:"version"`
		Findings []struct{ Fingerprint, Rule, Path, Message string }
	}
	data, err := os.ReadFile(filepath.Join(dir, "baseline.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &b); err != nil || b.Version != 1 || len(b.Findings) != 3 {
		t.Fatalf("baseline file: %v %s", err, data)
	}
	for _, f := range b.Findings {
		if f.Fingerprint == "" || f.Rule == "" || f.Path == "" || f.Message == "" {
			t.Errorf("baseline entry lacks a field: %+v", f)
		}
	}

	r = runCheckCLI(t, nil, "check", "--format", "json", "--baseline", "baseline.json", "--fail-on", "info", ".")
	if got := parseJSON(t, r); len(got.Findings) != 0 || r.code != 0 {
		t.Fatalf("with the baseline: exit %d, findings %+v", r.code, got.Findings)
	}
	if !strings.Contains(r.stderr, "3 findings not reported") {
		t.Errorf("no notice of hidden findings: %q", r.stderr)
	}

	// Text moving to other lines keeps the baseline valid.
	writeFiles(t, dir, map[string]string{"a.md": "# A\n\nNew intro.\n\nMore.\n\nA miracle in a week. Call 988.\n\nAnother miracle here.\n"})
	r = runCheckCLI(t, nil, "check", "--format", "json", "--baseline", "baseline.json", ".")
	if got := parseJSON(t, r); len(got.Findings) != 0 {
		t.Fatalf("after moving text: %+v", got.Findings)
	}

	// Editing the flagged words makes the finding new again.
	writeFiles(t, dir, map[string]string{"a.md": "# A\n\nNew intro.\n\nMore.\n\nA miracle in a week. Call 988.\n\nAnother wonder drug here.\n"})
	r = runCheckCLI(t, nil, "check", "--format", "json", "--baseline", "baseline.json", ".")
	got := parseJSON(t, r)
	if len(got.Findings) != 1 || got.Findings[0].Path != "a.md" || got.Findings[0].Line != 9 || r.code != 0 {
		t.Fatalf("after editing flagged words: exit %d, %+v", r.code, got.Findings)
	}

	// A missing or broken baseline is a usage error.
	if r := runCheckCLI(t, nil, "check", "--baseline", "nope.json", "."); r.code != 2 || !strings.Contains(r.stderr, "--write-baseline") {
		t.Errorf("missing baseline: exit %d, %q", r.code, r.stderr)
	}
	writeFiles(t, dir, map[string]string{"bad.json": "[1,2]"})
	if r := runCheckCLI(t, nil, "check", "--baseline", "bad.json", "."); r.code != 2 {
		t.Errorf("broken baseline: exit %d, %q", r.code, r.stderr)
	}
}

func gitCmd(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"}, args...)...)
	cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
}

func TestChangedSince(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	t.Chdir(dir)
	t.Setenv("HOME", dir) // no user git config
	gitCmd(t, dir, "init", "-q", "-b", "main")
	writeFiles(t, dir, map[string]string{
		".healthlint.yaml":       testConfig,
		"committed.md":           "# C\n\nA miracle.\n",
		"staged.md":              "# S\n\nA miracle.\n",
		"docs/unstaged page.md":  "# U\n\nA miracle.\n\nCall 988.\n",
		"untouched.md":           "# T\n\nA miracle.\n",
		"notes.txt":              "not markdown\n",
		"docs/unstaged other.md": "# O\n\nCalm text.\n",
	})
	gitCmd(t, dir, "add", "-A")
	gitCmd(t, dir, "commit", "-q", "-m", "base")
	gitCmd(t, dir, "tag", "base")

	writeFiles(t, dir, map[string]string{"committed.md": "# C\n\nA miracle.\n\nA wonder drug.\n"})
	gitCmd(t, dir, "commit", "-q", "-am", "change")
	writeFiles(t, dir, map[string]string{"staged.md": "# S\n\nA miracle.\n\nStaged wonder drug.\n"})
	gitCmd(t, dir, "add", "staged.md")
	// Unstaged: the first finding stays on line 3, a new one on line 5;
	// the crisis line is removed, so the document-level finding appears.
	writeFiles(t, dir, map[string]string{"docs/unstaged page.md": "# U\n\nA miracle.\n\nA wonder drug.\n", "new.md": "# N\n\nA miracle.\n", "notes.txt": "changed\n"})

	r := runCheckCLI(t, nil, "check", "--format", "json", "--changed-since", "base")
	rep := parseJSON(t, r)
	paths := map[string]int{}
	for _, f := range rep.Findings {
		paths[f.Path]++
	}
	if rep.Files != 4 || paths["untouched.md"] != 0 || paths["committed.md"] != 3 || paths["staged.md"] != 3 || paths["docs/unstaged page.md"] != 3 || paths["new.md"] != 2 {
		t.Fatalf("--changed-since: %d files, findings by path %v\nstderr: %s", rep.Files, paths, r.stderr)
	}

	r = runCheckCLI(t, nil, "check", "--format", "json", "--changed-since", "base", "--changed-lines")
	rep = parseJSON(t, r)
	var got []string
	for _, f := range rep.Findings {
		got = append(got, f.Path+":"+f.Rule+":"+jsonNumber(f.Line))
	}
	sort.Strings(got)
	want := []string{
		"committed.md:house/miracle:5",
		"docs/unstaged page.md:house/crisis-line:1", // document-level, file changed
		"docs/unstaged page.md:house/miracle:5",
		"new.md:house/crisis-line:1", // untracked: every line is new
		"new.md:house/miracle:3",
		"staged.md:house/miracle:5",
		"committed.md:house/crisis-line:1",
		"staged.md:house/crisis-line:1",
	}
	sort.Strings(want)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("--changed-lines:\ngot  %q\nwant %q", got, want)
	}

	// Paths given on the command line still limit the run.
	r = runCheckCLI(t, nil, "check", "--format", "json", "--changed-since", "base", "docs")
	if rep := parseJSON(t, r); rep.Files != 1 {
		t.Errorf("--changed-since with docs/: %d files", rep.Files)
	}
	if r := runCheckCLI(t, nil, "check", "--changed-since", "no-such-ref"); r.code != 2 || !strings.Contains(r.stderr, "no-such-ref") {
		t.Errorf("unknown ref: exit %d, %q", r.code, r.stderr)
	}
	if r := runCheckCLI(t, nil, "check", "--changed-lines"); r.code != 2 || !strings.Contains(r.stderr, "--changed-since") {
		t.Errorf("--changed-lines alone: exit %d, %q", r.code, r.stderr)
	}
}

func jsonNumber(n int) string { b, _ := json.Marshal(n); return string(b) }

func TestShardUnion(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	files := map[string]string{".healthlint.yaml": testConfig}
	for i := 0; i < 25; i++ {
		files[filepath.ToSlash(filepath.Join("docs", string(rune('a'+i%5)), "page"+jsonNumber(i)+".md"))] = "# P\n\nA miracle. Call 988.\n"
	}
	writeFiles(t, dir, files)
	whole := parseJSON(t, runCheckCLI(t, nil, "check", "--format", "json", "."))
	if whole.Files != 25 || len(whole.Findings) != 25 {
		t.Fatalf("unsharded: %d files, %d findings", whole.Files, len(whole.Findings))
	}
	var union []string
	files2 := 0
	for _, s := range []string{"1/3", "2/3", "3/3"} {
		rep := parseJSON(t, runCheckCLI(t, nil, "check", "--format", "json", "--shard", s, "."))
		if rep.Files == 0 || rep.Files == 25 {
			t.Errorf("shard %s has %d of 25 files; the partition is lopsided", s, rep.Files)
		}
		files2 += rep.Files
		union = append(union, rep.keys()...)
		// The same shard twice is the same files.
		again := parseJSON(t, runCheckCLI(t, nil, "check", "--format", "json", "--shard", s, "."))
		if strings.Join(again.keys(), ",") != strings.Join(rep.keys(), ",") {
			t.Errorf("shard %s is not deterministic", s)
		}
	}
	sort.Strings(union)
	if files2 != 25 || strings.Join(union, "\n") != strings.Join(whole.keys(), "\n") {
		t.Errorf("the shards (%d files) do not add up to the unsharded run", files2)
	}
	for _, bad := range []string{"0/3", "4/3", "1/0", "x", "1/2/3"} {
		if r := runCheckCLI(t, nil, "check", "--shard", bad, "."); r.code != 2 || !strings.Contains(r.stderr, "--shard") {
			t.Errorf("--shard %s: exit %d, %q", bad, r.code, r.stderr)
		}
	}
}

func TestGitHubActionsDefaults(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeFiles(t, dir, map[string]string{
		".healthlint.yaml": testConfig,
		"a, b.md":          "# A\n\nA miracle: 100% sure. Call 988.\n",
	})
	summary := filepath.Join(dir, "summary.md")
	writeFiles(t, dir, map[string]string{"summary.md": "earlier step\n"})
	env := map[string]string{"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": summary,
		"GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "o/r", "GITHUB_SHA": "abc123"}
	r := runCheckCLI(t, env, "check", "--fail-on", "warning", ".")
	if r.code != 1 {
		t.Errorf("exit %d, want 1", r.code)
	}
	want := "::warning file=a%2C b.md,line=3,col=3,endLine=3,endColumn=10,title=house/miracle::\"miracle\" is a miracle claim; describe the evidence instead\n"
	if !strings.HasPrefix(r.stdout, want) {
		t.Errorf("GITHUB_ACTIONS=true without --format should print annotations:\n%s", r.stdout)
	}
	data, err := os.ReadFile(summary)
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	if !strings.HasPrefix(s, "earlier step\n## healthlint report") || !strings.Contains(s, "(https://github.com/o/r/blob/abc123/a%2C%20b.md#L3)") {
		t.Errorf("job summary not appended with line links:\n%s", s)
	}
	// An explicit format wins.
	r = runCheckCLI(t, env, "check", "--format", "json", ".")
	if !strings.HasPrefix(r.stdout, `{"tool":"healthlint"`) {
		t.Errorf("--format json on GitHub Actions printed:\n%s", r.stdout)
	}
}

func TestSeveralFormats(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeFiles(t, dir, map[string]string{
		".healthlint.yaml": testConfig,
		"page.md":          "# P\n\nA <b>miracle</b> & more. Call 988.\n",
	})
	r := runCheckCLI(t, nil, "check", "--format", "sarif=out.sarif", "--format", "html=out.html",
		"--format", "junit=out.xml", "--format", "checkstyle=cs.xml", "--format", "markdown=out.md", "--format", "text", ".")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if !strings.Contains(r.stdout, "page.md:3:6: warning:") {
		t.Errorf("text on stdout:\n%s", r.stdout)
	}
	var sarif struct {
		Version string `json:"version"`
		Runs    []struct {
			Results []struct {
				RuleID string `json:"ruleId"`
			} `json:"results"`
			Tool struct {
				Driver struct {
					Rules []struct {
						ID string `json:"id"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
		} `json:"runs"`
	}
	data, _ := os.ReadFile(filepath.Join(dir, "out.sarif"))
	if err := json.Unmarshal(data, &sarif); err != nil || sarif.Version != "2.1.0" || len(sarif.Runs[0].Results) != 1 {
		t.Fatalf("out.sarif: %v\n%s", err, data)
	}
	rules := sarif.Runs[0].Tool.Driver.Rules
	if rules[len(rules)-1].ID != "house/miracle" {
		t.Errorf("the custom rule has no descriptor: last rule %q", rules[len(rules)-1].ID)
	}
	page, _ := os.ReadFile(filepath.Join(dir, "out.html"))
	if !strings.Contains(string(page), "A &lt;b&gt;<mark class=\"hl sev-warning\" data-f=\"f1-1\" tabindex=\"0\">miracle</mark>&lt;/b&gt; &amp; more.") {
		t.Errorf("the HTML report does not show the page text escaped with the finding marked")
	}
	for _, f := range []string{"out.xml", "cs.xml", "out.md"} {
		if st, err := os.Stat(filepath.Join(dir, f)); err != nil || st.Size() == 0 {
			t.Errorf("%s not written: %v", f, err)
		}
	}
}

// The as-of date in a report comes from the config that governs the first
// file, also when the file is named by an absolute path from elsewhere.
func TestAsOfFromConfigOfAbsolutePath(t *testing.T) {
	site := t.TempDir()
	writeFiles(t, site, map[string]string{".healthlint.yaml": "as-of: 2025-03-01\n", "page.md": "# Page\n\nPlain text.\n"})
	for _, path := range []string{filepath.Join(site, "page.md"), "page.md"} {
		dir := t.TempDir() // no config here
		if path == "page.md" {
			dir = site
		}
		_, out, errOut := runCLI(t, dir, nil, "", "check", "--format", "json", "--fail-on", "never", path)
		if !strings.Contains(out, `"asOf":"2025-03-01"`) {
			t.Errorf("%s from %s: report does not carry the config's as-of date:\n%s\n%s", path, dir, out, errOut)
		}
	}
}
