package checker

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
)

// ApplyFixes applies the first fix of every finding that has one, in
// source order, skipping any fix whose edits overlap an edit already
// taken. It returns the new source and which findings were fixed.
func ApplyFixes(src []byte, findings []Finding) (out []byte, fixed []bool) {
	type candidate struct {
		idx   int
		edits []Edit
	}
	var cands []candidate
	for i, f := range findings {
		if len(f.Fixes) > 0 && len(f.Fixes[0].Edits) > 0 {
			edits := append([]Edit(nil), f.Fixes[0].Edits...)
			sort.Slice(edits, func(a, b int) bool { return edits[a].Start < edits[b].Start })
			cands = append(cands, candidate{i, edits})
		}
	}
	sort.SliceStable(cands, func(a, b int) bool { return cands[a].edits[0].Start < cands[b].edits[0].Start })
	fixed = make([]bool, len(findings))
	var taken []Edit
	for _, c := range cands {
		if !editsValid(src, c.edits) || overlapsAny(taken, c.edits) {
			continue
		}
		taken = append(taken, c.edits...)
		fixed[c.idx] = true
	}
	if len(taken) == 0 {
		return src, fixed
	}
	sort.Slice(taken, func(a, b int) bool { return taken[a].Start < taken[b].Start })
	var buf bytes.Buffer
	buf.Grow(len(src))
	last := 0
	for _, e := range taken {
		buf.Write(src[last:e.Start])
		buf.WriteString(e.NewText)
		last = e.End
	}
	buf.Write(src[last:])
	return buf.Bytes(), fixed
}

// maxFixPasses bounds FixAll. Each pass fixes every non-overlapping
// finding; more passes are needed only when a fix completes a new
// finding, which settles in two or three.
const maxFixPasses = 10

// FixAll applies fixes until the text stops changing: one fix can make
// another finding fixable (correcting "sucide" completes "failed suicide
// attempt"; of two overlapping fixes only one is applied per pass). It
// returns the final document with its findings and how many fixes were
// applied, so that a second --fix run has nothing left to do.
func (s *Settings) FixAll(doc *Document, findings []Finding) (*Document, []Finding, int, error) {
	count := 0
	for pass := 0; pass < maxFixPasses; pass++ {
		out, done := ApplyFixes(doc.Source, findings)
		n := 0
		for _, d := range done {
			if d {
				n++
			}
		}
		if n == 0 || bytes.Equal(out, doc.Source) {
			break
		}
		count += n
		doc = Parse(doc.Path, out)
		var err error
		if findings, _, err = s.Check(doc); err != nil {
			return doc, findings, count, err
		}
	}
	return doc, findings, count, nil
}

func editsValid(src []byte, edits []Edit) bool {
	prevEnd := -1
	for _, e := range edits {
		if e.Start < 0 || e.End < e.Start || e.End > len(src) || e.Start < prevEnd {
			return false
		}
		prevEnd = e.End
	}
	return true
}

// overlapsAny reports whether any edit in b overlaps or touches the same
// insertion point as an edit in a.
func overlapsAny(a, b []Edit) bool {
	for _, x := range a {
		for _, y := range b {
			if x.Start < y.End && y.Start < x.End || x.Start == y.Start {
				return true
			}
		}
	}
	return false
}

// WriteFileAtomic replaces path with data through a temporary file in the
// same directory and a rename, keeping the file's mode, so a crash leaves
// either the old file or the new one, never half of each.
func WriteFileAtomic(path string, data []byte) error {
	info, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("fix %s: %w", path, err)
	}
	if real, err := filepath.EvalSymlinks(path); err == nil {
		path = real // replace the target, not the link
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".healthlint-*")
	if err != nil {
		return fmt.Errorf("fix %s: cannot create a temporary file beside it: %w", path, err)
	}
	name := tmp.Name()
	cleanup := func() { tmp.Close(); os.Remove(name) }
	if _, err := tmp.Write(data); err != nil {
		cleanup()
		return fmt.Errorf("fix %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		cleanup()
		return fmt.Errorf("fix %s: %w", path, err)
	}
	if err := tmp.Chmod(info.Mode().Perm()); err != nil {
		cleanup()
		return fmt.Errorf("fix %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		os.Remove(name)
		return fmt.Errorf("fix %s: %w", path, err)
	}
	if err := os.Rename(name, path); err != nil {
		os.Remove(name)
		return fmt.Errorf("fix %s: %w", path, err)
	}
	return nil
}
