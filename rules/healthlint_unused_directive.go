package rules

import "github.com/healthlint/healthlint/checker"

// HealthlintUnusedDirective reports directives that silence nothing. It
// runs after suppression (see checker.LateRuleIDs).
var HealthlintUnusedDirective = &checker.Rule{
	ID:       "healthlint/unused-directive",
	Title:    "a directive silences no finding",
	Severity: checker.SeverityInfo,
	Sources:  directiveSources,
	Doc: `A directive that silences nothing is left over from text that has since
been rewritten, or it sits on the wrong line. Either way it misleads the next
reader and would silence a future, unrelated finding. Remove it or move it
to the line before the finding.

Bad:

    <!-- healthlint-disable-next-line claims/cure -- quoting a court filing -->
    Treatment helps many people recover.

Good: no directive where nothing needs silencing.`,
	Run: func(p *checker.Pass) {
		for _, d := range p.Directives() {
			if d.Used || d.Kind == checker.EnableRange {
				continue
			}
			known := true
			for _, id := range d.Rules {
				known = known && p.Settings().Known(id)
			}
			if !known {
				continue // healthlint/invalid-directive says why
			}
			p.Report(checker.Finding{
				Span:       d.Span,
				Message:    "directive silences no finding",
				Suggestion: "remove it, or move it to the line before the finding it is meant for",
				Key:        "unused " + directiveKey(d),
			})
		}
	},
}
