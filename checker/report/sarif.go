package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/healthlint/healthlint/checker"
)

// SARIFSchemaURI is the schema every SARIF log names.
const SARIFSchemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

// SARIF writes a SARIF 2.1.0 log with one run, ready for GitHub code
// scanning. Results stream out as files finish; because JSON object
// members are unordered, the run's "tool" member (with every rule,
// including custom rules first seen in results) is written after them.
type SARIF struct {
	w       *bufio.Writer
	meta    Meta
	rules   ruleSet
	extra   []sarifRule // custom rules seen in results, in order
	extraIx map[string]int
	first   bool
	started bool
	buf     bytes.Buffer
	err     error
}

var _ Reporter = (*SARIF)(nil)

// NewSARIF returns the SARIF reporter.
func NewSARIF(w io.Writer, meta Meta) Reporter {
	return &SARIF{w: bufio.NewWriterSize(w, documentBuffer), meta: meta, rules: newRuleSet(meta.Rules), extraIx: map[string]int{}, first: true}
}

type sarifText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifRule struct {
	ID                   string          `json:"id"`
	ShortDescription     sarifText       `json:"shortDescription"`
	FullDescription      sarifText       `json:"fullDescription"`
	Help                 sarifText       `json:"help"`
	HelpURI              string          `json:"helpUri"`
	DefaultConfiguration sarifConfig     `json:"defaultConfiguration"`
	Properties           sarifProperties `json:"properties"`
}

type sarifConfig struct {
	Enabled bool   `json:"enabled"`
	Level   string `json:"level"`
}

type sarifProperties struct {
	Tags []string `json:"tags"`
}

type sarifArtifactLocation struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId"`
}

type sarifRegion struct {
	StartLine   int        `json:"startLine"`
	StartColumn int        `json:"startColumn"`
	EndLine     int        `json:"endLine"`
	EndColumn   int        `json:"endColumn"`
	Snippet     *sarifText `json:"snippet,omitempty"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           sarifRegion           `json:"region"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
}

type sarifReplacement struct {
	DeletedRegion   sarifRegion `json:"deletedRegion"`
	InsertedContent sarifText   `json:"insertedContent"`
}

type sarifArtifactChange struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Replacements     []sarifReplacement    `json:"replacements"`
}

type sarifFix struct {
	Description     sarifText             `json:"description"`
	ArtifactChanges []sarifArtifactChange `json:"artifactChanges"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifText         `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
	Fixes               []sarifFix        `json:"fixes,omitempty"`
}

// sarifLevel maps a severity name to a SARIF level.
func sarifLevel(sev string) string {
	switch sev {
	case "error":
		return "error"
	case "warning":
		return "warning"
	}
	return "note"
}

// sarifRuleFor describes a registered rule. The help text is Markdown
// with the documentation and every source, for code scanning's rule view.
func sarifRuleFor(r *checker.Rule, meta Meta) sarifRule {
	var md, txt strings.Builder
	md.WriteString("**" + r.Title + "**\n\n" + strings.TrimSpace(r.Doc) + "\n\n### Sources\n\n")
	txt.WriteString(r.Title + "\n\n" + strings.TrimSpace(r.Doc) + "\n\nSources:\n")
	for _, s := range r.Sources {
		fmt.Fprintf(&md, "- [%s](%s)\n", markdownLinkText(s.Title), s.URL)
		fmt.Fprintf(&txt, "- %s: %s\n", s.Title, s.URL)
	}
	fmt.Fprintf(&md, "\nRun `healthlint explain %s` for options and examples.\n", r.ID)
	level := sarifLevel(r.Severity.String())
	return sarifRule{
		ID:                   r.ID,
		ShortDescription:     sarifText{Text: r.Title},
		FullDescription:      sarifText{Text: strings.TrimSpace(r.Doc)},
		Help:                 sarifText{Text: txt.String(), Markdown: md.String()},
		HelpURI:              ruleHelpURI(meta, true),
		DefaultConfiguration: sarifConfig{Enabled: !r.DefaultOff, Level: level},
		Properties:           sarifProperties{Tags: []string{"health-content", r.Category()}},
	}
}

// customSARIFRule is the minimal descriptor of a rule defined in a
// project's config, which Meta.Rules does not list.
func customSARIFRule(d *checker.Diagnostic, meta Meta) sarifRule {
	desc := "custom rule " + d.Rule + " defined in the project's healthlint configuration"
	cat := d.Rule
	if i := strings.IndexByte(cat, '/'); i >= 0 {
		cat = cat[:i]
	}
	return sarifRule{
		ID:                   d.Rule,
		ShortDescription:     sarifText{Text: desc},
		FullDescription:      sarifText{Text: desc + "; see custom-rules in .healthlint.yaml."},
		Help:                 sarifText{Text: desc + ".", Markdown: "Custom rule `" + d.Rule + "`, defined under `custom-rules:` in the project's `.healthlint.yaml`."},
		HelpURI:              ruleHelpURI(meta, false),
		DefaultConfiguration: sarifConfig{Enabled: true, Level: sarifLevel(d.Severity)},
		Properties:           sarifProperties{Tags: []string{"health-content", "custom", cat}},
	}
}

func (s *SARIF) raw(str string) {
	if s.err == nil {
		_, s.err = s.w.WriteString(str)
	}
}

func (s *SARIF) write(v any, indent string) {
	if s.err != nil {
		return
	}
	s.buf.Reset()
	enc := json.NewEncoder(&s.buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent(indent, "  ")
	if s.err = enc.Encode(v); s.err != nil {
		return
	}
	_, s.err = s.w.Write(bytes.TrimSuffix(s.buf.Bytes(), []byte("\n")))
}

func (s *SARIF) header() {
	if s.started {
		return
	}
	s.started = true
	s.raw("{\n  \"$schema\": ")
	s.write(SARIFSchemaURI, "")
	s.raw(",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n      \"results\": [")
}

func (s *SARIF) ruleIndex(d *checker.Diagnostic) int {
	if i, ok := s.rules.index[d.Rule]; ok {
		return i
	}
	if i, ok := s.extraIx[d.Rule]; ok {
		return len(s.rules.list) + i
	}
	s.extraIx[d.Rule] = len(s.extra)
	s.extra = append(s.extra, customSARIFRule(d, s.meta))
	return len(s.rules.list) + len(s.extra) - 1
}

func region(line, col, endLine, endCol int) sarifRegion {
	if col < 1 {
		col = 1
	}
	if endLine < line {
		endLine = line
	}
	if endLine == line && endCol < col {
		endCol = col
	}
	return sarifRegion{StartLine: line, StartColumn: col, EndLine: endLine, EndColumn: endCol}
}

// File implements Reporter.
func (s *SARIF) File(r *checker.FileResult) error {
	s.header()
	for i := range r.Diagnostics {
		d := &r.Diagnostics[i]
		loc := sarifArtifactLocation{URI: pathURI(d.Path), URIBaseID: "%SRCROOT%"}
		reg := region(d.Line, d.Column, d.EndLine, d.EndColumn)
		if d.Snippet != "" {
			reg.Snippet = &sarifText{Text: d.Snippet}
		}
		msg := d.Message
		if d.Suggestion != "" {
			msg += "\n\nSuggestion: " + d.Suggestion
		}
		res := sarifResult{
			RuleID:              d.Rule,
			RuleIndex:           s.ruleIndex(d),
			Level:               sarifLevel(d.Severity),
			Message:             sarifText{Text: msg},
			Locations:           []sarifLocation{{PhysicalLocation: sarifPhysicalLocation{ArtifactLocation: loc, Region: reg}}},
			PartialFingerprints: map[string]string{"healthlint/v1": d.Fingerprint},
		}
		for _, fx := range d.Fixes {
			change := sarifArtifactChange{ArtifactLocation: loc}
			for _, e := range fx.Edits {
				change.Replacements = append(change.Replacements, sarifReplacement{
					DeletedRegion:   region(e.Line, e.Column, e.EndLine, e.EndColumn),
					InsertedContent: sarifText{Text: e.NewText},
				})
			}
			if len(change.Replacements) > 0 {
				res.Fixes = append(res.Fixes, sarifFix{Description: sarifText{Text: fx.Description}, ArtifactChanges: []sarifArtifactChange{change}})
			}
		}
		if s.first {
			s.raw("\n        ")
			s.first = false
		} else {
			s.raw(",\n        ")
		}
		s.write(&res, "        ")
	}
	return s.err
}

// Finish implements Reporter.
func (s *SARIF) Finish(_ *Summary) error {
	s.header()
	if !s.first {
		s.raw("\n      ")
	}
	rules := make([]sarifRule, 0, len(s.rules.list)+len(s.extra))
	for _, r := range s.rules.list {
		rules = append(rules, sarifRuleFor(r, s.meta))
	}
	rules = append(rules, s.extra...)
	tool := struct {
		Driver struct {
			Name           string      `json:"name"`
			Version        string      `json:"version"`
			InformationURI string      `json:"informationUri"`
			Rules          []sarifRule `json:"rules"`
		} `json:"driver"`
	}{}
	tool.Driver.Name = s.meta.Tool
	tool.Driver.Version = s.meta.Version
	tool.Driver.InformationURI = s.meta.InformationURI
	tool.Driver.Rules = rules
	s.raw("],\n      \"columnKind\": \"unicodeCodePoints\",\n      \"originalUriBaseIds\": {\"%SRCROOT%\": {\"description\": {\"text\": \"the directory healthlint ran in; paths are relative to it\"}}},\n      \"tool\": ")
	s.write(tool, "      ")
	s.raw("\n    }\n  ]\n}\n")
	if s.err != nil {
		return s.err
	}
	return s.w.Flush()
}
