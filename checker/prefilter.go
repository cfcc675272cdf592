package checker

import (
	"regexp/syntax"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Regex phrases are gated by literals: the matcher's automaton looks for
// strings that every match of a regex must contain, and the regex runs
// only on the sentences where they occur. How selective those strings are
// decides what regex phrases cost: `\b(\d+|one|two) (in|out of) (\d+|two)\b`
// gated on {"in", "out of"} runs on nearly every sentence of a health
// page; gated on {" in 2", " in two", " out of two", ...}, the cross
// product of its adjacent finite parts, it runs almost only where it
// matches. This is the literal extraction real regex engines do before
// matching (Rust's regex-syntax, Hyperscan), reduced to what gating needs.

// maxLiteralSet bounds a literal set: past it, a part is treated as
// unknown rather than enumerated.
const maxLiteralSet = 300

// literalFacts describes one regex node for gating.
type literalFacts struct {
	// exact, when known, is the node's whole language (finite and small);
	// it may contain "".
	exact []string
	known bool
	// prefix and suffix: every match starts (ends) with one of these;
	// nil when nothing non-empty is known.
	prefix, suffix []string
	// required holds sets of which every match contains one member each.
	required [][]string
	// optional marks an unknown part that may match nothing, `(\w+ )?`:
	// a concatenation then continues its run across it (see
	// concatenation).
	optional bool
}

// sets lists the literal sets the facts know, each of which every match
// holds a member of: the exact language when known, the prefixes, the
// suffixes, then the required sets.
func (f literalFacts) sets() [][]string {
	out := make([][]string, 0, 3+len(f.required))
	if f.known {
		out = append(out, f.exact)
	}
	return append(append(out, f.prefix, f.suffix), f.required...)
}

// requiredGroups returns groups of literals such that every match of expr
// contains at least one literal of EACH group, the most selective group
// first; at most three groups; nil when nothing is required. Literals are
// lowercased, spaces kept (see gateKeys).
func requiredGroups(expr string) [][]string {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil
	}
	return gatingOf(analyse(re.Simplify())).groups
}

// proseGating is requiredGroups, with where matches can start, for a
// regex that runs only on prose (Block.Text, Block.Lower), whose
// whitespace is single spaces: `studies\s+show` is gated on "studies
// show", not on "studies".
func proseGating(expr string) gating {
	re, ok := parseProse(expr)
	if !ok {
		return gating{start: -1}
	}
	return proseGatingOf(re, analyse(re))
}

// analyseProsePhrase is, from one parse and one analysis, a phrase regex's
// language as phrases when it is a finite list of them (see wordsOf),
// else its gating (see proseGating).
func analyseProsePhrase(expr string) (words []string, g gating) {
	re, ok := parseProse(expr)
	if !ok {
		return nil, gating{start: -1}
	}
	facts := analyse(re)
	if words := wordsOf(re, facts); words != nil {
		return words, gating{start: -1}
	}
	return nil, proseGatingOf(re, facts)
}

// parseProse parses expr for analysis as it runs on prose (see
// proseWhitespace).
func parseProse(expr string) (*syntax.Regexp, bool) {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil, false
	}
	return proseWhitespace(re.Simplify()), true
}

func proseGatingOf(re *syntax.Regexp, facts literalFacts) gating {
	g := gatingOf(facts)
	if hasBeginAnchor(re) {
		// `^` would hold at the start of a slice that is not the
		// start of the text: the regex must see its sentence whole.
		g.start, g.lead = -1, 0
	}
	return g
}

// gating is how a regex is gated: the groups of literals every match
// holds a member of, most selective first, and, when one of the groups
// is a set every match starts with, where matches can start.
type gating struct {
	groups [][]string
	// start is the index in groups of a set every match starts with a
	// member of, -1 when none is. A member may have been cut down to a
	// shorter key (see gateKeys, shrinkTails), so a match starts at most
	// lead-1 bytes before a hit of that group: lead is the length of the
	// longest member.
	start, lead int
}

// gatingOf picks a regex's gating from its facts.
func gatingOf(facts literalFacts) gating {
	type candidate struct {
		keys []string
		lead int // > 0: every match starts with a member this long at most
	}
	var cands []candidate
	seen := map[string]int{}
	consider := func(set []string, starts bool) {
		keys, ok := gateKeys(set)
		if !ok {
			return
		}
		lead := 0
		if starts {
			for _, s := range set {
				lead = max(lead, len(gateKey(s)))
			}
		}
		id := strings.Join(keys, "\x00")
		if i, ok := seen[id]; ok {
			cands[i].lead = max(cands[i].lead, lead)
			return
		}
		seen[id] = len(cands)
		cands = append(cands, candidate{keys, lead})
	}
	// facts.sets(), knowing which sets every match starts with: the
	// exact language and the prefixes.
	if facts.known {
		consider(facts.exact, true)
	}
	consider(facts.prefix, true)
	consider(facts.suffix, false)
	for _, r := range facts.required {
		consider(r, false)
	}
	sort.SliceStable(cands, func(i, j int) bool { return moreSelective(cands[i].keys, cands[j].keys) })
	// A group holding a one- or two-letter word ("a", "an", "x") occurs
	// in nearly every sentence: it costs a hit per occurrence and filters
	// nothing. Keep it only when there is nothing better. (Digits and
	// signs are rare enough in prose to be worth their hits.)
	kept := cands[:0]
	for i, c := range cands {
		if i == 0 || !hasShortWord(c.keys) {
			kept = append(kept, c)
		}
	}
	cands = kept
	if len(cands) > 3 {
		cands = cands[:3]
	}
	g := gating{start: -1}
	for i, c := range cands {
		g.groups = append(g.groups, c.keys)
		if c.lead > 0 && g.start < 0 {
			g.start, g.lead = i, c.lead
		}
	}
	return g
}

// hasBeginAnchor reports whether re holds `^` or `\A`.
func hasBeginAnchor(re *syntax.Regexp) bool {
	if re.Op == syntax.OpBeginLine || re.Op == syntax.OpBeginText {
		return true
	}
	for _, sub := range re.Sub {
		if hasBeginAnchor(sub) {
			return true
		}
	}
	return false
}

// wordsOf returns the language of re as phrase keys when it is a short
// list of whole-word phrases, `\b(?:sober|clean|in recovery)\b`: a \b at
// both ends, a finite language, every member starting and ending with a
// word character. The automaton then finds it as literals, with the same
// whole-word rule phrases have. nil otherwise. facts are re's.
func wordsOf(re *syntax.Regexp, facts literalFacts) []string {
	for re.Op == syntax.OpCapture {
		re = re.Sub[0]
	}
	// Phrases match ASCII case-insensitively; a regex with
	// case-sensitive parts stays a regex.
	if caseSensitiveASCII(re) {
		return nil
	}
	if re.Op != syntax.OpConcat || len(re.Sub) < 3 ||
		re.Sub[0].Op != syntax.OpWordBoundary || re.Sub[len(re.Sub)-1].Op != syntax.OpWordBoundary {
		return nil
	}
	// A capture adds nothing to the facts: analyse looks through it.
	if !facts.known || len(facts.exact) == 0 {
		return nil
	}
	out := make([]string, 0, len(facts.exact))
	for _, s := range facts.exact {
		if s == "" || !isASCIIWordByte(s[0]) || !isASCIIWordByte(s[len(s)-1]) || s != patternKey(s) {
			return nil
		}
		out = append(out, s)
	}
	return out
}

func isASCIIWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

// gateKeys turns a literal set into automaton keys; false when the set
// cannot gate (a member is empty or only whitespace). Unlike phrase keys,
// gate keys keep their spaces: "one " is a far rarer substring of prose
// than "one", which "someone" and "phone" hold.
func gateKeys(set []string) ([]string, bool) {
	if len(set) == 0 {
		return nil, false
	}
	keys := make([]string, 0, len(set))
	for _, s := range set {
		k := gateKey(s)
		if strings.TrimSpace(k) == "" {
			return nil, false
		}
		keys = append(keys, k)
	}
	return minimalKeys(keys), true
}

// minimalKeys drops every key that contains another key: text holding
// "0 men" holds " men", so " men" alone gates the same text. Keys go
// shortest first, each checked against the keys kept so far; those are
// found by their first two bytes at each position of the key, since a
// matcher build minimises sets of thousands of keys and testing each kept
// key in turn made that quadratic.
func minimalKeys(keys []string) []string {
	sort.Slice(keys, func(i, j int) bool {
		if len(keys[i]) != len(keys[j]) {
			return len(keys[i]) < len(keys[j])
		}
		return keys[i] < keys[j]
	})
	keys = dedupe(keys)
	out := keys[:0]
	var single [256]bool             // kept one-byte keys
	byPair := map[[2]byte][]string{} // kept longer keys by their first two bytes
	var pairs pairSet                // the pairs byPair holds, to skip the map for the rest
	keptEmpty := false               // every text holds the empty key
	holdsKept := func(k string) bool {
		if keptEmpty {
			return true
		}
		for i := 0; i < len(k); i++ {
			if single[k[i]] {
				return true
			}
			if i+1 < len(k) && pairs.has(k[i], k[i+1]) {
				for _, kept := range byPair[[2]byte{k[i], k[i+1]}] {
					if strings.HasPrefix(k[i:], kept) {
						return true
					}
				}
			}
		}
		return false
	}
	for _, k := range keys {
		if holdsKept(k) {
			continue
		}
		out = append(out, k)
		switch len(k) {
		case 0:
			keptEmpty = true
		case 1:
			single[k[0]] = true
		default:
			pair := [2]byte{k[0], k[1]}
			byPair[pair] = append(byPair[pair], k)
			pairs.add(k[0], k[1])
		}
	}
	sort.Strings(out)
	return out
}

// hasShortWord reports whether a literal of set is a one- or two-letter
// word fragment.
func hasShortWord(set []string) bool {
	for _, s := range set {
		t := strings.TrimSpace(s)
		if len(t) <= 2 && strings.IndexFunc(t, unicode.IsLetter) >= 0 {
			return true
		}
	}
	return false
}

// gateKey is how a gate literal is found in Block.Lower: lowercased, curly
// quotes straightened as prose has them.
func gateKey(s string) string {
	return asciiLower(quoteStraightener.Replace(s))
}

// moreSelective orders literal sets: the longer the shortest member, the
// rarer the set in prose; among equals, the smaller set.
func moreSelective(a, b []string) bool {
	if la, lb := minLen(a), minLen(b); la != lb {
		return la > lb
	}
	return len(a) < len(b)
}

// analyse computes literalFacts bottom-up.
func analyse(re *syntax.Regexp) literalFacts {
	switch re.Op {
	case syntax.OpLiteral:
		lit := string(re.Rune)
		// Prose is lowercased for ASCII only: a case-insensitive
		// literal with other cased letters cannot be a key. U+FFFD
		// also matches any invalid byte of the text, which no key
		// can stand for.
		if hasSpaceOtherThanBlank(lit) || (re.Flags&syntax.FoldCase != 0 && !caseless(lit)) ||
			strings.ContainsRune(lit, utf8.RuneError) {
			return literalFacts{}
		}
		return exactFacts([]string{asciiLower(lit)})
	case syntax.OpCharClass:
		set, ok := classSet(re)
		if !ok {
			return literalFacts{}
		}
		return exactFacts(set)
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText,
		syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return exactFacts([]string{""})
	case syntax.OpCapture:
		return analyse(re.Sub[0])
	case syntax.OpQuest:
		sub := analyse(re.Sub[0])
		if sub.known {
			return exactFacts(union([]string{""}, sub.exact))
		}
		return literalFacts{optional: true, suffix: sub.suffix}
	case syntax.OpPlus:
		return atLeastOnce(analyse(re.Sub[0]))
	case syntax.OpRepeat:
		sub := analyse(re.Sub[0])
		if re.Max >= 0 && sub.known {
			// x{min,max}: enumerate while small.
			set, ok := []string{""}, true
			var all []string
			for n := 0; n <= re.Max && ok; n++ {
				if n >= re.Min {
					all = union(all, set)
				}
				set, ok = cross(set, sub.exact)
			}
			if ok && len(all) <= maxLiteralSet {
				return exactFacts(all)
			}
		}
		if re.Min >= 1 {
			return atLeastOnce(sub)
		}
		return literalFacts{}
	case syntax.OpAlternate:
		return alternation(re.Sub)
	case syntax.OpConcat:
		return concatenation(re.Sub)
	}
	return literalFacts{}
}

func exactFacts(set []string) literalFacts {
	f := literalFacts{exact: set, known: true}
	if !hasEmpty(set) {
		f.prefix, f.suffix = set, set
	}
	return f
}

// atLeastOnce is x+ (or x{n,} with n >= 1): what x requires, x+ requires.
func atLeastOnce(sub literalFacts) literalFacts {
	f := literalFacts{prefix: sub.prefix, suffix: sub.suffix, required: sub.required}
	if sub.known && !hasEmpty(sub.exact) {
		f.required = append(f.required, sub.exact)
	}
	return f
}

func alternation(subs []*syntax.Regexp) literalFacts {
	facts := make([]literalFacts, len(subs))
	allKnown := true
	for i, s := range subs {
		facts[i] = analyse(s)
		allKnown = allKnown && facts[i].known
	}
	if allKnown {
		var set []string
		for _, f := range facts {
			set = union(set, f.exact)
		}
		if len(set) <= maxLiteralSet {
			return exactFacts(set)
		}
	}
	var f literalFacts
	// A prefix (suffix) of the alternation is one of its branches'.
	f.prefix, f.suffix = facts[0].prefix, facts[0].suffix
	for _, g := range facts[1:] {
		f.prefix = unionOrNil(f.prefix, g.prefix)
		f.suffix = unionOrNil(f.suffix, g.suffix)
	}
	// Every match contains the best requirement of whichever branch
	// matched: their union is required.
	var req []string
	for _, g := range facts {
		best := bestSet(g)
		if best == nil {
			req = nil
			break
		}
		req = union(req, best)
	}
	if req != nil && len(req) <= maxLiteralSet {
		f.required = [][]string{req}
	}
	return f
}

// concatenation crosses adjacent finite parts into longer literals: the
// run of parts with a known language so far, then the prefix of the next
// part, is a set every match contains.
func concatenation(subs []*syntax.Regexp) literalFacts {
	facts := make([]literalFacts, len(subs))
	for i, s := range subs {
		facts[i] = analyse(s)
	}
	var f literalFacts
	run := []string{""} // cross product of the current run of known parts
	exactSoFar := true  // every part so far is known
	for _, g := range facts {
		f.required = append(f.required, g.required...)
		if g.known {
			if next, ok := cross(run, g.exact); ok {
				run = next
				continue
			}
			// Too many combinations: the run as it stands is required;
			// its tails, few enough to cross with the part, go on.
			f.required = append(f.required, nonEmpty(run))
			exactSoFar = false
			if next, ok := cross(shrinkTails(run, maxLiteralSet/len(g.exact)), g.exact); ok {
				run = next
			} else {
				run = g.exact
			}
			continue
		}
		if g.optional {
			// `a (\w+ )?b`: the run is required as it stands; what
			// precedes b is the run (the part matched nothing) or
			// the part's suffix.
			f.required = append(f.required, nonEmpty(run))
			if exactSoFar {
				f.prefix = nonEmpty(run)
				exactSoFar = false
			}
			if g.suffix != nil && !hasEmpty(run) && len(run)+len(g.suffix) <= maxLiteralSet {
				run = union(run, g.suffix)
			} else {
				run = []string{""}
			}
			continue
		}
		// An unknown part ends the run: the run followed by the part's
		// prefix is required; the part's suffix starts the next run.
		closed := run
		if g.prefix != nil {
			if c, ok := cross(run, g.prefix); ok {
				closed = c
			}
		}
		f.required = append(f.required, nonEmpty(closed))
		if exactSoFar {
			f.prefix = nonEmpty(closed)
			exactSoFar = false
		}
		run = []string{""}
		if g.suffix != nil {
			run = g.suffix
		}
	}
	if exactSoFar {
		return exactFacts(run)
	}
	f.required = append(f.required, nonEmpty(run))
	// The suffix: the known parts at the end, after the last unknown
	// part's suffix; run is exactly that.
	f.suffix = nonEmpty(run)
	return f
}

// shrinkTails cuts every string of set to its last k runes, for the
// largest k that leaves at most limit distinct strings: the tail of a
// string every match contains is contained too. nil when even one rune
// leaves too many.
func shrinkTails(set []string, limit int) []string {
	longest := 0
	for _, s := range set {
		longest = max(longest, utf8.RuneCountInString(s))
	}
	tails := func(k int) []string {
		out := make([]string, 0, len(set))
		for _, s := range set {
			out = append(out, lastRunes(s, k))
		}
		return dedupe(out)
	}
	// Fewer runes never give more distinct tails, so the largest k below
	// longest that fits is found by bisection. k = lo fits (0 stands for
	// none yet); k = hi does not, or is longest itself.
	lo, hi := 0, longest
	for hi-lo > 1 {
		mid := int(uint(lo+hi) >> 1)
		if len(tails(mid)) <= limit {
			lo = mid
		} else {
			hi = mid
		}
	}
	if lo == 0 {
		return nil
	}
	return tails(lo)
}

// lastRunes returns the last k runes of s (all of s when it has fewer).
func lastRunes(s string, k int) string {
	i := len(s)
	for ; k > 0 && i > 0; k-- {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	return s[i:]
}

// bestSet is the most selective non-empty set the facts know.
func bestSet(f literalFacts) []string {
	var best []string
	try := func(s []string) {
		if s == nil || hasEmpty(s) {
			return
		}
		if best == nil || moreSelective(s, best) {
			best = s
		}
	}
	for _, s := range f.sets() {
		try(s)
	}
	return best
}

// nonEmpty returns set, or nil when it contains "" (which requires
// nothing).
func nonEmpty(set []string) []string {
	if hasEmpty(set) {
		return nil
	}
	return set
}

func hasEmpty(set []string) bool {
	for _, s := range set {
		if s == "" {
			return true
		}
	}
	return len(set) == 0
}

// cross returns every a+b, or false when there would be too many.
func cross(as, bs []string) ([]string, bool) {
	if len(as)*len(bs) > maxLiteralSet {
		return nil, false
	}
	out := make([]string, 0, len(as)*len(bs))
	for _, a := range as {
		for _, b := range bs {
			out = append(out, a+b)
		}
	}
	return dedupe(out), true
}

func union(a, b []string) []string {
	return dedupe(append(append([]string{}, a...), b...))
}

func unionOrNil(a, b []string) []string {
	if a == nil || b == nil {
		return nil
	}
	u := union(a, b)
	if len(u) > maxLiteralSet {
		return nil
	}
	return u
}

// proseWhitespace rewrites a simplified regex into one that matches the
// same in prose, where the document model guarantees that whitespace is
// single ASCII spaces, never at either end (FuzzParse checks it): a class
// of ASCII whitespace is a space there, `\s+` and ` +` are one space,
// `\s*` an optional one. The analysis can then cross the parts around a
// space into phrases. Other classes keep their whitespace; tabs and line
// breaks in them can never match, and dropping them changes no literal.
func proseWhitespace(re *syntax.Regexp) *syntax.Regexp {
	switch re.Op {
	case syntax.OpCharClass:
		if isProseSpaceClass(re) {
			return &syntax.Regexp{Op: syntax.OpLiteral, Rune: []rune{' '}, Flags: re.Flags &^ syntax.FoldCase}
		}
		return re
	case syntax.OpPlus, syntax.OpStar, syntax.OpRepeat:
		sub := proseWhitespace(re.Sub[0])
		if !isSpaceLiteral(sub) {
			break
		}
		// No two spaces in a row: a run of them is one space or none.
		min, max := 1, -1
		switch re.Op {
		case syntax.OpStar:
			min = 0
		case syntax.OpRepeat:
			min, max = re.Min, re.Max
		}
		switch {
		case min >= 2 || max == 0:
			// Two or more spaces never occur; no space is the empty
			// string. Both are left to the regex to decide.
			return re
		case min == 1:
			return sub
		default:
			return &syntax.Regexp{Op: syntax.OpQuest, Sub: []*syntax.Regexp{sub}, Flags: re.Flags}
		}
	}
	if len(re.Sub) == 0 {
		return re
	}
	out := *re
	out.Sub = make([]*syntax.Regexp, len(re.Sub))
	for i, sub := range re.Sub {
		out.Sub[i] = proseWhitespace(sub)
	}
	return &out
}

// isProseSpaceClass reports whether a class matches a space and, of what
// prose can hold, nothing else: ASCII whitespace only (`\s`, `[ \t]`).
func isProseSpaceClass(re *syntax.Regexp) bool {
	space := false
	for i := 0; i+1 < len(re.Rune); i += 2 {
		for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
			switch r {
			case ' ':
				space = true
			case '\t', '\n', '\v', '\f', '\r':
			default:
				return false
			}
		}
	}
	return space
}

func isSpaceLiteral(re *syntax.Regexp) bool {
	return re.Op == syntax.OpLiteral && len(re.Rune) == 1 && re.Rune[0] == ' '
}

// classSet enumerates a small character class. A class that matches
// whitespace other than a plain space is unknown: text other than prose
// may hold a tab or a line break there, which the automaton's keys never
// do (for prose, proseWhitespace has made such a class a space).
func classSet(re *syntax.Regexp) ([]string, bool) {
	var out []string
	for i := 0; i+1 < len(re.Rune); i += 2 {
		if re.Rune[i+1]-re.Rune[i] > 16 || len(out) > 16 {
			return nil, false
		}
		for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
			if unicode.IsSpace(r) && r != ' ' || r == utf8.RuneError {
				return nil, false
			}
			out = append(out, asciiLower(string(r)))
		}
	}
	return dedupe(out), true
}

func hasSpaceOtherThanBlank(s string) bool {
	for _, r := range s {
		if unicode.IsSpace(r) && r != ' ' {
			return true
		}
	}
	return false
}

// requiredLiterals returns literals of which every match of expr must
// contain at least one (lowercased), the most selective such set, or nil
// when none is known.
func requiredLiterals(expr string) []string {
	groups := requiredGroups(expr)
	if groups == nil {
		return nil
	}
	return groups[0]
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
	seen := make(map[string]bool, len(set))
	out := set[:0]
	for _, s := range set {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// Prefiltered reports whether the matcher finds a regex phrase without
// running it on every block: as a list of phrases, or gated by literals
// so that it runs only where they occur. Literal phrases are always
// matched by the automaton itself.
func (p *Phrase) Prefiltered() bool {
	if p.Regex == "" {
		return true
	}
	// As the matcher analyses it: a list of phrases, or gated.
	words, g := analyseProsePhrase(p.expr())
	return words != nil || g.groups != nil
}

// RequiredLiterals returns literals (lowercased) of which every match of
// the RE2 expression must contain one, or nil when there is no such set.
// Rules gate a regex on them with a LiteralSet.
func RequiredLiterals(expr string) []string { return requiredLiterals(expr) }
