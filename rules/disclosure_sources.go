package rules

import (
	"fmt"
	"strings"

	"github.com/healthlint/healthlint/checker"
)

// DisclosureSources asks pages that make claims to cite something.
var DisclosureSources = &checker.Rule{
	ID:       "disclosure/sources",
	Title:    "a page makes claims that need support and cites no sources",
	Severity: checker.SeverityWarning,
	Literals: citationLiterals,
	Sources:  []checker.Source{srcHONcode, srcRaterGuide},
	Doc: `Statistics and strong medical claims need support the reader can check
(HONcode's attribution and justifiability principles). This rule looks at
the page as a whole: when it makes such claims (any claims/* finding, or a
sentence with a statistic such as "38 million", "1 in 5", "70%", "doubles",
or an establishment claim such as "clinically proven" or "the most effective
treatment") and cites nothing at all, it asks for sources.

Anything counts as a source: footnotes, a "References" or "Sources" section,
a link to an outside page, a numbered reference like [1], an author-year
citation like (Trauer et al., 2015), or attribution to a named authority
("according to the CDC"). Links to the site's own pages, tel: and mailto:
links do not. Pages without health content are not checked for statistics
(a careers page's "4% employer match" is not a health claim).

Bad:

    More than 38 million Americans have diabetes, and about 1 in 5 of them
    do not know it.

Good:

    More than 38 million Americans have diabetes, and about 1 in 5 of them
    do not know it.[^1]

    [^1]: CDC. National Diabetes Statistics Report. https://www.cdc.gov/diabetes/php/data-research/`,
	Run: func(p *checker.Pass) {
		prior, claimed := p.FirstPrior("claims/")
		if !claimed && !isHealthPage(p) {
			return
		}
		if hasSources(p.Doc) {
			return
		}
		claim := ""
		if claimed {
			claim = string(p.Doc.Source[prior.Span.Start:prior.Span.End])
		} else {
			claim = firstClaim(p.Doc)
		}
		if claim == "" {
			return
		}
		p.DocumentFinding(fmt.Sprintf("the page makes claims that need support (%s) but cites no sources; add footnotes or a references list", quoteShort(claim)),
			"cite the study or agency page behind each statistic and claim, e.g. with footnotes ([^1]) and a \"References\" section")
	},
}

var (
	// statisticRes find statistics and strong claims in lowercased prose.
	statisticRes = []*gatedRegexp{
		mustGated(`\b\d+(?:\.\d+)?\s?(?:%|percent\b)`),
		mustGated(`\b(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten) (?:in|out of) (?:\d{1,3}|two|three|four|five|six|seven|eight|nine|ten)\b`),
		mustGated(`\b\d+(?:\.\d+)?-fold\b|\b\d+ times (?:more|less|higher|lower|as)\b|\b(?:doubles?|triples?|halves)\b|\bin half\b`),
		mustGated(`\b(?:\d[\d,.]*|a|one|two|three|several|hundreds of|thousands of) (?:million|billion|thousand)\b`),
		mustGated(`\b(?:half|a third|one third|one-third|two-thirds|two thirds|a quarter|three-quarters|most|the majority) of (?:all )?(?:u\.s\. |us |american )?(?:adults|people|americans|patients|clients|children|women|men|users|teens)\b`),
		mustGated(`\b(?:clinically|scientifically|medically) proven\b|\bproven to\b|\bstudies (?:show|prove|have shown)\b|\bresearch (?:shows|proves|has shown)\b|\b(?:is|are) (?:the )?most effective\b|\b(?:is|are) as effective as\b`),
	}
)

// firstClaim returns the first sentence with a statistic or strong claim.
func firstClaim(doc *checker.Document) string {
	for _, b := range doc.Blocks {
		if b.Kind == checker.KindHeading || b.Kind == checker.KindFootnote {
			continue
		}
		for _, s := range b.Sentences {
			lower := b.Lower[s.Start:s.End]
			for _, re := range statisticRes {
				if re.MatchString(lower) {
					return b.Text[s.Start:s.End]
				}
			}
		}
	}
	return ""
}

// hasSources reports whether a document cites anything: footnotes, a
// references heading, an outside link, or a cited sentence.
func hasSources(doc *checker.Document) bool {
	if len(doc.Footnotes) > 0 {
		return true
	}
	for _, l := range doc.Links {
		if isOutsideLink(l.Destination) {
			return true
		}
	}
	for _, b := range doc.Blocks {
		if b.Kind == checker.KindHeading {
			h := strings.Trim(strings.TrimSpace(b.Lower), ":")
			if containsString(disclosureData.ReferenceHeadings, h) {
				return true
			}
			continue
		}
		for _, c := range b.Citations {
			if c.Kind == checker.CiteFootnote {
				return true
			}
		}
		for i := range b.Sentences {
			if SentenceCited(doc, b, i) {
				return true
			}
		}
	}
	return false
}

func isOutsideLink(dest string) bool {
	d := strings.ToLower(dest)
	return strings.HasPrefix(d, "http://") || strings.HasPrefix(d, "https://") || strings.HasPrefix(d, "www.")
}
