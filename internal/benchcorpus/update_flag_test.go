package benchcorpus

import "flag"

// go test ./... -update refreshes every golden file, so every test
// binary must accept -update; this package's tests have none of their
// own. The flag is registered only when no other test file of the
// package defines it (package-level flag variables are set up before
// init runs, and this external test package initialises last).
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite golden files (none in this package)")
	}
}
