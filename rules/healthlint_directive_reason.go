package rules

import "github.com/healthlint/healthlint/checker"

var directiveSources = []checker.Source{
	{Title: "Staticcheck: ignoring problems with //lint:ignore requires a reason", URL: "https://staticcheck.dev/docs/configuration/#ignoring-problems"},
	{Title: "golangci-lint nolintlint: require an explanation and report unused directives", URL: "https://golangci-lint.run/docs/linters/configuration/#nolintlint"},
}

// HealthlintDirectiveReason asks every suppression to say why.
var HealthlintDirectiveReason = &checker.Rule{
	ID:       "healthlint/directive-reason",
	Title:    "a directive that silences findings must give a reason",
	Severity: checker.SeverityWarning,
	Sources:  directiveSources,
	Doc: `A compliance reviewer reading a page later needs to know why a finding was
silenced: was the claim substantiated, the disclaimer shown elsewhere, the
finding wrong? A directive without a reason hides that decision.

Give the reason after " -- ". In front matter, use a reason key.

Bad:

    <!-- healthlint-disable-next-line claims/outcome-statistic -->

Good:

    <!-- healthlint-disable-next-line claims/outcome-statistic -- figure from our 2025 outcomes audit, see /outcomes -->

    ---
    healthlint:
      disable: [disclosure/insurance-caveat]
      reason: caveat is in the site-wide footer
    ---`,
	Run: func(p *checker.Pass) {
		for _, d := range p.Directives() {
			if d.Kind == checker.EnableRange || d.Reason != "" {
				continue
			}
			p.Report(checker.Finding{
				Span:       d.Span,
				Message:    "directive gives no reason for silencing findings",
				Suggestion: reasonHint(d),
				Key:        "reason " + directiveKey(d),
			})
		}
	},
}

func reasonHint(d *checker.Directive) string {
	if d.FrontMatter {
		return "add a reason: key beside disable: in the front matter"
	}
	return `add " -- " and the reason before "-->"`
}

func directiveKey(d *checker.Directive) string {
	key := ""
	for _, r := range d.Rules {
		key += r + " "
	}
	return key
}
