package rules

import (
	"fmt"
	"strings"

	"github.com/healthlint/healthlint/checker"
)

// DisclosureCrisisLine asks suicide and self-harm pages to give the 988
// Suicide & Crisis Lifeline.
var DisclosureCrisisLine = &checker.Rule{
	ID:       "disclosure/crisis-line",
	Title:    "a suicide or self-harm page gives no crisis line",
	Severity: checker.SeverityError,
	Sources:  []checker.Source{srcLifeline, srcSafeMessaging},
	Options: []checker.Option{
		{Name: "numbers", Kind: checker.OptStrings, Default: disclosureData.CrisisLine.Numbers,
			Doc: "crisis line numbers, any of which satisfies the rule (a UK publisher sets [\"116 123\"] for Samaritans)"},
		{Name: "phrases", Kind: checker.OptStrings, Default: disclosureData.CrisisLine.Phrases,
			Doc: "text that also counts as giving the crisis line, such as its chat address"},
	},
	Doc: `Safe-messaging guidance asks every page that discusses suicide or self-harm
to give a crisis resource. In the US that is the 988 Suicide & Crisis
Lifeline: call or text 988, or chat at 988lifeline.org.

The number must be given as a number to call ("call or text 988", "the 988
Suicide & Crisis Lifeline"); "988 Harbor Boulevard" in an address does not
count, and neither does a wrong number such as 989.

Bad:

    # Warning signs of suicide
    Cedar Ridge Behavioral Health · 988 Harbor Boulevard

Good:

    If you are thinking about suicide, call or text 988 to reach the 988
    Suicide & Crisis Lifeline, available 24/7.`,
	Run: func(p *checker.Pass) {
		if !p.HasTopic(TopicSuicide) {
			return
		}
		named := func(b *checker.Block, n phoneNumber) bool {
			sent := b.Sentences[b.SentenceAt(n.Span.Start)]
			s := b.Lower[sent.Start:sent.End]
			return strings.Contains(s, "lifeline") || strings.Contains(s, "crisis") || strings.Contains(s, "suicid")
		}
		// The number first: it settles most pages after a few blocks,
		// where a phrase search that fails reads every block and link.
		if numberGiven(p.Doc, normalizeNumbers(p.Strings("numbers")), named) || phraseGiven(p.Doc, p.Strings("phrases")) {
			return
		}
		nums := p.Strings("numbers")
		if len(nums) == 0 || nums[0] == "988" {
			if numberGiven(p.Doc, []string{phoneDigits("1-800-273-8255")}, nil) {
				p.DocumentFinding("page gives the former Lifeline number 1-800-273-8255 but not 988; lead with the 988 Suicide & Crisis Lifeline",
					`add: "Call or text 988 to reach the 988 Suicide & Crisis Lifeline, available 24/7."`)
				return
			}
			p.DocumentFinding("page discusses suicide or self-harm but gives no crisis line; add the 988 Suicide & Crisis Lifeline",
				`add: "If you are thinking about suicide or are worried about someone, call or text 988 to reach the 988 Suicide & Crisis Lifeline, available 24/7."`)
			return
		}
		p.DocumentFinding(fmt.Sprintf("page discusses suicide or self-harm but gives no crisis line; add %s", strings.Join(nums, " or ")),
			fmt.Sprintf("add a line telling readers in crisis to call %s, free and at any time", nums[0]))
	},
}
