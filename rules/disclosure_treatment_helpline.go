package rules

import "github.com/healthlint/healthlint/checker"

// DisclosureTreatmentHelpline asks addiction pages for a free treatment
// referral line.
var DisclosureTreatmentHelpline = &checker.Rule{
	ID:       "disclosure/treatment-helpline",
	Title:    "an addiction page gives no treatment referral line",
	Severity: checker.SeverityWarning,
	Sources:  []checker.Source{srcSAMHSA},
	Options: []checker.Option{
		{Name: "numbers", Kind: checker.OptStrings, Default: disclosureData.TreatmentHelpline.Numbers,
			Doc: "referral line numbers, any of which satisfies the rule; digits are compared, so 1-800-662-HELP matches 1-800-662-4357"},
		{Name: "phrases", Kind: checker.OptStrings, Default: disclosureData.TreatmentHelpline.Phrases,
			Doc: "text that also counts as a referral resource, such as a locator's address"},
	},
	Doc: `A page about addiction should point readers to free, confidential,
independent treatment referral, not only to the publisher's own admissions
line. In the US that is SAMHSA's National Helpline, 1-800-662-HELP (4357),
or FindTreatment.gov. Written forms are compared by digits: 1-800-662-4357,
(800) 662-4357, 800.662.4357, 1-800-662-HELP and 1 (800) 662-HELP all count.
Set numbers (and phrases) for another country's referral line.

Bad:

    Call our admissions team 24/7 at (727) 555-0142.

Good:

    For free, confidential treatment referrals, call the SAMHSA National
    Helpline at 1-800-662-HELP (4357), 24/7.`,
	Run: func(p *checker.Pass) {
		if !p.HasTopic(TopicAddiction) {
			return
		}
		// The number first: it settles most pages after a few blocks,
		// where a phrase search that fails reads every block and link.
		if numberGiven(p.Doc, normalizeNumbers(p.Strings("numbers")), nil) || phraseGiven(p.Doc, p.Strings("phrases")) {
			return
		}
		p.DocumentFinding("addiction page gives no treatment referral line; add the SAMHSA National Helpline",
			`add: "For free, confidential treatment referrals, call the SAMHSA National Helpline at 1-800-662-HELP (4357), 24/7."`)
	},
}
