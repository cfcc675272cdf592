package rules

import (
	"fmt"

	"github.com/healthlint/healthlint/checker"
)

// DisclosureEmergencyNumber asks addiction and suicide pages to say when
// to call the emergency number.
var DisclosureEmergencyNumber = &checker.Rule{
	ID:       "disclosure/emergency-number",
	Title:    "an addiction, overdose, withdrawal or suicide page gives no emergency number",
	Severity: checker.SeverityWarning,
	Sources:  []checker.Source{srcSafeMessaging, srcSAMHSA},
	Options: []checker.Option{{
		Name: "numbers", Kind: checker.OptStrings, Default: disclosureData.Emergency.Numbers,
		Doc: "the local emergency numbers, any of which satisfies the rule (a UK publisher sets [\"999\", \"111\"])",
	}},
	Doc: `Overdose, withdrawal seizures and suicidal crises are emergencies. A page
about addiction (including overdose and withdrawal) or suicide must tell the
reader when to call the emergency number: 911 in the US by default, or the
numbers set in the numbers option.

The number counts when it is given as a number to call ("call 911", "Call
9-1-1", "Emergency: 911"), not when it is part of an address ("Suite 911").

Bad:

    # Signs of a fentanyl overdose
    ...
    Riverbend Community Health, 400 Canal Street, Suite 911

Good:

    If someone is not breathing or cannot be woken, call 911 right away.`,
	Run: func(p *checker.Pass) {
		if !p.HasTopic(TopicAddiction) && !p.HasTopic(TopicSuicide) {
			return
		}
		numbers := p.Strings("numbers")
		if numberGiven(p.Doc, normalizeNumbers(numbers), nil) {
			return
		}
		first := "911"
		if len(numbers) > 0 {
			first = numbers[0]
		}
		what := "an addiction, overdose or withdrawal page"
		if p.HasTopic(TopicSuicide) && !p.HasTopic(TopicAddiction) {
			what = "a page about suicide"
		}
		p.DocumentFinding(fmt.Sprintf("%s gives no emergency instruction; add when to call %s", what, first),
			fmt.Sprintf(`add: "If you or someone else is in immediate danger, call %s."`, first))
	},
}
