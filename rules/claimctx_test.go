package rules

import (
	"math/rand/v2"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/healthlint/healthlint/checker"
)

func TestSentenceCited(t *testing.T) {
	cases := []struct {
		md   string
		want bool
	}{
		{"Ketamine damages the bladder.", false},
		{"Ketamine damages the bladder.[^1]\n\n[^1]: A study.", true},
		{"Ketamine damages the bladder ([source](https://example.org)).", true},
		{"Ketamine damages the bladder [3].", true},
		{"Ketamine damages the bladder (Smith et al., 2021).", true},
		{"According to the CDC, ketamine damages the bladder.", true},
		{"NIDA reports that ketamine damages the bladder.", true},
		{"Ketamine damages the bladder. A 2019 review found this [4].", true},
		{"Ketamine damages the bladder. It is also costly. See [here](https://x.org).", false},
	}
	for _, c := range cases {
		doc := checker.Parse("t.md", []byte(c.md))
		b := doc.Blocks[0]
		if got := SentenceCited(doc, b, 0); got != c.want {
			t.Errorf("SentenceCited(%q) = %v, want %v", c.md, got, c.want)
		}
	}
}

func TestMentionJudgements(t *testing.T) {
	cases := []struct {
		md, phrase string
		mention    bool
	}{
		{"We cure addiction.", "cure", false},
		{"There is no cure for addiction.", "cure", true},
		{"Can diet cure diabetes?", "cure", true},
		{"The Cure Addiction Foundation funds research.", "Cure", true},
		{"Cure rates vary between programs.", "Cure", false},
		{`Anyone who promises a "100% success rate" is not being honest.`, "100% success rate", true},
		{"We don't guarantee outcomes.", "guarantee", true},
	}
	for _, c := range cases {
		doc := checker.Parse("t.md", []byte(c.md))
		b := doc.Blocks[0]
		i := indexOf(b.Text, c.phrase)
		m := checker.Match{Block: b, Text: checker.Span{Start: i, End: i + len(c.phrase)}, Sentence: b.SentenceAt(i)}
		if got := Mention(m); got != c.mention {
			t.Errorf("Mention(%q in %q) = %v, want %v", c.phrase, c.md, got, c.mention)
		}
	}
}

func TestHedged(t *testing.T) {
	for s, want := range map[string]bool{
		"ketamine may damage the bladder.":          true,
		"heavy drinking is linked to liver damage.": true,
		"ketamine damages the bladder.":             false,
		"some studies suggest it helps.":            true,
	} {
		if got := Hedged(s); got != want {
			t.Errorf("Hedged(%q) = %v, want %v", s, got, want)
		}
	}
}

func indexOf(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}

func TestHedgedAt(t *testing.T) {
	cases := []struct {
		md, verb string
		want     bool
	}{
		{"Xylazine causes severe skin wounds that can lead to amputation.", "causes", false},
		{"Ketamine may damage the bladder.", "damage", true},
		{"In some people, stopping benzodiazepines suddenly can cause seizures.", "cause", true},
		{"Caffeine raises blood pressure for a few hours in some people.", "raises", true},
		{"In a small trial, ketamine appeared to reduce cocaine use.", "reduce", true},
		{"Although it can be misused, ketamine relieves depression.", "relieves", false},
		{"Ketamine rewires the brain in ways scientists are only beginning to understand.", "rewires", false},
	}
	for _, c := range cases {
		doc := checker.Parse("t.md", []byte(c.md))
		b := doc.Blocks[0]
		i := indexOf(b.Text, c.verb)
		if got := HedgedAt(b, b.SentenceAt(i), i); got != c.want {
			t.Errorf("HedgedAt(%q at %q) = %v, want %v", c.md, c.verb, got, c.want)
		}
	}
}

func TestNegatedInClause(t *testing.T) {
	cases := []struct {
		md, word string
		want     bool
	}{
		{"This product is not intended to diagnose, treat, cure, or prevent any disease.", "prevent", true},
		{"Kratom is not approved by the FDA, and it causes dependence.", "causes", false},
		{"No supplement has been proven to treat alcohol use disorder.", "treat", true},
		{"Ketamine is not a street drug; it relieves pain.", "relieves", false},
		{"Alcohol destroys your liver.", "destroys", false},
	}
	for _, c := range cases {
		doc := checker.Parse("t.md", []byte(c.md))
		b := doc.Blocks[0]
		i := indexOf(b.Text, c.word)
		if got := NegatedInClause(b, b.SentenceAt(i), i); got != c.want {
			t.Errorf("NegatedInClause(%q at %q) = %v, want %v", c.md, c.word, got, c.want)
		}
	}
}

func TestCitationEdgeCases(t *testing.T) {
	cases := []struct {
		md   string
		want bool
	}{
		{"People who use kratom report that it eases withdrawal.", false},
		{"The WHO reports that alcohol causes cancer.", true},
		{"According to our patients, the tea heals the liver.", false},
		{"A study in mice found that the compound regrew synapses.", false},
		{"A 2018 study in the Annals of Internal Medicine found lower mortality.", true},
		{"The drug lowered blood pressure, according to results published in The Lancet.", true},
		{"Results published in 2019 show the tea works.", false},
	}
	for _, c := range cases {
		doc := checker.Parse("t.md", []byte(c.md))
		if got := SentenceCited(doc, doc.Blocks[0], 0); got != c.want {
			t.Errorf("SentenceCited(%q) = %v, want %v", c.md, got, c.want)
		}
	}
}

func TestProperNameIgnoresAcronyms(t *testing.T) {
	doc := checker.Parse("t.md", []byte("Spravato is FDA-approved for PTSD and anxiety."))
	b := doc.Blocks[0]
	i := indexOf(b.Text, "FDA-approved")
	if InProperName(b, checker.Span{Start: i, End: i + len("FDA-approved")}) {
		t.Error(`"FDA-approved" between acronyms was taken for a proper name`)
	}
}

// sentenceReporter answers the same whether it still lists the sentences
// or has moved them to a set.
func TestSentenceReporterFirst(t *testing.T) {
	blocks := []*checker.Block{{}, {}}
	r := newSentenceReporter()
	for round := 0; round < 2; round++ {
		for _, b := range blocks {
			for s := 0; s < 3*maxListedSentences; s++ {
				if got, want := r.first(b, s), round == 0; got != want {
					t.Fatalf("round %d, sentence %d: first = %v, want %v", round, s, got, want)
				}
			}
		}
	}
	if r.set == nil {
		t.Fatal("the list never moved to a set")
	}
}

// computeQuoteSegments, which jumps from mark to mark, finds the spans a
// byte-by-byte scan finds.
func TestQuoteSegmentsMatchByteScan(t *testing.T) {
	byteScan := func(text string) []checker.Span {
		var out []checker.Span
		openDouble, openSingle := -1, -1
		for i := 0; i < len(text); i++ {
			switch text[i] {
			case '"':
				if openDouble < 0 {
					openDouble = i
				} else {
					out = append(out, checker.Span{Start: openDouble + 1, End: i})
					openDouble = -1
				}
			case '\'':
				before := i > 0 && isWordByte(text[i-1])
				after := i+1 < len(text) && isWordByte(text[i+1])
				switch {
				case before && after:
				case openSingle < 0 && !before:
					openSingle = i
				case openSingle >= 0 && !after:
					out = append(out, checker.Span{Start: openSingle + 1, End: i})
					openSingle = -1
				}
			}
		}
		sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
		return out
	}
	r := rand.New(rand.NewPCG(9, 10))
	pieces := []string{"\"", "'", "a", "word", " ", "don't", "clients' ", "'quoted'", "\"said\"", "é"}
	for range 5000 {
		var b strings.Builder
		for range r.IntN(30) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		text := b.String()
		if got, want := computeQuoteSegments(text), byteScan(text); !reflect.DeepEqual(got, want) {
			t.Fatalf("%q: got %v, want %v", text, got, want)
		}
	}
}

// TestIsQuestionMatchesTrimRight holds IsQuestion to its definition, a
// question mark at the end once closing quotes, brackets, emphasis marks
// and spaces are trimmed, on random sentences built of those marks.
func TestIsQuestionMatchesTrimRight(t *testing.T) {
	rng := rand.New(rand.NewPCG(31, 32))
	pieces := []string{"Is it safe", "It works", "?", "?", ".", "!", `"`, "'", ")", "(", "*", "_", " ", "é", "?é", "x"}
	for round := 0; round < 3000; round++ {
		var sb strings.Builder
		for n := 1 + rng.IntN(8); n > 0; n-- {
			sb.WriteString(pieces[rng.IntN(len(pieces))])
		}
		doc := checker.Parse("q.md", []byte(sb.String()+"\n\nNext paragraph.\n"))
		for _, b := range doc.Blocks {
			for si, sp := range b.Sentences {
				want := strings.HasSuffix(strings.TrimRight(b.Text[sp.Start:sp.End], ` "')*_`), "?")
				if got := IsQuestion(b, si); got != want {
					t.Fatalf("IsQuestion(%q) = %v, want %v", b.Text[sp.Start:sp.End], got, want)
				}
			}
		}
	}
}
