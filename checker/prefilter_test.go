package checker

import (
	"math/rand/v2"
	"reflect"
	"regexp/syntax"
	"slices"
	"sort"
	"strings"
	"testing"
)

// finiteWords is the phrase analysis of expr as written, not read as
// prose: what wordsOf makes of a regex on its own.
func finiteWords(expr string) []string {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil
	}
	re = re.Simplify()
	return wordsOf(re, analyse(re))
}

// finiteProseWords and requiredProseGroups are the matcher's two answers
// for a regex phrase, one at a time.
func finiteProseWords(expr string) []string {
	words, _ := analyseProsePhrase(expr)
	return words
}

func requiredProseGroups(expr string) [][]string { return proseGating(expr).groups }

func TestRequiredLiterals(t *testing.T) {
	cases := map[string][]string{
		`(?i)\bclinically proven\b`:                   {"clinically proven"},
		`(?i)\b(guarantee[ds]?|promise)\b`:            {"guarantee", "promise"},
		`(?i)\bonly \d+ beds? (left|available)\b`:     {"0 bed available", "0 bed left", "0 beds available", "0 beds left", "1 bed available", "1 bed left", "1 beds available", "1 beds left", "2 bed available", "2 bed left", "2 beds available", "2 beds left", "3 bed available", "3 bed left", "3 beds available", "3 beds left", "4 bed available", "4 bed left", "4 beds available", "4 beds left", "5 bed available", "5 bed left", "5 beds available", "5 beds left", "6 bed available", "6 bed left", "6 beds available", "6 beds left", "7 bed available", "7 bed left", "7 beds available", "7 beds left", "8 bed available", "8 bed left", "8 beds available", "8 beds left", "9 bed available", "9 bed left", "9 beds available", "9 beds left"},
		`(?i)\b\d{1,3}% of (our )?(clients|patients)`: {"% of clients", "% of our clients", "% of our patients", "% of patients"},
		`\d+`:                                {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"},
		`\w+`:                                nil,
		`[★⭐]+`:                              {"★", "⭐"},
		`(?i)(cure|x*)`:                      nil,
		`(?i)#1\b`:                           {"#1"},
		`(?i)\b(no|zero) side[- ]effects?\b`: {"no side effect", "no side-effect", "zero side effect", "zero side-effect"},
		`(?i)\bcaf\x{e9}\b`:                  nil,
		`(?i)\bin\s+(two|2) days\b`:          {"two days", "2 days"},
	}
	for expr, want := range cases {
		got := requiredLiterals(expr)
		sort.Strings(got)
		sort.Strings(want)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("requiredLiterals(%q) = %q, want %q", expr, got, want)
		}
	}
}

// TestGatedRegexStillMatches checks that gating never loses a match: the
// same regex phrases find the same spans with and without gates.
func TestGatedRegexStillMatches(t *testing.T) {
	rule := &Rule{ID: "t/r", Phrases: []*Phrase{
		{Regex: `\b(guarantee[ds]?|promise)\b`},
		{Regex: `\bonly \d+ beds? left\b`},
		{Regex: `\d+%`},
	}}
	m := newMatcher([]*Rule{rule})
	doc := Parse("t.md", []byte("We GUARANTEE it. Only 3 beds left!\n\nNothing here.\n\n90% promise, 10% and 20%.\n"))
	var got []string
	for _, x := range m.run(doc).byRule[0] {
		got = append(got, x.String())
	}
	want := []string{"GUARANTEE", "Only 3 beds left", "90%", "promise", "10%", "20%"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if m.regexes[0].groups == 0 || m.regexes[1].groups == 0 || m.regexes[2].groups == 0 {
		t.Errorf("gates: %+v", m.regexes)
	}
}

// A literal that is only a space requires nothing; it must not gate.
func TestGateIgnoresWhitespaceLiterals(t *testing.T) {
	rule := &Rule{ID: "t/r", Phrases: []*Phrase{{Regex: `\b(?:no|zero) (?:out[- ]of[- ]pocket|copays?)\b`}}}
	m := newMatcher([]*Rule{rule})
	doc := Parse("t.md", []byte("Rehab at no out-of-pocket cost.\n"))
	if got := m.run(doc).byRule[0]; len(got) != 1 || got[0].String() != "no out-of-pocket" {
		t.Fatalf("got %v", got)
	}
}

func TestFiniteWords(t *testing.T) {
	cases := map[string][]string{
		`(?i)\b(?:sober|clean|in recovery)\b`: {"clean", "in recovery", "sober"},
		`(?i)\bco-?pays?\b`:                   {"co-pay", "co-pays", "copay", "copays"},
		`(?i)\b(?:sober|clean)`:               nil, // may end inside a word
		`(?i)\$0\b`:                           nil, // \b after a non-word start differs
		`(?i)\b\d+ days\b`:                    nil, // infinite
		`(?i)\bin\s+days\b`:                   nil, // \s is not a plain space
		`(?i)\bcaf\x{c9}\b`:                   nil, // case the lowercased prose does not keep
	}
	for expr, want := range cases {
		got := finiteWords(expr)
		sort.Strings(got)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("finiteWords(%q) = %q, want %q", expr, got, want)
		}
	}
}

// On prose, whose whitespace is single spaces, `\s+` is a space: the
// analysis crosses the parts around it.
func TestProseWhitespace(t *testing.T) {
	words := map[string][]string{
		`(?i)\bin\s+days\b`: {"in days"},
		`(?i)\b(?:studies|research)\s+(?:show|proves?)\b`: {"research prove", "research proves", "research show", "studies prove", "studies proves", "studies show"},
		`(?i)\bno\s*pain\b`:    {"no pain", "nopain"},
		`(?i)\bno[ \t]+pain\b`: {"no pain"},
		`(?i)\bno\s{2,}pain\b`: nil, // never matches prose; left to the regex
		`(?i)\bno[\s,]+pain\b`: nil, // a comma is no space
	}
	for expr, want := range words {
		got := finiteProseWords(expr)
		sort.Strings(got)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("finiteProseWords(%q) = %q, want %q", expr, got, want)
		}
	}
	// The cure regex's shape: an unknown word in the middle, but the
	// verb and pronoun cross into one gate.
	groups := requiredProseGroups(`(?i)\b(?:end|cure)\s+(?:your|their)\s+(?:\w+\s+)?addiction\b`)
	want := []string{"cure their ", "cure your ", "end their ", "end your "}
	found := false
	for _, g := range groups {
		found = found || reflect.DeepEqual(g, want)
	}
	if !found {
		t.Errorf("requiredProseGroups = %q, want the group %q", groups, want)
	}
	// Outside prose the same regex is gated on single words only.
	for _, g := range requiredGroups(`(?i)\b(?:end|cure)\s+(?:your|their)\s+(?:\w+\s+)?addiction\b`) {
		for _, lit := range g {
			if strings.Contains(strings.TrimSpace(lit), " ") {
				t.Errorf("requiredGroups crossed a \\s: %q", g)
			}
		}
	}
}

// A finite regex phrase is found by the automaton as literals, not run as
// a regex, and matches what the regex matches: whole words only, and on
// prose, where `\s+` reads as the one space it has.
func TestFiniteRegexAsLiterals(t *testing.T) {
	for _, c := range []struct {
		regex, text string
		want        []string
	}{
		// Finite once `\s+` is read as a space.
		{`\b(?:studies|research)\s+(?:show|shows)\b`, "Studies  show it; research\nshows it, research\tshows. Studies showed.\n",
			[]string{"Studies show", "research shows", "research shows"}},
		// Prose collapses runs of spaces, so "in  recovery" matches too.
		{`\b(?:sober|clean|in recovery)\b`, "Stay SOBER and clean; unclean cleaner in  recovery, In recovery.\n",
			[]string{"SOBER", "clean", "in recovery", "In recovery"}},
	} {
		m := newMatcher([]*Rule{{ID: "t/r", Phrases: []*Phrase{{Regex: c.regex}}}})
		if len(m.regexes) != 0 {
			t.Fatalf("%s: finite regex still run as a regex: %+v", c.regex, m.regexes)
		}
		var got []string
		for _, x := range m.run(Parse("t.md", []byte(c.text))).byRule[0] {
			got = append(got, x.String())
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: got %q, want %q", c.regex, got, c.want)
		}
	}
}

// lowerRegexp runs on Block.Lower: ASCII folding is dropped (Lower has it
// already), other folding is kept.
func TestLowerRegexp(t *testing.T) {
	re := lowerRegexp(`\b(?:Caf\x{c9}|NO [A-Z]+ fees\b)`)
	for in, want := range map[string]bool{
		"caf\u00e9": true, "caf\u00c9": true, "no hidden fees": true, "no 4 fees": false, "cafe": false,
	} {
		if got := re.MatchString(in); got != want {
			t.Errorf("%s: MatchString(%q) = %v, want %v", re, in, got, want)
		}
	}
}

// A regex with case-sensitive parts cannot run on lowercased prose, and
// the matcher keeps its case.
func TestCaseSensitivePartsStayOnText(t *testing.T) {
	for _, expr := range []string{`(?-i:the Lifeline)`, `call (?-i:[A-Z]{3})`, `(?-i:x)y`} {
		if lowerRegexp(expr) != nil {
			t.Errorf("lowerRegexp(%q) lowered a case-sensitive regex", expr)
		}
		if finiteWords(`(?i)\b`+expr+`\b`) != nil {
			t.Errorf("finiteWords expanded case-sensitive %q", expr)
		}
	}
	if re, onLower, err := CompileLower(`\bcall (?:now|today)\b`); err != nil || !onLower || !re.MatchString("call now") {
		t.Errorf("CompileLower of a case-insensitive regex: %v %v %v", re, onLower, err)
	}
	rule := &Rule{ID: "t/r", Phrases: []*Phrase{{Regex: `\bcall (?-i:the Lifeline)\b`}}}
	m := newMatcher([]*Rule{rule})
	doc := Parse("t.md", []byte("Call the Lifeline. Call the lifeline.\n"))
	var got []string
	for _, x := range m.run(doc).byRule[0] {
		got = append(got, x.String())
	}
	if want := []string{"Call the Lifeline"}; !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// Words (and WordSeq under it) split exactly as strings.FieldsFunc on
// word runes and apostrophes, the definition they replaced.
func TestWordsSplitLikeFieldsFunc(t *testing.T) {
	ref := func(s string) []string {
		return strings.FieldsFunc(s, func(r rune) bool { return !(isWordRune(r) || r == '\'') })
	}
	rng := rand.New(rand.NewPCG(9, 10))
	pieces := []string{"don't", "clients'", "a_b", "x1", "na\u00efve", "\ufb01", "\u0663", "\xc3", "\u65e5\u672c", " ", ", ", "\u2014", "-", "'", "A"}
	for round := 0; round < 5000; round++ {
		var b strings.Builder
		for n := rng.IntN(12); n > 0; n-- {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		if got, want := Words(s), ref(s); !reflect.DeepEqual(got, want) {
			t.Fatalf("Words(%q) = %q, FieldsFunc %q", s, got, want)
		}
	}
}

// shrinkTails finds by bisection the k the plain downward search finds.
func TestShrinkTailsMatchesLinearSearch(t *testing.T) {
	linear := func(set []string, limit int) []string {
		longest := 0
		for _, s := range set {
			longest = max(longest, len([]rune(s)))
		}
		for k := longest - 1; k >= 1; k-- {
			var tails []string
			for _, s := range set {
				r := []rune(s)
				if len(r) > k {
					r = r[len(r)-k:]
				}
				tails = append(tails, string(r))
			}
			if tails = dedupe(tails); len(tails) <= limit {
				return tails
			}
		}
		return nil
	}
	r := rand.New(rand.NewPCG(3, 4))
	alphabet := []rune("abé c😀")
	for range 2000 {
		set := make([]string, 1+r.IntN(40))
		for i := range set {
			word := make([]rune, r.IntN(9))
			for j := range word {
				word[j] = alphabet[r.IntN(len(alphabet))]
			}
			set[i] = string(word)
		}
		set = dedupe(set)
		limit := 1 + r.IntN(len(set)+2)
		got, want := shrinkTails(append([]string(nil), set...), limit), linear(append([]string(nil), set...), limit)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("shrinkTails(%q, %d) = %q, want %q", set, limit, got, want)
		}
	}
}

// A regex whose matches all start with a member of one of its groups
// knows how far before a hit of that group a match can start.
func TestGatingStart(t *testing.T) {
	g := gatingOf(analyse(mustProse(t, `(?i)\bpays? for (?:\w+ )?travel\b`)))
	if g.start < 0 || !reflect.DeepEqual(g.groups[g.start], []string{"pay for ", "pays for "}) || g.lead != len("pays for ") {
		t.Errorf("pays for: got %+v", g)
	}
	if _, g := analyseProsePhrase(`(?i)^pays? for (?:\w+ )?travel\b`); g.start != -1 || g.lead != 0 {
		t.Errorf("a regex with ^ must read whole sentences: %+v", g)
	}
	if g := gatingOf(analyse(mustProse(t, `(?i)\b\w+ for travel\b`))); g.start != -1 {
		t.Errorf("no set starts every match: %+v", g)
	}
}

func mustProse(t *testing.T, expr string) *syntax.Regexp {
	t.Helper()
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		t.Fatal(err)
	}
	return proseWhitespace(re.Simplify())
}

// The matcher reads a sentence from shortly before the first hit of a
// regex's start group. A key cut down from a longer member ("we pay for "
// holds "pay for ") still finds the match that starts words before it.
func TestGatedRegexReadsFromStartGroup(t *testing.T) {
	rule := &Rule{ID: "t/r", Phrases: []*Phrase{{Regex: `\b(?:we )?pays? for \d+ nights\b`}}}
	m := newMatcher([]*Rule{rule})
	if len(m.regexes) != 1 || m.regexes[0].startGroup < 0 || m.regexes[0].lead < len("we pays for ") {
		t.Fatalf("expected a gated regex with a start group: %+v", m.regexes)
	}
	doc := Parse("t.md", []byte("Rehab is a long road with many steps, and we pay for 3 nights; insurance pays for 2 nights.\n"))
	var got []string
	for _, x := range m.run(doc).byRule[0] {
		got = append(got, x.String())
	}
	if want := []string{"we pay for 3 nights", "pays for 2 nights"}; !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestMinimalKeysMatchesQuadratic holds minimalKeys to its definition,
// checked the slow way: a key stays when no other, distinct key of the
// set is a substring of it. Keys are drawn from a small alphabet so that
// containment is common, with the empty key now and then.
func TestMinimalKeysMatchesQuadratic(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	for round := 0; round < 3000; round++ {
		var keys []string
		for n := rng.IntN(30); n > 0; n-- {
			b := make([]byte, rng.IntN(6))
			for i := range b {
				b[i] = "ab é"[rng.IntN(5)]
			}
			keys = append(keys, string(b))
		}
		var want []string
		for _, k := range keys {
			redundant := false
			for _, other := range keys {
				if other != k && strings.Contains(k, other) {
					redundant = true
					break
				}
			}
			if !redundant && !slices.Contains(want, k) {
				want = append(want, k)
			}
		}
		sort.Strings(want)
		got := minimalKeys(append([]string(nil), keys...))
		if strings.Join(got, "|") != strings.Join(want, "|") || len(got) != len(want) {
			t.Fatalf("minimalKeys(%q) = %q, want %q", keys, got, want)
		}
	}
}
