package rules

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/healthlint/healthlint/checker"
	"github.com/healthlint/healthlint/checker/checkertest"
	"github.com/healthlint/healthlint/internal/benchcorpus"
)

// The tests in this file hold hand-written scans to the regexes they
// replace, on the prose of every fixture, every eval item and a slice of
// the benchmark corpus, and on random text built from the words the scans
// look for.

// equivBlocks parses the fixtures, the eval files and generated documents
// into blocks.
func equivBlocks(t *testing.T) []*checker.Block {
	t.Helper()
	var docs [][]byte
	for _, pattern := range []string{"../testdata/rules/*/*/*.md", "../testdata/eval/*/*.yaml"} {
		files, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			docs = append(docs, src)
		}
	}
	for i := 0; i < 40; i++ {
		docs = append(docs, benchcorpus.Document(3, i))
	}
	var out []*checker.Block
	for _, src := range docs {
		out = append(out, checker.Parse("equiv.md", src).Blocks...)
	}
	if len(out) < 1000 {
		t.Fatalf("only %d blocks", len(out))
	}
	return out
}

// equivTexts returns every sentence of the blocks, lowercase and as
// written, and apart from them the sentences' prefixes and suffixes cut at
// each space: callers pass clauses and the text before or after a match
// as well as sentences.
func equivTexts(t *testing.T) (sentences, cuts []string) {
	seen := map[string]bool{}
	add := func(to *[]string, s string) {
		if !seen[s] {
			seen[s] = true
			*to = append(*to, s)
		}
	}
	for _, b := range equivBlocks(t) {
		for _, sp := range b.Sentences {
			for _, s := range []string{b.Lower[sp.Start:sp.End], b.Text[sp.Start:sp.End]} {
				add(&sentences, s)
				for i := 0; i < len(s); i++ {
					if s[i] == ' ' {
						add(&cuts, s[:i])
						add(&cuts, s[i:])
						add(&cuts, s[i+1:])
					}
				}
			}
		}
	}
	return sentences, cuts
}

// randomTexts strings words together with separators chosen to sit on
// either side of a word boundary: letters, digits, underscores,
// apostrophes, punctuation, multi-byte and invalid UTF-8.
func randomTexts(words []string, n int) []string {
	seps := []string{" ", "  ", "'", "_", "a", "1", ",", ".", "-", "—", "é", "\xff", "\xe2\x80", "(", ";", ":", "s", "'s"}
	r := rand.New(rand.NewPCG(1, 2))
	out := make([]string, n)
	for i := range out {
		var sb strings.Builder
		for k := r.IntN(6); k >= 0; k-- {
			sb.WriteString(seps[r.IntN(len(seps))])
			if r.IntN(4) > 0 {
				sb.WriteString(words[r.IntN(len(words))])
			} else {
				sb.WriteString(seps[r.IntN(len(seps))])
			}
		}
		if r.IntN(2) == 0 {
			sb.WriteString(seps[r.IntN(len(seps))])
		}
		out[i] = sb.String()
	}
	return out
}

func TestClaimWordsInEqualsRegexp(t *testing.T) {
	sentences, cuts := equivTexts(t)
	datas := []*claimData{claimContext, coverageData, cureData, establishmentData, guaranteeData,
		outcomeStatisticData, safetyData, speedData, superlativeData, inducementData, pressureData}
	lists := 0
	for _, d := range datas {
		for name, w := range d.lists {
			if w.byFirst == nil {
				t.Errorf("list %s: In falls back to the regexp", name)
			}
			lists++
			var words []string
			for e := range w.set {
				words = append(words, e, strings.ToUpper(e[:1])+e[1:])
			}
			texts := append(randomTexts(words, 3000), sentences...)
			// Each list takes every fourth cut, a different quarter from
			// the list before: the regexps are too slow for all of them.
			for i := lists % 4; i < len(cuts); i += 4 {
				texts = append(texts, cuts[i])
			}
			for _, s := range texts {
				if got, want := w.In(s), w.re.MatchString(s); got != want {
					t.Fatalf("list %s: In(%q) = %v, regexp says %v", name, s, got, want)
				}
			}
		}
	}
	if lists < 20 {
		t.Fatalf("only %d lists", lists)
	}
}

// clauseBreakRe is the regexp findClauseBreaks scans for by hand.
var clauseBreakRe = regexp.MustCompile(`[;:]|\s[-–—]+\s|—|–|\bbut\b|,\s+(?:so|and so|then|while|whereas|yet|we|we'll|we're|our|you|you'll|your|it|it's|they|this|that|he|she|i|others|which|whose|said|says)\b`)

func TestClauseBreaksEqualRegexp(t *testing.T) {
	sentences, cuts := equivTexts(t)
	words := append([]string{"but", "butter", "but_", ", ", ",\t", ",", " - ", " -- ", " —– ", "\n-\f", " -x", "—", "–", "and so", "and", "well", "sob", "i'd"}, clauseBreakWords...)
	texts := append(append(randomTexts(words, 20000), sentences...), cuts...)
	for _, s := range texts {
		b := &checker.Block{Text: s, Lower: s}
		var got [][]int
		for _, sp := range findClauseBreaks(b, checker.Span{End: len(s)}) {
			got = append(got, []int{sp.Start, sp.End})
		}
		if want := clauseBreakRe.FindAllStringIndex(s, -1); !slices.EqualFunc(got, want, slices.Equal) {
			t.Fatalf("findClauseBreaks(%q) = %v, regexp finds %v", s, got, want)
		}
	}
}

// TestGroupRunsEqualsIndex holds the run grouping of the matches the
// engine hands fda-status and uncited to the general grouping, which a nil
// block list forces.
func TestGroupRunsEqualsIndex(t *testing.T) {
	groups := 0
	var rules []*checker.Rule
	for _, orig := range []*checker.Rule{ClaimsFDAStatus, ClaimsUncited} {
		r := *orig
		r.Run = func(p *checker.Pass) {
			runs, ok := groupRuns(p.Doc.Blocks, p.Matches)
			if !ok {
				t.Errorf("%s: matches not in document order", r.ID)
			}
			if want := groupBySentence(nil, p.Matches); !reflect.DeepEqual(runs, want) {
				t.Errorf("%s: runs %v, index %v", r.ID, runs, want)
			}
			groups += len(runs)
		}
		rules = append(rules, &r)
	}
	s := checkertest.SettingsFor(t, &checker.Registry{Rules: rules}, t.TempDir(), ClaimsFDAStatus.ID, ClaimsUncited.ID)
	for i := 0; i < 40; i++ {
		if _, _, err := s.Check(checker.Parse("equiv.md", benchcorpus.Document(5, i))); err != nil {
			t.Fatal(err)
		}
	}
	if groups < 100 {
		t.Fatalf("only %d sentences with matches", groups)
	}
}

// TestNumberContextEqualsWords holds dialContext and isAddressNumber,
// which walk words in place, to the word slices they once built, at every
// run of digits of the blocks and of random prose made of the words they
// look for.
func TestNumberContextEqualsWords(t *testing.T) {
	dialRef := func(b *checker.Block, s checker.Span) bool {
		sent := b.Sentences[b.SentenceAt(s.Start)]
		words := checker.Words(b.Lower[min(sent.Start, s.Start):s.Start])
		if len(words) > 4 {
			words = words[len(words)-4:]
		}
		for _, w := range words {
			if dialWords[w] {
				return true
			}
		}
		pre := strings.TrimRight(b.Text[max(0, s.Start-3):s.Start], " *_(")
		return strings.HasSuffix(pre, ":")
	}
	addressRef := func(b *checker.Block, s checker.Span) bool {
		before := checker.Words(b.Lower[max(0, s.Start-20):s.Start])
		if n := len(before); n > 0 && addressWords[before[n-1]] {
			return true
		}
		if s.Start > 0 && b.Text[s.Start-1] == '#' {
			return true
		}
		after := checker.Words(b.Lower[s.End:min(len(b.Lower), s.End+40)])
		for i := 0; i < len(after) && i < 3; i++ {
			if streetWords[after[i]] {
				return true
			}
		}
		return false
	}
	var words []string
	for _, set := range []map[string]bool{dialWords, addressWords, streetWords} {
		for w := range set {
			words = append(words, w, strings.ToUpper(w))
		}
	}
	words = append(words, "911", "988", "1-800-662-4357", "#", "the", "or", "we", "now", "###", ":", "**")
	blocks := equivBlocks(t)
	// Three random texts to a block make sentences longer than the four
	// words dialContext keeps.
	texts := randomTexts(words, 30000)
	for i := 0; i+3 <= len(texts); i += 3 {
		src := strings.Join(texts[i:i+3], " ") + "\n"
		blocks = append(blocks, checker.Parse("equiv.md", []byte(src)).Blocks...)
	}
	checked := 0
	for _, b := range blocks {
		for i := nextDigit(b.Text, 0); i >= 0; {
			end := i
			for end < len(b.Text) && isDigit(b.Text[end]) {
				end++
			}
			s := checker.Span{Start: i, End: end}
			if got, want := dialContext(b, s), dialRef(b, s); got != want {
				t.Errorf("dialContext(%q, %v) = %v, words say %v", b.Text, s, got, want)
			}
			if got, want := isAddressNumber(b, s), addressRef(b, s); got != want {
				t.Errorf("isAddressNumber(%q, %v) = %v, words say %v", b.Text, s, got, want)
			}
			checked++
			i = nextDigit(b.Text, end)
		}
	}
	if checked < 10000 {
		t.Fatalf("only %d numbers checked", checked)
	}
}
