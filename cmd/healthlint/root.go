package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
)

func (a *app) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "healthlint",
		Short: "Lint health-content Markdown for unsupported claims, missing disclaimers and stale references",
		Long: `healthlint checks health-content Markdown (treatment-centre pages, telehealth
landing pages, patient education) before it is published: unsupported medical
claims, missing disclaimers and crisis lines, stale insurer and hotline
references, stigmatizing language and misspellings.

Exit codes: 0 no finding at or above --fail-on, 1 findings at or above it,
2 usage, configuration or I/O error.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.AddCommand(a.checkCommand(), a.rulesCommand(), a.explainCommand(), a.initCommand(), a.versionCommand())
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return fmt.Errorf("%w\nRun '%s --help' for usage", err, c.CommandPath())
	})
	return root
}

func printError(w io.Writer, err error) {
	msg := strings.TrimSpace(err.Error())
	fmt.Fprintf(w, "healthlint: %s\n", msg)
}
