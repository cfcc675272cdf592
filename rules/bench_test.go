package rules_test

import (
	"testing"
	"time"

	"github.com/healthlint/healthlint/checker"
	"github.com/healthlint/healthlint/internal/benchcorpus"
	"github.com/healthlint/healthlint/rules"
)

// BenchmarkRules runs every built-in rule over 500 generated documents on
// one goroutine, so that a CPU profile attributes the time to each rule.
func BenchmarkRules(b *testing.B) {
	docs := make([][]byte, 500)
	var n int64
	for i := range docs {
		docs[i] = benchcorpus.Document(1, i)
		n += int64(len(docs[i]))
	}
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
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			if _, _, err := s.Check(checker.Parse("bench.md", d)); err != nil {
				b.Fatal(err)
			}
		}
	}
}
