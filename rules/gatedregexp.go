package rules

import (
	"regexp"
	"slices"
	"strings"

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
	// few holds the literals, lowercased, when there are at most
	// maxFewLiterals of them: mayMatchLower then searches for each group.
	few []fewLiteral
}

// fewLiteral is a group of gate literals that have the same rarest byte
// at the same offset ("reviewed" and "reviewer": the "v" at 2), so that
// one pass over the text finds any of them.
type fewLiteral struct {
	texts []string
	rare  int
}

// maxFewLiterals bounds the literals mayMatchLower looks for one by one:
// each costs a pass over the text, and with four ("modified", "review",
// "revised", "updated") the passes together cost as much as the automaton.
const maxFewLiterals = 2

func mustGated(expr string) *gatedRegexp {
	re := regexp.MustCompile(expr)
	lits := checker.RequiredLiterals(expr)
	g := &gatedRegexp{Regexp: re, literals: checker.NewLiteralSet(lits)}
	if g.literals != nil && len(lits) <= maxFewLiterals && !slices.Contains(lits, "") {
	group:
		for _, l := range lits {
			l = asciiLower(l)
			rare := rarestByte(l)
			for i, f := range g.few {
				if f.rare == rare && f.texts[0][rare] == l[rare] {
					g.few[i].texts = append(f.texts, l)
					continue group
				}
			}
			g.few = append(g.few, fewLiteral{texts: []string{l}, rare: rare})
		}
	}
	return g
}

// mayMatch reports whether s holds one of the literals (ASCII case
// folded, so it works on Block.Text as well as Block.Lower).
func (g *gatedRegexp) mayMatch(s string) bool { return g.literals.In(s) }

// mayMatchLower is mayMatch for text whose ASCII letters are lowercase
// (Block.Lower): the same answer, since the automaton folds only ASCII
// case. With few literals it jumps from one occurrence of each literal's
// rarest byte to the next ("v" of "review") with a vectorised byte search
// and compares the literal there, several times faster than stepping the
// automaton through every byte. A caller that scans every block of a
// document asks it of Block.Lower before running the regexp on Block.Text.
func (g *gatedRegexp) mayMatchLower(lower string) bool {
	if g.few == nil {
		return g.mayMatch(lower)
	}
	for _, l := range g.few {
		for from := l.rare; from < len(lower); {
			i := strings.IndexByte(lower[from:], l.texts[0][l.rare])
			if i < 0 {
				break
			}
			start := from + i - l.rare
			for _, t := range l.texts {
				if start+len(t) <= len(lower) && lower[start:start+len(t)] == t {
					return true
				}
			}
			from += i + 1
		}
	}
	return false
}

// letterFrequency orders the letters from the most to the least frequent
// in English prose.
const letterFrequency = "etaoinshrdlcumwfgypbvkjxqz"

// rarestByte returns the offset of the byte of lit least likely in prose:
// the rarest letter, else any byte but a space (digits and punctuation
// are rarer than most letters).
func rarestByte(lit string) int {
	best, bestRank := 0, -2
	for i := 0; i < len(lit); i++ {
		rank := strings.IndexByte(letterFrequency, lit[i])
		switch {
		case lit[i] == ' ':
			rank = -1
		case rank < 0:
			rank = strings.IndexByte(letterFrequency, 'v')
		}
		if rank > bestRank {
			best, bestRank = i, rank
		}
	}
	return best
}

// asciiLower lowercases ASCII letters only, as Block.Lower does.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
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
