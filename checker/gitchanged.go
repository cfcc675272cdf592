package checker

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

// GitChanges are the files and lines of a git work tree that changed
// since a ref: everything committed since the merge base of the ref and
// HEAD, plus staged and unstaged changes and untracked files (which
// count as changed throughout). It backs --changed-since and
// --changed-lines.
type GitChanges struct {
	Root  string // the repository's top level
	Base  string // the merge-base commit
	files map[string]*changedFile
}

type changedFile struct {
	all   bool // untracked, or added wholesale
	lines map[int]bool
}

// git runs git in dir and returns its standard output.
func git(dir string, args ...string) ([]byte, error) {
	cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return nil, fmt.Errorf("git %s: %s", strings.Join(args, " "), strings.TrimSpace(stderr.String()))
		}
		return nil, fmt.Errorf("cannot run git (%v); install git to use --changed-since", err)
	}
	return out, nil
}

// GitChangedSince finds what changed in the repository holding dir since
// ref (a branch, tag or commit).
func GitChangedSince(dir, ref string) (*GitChanges, error) {
	top, err := git(dir, "rev-parse", "--show-toplevel")
	if err != nil {
		return nil, fmt.Errorf("--changed-since needs a git repository: %v", err)
	}
	root := filepath.Clean(strings.TrimSpace(string(top)))
	base, err := git(root, "merge-base", ref, "HEAD")
	if err != nil {
		return nil, fmt.Errorf("--changed-since %s: no common ancestor with HEAD (%v); check the ref exists here (in CI, fetch history, e.g. actions/checkout with fetch-depth: 0)", ref, err)
	}
	c := &GitChanges{Root: root, Base: strings.TrimSpace(string(base)), files: map[string]*changedFile{}}

	// The work tree against the merge base: committed, staged and
	// unstaged changes at once. Deleted files have nothing to check.
	diff, err := git(root, "-c", "core.quotepath=off", "diff", "-U0", "--no-color", "--no-ext-diff",
		"--src-prefix=a/", "--dst-prefix=b/", "--diff-filter=d", c.Base, "--")
	if err != nil {
		return nil, err
	}
	if err := c.parseDiff(diff); err != nil {
		return nil, err
	}
	untracked, err := git(root, "ls-files", "-z", "--others", "--exclude-standard")
	if err != nil {
		return nil, err
	}
	for _, p := range strings.Split(string(untracked), "\x00") {
		if p != "" {
			c.files[c.abs(p)] = &changedFile{all: true}
		}
	}
	return c, nil
}

func (c *GitChanges) abs(rel string) string { return filepath.Join(c.Root, filepath.FromSlash(rel)) }

// parseDiff reads the new-side line numbers of every hunk of a -U0 diff.
func (c *GitChanges) parseDiff(diff []byte) error {
	var cur *changedFile
	sc := bufio.NewScanner(bytes.NewReader(diff))
	sc.Buffer(make([]byte, 64<<10), 64<<20)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "diff --git "):
			cur = nil
		case strings.HasPrefix(line, "+++ "):
			// git ends the name with a tab when it contains a space.
			name := strings.TrimSuffix(strings.TrimPrefix(line, "+++ "), "\t")
			if strings.HasPrefix(name, "\"") {
				// git quotes names with unusual characters, C style.
				if u, err := strconv.Unquote(name); err == nil {
					name = u
				}
			}
			if name == "/dev/null" || !strings.HasPrefix(name, "b/") {
				cur = nil
				continue
			}
			cur = &changedFile{lines: map[int]bool{}}
			c.files[c.abs(strings.TrimPrefix(name, "b/"))] = cur
		case strings.HasPrefix(line, "@@ ") && cur != nil:
			// @@ -a[,b] +c[,d] @@
			fields := strings.Fields(line)
			if len(fields) < 3 || !strings.HasPrefix(fields[2], "+") {
				return fmt.Errorf("--changed-since: cannot read git hunk header %q", line)
			}
			start, count := fields[2][1:], "1"
			if i := strings.IndexByte(start, ','); i >= 0 {
				start, count = start[:i], start[i+1:]
			}
			s, err1 := strconv.Atoi(start)
			n, err2 := strconv.Atoi(count)
			if err1 != nil || err2 != nil {
				return fmt.Errorf("--changed-since: cannot read git hunk header %q", line)
			}
			for l := s; l < s+n; l++ {
				cur.lines[l] = true
			}
		}
	}
	return sc.Err()
}

func (c *GitChanges) lookup(cwd, path string) *changedFile {
	abs := absPath(cwd, path)
	if f, ok := c.files[abs]; ok {
		return f
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		return c.files[real]
	}
	return nil
}

// Files returns how many files changed.
func (c *GitChanges) Files() int { return len(c.files) }

// Changed reports whether the file at path (relative to cwd) changed.
func (c *GitChanges) Changed(cwd, path string) bool { return c.lookup(cwd, path) != nil }

// Select keeps the inputs that changed. Standard input is always kept:
// it was given on purpose.
func (c *GitChanges) Select(inputs []Input, cwd string) []Input {
	var out []Input
	for _, in := range inputs {
		if in.Stdin || c.Changed(cwd, in.Path) {
			out = append(out, in)
		}
	}
	return out
}

// FilterLines keeps the findings of r that touch a changed line, plus
// its document-level findings (about the file as a whole), and returns
// how many it dropped.
func (c *GitChanges) FilterLines(r *FileResult, cwd string) int {
	if r.Input.Stdin || len(r.Diagnostics) == 0 {
		return 0
	}
	f := c.lookup(cwd, r.Input.Path)
	if f != nil && f.all {
		return 0
	}
	kept := r.Diagnostics[:0]
	for _, d := range r.Diagnostics {
		keep := f != nil && d.Document
		for l := d.Line; !keep && f != nil && l <= max(d.Line, d.EndLine); l++ {
			keep = f.lines[l]
		}
		if keep {
			kept = append(kept, d)
		}
	}
	n := len(r.Diagnostics) - len(kept)
	r.Diagnostics = kept
	return n
}
