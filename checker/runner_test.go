package checker

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"
)

// readAll must return what io.ReadAll returns, whether or not the size it
// is given is right.
func TestReadAllMatchesIOReadAll(t *testing.T) {
	readers := map[string]func(string) io.Reader{
		"plain":    func(s string) io.Reader { return strings.NewReader(s) },
		"one byte": func(s string) io.Reader { return iotest.OneByteReader(strings.NewReader(s)) },
		"half":     func(s string) io.Reader { return iotest.HalfReader(strings.NewReader(s)) },
		"data+EOF": func(s string) io.Reader { return iotest.DataErrReader(strings.NewReader(s)) },
		"limited":  func(s string) io.Reader { return io.LimitReader(strings.NewReader(s), 700) },
	}
	for _, text := range []string{"", "x", strings.Repeat("healthlint ", 100)} {
		for name, newReader := range readers {
			for _, size := range []int64{0, 1, int64(len(text)) - 1, int64(len(text)), int64(len(text)) + 10} {
				if size < 0 {
					continue
				}
				want, _ := io.ReadAll(newReader(text))
				got, err := readAll(newReader(text), size, false)
				if err != nil || !bytes.Equal(got, want) {
					t.Errorf("%s, %d bytes, size %d: got %d bytes, %v; want %d bytes", name, len(text), size, len(got), err, len(want))
				}
			}
		}
	}
	boom := errors.New("boom")
	got, err := readAll(io.MultiReader(strings.NewReader("abc"), iotest.ErrReader(boom)), 3, false)
	if string(got) != "abc" || err != boom {
		t.Errorf("read error: got %q, %v", got, err)
	}
}

// On a regular file, readAll reads a file of the statted size with one
// read, and still reads all of one that grew or shrank since.
func TestReadAllRegularFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "page.md")
	text := strings.Repeat("healthlint ", 100)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, size := range []int64{int64(len(text)), int64(len(text)) - 7, int64(len(text)) + 7, 0} {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		r := &countingReader{r: f}
		got, err := readAll(r, size, true)
		f.Close()
		if err != nil || string(got) != text {
			t.Errorf("size %d: got %d bytes, %v; want %d", size, len(got), err, len(text))
		}
		if size == int64(len(text)) && r.reads != 1 {
			t.Errorf("size %d: %d reads, want 1", size, r.reads)
		}
	}
}

type countingReader struct {
	r     io.Reader
	reads int
}

func (c *countingReader) Read(p []byte) (int, error) {
	c.reads++
	return c.r.Read(p)
}

// runInputs are n pages held in memory, every third one much longer, so
// that workers finish them out of order.
func runInputs(dir string, n int) []Input {
	inputs := make([]Input, n)
	for i := range inputs {
		text := "# Page\n\nA miracle cure.\n"
		if i%3 == 0 {
			text += strings.Repeat("Some plain prose about a miracle cure.\n\n", 200)
		}
		name := "page" + strconv.Itoa(i) + ".md"
		inputs[i] = Input{Path: filepath.Join(dir, name), Display: name, Stdin: true, Data: []byte(text)}
	}
	return inputs
}

// Run emits every file once, in input order, whatever the number of
// workers.
func TestRunEmitsInInputOrder(t *testing.T) {
	dir := t.TempDir()
	inputs := runInputs(dir, 200)
	for _, workers := range []int{1, 3, 8} {
		r, err := NewResolver(testRegistry(), Flags{}, testAsOf)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		err = Run(inputs, r, dir, RunOptions{Workers: workers}, func(fr *FileResult) error {
			got = append(got, fr.Input.Display)
			if len(fr.Diagnostics) == 0 {
				t.Errorf("%d workers: %s: no findings", workers, fr.Input.Display)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(inputs) {
			t.Fatalf("%d workers: %d files emitted, want %d", workers, len(got), len(inputs))
		}
		for i, d := range got {
			if d != inputs[i].Display {
				t.Fatalf("%d workers: file %d emitted is %s, want %s", workers, i, d, inputs[i].Display)
			}
		}
	}
}

// After a failed emit, Run emits nothing more and returns the error.
func TestRunStopsAtEmitError(t *testing.T) {
	dir := t.TempDir()
	inputs := runInputs(dir, 200)
	r, err := NewResolver(testRegistry(), Flags{}, testAsOf)
	if err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	emitted := 0
	err = Run(inputs, r, dir, RunOptions{Workers: 4}, func(*FileResult) error {
		emitted++
		if emitted == 10 {
			return boom
		}
		return nil
	})
	if err != boom || emitted != 10 {
		t.Errorf("got %v after %d files emitted; want boom after 10", err, emitted)
	}
}
