package checker

import (
	"bytes"
	"errors"
	"io"
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
				got, err := readAll(newReader(text), size)
				if err != nil || !bytes.Equal(got, want) {
					t.Errorf("%s, %d bytes, size %d: got %d bytes, %v; want %d bytes", name, len(text), size, len(got), err, len(want))
				}
			}
		}
	}
	boom := errors.New("boom")
	got, err := readAll(io.MultiReader(strings.NewReader("abc"), iotest.ErrReader(boom)), 3)
	if string(got) != "abc" || err != boom {
		t.Errorf("read error: got %q, %v", got, err)
	}
}
