package checker

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
)

// DefaultMaxFileSize is the largest file checked unless --max-file-size
// says otherwise.
const DefaultMaxFileSize = 10 << 20

// MarkdownExtensions are the file extensions a directory walk picks up.
var MarkdownExtensions = []string{".md", ".markdown", ".mdx"}

// Input is one file to check.
type Input struct {
	// Path is the path as found (absolute or relative to the working
	// directory); Display is the path shown in reports.
	Path    string
	Display string
	// Stdin marks standard input; Data then holds its bytes.
	Stdin bool
	Data  []byte
}

// FileResult is everything healthlint learned about one file.
type FileResult struct {
	Input       Input
	Diagnostics []Diagnostic
	Topics      []string
	// Errors are problems that make the run exit 2 (unreadable file,
	// broken front matter, a rule crash); the rest was still checked.
	Errors []error
	// Notices are informational (skipped binary file, invalid UTF-8).
	Notices []string
	Skipped bool
	// Fix results: the new content when --fix or --diff changed something.
	Original, Fixed []byte
	FixedCount      int
	// Source is kept only when RunOptions.KeepSource is set (HTML report).
	Source []byte
}

// RunOptions control a check run.
type RunOptions struct {
	Workers     int   // 0: every core
	MaxFileSize int64 // 0: DefaultMaxFileSize
	// Fix computes fixed content for each file (the caller writes it).
	Fix bool
	// Recheck reports what is left after fixing (--fix) instead of the
	// findings on the file as it is (--diff).
	Recheck    bool
	KeepSource bool
}

// Collect expands paths into the Markdown files to check, sorted and
// without duplicates. Directories are walked recursively, skipping .git,
// node_modules and the ignore globs of the config that applies.
func Collect(paths []string, res *Resolver, cwd string) ([]Input, error) {
	seen := map[string]bool{}
	var out []Input
	add := func(p string) {
		abs := absPath(cwd, p)
		if seen[abs] {
			return
		}
		seen[abs] = true
		out = append(out, Input{Path: p, Display: DisplayPath(cwd, p)})
	}
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil, fmt.Errorf("%s: no such file or directory; check the path", p)
			}
			return nil, fmt.Errorf("%s: cannot read: %v", p, unwrapPathError(err))
		}
		if !info.IsDir() {
			add(p)
			continue
		}
		var walkErr error
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				if path == p {
					return err
				}
				walkErr = errors.Join(walkErr, fmt.Errorf("%s: %v", path, unwrapPathError(err)))
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			name := d.Name()
			if d.IsDir() {
				if path != p && (name == ".git" || name == "node_modules") {
					return fs.SkipDir
				}
				if path != p {
					if c, err := res.ConfigFor(absPath(cwd, path), true); err == nil && c.Ignored(absPath(cwd, path)) {
						return fs.SkipDir
					}
				}
				return nil
			}
			if !hasMarkdownExt(name) {
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 {
				// Follow links to files; a link to a directory is not
				// walked. A broken link or a loop is kept, so that
				// reading it reports the problem by name.
				if st, err := os.Stat(path); err == nil && st.IsDir() {
					return nil
				}
			} else if !d.Type().IsRegular() {
				return nil
			}
			abs := absPath(cwd, path)
			c, err := res.ConfigFor(abs, false)
			if err != nil {
				return err
			}
			if c.Ignored(abs) {
				return nil
			}
			add(path)
			return nil
		})
		if err != nil {
			return nil, err
		}
		if walkErr != nil {
			return nil, walkErr
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Display < out[j].Display })
	return out, nil
}

func hasMarkdownExt(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	for _, e := range MarkdownExtensions {
		if ext == e {
			return true
		}
	}
	return false
}

func absPath(cwd, p string) string {
	if filepath.IsAbs(p) {
		return filepath.Clean(p)
	}
	return filepath.Join(cwd, p)
}

// DisplayPath is p relative to cwd with forward slashes, or p itself
// (slashed) when it lies outside cwd.
func DisplayPath(cwd, p string) string {
	abs := absPath(cwd, p)
	if rel, err := filepath.Rel(cwd, abs); err == nil && !strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(p)
}

// Run checks inputs on every core and calls emit once per file, in input
// order, as soon as that file and all before it are done. Calls to emit
// never overlap, but they happen on the workers' goroutines: the worker
// that finishes the next file in order emits it. Memory stays bounded: a
// worker waits rather than run more than a window of files ahead of the
// last one emitted. After a failed emit (output closed, disk full) no
// further file is checked or emitted, and Run returns that error.
func Run(inputs []Input, res *Resolver, cwd string, opts RunOptions, emit func(*FileResult) error) error {
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	if opts.MaxFileSize <= 0 {
		opts.MaxFileSize = DefaultMaxFileSize
	}
	// Workers claim files from a counter and hand results over under a
	// mutex instead of through channels: a channel hand-off per file
	// parked and woke goroutines thousands of times a second, and cores
	// sat idle while the scheduler caught up (about 10% of a 2-core run).
	q := &orderedResults{emit: emit, ready: make([]*FileResult, workers*runWindowPerWorker)}
	q.more = sync.NewCond(&q.mu)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i, ok := q.claim(len(inputs))
				if !ok {
					return
				}
				q.done(i, checkOne(inputs[i], res, cwd, opts))
			}
		}()
	}
	wg.Wait()
	return q.err
}

// runWindowPerWorker is how many files each worker may be ahead of the
// writer. A slow file holds back the emission of every file after it, so
// the window is what the other workers can get done meanwhile.
const runWindowPerWorker = 16

// orderedResults hands files out in order and emits their results in the
// same order, whichever worker finishes them.
type orderedResults struct {
	emit func(*FileResult) error

	mu sync.Mutex
	// more is signalled when the window moves or the run stops.
	more *sync.Cond
	// claimed is the next file to hand out, emitted the next to emit.
	claimed, emitted int
	// ready holds finished results waiting for their turn, indexed by
	// file number modulo its length (the window).
	ready []*FileResult
	// emitting is set while a worker is emitting; the others leave their
	// results in ready for it.
	emitting bool
	err      error
}

// claim returns the next file to check, waiting while it is a window
// ahead of the writer; ok is false when there is nothing left to do.
func (q *orderedResults) claim(n int) (i int, ok bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for q.err == nil && q.claimed < n && q.claimed >= q.emitted+len(q.ready) {
		q.more.Wait()
	}
	if q.err != nil || q.claimed >= n {
		return 0, false
	}
	q.claimed++
	return q.claimed - 1, true
}

// done records file i's result and, unless another worker is at it,
// emits every result that is now next in order.
func (q *orderedResults) done(i int, r *FileResult) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.ready[i%len(q.ready)] = r
	if q.emitting {
		return
	}
	q.emitting = true
	for q.err == nil {
		slot := q.emitted % len(q.ready)
		next := q.ready[slot]
		if next == nil {
			break
		}
		q.ready[slot] = nil
		q.mu.Unlock()
		err := q.emit(next)
		q.mu.Lock()
		q.emitted++
		q.err = err
		q.more.Broadcast()
	}
	q.emitting = false
}

// checkOne reads, parses and checks one file. It never panics: a crash in
// a rule becomes an error on the file's result.
func checkOne(in Input, res *Resolver, cwd string, opts RunOptions) (r *FileResult) {
	r = &FileResult{Input: in}
	defer func() {
		if v := recover(); v != nil {
			r.Errors = append(r.Errors, fmt.Errorf("%s: internal error (please report it): %v", in.Display, v))
		}
	}()
	data := in.Data
	if !in.Stdin {
		// Open, then stat the open file: one path lookup instead of two.
		f, err := os.Open(in.Path)
		if err != nil {
			r.Errors = append(r.Errors, fmt.Errorf("%s: cannot read: %v", in.Display, unwrapPathError(err)))
			return r
		}
		defer f.Close()
		info, err := f.Stat()
		if err != nil {
			r.Errors = append(r.Errors, fmt.Errorf("%s: cannot read: %v", in.Display, unwrapPathError(err)))
			return r
		}
		if info.IsDir() {
			r.Errors = append(r.Errors, fmt.Errorf("%s: is a directory, not a Markdown file", in.Display))
			return r
		}
		if info.Size() > opts.MaxFileSize {
			r.Skipped = true
			r.Notices = append(r.Notices, fmt.Sprintf("%s: skipped: %d bytes is over --max-file-size (%d); raise the limit to check it", in.Display, info.Size(), opts.MaxFileSize))
			return r
		}
		data, err = readAll(io.LimitReader(f, opts.MaxFileSize+1), info.Size(), info.Mode().IsRegular())
		if err != nil {
			r.Errors = append(r.Errors, fmt.Errorf("%s: cannot read: %v", in.Display, unwrapPathError(err)))
			return r
		}
	}
	if looksBinary(data) {
		r.Skipped = true
		r.Notices = append(r.Notices, fmt.Sprintf("%s: skipped: binary file (contains NUL bytes)", in.Display))
		return r
	}
	abs := absPath(cwd, in.Path)
	settings, err := res.SettingsFor(abs)
	if err != nil {
		r.Errors = append(r.Errors, err)
		return r
	}
	doc := Parse(in.Display, data)
	parsed := doc
	if doc.InvalidUTF8 >= 0 {
		p := doc.Lines.Position(doc.InvalidUTF8)
		r.Notices = append(r.Notices, fmt.Sprintf("%s:%d:%d: invalid UTF-8; checked anyway, save the file as UTF-8", in.Display, p.Line, p.Column))
	}
	r.Errors = append(r.Errors, doc.Problems...)
	findings, topics, err := settings.Check(doc)
	if err != nil {
		r.Errors = append(r.Errors, fmt.Errorf("%s: %w", in.Display, err))
	}
	r.Topics = topics
	if r.Topics == nil {
		r.Topics = []string{}
	}
	if opts.Fix {
		fixedDoc, fixedFindings, count, err := settings.FixAll(doc, findings)
		if err != nil {
			r.Errors = append(r.Errors, fmt.Errorf("%s: %w", in.Display, err))
		}
		if count > 0 && !bytes.Equal(fixedDoc.Source, data) {
			r.Original, r.Fixed, r.FixedCount = data, fixedDoc.Source, count
			if opts.Recheck {
				// Report what is left, with positions in the file as it
				// now is.
				doc, findings = fixedDoc, fixedFindings
			}
		}
	}
	r.Diagnostics = Flatten(doc, in.Display, findings)
	if opts.KeepSource {
		r.Source = doc.Source
	}
	// The diagnostics hold nothing of the documents' prose (Flatten
	// copies what they share), so the next file can build on its arrays.
	parsed.Release()
	doc.Release()
	return r
}

// readAll is io.ReadAll for a reader expected to hold size bytes. It starts
// with room for all of them plus one, so a file that has not changed since
// it was statted is read into one allocation: io.ReadAll starts at 512
// bytes and grows by copying, which cost more than the reads on a large
// run. A file that grew meanwhile is still read in full.
//
// regular says r reads a regular file, where a read returns fewer bytes
// than asked for only at the end of the file: when the first read brings
// exactly the statted size, asking again only to be told EOF is a system
// call per file for nothing.
func readAll(r io.Reader, size int64, regular bool) ([]byte, error) {
	b := make([]byte, 0, size+1)
	for {
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err != nil {
			if err == io.EOF {
				err = nil
			}
			return b, err
		}
		if regular && n > 0 && int64(len(b)) == size {
			return b, nil
		}
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
	}
}
