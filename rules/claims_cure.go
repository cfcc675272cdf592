package rules

import (
	"github.com/healthlint/healthlint/checker"
)

var cureData = loadClaimData("cure")

// ClaimsCure flags cure, miracle and breakthrough claims about a condition.
var ClaimsCure = &checker.Rule{
	ID:       "claims/cure",
	Title:    "cure, miracle or breakthrough claim about a condition",
	Severity: checker.SeverityError,
	Sources:  []checker.Source{srcFTCHealth, src45d, srcGoogleAds, srcNIDAWords},
	Phrases:  cureData.Phrases,
	Doc: `Addiction and most chronic conditions are treated and managed, not cured.
"Cure", "miracle", "breakthrough" and "get rid of addiction" promise a result
no provider can substantiate; the FTC treats them as health claims that need
competent and reliable scientific evidence, 15 USC 45d makes deceptive
claims about substance use disorder treatment unlawful, and ad platforms
reject miracle-cure wording. A citation does not clear a cure claim.

The rule needs the word to be about a condition or a person: "let the
sealant cure", "salt-cured ham" and "a miracle the fire didn't spread" are
not claims. Negations ("there is no cure for addiction"), questions,
proper names ("Cure Addiction Foundation", "Miracle Mile"), clinical terms
("breakthrough pain", "Breakthrough Therapy designation"), quoted words the
sentence discusses, and the standard supplement disclaimer ("not intended
to diagnose, treat, cure, or prevent any disease") are not flagged. Nor is
"cure" for infections medicine does cure (hepatitis C, syphilis).

Bad:

    At Serenity Shores, we cure addiction for good.
    Our breakthrough program helps clients get rid of addiction.

Good:

    There is no cure for addiction, but it can be treated and managed.
    Our program combines medication for opioid use disorder with counseling.`,
	Run: func(p *checker.Pass) {
		r := newSentenceReporter()
		for _, m := range p.Matches {
			c := newClaimSite(m)
			if !cureClaim(c) || claimMention(p.Doc, c) {
				continue
			}
			reportClaim(p, r, m)
		}
	},
}

var (
	// cureSoughtBeforeRe and cureSoughtAfterRe find a cure that is sought,
	// not offered: "hope to find a cure", "a cure remains elusive".
	cureSoughtBeforeRe = mustGated(`\b(?:find|finding|found|search(?:ing)? for|toward|towards|hope for|hopes for|hoping for|quest for|race for|look(?:ing)? for|develop|developing|discover|discovering|seek|seeking|research (?:into|toward|towards|for)|closer to|pursuit of|work(?:ing)? toward|no known|yet to find)\s+(?:an? |the )?(?:\w+ )?$`)
	cureSoughtAfterRe  = mustGated(`^(?: for [\w' -]+?)? (?:remains?|is still|are still|has not been|have not been|has yet to be|is yet to be|does not exist|doesn't exist) ?(?:elusive|found|discovered|unknown|out of reach|a long way off)?`)
)

// cureClaim judges whether a cure-list match is about a condition.
func cureClaim(c claimSite) bool {
	s := c.Sentence()
	conditions := claimContext.list("conditions")
	switch c.Kind() {
	case "cure":
		if c.m.Text.Start > 0 && c.b.Text[c.m.Text.Start-1] == '-' {
			return false // "salt-cured": a process, not a claim
		}
		if claimContext.list("curable").In(s) {
			return false
		}
		if cureSoughtBeforeRe.MatchString(c.Before()) || cureSoughtAfterRe.MatchString(c.After()) {
			return false // "scientists hope to find a cure"
		}
		return conditions.In(s) || followedBy(c.After(), 1, claimContext.list("cure-objects"))
	case "framing":
		return conditions.In(s) || claimContext.list("treatments").In(s)
	}
	return true
}
