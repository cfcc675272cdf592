package rules

import (
	"strconv"

	"github.com/healthlint/healthlint/checker"
)

var speedData = loadClaimData("speed")

// ClaimsSpeed flags improbable speed of recovery presented as an outcome.
var ClaimsSpeed = &checker.Rule{
	ID:       "claims/speed",
	Title:    "improbable speed of recovery presented as an outcome",
	Severity: checker.SeverityWarning,
	Sources:  []checker.Source{srcFTCHealth, srcGoogleAds, src45d},
	Phrases:  speedData.Phrases,
	Doc: `"Instantly", "overnight", "within hours", "works immediately" and "rapid
detox in 3 days" promise a result faster than treatment delivers. Ad
policies forbid presenting improbable results as the likely outcome, and
the FTC asks for evidence that typical users get the result advertised.

Speed counts only as an outcome: the clause must speak of a result (feel,
relief, results, clean, sober, cravings, detox, cure...). The speed of an
administrative step ("verify your insurance in two minutes", "lab results
are ready within 48 hours"), of a harm ("fentanyl shuts down breathing
within minutes") or of an emergency drug reversing an overdose is not
flagged, nor are statements about some people only ("some people feel
better within a day, while others..."), negations and questions. Day
counts above three ("in 30 days") are not improbable.

Bad:

    Walk out drug-free overnight with our anesthesia-assisted detox.
    Feel like yourself again within hours of arrival.

Good:

    Withdrawal usually eases over one to two weeks; recovery takes months.`,
	Run: func(p *checker.Pass) {
		r := newSentenceReporter()
		for _, m := range p.Matches {
			c := newClaimSite(m)
			if !speedClaim(c) || quantified(c) || claimMention(p.Doc, c) {
				continue
			}
			reportClaim(p, r, m)
		}
	},
}

// andCommaRe splits a clause further for speed: "your prescription is
// ready in minutes and relief starts instantly" has two outcomes.
var andCommaRe = mustGated(`,|\band\b`)

var dayCountRe = mustGated(`(\d+|a few|few|one|two|three|a) days?`)

func speedClaim(c claimSite) bool {
	if c.Kind() == "days" {
		n := dayCountRe.FindStringSubmatch(c.Lower())
		if n == nil {
			return false
		}
		if v, err := strconv.Atoi(n[1]); err == nil && v > 3 {
			return false
		}
	}
	// The part of the clause between "and"s and commas holding the match.
	clause := c.Clause()
	off := c.m.Text.Start - c.clause.Start
	start, end := 0, len(clause)
	for _, loc := range andCommaRe.FindAllStringIndex(clause, -1) {
		if loc[1] <= off {
			start = loc[1]
		} else if loc[0] >= off+len(c.Lower()) {
			end = loc[0]
			break
		}
	}
	part := clause[start:end]
	return claimContext.list("speed-outcomes").In(part) && !claimContext.list("admin").In(part) &&
		!claimContext.list("harms").In(part)
}
