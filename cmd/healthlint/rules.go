package main

import (
	"encoding/json"
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/healthlint/healthlint/checker"
	"github.com/healthlint/healthlint/rules"
)

// ruleJSON is one rule in `healthlint rules --format json`.
type ruleJSON struct {
	ID       string           `json:"id"`
	Severity string           `json:"severity"`
	Title    string           `json:"title"`
	Fixable  bool             `json:"fixable"`
	Sources  []checker.Source `json:"sources"`
}

func (a *app) rulesCommand() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "List the built-in rules with their default severity",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			all := rules.All()
			switch format {
			case "json":
				out := make([]ruleJSON, 0, len(all))
				for _, r := range all {
					out = append(out, ruleJSON{ID: r.ID, Severity: defaultSeverity(r), Title: r.Title, Fixable: r.Fixable, Sources: r.Sources})
				}
				enc := json.NewEncoder(a.stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(out)
			case "text":
				tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "ID\tSEVERITY\tFIX\tTITLE")
				for _, r := range all {
					fix := ""
					if r.Fixable {
						fix = "yes"
					}
					fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.ID, defaultSeverity(r), fix, r.Title)
				}
				return tw.Flush()
			}
			return fmt.Errorf("--format %q: use text or json", format)
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "text or json")
	return cmd
}

func defaultSeverity(r *checker.Rule) string {
	if r.DefaultOff {
		return "off (" + r.Severity.String() + " when enabled)"
	}
	return r.Severity.String()
}
