package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/mattn/go-isatty"
	"github.com/pmezard/go-difflib/difflib"
	"github.com/spf13/cobra"

	"github.com/healthlint/healthlint/checker"
	"github.com/healthlint/healthlint/checker/report"
	"github.com/healthlint/healthlint/cmd/healthlint/internal/gcpolicy"
	"github.com/healthlint/healthlint/rules"
)

// checkOptions are the flags of `healthlint check`.
type checkOptions struct {
	formats       []string
	output        string
	failOn        string
	color         string
	asOf          string
	enable        []string
	disable       []string
	config        string
	quiet         bool
	stdinFilename string
	maxFileSize   int64
	fix           bool
	diff          bool
	workers       int
	baseline      string
	writeBaseline string
	changedSince  string
	changedLines  bool
	shard         string
}

func (a *app) checkCommand() *cobra.Command {
	var o checkOptions
	cmd := &cobra.Command{
		Use:   "check [PATH...]",
		Short: "Check Markdown files and directories (default: the current directory)",
		Long: `Check Markdown files. Directories are walked recursively for .md, .markdown
and .mdx files, skipping .git, node_modules and the config's ignore globs.
Use - to read standard input (name it with --stdin-filename).

Each file uses the nearest .healthlint.yaml in its directory or a parent (up to
the repository root); without one, the embedded defaults apply.`,
		Example: `  healthlint check docs/
  healthlint check --format json --output report.json content/
  healthlint check --fail-on warning --as-of 2026-01-01 page.md
  healthlint check --format sarif=healthlint.sarif --format text docs/
  healthlint check --changed-since origin/main --changed-lines --baseline .healthlint-baseline.json
  healthlint check --shard 2/4 content/
  cat page.md | healthlint check --stdin-filename page.md -`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.check(cmd, args, &o)
		},
	}
	f := cmd.Flags()
	f.StringArrayVar(&o.formats, "format", nil, "output format: "+strings.Join(report.Names(), ", ")+"; repeat it, and write one to a file with FORMAT=FILE")
	f.StringVarP(&o.output, "output", "o", "", "write the report to FILE instead of standard output")
	f.StringVar(&o.failOn, "fail-on", "error", "exit 1 when a finding is at or above this severity: error, warning, info or never")
	f.StringVar(&o.color, "color", "auto", "colour the text output: auto, always or never (NO_COLOR is honoured)")
	f.StringVar(&o.asOf, "as-of", "", "date (YYYY-MM-DD) used by every freshness rule (default: config as-of, else today)")
	f.StringArrayVar(&o.enable, "enable", nil, "enable a rule (or category/*); repeatable")
	f.StringArrayVar(&o.disable, "disable", nil, "disable a rule (or category/*); repeatable")
	f.StringVar(&o.config, "config", "", "apply this config file to every file instead of the nearest .healthlint.yaml")
	f.BoolVarP(&o.quiet, "quiet", "q", false, "print findings only: no summary line and no notices")
	f.StringVar(&o.stdinFilename, "stdin-filename", "", "the name shown for standard input (-), also used to find its config")
	f.Int64Var(&o.maxFileSize, "max-file-size", checker.DefaultMaxFileSize, "skip files larger than this many bytes, with a notice")
	f.BoolVar(&o.fix, "fix", false, "apply safe automatic fixes in place, then report what is left")
	f.BoolVar(&o.diff, "diff", false, "print a unified diff of what --fix would change; write nothing")
	f.IntVarP(&o.workers, "jobs", "j", 0, "files checked in parallel (default: every core)")
	f.StringVar(&o.baseline, "baseline", "", "do not report findings whose fingerprint is in this baseline FILE")
	f.StringVar(&o.writeBaseline, "write-baseline", "", "write every finding of this run to a baseline FILE (the run then exits 0 unless errors occur)")
	f.StringVar(&o.changedSince, "changed-since", "", "check only Markdown files changed since this git REF (committed, staged, unstaged, untracked)")
	f.BoolVar(&o.changedLines, "changed-lines", false, "with --changed-since, report only findings on changed lines (and document-level findings of changed files)")
	f.StringVar(&o.shard, "shard", "", "check only shard I of N (I/N), a deterministic partition of the files by path hash, for CI matrices")
	return cmd
}

// formatSpec is one --format value: a format and where it goes.
type formatSpec struct {
	format report.Format
	path   string // "" for standard output
}

func (a *app) parseFormats(o *checkOptions) ([]formatSpec, error) {
	values := o.formats
	if len(values) == 0 {
		values = []string{"text"}
		if a.getenv("GITHUB_ACTIONS") == "true" {
			values = []string{"github"}
		}
	}
	var specs []formatSpec
	toStdout := 0
	for _, v := range values {
		name, path, _ := strings.Cut(v, "=")
		f, err := report.Lookup(name)
		if err != nil {
			return nil, err
		}
		if path == "" {
			path = o.output
		}
		if path == "" {
			toStdout++
		}
		specs = append(specs, formatSpec{f, path})
	}
	if toStdout > 1 {
		return nil, errors.New("more than one --format writes to standard output; give the others a file with FORMAT=FILE")
	}
	return specs, nil
}

func (a *app) check(cmd *cobra.Command, args []string, o *checkOptions) error {
	start := a.now()
	failOn, err := parseFailOn(o.failOn)
	if err != nil {
		return err
	}
	useColor, err := a.useColor(o.color)
	if err != nil {
		return err
	}
	if o.fix && o.diff {
		return errors.New("--fix and --diff cannot be used together: --diff previews, --fix writes")
	}
	flags := checker.Flags{Enable: o.enable, Disable: o.disable, ConfigPath: o.config}
	if o.asOf != "" {
		t, err := time.Parse(time.DateOnly, o.asOf)
		if err != nil {
			return fmt.Errorf("--as-of %q is not a date; use YYYY-MM-DD", o.asOf)
		}
		flags.AsOf = t
	}
	today := a.now().UTC()
	today = time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)
	reg := rules.Registry()
	resolver, err := checker.NewResolver(reg, flags, today)
	if err != nil {
		return err
	}
	cwd, err := os.Getwd()
	if err != nil {
		return err
	}
	inputs, err := a.inputs(args, o, resolver, cwd)
	if err != nil {
		return err
	}
	sel, err := a.selectInputs(o, inputs, cwd)
	if err != nil {
		return err
	}
	inputs = sel.inputs
	specs, err := a.parseFormats(o)
	if err != nil {
		return err
	}

	// The as-of date shown in reports is the one of the first file's
	// settings (every file's, unless configs disagree).
	asOf := today
	if len(inputs) > 0 {
		first := inputs[0].Path
		if !filepath.IsAbs(first) {
			first = filepath.Join(cwd, first)
		}
		if s, err := resolver.SettingsFor(first); err == nil {
			asOf = s.AsOf
		} else {
			return err
		}
	} else if !flags.AsOf.IsZero() {
		asOf = flags.AsOf
	}
	meta := report.Meta{Tool: "healthlint", Version: version, AsOf: asOf, Rules: reg.Rules,
		Color: useColor, Quiet: o.quiet, InformationURI: "https://github.com/healthlint/healthlint",
		LinkBase: a.githubLinkBase()}

	var reporters report.Multi
	var closers []io.Closer
	keepSource := false
	for _, s := range specs {
		w := a.stdout
		if o.diff && s.path == "" && len(o.formats) == 0 {
			continue // --diff alone: the diff is the output
		}
		if s.path != "" {
			f, err := os.Create(s.path)
			if err != nil {
				return fmt.Errorf("cannot write the %s report to %s: %v; check that its directory exists", s.format.Name, s.path, unwrap(err))
			}
			closers = append(closers, f)
			w = f
		}
		m := meta
		if w != a.stdout {
			m.Color = false
		}
		reporters = append(reporters, s.format.New(w, m))
		keepSource = keepSource || s.format.NeedsSource
		if s.format.Name == "github" {
			// On GitHub Actions the Markdown summary also goes to the job
			// summary page.
			if path := a.getenv("GITHUB_STEP_SUMMARY"); path != "" {
				f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
				if err != nil {
					return fmt.Errorf("cannot append the job summary to GITHUB_STEP_SUMMARY (%s): %v", path, unwrap(err))
				}
				closers = append(closers, f)
				m.Color = false
				reporters = append(reporters, report.NewMarkdown(f, m))
			}
		}
	}

	summary := report.NewSummary()
	var runErrs []error
	var baselineOut checker.BaselineWriter
	hidden := 0
	bar := a.newProgress(len(inputs), o.quiet)
	toStdout := false
	for _, s := range specs {
		toStdout = toStdout || s.path == ""
	}
	opts := checker.RunOptions{Workers: o.workers, MaxFileSize: o.maxFileSize, Fix: o.fix || o.diff, Recheck: o.fix, KeepSource: keepSource}
	gcpolicy.Steady()
	err = checker.Run(inputs, resolver, cwd, opts, func(r *checker.FileResult) error {
		defer bar.step()
		// Clear the bar only before something reaches the terminal.
		if len(r.Errors) > 0 || (len(r.Notices) > 0 && !o.quiet) || (r.Fixed != nil && (o.diff || r.Input.Stdin)) ||
			(toStdout && len(r.Diagnostics) > 0) {
			bar.clear()
		}
		if o.changedLines {
			sel.changes.FilterLines(r, cwd)
		}
		if o.writeBaseline != "" {
			baselineOut.Add(r)
		}
		hidden += sel.baseline.Filter(r)
		for _, e := range r.Errors {
			runErrs = append(runErrs, e)
			printError(a.stderr, e)
		}
		if !o.quiet {
			for _, n := range r.Notices {
				fmt.Fprintf(a.stderr, "healthlint: %s\n", n)
			}
		}
		if r.Fixed != nil {
			switch {
			case o.diff:
				if err := writeDiff(a.stdout, r); err != nil {
					return err
				}
			case o.fix && !r.Input.Stdin:
				if err := checker.WriteFileAtomic(r.Input.Path, r.Fixed); err != nil {
					runErrs = append(runErrs, err)
					printError(a.stderr, err)
				}
			case o.fix && r.Input.Stdin:
				// Standard input cannot be fixed in place; print the result.
				if _, err := a.stdout.Write(r.Fixed); err != nil {
					return err
				}
			}
		}
		summary.Add(r)
		return reporters.File(r)
	})
	bar.clear()
	summary.Elapsed = a.now().Sub(start)
	if err == nil {
		err = reporters.Finish(summary)
	}
	for _, c := range closers {
		if cerr := c.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		return fmt.Errorf("writing the report: %w", err)
	}
	if !o.quiet {
		if hidden > 0 {
			fmt.Fprintf(a.stderr, "healthlint: %d findings not reported: they are in the baseline %s\n", hidden, o.baseline)
		}
		if sel.changes != nil {
			fmt.Fprintf(a.stderr, "healthlint: --changed-since %s: %d changed Markdown files to check\n", o.changedSince, len(inputs))
		}
	}
	if o.writeBaseline != "" {
		if err := baselineOut.Write(o.writeBaseline, "healthlint"); err != nil {
			return err
		}
		if !o.quiet {
			fmt.Fprintf(a.stderr, "healthlint: wrote %d findings to the baseline %s\n", baselineOut.Len(), o.writeBaseline)
		}
	}
	if len(runErrs) > 0 {
		return errReported
	}
	if o.writeBaseline != "" {
		return nil // the findings were just accepted
	}
	if failOn != checker.SeverityOff && countAtOrAbove(summary, failOn) > 0 {
		a.exitCode = exitFindings
	}
	return nil
}

// selection is what --changed-since, --shard and --baseline leave to
// check and report.
type selection struct {
	inputs   []checker.Input
	changes  *checker.GitChanges // nil without --changed-since
	baseline *checker.Baseline   // nil without --baseline
}

func (a *app) selectInputs(o *checkOptions, inputs []checker.Input, cwd string) (selection, error) {
	sel := selection{inputs: inputs}
	if o.changedLines && o.changedSince == "" {
		return sel, errors.New("--changed-lines needs --changed-since REF: the lines changed since which ref?")
	}
	if o.changedSince != "" {
		changes, err := checker.GitChangedSince(cwd, o.changedSince)
		if err != nil {
			return sel, err
		}
		sel.changes = changes
		sel.inputs = changes.Select(sel.inputs, cwd)
	}
	if o.shard != "" {
		shard, err := checker.ParseShard(o.shard)
		if err != nil {
			return sel, err
		}
		sel.inputs = shard.Select(sel.inputs)
	}
	if o.baseline != "" {
		b, err := checker.ReadBaseline(o.baseline)
		if err != nil {
			return sel, err
		}
		sel.baseline = b
	}
	return sel, nil
}

// githubLinkBase is the blob URL of the commit being checked on GitHub
// Actions, so Markdown and HTML reports link to the exact lines.
func (a *app) githubLinkBase() string {
	server, repo, sha := a.getenv("GITHUB_SERVER_URL"), a.getenv("GITHUB_REPOSITORY"), a.getenv("GITHUB_SHA")
	if a.getenv("GITHUB_ACTIONS") != "true" || server == "" || repo == "" || sha == "" {
		return ""
	}
	return strings.TrimSuffix(server, "/") + "/" + repo + "/blob/" + sha + "/"
}

// errReported makes the CLI exit 2 for errors already printed.
var errReported = errors.New("errors were reported above")

func countAtOrAbove(s *report.Summary, min checker.Severity) int {
	n := 0
	for _, sev := range []checker.Severity{checker.SeverityInfo, checker.SeverityWarning, checker.SeverityError} {
		if sev >= min {
			n += s.Counts[sev.String()]
		}
	}
	return n
}

func parseFailOn(s string) (checker.Severity, error) {
	if s == "never" {
		return checker.SeverityOff, nil
	}
	sev, err := checker.ParseSeverity(s)
	if err != nil || sev == checker.SeverityOff {
		return 0, fmt.Errorf("--fail-on %q: use error, warning, info or never", s)
	}
	return sev, nil
}

func (a *app) useColor(mode string) (bool, error) {
	switch mode {
	case "always":
		return true, nil
	case "never":
		return false, nil
	case "auto":
		if a.getenv("NO_COLOR") != "" {
			return false, nil
		}
		if f, ok := a.stdout.(*os.File); ok {
			return isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()), nil
		}
		return false, nil
	}
	return false, fmt.Errorf("--color %q: use auto, always or never", mode)
}

// inputs turns the arguments into the files to check.
func (a *app) inputs(args []string, o *checkOptions, res *checker.Resolver, cwd string) ([]checker.Input, error) {
	if len(args) == 0 {
		args = []string{"."}
	}
	var paths []string
	var stdin *checker.Input
	for _, p := range args {
		if p != "-" {
			paths = append(paths, p)
			continue
		}
		if stdin != nil {
			return nil, errors.New("standard input (-) can be given only once")
		}
		data, err := io.ReadAll(a.stdin)
		if err != nil {
			return nil, fmt.Errorf("reading standard input: %v", err)
		}
		name := o.stdinFilename
		if name == "" {
			name = "<stdin>"
		}
		stdin = &checker.Input{Path: name, Display: checker.DisplayPath(cwd, name), Stdin: true, Data: data}
		if o.stdinFilename == "" {
			stdin.Path = filepath.Join(cwd, "stdin.md")
			stdin.Display = "<stdin>"
		}
	}
	var inputs []checker.Input
	if len(paths) > 0 {
		first := paths[0]
		if !filepath.IsAbs(first) {
			first = filepath.Join(cwd, first)
		}
		res.Prepare(first)
		var err error
		if inputs, err = checker.Collect(paths, res, cwd); err != nil {
			return nil, err
		}
	}
	if stdin != nil {
		inputs = append(inputs, *stdin)
	}
	return inputs, nil
}

func writeDiff(w io.Writer, r *checker.FileResult) error {
	text, err := difflib.GetUnifiedDiffString(difflib.UnifiedDiff{
		A:        difflib.SplitLines(string(r.Original)),
		B:        difflib.SplitLines(string(r.Fixed)),
		FromFile: "a/" + r.Input.Display,
		ToFile:   "b/" + r.Input.Display,
		Context:  3,
	})
	if err != nil {
		return err
	}
	_, err = io.WriteString(w, text)
	return err
}

func unwrap(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
