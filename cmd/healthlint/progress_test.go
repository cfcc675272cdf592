package main

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestProgress(t *testing.T) {
	clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var buf bytes.Buffer
	a := &app{stderr: &buf, getenv: func(string) string { return "" }, now: func() time.Time { return clock }}
	// Standard error is not a terminal here: never a bar.
	if p := a.newProgress(100, false); p.active {
		t.Fatal("progress bar active on a buffer")
	}
	// Drawing, with the terminal check bypassed.
	p := &progress{w: &buf, now: func() time.Time { return clock }, total: 4, start: clock, active: true}
	p.step()
	if buf.Len() != 0 {
		t.Errorf("bar drawn before a second passed: %q", buf.String())
	}
	clock = clock.Add(2 * time.Second)
	p.step()
	if !strings.Contains(buf.String(), "checking [===============               ] 2/4 files") {
		t.Errorf("bar: %q", buf.String())
	}
	buf.Reset()
	p.clear()
	if buf.String() != "\r\033[K" || p.shown {
		t.Errorf("clear: %q", buf.String())
	}
}
