// Package gcpolicy sets the garbage collector's targets for the healthlint
// command when GOGC and GOMEMLIMIT leave them open.
//
// It does so in its init function, so that they apply while the rules
// package builds its word lists and datasets (about 30 MB of allocations):
// with Go's defaults that start-up ran seven collections and took about
// 10 ms longer. Go initialises packages in the order of their import paths
// where their imports allow, so this package, which imports only the
// standard library, is initialised before .../rules. Command main imports
// it for that side effect only.
package gcpolicy

import (
	"os"
	"runtime/debug"
)

// defaultMemoryLimit is the soft heap limit when GOMEMLIMIT is not set.
// The live heap of a run is small and does not grow with the number of
// files (they stream through a bounded pool); the limit keeps the garbage
// collector from letting the heap double past it on long runs, so peak
// memory stays flat from a thousand files to a hundred thousand. With a
// live heap of about 30 MB, each MB of room above it saves collections:
// on 10,000 generated pages, 100 MiB gave 2.07 s and 104 MB peak, 112 MiB
// 1.99 s and 112 MB, 120 MiB 2.01 s and 121 MB.
const defaultMemoryLimit = 112 << 20

// defaultGCPercent applies when GOGC is not set. With a live heap of about
// 40 MB, Go's default of 100 collects at 80 MB; at 400 the memory limit
// decides instead, and the collector runs about half as often for the same
// peak (on 10,000 generated pages: 2.5 s and 86 MB at 100, 2.0-2.3 s and
// 104 MB at 400).
const defaultGCPercent = 400

// startingUp is set while collection waits for Steady.
var startingUp bool

func init() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(defaultMemoryLimit)
		if os.Getenv("GOGC") == "" {
			// Start-up allocates about 60 MB that stays live (word
			// lists, datasets, the phrase matcher): collecting on the
			// way, at 16 and 36 MB, found little garbage and cost the
			// first files 5 ms. Until Steady, only the memory limit
			// starts a collection.
			debug.SetGCPercent(-1)
			startingUp = true
		}
	}
}

// Steady sets the collector's target for checking files. The check
// command calls it before the first file.
func Steady() {
	if startingUp {
		startingUp = false
		debug.SetGCPercent(defaultGCPercent)
	}
}
