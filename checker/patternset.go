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
	// start and lead say, per regex, which group every match starts
	// with a member of (-1: none) and how far before a hit of it a
	// match can start (see gating).
	start, lead []int
}

type gateRef struct{ regex, group int }

const ranRegex = 1 << 63

// NewPatternSet compiles a set of regexes to run on prose (Block.Text,
// Block.Lower, or a part of them); each must hold for the text it is
// given (a caller matching lowercased prose passes lowercase regexes).
// Gating relies on what prose is: its whitespace is single spaces, so
// `crisis\s+lifeline` is gated on "crisis lifeline".
func NewPatternSet(res []*regexp.Regexp) *PatternSet {
	s := &PatternSet{res: res, groups: make([]int, len(res)), start: make([]int, len(res)), lead: make([]int, len(res))}
	index := map[string]int{}
	var keys, gate []string
	for ri, re := range res {
		g := proseGating(re.String())
		groups := g.groups
		s.start[ri], s.lead[ri] = g.start, g.lead
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

// Candidate is a regex of a set that may match a text, and the offset in
// the text before which none of its matches starts.
type Candidate struct{ Regex, From int }

// CandidatesFrom returns, in order, the regexes that may match text
// (those whose literal groups all occur in it, and the ungated ones), for
// the caller to run, with where each may start reading the text (text, or
// prose with the same offsets, such as Block.Text for Block.Lower): a
// regex whose matches all start with a member of one of its literal
// groups need read the text only from shortly before the first. From is
// at a space or the start, where `\b` reads a slice as it reads the
// text.
func (s *PatternSet) CandidatesFrom(text string) []Candidate {
	first := make([]int, len(s.res))
	for i := range first {
		first[i] = -1
	}
	var out []Candidate
	for _, ri := range s.ungated {
		out = append(out, Candidate{ri, 0})
	}
	if s.dfa != nil {
		// Hits come in order of their ends, not their starts: a regex's
		// first hit is known only once the walk is done.
		seen := make([]uint64, len(s.res))
		s.dfa.Walk(stringBytes(text), func(end, n, pattern int) bool {
			for _, t := range s.targets[pattern] {
				seen[t.regex] |= 1 << t.group
				if t.group == s.start[t.regex] && (first[t.regex] < 0 || end-n+1 < first[t.regex]) {
					first[t.regex] = end - n + 1
				}
			}
			return true
		})
		for ri, m := range seen {
			if s.groups[ri] > 0 && m == 1<<s.groups[ri]-1 {
				out = append(out, Candidate{ri, floorBefore(text, 0, first[ri], s.lead[ri])})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Regex < out[j].Regex })
	return out
}

// floorBefore returns an offset no match starts before, in text from
// start on, for a regex whose matches start at most lead-1 bytes before
// first, the first hit of its start group (-1: none, or lead 0:
// unknown): that, moved back to a space.
func floorBefore(text string, start, first, lead int) int {
	from := first - lead + 1
	if lead == 0 || first < 0 || from <= start {
		return start
	}
	for from > start && text[from-1] != ' ' {
		from--
	}
	return from
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
