package checker

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"strings"
	"sync"
	"testing"
)

// lazyDFACases are regexes whose leftmost-first answers depend on what
// the automaton has to get right: priority between alternatives and
// between greedy and lazy repeats, matches that a higher-priority thread
// overrides later, empty matches, and every empty-width assertion.
var lazyDFACases = []string{
	`a|ab`, `ab|a`, `a*`, `a*?`, `a+?b`, `(?:a|ab)(?:c|bcd)`, `x*`, `\b`, `\B`, `^`, `$`, `(?m)^\w+$`,
	`(?m)^$`, `\bnot (?:\w+ ){0,3}medical advice\b`,
	`\bnot (?:\w+ ){0,2}(?:a )?(?:substitute|replacement) for (?:\w+ ){0,4}(?:medical|professional)`,
	`(?:\b(?:top|best|number one)|#1)[- ]rated\b`, `#\s?1\b`, `\b\d+(?:\.\d+)?(?:\s*(?:-|–|to)\s*\d+)? ?(?:%|percent\b)`,
	`(?i)Lifeline`, `(?i)\bcaf\x{e9}\b`, `[^a]+`, `.`, `(?s).`, `\A\w`, `\w\z`, `a{2,3}?`, `(?U)a+`, `\bno\b(?: symptoms)?`,
}

var lazyDFATexts = []string{
	"", "a", "ab", "abcd", "aaa b aaaa", "this is not a substitute for professional medical advice.",
	"It is not medical advice", "not your usual   medical advice", "top-rated, #1 rated and #11 and # 1.",
	"94% of 3 to 4 percent, 7.5 % and 12percent", "Call the LIFELINE now\nlifeline", "café and cafe",
	"line one\n\nline three\n", "no symptoms, no  symptoms", "\n", "x\ny", "naïve text with ü", "_a_ b9 __",
}

// TestLazyDFAMatchesRegexp holds the automaton to regexp on every case,
// through the searches DFARegexp offers.
func TestLazyDFAMatchesRegexp(t *testing.T) {
	for _, expr := range lazyDFACases {
		re := regexp.MustCompile(expr)
		fast := NewDFARegexp(re)
		if fast.automaton() == nil {
			t.Fatalf("%q: no automaton", expr)
		}
		for _, text := range lazyDFATexts {
			checkDFARegexp(t, fast, text)
		}
	}
}

func checkDFARegexp(t *testing.T, fast *DFARegexp, text string) {
	t.Helper()
	re := fast.Regexp
	if got, want := fast.FindStringIndex(text), re.FindStringIndex(text); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("%q in %q: FindStringIndex %v, regexp %v", re, text, got, want)
	}
	if got, want := fast.MatchString(text), re.MatchString(text); got != want {
		t.Errorf("%q in %q: MatchString %v, regexp %v", re, text, got, want)
	}
	for _, n := range []int{-1, 1, 2} {
		if got, want := fast.FindAllStringIndex(text, n), re.FindAllStringIndex(text, n); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%q in %q: FindAllStringIndex(%d) %v, regexp %v", re, text, n, got, want)
		}
	}
}

// TestLazyDFADecides makes sure the comparisons above test the automaton:
// on ASCII text it answers itself, and on other text it leaves the
// answer to the regexp.
func TestLazyDFADecides(t *testing.T) {
	d := newLazyDFA(regexp.MustCompile(`\bnot (?:\w+ ){0,3}medical advice\b`))
	if start, end, found, decided := d.find("it is not medical advice.", 0); !decided || !found || start != 6 || end != 24 {
		t.Errorf("ASCII text: find = %d, %d, %v, %v; want 6, 24, true, true", start, end, found, decided)
	}
	if _, _, found, decided := d.find("it is medical advice.", 0); !decided || found {
		t.Errorf("ASCII text without a match: found %v, decided %v; want false, true", found, decided)
	}
	if _, _, _, decided := d.find("it is not medical advice, naïvely", 0); decided {
		t.Error("text with a byte above ASCII: decided, want left to the regexp")
	}
	// Before from, text may hold any byte: it is only context.
	if start, _, found, decided := d.find("naïve: not medical advice", 7); !decided || !found || start != 8 {
		t.Errorf("non-ASCII context before from: find = %d, %v, %v; want 8, true, true", start, found, decided)
	}
}

// TestLazyDFABudget checks that a search that would take quadratic time
// hands over to the regexp, and that the answer is still right.
func TestLazyDFABudget(t *testing.T) {
	re := regexp.MustCompile(`a+b`)
	text := strings.Repeat("a", 5000)
	if _, _, _, decided := newLazyDFA(re).find(text, 0); decided {
		t.Error("a quadratic search decided, want it handed to the regexp")
	}
	checkDFARegexp(t, NewDFARegexp(re), text)
}

// TestLazyDFAFull checks that an automaton at its state limit answers
// from the states it has and hands over the searches that need more.
func TestLazyDFAFull(t *testing.T) {
	re := regexp.MustCompile(`(?:a|b)*a(?:a|b){12}`) // 2^13 states
	fast := NewDFARegexp(re)
	texts := []string{"ab", strings.Repeat("ab", 40), strings.Repeat("aab", 30), strings.Repeat("abbab", 20)}
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 300; i++ {
		var b strings.Builder
		for j := 0; j < 200; j++ {
			b.WriteByte("ab"[rng.IntN(2)])
		}
		texts = append(texts, b.String())
	}
	for _, text := range texts {
		checkDFARegexp(t, fast, text)
	}
	d := fast.automaton()
	d.mu.Lock()
	n := len(d.states)
	d.mu.Unlock()
	if n != maxLazyDFAStates {
		t.Errorf("%d states, want the limit %d reached", n, maxLazyDFAStates)
	}
}

// TestLazyDFAConcurrent runs one automaton from many goroutines while it
// is still being built (go test -race checks the sharing).
func TestLazyDFAConcurrent(t *testing.T) {
	fast := NewDFARegexp(regexp.MustCompile(`\bnot (?:\w+ ){0,2}(?:a )?(?:substitute|replacement) for (?:\w+ ){0,4}(?:medical|professional)`))
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				for _, text := range lazyDFATexts {
					checkDFARegexp(t, fast, text)
				}
			}
		}()
	}
	wg.Wait()
}

// FuzzLazyDFA holds the automaton to regexp on any expression and text.
func FuzzLazyDFA(f *testing.F) {
	for _, expr := range append(lazyDFACases, gatingSeeds...) {
		f.Add(expr, lazyDFATexts[5]+" "+lazyDFATexts[8])
	}
	f.Fuzz(func(t *testing.T, expr, text string) {
		if len(expr) > 100 || len(text) > 500 {
			return
		}
		re, err := regexp.Compile(expr)
		if err != nil {
			return
		}
		fast := NewDFARegexp(re)
		if fast.automaton() == nil {
			t.Fatalf("%q: no automaton", expr)
		}
		checkDFARegexp(t, fast, text)
	})
}

// BenchmarkLazyDFA compares the automaton with regexp on gated phrase
// regexes of the built-in rules' shapes, each run on a sentence that
// holds its gates, from where runGated would start it:
//
//	go test ./checker -run XXX -bench LazyDFA
func BenchmarkLazyDFA(b *testing.B) {
	cases := []struct{ expr, text string }{
		{`\bnot (?:\w+ ){0,2}(?:a )?(?:substitute|replacement) for (?:\w+ ){0,4}(?:medical|professional|clinical)`,
			"not a substitute for professional medical advice, diagnosis or treatment"},
		{`\bonly (?:\d+|one|two|three|a few) (?:\w+ ){0,2}(?:beds?|spots?|openings?)\b(?: (?:left|remaining))?`,
			"only 3 beds left this week, so call our admissions team today"},
		{`\b\d+(?:\.\d+)?(?:\s*(?:-|–|to)\s*\d+(?:\.\d+)?)? ?(?:%|percent\b|per cent\b)`,
			"94% of our clients stay sober for a year or more"},
	}
	for _, c := range cases {
		re := regexp.MustCompile(c.expr)
		d := newLazyDFA(re)
		d.find(c.text, 0) // build the states the text needs
		b.Run("regexp/"+c.expr[:12], func(b *testing.B) {
			for b.Loop() {
				re.FindStringIndex(c.text)
			}
		})
		b.Run("dfa/"+c.expr[:12], func(b *testing.B) {
			for b.Loop() {
				d.find(c.text, 0)
			}
		})
	}
}
