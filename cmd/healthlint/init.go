package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/spf13/cobra"

	"github.com/healthlint/healthlint/checker"
	"github.com/healthlint/healthlint/rules"
)

func (a *app) initCommand() *cobra.Command {
	var force bool
	cmd := &cobra.Command{
		Use:   "init",
		Short: "Write a commented starter " + checker.ConfigFileName + " in the current directory",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			flag := os.O_WRONLY | os.O_CREATE | os.O_EXCL
			if force {
				flag = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
			}
			f, err := os.OpenFile(checker.ConfigFileName, flag, 0o644)
			if errors.Is(err, fs.ErrExist) {
				return fmt.Errorf("%s already exists; use --force to overwrite it", checker.ConfigFileName)
			}
			if err != nil {
				return fmt.Errorf("cannot write %s: %v", checker.ConfigFileName, unwrap(err))
			}
			if _, err := f.Write(rules.StarterConfig); err != nil {
				f.Close()
				return err
			}
			if err := f.Close(); err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "wrote %s; edit it, then run: healthlint check\n", checker.ConfigFileName)
			return nil
		},
	}
	cmd.Flags().BoolVar(&force, "force", false, "overwrite an existing "+checker.ConfigFileName)
	return cmd
}
