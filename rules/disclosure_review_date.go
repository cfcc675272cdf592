package rules

import (
	"fmt"
	"strings"
	"time"

	"github.com/healthlint/healthlint/checker"
)

// DisclosureReviewDate asks health pages for a recent review date.
var DisclosureReviewDate = &checker.Rule{
	ID:       "disclosure/review-date",
	Title:    "a health page has no recent review date",
	Severity: checker.SeverityWarning,
	Literals: literalsOf(reviewDateKeyRe),
	Sources:  []checker.Source{srcHONcode, srcRaterGuide},
	Options: []checker.Option{
		{Name: "keys", Kind: checker.OptStrings, Default: disclosureData.DateKeys,
			Doc: "front matter keys that hold the review date"},
		{Name: "max-age", Kind: checker.OptDuration, Default: 12,
			Doc: "the oldest a review date may be, in months before the as-of date"},
	},
	Doc: `Readers and reviewers need to know how current health information is
(HONcode's attribution principle asks for dates). The rule reads the review
date from the front matter (last_reviewed, reviewed, updated or date; see the
keys option) or from a byline line such as "Last reviewed: March 3, 2026",
"Last updated: 2026-03-03" or "Updated 03/03/2026", and reports:

- no review date at all;
- a date it cannot read ("Last updated: TBD");
- a date after the as-of date (--as-of, config as-of, or today);
- a date more than max-age months (default 12) before the as-of date.

When a page has several dates (a publication date and a review date), the
newest counts. Findings about a date point at the date itself.

Bad:

    By Staff Writer · Last updated: March 2021

Good:

    Medically reviewed by Jane Doe, MD · Last reviewed: 2026-09-14`,
	Run: func(p *checker.Pass) {
		if !isHealthPage(p) {
			return
		}
		cands := findReviewDates(p.Doc, p.Strings("keys"))
		months := p.Int("max-age")
		asOf := p.AsOf.Format(time.DateOnly)
		var newest *dateMention
		for i := range cands {
			c := &cands[i]
			if c.err == nil && (newest == nil || c.t.After(newest.t)) {
				newest = c
			}
		}
		switch {
		case newest != nil && newest.t.After(p.AsOf):
			p.Report(checker.Finding{Span: newest.span, Key: "future " + newest.text,
				Message:    fmt.Sprintf("review date %s is in the future (as of %s); correct it", newest.text, asOf),
				Suggestion: "write the date the page was last reviewed, e.g. " + asOf})
		case newest != nil && months > 0 && newest.t.AddDate(0, months, 0).Before(p.AsOf):
			p.Report(checker.Finding{Span: newest.span, Key: "stale " + newest.text,
				Message:    fmt.Sprintf("review date %s is more than %d months before %s; have the page re-reviewed and update the date", newest.text, months, asOf),
				Suggestion: "after a clinician re-reviews the page, set the review date to the day of that review"})
		case newest != nil:
			// fresh
		case len(cands) > 0:
			c := cands[0]
			p.Report(checker.Finding{Span: c.span, Key: "unreadable " + c.text,
				Message:    fmt.Sprintf("review date %q is not a date; write the date the page was last reviewed", c.text),
				Suggestion: "write it as YYYY-MM-DD, e.g. " + asOf})
		default:
			p.DocumentFinding(`health page has no review date; add "Last reviewed: YYYY-MM-DD" or last_reviewed in the front matter`,
				fmt.Sprintf(`add a byline "Last reviewed: %s" after a clinician reviews the page, or "last_reviewed: %s" in the front matter`, asOf, asOf))
		}
	},
}

// dateMention is a review date found in front matter or a byline.
type dateMention struct {
	text string
	t    time.Time
	err  error
	span checker.Span // source span of the date text
}

const monthNames = `(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?`

var (
	// reviewDateKeyRe introduces a date in a byline.
	reviewDateKeyRe = mustGated(`(?i)\b(last\s+)?(?:medically\s+|clinically\s+)?(?:reviewed|updated|revised|modified|review\s+date)(?:\s+on)?(\s*:)?[ \t]*`)
	dateAtStartRe   = mustGated(`(?i)^(?:\d{4}-\d{1,2}(?:-\d{1,2})?|\d{4}/\d{1,2}/\d{1,2}|\d{1,2}/\d{1,2}/\d{4}|\d{1,2}/\d{4}|` +
		monthNames + `\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{1,2}(?:st|nd|rd|th)?\s+` + monthNames + `,?\s+\d{4}|` + monthNames + `,?\s+\d{4})\b`)
	// dateValueEndRe ends an unreadable date value.
	dateValueEndRe = mustGated(`[·|•;—–]|\s-\s|\.\s|\.$|(?i)\s+(?:medically|clinically)?\s*reviewed\s+by`)
)

// findReviewDates returns the review dates of a document: the front
// matter keys, then byline lines.
func findReviewDates(doc *checker.Document, keys []string) []dateMention {
	var out []dateMention
	if doc.FrontMatter != nil {
		for _, k := range keys {
			f := doc.FrontMatter.Field(k)
			if f == nil || f.Value == "" {
				continue
			}
			t, err := parseReviewDate(f.Value)
			out = append(out, dateMention{text: f.Value, t: t, err: err, span: checker.Span{Start: f.ValueStart, End: f.ValueEnd}})
		}
	}
	for _, b := range doc.Blocks {
		if b.Kind == checker.KindFootnote {
			continue
		}
		for _, m := range reviewDateKeyRe.FindAllStringSubmatchIndexIn(b, b.Text, -1) {
			last, colon := m[2] >= 0, m[4] >= 0
			rest := b.Text[m[1]:]
			atStart := last || segmentStart(b.Text, m[0])
			if d := dateAtStartRe.FindStringIndex(rest); d != nil {
				if !atStart && !colon {
					continue
				}
				span := checker.Span{Start: m[1], End: m[1] + d[1]}
				text := b.Text[span.Start:span.End]
				t, err := parseReviewDate(text)
				out = append(out, dateMention{text: text, t: t, err: err, span: b.SourceSpan(span)})
				continue
			}
			// An unreadable value counts only in a byline ("Last updated:
			// TBD"), not in prose ("What's updated: the dosing table").
			if !colon || !atStart || strings.HasPrefix(strings.ToLower(rest), "by") {
				continue
			}
			end := len(rest)
			if e := dateValueEndRe.FindStringIndex(rest); e != nil {
				end = e[0]
			}
			value := strings.TrimRight(rest[:end], " ,*_")
			if value == "" || len(value) > 40 {
				continue
			}
			span := checker.Span{Start: m[1], End: m[1] + len(value)}
			t, err := parseReviewDate(value)
			out = append(out, dateMention{text: value, t: t, err: err, span: b.SourceSpan(span)})
		}
	}
	return out
}
