package rules

import (
	_ "embed"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/healthlint/healthlint/checker"
)

//go:embed data/resources.yaml
var resourcesYAML []byte

// resourceData is the layout of data/resources.yaml and of a user's
// data: {resources: FILE}.
type resourceData struct {
	Entries []*resourceEntry `yaml:"entries"`
}

// resourceEntry is one retired hotline, manual, code set, seal or program.
type resourceEntry struct {
	ID        string   `yaml:"id"`
	Names     []string `yaml:"names"`
	Patterns  []string `yaml:"patterns"`
	Current   string   `yaml:"current"`
	Fix       string   `yaml:"fix"`
	FixOnly   []string `yaml:"fix_only"`
	Effective string   `yaml:"effective"`
	Scope     string   `yaml:"scope"`
	Unless    []string `yaml:"unless"`
	Message   string   `yaml:"message"`
	Source    []string `yaml:"source"`
	Disabled  bool     `yaml:"disabled"`

	date effectiveDate
}

func (d *resourceData) validate() error {
	ids := make([]string, len(d.Entries))
	for i, e := range d.Entries {
		ids[i] = e.ID
	}
	if err := uniqueIDs("resource entry", ids); err != nil {
		return err
	}
	for _, e := range d.Entries {
		if e.Disabled {
			continue
		}
		if len(e.Names) == 0 && len(e.Patterns) == 0 {
			return fmt.Errorf("entry %s: give names or patterns", e.ID)
		}
		for _, pat := range e.Patterns {
			if _, err := regexp.Compile(pat); err != nil {
				return fmt.Errorf("entry %s: pattern %q does not compile: %v", e.ID, pat, err)
			}
		}
		switch e.Scope {
		case "":
			e.Scope = "sentence"
		case "sentence", "block":
		default:
			return fmt.Errorf("entry %s: scope %q is not sentence or block", e.ID, e.Scope)
		}
		if e.Message == "" || e.Current == "" {
			return fmt.Errorf("entry %s: needs a message and the current resource", e.ID)
		}
		if len(e.Source) == 0 {
			return fmt.Errorf("entry %s: needs a source", e.ID)
		}
		date, err := parseEffective(e.Effective)
		if err != nil {
			return fmt.Errorf("entry %s: %v", e.ID, err)
		}
		e.date = date
	}
	return nil
}

func mergeResources(base *resourceData, user []byte) (*resourceData, error) {
	var u resourceData
	if err := decodeStrict(user, &u); err != nil {
		return nil, err
	}
	out := &resourceData{}
	out.Entries = mergeByID(base.Entries, u.Entries, func(e *resourceEntry) string { return e.ID })
	if err := out.validate(); err != nil {
		return nil, err
	}
	return out, nil
}

var builtinResources = mustDecode("resources.yaml", resourcesYAML, (*resourceData).validate)

// resourceName is the payload of a resource phrase.
type resourceName struct {
	entry *resourceEntry
	// fixable says --fix may replace this name with entry.Fix.
	fixable bool
}

func resourcePhrases(d *resourceData) []*checker.Phrase {
	var out []*checker.Phrase
	for _, e := range d.Entries {
		if e.Disabled {
			continue
		}
		for _, n := range e.Names {
			fixable := e.Fix != "" && (len(e.FixOnly) == 0 || containsFold(e.FixOnly, n))
			out = append(out, &checker.Phrase{Text: n, Data: &resourceName{entry: e, fixable: fixable}})
		}
		for _, pat := range e.Patterns {
			out = append(out, &checker.Phrase{Regex: pat, CaseSensitive: false, Data: &resourceName{entry: e}})
		}
	}
	return out
}

// ReferencesStaleResource flags retired hotlines, manuals, code sets, seals
// and programs cited as current.
var ReferencesStaleResource = &checker.Rule{
	ID:       "references/stale-resource",
	Title:    "a retired hotline, manual, code set, seal or program cited as current",
	Severity: checker.SeverityWarning,
	Sources: []checker.Source{
		{Title: "988 Suicide & Crisis Lifeline: national launch on 2022-07-16 (FCC rules)", URL: "https://www.aha.org/news/headline/2020-07-16-fcc-designates-988-suicide-prevention-hotline"},
		{Title: "Health On the Net Foundation: HONcode discontinued on 2022-12-15", URL: "https://en.wikipedia.org/wiki/Health_On_the_Net_Foundation"},
		{Title: "VA: community care regulations under the MISSION Act replace the Veterans Choice Program", URL: "https://news.va.gov/61258/va-announces-final-community-care-regulations-mission-act"},
	},
	Fixable: true,
	Phrases: resourcePhrases(builtinResources),
	Explain: func(asOf time.Time) string { return explainResources(builtinResources, asOf) },
	Doc: `Health pages outlive the resources they cite. The National Suicide Prevention
Lifeline has been the 988 Suicide & Crisis Lifeline since 2022-07-16, and a
crisis page that leads with 1-800-273-8255 sends a reader in crisis to an
older, longer number. DSM-IV was replaced by DSM-5 in 2013, US health care has
coded with ICD-10-CM since 2015, the HONcode seal ended on 2022-12-15, and the
Veterans Choice Program ended on 2019-06-06.

A retired name or number is not flagged when the page already gives the
current resource (988 in the same paragraph, DSM-5 or ICD-10 in the same
sentence) or speaks of the old one as history ("formerly", "was", "replaced").
Every decision uses the as-of date.

Bad:

    Call the National Suicide Prevention Lifeline at 1-800-273-8255.

Good:

    Call or text the 988 Suicide & Crisis Lifeline at 988.

--fix replaces retired names that have a single successor ("National Suicide
Prevention Lifeline" becomes "988 Suicide & Crisis Lifeline"); numbers, manuals
and code sets need an editor. Extend or override the list with
data: {resources: FILE} in .healthlint.yaml.`,
	Run: runStaleResource,
}

func runStaleResource(p *checker.Pass) {
	_, matches, err := datasetMatches(p, "resources", func() *resourceData { return builtinResources }, mergeResources, resourcePhrases)
	if err != nil {
		reportDataError(p, err)
		return
	}
	for _, m := range matches {
		rn, ok := m.Phrase.Data.(*resourceName)
		if !ok {
			continue
		}
		e := rn.entry
		if !e.date.inForce(p.AsOf) {
			continue
		}
		scope := sentenceLower(m)
		if e.Scope == "block" {
			scope = m.Block.Lower
		}
		if mentionsAny(scope, e.Unless) {
			continue
		}
		text := m.String()
		f := checker.Finding{
			Span:       m.Source(),
			Message:    strings.ReplaceAll(strings.Join(strings.Fields(e.Message), " "), "{match}", fmt.Sprintf("%q", text)),
			Suggestion: "replace it with " + e.Current,
			Key:        strings.ToLower(text),
		}
		if rn.fixable {
			newText := checker.MatchCase(text, e.Fix)
			if edit, ok := replacementEdit(p.Doc, m, newText); ok {
				f.Fixes = []checker.Fix{{Description: checker.ReplaceDescription(text, newText), Edits: []checker.Edit{edit}}}
			}
		}
		p.Report(f)
	}
}

// mentionsAny reports whether lower contains one of words as whole words.
func mentionsAny(lower string, words []string) bool {
	for _, w := range words {
		if containsWord(lower, strings.ToLower(w)) {
			return true
		}
	}
	return false
}

func explainResources(d *resourceData, asOf time.Time) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Retired resources on %s:\n", asOf.Format(time.DateOnly))
	for _, e := range d.Entries {
		if e.Disabled {
			continue
		}
		state := "retired " + e.Effective
		if !e.date.inForce(asOf) {
			state = "not yet retired (from " + e.Effective + ")"
		}
		what := strings.Join(e.Names, " / ")
		if what == "" {
			what = e.ID
		}
		fmt.Fprintf(&b, "  %s -> %s [%s]\n", what, e.Current, state)
	}
	return b.String()
}
