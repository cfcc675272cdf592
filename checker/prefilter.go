package checker

import (
	"regexp/syntax"
	"sort"
	"unicode"
	"unicode/utf8"
)

// requiredGroups returns groups of literals such that every match of expr
// contains at least one literal of EACH group: for a concatenation such as
// `\b(in|within) \d+ (minutes?|hours?)` both {in, within} and {minute,
// hour} must occur, which is far more selective than either alone. At most
// three groups, the most selective first. nil when nothing is required.
func requiredGroups(expr string) [][]string {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil
	}
	re = re.Simplify()
	for re.Op == syntax.OpCapture {
		re = re.Sub[0]
	}
	var groups [][]string
	if re.Op == syntax.OpConcat {
		for _, set := range concatParts(re) {
			if set != nil {
				groups = append(groups, set)
			}
		}
	} else if set := literalSet(re); set != nil {
		groups = [][]string{set}
	}
	// Literals are looked up in the automaton under the same key as
	// phrases (whitespace collapsed and trimmed); a group with a literal
	// that is only whitespace requires nothing and is dropped.
	var ok [][]string
	for _, g := range groups {
		good := true
		keys := make([]string, len(g))
		for i, lit := range g {
			keys[i] = patternKey(lit)
			good = good && keys[i] != "" && caseless(keys[i])
		}
		if good {
			ok = append(ok, keys)
		}
	}
	sort.SliceStable(ok, func(i, j int) bool { return minLen(ok[i]) > minLen(ok[j]) })
	if len(ok) > 3 {
		ok = ok[:3]
	}
	if len(ok) == 0 {
		return nil
	}
	return ok
}

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
		// The part whose set has the longest shortest literal is the
		// most selective.
		var best []string
		for _, set := range concatParts(re) {
			if set != nil && minLen(set) > minLen(best) {
				best = set
			}
		}
		return best
	}
	return nil
}

// concatParts returns the literal set of each part of a concatenation,
// adjacent literals merged into one longer literal; nil for a part that
// requires no literal.
func concatParts(re *syntax.Regexp) [][]string {
	var parts [][]string
	var run []rune
	flush := func() {
		if len(run) > 0 {
			parts = append(parts, []string{asciiLower(string(run))})
			run = nil
		}
	}
	for _, sub := range re.Sub {
		if sub.Op == syntax.OpLiteral {
			run = append(run, sub.Rune...)
			continue
		}
		flush()
		parts = append(parts, literalSet(sub))
	}
	flush()
	return parts
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
	return requiredGroups(expr) != nil
}

// RequiredLiterals returns literals (lowercased) of which every match of
// the RE2 expression must contain one, or nil when there is no such set.
// Rules use it to skip text that cannot match before running a regex.
func RequiredLiterals(expr string) []string { return requiredLiterals(expr) }
