package rules

import "github.com/healthlint/healthlint/checker"

var outcomeStatisticData = loadClaimData("outcome-statistic")

// ClaimsOutcomeStatistic flags uncited success, recovery and sobriety
// rates and counts.
var ClaimsOutcomeStatistic = &checker.Rule{
	ID:       "claims/outcome-statistic",
	Title:    "success, recovery or sobriety rate or count with no citation",
	Severity: checker.SeverityError,
	Literals: citationLiterals,
	Sources:  []checker.Source{srcFTCHealth, src45d, srcNAATP, srcFla39755},
	Phrases:  outcomeStatisticData.Phrases,
	Doc: `A success rate means nothing without its method: who was counted, how
long after discharge, and what "success" meant. Outcome figures with no
source are deceptive claims under the FTC's substantiation standard and
15 USC 45d, and NAATP's ethics code requires honest outcome reporting.

The rule flags a percentage, an "N in N" or "N out of N" figure, or a count
of people, when the sentence is about an outcome (sober, clean, recovery,
relapse, abstinence, success, completion, response, remission...), and a
relative rate with no number ("our success rate is triple the national
average"). A citation in the sentence or the next one clears it: a link, a
footnote, a numeric or author-year reference, or a named authority.
Prevalence figures and counts of beds or staff are not outcomes.

Bad:

    92% of our clients are still sober one year after discharge.
    8 in 10 alumni stay clean.

Good:

    In our 2024 alumni survey, 64% of respondents reported no alcohol or drug
    use at six months ([methods and sample](https://example.org/outcomes-2024)).`,
	Run: func(p *checker.Pass) {
		r := newSentenceReporter()
		for _, m := range p.Matches {
			c := newClaimSite(m)
			if !outcomeStatistic(c) || claimMention(p.Doc, c) || SentenceCited(p.Doc, m.Block, m.Sentence) {
				continue
			}
			reportClaim(p, r, m)
		}
	},
}

func outcomeStatistic(c claimSite) bool {
	if c.Kind() == "relative" {
		return true
	}
	return claimContext.list("statistic-outcomes").In(c.Sentence())
}
