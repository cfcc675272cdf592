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

// mayMatchIn is mayMatch for s, all or part of block b's prose (Text or
// Lower): when the shared matching pass looked for the literals (the set
// is in some active rule's Literals), a block without them costs nothing,
// and a whole block with them needs no pass of its own.
func (g *gatedRegexp) mayMatchIn(b *checker.Block, s string) bool {
	in, known := g.literals.InBlock(b)
	switch {
	case !known:
		return g.mayMatch(s)
	case !in:
		return false
	}
	return len(s) == len(b.Text) || g.mayMatch(s)
}

// literalsOf lists the gates of regexes for Rule.Literals.
func literalsOf(res ...*gatedRegexp) []*checker.LiteralSet {
	out := make([]*checker.LiteralSet, 0, len(res))
	for _, re := range res {
		if re.literals != nil {
			out = append(out, re.literals)
		}
	}
	return out
}

// MatchStringIn is MatchString for all or part of b's prose.
func (g *gatedRegexp) MatchStringIn(b *checker.Block, s string) bool {
	return g.mayMatchIn(b, s) && g.Regexp.MatchString(s)
}

// FindAllStringIndexIn is FindAllStringIndex for all or part of b's prose.
func (g *gatedRegexp) FindAllStringIndexIn(b *checker.Block, s string, n int) [][]int {
	if !g.mayMatchIn(b, s) {
		return nil
	}
	return g.Regexp.FindAllStringIndex(s, n)
}

// FindAllStringSubmatchIndexIn is FindAllStringSubmatchIndex for all or
// part of b's prose.
func (g *gatedRegexp) FindAllStringSubmatchIndexIn(b *checker.Block, s string, n int) [][]int {
	if !g.mayMatchIn(b, s) {
		return nil
	}
	return g.Regexp.FindAllStringSubmatchIndex(s, n)
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

// ReplaceAllString returns src itself when the gate rules out a match:
// parsing a review date replaced month abbreviations in every ISO date.
func (g *gatedRegexp) ReplaceAllString(src, repl string) string {
	if !g.mayMatch(src) {
		return src
	}
	return g.Regexp.ReplaceAllString(src, repl)
}
