package rules

import (
	"fmt"
	"strings"

	"github.com/healthlint/healthlint/checker"
)

// HealthlintInvalidDirective reports directives that cannot work: a rule
// ID that does not exist or a misspelt verb.
var HealthlintInvalidDirective = &checker.Rule{
	ID:       "healthlint/invalid-directive",
	Title:    "a directive names an unknown rule or verb",
	Severity: checker.SeverityWarning,
	Sources:  directiveSources,
	Doc: `A directive that names a rule that does not exist silences nothing, so the
finding it was meant for still fires, or worse, a typo hides which rule the
author meant. The same goes for a misspelt verb ("healthlint-disble").

The verbs are healthlint-disable-next-line, healthlint-disable,
healthlint-enable and healthlint-disable-file. Run "healthlint rules" to list
rule IDs.

Bad:

    <!-- healthlint-disable-next-line claims/cures -- quoted from the FTC complaint -->

Good:

    <!-- healthlint-disable-next-line claims/cure -- quoted from the FTC complaint -->`,
	Run: func(p *checker.Pass) {
		for _, d := range p.Directives() {
			for _, id := range d.Rules {
				if !p.Settings().Known(id) {
					p.Report(checker.Finding{
						Span:       d.Span,
						Message:    fmt.Sprintf("directive names unknown rule %q%s", id, checker.DidYouMean(id, knownRuleIDs(p))),
						Suggestion: "use a rule ID from `healthlint rules`",
						Key:        "unknown " + id,
					})
				}
			}
		}
		verbs := []string{"healthlint-disable-next-line", "healthlint-disable", "healthlint-enable", "healthlint-disable-file"}
		for _, c := range p.Doc.Comments {
			verb, _, _ := strings.Cut(strings.TrimSpace(c.Text), " ")
			if !strings.HasPrefix(verb, "healthlint") {
				continue
			}
			if _, ok := checker.ParseDirective(c.Text); ok {
				continue
			}
			p.Report(checker.Finding{
				Span:       c.Span,
				Message:    fmt.Sprintf("%q is not a healthlint directive%s", verb, checker.DidYouMean(verb, verbs)),
				Suggestion: "use " + strings.Join(verbs, ", "),
				Key:        "verb " + verb,
			})
		}
	},
}

func knownRuleIDs(p *checker.Pass) []string {
	var ids []string
	for _, r := range p.Settings().Registry().Rules {
		ids = append(ids, r.ID)
	}
	for _, r := range p.Settings().Config.CustomRules {
		ids = append(ids, r.ID)
	}
	return ids
}
