package rules

import (
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
