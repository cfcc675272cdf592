package checker

import (
	"fmt"
	"iter"
	"regexp"
	"regexp/syntax"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// Phrase is one entry of a phrase list: a literal or an RE2 regex, matched
// on whole words of a block's prose, case-insensitively by default.
type Phrase struct {
	// Text is a literal phrase; Regex an RE2 expression. Exactly one is set.
	Text  string
	Regex string
	// Message is the finding's message; "{match}" is replaced by the
	// matched text. Suggestion is the rewrite advice.
	Message    string
	Suggestion string
	// Replacement, when HasReplacement, is a safe automatic fix.
	Replacement    string
	HasReplacement bool
	// Exceptions are literal phrases: a match that lies inside an
	// occurrence of one of them is not reported ("child abuse").
	Exceptions    []string
	CaseSensitive bool
	// NegationWindow, when > 0, drops a match that follows a negator
	// ("not", "never", "no"...) within that many words of its sentence.
	NegationWindow int
	// Severity, when set, overrides the rule's default for this phrase.
	Severity Severity
	// Data carries rule-specific payload (an insurer entry, a term's
	// preferred wording).
	Data any

	re       *regexp.Regexp
	compiled bool
}

// expr is the regex as it matches: case-insensitive unless the phrase
// asks for case.
func (p *Phrase) expr() string {
	if p.CaseSensitive {
		return p.Regex
	}
	return "(?i)" + p.Regex
}

func (p *Phrase) compile() error {
	if p.compiled {
		return nil
	}
	if (p.Text == "") == (p.Regex == "") {
		return fmt.Errorf("a phrase needs exactly one of text or regex (got %q, %q)", p.Text, p.Regex)
	}
	if p.Regex != "" {
		re, err := regexp.Compile(p.expr())
		if err != nil {
			return fmt.Errorf("regex %q does not compile: %v", p.Regex, err)
		}
		p.re = re
	}
	p.compiled = true
	return nil
}

// Label is how the phrase is shown in documentation.
func (p *Phrase) Label() string {
	if p.Text != "" {
		return p.Text
	}
	return "/" + p.Regex + "/"
}

// Match is one occurrence of a phrase in a block.
type Match struct {
	Phrase *Phrase
	Block  *Block
	// Text is the span in Block.Text; Sentence indexes Block.Sentences.
	Text     Span
	Sentence int
}

// Source returns the exact source bytes the match covers.
func (m Match) Source() Span { return m.Block.SourceSpan(m.Text) }

// String returns the matched prose.
func (m Match) String() string { return m.Block.Text[m.Text.Start:m.Text.End] }

// patternTarget says what an automaton pattern stands for.
type patternTarget struct {
	rule      int // index into matcher.rules
	phrase    *Phrase
	exception bool
	keyword   bool
	literal   bool // a literal phrase, or one literal of a finite regex
	gate      int  // 1 + index into matcher.regexes of the regex this literal gates
	group     int  // which of the regex's literal groups it belongs to
	litSet    int  // 1 + the bit of the LiteralSet this literal belongs to
	// excepted, on an exception, is every phrase it is an exception of
	// when there is more than one (phrase is then nil): see
	// mergeExceptions.
	excepted map[*Phrase]bool
}

// excepts reports whether exception target t applies to phrase p.
func (t *patternTarget) excepts(p *Phrase) bool {
	if t.excepted != nil {
		return t.excepted[p]
	}
	return t.phrase == p
}

// mergeExceptions folds a pattern's exception targets into one. A topic
// lexicon gives the same exceptions to every phrase of a set, so one
// occurrence of "National Institute on Drug Abuse" was once six hundred
// exception hits (one per addiction phrase), which made up most of all
// hits on a typical page and had to be sorted and searched.
func mergeExceptions(targets []patternTarget) []patternTarget {
	first, n := -1, 0
	for i := range targets {
		if targets[i].exception {
			if first < 0 {
				first = i
			}
			n++
		}
	}
	if n < 2 {
		return targets
	}
	merged := patternTarget{exception: true, rule: targets[first].rule, excepted: make(map[*Phrase]bool, n)}
	out := targets[:0]
	for _, t := range targets {
		if !t.exception {
			out = append(out, t)
			continue
		}
		merged.excepted[t.phrase] = true
	}
	return append(out, merged)
}

// matcher finds every literal phrase, exception and keyword of a set of
// rules in one Aho-Corasick pass over each block.
type matcher struct {
	rules []*Rule
	ac    *acAutomaton
	// targets holds what each pattern stands for, pattern i's at
	// targets[first[i]:first[i+1]]: one array rather than a slice per
	// pattern, because the garbage collector marks every live object on
	// every cycle, and a spelling dictionary made 38,000 of them.
	targets []patternTarget
	first   []int32
	regexes []regexTarget
	// words holds the patterns that are one whole word (a spelling
	// dictionary is tens of thousands of them): looked up per word of
	// prose in a hash table instead of in the automaton, which keeps the
	// automaton small enough to run as a DFA. The automaton's pattern
	// indexes are acIndex; words map to pattern indexes directly.
	words   map[string]int32
	wordBit *wordFilter
	acIndex []int32
	ungated []int // regexes without gates
	// litIndex numbers the rules' Literals sets the pass looks for, at
	// most maxSharedLiteralSets of them (a bit each in Block.litFound).
	litIndex map[*LiteralSet]uint
	scratch  sync.Pool
}

type regexTarget struct {
	rule   int
	phrase *Phrase
	// lowered is the regex as it runs on Block.Lower (see lowerRegexp);
	// a case-sensitive regex runs unchanged on Block.Text (onText). Its
	// searches run on a lazy DFA where the text allows (see DFARegexp).
	lowered *DFARegexp
	onText  bool
	target  patternTarget // what its matches are reported as
	// groups is the number of literal groups gating the regex: it runs
	// only on sentences holding a literal of each. 0: ungated, it runs on
	// every block.
	groups int
	// startGroup, when not -1, is a group every match starts with a
	// member of, at most lead-1 bytes before a hit of the group: the
	// regex need not read a sentence from its start (see runGated).
	startGroup, lead int
	// groupBytes holds, for each group but the first, its one-byte
	// members ("0" to "9" for `[0-9]+`), which runGated looks for in a
	// sentence itself rather than have the automaton report: in health
	// pages digits are everywhere (phone numbers, doses, dates, rates),
	// and as gates they were a tenth of all the automaton's hits.
	groupBytes []asciiSet
}

// asciiSet is a set of ASCII bytes.
type asciiSet [2]uint64

func (s *asciiSet) add(c byte)      { s[c>>6] |= 1 << (c & 63) }
func (s *asciiSet) has(c byte) bool { return c < utf8.RuneSelf && s[c>>6]&(1<<(c&63)) != 0 }
func (s *asciiSet) empty() bool     { return s[0]|s[1] == 0 }

// indexIn returns the offset of the first byte of text in s, or -1.
func (s *asciiSet) indexIn(text string) int {
	for i := 0; i < len(text); i++ {
		if s.has(text[i]) {
			return i
		}
	}
	return -1
}

var quoteStraightener = strings.NewReplacer("\u2019", "'", "\u2018", "'", "\u201c", `"`, "\u201d", `"`)

// plainKey reports whether s is lowercase ASCII with single inner spaces,
// so that patternKey would return it unchanged.
func plainKey(s string) bool {
	if s == "" || s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || c >= 'A' && c <= 'Z' || c < ' ' || c == ' ' && s[i+1] == ' ' {
			return false
		}
	}
	return true
}

// patternKey is the form a phrase is searched in: lowercased, whitespace
// collapsed, and with straight quotes (prose has curly quotes straightened
// already).
func patternKey(s string) string {
	if plainKey(s) {
		return s // the common case: already a key, nothing to allocate
	}
	s = quoteStraightener.Replace(s)
	return asciiLower(strings.Join(strings.Fields(s), " "))
}

func newMatcher(rules []*Rule) *matcher {
	m := &matcher{rules: rules}
	analysed := analyseRegexPhrases(rules)
	n := 0
	for _, r := range rules {
		n += len(r.Phrases) + len(r.Keywords)
	}
	index := make(map[string]int32, n)
	pats := make([]string, 0, n)
	// Targets as found, each with its pattern's index: grouped by pattern
	// once all are in, rather than grown one small slice per pattern
	// (tens of thousands of allocations at every start-up).
	found := make([]patternTarget, 0, n)
	foundPattern := make([]int32, 0, n)
	add := func(k string, t patternTarget) {
		if k == "" {
			return
		}
		i, ok := index[k]
		if !ok {
			i = int32(len(pats))
			index[k] = i
			pats = append(pats, k)
		}
		found = append(found, t)
		foundPattern = append(foundPattern, i)
	}
	for ri, r := range rules {
		for _, kw := range r.Keywords {
			add(patternKey(kw), patternTarget{rule: ri, keyword: true})
		}
		for _, p := range r.Phrases {
			if p.Regex != "" {
				pa := analysed[p]
				if pa.broken {
					continue
				}
				lits, groups := pa.words, pa.gating.groups
				if lits != nil {
					for _, lit := range lits {
						add(lit, patternTarget{rule: ri, phrase: p, literal: true})
					}
					for _, e := range p.Exceptions {
						add(patternKey(e), patternTarget{rule: ri, phrase: p, exception: true})
					}
					continue
				}
				if groups == nil {
					m.ungated = append(m.ungated, len(m.regexes))
				}
				rt := regexTarget{rule: ri, phrase: p, onText: true, groups: len(groups),
					startGroup: pa.gating.start, lead: pa.gating.lead}
				runs := p.re
				if pa.lowered != nil {
					runs, rt.onText = pa.lowered, false
				}
				rt.lowered = NewDFARegexp(runs)
				rt.target = patternTarget{rule: ri, phrase: p}
				for gi, g := range groups {
					for _, lit := range g {
						if gi > 0 && len(lit) == 1 && lit[0] < utf8.RuneSelf {
							if rt.groupBytes == nil {
								rt.groupBytes = make([]asciiSet, len(groups))
							}
							rt.groupBytes[gi].add(lit[0])
							continue
						}
						add(lit, patternTarget{rule: ri, gate: len(m.regexes) + 1, group: gi})
					}
				}
				m.regexes = append(m.regexes, rt)
			} else {
				add(patternKey(p.Text), patternTarget{rule: ri, phrase: p, literal: true})
			}
			for _, e := range p.Exceptions {
				add(patternKey(e), patternTarget{rule: ri, phrase: p, exception: true})
			}
		}
	}
	m.litIndex = map[*LiteralSet]uint{}
	for ri, r := range rules {
		for _, ls := range r.Literals {
			if _, ok := m.litIndex[ls]; ok || ls == nil || !ls.sharedWorthy() || len(m.litIndex) == maxSharedLiteralSets {
				continue
			}
			bit := len(m.litIndex)
			m.litIndex[ls] = uint(bit)
			for _, lit := range ls.lits {
				add(lit, patternTarget{rule: ri, litSet: bit + 1})
			}
		}
	}
	// Group the targets by pattern, keeping the order they were found in,
	// then fold each pattern's exceptions into one.
	m.first = make([]int32, len(pats)+1)
	for _, i := range foundPattern {
		m.first[i+1]++
	}
	for i := 1; i < len(m.first); i++ {
		m.first[i] += m.first[i-1]
	}
	m.targets = make([]patternTarget, len(found))
	next := append([]int32(nil), m.first[:len(pats)]...)
	for j, i := range foundPattern {
		m.targets[next[i]] = found[j]
		next[i]++
	}
	kept := int32(0)
	for i := range pats {
		merged := mergeExceptions(m.targets[m.first[i]:m.first[i+1]])
		m.first[i] = kept
		kept += int32(copy(m.targets[kept:], merged))
	}
	m.first[len(pats)] = kept
	m.targets = m.targets[:kept]
	var acPats []string
	for i, k := range pats {
		if wordOnly(k, m.targets[m.first[i]:m.first[i+1]]) {
			if m.words == nil {
				m.words = make(map[string]int32, len(pats))
			}
			m.words[k] = int32(i)
			if m.wordBit == nil {
				m.wordBit = new(wordFilter)
			}
			m.wordBit.add(k)
			continue
		}
		acPats = append(acPats, k)
		m.acIndex = append(m.acIndex, int32(i))
	}
	if len(acPats) > 0 {
		m.ac = newACAutomaton(acPats)
	}
	m.scratch.New = func() any { return &matchScratch{gatePos: make([][][]int, len(m.regexes))} }
	return m
}

// maxSharedLiteralSets is how many literal sets the shared pass looks
// for: one bit each in Block.litFound. Sets past it are answered by
// LiteralSet.In as before.
const maxSharedLiteralSets = 64

// wordOnly reports whether pattern k can be found by word lookup: it is
// one word (word runes only) and every target is a phrase, which must
// match whole words anyway. Keywords, gates and exceptions match inside
// words ("bed" in "beds"), so they stay in the automaton.
func wordOnly(k string, targets []patternTarget) bool {
	for _, t := range targets {
		if t.keyword || t.gate > 0 || t.exception || t.litSet > 0 {
			return false
		}
	}
	for _, r := range k {
		if !isWordRune(r) {
			return false
		}
	}
	return true
}

// wordFilter is a one-hash Bloom filter over the one-word patterns: most
// words of prose are in no list, and one bit of a table rejects nearly
// all of them for less than a map lookup costs. The table has about 32
// bits for each one-word pattern of the built-in lists (31,800 of them),
// so about 4% of other words get through to the map.
type wordFilter [1 << (wordFilterBits - 6)]uint64

// wordFilterBits is the filter's size, log2 of its bits: 2^20 bits,
// 128 KB, more than the first-level cache holds but checked off the
// walk's chain of dependent loads.
const wordFilterBits = 20

// wordHash is 32-bit FNV-1a.
func wordHash(w string) uint32 {
	h := uint32(fnvOffset)
	for i := 0; i < len(w); i++ {
		h = (h ^ uint32(w[i])) * fnvPrime
	}
	return h
}

const fnvOffset, fnvPrime = 2166136261, 16777619

func (f *wordFilter) add(w string) {
	h := wordHash(w) >> (32 - wordFilterBits)
	f[h>>6] |= 1 << (h & 63)
}

// mayHold reports whether a word with this wordHash may be in the set.
func (f *wordFilter) mayHold(h uint32) bool {
	h >>= 32 - wordFilterBits
	return f[h>>6]&(1<<(h&63)) != 0
}

// eachWord calls fn with the start, end and wordHash of every maximal run
// of word runes in s; the hash is computed as the bytes go by.
func eachWord(s []byte, fn func(start, end int, hash uint32)) {
	start := -1
	h := uint32(fnvOffset)
	for i := 0; i < len(s); {
		size, word := runeAt(s, i)
		if word {
			if start < 0 {
				start, h = i, fnvOffset
			}
			for j := i; j < i+size; j++ {
				h = (h ^ uint32(s[j])) * fnvPrime
			}
		} else if start >= 0 {
			fn(start, i, h)
			start = -1
		}
		i += size
	}
	if start >= 0 {
		fn(start, len(s), h)
	}
}

// runeAt returns the size of the rune starting at s[i] and whether it is a
// word rune. An invalid byte is a rune of its own, one byte long.
func runeAt(s []byte, i int) (size int, word bool) {
	if c := s[i]; c < utf8.RuneSelf {
		return 1, asciiWord[c]
	}
	return multibyteAt(s, i)
}

// multibyteAt is runeAt for a rune that is not ASCII.
func multibyteAt(s []byte, i int) (size int, word bool) {
	r, size := utf8.DecodeRune(s[i:])
	return size, isWordRune(r)
}

// asciiWord marks the ASCII word bytes: letters, digits and '_'.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := 0; c < utf8.RuneSelf; c++ {
		t[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
	}
	return t
}()

// docMatches is the result of matching one document.
type docMatches struct {
	byRule  [][]Match
	keyword []bool
	// all backs every rule's matches; release hands it to the next
	// document once the rules are done with them.
	all *[]Match
}

// matchArrays holds arrays that backed a checked document's matches.
var matchArrays sync.Pool // of *[]Match

func (dm docMatches) release() {
	if dm.all == nil {
		return
	}
	clear(*dm.all) // matches point at blocks and phrases
	if cap(*dm.all) <= maxPooledItems {
		matchArrays.Put(dm.all)
	}
}

// maxPooledItems bounds the arrays of matches, hits and findings that
// go back to a pool: a huge page's would stay in the rotation, and hold
// pointers every collection scans, for the rest of the run.
const maxPooledItems = 1 << 14

type hit struct {
	span Span
	tgt  *patternTarget
}

// matchScratch is the working memory of one run, reused across documents
// so that matching a page allocates little beyond its matches.
type matchScratch struct {
	hits    []hit
	gatePos [][][]int
	touched []int
	exc     exceptions
	found   []ruleMatch
}

// run matches every block of doc.
func (m *matcher) run(doc *Document) docMatches {
	res := docMatches{byRule: make([][]Match, len(m.rules)), keyword: make([]bool, len(m.rules))}
	sc := m.scratch.Get().(*matchScratch)
	defer m.scratch.Put(sc)
	hits := sc.hits[:0]
	defer func() {
		if cap(hits) > maxPooledItems {
			hits = nil
		}
		sc.hits = hits[:0]
	}()
	// For each gated regex, where each of its literal groups occurred in
	// the block (group i's positions at gatePos[regex][i]); touched lists
	// the regexes with any gate in the block.
	gatePos := sc.gatePos
	touched := sc.touched[:0]
	defer func() {
		for _, ri := range touched {
			for g := range gatePos[ri] {
				gatePos[ri][g] = gatePos[ri][g][:0]
			}
		}
		sc.touched = touched[:0]
	}()
	for _, b := range doc.Blocks {
		hits = hits[:0]
		for _, ri := range touched {
			for g := range gatePos[ri] {
				gatePos[ri][g] = gatePos[ri][g][:0]
			}
		}
		touched = touched[:0]
		b.litIndex, b.litFound = m.litIndex, 0
		found := func(start, end, pattern int) {
			whole := 0 // 1: the span is whole words, -1: it is not, 0: not yet known
			for ti := m.first[pattern]; ti < m.first[pattern+1]; ti++ {
				t := &m.targets[ti]
				if t.literal || t.exception {
					// Phrases and exceptions match whole words only:
					// most automaton hits ("heal" in "health") end
					// here rather than in filter.
					if whole == 0 {
						whole = -1
						if wholeWord(b.Text, Span{start, end}) {
							whole = 1
						}
					}
					if whole < 0 {
						continue
					}
				}
				if t.keyword {
					res.keyword[t.rule] = true
					continue
				}
				if t.gate > 0 {
					ri := t.gate - 1
					if gatePos[ri] == nil {
						gatePos[ri] = make([][]int, m.regexes[ri].groups)
					}
					if !anyGate(gatePos[ri]) {
						touched = append(touched, ri)
					}
					gatePos[ri][t.group] = append(gatePos[ri][t.group], start)
					continue
				}
				if t.litSet > 0 {
					b.litFound |= 1 << (t.litSet - 1)
					continue
				}
				hits = append(hits, hit{Span{start, end}, t})
			}
		}
		onWord := func(start, end int, hash uint32) {
			if !m.wordBit.mayHold(hash) {
				return
			}
			if p, ok := m.words[b.Lower[start:end]]; ok {
				found(start, end, int(p))
			}
		}
		onHit := func(last, n, pattern int) {
			found(last-n+1, last+1, int(m.acIndex[pattern]))
		}
		// The walks only read; viewing the string's bytes avoids a copy.
		lower := stringBytes(b.Lower)
		switch {
		case m.ac != nil && m.ac.delta != nil && m.words != nil:
			m.ac.walkDFAWords(lower, m.wordBit, onHit, onWord)
		default:
			if m.ac != nil {
				m.ac.Walk(lower, func(last, n, pattern int) bool {
					onHit(last, n, pattern)
					return true
				})
			}
			if m.words != nil {
				eachWord(lower, onWord)
			}
		}
		for _, ri := range m.ungated {
			rt := &m.regexes[ri]
			for _, loc := range rt.lowered.FindAllStringIndex(rt.prose(b), -1) {
				if loc[0] == loc[1] {
					continue // an empty match (`x*`) is no phrase
				}
				hits = append(hits, hit{Span{loc[0], loc[1]}, &rt.target})
			}
		}
		// Regexes run in the order they were declared, whatever order
		// their gates turned up in.
		slices.Sort(touched)
		for _, ri := range touched {
			hits = m.runGated(b, ri, gatePos[ri], hits)
		}
		if len(hits) == 0 {
			continue
		}
		sc.found = m.filter(b, hits, &sc.exc, sc.found)
	}
	// One allocation for every rule's matches, each rule's in a slice of
	// it (in the order found, which filter keeps sorted by block).
	counts := make([]int, len(m.rules)+1)
	for _, f := range sc.found {
		counts[f.rule+1]++
	}
	for i := 1; i < len(counts); i++ {
		counts[i] += counts[i-1]
	}
	arr, _ := matchArrays.Get().(*[]Match)
	if arr == nil || cap(*arr) < len(sc.found) {
		arr = new([]Match)
		*arr = make([]Match, len(sc.found), len(sc.found)+len(sc.found)/4)
	}
	*arr = (*arr)[:len(sc.found)]
	all := *arr
	res.all = arr
	next := append([]int(nil), counts[:len(m.rules)]...)
	for _, f := range sc.found {
		all[next[f.rule]] = f.match
		next[f.rule]++
	}
	clear(sc.found)
	sc.found = sc.found[:0]
	if cap(sc.found) > maxPooledItems {
		sc.found = nil
	}
	for ri, r := range m.rules {
		if len(r.Keywords) == 0 {
			res.keyword[ri] = true
		}
		if counts[ri] < counts[ri+1] {
			// Capacity ends with the rule's own matches: a rule that
			// appends to its list cannot overwrite the next rule's.
			res.byRule[ri] = longestFirst(all[counts[ri]:counts[ri+1]:counts[ri+1]])
		}
	}
	return res
}

// phraseAnalysis is what the matcher build needs to know of a regex
// phrase, worked out before the build proper (see analyseRegexPhrases).
type phraseAnalysis struct {
	// broken: the regex does not compile. Rules built in code may never
	// have been validated; the build skips the phrase, and Rule.Validate
	// reports it.
	broken bool
	// words, when not nil, is the regex's language as phrases: a finite
	// language bounded by \b, which the automaton finds with no regex
	// run at all. Phrases run on prose only, so the analysis may read
	// `\s+` as one space.
	words []string
	// gating gates the regex otherwise (no groups: it runs on every
	// block).
	gating gating
	// lowered is the regex for Block.Lower, when it can run there.
	lowered *regexp.Regexp
}

// analyseRegexPhrases compiles and analyses the rules' regex phrases on
// every core: the analysis is most of what building a matcher costs, and
// it is what a run waits for before its first file.
func analyseRegexPhrases(rules []*Rule) map[*Phrase]*phraseAnalysis {
	out := map[*Phrase]*phraseAnalysis{}
	var todo []*Phrase
	for _, r := range rules {
		for _, p := range r.Phrases {
			if p.Regex != "" && out[p] == nil {
				out[p] = &phraseAnalysis{}
				todo = append(todo, p)
			}
		}
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(todo)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= len(todo) {
					return
				}
				p := todo[i]
				pa := out[p] // read only: the map is complete
				if p.compile() != nil {
					pa.broken = true
					continue
				}
				if pa.words, pa.gating = analyseProsePhrase(p.expr()); pa.words == nil && !p.CaseSensitive {
					pa.lowered = lowerRegexp(p.Regex)
				}
			}
		}()
	}
	wg.Wait()
	return out
}

// ruleMatch is a match found for rule, before matches are grouped by rule.
type ruleMatch struct {
	rule  int
	match Match
}

// prose is the text the regex runs on.
func (rt *regexTarget) prose(b *Block) string {
	if rt.onText {
		return b.Text
	}
	return b.Lower
}

// CompileLower compiles a case-insensitive RE2 expression to run on
// Block.Lower (see lowerRegexp): same matches, same offsets, no case
// folding at match time. When the expression has case-sensitive parts,
// `(?-i:the Lifeline)`, which lowercased prose cannot honour, onLower is
// false and the regex returned is the case-insensitive one for
// Block.Text.
func CompileLower(expr string) (re *regexp.Regexp, onLower bool, err error) {
	folded, err := regexp.Compile("(?i)" + expr)
	if err != nil {
		return nil, false, err
	}
	if lowered := lowerRegexp(expr); lowered != nil {
		return lowered, true, nil
	}
	return folded, false, nil
}

// lowerRegexp compiles a case-insensitive phrase regex for Block.Lower,
// where ASCII letters are already lowercase: its ASCII literals become
// plain lowercase literals instead of case-folding ones, which Go's
// matcher tests rune by rune through a folding table. Literals with other
// cased letters keep folding, since Lower keeps their case. nil when the
// regex has case-sensitive parts (see caseSensitiveASCII): it must run on
// Block.Text.
func lowerRegexp(expr string) *regexp.Regexp {
	re, err := syntax.Parse("(?i)"+expr, syntax.Perl)
	if err != nil || caseSensitiveASCII(re) {
		return nil
	}
	var lower func(r *syntax.Regexp)
	lower = func(r *syntax.Regexp) {
		if r.Op == syntax.OpLiteral && r.Flags&syntax.FoldCase != 0 {
			ascii := true
			for _, c := range r.Rune {
				ascii = ascii && c < utf8.RuneSelf
			}
			if ascii {
				for i, c := range r.Rune {
					if c >= 'A' && c <= 'Z' {
						r.Rune[i] = c + 'a' - 'A'
					}
				}
				r.Flags &^= syntax.FoldCase
			}
		}
		for _, sub := range r.Sub {
			lower(sub)
		}
	}
	lower(re)
	out, err := regexp.Compile(re.String())
	if err != nil {
		return nil
	}
	return out
}

// caseSensitiveASCII reports whether part of a parsed regex tells ASCII
// letters' cases apart: a literal outside case folding that has a letter,
// or a class that holds a letter in one case only. Lowercased prose has
// lost that distinction.
func caseSensitiveASCII(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase == 0 {
			for _, c := range re.Rune {
				if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' {
					return true
				}
			}
		}
	case syntax.OpCharClass:
		in := func(c rune) bool {
			for i := 0; i+1 < len(re.Rune); i += 2 {
				if c >= re.Rune[i] && c <= re.Rune[i+1] {
					return true
				}
			}
			return false
		}
		for c := 'a'; c <= 'z'; c++ {
			if in(c) != in(c-'a'+'A') {
				return true
			}
		}
	}
	for _, sub := range re.Sub {
		if caseSensitiveASCII(sub) {
			return true
		}
	}
	return false
}

// stringBytes views a string's bytes for reading without a copy.
func stringBytes(s string) []byte { return unsafe.Slice(unsafe.StringData(s), len(s)) }

// anyGate reports whether any group of a regex has a gate in the block.
func anyGate(pos [][]int) bool {
	for _, p := range pos {
		if len(p) > 0 {
			return true
		}
	}
	return false
}

// runGated runs gated regex ri on the sentences of b that hold a literal
// of every one of its groups: phrases do not cross sentences, so a regex
// whose words are spread over different sentences cannot match.
func (m *matcher) runGated(b *Block, ri int, pos [][]int, hits []hit) []hit {
	rt := &m.regexes[ri]
	last := -1
	for _, a := range pos[0] {
		si := b.SentenceAt(a)
		if si == last {
			continue
		}
		last = si
		sp := b.Sentences[si]
		if !rt.allGroupsIn(b, pos, sp) {
			continue
		}
		prose := rt.prose(b)
		from := matchFloor(b, prose, sp, rt, pos)
		sentence := prose[from:sp.End]
		start, end, ok := rt.lowered.first(sentence)
		if !ok {
			continue
		}
		// A further match would start at or after the first one's end
		// and hold an anchor literal there. Without such an anchor
		// the first match is the only one, and the regex need not run
		// again for the rest.
		if start < end && !anyIn(pos[0], Span{from + end, sp.End}) {
			hits = append(hits, hit{Span{from + start, from + end}, &rt.target})
			continue
		}
		for _, loc := range rt.lowered.FindAllStringIndex(sentence, -1) {
			if loc[0] < loc[1] {
				hits = append(hits, hit{Span{from + loc[0], from + loc[1]}, &rt.target})
			}
		}
	}
	return hits
}

// matchFloor returns where in sentence sp of prose the regex may start
// reading: no match starts before it. Every match of a regex with a start
// group begins with a member of it, at most lead-1 bytes before a hit of
// the group, so none starts before the first hit less that (see
// floorBefore).
func matchFloor(b *Block, prose string, sp Span, rt *regexTarget, pos [][]int) int {
	if rt.startGroup < 0 {
		return sp.Start
	}
	first := -1
	for _, p := range pos[rt.startGroup] {
		if p >= sp.Start && p < sp.End && (first < 0 || p < first) {
			first = p
		}
	}
	if rt.groupBytes != nil && !rt.groupBytes[rt.startGroup].empty() {
		// Gates are found in Block.Lower, at the same offsets as in
		// Block.Text.
		if i := rt.groupBytes[rt.startGroup].indexIn(b.Lower[sp.Start:sp.End]); i >= 0 && (first < 0 || sp.Start+i < first) {
			first = sp.Start + i
		}
	}
	return floorBefore(prose, sp.Start, first, rt.lead)
}

// anyIn reports whether a position of ps lies in sp.
func anyIn(ps []int, sp Span) bool {
	for _, p := range ps {
		if p >= sp.Start && p < sp.End {
			return true
		}
	}
	return false
}

// allGroupsIn reports whether sentence sp of b holds a hit of each of the
// regex's groups after the first, found by the automaton (pos) or, for
// one-byte members, in the sentence itself.
func (rt *regexTarget) allGroupsIn(b *Block, pos [][]int, sp Span) bool {
	for g := 1; g < len(pos); g++ {
		if anyIn(pos[g], sp) {
			continue
		}
		if rt.groupBytes == nil || rt.groupBytes[g].empty() || rt.groupBytes[g].indexIn(b.Lower[sp.Start:sp.End]) < 0 {
			return false
		}
	}
	return true
}

// filter turns raw automaton hits of one block into matches: whole words
// only, case where asked, not inside an exception, not negated.
func (m *matcher) filter(b *Block, hits []hit, scratch *exceptions, found []ruleMatch) []ruleMatch {
	// In source order, longest first at equal starts: each rule's
	// matches then come out sorted, and exceptions are sorted for
	// exceptionIndex. Stable, so equal spans keep the order found.
	slices.SortStableFunc(hits, func(x, y hit) int {
		if x.span.Start != y.span.Start {
			return x.span.Start - y.span.Start
		}
		return y.span.End - x.span.End
	})
	exc := exceptionIndex(scratch, hits)
	for _, h := range hits {
		if h.tgt.exception {
			continue
		}
		p := h.tgt.phrase
		if p.CaseSensitive && h.tgt.literal && b.Text[h.span.Start:h.span.End] != p.Text {
			continue
		}
		if exc != nil && exc.covers(p, h.span) {
			continue
		}
		sent := b.SentenceAt(h.span.Start)
		if p.NegationWindow > 0 && Negated(b, sent, h.span.Start, p.NegationWindow) {
			continue
		}
		found = append(found, ruleMatch{h.tgt.rule, Match{Phrase: p, Block: b, Text: h.span, Sentence: sent}})
	}
	return found
}

// exceptions holds a block's exception occurrences sorted by start, so
// that checking a hit costs a binary search, not a scan of every hit (a
// 10 MB paragraph has a million of them).
type exceptions struct {
	spans  []exceptionSpan
	maxLen int
}

type exceptionSpan struct {
	Span
	tgt *patternTarget
}

// exceptionIndex collects the exception hits of a block; hits are sorted
// by start.
// e is reused from block to block; nil when the block has none.
func exceptionIndex(e *exceptions, hits []hit) *exceptions {
	e.spans, e.maxLen = e.spans[:0], 0
	for _, h := range hits {
		if !h.tgt.exception {
			continue
		}
		e.spans = append(e.spans, exceptionSpan{h.span, h.tgt})
		e.maxLen = max(e.maxLen, h.span.End-h.span.Start)
	}
	if len(e.spans) == 0 {
		return nil
	}
	return e // in start order: hits are sorted
}

// covers reports whether an exception of phrase p contains span s.
func (e *exceptions) covers(p *Phrase, s Span) bool {
	// Only exceptions starting within maxLen before s can contain it.
	i := sort.Search(len(e.spans), func(i int) bool { return e.spans[i].Start >= s.End-e.maxLen })
	for ; i < len(e.spans) && e.spans[i].Start <= s.Start; i++ {
		if e.spans[i].End >= s.End && e.spans[i].tgt.excepts(p) {
			return true
		}
	}
	return false
}

// longestFirst keeps, among overlapping matches in the same block, the
// leftmost longest one, so "Beacon Health Options" wins over "Beacon".
func longestFirst(ms []Match) []Match {
	if len(ms) < 2 {
		return ms
	}
	// filter appends each block's matches sorted, blocks in order; the
	// sort only matters for lists built otherwise.
	sorted := true
	for i := 1; i < len(ms); i++ {
		a, b := &ms[i-1], &ms[i]
		if a.Block == b.Block && (a.Text.Start > b.Text.Start || a.Text.Start == b.Text.Start && a.Text.End < b.Text.End) {
			sorted = false
			break
		}
	}
	if !sorted {
		sortInBlockOrder(ms)
	}
	// Matches up to the first overlap stay where they are.
	n := 1
	for n < len(ms) && (ms[n].Block != ms[n-1].Block || ms[n].Text.Start >= ms[n-1].Text.End) {
		n++
	}
	for i := n; i < len(ms); i++ {
		if ms[n-1].Block == ms[i].Block && ms[i].Text.Start < ms[n-1].Text.End {
			continue
		}
		ms[n] = ms[i]
		n++
	}
	return ms[:n]
}

// sortInBlockOrder sorts matches within each block by start, longest
// first at equal starts, and otherwise keeps their order.
func sortInBlockOrder(ms []Match) {
	sort.SliceStable(ms, func(i, j int) bool {
		if ms[i].Block != ms[j].Block {
			return false
		}
		if ms[i].Text.Start != ms[j].Text.Start {
			return ms[i].Text.Start < ms[j].Text.Start
		}
		return ms[i].Text.End > ms[j].Text.End
	})
}

// IsWordByte-level helpers work on runes so that "cure—really" still
// sees the dash as a boundary.
func isWordRune(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r)
}

// wholeWord reports whether span starts and ends at word boundaries,
// checked only where the phrase itself begins or ends with a word rune.
func wholeWord(text string, s Span) bool {
	// Most spans are bounded by ASCII on both sides: a byte each.
	if s.Start > 0 && s.Start < s.End && s.End < len(text) {
		prev, first, last, next := text[s.Start-1], text[s.Start], text[s.End-1], text[s.End]
		if prev|first|last|next < utf8.RuneSelf {
			return !(asciiWord[prev] && asciiWord[first]) && !(asciiWord[last] && asciiWord[next])
		}
	}
	return wholeWordByRunes(text, s)
}

// wholeWordByRunes is wholeWord decoding the runes on each side.
func wholeWordByRunes(text string, s Span) bool {
	if s.Start > 0 {
		first, _ := utf8.DecodeRuneInString(text[s.Start:])
		prev, _ := utf8.DecodeLastRuneInString(text[:s.Start])
		if isWordRune(first) && isWordRune(prev) {
			return false
		}
	}
	if s.End < len(text) {
		last, _ := utf8.DecodeLastRuneInString(text[:s.End])
		next, _ := utf8.DecodeRuneInString(text[s.End:])
		if isWordRune(last) && isWordRune(next) {
			return false
		}
	}
	return true
}

// negators are words that turn a following claim into its denial.
var negators = map[string]bool{
	"not": true, "no": true, "never": true, "don't": true, "doesn't": true, "didn't": true,
	"won't": true, "cannot": true, "can't": true, "isn't": true, "aren't": true, "wasn't": true,
	"weren't": true, "without": true, "nor": true, "neither": true, "none": true, "nothing": true,
	"avoid": true, "avoids": true, "shouldn't": true, "couldn't": true, "wouldn't": true, "nobody": true,
	"dont": true, "doesnt": true, "cant": true, "isnt": true, "beware": true, "against": true,
}

// Negated reports whether a negator occurs within window words before text
// offset off in the given sentence of b.
func Negated(b *Block, sentence, off, window int) bool {
	if sentence < 0 || sentence >= len(b.Sentences) {
		return false
	}
	// Walk back word by word from off, at most window words, never past
	// the sentence start: the cost is bounded by the window, not by the
	// sentence.
	start := b.Sentences[sentence].Start
	lower := b.Lower
	i := off
	inWord := func(i int) (bool, int) {
		r, size := utf8.DecodeLastRuneInString(lower[start:i])
		return isWordRune(r) || r == '\'', size
	}
	for n := 0; n < window; n++ {
		for i > start {
			if w, size := inWord(i); w {
				break
			} else {
				i -= size
			}
		}
		end := i
		for i > start {
			w, size := inWord(i)
			if !w {
				break
			}
			i -= size
		}
		if i == end {
			return false
		}
		if negators[lower[i:end]] {
			return true
		}
	}
	return false
}

// Words splits lowercase prose into words (letters, digits, apostrophes).
func Words(s string) []string {
	out := []string{}
	for w := range WordSeq(s) {
		out = append(out, w)
	}
	return out
}

// WordSeq yields the words Words returns without building the slice:
// claim judgements walk the words before every match.
func WordSeq(s string) iter.Seq[string] {
	return func(yield func(string) bool) {
		start := -1
		for i := 0; i < len(s); {
			c, size := s[i], 1
			var in bool
			if c < utf8.RuneSelf {
				in = asciiWord[c] || c == '\''
			} else {
				var r rune
				r, size = utf8.DecodeRuneInString(s[i:])
				in = isWordRune(r)
			}
			switch {
			case in && start < 0:
				start = i
			case !in && start >= 0:
				if !yield(s[start:i]) {
					return
				}
				start = -1
			}
			i += size
		}
		if start >= 0 {
			yield(s[start:])
		}
	}
}
