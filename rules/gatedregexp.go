package rules

import (
	"regexp"

	"github.com/healthlint/healthlint/checker"
)

// gatedRegexp is a regexp that first checks, with a plain substring
// search, that the text holds one of the literals every match must
// contain. Context regexes run once per claim or per sentence; most
// sentences hold none of their words, and a substring search is far
// cheaper than starting a regexp match. Without such literals it is a
// plain regexp.
type gatedRegexp struct {
	*regexp.Regexp
	literals []string // lowercase ASCII (or caseless); nil: always run
}

func mustGated(expr string) *gatedRegexp {
	re := regexp.MustCompile(expr)
	return &gatedRegexp{Regexp: re, literals: checker.RequiredLiterals(expr)}
}

// mayMatch reports whether s holds one of the literals (ASCII case
// folded, so it works on Block.Text as well as Block.Lower).
func (g *gatedRegexp) mayMatch(s string) bool {
	if g.literals == nil {
		return true
	}
	for _, lit := range g.literals {
		if indexFold(s, lit) >= 0 {
			return true
		}
	}
	return false
}

// indexFold is strings.Index with ASCII case folding; lit is lowercase.
func indexFold(s, lit string) int {
	if lit == "" {
		return 0
	}
	first := lit[0]
	upper := first
	if first >= 'a' && first <= 'z' {
		upper = first - 'a' + 'A'
	}
	for i := 0; i+len(lit) <= len(s); i++ {
		c := s[i]
		if c != first && c != upper {
			continue
		}
		j := 1
		for ; j < len(lit); j++ {
			c := s[i+j]
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != lit[j] {
				break
			}
		}
		if j == len(lit) {
			return i
		}
	}
	return -1
}

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
