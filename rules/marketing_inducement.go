package rules

import "github.com/healthlint/healthlint/checker"

var inducementData = loadClaimData("inducement")

// MarketingInducement flags remuneration offered to enter treatment or to
// refer someone.
var MarketingInducement = &checker.Rule{
	ID:       "marketing/inducement",
	Title:    "inducement to enter treatment such as free travel, gift cards or waived copays",
	Severity: checker.SeverityError,
	Sources:  []checker.Source{srcEKRA, srcFla817505, srcFla39755, srcNAATP},
	Phrases:  inducementData.Phrases,
	Doc: `Paying people to enter treatment, or paying for referrals, is patient
brokering. Free or paid flights and travel, free housing, gift cards, cash,
waived or covered deductibles and copays, referral bonuses and finder's
fees can violate the Eliminating Kickbacks in Recovery Act (18 USC 220)
and Florida's Patient Brokering Act (Fla. Stat. 817.505). Every finding
needs legal review; a citation never clears it.

Retail discounts on products, free shipping or parking, free naloxone or
test strips, free helplines and contingency-management rewards inside
treatment are not inducements to enter it. Sentences that report or
prohibit inducements ("states have fined brokers who offered free
flights") and negations ("we are not able to pay for travel") are not
flagged.

Bad:

    We'll fly you to our Florida campus at no cost.
    Refer a friend and earn $500 when they're admitted.

Good:

    We'll help you plan your trip; travel costs are your responsibility.`,
	Run: func(p *checker.Pass) {
		r := newSentenceReporter()
		for _, m := range p.Matches {
			c := newClaimSite(m)
			s := c.Sentence()
			if inducementData.list("reporting").In(s) || claimContext.list("contingency").In(s) {
				continue
			}
			if c.Kind() == "money" && !claimContext.list("treatment-entry").In(s) {
				continue
			}
			if claimMention(p.Doc, c) {
				continue
			}
			reportClaim(p, r, m)
		}
	},
}
