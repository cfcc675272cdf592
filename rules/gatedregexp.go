package rules

import (
	"regexp"

	"github.com/healthlint/healthlint/checker"
)

// gatedRegexp is a regexp that first checks, in one automaton pass, that
// the text holds one of the literals every match must contain. Context
// regexes run once per claim or per sentence; most sentences hold none of
// their words, and that pass is far cheaper than starting a regexp match.
// Without such literals it is a plain regexp.
type gatedRegexp struct {
	*regexp.Regexp
	literals *checker.LiteralSet // nil: always run
}

func mustGated(expr string) *gatedRegexp {
	re := regexp.MustCompile(expr)
	return &gatedRegexp{Regexp: re, literals: checker.NewLiteralSet(checker.RequiredLiterals(expr))}
}

// mayMatch reports whether s holds one of the literals (ASCII case
// folded, so it works on Block.Text as well as Block.Lower).
func (g *gatedRegexp) mayMatch(s string) bool { return g.literals.In(s) }

func (g *gatedRegexp) MatchString(s string) bool {
	return g.mayMatch(s) && g.Regexp.MatchString(s)
}

func (g *gatedRegexp) FindStringIndex(s string) []int {
	if !g.mayMatch(s) {
		return nil
	}
	return g.Regexp.FindStringIndex(s)
}

func (g *gatedRegexp) FindAllStringIndex(s string, n int) [][]int {
	if !g.mayMatch(s) {
		return nil
	}
	return g.Regexp.FindAllStringIndex(s, n)
}

func (g *gatedRegexp) FindStringSubmatchIndex(s string) []int {
	if !g.mayMatch(s) {
		return nil
	}
	return g.Regexp.FindStringSubmatchIndex(s)
}

func (g *gatedRegexp) FindAllStringSubmatchIndex(s string, n int) [][]int {
	if !g.mayMatch(s) {
		return nil
	}
	return g.Regexp.FindAllStringSubmatchIndex(s, n)
}

func (g *gatedRegexp) FindStringSubmatch(s string) []string {
	if !g.mayMatch(s) {
		return nil
	}
	return g.Regexp.FindStringSubmatch(s)
}

func (g *gatedRegexp) FindString(s string) string {
	if !g.mayMatch(s) {
		return ""
	}
	return g.Regexp.FindString(s)
}

func (g *gatedRegexp) FindAllString(s string, n int) []string {
	if !g.mayMatch(s) {
		return nil
	}
	return g.Regexp.FindAllString(s, n)
}

// ReplaceAllString returns src itself when the gate rules out a match:
// parsing a review date replaced month abbreviations in every ISO date.
func (g *gatedRegexp) ReplaceAllString(src, repl string) string {
	if !g.mayMatch(src) {
		return src
	}
	return g.Regexp.ReplaceAllString(src, repl)
}
