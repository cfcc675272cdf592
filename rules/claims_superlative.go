package rules

import (
	"strings"

	"github.com/healthlint/healthlint/checker"
)

var superlativeData = loadClaimData("superlative")

// ClaimsSuperlative flags unattributed rankings of a provider, program or
// product.
var ClaimsSuperlative = &checker.Rule{
	ID:       "claims/superlative",
	Title:    "unattributed ranking of a provider, program or product",
	Severity: checker.SeverityWarning,
	Sources:  []checker.Source{srcFTCHealth, srcGoogleAds, srcFla39755, srcNAATP},
	Phrases:  superlativeData.Phrases,
	Doc: `"#1", "number one", "best rehab", "top-rated", "the leading provider" and
"the highest success rate" are objective claims: a reader takes them as
measured. Without a named, dated source they are unsubstantiated claims
(FTC) and misleading marketing of treatment (Fla. Stat. 397.55). Headings
and list items count: "Florida's Best Alcohol Detox" is a ranking.

Only rankings of a provider, program or product are flagged. "The best way
to find out is to ask your doctor", "best practices", "do our best",
"works best", "the leading cause of death", "our number one priority" and
"Top 5 warning signs" are not rankings. A ranking attributed to a named,
dated source ("named one of America's best treatment centers by Newsweek
(2024)") is fine. Plain puffery ("a caring team") is not flagged.

Bad:

    ## Florida's Best Alcohol Detox
    We are the #1 rated rehab in Arizona.

Good:

    Ranked among the top 10% of providers for patient experience by Press Ganey (2024 survey).
    Our staff includes board-certified addiction medicine physicians.`,
	Run: func(p *checker.Pass) {
		r := newSentenceReporter()
		for _, m := range p.Matches {
			c := newClaimSite(m)
			if !superlativeClaim(c) || claimMention(p.Doc, c) || rankingAttributed(m.Block, c.sentence) {
				continue
			}
			reportClaim(p, r, m)
		}
	},
}

func superlativeClaim(c claimSite) bool {
	after := c.After()
	switch c.Kind() {
	case "rank":
		next := nextWords(after, 2)
		for _, w := range next {
			if claimContext.list("non-ranks").Has(w) {
				return false
			}
		}
		return true
	case "best":
		if strings.HasPrefix(after, "-") {
			return false // "best-known", "best-value"
		}
		if strings.HasPrefix(after, " in ") || strings.HasPrefix(after, " around") || strings.HasPrefix(after, " anywhere") ||
			after == "" || strings.IndexAny(after[:1], ".!,;") == 0 {
			// "the best in the state", "our staff is the best."
			return strings.HasSuffix(c.Before(), "the ")
		}
		return providerFollows(after)
	case "adjacent":
		before := strings.TrimSpace(c.Before())
		if !(strings.HasSuffix(before, "the") || strings.HasSuffix(before, " a") || before == "a" ||
			strings.HasSuffix(before, "'s") || strings.HasSuffix(before, "our") || before == "" ||
			strings.HasSuffix(before, "an")) {
			return false
		}
		if strings.HasPrefix(after, "-") {
			return false
		}
		return providerFollows(after)
	}
	return true
}

// providerFollows reports whether a provider noun comes within four words,
// before any word that shows the superlative is about something else
// ("the best way to...", "top 5 tips").
func providerFollows(after string) bool {
	words := nextWords(after, 4)
	providers := claimContext.list("providers")
	stops := superlativeData.list("stops")
	for i, w := range words {
		if w[0] >= '0' && w[0] <= '9' || stops.Has(w) {
			return false
		}
		if providers.Has(w) || i+1 < len(words) && providers.Has(w+" "+words[i+1]) {
			return true
		}
	}
	return false
}
