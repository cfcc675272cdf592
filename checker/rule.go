package checker

import (
	"fmt"
	"regexp"
	"strings"
	"time"
)

// Severity orders findings. The zero value is SeverityOff.
type Severity int

// Severities, from "not reported" to "fails CI by default".
const (
	SeverityOff Severity = iota
	SeverityInfo
	SeverityWarning
	SeverityError
)

func (s Severity) String() string {
	switch s {
	case SeverityInfo:
		return "info"
	case SeverityWarning:
		return "warning"
	case SeverityError:
		return "error"
	}
	return "off"
}

// ParseSeverity reads "off", "info", "warning" or "error".
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "off":
		return SeverityOff, nil
	case "info":
		return SeverityInfo, nil
	case "warning", "warn":
		return SeverityWarning, nil
	case "error":
		return SeverityError, nil
	}
	return SeverityOff, fmt.Errorf("unknown severity %q; use off, info, warning or error", s)
}

// Source is the guidance, law or reference behind a rule.
type Source struct {
	Title string
	URL   string
}

// OptionKind is the type of a rule option.
type OptionKind int

// Option kinds.
const (
	OptString OptionKind = iota
	OptInt
	OptBool
	OptStrings
	OptDuration // months, e.g. "12" or a string like "18mo"
)

func (k OptionKind) String() string {
	return [...]string{"string", "integer", "boolean", "list of strings", "months"}[k]
}

// Option declares one typed option of a rule, with its default.
type Option struct {
	Name    string
	Kind    OptionKind
	Default any
	Doc     string
	// Choices, when set, are the only values a string option accepts.
	Choices []string
}

// Rule is one check. Rules are values kept in an explicit registry; the
// engine runs every enabled rule over one parsed Document at a time.
type Rule struct {
	// ID is "category/name" in kebab case.
	ID string
	// Title is a one-line, lowercase summary without a final period.
	Title string
	// Doc is the long documentation, with a bad and a good example.
	Doc      string
	Severity Severity
	Sources  []Source
	Options  []Option
	// Keywords are lowercase literals of which at least one must occur in
	// the document for Run to be called (nil: always run). The engine
	// finds them with the same automaton pass as the phrases.
	Keywords []string
	// Phrases are matched for the rule by the shared automaton; Run sees
	// the matches in Pass.Matches. A rule with phrases and no Run reports
	// every match that survives the phrase filters.
	Phrases []*Phrase
	// Literals are the literal sets the rule's code asks about whole
	// blocks (LiteralSet.InBlock): the shared pass finds them along with
	// the phrases, so the rule needs no pass of its own. Listing a set is
	// only ever faster; its answers are the same either way.
	Literals []*LiteralSet
	// Fixable says the rule offers automatic fixes.
	Fixable bool
	// Run checks one document. It may be nil for pure phrase rules.
	Run func(*Pass)
	// DefaultOff rules run only when enabled in config or with --enable.
	DefaultOff bool
	// Explain, when set, lists the rule's data in force on a date for
	// `healthlint explain` (the insurer renames, say).
	Explain func(asOf time.Time) string
}

// Category is the part of the ID before the slash.
func (r *Rule) Category() string {
	if i := strings.IndexByte(r.ID, '/'); i >= 0 {
		return r.ID[:i]
	}
	return r.ID
}

var ruleIDPattern = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*/[a-z][a-z0-9]*(-[a-z0-9]+)*$`)

// Validate checks that a rule is complete enough to ship.
func (r *Rule) Validate() error {
	switch {
	case !ruleIDPattern.MatchString(r.ID):
		return fmt.Errorf("rule ID %q is not category/name in kebab case", r.ID)
	case r.Title == "" || strings.HasSuffix(r.Title, "."):
		return fmt.Errorf("rule %s: title must be non-empty and end without a period", r.ID)
	case r.Doc == "":
		return fmt.Errorf("rule %s: no documentation", r.ID)
	case len(r.Sources) == 0:
		return fmt.Errorf("rule %s: no source", r.ID)
	case r.Severity == SeverityOff:
		return fmt.Errorf("rule %s: no default severity", r.ID)
	case r.Run == nil && len(r.Phrases) == 0:
		return fmt.Errorf("rule %s: neither Run nor phrases", r.ID)
	}
	for _, s := range r.Sources {
		if s.Title == "" || !strings.HasPrefix(s.URL, "http") {
			return fmt.Errorf("rule %s: source %q needs a title and an http(s) URL", r.ID, s.Title)
		}
	}
	for _, p := range r.Phrases {
		if err := p.compile(); err != nil {
			return fmt.Errorf("rule %s: %w", r.ID, err)
		}
	}
	return nil
}

// Edit replaces source bytes [Start, End) with NewText.
type Edit struct {
	Start, End int
	NewText    string
}

// Fix is one way to resolve a finding: non-overlapping edits applied
// together.
type Fix struct {
	Description string
	Edits       []Edit
}

// Finding is what a rule reports. Spans are byte offsets into the file;
// line and column are computed once, when results are flattened.
type Finding struct {
	Rule       string
	Severity   Severity
	Span       Span
	Message    string
	Suggestion string
	Fixes      []Fix
	// Key is the normalised text the fingerprint is built from; it
	// defaults to the source text under Span.
	Key string
}

// Pass is one rule's view of one document.
type Pass struct {
	Rule     *Rule
	Doc      *Document
	Severity Severity
	AsOf     time.Time
	// Matches are the rule's phrase matches that survived the filters.
	Matches []Match
	// Topics are the document's topics (filled before rules run).
	Topics        []string
	topicEvidence map[string]string
	options       map[string]any
	settings      *Settings
	prior         []Finding
	// found is where Report appends: the findings before suppression, or
	// for a late rule the ones kept after it.
	found *[]Finding
	// directives are the document's directives; late rules read whether
	// each was used.
	directives []*Directive
}

// Directives returns the document's directives. Rules that run after
// suppression (healthlint/unused-directive) see which ones were used.
func (p *Pass) Directives() []*Directive { return p.directives }

// Report records a finding. The severity defaults to the rule's effective
// severity; a rule may lower it (never raise it past error).
func (p *Pass) Report(f Finding) {
	f.Rule = p.Rule.ID
	// A rule may choose a finding's severity (an exited insurer is an
	// error, a context-only rename is info); a severity set in config wins.
	if f.Severity == SeverityOff || p.severityOverridden() {
		f.Severity = p.Severity
	}
	*p.found = append(*p.found, f)
}

func (p *Pass) severityOverridden() bool { return p.Severity != p.Rule.Severity }

// FirstPrior returns the first finding an earlier rule reported on this
// document whose rule ID starts with prefix (e.g. "claims/"), in the order
// reported; ok is false when there is none.
func (p *Pass) FirstPrior(prefix string) (f Finding, ok bool) {
	for _, f := range p.prior {
		if strings.HasPrefix(f.Rule, prefix) {
			return f, true
		}
	}
	return Finding{}, false
}

// HasTopic reports whether the document has topic t.
func (p *Pass) HasTopic(t string) bool {
	for _, x := range p.Topics {
		if x == t {
			return true
		}
	}
	return false
}

// TopicEvidence returns the first prose that gave the document topic t,
// or "" when it does not have it.
func (p *Pass) TopicEvidence(t string) string { return p.topicEvidence[t] }

// Settings returns the effective settings for this document.
func (p *Pass) Settings() *Settings { return p.settings }

// String returns a string option's value.
func (p *Pass) String(name string) string { s, _ := p.option(name).(string); return s }

// Int returns an integer option's value.
func (p *Pass) Int(name string) int { n, _ := p.option(name).(int); return n }

// Bool returns a boolean option's value.
func (p *Pass) Bool(name string) bool { b, _ := p.option(name).(bool); return b }

// Strings returns a list option's value.
func (p *Pass) Strings(name string) []string { s, _ := p.option(name).([]string); return s }

func (p *Pass) option(name string) any {
	if v, ok := p.options[name]; ok {
		return v
	}
	for _, o := range p.Rule.Options {
		if o.Name == name {
			return o.Default
		}
	}
	panic(fmt.Sprintf("rule %s reads undeclared option %q", p.Rule.ID, name))
}

// DocumentFinding reports a finding about something missing from the
// whole document, anchored at the first H1 (or line 1).
func (p *Pass) DocumentFinding(message, suggestion string) {
	p.Report(Finding{Span: p.Doc.Anchor(), Message: message, Suggestion: suggestion, Key: "document"})
}
