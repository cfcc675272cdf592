package rules

import (
	"strings"

	"github.com/healthlint/healthlint/checker"
)

var safetyData = loadClaimData("safety")

// ClaimsSafety flags safety absolutes.
var ClaimsSafety = &checker.Rule{
	ID:       "claims/safety",
	Title:    "safety absolute such as no side effects or painless detox",
	Severity: checker.SeverityError,
	Sources:  []checker.Source{srcFTCHealth, src45d, srcGoogleAds},
	Phrases:  safetyData.Phrases,
	Doc: `No treatment is free of risk. "No side effects", "completely safe", "100%
safe", "non-addictive", "painless detox", "no withdrawal" and "it's natural,
so it's safe" are safety claims that need substantiation the FTC rarely
sees; ketamine, for example, carries misuse, dissociation, blood-pressure
and bladder risks. A citation or an attribution never clears a safety
absolute ("completely safe, according to the American Kratom Association"
is still flagged).

Negations ("no medicine is completely safe", "there is no such thing as a
100% safe drug"), statements about some people only ("some people have no
side effects at all, while others..."), questions and quoted phrases the
sentence criticises are not flagged. "Painless" and "harmless" count only
when the sentence is about a treatment.

Bad:

    Our painless detox lets you withdraw in comfort.
    Ketamine therapy is safe and non-addictive.

Good:

    Medically supervised detox uses medicines to ease withdrawal symptoms;
    we monitor you around the clock.`,
	Run: func(p *checker.Pass) {
		r := newSentenceReporter()
		for _, m := range p.Matches {
			c := newClaimSite(m)
			if quantified(c) || claimMention(p.Doc, c) {
				continue
			}
			lower := c.Lower()
			if (strings.HasPrefix(lower, "painless") || strings.HasPrefix(lower, "harmless") || strings.HasPrefix(lower, "risk")) &&
				!safetyData.list("treatment-context").In(c.Sentence()) {
				continue
			}
			reportClaim(p, r, m)
		}
	},
}
