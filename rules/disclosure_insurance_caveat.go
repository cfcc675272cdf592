package rules

import (
	"fmt"

	"github.com/healthlint/healthlint/checker"
)

// DisclosureInsuranceCaveat asks pages that name payers or discuss
// coverage to say that coverage varies.
var DisclosureInsuranceCaveat = &checker.Rule{
	ID:       "disclosure/insurance-caveat",
	Title:    "a page names a payer or discusses coverage without a coverage caveat",
	Severity: checker.SeverityWarning,
	// The shared matching pass looks for the built-in caveats: a regex
	// runs only on a sentence holding words of all its parts.
	Phrases: wordingPhrases(disclosureData.InsuranceCaveats),
	Sources: []checker.Source{srcFlorida, srcNAATPDisclosure},
	Options: []checker.Option{{
		Name: "patterns", Kind: checker.OptStrings, Default: []string{},
		Doc: "your own caveat wording (phrases or /regex/), counted in addition to the built-in ones",
	}},
	Doc: `Naming an insurer or saying what "insurance covers" invites the reader to
assume their own plan pays. Coverage depends on the plan, the state and the
service, and misstatements about coverage are a named concern of addiction
treatment marketing law and ethics codes (Fla. Stat. 397.55; NAATP). A page
that names a payer (Aetna, Cigna, Medicaid, Medicare, TRICARE...) or
discusses coverage ("covered by insurance", "free with insurance") must say
that coverage varies by plan and that benefits must be verified.

Bad:

    We accept Aetna, Cigna and TRICARE. Your plan may pay for detox.

Good:

    We accept Aetna, Cigna and TRICARE. Coverage varies by plan: we will
    verify your benefits before you start, and being in network does not
    guarantee that every service is covered.`,
	Run: func(p *checker.Pass) {
		if !p.HasTopic(TopicInsurance) {
			return
		}
		if len(p.Matches) > 0 || anyBlockMatches(p.Doc, compiledOption(p, "patterns")) {
			return
		}
		what := "discusses insurance coverage"
		if ev := p.TopicEvidence(TopicInsurance); ev != "" {
			what = fmt.Sprintf("mentions %q", ev)
		}
		p.DocumentFinding(fmt.Sprintf("page %s but never says coverage varies by plan; add a caveat and ask readers to verify their benefits", what),
			`add: "Coverage varies by plan and state. We'll verify your benefits before you start; being in network doesn't guarantee coverage for every service."`)
	},
}
