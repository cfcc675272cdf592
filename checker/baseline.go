package checker

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
)

// BaselineVersion is the format version of baseline files.
const BaselineVersion = 1

// Baseline lists findings a project has accepted for now. A finding whose
// fingerprint is listed is not reported. Fingerprints are built from the
// rule, the path, the normalised flagged text and its occurrence index,
// so entries survive text moving to other lines but not edits to the
// flagged words. Rule, path and message are there for people reading the
// file.
type Baseline struct {
	Version  int             `json:"version"`
	Tool     string          `json:"tool"`
	Findings []BaselineEntry `json:"findings"`
	set      map[string]bool
}

// BaselineEntry is one accepted finding.
type BaselineEntry struct {
	Fingerprint string `json:"fingerprint"`
	Rule        string `json:"rule"`
	Path        string `json:"path"`
	Line        int    `json:"line"`
	Message     string `json:"message"`
}

// ReadBaseline reads a baseline file.
func ReadBaseline(path string) (*Baseline, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("baseline %s does not exist; create it with --write-baseline %s", path, path)
		}
		return nil, fmt.Errorf("reading baseline %s: %v", path, unwrapPathError(err))
	}
	var b Baseline
	if err := json.Unmarshal(data, &b); err != nil {
		return nil, fmt.Errorf("baseline %s is not a healthlint baseline (%v); write a new one with --write-baseline", path, err)
	}
	if b.Version != BaselineVersion {
		return nil, fmt.Errorf("baseline %s has version %d; this healthlint reads version %d, write a new one with --write-baseline", path, b.Version, BaselineVersion)
	}
	b.set = make(map[string]bool, len(b.Findings))
	for i, e := range b.Findings {
		if e.Fingerprint == "" {
			return nil, fmt.Errorf("baseline %s: entry %d has no fingerprint", path, i+1)
		}
		b.set[e.Fingerprint] = true
	}
	return &b, nil
}

// Contains reports whether the baseline accepts a fingerprint.
func (b *Baseline) Contains(fingerprint string) bool { return b != nil && b.set[fingerprint] }

// Filter removes the accepted findings from r and returns how many it
// removed.
func (b *Baseline) Filter(r *FileResult) int {
	if b == nil || len(r.Diagnostics) == 0 {
		return 0
	}
	kept := r.Diagnostics[:0]
	for _, d := range r.Diagnostics {
		if !b.Contains(d.Fingerprint) {
			kept = append(kept, d)
		}
	}
	n := len(r.Diagnostics) - len(kept)
	r.Diagnostics = kept
	return n
}

// BaselineWriter collects findings and writes them as a baseline.
type BaselineWriter struct {
	entries []BaselineEntry
}

// Add records every finding of a file.
func (w *BaselineWriter) Add(r *FileResult) {
	for _, d := range r.Diagnostics {
		w.entries = append(w.entries, BaselineEntry{Fingerprint: d.Fingerprint, Rule: d.Rule, Path: d.Path, Line: d.Line, Message: d.Message})
	}
}

// Len is the number of findings recorded.
func (w *BaselineWriter) Len() int { return len(w.entries) }

// Write writes the baseline, sorted by path, line and rule so that it
// diffs well under version control.
func (w *BaselineWriter) Write(path, tool string) error {
	entries := append([]BaselineEntry{}, w.entries...)
	sort.SliceStable(entries, func(i, j int) bool {
		a, b := entries[i], entries[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		return a.Fingerprint < b.Fingerprint
	})
	data, err := json.MarshalIndent(Baseline{Version: BaselineVersion, Tool: tool, Findings: entries}, "", "  ")
	if err != nil {
		return err
	}
	if err := writeNewFile(path, append(data, '\n')); err != nil {
		return fmt.Errorf("writing baseline %s: %v; check that its directory exists", path, unwrapPathError(err))
	}
	return nil
}

// writeNewFile writes data to path through a temporary file beside it,
// so a reader never sees half a file; path need not exist yet.
func writeNewFile(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".healthlint-*")
	if err != nil {
		return err
	}
	name := tmp.Name()
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(name)
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(name)
		return err
	}
	if err := os.Chmod(name, 0o644); err != nil {
		os.Remove(name)
		return err
	}
	if err := os.Rename(name, path); err != nil {
		os.Remove(name)
		return err
	}
	return nil
}
