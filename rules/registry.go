// Package rules holds healthlint's built-in rules: one file per rule, each
// a value, listed explicitly in All. Word lists and datasets live in data/
// and are embedded into the binary.
package rules

import (
	_ "embed"

	"github.com/healthlint/healthlint/checker"
)

// DefaultConfig is the configuration every run builds on; a project's
// .healthlint.yaml is layered over it.
//
//go:embed data/default-config.yaml
var DefaultConfig []byte

// All returns every built-in rule in the order they run. Rules that read
// other rules' findings (disclosure/sources reads claims/*) come after
// them.
func All() []*checker.Rule {
	return []*checker.Rule{
		// claims: unsupported medical claims (claims-a).
		ClaimsCure,
		ClaimsGuarantee,
		ClaimsOutcomeStatistic,
		ClaimsSuperlative,
		ClaimsEstablishment,
		ClaimsSafety,
		ClaimsSpeed,
		ClaimsTestimonial,
		ClaimsCoverage,
		// claims: unsupported medical claims (claims-b).
		ClaimsFDAStatus,
		ClaimsUncited,
		// marketing: deceptive treatment marketing.
		MarketingPressure,
		MarketingInducement,
		// disclosure: required content.
		DisclosureMedicalDisclaimer,
		DisclosureEmergencyNumber,
		DisclosureCrisisLine,
		DisclosureTreatmentHelpline,
		DisclosureMedicalReview,
		DisclosureReviewDate,
		DisclosureSources,
		DisclosureInsuranceCaveat,
		// references: stale and wrong references.
		ReferencesCrisisNumber,
		ReferencesStaleInsurer,
		ReferencesStaleResource,
		// language: stigmatizing terms and spelling.
		LanguageStigmatizing,
		LanguageSpelling,
		// healthlint: the directives themselves.
		HealthlintDirectiveReason,
		HealthlintInvalidDirective,
		HealthlintUnusedDirective,
	}
}

// DataKeys are the datasets a config may replace or extend under data:.
var DataKeys = []string{
	"insurers", "resources", "language", "spelling",
}

// Registry returns the registry the engine and the CLI use.
func Registry() *checker.Registry {
	return &checker.Registry{
		Rules:         All(),
		DefaultConfig: DefaultConfig,
		DataKeys:      DataKeys,
		Topics:        TopicSets,
	}
}

// StarterConfig is what `healthlint init` writes.
//
//go:embed data/starter-config.yaml
var StarterConfig []byte
