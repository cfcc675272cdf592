package checker

import (
	"regexp"
	"sort"
)

// PatternSet answers "does any of these regexes match this text?" the way
// the phrase matcher runs regex phrases: one automaton pass finds the
// literal groups each regex needs (see requiredGroups), and only a regex
// with a literal of every group present runs. A list of disclaimer or
// caveat wordings then costs one pass per block plus the rare regex run,
// where a single alternation of the list would run on every block that
// holds any of its common words.
type PatternSet struct {
	res     []*regexp.Regexp
	groups  []int        // literal groups per regex; 0: ungated
	targets [][]gateRef  // by automaton pattern
	dfa     *acAutomaton // nil when no regex is gated
	ungated []int
	gate    *LiteralSet
}

type gateRef struct{ regex, group int }

const ranRegex = 1 << 63

// NewPatternSet compiles a set of regexes to run on prose (Block.Text,
// Block.Lower, or a part of them); each must hold for the text it is
// given (a caller matching lowercased prose passes lowercase regexes).
// Gating relies on what prose is: its whitespace is single spaces, so
// `crisis\s+lifeline` is gated on "crisis lifeline".
func NewPatternSet(res []*regexp.Regexp) *PatternSet {
	s := &PatternSet{res: res, groups: make([]int, len(res))}
	index := map[string]int{}
	var keys, gate []string
	for ri, re := range res {
		groups := requiredProseGroups(re.String())
		// One bit per group in a uint64 mask; the top bit marks a regex
		// already run.
		if len(groups) == 0 || len(groups) > 63 {
			s.ungated = append(s.ungated, ri)
			continue
		}
		s.groups[ri] = len(groups)
		gate = append(gate, groups[0]...) // the most selective
		for gi, g := range groups {
			for _, lit := range g {
				i, ok := index[lit]
				if !ok {
					i = len(keys)
					index[lit] = i
					keys = append(keys, lit)
					s.targets = append(s.targets, nil)
				}
				s.targets[i] = append(s.targets[i], gateRef{ri, gi})
			}
		}
	}
	if len(keys) > 0 {
		s.dfa = buildAutomaton(keys, true, maxDFAEntries)
	}
	if len(s.ungated) == 0 {
		s.gate = NewLiteralSet(gate)
	}
	return s
}

// Gate returns literals of which every text that a regex of the set
// matches holds one (one literal group of each regex), for a rule to list
// in Rule.Literals and ask with LiteralSet.InBlock before MatchString.
// It is nil, holding everything, when a regex has no literal groups.
func (s *PatternSet) Gate() *LiteralSet { return s.gate }

// MatchString reports whether one of the regexes matches text.
func (s *PatternSet) MatchString(text string) bool {
	matched := false
	s.eachCandidate(text, func(ri int) bool {
		matched = s.res[ri].MatchString(text)
		return !matched
	})
	return matched
}

// Candidates returns, in order, the indexes of the regexes that may match
// text: those whose literal groups all occur in it, and the ungated ones.
// The caller runs them for their matches.
func (s *PatternSet) Candidates(text string) []int {
	var out []int
	s.eachCandidate(text, func(ri int) bool {
		out = append(out, ri)
		return true
	})
	sort.Ints(out)
	return out
}

// eachCandidate calls fn once for each regex that may match text: the
// ungated ones first, then each gated one as soon as a literal of its
// every group has turned up. fn returning false stops the walk.
func (s *PatternSet) eachCandidate(text string, fn func(ri int) bool) {
	for _, ri := range s.ungated {
		if !fn(ri) {
			return
		}
	}
	if s.dfa == nil {
		return
	}
	seen := make([]uint64, len(s.res))
	s.dfa.Walk(stringBytes(text), func(_, _, pattern int) bool {
		for _, t := range s.targets[pattern] {
			seen[t.regex] |= 1 << t.group
			if seen[t.regex] == 1<<s.groups[t.regex]-1 {
				seen[t.regex] |= ranRegex
				if !fn(t.regex) {
					return false
				}
			}
		}
		return true
	})
}
