package rules

import "github.com/healthlint/healthlint/checker"

var coverageData = loadClaimData("coverage")

// ClaimsCoverage flags absolute statements about insurance coverage and
// cost.
var ClaimsCoverage = &checker.Rule{
	ID:       "claims/coverage",
	Title:    "absolute claim about insurance coverage or cost",
	Severity: checker.SeverityError,
	Sources:  []checker.Source{srcFla39755, srcNAATP, src45d},
	Phrases:  coverageData.Phrases,
	Doc: `What insurance pays depends on the plan, the state, the network and medical
necessity. "Insurance covers 100%", "no out-of-pocket cost", "free rehab
with insurance", "we accept all insurance" and "in-network with all major
carriers" are false for many readers; NAATP's ethics code names
misstatements about coverage, and Florida law bars false statements about
a provider's services. A citation does not clear a coverage absolute.

Cost words that are not about insurance ("we'll fly you here at no cost")
are left to marketing/inducement. Questions ("Does insurance cover 100% of
rehab?"), negations ("we don't accept all insurance plans") and qualified
statements ("many patients pay nothing out of pocket, but your cost
depends on your plan") are not flagged.

Bad:

    Insurance covers 100% of your stay.
    We accept all insurance.

Good:

    Coverage varies by plan. Our admissions team will verify your benefits
    before you arrive.`,
	Run: func(p *checker.Pass) {
		r := newSentenceReporter()
		for _, m := range p.Matches {
			c := newClaimSite(m)
			s := c.Sentence()
			if c.Kind() == "cost" && !coverageData.list("insurance").In(s) {
				continue
			}
			if coverageData.list("qualifiers").In(s) || quantified(c) || claimMention(p.Doc, c) {
				continue
			}
			reportClaim(p, r, m)
		}
	},
}
