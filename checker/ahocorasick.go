package checker

import (
	"sort"
	"unicode/utf8"
)

// acAutomaton is an Aho-Corasick automaton over bytes that reports every
// occurrence of every pattern, overlapping ones included, in one pass.
//
// We keep our own rather than a library because the phrase lists include
// large dictionaries (misspell's 14,000 misspellings): the libraries we
// measured either store a dense 256-entry table per state (hundreds of
// megabytes for a dictionary) or report only non-overlapping matches, and
// rules need overlaps ("abuse" inside "child abuse" is how exceptions work).
// States keep sparse, sorted edges; the root keeps a dense table because
// nearly every byte starts at the root.
type acAutomaton struct {
	// delta, when built, is the automaton as a DFA: the next state for
	// every state and byte class, fail links already followed, so a walk
	// costs one table load per byte. Bytes that occur in no pattern
	// share class 0, which always leads back to the root.
	delta   []uint16
	emitAt  uint32 // states from here on end a pattern
	classes [256]uint8
	// A state's row is 1<<shift entries long: a power of two, so the
	// walk finds a row with a shift, not a multiply on the chain of
	// dependent loads that every byte waits on.
	shift uint8
	// dOut and dDict are out and dict for the DFA's state numbering.
	dOut, dDict []int32
	// starts, when built, holds every two-byte prefix of a pattern (case
	// folded like the walk): at the root, a walk skips to the next
	// position where such a pair begins instead of stepping through the
	// table byte by byte. Built for small automatons whose prefixes are
	// rare in prose; nil otherwise.
	starts *pairSet
	fold   [256]byte
	// foldASCII makes the DFA read A-Z as a-z (patterns are lowercase).
	foldASCII bool

	root   [256]int32
	edges  [][]acEdge // by state
	fail   []int32
	out    []int32 // pattern ending at this state, or -1
	dict   []int32 // next state on the fail chain with an output, or -1
	length []int32 // pattern lengths
}

type acEdge struct {
	b    byte
	next int32
}

func (a *acAutomaton) child(s int32, b byte) int32 {
	if s == 0 {
		return a.root[b]
	}
	es := a.edges[s]
	if len(es) <= 8 {
		for _, e := range es {
			if e.b == b {
				return e.next
			}
		}
		return -1
	}
	i := sort.Search(len(es), func(i int) bool { return es[i].b >= b })
	if i < len(es) && es[i].b == b {
		return es[i].next
	}
	return -1
}

// newACAutomaton builds the automaton; pattern i is reported with index i.
// Patterns must be distinct.
func newACAutomaton(patterns []string) *acAutomaton {
	return buildAutomaton(patterns, false, maxDFAEntries)
}

// buildAutomaton builds the automaton, as a DFA when it has at most
// dfaLimit table entries.
func buildAutomaton(patterns []string, foldASCII bool, dfaLimit int) *acAutomaton {
	a := &acAutomaton{edges: [][]acEdge{nil}, out: []int32{-1}, foldASCII: foldASCII}
	for i := range a.root {
		a.root[i] = -1
	}
	for pi, p := range patterns {
		s := int32(0)
		for k := 0; k < len(p); k++ {
			next := a.child(s, p[k])
			if next < 0 {
				next = int32(len(a.edges))
				a.edges = append(a.edges, nil)
				a.out = append(a.out, -1)
				if s == 0 {
					a.root[p[k]] = next
				} else {
					// Keep edges sorted as they are added: child
					// searches them while the trie is being built.
					es := a.edges[s]
					i := sort.Search(len(es), func(i int) bool { return es[i].b >= p[k] })
					es = append(es, acEdge{})
					copy(es[i+1:], es[i:])
					es[i] = acEdge{p[k], next}
					a.edges[s] = es
				}
			}
			s = next
		}
		a.out[s] = int32(pi)
		a.length = append(a.length, int32(len(p)))
	}
	// Breadth-first: fail links and output (dictionary) links.
	n := len(a.edges)
	a.fail = make([]int32, n)
	a.dict = make([]int32, n)
	for i := range a.dict {
		a.dict[i] = -1
	}
	queue := make([]int32, 0, n)
	for b := 0; b < 256; b++ {
		if c := a.root[b]; c > 0 {
			a.fail[c] = 0
			queue = append(queue, c)
		}
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		for _, e := range a.edges[s] {
			c := e.next
			f := a.fail[s]
			for {
				if g := a.child(f, e.b); g >= 0 {
					a.fail[c] = g
					break
				}
				if f == 0 {
					a.fail[c] = 0
					break
				}
				f = a.fail[f]
			}
			if fc := a.fail[c]; a.out[fc] >= 0 {
				a.dict[c] = fc
			} else {
				a.dict[c] = a.dict[fc]
			}
			queue = append(queue, c)
		}
	}
	if a.buildDFA(order(a, n), dfaLimit) {
		// The DFA holds everything a walk needs. The trie's edge
		// lists are tens of thousands of small slices the garbage
		// collector would otherwise scan on every cycle of a run.
		a.edges, a.fail, a.out, a.dict = nil, nil, nil, nil
	}
	return a
}

// maxDFAEntries bounds the DFA table (2 bytes an entry, at most 65,536
// states): a phrase list far larger than the built-in ones keeps the
// sparse walk instead.
const maxDFAEntries = 1 << 22

// order returns the states breadth-first, the root first.
func order(a *acAutomaton, n int) []int32 {
	out := make([]int32, 0, n)
	out = append(out, 0)
	for b := 0; b < 256; b++ {
		if c := a.root[b]; c > 0 {
			out = append(out, c)
		}
	}
	for i := 1; i < len(out); i++ {
		for _, e := range a.edges[out[i]] {
			out = append(out, e.next)
		}
	}
	return out
}

func (a *acAutomaton) buildDFA(bfs []int32, limit int) bool {
	n := len(a.edges)
	used := [256]bool{}
	for b := 0; b < 256; b++ {
		if a.root[b] > 0 {
			used[b] = true
		}
	}
	for _, es := range a.edges {
		for _, e := range es {
			used[e.b] = true
		}
	}
	k := 1
	for b := 0; b < 256; b++ {
		if used[b] {
			a.classes[b] = uint8(k)
			k++
		}
	}
	if a.foldASCII {
		// Patterns are lowercase; an uppercase letter walks as its
		// lowercase twin.
		for b := 'A'; b <= 'Z'; b++ {
			a.classes[b] = a.classes[b+'a'-'A']
		}
	}
	shift := uint8(0)
	for 1<<shift < k {
		shift++
	}
	stride := 1 << shift
	if k > 255 || n*stride > limit || n > 1<<16 {
		a.classes = [256]uint8{}
		return false
	}
	a.shift = shift
	// States are renumbered breadth-first, so the states text visits
	// most (the root and shallow prefixes) share few cache lines of the
	// table, whose entries are 16 bits for the same reason. The states
	// where a pattern ends come last, from emitAt on: the walk learns
	// that a pattern ended from the value it already loaded.
	emits := func(s int32) bool { return a.out[s] >= 0 || a.dict[s] >= 0 }
	rank := make([]int32, n)
	next := int32(0)
	for _, s := range bfs {
		if !emits(s) {
			rank[s] = next
			next++
		}
	}
	a.emitAt = uint32(next)
	for _, s := range bfs {
		if emits(s) {
			rank[s] = next
			next++
		}
	}
	a.dOut = make([]int32, n)
	a.dDict = make([]int32, n)
	a.delta = make([]uint16, n*stride)
	a.buildStarts()
	for _, s := range bfs {
		i := int(rank[s])
		a.dOut[i] = a.out[s]
		a.dDict[i] = -1
		if d := a.dict[s]; d >= 0 {
			a.dDict[i] = rank[d]
		}
		row := a.delta[i*stride : i*stride+k]
		if s == 0 {
			for b := 0; b < 256; b++ {
				if c := a.root[b]; c > 0 {
					row[a.classes[b]] = uint16(rank[c])
				}
			}
			continue
		}
		// Breadth-first, the fail target's row is complete: a
		// missing edge takes its transition.
		f := int(rank[a.fail[s]])
		copy(row, a.delta[f*stride:f*stride+k])
		row[0] = 0
		for _, e := range a.edges[s] {
			row[a.classes[e.b]] = uint16(rank[e.next])
		}
	}
	return true
}

// Walk calls fn for every occurrence, with the index of the byte where it
// ends (inclusive), its length and its pattern index. fn returning false
// stops the walk.
func (a *acAutomaton) Walk(input []byte, fn func(end, n, pattern int) bool) {
	if a.delta != nil {
		a.walkDFA(input, fn)
		return
	}
	s := int32(0)
	for i, b := range input {
		for {
			if next := a.child(s, b); next >= 0 {
				s = next
				break
			}
			if s == 0 {
				break
			}
			s = a.fail[s]
		}
		if s == 0 {
			continue
		}
		if p := a.out[s]; p >= 0 {
			if !fn(i, int(a.length[p]), int(p)) {
				return
			}
		}
		for d := a.dict[s]; d >= 0; d = a.dict[d] {
			p := a.out[d]
			if !fn(i, int(a.length[p]), int(p)) {
				return
			}
		}
	}
}

func (a *acAutomaton) walkDFA(input []byte, fn func(end, n, pattern int) bool) {
	s := uint32(0)
	shift := a.shift & 15 // masked, so the compiler knows the shift is short
	delta, classes, emitAt := a.delta, &a.classes, a.emitAt
	for i := 0; i < len(input); i++ {
		if s == 0 && a.starts != nil {
			if i = a.nextStart(input, i); i < 0 {
				return
			}
		}
		s = uint32(delta[s<<shift+uint32(classes[input[i]])])
		if s < emitAt {
			continue
		}
		if p := a.dOut[s]; p >= 0 {
			if !fn(i, int(a.length[p]), int(p)) {
				return
			}
		}
		for d := a.dDict[s]; d >= 0; d = a.dDict[d] {
			p := a.dOut[d]
			if !fn(i, int(a.length[p]), int(p)) {
				return
			}
		}
	}
}

// walkDFAWords is walkDFA and eachWord in one pass over input: fn gets
// every pattern occurrence as Walk reports it, and word gets every maximal
// run of word runes as eachWord reports it (with its wordHash), each as
// soon as it ends, when words may hold the hash. The DFA step waits on the
// previous state's table load; the word hash does not, so the processor
// computes it in the shadow of that wait, and the text is read once
// instead of twice.
//
// scanQuiet takes the bytes where nothing is reported, nearly every byte
// of prose; the loop here takes the rest, one rune at a time.
func (a *acAutomaton) walkDFAWords(input []byte, words *wordFilter, fn func(end, n, pattern int), word func(start, end int, hash uint32)) {
	s := uint32(0)
	shift := a.shift & 15 // masked, so the compiler knows the shift is short
	delta, classes, emitAt := a.delta, &a.classes, a.emitAt
	start := -1    // where the current word began, or -1
	h := uint32(0) // its hash so far
	i := 0
	for i < len(input) {
		i, s, start, h = a.scanQuiet(input, i, s, start, h, words)
		if i >= len(input) {
			break
		}
		// One rune, as eachWord steps (runeAt, with its ASCII test
		// written out: runeAt is too large to inline), with the DFA
		// stepping through each of its bytes.
		size, isWord := 1, false
		if c := input[i]; c < utf8.RuneSelf {
			isWord = asciiWord[c]
		} else {
			size, isWord = multibyteAt(input, i)
		}
		if isWord {
			if start < 0 {
				start, h = i, fnvOffset
			}
		} else if start >= 0 {
			if words.mayHold(h) {
				word(start, i, h)
			}
			start = -1
		}
		for end := i + size; i < end; i++ {
			c := input[i]
			s = uint32(delta[s<<shift+uint32(classes[c])])
			if isWord {
				h = (h ^ uint32(c)) * fnvPrime
			}
			if s < emitAt {
				continue
			}
			if p := a.dOut[s]; p >= 0 {
				fn(i, int(a.length[p]), int(p))
			}
			for d := a.dDict[s]; d >= 0; d = a.dDict[d] {
				fn(i, int(a.length[a.dOut[d]]), int(a.dOut[d]))
			}
		}
	}
	if start >= 0 && words.mayHold(h) {
		word(start, len(input), h)
	}
}

// scanQuiet is walkDFAWords' inner loop: from i, it takes the ASCII
// bytes that end no pattern and no word words may hold, and returns where
// it stopped with the walk's state. It is a function of its own, with no
// calls in it, so that the compiler keeps the state and hash in
// registers; in a loop that also calls the callbacks they live in memory,
// and the store and reload lengthen the chain of loads every byte waits
// on.
func (a *acAutomaton) scanQuiet(input []byte, i int, s uint32, start int, h uint32, words *wordFilter) (int, uint32, int, uint32) {
	shift := a.shift & 15 // masked, so the compiler knows the shift is short
	delta, classes, emitAt := a.delta, &a.classes, a.emitAt
	for ; i < len(input); i++ {
		c := input[i]
		if c >= utf8.RuneSelf {
			break
		}
		next := uint32(delta[s<<shift+uint32(classes[c])])
		isWord := asciiWord[c]
		if next >= emitAt || !isWord && start >= 0 && words.mayHold(h) {
			break
		}
		if isWord {
			if start < 0 {
				start, h = i, fnvOffset
			}
			h = (h ^ uint32(c)) * fnvPrime
		} else {
			start = -1
		}
		s = next
	}
	return i, s, start, h
}

// LiteralSet answers "does this text hold any of these literals?" in one
// pass, whatever the number of literals: a context regex's gate, checked
// before the regex runs, costs one table load per byte instead of one
// substring search per literal. A rule that lists the set in
// Rule.Literals gets the answer for whole blocks from the shared matching
// pass (InBlock), without a pass of its own.
type LiteralSet struct {
	dfa  *acAutomaton
	lits []string // lowercase, distinct
}

// NewLiteralSet builds the set; literals are matched with ASCII case
// folding. nil or empty lits give a set that holds everything.
func NewLiteralSet(lits []string) *LiteralSet {
	if len(lits) == 0 {
		return nil
	}
	lower := make([]string, 0, len(lits))
	seen := map[string]bool{}
	for _, l := range lits {
		l = asciiLower(l)
		if !seen[l] {
			seen[l] = true
			lower = append(lower, l)
		}
	}
	a := buildAutomaton(lower, true, maxDFAEntries)
	if a.delta == nil {
		return nil // too large to gate cheaply: always run
	}
	return &LiteralSet{dfa: a, lits: lower}
}

// In reports whether s holds one of the literals (always true for a nil
// set).
func (l *LiteralSet) In(s string) bool {
	if l == nil {
		return true
	}
	found := false
	l.dfa.walkDFA(stringBytes(s), func(_, _, _ int) bool {
		found = true
		return false
	})
	return found
}

// InBlock reports whether b's prose holds one of the literals, as the
// shared matching pass found it; known is false when that pass did not
// look for this set (no active rule lists it, or the block was not
// matched), and the caller must ask In. A nil set holds everything.
func (l *LiteralSet) InBlock(b *Block) (in, known bool) {
	if l == nil {
		return true, true
	}
	i, ok := b.litIndex[l]
	if !ok {
		return false, false
	}
	return b.litFound&(1<<i) != 0, true
}

// sharedWorthy reports whether the shared pass should look for the set:
// a literal of one or two bytes ("," or "on") is in nearly every block,
// so the set would gate nothing while its hits cost the pass.
func (l *LiteralSet) sharedWorthy() bool {
	for _, lit := range l.lits {
		if len(lit) < 3 {
			return false
		}
	}
	return true
}

// pairSet is a set of byte pairs, one bit each.
type pairSet [1 << 16 / 64]uint64

func (p *pairSet) has(a, b byte) bool {
	i := uint(a)<<8 | uint(b)
	return p[i>>6]&(1<<(i&63)) != 0
}

// add puts a pair in the set and reports whether it was new.
func (p *pairSet) add(a, b byte) bool {
	i := uint(a)<<8 | uint(b)
	if p[i>>6]&(1<<(i&63)) != 0 {
		return false
	}
	p[i>>6] |= 1 << (i & 63)
	return true
}

// maxStartDensity: past this share of all byte pairs, skipping saves
// too little to pay for its check.
const maxStartDensity = 1 << 16 / 16

func (a *acAutomaton) buildStarts() {
	for b := 0; b < 256; b++ {
		a.fold[b] = byte(b)
		if a.foldASCII && b >= 'A' && b <= 'Z' {
			a.fold[b] = byte(b) + 'a' - 'A'
		}
	}
	p := new(pairSet)
	n := 0
	// The pairs are the root's grandchildren: the first two bytes of
	// every pattern. A one-byte pattern can start anywhere its byte is,
	// which this skip cannot express.
	for b := 0; b < 256; b++ {
		c := a.root[b]
		if c <= 0 {
			continue
		}
		if a.out[c] >= 0 {
			return
		}
		for _, e := range a.edges[c] {
			if p.add(byte(b), e.b) {
				n++
			}
		}
	}
	if n > maxStartDensity {
		return
	}
	a.starts = p
}

// nextStart returns the first position from i where a pattern's first
// two bytes occur, or -1 when there is none: no match can start before
// it, and the walk is at the root.
func (a *acAutomaton) nextStart(in []byte, i int) int {
	fold, starts := &a.fold, a.starts
	for ; i+1 < len(in); i++ {
		if starts.has(fold[in[i]], fold[in[i+1]]) {
			return i
		}
	}
	return -1
}
