package checker

import (
	"regexp"
	"strings"
	"testing"
)

// gatingSeeds are regex phrases of the shapes the built-in rules use.
var gatingSeeds = []string{
	`\b(?:\d+|one|two|three) (?:in|out of) (?:\d+|two|ten)\b`,
	`\b(?:\d{1,3}(?:,\d{3})+|\d{3,})\+? (?:\w+ )?(?:people|clients|men and women|men)\b`,
	`\bonly (?:\d+|one|a few) (?:\w+ ){0,2}(?:beds?|spots?)\b(?: (?:left|remaining))?`,
	`\b(?:studies|research|clinical (?:studies|trials))\s+(?:show|shows|has shown)\b`,
	`\b\d+(?:\.\d+)?(?:\s*(?:-|–|to)\s*\d+(?:\.\d+)?)? ?(?:%|percent\b|per cent\b)`,
	`(?:\b(?:top|best|number one)|#1)[- ]rated\b`,
	`\b(?:sober|clean|in recovery)\b`,
	`\bco-?pays?\b`,
	`\$\s?\d[\d,]*(?:\.\d\d)? (?:cash|bonus)\b`,
	`\bnot (?:\w+ ){0,3}medical advice\b`,
	`caf\x{e9}|na\x{ef}ve`,
	`\bverif(?:y|ies)\s*(?:your\s+)?(?:benefits|coverage)[ \t]+now\b`,
	`\bsay\s{2,}goodbye|\bno\s{0,1}pain\b|a\s{0}b`,
}

// FuzzRequiredGroups checks the property gating rests on: every match of
// a regex contains a literal of each of its groups (in the lowercased
// prose the automaton reads), and a finite whole-word regex's matches at
// word boundaries are among its literals.
func FuzzRequiredGroups(f *testing.F) {
	for _, s := range gatingSeeds {
		f.Add(s, "Only 3 beds LEFT: 94% of 1,200+ happy men and women stay sober; one in 10, studies   show #1-rated care, $ 50 cash, not medical advice. CAF\u00c9 co-pay.")
	}
	f.Fuzz(func(t *testing.T, expr, text string) {
		// Go's (?i) also folds U+017F (long s) to s and U+212A (Kelvin)
		// to k, which ASCII-lowercased keys do not: phrases and gates
		// match ASCII case only, and such text is left out.
		if len(expr) > 200 || len(text) > 2000 || strings.ContainsAny(text, "\u017f\u212a") {
			return
		}
		re, err := regexp.Compile("(?i)" + expr)
		if err != nil {
			return
		}
		lower := asciiLower(quoteStraightener.Replace(text))
		if len(lower) != len(text) {
			return // the straightener changed lengths: not prose as the model builds it
		}
		checkGroups(t, expr, re, text, lower, gating{groups: requiredGroups("(?i)" + expr), start: -1})
		checkFinite(t, expr, re, text, lower, finiteWords("(?i)"+expr))
		// The same on the text as prose has it, with the analysis that
		// reads `\s+` as one space.
		text = strings.Join(strings.Fields(text), " ")
		lower = asciiLower(quoteStraightener.Replace(text))
		if len(lower) != len(text) || strings.ContainsAny(text, "\v\u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000") {
			return // Fields splits at spaces the model keeps or turns into ' ' itself
		}
		checkGroups(t, "prose: "+expr, re, text, lower, gating{groups: requiredProseGroups("(?i)" + expr), start: -1})
		words, g := analyseProsePhrase("(?i)" + expr)
		checkGroups(t, "prose: "+expr, re, text, lower, g)
		checkFinite(t, expr, re, text, lower, words)
	})
}

// checkGroups checks that every match of re in text holds a literal of
// each group (in lower, the text as the automaton reads it), and, for a
// start group, that it holds one at most lead-1 bytes from its start.
func checkGroups(t *testing.T, what string, re *regexp.Regexp, text, lower string, g gating) {
	t.Helper()
	for _, loc := range re.FindAllStringIndex(text, -1) {
		if loc[0] == loc[1] {
			continue
		}
		m := lower[loc[0]:loc[1]]
		for gi, group := range g.groups {
			found := false
			for _, lit := range group {
				i := strings.Index(m, lit)
				if i >= 0 && (gi != g.start || i <= g.lead-1) {
					found = true
					break
				}
			}
			if !found {
				t.Fatalf("%q matches %q (%q), which holds no literal of group %d %q (start group %d, lead %d)", what, text[loc[0]:loc[1]], m, gi, group, g.start, g.lead)
			}
		}
	}
}

// checkFinite checks that the regex's whole-word matches in text are
// among lits, its language as finiteWords gives it (nil: not finite).
func checkFinite(t *testing.T, expr string, re *regexp.Regexp, text, lower string, lits []string) {
	t.Helper()
	if lits == nil {
		return
	}
	set := map[string]bool{}
	for _, l := range lits {
		set[l] = true
	}
	for _, loc := range re.FindAllStringIndex(text, -1) {
		if !set[lower[loc[0]:loc[1]]] && wholeWord(text, Span{loc[0], loc[1]}) {
			t.Fatalf("%q matches %q, not among its literals %q", expr, text[loc[0]:loc[1]], lits)
		}
	}
}

// FuzzGatedMatcher checks that gating loses nothing: the matcher finds
// exactly the spans the regex finds when run, case-insensitively, on every
// sentence of every block (on the whole block when it has no gates).
func FuzzGatedMatcher(f *testing.F) {
	for _, s := range gatingSeeds {
		f.Add(s, "# Care\n\nOnly 3 beds left! 94% of 1,200+ men stay sober.\n\n- one in 10, studies show #1-rated care\n- $ 50 cash; not really medical advice\n")
	}
	f.Fuzz(func(t *testing.T, expr, src string) {
		if len(expr) > 200 || len(src) > 2000 || strings.ContainsAny(src, "\u017f\u212a") {
			return
		}
		ref, err := regexp.Compile("(?i)" + expr)
		if err != nil || expr == "" || finiteProseWords("(?i)"+expr) != nil {
			return // an empty regex is not a phrase (Rule.Validate rejects it)
		}
		rule := &Rule{ID: "t/r", Phrases: []*Phrase{{Regex: expr}}}
		m := newMatcher([]*Rule{rule})
		doc := Parse("f.md", []byte(src))
		got := map[Span]bool{}
		for _, x := range m.run(doc).byRule[0] {
			got[Span{x.Block.SourceSpan(x.Text).Start, x.Block.SourceSpan(x.Text).End}] = true
		}
		want := map[Span]bool{}
		gated := requiredProseGroups("(?i)"+expr) != nil
		for _, b := range doc.Blocks {
			sentences := b.Sentences
			if !gated {
				// An ungated regex runs on the whole block.
				sentences = []Span{{0, len(b.Text)}}
			}
			for _, sp := range sentences {
				for _, loc := range ref.FindAllStringIndex(b.Text[sp.Start:sp.End], -1) {
					if loc[0] == loc[1] {
						continue // the matcher drops empty matches
					}
					s := b.SourceSpan(Span{sp.Start + loc[0], sp.Start + loc[1]})
					want[Span{s.Start, s.End}] = true
				}
			}
		}
		// The matcher keeps the longest of overlapping matches; a
		// regex's own matches never overlap, so the sets are equal.
		if len(got) != len(want) {
			t.Fatalf("%q on %q: matcher %v, regex %v", expr, src, got, want)
		}
		for s := range want {
			if !got[s] {
				t.Fatalf("%q on %q: regex match %v missed (matcher %v)", expr, src, s, got)
			}
		}
	})
}
