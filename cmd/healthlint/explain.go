package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/healthlint/healthlint/checker"
	"github.com/healthlint/healthlint/rules"
)

func (a *app) explainCommand() *cobra.Command {
	var asOf string
	cmd := &cobra.Command{
		Use:   "explain RULE",
		Short: "Show a rule's documentation, sources, examples and options",
		Args:  cobra.ExactArgs(1),
		ValidArgsFunction: func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
			return rules.Registry().IDs(), cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			reg := rules.Registry()
			r := reg.Rule(args[0])
			if r == nil {
				return fmt.Errorf("unknown rule %q%s; run `healthlint rules` to list them", args[0], checker.DidYouMean(args[0], reg.IDs()))
			}
			date := a.now().UTC()
			if asOf != "" {
				t, err := time.Parse(time.DateOnly, asOf)
				if err != nil {
					return fmt.Errorf("--as-of %q is not a date; use YYYY-MM-DD", asOf)
				}
				date = t
			}
			_, err := fmt.Fprint(a.stdout, explainText(r, date))
			return err
		},
	}
	cmd.Flags().StringVar(&asOf, "as-of", "", "date (YYYY-MM-DD) for rules whose data depends on it (default: today)")
	return cmd
}

// explainText renders a rule's documentation for the terminal.
func explainText(r *checker.Rule, asOf time.Time) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s\n\n", r.ID, r.Title)
	fmt.Fprintf(&b, "Default severity: %s\n", defaultSeverity(r))
	if r.Fixable {
		b.WriteString("Automatic fix: yes (healthlint check --fix)\n")
	}
	b.WriteString("\n" + strings.TrimSpace(r.Doc) + "\n")
	if len(r.Options) > 0 {
		b.WriteString("\nOptions (set under rules: in .healthlint.yaml):\n")
		for _, o := range r.Options {
			fmt.Fprintf(&b, "  %s (%s, default %v): %s\n", o.Name, o.Kind, formatDefault(o.Default), o.Doc)
		}
	}
	if r.Explain != nil {
		if extra := r.Explain(asOf); extra != "" {
			b.WriteString("\n" + strings.TrimRight(extra, "\n") + "\n")
		}
	}
	b.WriteString("\nSources:\n")
	for _, s := range r.Sources {
		fmt.Fprintf(&b, "  - %s\n    %s\n", s.Title, s.URL)
	}
	return b.String()
}

func formatDefault(v any) string {
	switch x := v.(type) {
	case []string:
		if len(x) == 0 {
			return "none"
		}
		if len(x) > 6 {
			return strings.Join(x[:6], ", ") + fmt.Sprintf(", ... (%d in all)", len(x))
		}
		return strings.Join(x, ", ")
	case string:
		return fmt.Sprintf("%q", x)
	}
	return fmt.Sprint(v)
}
