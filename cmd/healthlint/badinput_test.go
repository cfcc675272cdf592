package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// Each bad input gets a clear message naming the file, no panic, and the
// exit code the README promises.
func TestBadInputs(t *testing.T) {
	type tc struct {
		name   string
		setup  func(t *testing.T, dir string) []string // returns args after "check"
		code   int
		stderr string // substring; "" means stderr must be empty
		stdout string
	}
	write := func(t *testing.T, path string, data []byte) {
		t.Helper()
		os.MkdirAll(filepath.Dir(path), 0o755)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cases := []tc{
		{"binary file", func(t *testing.T, d string) []string {
			write(t, filepath.Join(d, "logo.md"), []byte("PNG\x00\x01\x02 binary"))
			return []string{"."}
		}, exitClean, "logo.md: skipped: binary file", ""},
		{"invalid UTF-8", func(t *testing.T, d string) []string {
			write(t, filepath.Join(d, "latin1.md"), []byte("# Caf\xe9\n\n<!-- healthlint-disble x -- y -->\n"))
			return []string{"latin1.md"}
		}, exitClean, "latin1.md:1:6: invalid UTF-8; checked anyway", "latin1.md:3:1: warning"},
		{"over max file size", func(t *testing.T, d string) []string {
			write(t, filepath.Join(d, "big.md"), bytes.Repeat([]byte("word "), 300))
			return []string{"--max-file-size", "1000", "big.md"}
		}, exitClean, "big.md: skipped: 1500 bytes is over --max-file-size (1000)", ""},
		{"empty file", func(t *testing.T, d string) []string {
			write(t, filepath.Join(d, "empty.md"), nil)
			return []string{"empty.md"}
		}, exitClean, "", "1 file checked"},
		{"10 MB single line", func(t *testing.T, d string) []string {
			write(t, filepath.Join(d, "long.md"), bytes.Repeat([]byte("recovery is possible "), 10_000_000/21))
			return []string{"long.md"}
		}, exitClean, "", "1 file checked"},
		{"deep nesting", func(t *testing.T, d string) []string {
			var b strings.Builder
			for i := 0; i < 1000; i++ {
				b.WriteString(strings.Repeat("  ", i) + "- item\n")
			}
			b.WriteString("\n" + strings.Repeat(">", 1000) + " deep quote\n")
			write(t, filepath.Join(d, "deep.md"), []byte(b.String()))
			return []string{"deep.md"}
		}, exitClean, "", "1 file checked"},
		{"unterminated front matter", func(t *testing.T, d string) []string {
			write(t, filepath.Join(d, "fm.md"), []byte("\n---\n"))
			write(t, filepath.Join(d, "open.md"), []byte("---\ntitle: x\n# Body\n"))
			return []string{"open.md"}
		}, exitError, `open.md:1: front matter opened with "---" is never closed`, ""},
		{"front matter not a mapping", func(t *testing.T, d string) []string {
			write(t, filepath.Join(d, "list.md"), []byte("---\n- a\n- b\n---\n# Body\n"))
			return []string{"list.md"}
		}, exitError, "list.md:2: front matter must be a mapping", ""},
		{"toml front matter", func(t *testing.T, d string) []string {
			write(t, filepath.Join(d, "toml.md"), []byte("+++\ntitle = \"x\"\n+++\n# Body\n"))
			return []string{"toml.md"}
		}, exitError, "toml.md:1: TOML front matter (+++) is not supported", ""},
		{"symlink loop", func(t *testing.T, d string) []string {
			os.Symlink("loop.md", filepath.Join(d, "loop.md"))
			os.Symlink("..", filepath.Join(d, "up"))
			write(t, filepath.Join(d, "ok.md"), []byte("# fine\n"))
			return []string{"."}
		}, exitError, "loop.md: cannot read: too many levels of symbolic links", ""},
		{"directory named x.md", func(t *testing.T, d string) []string {
			write(t, filepath.Join(d, "x.md", "inner.md"), []byte("# inner\n"))
			return []string{"x.md"}
		}, exitClean, "", "1 file checked"},
		{"path does not exist", func(t *testing.T, d string) []string {
			return []string{"missing.md"}
		}, exitError, "missing.md: no such file or directory", ""},
		{"regex that does not compile", func(t *testing.T, d string) []string {
			write(t, filepath.Join(d, ".healthlint.yaml"), []byte("custom-rules:\n  - id: house/x\n    kind: phrase\n    phrases:\n      - regex: 'a(b'\n"))
			write(t, filepath.Join(d, "a.md"), []byte("# a\n"))
			return []string{"a.md"}
		}, exitError, `.healthlint.yaml:5: custom rule house/x: regex "a(b" does not compile`, ""},
		{"config extends itself", func(t *testing.T, d string) []string {
			write(t, filepath.Join(d, ".healthlint.yaml"), []byte("extends: .healthlint.yaml\n"))
			write(t, filepath.Join(d, "a.md"), []byte("# a\n"))
			return []string{"a.md"}
		}, exitError, "extends itself", ""},
		{"output directory missing", func(t *testing.T, d string) []string {
			write(t, filepath.Join(d, "a.md"), []byte("# a\n"))
			return []string{"--output", "no/dir/report.json", "a.md"}
		}, exitError, "cannot write the text report to no/dir/report.json", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			os.Mkdir(filepath.Join(dir, ".git"), 0o755)
			args := append([]string{"check", "--color", "never"}, c.setup(t, dir)...)
			code, out, errOut := runCLI(t, dir, nil, "", args...)
			if code != c.code {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", code, c.code, out, errOut)
			}
			if c.stderr == "" && errOut != "" {
				t.Errorf("unexpected stderr: %s", errOut)
			}
			if c.stderr != "" && !strings.Contains(errOut, c.stderr) {
				t.Errorf("stderr %q does not contain %q", errOut, c.stderr)
			}
			if !strings.Contains(out, c.stdout) {
				t.Errorf("stdout %q does not contain %q", out, c.stdout)
			}
			if strings.Contains(errOut+out, "panic") || strings.Contains(errOut, "goroutine ") {
				t.Errorf("panic output: %s", errOut)
			}
		})
	}
}

// failingReader returns some bytes, then an error: standard input closed
// under us.
type failingReader struct{ sent bool }

func (r *failingReader) Read(p []byte) (int, error) {
	if !r.sent {
		r.sent = true
		return copy(p, "# partial"), nil
	}
	return 0, errors.New("read /dev/stdin: input/output error")
}

func TestStdinClosedEarly(t *testing.T) {
	t.Chdir(t.TempDir())
	var out, errb bytes.Buffer
	code := run([]string{"check", "-"}, &failingReader{}, &out, &errb, func(string) string { return "" }, fixedNow)
	if code != exitError || !strings.Contains(errb.String(), "reading standard input") {
		t.Errorf("exit %d, stderr %q", code, errb.String())
	}
	// An empty, already-closed standard input is an empty document.
	code = run([]string{"check", "-"}, strings.NewReader(""), &out, &errb, func(string) string { return "" }, fixedNow)
	if code != exitClean {
		t.Errorf("empty stdin: exit %d", code)
	}
}

var (
	binaryOnce sync.Once
	binaryPath string
	binaryErr  error
)

// healthlintBinary builds the command once for tests that need a real
// process (to kill it, or to run it as another user).
func healthlintBinary(t *testing.T) string {
	t.Helper()
	binaryOnce.Do(func() {
		dir, err := os.MkdirTemp("", "healthlint-bin-")
		if err != nil {
			binaryErr = err
			return
		}
		os.Chmod(dir, 0o755)
		binaryPath = filepath.Join(dir, "healthlint")
		out, err := exec.Command("go", "build", "-o", binaryPath, ".").CombinedOutput()
		if err != nil {
			binaryErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binaryErr != nil {
		t.Fatal(binaryErr)
	}
	return binaryPath
}

func TestPermissionDenied(t *testing.T) {
	dir := t.TempDir()
	os.Chmod(dir, 0o755)
	os.Chmod(filepath.Dir(dir), 0o755) // let another user reach the file itself
	secret := filepath.Join(dir, "secret.md")
	if err := os.WriteFile(secret, []byte("# secret\n"), 0o000); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(healthlintBinary(t), "check", secret)
	if os.Geteuid() == 0 {
		// Root reads everything; run as nobody to see the error a user sees.
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != exitError {
		t.Fatalf("want exit 2, got %v; stderr %s", err, stderr.String())
	}
	if !strings.Contains(stderr.String(), "secret.md: cannot read: permission denied") {
		t.Errorf("stderr: %s", stderr.String())
	}
}

// TestFixIsAtomicUnderKill kills healthlint in the middle of --fix and
// checks that every file is either the old text or the new text, never a
// mix or a truncation.
func TestFixIsAtomicUnderKill(t *testing.T) {
	bin := healthlintBinary(t)
	old := []byte(strings.Repeat("Our rehab facility helps people. We call it a rehab facility.\n\n", 400))
	want := bytes.ReplaceAll(old, []byte("rehab facility"), []byte("treatment centre"))
	rng := rand.New(rand.NewPCG(1, 2))
	for round := 0; round < 5; round++ {
		dir := t.TempDir()
		os.Mkdir(filepath.Join(dir, ".git"), 0o755)
		os.WriteFile(filepath.Join(dir, ".healthlint.yaml"), []byte("custom-rules:\n  - id: house/slang\n    kind: phrase\n    phrases:\n      - text: rehab facility\n        replace: treatment centre\n"), 0o644)
		const files = 300
		for i := 0; i < files; i++ {
			os.WriteFile(filepath.Join(dir, fmt.Sprintf("p%03d.md", i)), old, 0o640)
		}
		cmd := exec.Command(bin, "check", "--fix", "--quiet", "--fail-on", "never", ".")
		cmd.Dir = dir
		cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(5+rng.IntN(60)) * time.Millisecond)
		cmd.Process.Kill()
		cmd.Wait()
		changed := 0
		for i := 0; i < files; i++ {
			p := filepath.Join(dir, fmt.Sprintf("p%03d.md", i))
			got, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case bytes.Equal(got, old):
			case bytes.Equal(got, want):
				changed++
				if info, _ := os.Stat(p); info.Mode().Perm() != 0o640 {
					t.Errorf("%s: mode %v not kept", p, info.Mode().Perm())
				}
			default:
				t.Fatalf("round %d: %s is neither old nor new (%d bytes)", round, p, len(got))
			}
		}
		leftovers, _ := filepath.Glob(filepath.Join(dir, ".*.healthlint-*"))
		t.Logf("round %d: %d of %d files fixed before the kill, %d temporary files left", round, changed, files, len(leftovers))
	}
}
