package rules

import "github.com/healthlint/healthlint/checker"

var pressureData = loadClaimData("pressure")

// MarketingPressure flags urgency, scarcity and fear pressure.
var MarketingPressure = &checker.Rule{
	ID:       "marketing/pressure",
	Title:    "urgency or scarcity pressure such as call now or only 2 beds left",
	Severity: checker.SeverityWarning,
	Sources:  []checker.Source{srcFTCHealth, srcFla39755, srcNAATP},
	Phrases:  pressureData.Phrases,
	Doc: `People looking for addiction treatment are often in crisis. "Call now",
"act now", "only 3 beds left", "beds are filling fast", "limited time" and
"before it's too late" use scarcity and fear to hurry a vulnerable reader;
they are misleading unless literally true and current, and NAATP's ethics
code and Florida's deceptive-marketing law address exactly this kind of
patient-acquisition pressure. A citation never clears it.

Emergency and crisis instructions ("call 911 right away", "call or text
988") are not sales pressure and are not flagged, nor are negations and
quoted phrases the sentence discusses.

Bad:

    Only 2 beds left - call now before it's too late!

Good:

    Contact us to talk about your options. If you are in immediate danger,
    call 911.`,
	Run: func(p *checker.Pass) {
		r := newSentenceReporter()
		for _, m := range p.Matches {
			c := newClaimSite(m)
			if claimContext.list("emergency").In(c.Sentence()) || claimMention(p.Doc, c) {
				continue
			}
			reportClaim(p, r, m)
		}
	},
}
