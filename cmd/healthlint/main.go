// Command healthlint checks health-content Markdown for unsupported medical
// claims, missing disclaimers and stale references.
package main

import (
	"io"
	"os"
	"time"

	// Sets the garbage collector's targets before the rules initialise.
	_ "github.com/healthlint/healthlint/cmd/healthlint/internal/gcpolicy"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "0.1.0-dev"

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv, time.Now))
}

// Exit codes.
const (
	exitClean    = 0 // no finding at or above --fail-on
	exitFindings = 1 // findings at or above --fail-on
	exitError    = 2 // usage, configuration or I/O error
)

// app carries what the commands need from the outside world, so tests can
// run the whole CLI in-process without touching globals.
type app struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	now            func() time.Time
	// exitCode is set by a command that finished with findings.
	exitCode int
}

// run executes the CLI and returns the process exit code.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string, now func() time.Time) int {
	a := &app{stdin: stdin, stdout: stdout, stderr: stderr, getenv: getenv, now: now}
	root := a.rootCommand()
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	if err := root.Execute(); err != nil {
		printError(stderr, err)
		return exitError
	}
	return a.exitCode
}
