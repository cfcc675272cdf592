package rules

import "github.com/healthlint/healthlint/checker"

// DisclosureMedicalDisclaimer asks health pages to say they are not
// medical advice.
var DisclosureMedicalDisclaimer = &checker.Rule{
	ID:       "disclosure/medical-disclaimer",
	Title:    "a health page has no medical disclaimer",
	Severity: checker.SeverityWarning,
	// The shared matching pass looks for the built-in paraphrases.
	Phrases: wordingPhrases(disclosureData.Disclaimers),
	Sources: []checker.Source{srcHONcode, srcRaterGuide},
	Options: []checker.Option{{
		Name: "patterns", Kind: checker.OptStrings, Default: []string{},
		Doc: "your organisation's own disclaimer wording: phrases matched case-insensitively on whole words, or /regex/; they count in addition to the built-in paraphrases",
	}},
	Doc: `A page about addiction, suicide, mental health, medicines or a health
condition must say that it informs and does not replace a clinician
(HONcode's complementarity principle). The rule accepts the usual
paraphrases: "not medical advice", "not a substitute for professional
medical advice", "does not replace advice from your doctor", "for
informational/educational purposes only", "educational content only".
A disclaimer inside an HTML comment is not shown to readers and does not
count; "talk to your doctor" is advice, not a disclaimer.

Pages without health content (parking, careers, recipes) are not checked.
Add your organisation's own wording with the patterns option.

Bad:

    # Opioid withdrawal
    ...
    Talk to your doctor before changing your dose.

Good:

    *This article is for informational purposes only and is not a substitute
    for professional medical advice, diagnosis, or treatment.*`,
	Run: func(p *checker.Pass) {
		if !isHealthPage(p) {
			return
		}
		if len(p.Matches) > 0 || anyBlockMatches(p.Doc, compiledOption(p, "patterns")) {
			return
		}
		p.DocumentFinding("health page has no medical disclaimer; add one saying the content does not replace professional advice",
			`add: "This content is for information only and is not a substitute for professional medical advice, diagnosis, or treatment."`)
	},
}
