package checker

import (
	"regexp"
	"regexp/syntax"
	"sync"
	"sync/atomic"
	"unicode/utf8"
)

// lazyDFA finds a regexp's leftmost-first match in ASCII text with a
// deterministic automaton built as the text calls for its states, the way
// RE2 does. The gated phrase regexes spend most of their time in Go's
// backtracker, which steps through the program instruction by instruction
// (about 15 ns a byte on a phrase like `not (?:\w+ ){0,2}a substitute
// for`); once its states exist, the automaton takes two loads a byte.
//
// A state is the ordered list of the program's threads, highest priority
// first, as the Pike VM keeps them. When a thread reaches Match the
// threads after it are dropped, since their matches would lose to it, and
// the ones before it run on: a match they find later wins. So the match
// the walk last saw end is the leftmost-first one from that start, as
// regexp reports it. Empty-width assertions (\b, ^, $) depend on the byte
// before and the byte after; a state remembers which kind of byte it was
// entered on, and a transition, which knows the next byte, resolves them.
//
// Text holding a byte above ASCII, a search that runs out of its step
// budget and a regexp whose automaton reaches maxLazyDFAStates are left to
// the regexp: find says it did not decide.
type lazyDFA struct {
	prog *syntax.Prog
	// classes maps each ASCII byte to its class: bytes in one class are
	// matched by the same rune instructions and are the same kind of
	// byte for the assertions, so they lead to the same states.
	classes [utf8.RuneSelf]uint8
	reps    []byte // a byte of each class
	dead    *dfaState

	// start is the state a search starts in, by the kind of byte
	// before it; canStart says which first bytes lead anywhere from
	// there, so that a search steps over the other starts at one load
	// each.
	start    [byteKinds]*dfaState
	canStart [byteKinds][utf8.RuneSelf]bool

	mu     sync.Mutex // guards states and the building of new ones
	states map[string]*dfaState
	// visited is closure's scratch: all false between calls.
	visited []bool
}

// maxLazyDFAStates bounds one regexp's automaton: past it, searches that
// need a new state go to the regexp. The phrase regexes stay in the low
// hundreds on real text.
const maxLazyDFAStates = 4096

// The kinds of byte that the empty-width assertions tell apart, for the
// byte before a position.
const (
	kindBegin   = iota // no byte: the start of the text
	kindNewline        // '\n'
	kindWord           // ASCII letter, digit or '_'
	kindOther
	byteKinds
)

// kindRune stands for each kind in syntax.EmptyOpContext.
var kindRune = [byteKinds]rune{kindBegin: -1, kindNewline: '\n', kindWord: 'a', kindOther: ' '}

// byteKinds8 is the kind of each byte as the byte before a position. A
// byte above ASCII ends a rune that is neither a word character nor a
// newline to the assertions.
var byteKinds8 = func() (t [256]uint8) {
	for c := range t {
		switch {
		case c == '\n':
			t[c] = kindNewline
		case syntax.IsWordChar(rune(c)):
			t[c] = kindWord
		default:
			t[c] = kindOther
		}
	}
	return t
}()

type dfaState struct {
	insts   []uint32 // threads in priority order, before their closure
	prev    uint8    // the kind of the byte the state was entered on
	matched bool     // a match ended just before that byte
	next    []atomic.Pointer[dfaState]
	// atEnd caches whether a match ends at the end of the text when the
	// text ends in this state: 0 not known yet, 1 yes, 2 no.
	atEnd atomic.Int32
}

// newLazyDFA builds the automaton for re, which must be a leftmost-first
// regexp (regexp.Compile, not CompilePOSIX or Longest). It returns nil
// when the expression does not parse as regexp parsed it.
func newLazyDFA(re *regexp.Regexp) *lazyDFA {
	// The program regexp runs: regexp.Compile parses with syntax.Perl,
	// simplifies and compiles, and String returns the expression.
	parsed, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil {
		return nil
	}
	prog, err := syntax.Compile(parsed.Simplify())
	if err != nil {
		return nil
	}
	d := &lazyDFA{prog: prog, states: map[string]*dfaState{}, dead: &dfaState{}}
	var runeInsts []*syntax.Inst
	for i := range prog.Inst {
		switch prog.Inst[i].Op {
		case syntax.InstRune, syntax.InstRune1, syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
			runeInsts = append(runeInsts, &prog.Inst[i])
		}
	}
	classOf := map[string]uint8{}
	sig := make([]byte, len(runeInsts)+1)
	for c := 0; c < utf8.RuneSelf; c++ {
		sig[0] = byteKinds8[c]
		for i, inst := range runeInsts {
			sig[i+1] = 0
			if inst.MatchRune(rune(c)) {
				sig[i+1] = 1
			}
		}
		cl, ok := classOf[string(sig)]
		if !ok {
			cl = uint8(len(d.reps)) // at most 128 classes
			classOf[string(sig)] = cl
			d.reps = append(d.reps, byte(c))
		}
		d.classes[c] = cl
	}
	d.visited = make([]bool, len(prog.Inst))
	for kind := range d.start {
		st := d.intern([]uint32{uint32(prog.Start)}, uint8(kind), false)
		d.start[kind] = st
		for c := range d.canStart[kind] {
			// One transition per class is computed; the rest are
			// looked up.
			d.canStart[kind][c] = d.step(st, byte(c)) != d.dead
		}
	}
	return d
}

// find returns the leftmost-first match of the regexp in s that starts
// at or after from, as regexp does when it searches s from there (the
// byte before from counts for \b). decided is false when the automaton
// cannot answer (see lazyDFA) and the regexp must.
func (d *lazyDFA) find(s string, from int) (start, end int, found, decided bool) {
	if !isASCII(s[from:]) {
		return 0, 0, false, false
	}
	// A search from every start costs quadratic time at worst, where
	// regexp's backtracker is linear: past this budget of steps the
	// regexp takes over. Phrase searches fail within a byte or two of
	// most starts.
	budget := 8*(len(s)-from) + 128
	kind := uint8(kindBegin)
	if from > 0 {
		kind = byteKinds8[s[from-1]]
	}
	for p := from; p < len(s); p++ {
		c := s[p]
		if d.canStart[kind][c] {
			st, last := d.start[kind], -1
			i := p
			for ; i < len(s); i++ {
				if budget--; budget < 0 {
					return 0, 0, false, false
				}
				next := st.next[d.classes[s[i]]].Load()
				if next == nil {
					if next = d.step(st, s[i]); next == nil {
						return 0, 0, false, false
					}
				}
				if next == d.dead {
					break
				}
				st = next
				if st.matched {
					last = i
				}
			}
			if i == len(s) && d.matchesAtEnd(st) {
				last = len(s)
			}
			if last >= 0 {
				return p, last, true, true
			}
		}
		kind = byteKinds8[c]
	}
	if d.matchesAtEnd(d.start[kind]) {
		return len(s), len(s), true, true // an empty match at the end
	}
	return 0, 0, false, true
}

// step computes and records st's transition on byte c; nil when the
// automaton is full.
func (d *lazyDFA) step(st *dfaState, c byte) *dfaState {
	d.mu.Lock()
	defer d.mu.Unlock()
	slot := &st.next[d.classes[c]]
	if next := slot.Load(); next != nil {
		return next
	}
	list, matched := d.closure(st.insts, syntax.EmptyOpContext(kindRune[st.prev], rune(c)))
	var insts []uint32
	for _, pc := range list {
		if inst := &d.prog.Inst[pc]; inst.MatchRune(rune(c)) {
			insts = append(insts, inst.Out)
		}
	}
	next := d.dead
	if len(insts) > 0 || matched {
		if next = d.intern(insts, byteKinds8[c], matched); next == nil {
			return nil
		}
	}
	slot.Store(next)
	return next
}

// matchesAtEnd reports whether a match ends at the end of the text when
// the text ends in st.
func (d *lazyDFA) matchesAtEnd(st *dfaState) bool {
	switch st.atEnd.Load() {
	case 1:
		return true
	case 2:
		return false
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	_, matched := d.closure(st.insts, syntax.EmptyOpContext(kindRune[st.prev], -1))
	if matched {
		st.atEnd.Store(1)
	} else {
		st.atEnd.Store(2)
	}
	return matched
}

// closure follows the threads' empty transitions under the assertions'
// context ctx, in priority order, and returns the rune instructions they
// reach in that order. At a Match instruction it stops: the threads after
// it have lower priority than the match. Callers hold d.mu.
func (d *lazyDFA) closure(insts []uint32, ctx syntax.EmptyOp) (list []uint32, matched bool) {
	visited := d.visited
	var touched []uint32
	defer func() {
		for _, pc := range touched {
			visited[pc] = false
		}
	}()
	var stack []uint32
	for _, root := range insts {
		stack = append(stack[:0], root)
		for len(stack) > 0 {
			pc := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if visited[pc] {
				continue
			}
			visited[pc] = true
			touched = append(touched, pc)
			inst := &d.prog.Inst[pc]
			switch inst.Op {
			case syntax.InstAlt, syntax.InstAltMatch:
				stack = append(stack, inst.Arg, inst.Out) // Out first
			case syntax.InstCapture, syntax.InstNop:
				stack = append(stack, inst.Out)
			case syntax.InstEmptyWidth:
				if syntax.EmptyOp(inst.Arg)&^ctx == 0 {
					stack = append(stack, inst.Out)
				}
			case syntax.InstMatch:
				return list, true
			case syntax.InstRune, syntax.InstRune1, syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
				list = append(list, pc)
			}
		}
	}
	return list, false
}

// intern returns the state for these threads entered on a byte of kind
// prev, making it if it is new; nil when the automaton is full. Callers
// hold d.mu.
func (d *lazyDFA) intern(insts []uint32, prev uint8, matched bool) *dfaState {
	key := make([]byte, 0, 2+4*len(insts))
	key = append(key, prev)
	if matched {
		key = append(key, 1)
	} else {
		key = append(key, 0)
	}
	for _, pc := range insts {
		key = append(key, byte(pc), byte(pc>>8), byte(pc>>16), byte(pc>>24))
	}
	if st, ok := d.states[string(key)]; ok {
		return st
	}
	if len(d.states) >= maxLazyDFAStates {
		return nil
	}
	st := &dfaState{insts: insts, prev: prev, matched: matched, next: make([]atomic.Pointer[dfaState], len(d.reps))}
	d.states[string(key)] = st
	return st
}

// DFARegexp is a regexp whose searches run on a lazily built automaton
// (see lazyDFA) where the text allows, and on the regexp elsewhere, with
// the same results. The matcher runs its phrase regexes through it, and
// rules use it for regexes that run on most blocks.
type DFARegexp struct {
	*regexp.Regexp
	// automaton is built on the first search: rules make theirs at
	// start-up, before any file is read, and a run may never use some.
	automaton func() *lazyDFA
}

// NewDFARegexp wraps re, which must be leftmost-first (regexp.Compile,
// not CompilePOSIX or Longest).
func NewDFARegexp(re *regexp.Regexp) *DFARegexp {
	return &DFARegexp{Regexp: re, automaton: sync.OnceValue(func() *lazyDFA { return newLazyDFA(re) })}
}

// first is regexp's first match in s.
func (r *DFARegexp) first(s string) (start, end int, found bool) {
	if d := r.automaton(); d != nil {
		if start, end, found, decided := d.find(s, 0); decided {
			return start, end, found
		}
	}
	loc := r.Regexp.FindStringIndex(s)
	if loc == nil {
		return 0, 0, false
	}
	return loc[0], loc[1], true
}

// MatchString is regexp.Regexp.MatchString.
func (r *DFARegexp) MatchString(s string) bool {
	_, _, found := r.first(s)
	return found
}

// FindStringIndex is regexp.Regexp.FindStringIndex.
func (r *DFARegexp) FindStringIndex(s string) []int {
	if start, end, found := r.first(s); found {
		return []int{start, end}
	}
	return nil
}

// FindAllStringIndex is regexp.Regexp.FindAllStringIndex: successive
// matches, none of them empty right after the one before.
func (r *DFARegexp) FindAllStringIndex(s string, n int) [][]int {
	d := r.automaton()
	if d == nil {
		return r.Regexp.FindAllStringIndex(s, n)
	}
	if n < 0 {
		n = len(s) + 1
	}
	var out [][]int
	prevEnd := -1
	for pos := 0; len(out) < n && pos <= len(s); {
		start, end, found, decided := d.find(s, pos)
		if !decided {
			// regexp cannot search from an offset with what comes
			// before it as context, so it does the whole search.
			return r.Regexp.FindAllStringIndex(s, n)
		}
		if !found {
			break
		}
		accept := true
		if end == pos {
			// An empty match where the search began: none is taken
			// right after a match, and the next search starts a byte
			// on (the text from pos is ASCII, or find would not have
			// decided).
			if start == prevEnd {
				accept = false
			}
			pos++
		} else {
			pos = end
		}
		prevEnd = end
		if accept {
			out = append(out, []int{start, end})
		}
	}
	return out
}
