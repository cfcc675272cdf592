package checker

import (
	"regexp/syntax"
	"unicode"
	"unicode/utf8"
)

// requiredLiterals returns literals of which every match of expr must
// contain at least one (lowercased), or nil when no such set is known.
// The matcher adds them to its automaton as gates: a regex phrase runs on
// a block only when one of its gates occurs there, so regex phrases cost
// nothing on the blocks that cannot match, instead of one regex scan per
// phrase per block.
func requiredLiterals(expr string) []string {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil
	}
	set := literalSet(re.Simplify())
	for _, s := range set {
		if s == "" || !caseless(s) {
			return nil
		}
	}
	return set
}

// caseless reports whether s reads the same in the lowercased prose the
// automaton scans: ASCII (lowercased there too) or runes without case.
func caseless(s string) bool {
	for _, r := range s {
		if r >= utf8.RuneSelf && unicode.SimpleFold(r) != r {
			return false
		}
	}
	return true
}

// literalSet computes the requirement for one node.
func literalSet(re *syntax.Regexp) []string {
	switch re.Op {
	case syntax.OpLiteral:
		return []string{asciiLower(string(re.Rune))}
	case syntax.OpCharClass:
		// A small class is a set of one-rune literals: [★⭐].
		var out []string
		for i := 0; i+1 < len(re.Rune); i += 2 {
			if re.Rune[i+1]-re.Rune[i] > 16 || len(out) > 16 {
				return nil
			}
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				out = append(out, asciiLower(string(r)))
			}
		}
		return dedupe(out)
	case syntax.OpCapture:
		return literalSet(re.Sub[0])
	case syntax.OpPlus:
		return literalSet(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return literalSet(re.Sub[0])
		}
		return nil
	case syntax.OpAlternate:
		var out []string
		for _, sub := range re.Sub {
			s := literalSet(sub)
			if s == nil {
				return nil // one branch can match without a literal
			}
			out = append(out, s...)
		}
		return dedupe(out)
	case syntax.OpConcat:
		// Adjacent literals form one longer literal; then the child whose
		// set has the longest shortest literal is the most selective.
		var best []string
		bestScore := 0
		var run []rune
		consider := func(s []string) {
			if score := minLen(s); s != nil && score > bestScore {
				best, bestScore = s, score
			}
		}
		flush := func() {
			if len(run) > 0 {
				consider([]string{asciiLower(string(run))})
				run = nil
			}
		}
		for _, sub := range re.Sub {
			if sub.Op == syntax.OpLiteral {
				run = append(run, sub.Rune...)
				continue
			}
			flush()
			consider(literalSet(sub))
		}
		flush()
		return best
	}
	return nil
}

func minLen(set []string) int {
	if len(set) == 0 {
		return 0
	}
	m := len(set[0])
	for _, s := range set[1:] {
		m = min(m, len(s))
	}
	return m
}

func dedupe(set []string) []string {
	seen := map[string]bool{}
	out := set[:0]
	for _, s := range set {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// Prefiltered reports whether a regex phrase has required literals, so that
// it runs only on blocks where one of them occurs. Literal phrases are
// always matched by the automaton itself.
func (p *Phrase) Prefiltered() bool {
	if p.Regex == "" {
		return true
	}
	expr := p.Regex
	if !p.CaseSensitive {
		expr = "(?i)" + expr
	}
	return requiredLiterals(expr) != nil
}
