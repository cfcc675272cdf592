// Command hlbench measures healthlint against the parse floor in one run on
// the same files: (a) a bare goldmark parse and walk of every file on all
// cores, with the extensions healthlint configures, (b) `healthlint check
// --format json` with every built-in rule, and prints the ratio b/a with
// healthlint's peak memory. It also times the floor without goldmark's
// Linkify, which healthlint runs only on pages that may hold a bare
// address, and prints the ratio against that stricter floor.
//
//	go run ./internal/benchcorpus/hlbench -n 1000,10000,100000
//
// Each of the -runs rounds times the floor, the floor without Linkify and
// healthlint in turn, and the fastest of each counts: on a VM whose speed
// drifts over minutes, a slow spell then falls on all three alike. Still,
// one table says little about a ratio near a target: -repeat measures each
// size that many times and prints the spread of the ratio.
//
//	go run ./internal/benchcorpus/hlbench -n 10000 -repeat 15
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/healthlint/healthlint/internal/benchcorpus"
)

func main() {
	sizes := flag.String("n", "1000,10000", "comma-separated corpus sizes (documents)")
	seed := flag.Uint64("seed", 1, "corpus seed")
	dir := flag.String("dir", filepath.Join(os.TempDir(), "healthlint-bench"), "where corpora are written (reused when present)")
	runs := flag.Int("runs", 3, "timed runs per measurement; the fastest counts")
	repeat := flag.Int("repeat", 1, "measure each size this many times and print the spread of the ratio")
	flag.Parse()

	if err := os.MkdirAll(*dir, 0o755); err != nil {
		fail(err)
	}
	// The binary goes to a directory of its own, not beside the shared
	// corpora: runs from two checkouts at once would otherwise replace
	// each other's binary and time the wrong code.
	var err error
	if binDir, err = os.MkdirTemp("", "hlbench-"); err != nil {
		fail(err)
	}
	defer os.RemoveAll(binDir)
	bin := filepath.Join(binDir, "healthlint")
	build := exec.Command("go", "build", "-o", bin, "./cmd/healthlint")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		fail(fmt.Errorf("build healthlint (run from the repository root): %w", err))
	}
	host, _ := os.Hostname()
	fmt.Printf("machine: %s, %s/%s, %d cores (GOMAXPROCS %d), %s\n", cpuModel(), runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.GOMAXPROCS(0), host)
	fmt.Printf("| documents | MB | floor (goldmark parse+walk) | floor without Linkify | healthlint check --format json | ratio | ratio to floor without Linkify | healthlint peak RSS |\n")
	fmt.Printf("|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, s := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil {
			fail(err)
		}
		corpus := filepath.Join(*dir, fmt.Sprintf("corpus-%d-%d", *seed, n))
		paths, bytes, err := ensureCorpus(corpus, n, *seed)
		if err != nil {
			fail(err)
		}
		var ratios, floors, checks []float64
		for r := 0; r < *repeat; r++ {
			// The three are timed in turn, run by run, rather than one
			// after the other, so that a spell when the machine runs
			// slower (a VM's neighbours) falls on all of them alike.
			var floor, strict, check time.Duration
			var peak int64
			for i := 0; i < *runs; i++ {
				floor = fastest(i, floor, timeFloor(paths, benchcorpus.FloorParse))
				strict = fastest(i, strict, timeFloor(paths, benchcorpus.FloorParseNoLinkify))
				d, rss := timeCheck(bin, corpus)
				check = fastest(i, check, d)
				peak = max(peak, rss)
			}
			fmt.Printf("| %d | %.1f | %.2fs | %.2fs | %.2fs | %.2f | %.2f | %.0f MB |\n", n, float64(bytes)/1e6, floor.Seconds(), strict.Seconds(), check.Seconds(),
				check.Seconds()/floor.Seconds(), check.Seconds()/strict.Seconds(), float64(peak)/1024)
			ratios = append(ratios, check.Seconds()/floor.Seconds())
			floors = append(floors, floor.Seconds())
			checks = append(checks, check.Seconds())
		}
		if *repeat > 1 {
			fmt.Printf("\n%d documents, %d measurements: ratio %s; floor %s; healthlint %s\n\n", n, *repeat, spread(ratios, "%.2f"), spread(floors, "%.2fs"), spread(checks, "%.2fs"))
		}
	}
}

// spread formats the smallest, median and largest of xs.
func spread(xs []float64, format string) string {
	s := slices.Sorted(slices.Values(xs))
	median := s[len(s)/2]
	if len(s)%2 == 0 {
		median = (s[len(s)/2-1] + s[len(s)/2]) / 2
	}
	return fmt.Sprintf("min "+format+", median "+format+", max "+format, s[0], median, s[len(s)-1])
}

// fastest returns the lesser of the fastest so far and d, the time of
// run i.
func fastest(i int, sofar, d time.Duration) time.Duration {
	if i == 0 || d < sofar {
		return d
	}
	return sofar
}

func ensureCorpus(dir string, n int, seed uint64) ([]string, int64, error) {
	var paths []string
	var total int64
	if _, err := os.Stat(filepath.Join(dir, "done")); err != nil {
		os.RemoveAll(dir)
		if _, err := benchcorpus.Write(dir, n, seed); err != nil {
			return nil, 0, err
		}
		os.WriteFile(filepath.Join(dir, "done"), nil, 0o644)
	}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			paths = append(paths, p)
			if info, err := d.Info(); err == nil {
				total += info.Size()
			}
		}
		return err
	})
	return paths, total, err
}

// timeFloor reads, parses and walks every file on all cores.
func timeFloor(paths []string, parse func([]byte) int) time.Duration {
	start := time.Now()
	var wg sync.WaitGroup
	next := make(chan string, 256)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range next {
				data, err := os.ReadFile(p)
				if err != nil {
					fail(err)
				}
				parse(data)
			}
		}()
	}
	for _, p := range paths {
		next <- p
	}
	close(next)
	wg.Wait()
	return time.Since(start)
}

// timeCheck runs the healthlint binary over the corpus and returns the
// wall time and its peak resident memory in KB.
func timeCheck(bin, corpus string) (time.Duration, int64) {
	cmd := exec.Command(bin, "check", "--format", "json", "--output", os.DevNull, "--fail-on", "never", "--as-of", "2026-11-26", "--quiet", corpus)
	cmd.Stderr = os.Stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		fail(fmt.Errorf("healthlint: %w", err))
	}
	d := time.Since(start)
	var rss int64
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		rss = ru.Maxrss
	}
	return d, rss
}

func cpuModel() string {
	data, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return runtime.GOARCH
	}
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "model name") {
			if _, v, ok := strings.Cut(line, ":"); ok {
				return strings.TrimSpace(v)
			}
		}
	}
	return runtime.GOARCH
}

// binDir holds the healthlint binary built for this run; fail removes it
// too, since os.Exit skips main's deferred removal.
var binDir string

func fail(err error) {
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	fmt.Fprintln(os.Stderr, "hlbench:", err)
	os.Exit(2)
}
