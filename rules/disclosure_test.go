package rules

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/healthlint/healthlint/checker"
	"github.com/healthlint/healthlint/checker/checkertest"
)

func TestDetectTopics(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"withdrawing from friends is not withdrawal",
			"# Low mood\n\nWithdrawing from friends and social withdrawal can be signs of low mood.\n", nil},
		{"methylphenidate is not meth",
			"# ADHD\n\nMethylphenidate and amphetamine salts treat ADHD. ADHD in adults is common.\n",
			[]string{"medication", "mental-health"}},
		{"meth use is addiction",
			"# Meth\n\nMeth use can lead to methamphetamine addiction.\n", []string{"addiction"}},
		{"one detox mention is not an addiction page",
			"# Careers\n\n| Role | Unit |\n|---|---|\n| RN | Detox unit |\n", nil},
		{"agency names are not the subject",
			"# Self-harm\n\nSee the Substance Abuse and Mental Health Services Administration guide on self-harm.\n",
			[]string{"suicide"}},
		{"footnotes are not the subject",
			"# Sleep\n\nSleep apnea and insomnia are treatable.[^1]\n\n[^1]: National Institute on Drug Abuse. Opioid overdose and drug addiction.\n",
			[]string{"health"}},
		{"payer named", "# Billing\n\nWe take Aetna and Medicare Part B.\n", []string{"insurance"}},
		{"recipe", "# Sheet-pan chicken\n\nRoast for 40 minutes at 425 F.\n", nil},
		{"suicide once is enough", "# Ketamine clinic\n\nKetamine can reduce suicidal thoughts.\n", []string{"suicide"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := DetectTopics(checker.Parse("t.md", []byte(tt.src)))
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("DetectTopics = %v, want %v", got, tt.want)
			}
			if !sort.StringsAreSorted(got) {
				t.Errorf("topics not sorted: %v", got)
			}
		})
	}
}

func TestFindNumbers(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"Call 1-800-662-4357 now", []string{"8006624357"}},
		{"Call (800) 662-4357 now", []string{"8006624357"}},
		{"Call 800.662.4357 now", []string{"8006624357"}},
		{"Call 1-800-662-HELP (4357) now", []string{"8006624357", "4357"}},
		{"Call 1 (800) 662-HELP now", []string{"8006624357"}},
		{"Call 9-1-1.", []string{"911"}},
		{"Call or text 988, or text 838255.", []string{"988", "838255"}},
		{"Ring Samaritans on 116 123.", []string{"116123"}},
		{"About 1.5 million, 24/7, 40% and $450.", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, n := range findNumbers(tt.text) {
			got = append(got, n.Digits)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("findNumbers(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

// TestLocalHelplines checks the UK configuration the README shows.
func TestLocalHelplines(t *testing.T) {
	dir := t.TempDir()
	conf := `rules:
  disclosure/emergency-number:
    options:
      numbers: ["999", "111"]
  disclosure/crisis-line:
    options:
      numbers: ["116 123"]
      phrases: ["samaritans.org"]
  disclosure/treatment-helpline:
    options:
      numbers: ["0300 123 6600"]
  disclosure/medical-disclaimer:
    options:
      patterns: ["this leaflet does not replace the advice of your GP", "/clinical governance (team|board)/"]
  disclosure/medical-review:
    options:
      keys: [clinical_reviewer]
      credentials: [MBBS, MRCPsych]
  disclosure/review-date:
    options:
      keys: [next_review, last_reviewed]
      max-age: 24
`
	if err := os.WriteFile(filepath.Join(dir, ".healthlint.yaml"), []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	ids := []string{"disclosure/medical-disclaimer", "disclosure/emergency-number", "disclosure/crisis-line",
		"disclosure/treatment-helpline", "disclosure/medical-review", "disclosure/review-date"}
	settings := checkertest.SettingsFor(t, Registry(), dir, ids...)
	check := func(src string) []string {
		t.Helper()
		findings, _, err := settings.Check(checker.Parse("uk.md", []byte(src)))
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, f := range findings {
			got = append(got, f.Rule)
		}
		sort.Strings(got)
		return got
	}
	good := `---
clinical_reviewer: "Sam Patel, MRCPsych"
last_reviewed: 2025-03-01
---

# Alcohol withdrawal and thoughts of suicide

Alcohol withdrawal can cause seizures: if someone has a fit, call 999. For advice, ring 111.
If you are thinking about suicide, ring Samaritans on 116 123. For drug and alcohol
addiction support, call FRANK on 0300 123 6600.

This leaflet does not replace the advice of your GP.
`
	if got := check(good); len(got) != 0 {
		t.Errorf("UK page with local numbers got %v, want nothing", got)
	}
	us := strings.NewReplacer("call 999", "call 911", "ring 111", "see a doctor", "116 123", "988",
		"0300 123 6600", "1-800-662-4357", "Sam Patel, MRCPsych", "Sam Patel, MD",
		"This leaflet does not replace the advice of your GP.", "This is not medical advice.").Replace(good)
	want := []string{"disclosure/crisis-line", "disclosure/emergency-number", "disclosure/medical-review", "disclosure/treatment-helpline"}
	if got := check(us); !reflect.DeepEqual(got, want) {
		t.Errorf("US page under the UK config got %v, want %v", got, want)
	}
}

func TestBadPatternOption(t *testing.T) {
	dir := t.TempDir()
	conf := "rules:\n  disclosure/medical-disclaimer:\n    options:\n      patterns: [\"/unclosed (group/\", \"our house disclaimer\"]\n"
	if err := os.WriteFile(filepath.Join(dir, ".healthlint.yaml"), []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	settings := checkertest.SettingsFor(t, Registry(), dir, "disclosure/medical-disclaimer")
	src := "# Opioid withdrawal\n\nOpioid withdrawal and overdose risk. Our house disclaimer applies.\n"
	findings, _, err := settings.Check(checker.Parse("p.md", []byte(src)))
	if err != nil {
		t.Fatal(err)
	}
	if len(findings) != 1 || !strings.Contains(findings[0].Message, "does not compile") {
		t.Errorf("got %+v, want one finding about the pattern that does not compile", findings)
	}
}

// The regexps nanpNumbers, spelledNumbers and shortNumbers stand for.
var (
	nanpRe    = regexp.MustCompile(`(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])(?:\d{3}|[A-Z]{3})[\s.-](?:\d{4}|[A-Z]{4})\b`)
	spelledRe = regexp.MustCompile(`\b\d(?:-\d){2,}\b`)
	shortRe   = regexp.MustCompile(`\b\d{3,}(?:[ -]\d{2,})*\b`)
)

// findNumbersWhole is findNumbers as it was before numberWindows, the
// digit prechecks and the hand scans: every regexp over the whole text.
// The fast path must find exactly the same numbers.
func findNumbersWhole(text string) []phoneNumber {
	if strings.IndexAny(text, "0123456789") < 0 {
		return nil
	}
	var out []phoneNumber
	taken := func(s, e int) bool {
		for _, n := range out {
			if s < n.Span.End && e > n.Span.Start {
				return true
			}
		}
		return false
	}
	for _, loc := range nanpRe.FindAllStringIndex(text, -1) {
		if loc[0] > 0 && (isWordByte(text[loc[0]-1]) || text[loc[0]-1] == '-') {
			continue
		}
		out = append(out, phoneNumber{Span: checker.Span{Start: loc[0], End: loc[1]}, Digits: phoneDigits(text[loc[0]:loc[1]]), Full: true})
	}
	for _, re := range []*regexp.Regexp{spelledRe, shortRe} {
		for _, loc := range re.FindAllStringIndex(text, -1) {
			if taken(loc[0], loc[1]) {
				continue
			}
			if loc[0] > 0 && strings.IndexByte("./$", text[loc[0]-1]) >= 0 {
				continue
			}
			if loc[1] < len(text) && strings.IndexByte("/%", text[loc[1]]) >= 0 {
				continue
			}
			if loc[1]+1 < len(text) && strings.IndexByte(".,", text[loc[1]]) >= 0 && isDigit(text[loc[1]+1]) {
				continue
			}
			out = append(out, phoneNumber{Span: checker.Span{Start: loc[0], End: loc[1]}, Digits: phoneDigits(text[loc[0]:loc[1]])})
		}
	}
	sortNumbers(out)
	return out
}

func TestNumberWindowsFindTheSameNumbers(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	pieces := []string{"1", "800", "662", "94", "7", "2024", "9-1-1", "9-", "-1", "12", "0", "a", "_", "NINE", "4357", "HELP", "TLC", "MAMA", "988", "911", "9-1-1", " ", "  ", "-", ".", "(", ")", "+",
		"call ", "text ", "the Lifeline", "24/7", "$450", "1.5", "%", "\t", "\n", "é", "x", ",", "0800 58 58 58", "116 123"}
	for round := 0; round < 20000; round++ {
		var b strings.Builder
		for n := rng.IntN(40); n > 0; n-- {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		text := b.String()
		got, want := findNumbers(text), findNumbersWhole(text)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%q:\n windows %+v\n whole   %+v", text, got, want)
		}
	}
}

// The hand scans find exactly what their regexps find.
func TestNumberScansEqualRegexps(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	alphabet := "0123456789-  -a_.9"
	for round := 0; round < 100000; round++ {
		b := make([]byte, rng.IntN(24))
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		s := string(b)
		for _, c := range []struct {
			re   *regexp.Regexp
			scan func(string) [][2]int
		}{{spelledRe, spelledNumbers}, {shortRe, shortNumbers}} {
			var want [][2]int
			for _, loc := range c.re.FindAllStringIndex(s, -1) {
				want = append(want, [2]int{loc[0], loc[1]})
			}
			if got := c.scan(s); !reflect.DeepEqual(got, want) {
				t.Fatalf("%s on %q: scan %v, regexp %v", c.re, s, got, want)
			}
		}
	}
}

// parseReviewDateRegexps is parseReviewDate without its ISO fast path:
// every date through the abbreviation rewrites and checker.ParseDate.
func parseReviewDateRegexps(s string) (time.Time, error) {
	s = strings.TrimSpace(strings.Trim(strings.TrimSpace(s), "*_"))
	s = monthAbbrevDot.ReplaceAllString(s, "$1")
	s = septRe.ReplaceAllString(s, "Sep")
	return checker.ParseDate(s)
}

// The ISO fast path reads every date as the regexps and ParseDate do, and
// leaves the same error on the dates it cannot read.
func TestParseReviewDateFastPath(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	digits := func(n, max int) string {
		return fmt.Sprintf("%0*d", n, rng.IntN(max))
	}
	wraps := []string{"", " ", "*", "_", "**", " *", "\t", "."}
	var inputs []string
	for round := 0; round < 20000; round++ {
		date := digits(4, 10000) + "-" + digits(2, 15) + "-" + digits(2, 35)
		switch rng.IntN(8) {
		case 0: // a byte of the ISO shape replaced
			b := []byte(date)
			b[rng.IntN(len(b))] = "0123456789-/ .aT"[rng.IntN(16)]
			date = string(b)
		case 1: // a short or long variant
			date = date[:rng.IntN(len(date)+1)] + []string{"", "0", "T10:00:00Z", " 10:00:00", "th"}[rng.IntN(5)]
		case 2:
			date = []string{"Sept. 8, 2026", "March 3rd, 2026", "2026/03/03", "03/03/2026", "Jan. 2026", "TBD"}[rng.IntN(6)]
		}
		w := wraps[rng.IntN(len(wraps))]
		inputs = append(inputs, w+date+w)
	}
	inputs = append(inputs, "2024-02-29", "2023-02-29", "2026-00-10", "2026-12-31", "0000-01-01", "9999-12-31")
	for _, in := range inputs {
		got, gotErr := parseReviewDate(in)
		want, wantErr := parseReviewDateRegexps(in)
		if got != want || fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
			t.Fatalf("parseReviewDate(%q) = %v, %v; the regexps give %v, %v", in, got, gotErr, want, wantErr)
		}
	}
}

// nanpNumbers finds exactly what its regexp finds, on strings built from
// the pieces of North American numbers and the bytes around them.
func TestNANPScanEqualsRegexp(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	pieces := []string{"1", "+", "+1", "(", ")", "800", "662", "4357", "80", "8000", "HELP", "TLC", "MAMA", "HE", "ABCDE",
		"0", "5", "9", " ", "\t", "\n", "\f", "\v", "\r", ".", "-", "a", "z", "_", "é", "Z", "(800)", "1-", "1 ", "+1 "}
	for round := 0; round < 200000; round++ {
		var b strings.Builder
		for n := rng.IntN(16); n > 0; n-- {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		var want [][2]int
		for _, loc := range nanpRe.FindAllStringIndex(s, -1) {
			want = append(want, [2]int{loc[0], loc[1]})
		}
		if got := nanpNumbers(s); !reflect.DeepEqual(got, want) {
			t.Fatalf("%q: scan %v, regexp %v", s, got, want)
		}
	}
	for _, s := range []string{"1-800-662-4357", "(800) 662-4357", "800.662.4357", "1-800-662-HELP", "1 (800) 662-HELP",
		"+1 800 662 4357", "1-833-TLC-MAMA", "+1-800-662-4357x", "11-800-662-4357", "1(800)662-4357"} {
		if got, want := len(nanpNumbers(s)), len(nanpRe.FindAllStringIndex(s, -1)); got != want {
			t.Errorf("%q: scan finds %d, regexp %d", s, got, want)
		}
	}
}

// TestNextDigitMatchesByteScan holds the word-at-a-time digit search to a
// byte-by-byte one, on random text of digits, their neighbours in ASCII
// ('/' and ':'), letters, spaces and multibyte runes, from every start.
func TestNextDigitMatchesByteScan(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	pieces := []string{"a", " ", "/", ":", "0", "9", "5", "é", "日", "\xff", "\x00", "\x7f", "\xb0", "\xb9", "\x10", "\x19", "P", "Y"}
	for round := 0; round < 20000; round++ {
		var sb strings.Builder
		for n := rng.IntN(40); n > 0; n-- {
			p := pieces[rng.IntN(len(pieces))]
			if p >= "0" && p <= "9" && rng.IntN(4) > 0 {
				p = "x" // digits rarer than other bytes, as in prose
			}
			sb.WriteString(p)
		}
		text := sb.String()
		for i := 0; i <= len(text); i++ {
			want := -1
			for j := i; j < len(text); j++ {
				if text[j] >= '0' && text[j] <= '9' {
					want = j
					break
				}
			}
			if got := nextDigit(text, i); got != want {
				t.Fatalf("nextDigit(%q, %d) = %d, want %d", text, i, got, want)
			}
		}
	}
	for round := 0; round < 200000; round++ {
		w := rng.Uint64()
		if round < 256*8 {
			w = uint64(round%256) << (8 * (round / 256))
		}
		want := false
		for k := 0; k < 8; k++ {
			if c := byte(w >> (8 * k)); c >= '0' && c <= '9' {
				want = true
			}
		}
		if got := hasDigitByte(w); got != want {
			t.Fatalf("hasDigitByte(%#x) = %v, want %v", w, got, want)
		}
	}
}
