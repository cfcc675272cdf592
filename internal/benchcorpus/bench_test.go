package benchcorpus

import (
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/healthlint/healthlint/checker"
	"github.com/healthlint/healthlint/rules"
)

const benchDocs = 500

func corpus(b *testing.B) ([][]byte, int64) {
	docs := make([][]byte, benchDocs)
	var n int64
	for i := range docs {
		docs[i] = Document(1, i)
		n += int64(len(docs[i]))
	}
	return docs, n
}

// parallel runs f over every document on all cores.
func parallel(docs [][]byte, f func([]byte)) {
	var wg sync.WaitGroup
	next := make(chan []byte)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for d := range next {
				f(d)
			}
		}()
	}
	for _, d := range docs {
		next <- d
	}
	close(next)
	wg.Wait()
}

// BenchmarkFloor measures a bare goldmark parse and walk of the corpus on
// every core: the least any Markdown-aware linter must spend.
func BenchmarkFloor(b *testing.B) {
	docs, n := corpus(b)
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		parallel(docs, func(d []byte) { FloorParse(d) })
	}
}

// BenchmarkFloorNoLinkify is BenchmarkFloor without goldmark's Linkify,
// which healthlint runs only on pages that may hold a bare address.
func BenchmarkFloorNoLinkify(b *testing.B) {
	docs, n := corpus(b)
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		parallel(docs, func(d []byte) { FloorParseNoLinkify(d) })
	}
}

// BenchmarkCheck measures parsing plus every built-in rule on every core.
func BenchmarkCheck(b *testing.B) {
	docs, n := corpus(b)
	s := benchSettings(b)
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		parallel(docs, func(d []byte) {
			doc := checker.Parse("bench.md", d)
			if _, _, err := s.Check(doc); err != nil {
				b.Error(err)
			}
			doc.Release() // as the runner does
		})
	}
}

// BenchmarkRules is BenchmarkCheck on one goroutine, so that a CPU profile
// attributes the time to each rule:
//
//	go test ./internal/benchcorpus -run XXX -bench BenchmarkRules -cpuprofile cpu.prof
func BenchmarkRules(b *testing.B) {
	docs, n := corpus(b)
	s := benchSettings(b)
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			doc := checker.Parse("bench.md", d)
			if _, _, err := s.Check(doc); err != nil {
				b.Fatal(err)
			}
			doc.Release()
		}
	}
}

// BenchmarkParse measures the document model alone (no rules).
func BenchmarkParse(b *testing.B) {
	docs, n := corpus(b)
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		parallel(docs, func(d []byte) { checker.Parse("bench.md", d).Release() })
	}
}

func benchSettings(b *testing.B) *checker.Settings {
	reg := rules.Registry()
	asOf := time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)
	res, err := checker.NewResolver(reg, checker.Flags{AsOf: asOf, ConfigPath: "/dev/null"}, asOf)
	if err != nil {
		b.Fatal(err)
	}
	s, err := res.SettingsFor("/bench/page.md")
	if err != nil {
		b.Fatal(err)
	}
	return s
}

// TestCorpusIsDeterministic keeps the benchmark honest: the same seed
// gives the same bytes, and documents parse.
func TestCorpusIsDeterministic(t *testing.T) {
	a, b := Document(7, 42), Document(7, 42)
	if string(a) != string(b) {
		t.Fatal("same seed, different documents")
	}
	if string(Document(7, 43)) == string(a) {
		t.Fatal("different documents are identical")
	}
	if FloorParse(a) < 20 {
		t.Fatal("document too small to be realistic")
	}
	if FloorParseNoLinkify(a) < 20 {
		t.Fatal("document too small to be realistic without Linkify")
	}
}

// BenchmarkSettings measures what a run pays before its first file with
// every built-in rule: resolving the settings and building the phrase
// matcher (the regexes themselves compile once per process, on the
// first iteration).
func BenchmarkSettings(b *testing.B) {
	doc := []byte("# Title\n\nA page.\n")
	for b.Loop() {
		s := benchSettings(b)
		if _, _, err := s.Check(checker.Parse("bench.md", doc)); err != nil {
			b.Fatal(err)
		}
	}
}
