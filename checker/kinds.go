package checker

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// The generic rule kinds: built-in packs use them, and users declare their
// own under custom-rules in .healthlint.yaml.

// ReportPhraseMatches reports every match in p.Matches with its phrase's
// message, suggestion and replacement fix. It is the Run of a pure phrase
// rule.
func ReportPhraseMatches(p *Pass) {
	for _, m := range p.Matches {
		p.Report(PhraseFinding(m, ""))
	}
}

// PhraseFinding builds the finding for one phrase match. defaultMessage is
// used when the phrase has no message of its own.
func PhraseFinding(m Match, defaultMessage string) Finding {
	text := m.String()
	msg := m.Phrase.Message
	if msg == "" {
		msg = defaultMessage
	}
	if msg == "" {
		msg = "{match} is flagged by this rule"
	}
	f := Finding{
		Span:       m.Source(),
		Message:    expandMatch(msg, text),
		Suggestion: expandMatch(m.Phrase.Suggestion, text),
		Severity:   m.Phrase.Severity,
		Key:        strings.ToLower(text),
	}
	if m.Phrase.HasReplacement {
		f.Fixes = []Fix{{
			Description: ReplaceDescription(text, m.Phrase.Replacement),
			Edits:       []Edit{{Start: f.Span.Start, End: f.Span.End, NewText: MatchCase(text, m.Phrase.Replacement)}},
		}}
	}
	return f
}

// ReplaceDescription describes a fix that replaces old with new. Fixes
// come with many findings, so it quotes with strconv rather than fmt.
func ReplaceDescription(old, new string) string {
	return "replace " + strconv.Quote(old) + " with " + strconv.Quote(new)
}

// expandMatch puts the quoted match where s says {match}. It runs for
// every phrase finding, so a message without the placeholder is returned
// as it is, and the quoting is strconv's rather than fmt's (the same
// output, without formatting an interface).
func expandMatch(s, match string) string {
	i := strings.Index(s, "{match}")
	if i < 0 {
		return s
	}
	quoted := strconv.Quote(match)
	if !strings.Contains(s[i+len("{match}"):], "{match}") {
		return s[:i] + quoted + s[i+len("{match}"):]
	}
	return strings.ReplaceAll(s, "{match}", quoted)
}

// MatchCase gives a replacement the capitalisation of the text it
// replaces: "Committed suicide" -> "Died by suicide".
func MatchCase(original, replacement string) string {
	if original == "" || replacement == "" {
		return replacement
	}
	if strings.ToUpper(original) == original && len(original) > 1 && strings.ToLower(original) != original {
		return strings.ToUpper(replacement)
	}
	if c := original[0]; c >= 'A' && c <= 'Z' {
		if r := replacement[0]; r >= 'a' && r <= 'z' {
			return string(r-'a'+'A') + replacement[1:]
		}
	}
	return replacement
}

// requiredData tags the phrases of a required rule.
type requiredData int

const (
	requiredPattern requiredData = iota
	requiredTrigger
)

// NewRequiredRun returns the Run of a required rule: when a trigger phrase
// matched (or there are no triggers) and the document has one of topics
// (or none are given), one of the pattern phrases must match.
func NewRequiredRun(topics []string, message, suggestion string) func(*Pass) {
	return func(p *Pass) {
		hasTrigger, hasPattern, needTrigger := false, false, false
		for _, ph := range p.Rule.Phrases {
			if ph.Data == requiredTrigger {
				needTrigger = true
			}
		}
		for _, m := range p.Matches {
			switch m.Phrase.Data {
			case requiredTrigger:
				hasTrigger = true
			case requiredPattern:
				hasPattern = true
			}
		}
		if needTrigger && !hasTrigger || hasPattern {
			return
		}
		if len(topics) > 0 {
			found := false
			for _, t := range topics {
				found = found || p.HasTopic(t)
			}
			if !found {
				return
			}
		}
		p.DocumentFinding(message, suggestion)
	}
}

// NewFrontMatterRun returns the Run of a front-matter rule: every key in
// keys must be present, and each date key in dates must parse and be no
// older than its maximum age in months before the as-of date.
func NewFrontMatterRun(keys []string, dates map[string]int) func(*Pass) {
	return func(p *Pass) {
		fm := p.Doc.FrontMatter
		for _, k := range keys {
			if fm.Field(k) == nil {
				p.Report(Finding{Span: p.Doc.Anchor(), Key: "missing " + k,
					Message:    fmt.Sprintf("front matter has no %q key", k),
					Suggestion: fmt.Sprintf("add \"%s: ...\" to the front matter", k)})
			}
		}
		for k, months := range dates {
			f := fm.Field(k)
			if f == nil {
				continue // missing keys are reported above when required
			}
			t, err := ParseDate(f.Value)
			span := Span{f.ValueStart, f.ValueEnd}
			switch {
			case err != nil:
				p.Report(Finding{Span: span, Message: fmt.Sprintf("%s %q is not a date", k, f.Value), Suggestion: "write it as YYYY-MM-DD"})
			case t.After(p.AsOf):
				p.Report(Finding{Span: span, Message: fmt.Sprintf("%s %s is in the future (as of %s)", k, f.Value, p.AsOf.Format(time.DateOnly)), Suggestion: "correct the date"})
			case months > 0 && t.AddDate(0, months, 0).Before(p.AsOf):
				p.Report(Finding{Span: span, Message: fmt.Sprintf("%s %s is more than %d months before %s", k, f.Value, months, p.AsOf.Format(time.DateOnly)), Suggestion: "review the page and update the date"})
			}
		}
	}
}

var customRuleKeys = []string{"id", "kind", "title", "doc", "severity", "message", "suggestion", "phrases",
	"exceptions", "case-sensitive", "negation-window", "patterns", "when", "keys", "dates", "source"}

// customRules decodes the custom-rules list of a config.
func (d *configDecoder) customRules(v *yaml.Node) ([]*Rule, error) {
	if v.Kind != yaml.SequenceNode {
		return nil, d.errf(v, "custom-rules must be a list of rules, each with id, kind and its settings")
	}
	var out []*Rule
	for _, item := range v.Content {
		r, err := d.customRule(item)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

func (d *configDecoder) customRule(n *yaml.Node) (*Rule, error) {
	if n.Kind != yaml.MappingNode {
		return nil, d.errf(n, "each custom rule must be a mapping with id and kind")
	}
	fields := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if !contains(customRuleKeys, k.Value) {
			return nil, d.errf(k, "unknown key %q in a custom rule%s; valid keys: %s", k.Value, DidYouMean(k.Value, customRuleKeys), strings.Join(customRuleKeys, ", "))
		}
		fields[k.Value] = n.Content[i+1]
	}
	str := func(k string) string {
		if f := fields[k]; f != nil {
			return f.Value
		}
		return ""
	}
	id := str("id")
	if !ruleIDPattern.MatchString(id) {
		return nil, d.errf(n, "custom rule id %q must be category/name in kebab case, e.g. house/banned-phrases", id)
	}
	r := &Rule{ID: id, Title: str("title"), Doc: str("doc"), Severity: SeverityWarning}
	if r.Title == "" {
		r.Title = "custom " + str("kind") + " rule from " + d.path
	}
	if r.Doc == "" {
		r.Doc = "Declared in " + d.path + "."
	}
	if src := str("source"); src != "" {
		r.Sources = []Source{{Title: src, URL: src}}
	}
	if s := fields["severity"]; s != nil {
		sev, err := ParseSeverity(s.Value)
		if err != nil || sev == SeverityOff {
			return nil, d.errf(s, "custom rule %s: severity must be info, warning or error", id)
		}
		r.Severity = sev
	}
	caseSensitive := false
	if f := fields["case-sensitive"]; f != nil {
		if err := f.Decode(&caseSensitive); err != nil {
			return nil, d.errf(f, "case-sensitive must be true or false")
		}
	}
	negation := 0
	if f := fields["negation-window"]; f != nil {
		if err := f.Decode(&negation); err != nil || negation < 0 {
			return nil, d.errf(f, "negation-window must be a number of words, e.g. 4")
		}
	}
	var exceptions []string
	if f := fields["exceptions"]; f != nil {
		var err error
		if exceptions, err = d.strings(f, "exceptions"); err != nil {
			return nil, err
		}
	}
	message, suggestion := str("message"), str("suggestion")
	switch kind := str("kind"); kind {
	case "phrase":
		f := fields["phrases"]
		if f == nil {
			return nil, d.errf(n, "custom rule %s: a phrase rule needs phrases:", id)
		}
		phrases, err := d.phrases(f, id)
		if err != nil {
			return nil, err
		}
		for _, p := range phrases {
			if p.Message == "" {
				p.Message = message
			}
			if p.Suggestion == "" {
				p.Suggestion = suggestion
			}
			p.Exceptions = append(p.Exceptions, exceptions...)
			p.CaseSensitive = p.CaseSensitive || caseSensitive
			if p.NegationWindow == 0 {
				p.NegationWindow = negation
			}
		}
		r.Phrases = phrases
		r.Fixable = anyReplacement(phrases)
		r.Run = ReportPhraseMatches
	case "required":
		f := fields["patterns"]
		if f == nil {
			return nil, d.errf(n, "custom rule %s: a required rule needs patterns: (the document must contain one)", id)
		}
		patterns, err := d.phrases(f, id)
		if err != nil {
			return nil, err
		}
		for _, p := range patterns {
			p.Data = requiredPattern
		}
		var topics []string
		if w := fields["when"]; w != nil {
			if w.Kind != yaml.MappingNode {
				return nil, d.errf(w, "when must be a mapping with phrases: and/or topics:")
			}
			for i := 0; i+1 < len(w.Content); i += 2 {
				k, val := w.Content[i], w.Content[i+1]
				switch k.Value {
				case "phrases":
					triggers, err := d.phrases(val, id)
					if err != nil {
						return nil, err
					}
					for _, t := range triggers {
						t.Data = requiredTrigger
					}
					patterns = append(patterns, triggers...)
				case "topics":
					if topics, err = d.strings(val, "topics"); err != nil {
						return nil, err
					}
				default:
					return nil, d.errf(k, "unknown key %q under when%s; use phrases or topics", k.Value, DidYouMean(k.Value, []string{"phrases", "topics"}))
				}
			}
		}
		if message == "" {
			message = "the document has none of the required text"
		}
		r.Phrases = patterns
		r.Run = NewRequiredRun(topics, message, suggestion)
	case "front-matter":
		var keys []string
		if f := fields["keys"]; f != nil {
			var err error
			if keys, err = d.strings(f, "keys"); err != nil {
				return nil, err
			}
		}
		dates := map[string]int{}
		if f := fields["dates"]; f != nil {
			if err := f.Decode(&dates); err != nil {
				return nil, d.errf(f, "dates must map date keys to a maximum age in months, e.g. {last_reviewed: 12}")
			}
		}
		if len(keys) == 0 && len(dates) == 0 {
			return nil, d.errf(n, "custom rule %s: a front-matter rule needs keys: and/or dates:", id)
		}
		r.Run = NewFrontMatterRun(keys, dates)
	default:
		return nil, d.errf(fields["kind"], "custom rule %s: kind must be phrase, required or front-matter (got %q)", id, kind)
	}
	return r, nil
}

func anyReplacement(ps []*Phrase) bool {
	for _, p := range ps {
		if p.HasReplacement {
			return true
		}
	}
	return false
}

// phrases decodes a list whose items are strings (literal phrases) or
// mappings {text|regex, message, suggestion, replace}.
func (d *configDecoder) phrases(v *yaml.Node, id string) ([]*Phrase, error) {
	items := v.Content
	if v.Kind == yaml.ScalarNode {
		items = []*yaml.Node{v}
	} else if v.Kind != yaml.SequenceNode {
		return nil, d.errf(v, "custom rule %s: give a list of phrases", id)
	}
	var out []*Phrase
	for _, it := range items {
		p := &Phrase{}
		switch it.Kind {
		case yaml.ScalarNode:
			p.Text = it.Value
		case yaml.MappingNode:
			for i := 0; i+1 < len(it.Content); i += 2 {
				k, val := it.Content[i], it.Content[i+1]
				switch k.Value {
				case "text":
					p.Text = val.Value
				case "regex":
					p.Regex = val.Value
				case "message":
					p.Message = val.Value
				case "suggestion":
					p.Suggestion = val.Value
				case "replace":
					p.Replacement, p.HasReplacement = val.Value, true
				case "case-sensitive":
					if err := val.Decode(&p.CaseSensitive); err != nil {
						return nil, d.errf(val, "case-sensitive must be true or false")
					}
				default:
					return nil, d.errf(k, "unknown key %q in a phrase%s; use text, regex, message, suggestion, replace or case-sensitive", k.Value,
						DidYouMean(k.Value, []string{"text", "regex", "message", "suggestion", "replace", "case-sensitive"}))
				}
			}
		default:
			return nil, d.errf(it, "custom rule %s: a phrase is a string or a mapping with text or regex", id)
		}
		if err := p.compile(); err != nil {
			return nil, d.errf(it, "custom rule %s: %v", id, err)
		}
		out = append(out, p)
	}
	return out, nil
}
