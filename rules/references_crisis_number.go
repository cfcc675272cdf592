package rules

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/healthlint/healthlint/checker"
)

// ReferencesCrisisNumber checks the digits of numbers labelled as a
// national crisis or helpline.
var ReferencesCrisisNumber = &checker.Rule{
	ID:       "references/crisis-number",
	Title:    "a number labelled as a crisis line or helpline is not its real number",
	Severity: checker.SeverityError,
	Sources:  resourceSources(),
	Keywords: []string{"samhsa", "helpline", "lifeline", "poison", "crisis line"},
	Explain:  explainCrisisNumbers,
	Doc: `A reader in crisis dials exactly what the page says. A number written next
to the name of a national line must be that line's number:

- SAMHSA National Helpline: 1-800-662-HELP (4357); TTY 1-800-487-4889; text 435748
- 988 Suicide & Crisis Lifeline: 988 (call or text); former number 1-800-273-8255
- Poison Control: 1-800-222-1222
- Veterans Crisis Line: 988 then press 1; text 838255

Digits are compared, so 1-800-662-HELP, (800) 662-4357 and 800.662.4357 are
all right. The message gives the closest real number.

Bad:

    SAMHSA helpline: 1-800-662-4537
    Call or text 989, the Suicide & Crisis Lifeline.

Good:

    SAMHSA helpline: 1-800-662-HELP (4357)
    Call or text 988, the Suicide & Crisis Lifeline.`,
	Run: func(p *checker.Pass) {
		nums := numbersOf(p.Doc)
		for i, b := range p.Doc.Blocks {
			for _, w := range wrongCrisisNumbers(b, nums.block(i, b)) {
				r := disclosureData.Resources[w.resource]
				right := closestNumber(w.num.Digits, r.Numbers)
				written := b.Text[w.num.Span.Start:w.num.Span.End]
				p.Report(checker.Finding{
					Span:       b.SourceSpan(w.num.Span),
					Message:    fmt.Sprintf("%q is labelled as %s, but its number is %s (%s); correct the digits", written, r.Called, right.Display, right.Note),
					Suggestion: fmt.Sprintf("write %s", right.Display),
					Key:        r.Name + " " + w.num.Digits,
				})
			}
		}
	},
}

// explainCrisisNumbers lists the lines and numbers the rule checks.
func explainCrisisNumbers(time.Time) string {
	var b strings.Builder
	for _, r := range disclosureData.Resources {
		fmt.Fprintf(&b, "%s (%s)\n", r.Name, r.Source.URL)
		for _, n := range r.Numbers {
			fmt.Fprintf(&b, "  %s  %s\n", n.Display, n.Note)
		}
	}
	return b.String()
}

func resourceSources() []checker.Source {
	var out []checker.Source
	for _, r := range disclosureData.Resources {
		out = append(out, checker.Source{Title: r.Source.Title, URL: r.Source.URL})
	}
	return out
}

type labelMatch struct {
	resource int
	span     checker.Span
}

type wrongNumber struct {
	resource int
	num      phoneNumber
}

// neverWrong are emergency numbers that may stand next to any label
// ("call Poison Control or 911").
var neverWrong = []string{"911", "112", "999", "711"}

// breakWords between a label and a number mean the number belongs to
// someone else ("the Lifeline, or call our intake line at ...").
var breakWords = map[string]bool{
	"us": true, "our": true, "we": true, "clinic": true, "office": true, "admissions": true, "intake": true,
	"hotline": true, "helpline": true, "line": true, "center": true, "centre": true, "program": true, "team": true,
	"local": true, "your": true, "their": true, "main": true, "front": true, "desk": true,
}

// connectorWords may stand between two numbers of the same line
// ("1-800-662-4357, TTY 1-800-487-4889", "988 then press 1, or text 838255").
var connectorWords = map[string]bool{
	"tty": true, "text": true, "or": true, "and": true, "call": true, "dial": true, "press": true, "then": true,
	"sms": true, "voice": true, "spanish": true, "español": true, "for": true, "at": true, "1": true, "2": true,
	"the": true, "a": true, "it's": true, "free": true, "confidential": true, "24": true, "7": true,
}

// labelIndex is every resource label, in resource order, as one gated
// pattern set: a block is searched for the few labels whose words it
// holds, not for every label of every resource.
type labelIndex struct {
	labels   []helplineLabel
	resource []int // index into disclosureData.Resources
	// set gates the labels on Block.Lower; its literals are lowercase
	// whichever prose a label runs on.
	set *checker.PatternSet
}

var resourceLabels = sync.OnceValue(func() *labelIndex {
	l := &labelIndex{}
	var res []*regexp.Regexp
	for ri, r := range disclosureData.Resources {
		for _, label := range r.labels {
			l.labels = append(l.labels, label)
			l.resource = append(l.resource, ri)
			res = append(res, label.re)
		}
	}
	l.set = checker.NewPatternSet(res)
	return l
})

// wrongCrisisNumbers returns the numbers of a block (numbers, as
// findNumbers gives them) that are labelled as a known line and are not
// one of its numbers.
func wrongCrisisNumbers(b *checker.Block, numbers []phoneNumber) []wrongNumber {
	if !anyCheckableNumber(b, numbers) {
		return nil // most blocks give no number to judge; skip the label search
	}
	var labels []labelMatch
	all := resourceLabels()
	for _, c := range all.set.CandidatesFrom(b.Lower) {
		label := all.labels[c.Regex]
		for _, loc := range label.search.FindAllStringIndex(label.prose(b)[c.From:], -1) {
			labels = append(labels, labelMatch{all.resource[c.Regex], checker.Span{Start: c.From + loc[0], End: c.From + loc[1]}})
		}
	}
	if len(labels) == 0 {
		return nil
	}
	sort.Slice(labels, func(i, j int) bool { return labels[i].span.End < labels[j].span.End })
	inLabel := func(s checker.Span) bool {
		for _, l := range labels {
			if s.Start >= l.span.Start && s.End <= l.span.End {
				return true
			}
		}
		return false
	}
	var out []wrongNumber
	prevSentence, prevRes, prevEnd := -1, -1, 0
	for _, n := range numbers {
		if inLabel(n.Span) || !checkableNumber(b, n) {
			continue
		}
		si := b.SentenceAt(n.Span.Start)
		sent := b.Sentences[si]
		if si != prevSentence {
			prevSentence, prevRes, prevEnd = si, -1, sent.Start
		}
		res := -1
		// The last label between the previous number and this one.
		for _, l := range labels {
			if l.span.Start >= prevEnd && l.span.End <= n.Span.Start {
				res = l.resource
				if hasWord(b.Lower[l.span.End:n.Span.Start], breakWords) {
					res = -1
				}
			}
		}
		if res < 0 && prevRes >= 0 && onlyWords(b.Lower[prevEnd:n.Span.Start], connectorWords) {
			res = prevRes
		}
		if res < 0 {
			// A label right after the number: "989, the Suicide & Crisis Lifeline".
			for _, l := range labels {
				if l.span.Start >= n.Span.End && l.span.Start <= sent.End && onlyWords(b.Lower[n.Span.End:l.span.Start], connectorWords) {
					res = l.resource
					break
				}
			}
		}
		prevRes, prevEnd = res, n.Span.End
		if res < 0 || containsString(neverWrong, n.Digits) {
			continue
		}
		if validForLabelsInSentence(n.Digits, labels, sent) {
			continue
		}
		out = append(out, wrongNumber{resource: res, num: n})
	}
	return out
}

// anyCheckableNumber reports whether wrongCrisisNumbers could judge one
// of numbers: a number of fewer than three digits, or a short number
// outside a dial context, is skipped whatever the labels are ("24/7",
// "in 2024 about 105,000 people"), so a block without another needs no
// label search.
func anyCheckableNumber(b *checker.Block, numbers []phoneNumber) bool {
	for _, n := range numbers {
		if checkableNumber(b, n) {
			return true
		}
	}
	return false
}

// checkableNumber reports whether the rule judges n at all: three digits
// or more, and written in full or in a dial context.
func checkableNumber(b *checker.Block, n phoneNumber) bool {
	return len(n.Digits) >= 3 && (n.Full || dialContext(b, n.Span))
}

// validForLabelsInSentence reports whether digits are the number of any
// line named in the sentence.
func validForLabelsInSentence(digits string, labels []labelMatch, sent checker.Span) bool {
	for _, l := range labels {
		if l.span.Start < sent.Start || l.span.End > sent.End {
			continue
		}
		for _, rn := range disclosureData.Resources[l.resource].Numbers {
			if phoneDigits(rn.Number) == digits {
				return true
			}
		}
	}
	return false
}

func hasWord(lower string, set map[string]bool) bool {
	for _, w := range checker.Words(lower) {
		if set[w] {
			return true
		}
	}
	return false
}

func onlyWords(lower string, set map[string]bool) bool {
	for _, w := range checker.Words(lower) {
		if !set[w] {
			return false
		}
	}
	return true
}

// closestNumber returns the resource number nearest to digits by edit
// distance.
func closestNumber(digits string, numbers []resourceNumber) resourceNumber {
	best, bestD := numbers[0], 1<<30
	for _, n := range numbers {
		if d := checker.EditDistance(digits, phoneDigits(n.Number)); d < bestD {
			best, bestD = n, d
		}
	}
	return best
}
