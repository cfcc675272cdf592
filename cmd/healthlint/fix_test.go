package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The -update flag refreshes golden files: go test ./... -update. It is
// registered once for the package, whichever test file gets there first.
var _ = func() bool {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite .golden files with the current output")
	}
	return true
}()

func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// fixPages are the files the CLI fix test works on.
var fixPages = map[string]string{
	"plans.md": "# Plans\n\nWe accept Aetna, Beacon Health Options and TRICARE Standard.\n\n" +
		"We are in-network with Friday Health Plans.\n\nTeh clinic treats withdrawl. Her brother committed suicide.\n",
	"crlf.md":  "# CRLF\r\n\r\nCall the National Suicide Prevention Lifeline.\r\n\r\nWe accept Beacon Health\r\nOptions.\r\n",
	"clean.md": "# Clean\n\nWe accept Aetna and Carelon Behavioral Health.\n",
}

// fixArgs keep the test to the rules that offer these fixes, so that rules
// added later do not change its output.
var fixArgs = []string{"--as-of", "2026-11-26", "--color", "never",
	"--disable", "claims/*", "--disable", "marketing/*", "--disable", "disclosure/*", "--disable", "healthlint/*"}

func writeFixPages(t *testing.T) (string, time.Time) {
	t.Helper()
	dir := t.TempDir()
	old := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
	for name, body := range fixPages {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, old, old); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Chmod(filepath.Join(dir, "plans.md"), 0o640); err != nil {
		t.Fatal(err)
	}
	// A config at the top stops the search for one in the parents.
	if err := os.WriteFile(filepath.Join(dir, ".healthlint.yaml"), []byte("rules: {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, old
}

func runFixCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	now := func() time.Time { return time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC) }
	code := run(args, strings.NewReader(""), &out, &errb, func(string) string { return "" }, now)
	return code, out.String(), errb.String()
}

func TestCheckDiffWritesNothing(t *testing.T) {
	dir, old := writeFixPages(t)
	t.Chdir(dir)
	code, out, stderr := runFixCLI(t, append([]string{"check", "--diff"}, append(fixArgs, ".")...)...)
	if code != 1 {
		t.Errorf("exit %d, want 1 (Friday Health Plans is an error); stderr %s", code, stderr)
	}
	for name, body := range fixPages {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != body {
			t.Errorf("--diff changed %s", name)
		}
		if st, _ := os.Stat(filepath.Join(dir, name)); !st.ModTime().Equal(old) {
			t.Errorf("--diff touched %s", name)
		}
	}
	golden := filepath.Join(testdataDir(t), "fix", "cli-diff.golden")
	if updating() {
		if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/healthlint -update)", err)
	}
	if out != string(want) {
		t.Errorf("--diff output differs from %s:\n%s", golden, out)
	}
}

func TestCheckFixInPlace(t *testing.T) {
	dir, old := writeFixPages(t)
	t.Chdir(dir)
	code, out, stderr := runFixCLI(t, append([]string{"check", "--fix"}, append(fixArgs, ".")...)...)
	if code != 1 {
		t.Errorf("exit %d, want 1 for the error left (Friday Health Plans); stderr %s", code, stderr)
	}
	for _, want := range []string{"plans.md: fixed 5 finding(s)", "crlf.md: fixed 2 finding(s)", "7 fixed", "left the market"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	plans, _ := os.ReadFile(filepath.Join(dir, "plans.md"))
	wantPlans := "# Plans\n\nWe accept Aetna, Carelon Behavioral Health and TRICARE Select.\n\n" +
		"We are in-network with Friday Health Plans.\n\nThe clinic treats withdrawal. Her brother died by suicide.\n"
	if string(plans) != wantPlans {
		t.Errorf("plans.md:\n%s", plans)
	}
	if st, _ := os.Stat(filepath.Join(dir, "plans.md")); st.Mode().Perm() != 0o640 {
		t.Errorf("mode %v not kept", st.Mode().Perm())
	}
	crlf, _ := os.ReadFile(filepath.Join(dir, "crlf.md"))
	if bytes.Count(crlf, []byte("\n")) != bytes.Count(crlf, []byte("\r\n")) || !bytes.Contains(crlf, []byte("988 Suicide & Crisis Lifeline")) {
		t.Errorf("crlf.md: %q", crlf)
	}
	if st, _ := os.Stat(filepath.Join(dir, "clean.md")); !st.ModTime().Equal(old) {
		t.Error("clean.md has nothing to fix but was rewritten")
	}
	// A second run changes nothing and touches nothing.
	stamp := time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)
	for name := range fixPages {
		os.Chtimes(filepath.Join(dir, name), stamp, stamp)
	}
	_, out, _ = runFixCLI(t, append([]string{"check", "--fix"}, append(fixArgs, ".")...)...)
	if strings.Contains(out, "fixed") {
		t.Errorf("second --fix run fixed something:\n%s", out)
	}
	for name := range fixPages {
		if st, _ := os.Stat(filepath.Join(dir, name)); !st.ModTime().Equal(stamp) {
			t.Errorf("second --fix run rewrote %s", name)
		}
	}
}

// testdataDir is the repository's testdata directory, found from this
// package's directory before a test changes the working directory.
var testdataRoot = func() string {
	wd, _ := os.Getwd()
	return filepath.Join(wd, "..", "..", "testdata")
}()

func testdataDir(t *testing.T) string {
	t.Helper()
	return testdataRoot
}
