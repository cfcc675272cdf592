package rules

import (
	"github.com/healthlint/healthlint/checker"
)

var guaranteeData = loadClaimData("guarantee")

// ClaimsGuarantee flags outcome guarantees and promises of permanent
// recovery.
var ClaimsGuarantee = &checker.Rule{
	ID:       "claims/guarantee",
	Title:    "guaranteed or permanent treatment outcome",
	Severity: checker.SeverityError,
	Sources:  []checker.Source{srcFTCHealth, src45d, srcGoogleAds, srcNAATP},
	Phrases:  guaranteeData.Phrases,
	Doc: `Substance use disorder is a chronic condition and relapse can happen, so
no program can guarantee sobriety. "Guaranteed", "100% success", "never
relapse", "you will stay sober" and permanence offered as an outcome ("for
good", "permanently", "forever", "sober for life") are deceptive claims
about treatment (15 USC 45d) and unreliable claims under ad policies. A
citation does not clear a guarantee.

Permanence counts only as an outcome: "deleting your account permanently
removes your records" and "meth permanently destroys dopamine neurons" (a
harm) are not promises. A guarantee of something other than an outcome
("federal parity law guarantees...", "we guarantee your privacy") is not
flagged, nor are negations ("we do not guarantee outcomes", "no rehab can
promise that you will never relapse") and quoted phrases the sentence
criticises.

Bad:

    Lasting sobriety, guaranteed.
    Our graduates never relapse.
    Break free from alcohol permanently.

Good:

    We do not guarantee outcomes, and relapse can be part of recovery.
    Our aftercare plan includes weekly groups for a year after discharge.`,
	Run: func(p *checker.Pass) {
		r := newSentenceReporter()
		for _, m := range p.Matches {
			c := newClaimSite(m)
			if !guaranteeClaim(c) || claimMention(p.Doc, c) {
				continue
			}
			reportClaim(p, r, m)
		}
	},
}

// permanenceHedgeRe finds wording that offers permanence as a possibility,
// not a promise: "lifelong recovery is possible", "recovery can last".
var permanenceHedgeRe = mustGated(`\b(?:can|may|might|could|possible|possibly|achievable|hope|hopes|hoping)\b`)

func guaranteeClaim(c claimSite) bool {
	switch c.Kind() {
	case "guarantee":
		// "outcome guarantees", "such guarantees": talk about guarantees.
		if w := checker.Words(c.Before()); len(w) > 0 && guaranteeData.list("discussed-after").Has(w[len(w)-1]) {
			return false
		}
		return !guaranteeData.list("non-outcomes").In(c.Sentence())
	case "permanence":
		clause := c.Clause()
		return claimContext.list("permanence-outcomes").In(clause) && !claimContext.list("harms").In(clause) &&
			!permanenceHedgeRe.MatchString(clause)
	}
	return true
}
