package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/mattn/go-isatty"
)

// progress draws a one-line progress bar on standard error for runs that
// take more than a second, and only on a terminal outside CI: never when
// standard error is a file or pipe, when CI is set, or with --quiet. The
// caller clears it before writing anything else to the terminal.
type progress struct {
	w      io.Writer
	now    func() time.Time
	total  int
	done   int
	start  time.Time
	last   time.Time
	shown  bool
	active bool
}

const (
	progressDelay = time.Second
	progressEvery = 100 * time.Millisecond
	progressWidth = 30
)

func (a *app) newProgress(total int, quiet bool) *progress {
	p := &progress{w: a.stderr, now: a.now, total: total, start: a.now()}
	f, ok := a.stderr.(*os.File)
	p.active = ok && !quiet && total > 1 && a.getenv("CI") == "" &&
		(isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
	return p
}

// clear removes the bar so other output starts on a clean line.
func (p *progress) clear() {
	if p.shown {
		fmt.Fprint(p.w, "\r\033[K")
		p.shown = false
	}
}

// step counts one finished file and redraws the bar when due.
func (p *progress) step() {
	p.done++
	if !p.active {
		return
	}
	t := p.now()
	if t.Sub(p.start) < progressDelay || (t.Sub(p.last) < progressEvery && p.done < p.total) {
		return
	}
	p.last = t
	filled := progressWidth * p.done / p.total
	fmt.Fprintf(p.w, "\r\033[Kchecking [%s%s] %d/%d files", strings.Repeat("=", filled), strings.Repeat(" ", progressWidth-filled), p.done, p.total)
	p.shown = true
}
