package rules

import (
	"fmt"

	"github.com/healthlint/healthlint/checker"
)

var testimonialData = loadClaimData("testimonial")

// ClaimsTestimonial flags outcome testimonials on a page that does not
// disclose typical results or material connections.
var ClaimsTestimonial = &checker.Rule{
	ID:       "claims/testimonial",
	Title:    "outcome testimonial with no typicality or material-connection disclosure",
	Severity: checker.SeverityWarning,
	Sources:  []checker.Source{srcFTC2552, srcFTC2555, srcFTC465, src45d},
	Phrases:  testimonialData.Phrases,
	Doc: `A patient's recovery story tells readers what to expect. Under the FTC's
Endorsement Guides (16 CFR 255.2) an advertiser who shows a consumer's
results must disclose what people can generally expect, and 16 CFR 255.5
requires disclosing any material connection: payment, a discount, free
treatment, alumni or staff status. "Results not typical" or "individual
results may vary" alone is not enough.

The rule flags a quotation that speaks of an outcome (sober, clean,
relapse, cravings gone, "my life back"...) and is first-person or
attributed to a named person or initials ("- Kevin R.", "says D.W.",
"Tanya's story:"), star reviews, and aggregate star ratings ("rated 4.9
stars"). A blockquote ending in an attribution line counts too. Nothing
is flagged when the document states the results people can generally
expect, or discloses payment or a discount to the people quoted. Quotes
about cost or process and unnamed reported experiences are not outcome
testimonials.

Bad:

    > "I've been sober 18 months and I owe it all to this team." - Kevin R.

Good:

    > "I've been sober 18 months and I owe it all to this team." - Kevin R.

    Kevin received an alumni discount on aftercare. In our 2024 survey, the
    typical client reported ... (methods at /outcomes).`,
	Run: func(p *checker.Pass) {
		if testimonialDisclosed(p) {
			return
		}
		reported := map[*checker.Block]bool{}
		for _, m := range p.Matches {
			b := m.Block
			if reported[b] {
				continue
			}
			var span checker.Span
			switch m.Phrase.Data {
			case "stars":
				if IsQuestion(b, m.Sentence) || InQuotation(b, m.Sentence, m.Text) {
					continue
				}
				span = m.Text
				// Take in the review the stars rate: "★★★★★ 'They gave me my son back.'"
				for _, q := range blockQuotes(b) {
					if q.Start > span.End && q.Start-span.End <= 3 {
						span.End = q.End
						if span.End < len(b.Text) {
							span.End++
						}
						break
					}
				}
			case "outcome", "outcome-weak":
				q, ok := testimonialQuote(p.Doc, b, m.Text, m.Phrase.Data == "outcome")
				if !ok {
					continue
				}
				span = q
			default:
				continue
			}
			reported[b] = true
			text := b.Text[span.Start:span.End]
			p.Report(checker.Finding{
				Span:       b.SourceSpan(span),
				Message:    fmt.Sprintf("outcome testimonial %q implies typical results; disclose what people can generally expect and any material connection (payment, discounts, alumni or staff status)", clip(text, 60)),
				Suggestion: testimonialData.Suggestion,
			})
		}
	},
}

// testimonialDisclosed reports whether the document states generally
// expected results, or discloses a material connection in a sentence
// about its testimonials.
func testimonialDisclosed(p *checker.Pass) bool {
	for _, m := range p.Matches {
		switch m.Phrase.Data {
		case "typicality":
			if !IsQuestion(m.Block, m.Sentence) {
				return true
			}
		case "connection":
			s := m.Block.Sentences[m.Sentence]
			if testimonialData.list("testimonial-context").In(m.Block.Lower[s.Start:s.End]) {
				return true
			}
		}
	}
	return false
}

var (
	// attributionAfterRe is an attribution right after a closing quote:
	// "- Kevin R.", "— J.R.", ", says D.W.".
	attributionAfterRe = mustGated(`^[,.!?]?\s*(?:[-–—~]+\s*\S|(?:says|said|writes|wrote|shares|explains|recalls)\s+(?:(?:alumna|alumnus|alum|graduate|patient|client|former patient|former client|mom|mother|dad|father|parent|veteran|resident)\s+)?(?:[A-Z]|an? |one |our ))`)
	// attributionBeforeRe is a name introducing a quote: "Tanya's story:",
	// "Hear it from Marcus:", "Kevin says:".
	attributionBeforeRe = mustGated(`(?:\b[A-Z][a-z]+(?:'s (?:story|words|review|experience|journey))?|\b[A-Z]\.\s?[A-Z]\.|\b[A-Z][a-z]+ (?:says|said|writes|wrote|shares))\s*:\s*$`)
)

// testimonialQuote returns the quotation holding span when it is an
// outcome testimonial: attributed to a named person, or first-person and
// about recovery (strong).
func testimonialQuote(doc *checker.Document, b *checker.Block, span checker.Span, strong bool) (checker.Span, bool) {
	for _, q := range blockQuotes(b) {
		if q.Start > span.Start || span.End > q.End {
			continue
		}
		if strong && claimContext.list("first-person").In(b.Lower[q.Start:q.End]) {
			return q, true
		}
		after := ""
		if q.End+1 <= len(b.Text) {
			after = b.Text[q.End+1:]
		}
		before := ""
		if q.Start >= 1 {
			before = b.Text[:q.Start-1]
		}
		if attributionAfterRe.MatchString(after) || attributionBeforeRe.MatchString(before) {
			return q, true
		}
		return checker.Span{}, false
	}
	// A blockquote without quotation marks, closed by an attribution line.
	if attributedQuoteBlock(doc, b) && claimContext.list("first-person").In(b.Lower) {
		s := b.Sentences[b.SentenceAt(span.Start)]
		return s, true
	}
	return checker.Span{}, false
}

// clip shortens s to at most n bytes at a word boundary, with an ellipsis.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && s[cut] != ' ' {
		cut--
	}
	if cut == 0 {
		cut = n
	}
	return s[:cut] + "..."
}
