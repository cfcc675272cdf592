package checker

import (
	"sort"
	"strings"
)

// DirectiveKind is the verb of a healthlint comment directive.
type DirectiveKind int

// Directive verbs.
const (
	DisableNextLine DirectiveKind = iota
	DisableRange
	EnableRange
	DisableFile
)

var directiveVerbs = map[string]DirectiveKind{
	"healthlint-disable-next-line": DisableNextLine,
	"healthlint-disable":           DisableRange,
	"healthlint-enable":            EnableRange,
	"healthlint-disable-file":      DisableFile,
}

// Directive is one parsed <!-- healthlint-... --> comment, or the front
// matter's healthlint: {disable: [...]}.
type Directive struct {
	Kind DirectiveKind
	// Rules are the rule IDs named; empty means every rule.
	Rules  []string
	Reason string
	// Span is the comment (or front matter key) in the source.
	Span Span
	// Line is the line the comment ends on.
	Line        int
	FrontMatter bool
	// Used is set when the directive suppressed at least one finding.
	Used bool
}

// Covers reports whether the directive names rule (or names none).
func (d *Directive) Covers(rule string) bool {
	if len(d.Rules) == 0 {
		return true
	}
	for _, r := range d.Rules {
		if r == rule {
			return true
		}
	}
	return false
}

// ParseDirective reads the body of an HTML comment. ok is false when the
// comment is not a healthlint directive.
func ParseDirective(body string) (d Directive, ok bool) {
	body = strings.TrimSpace(body)
	verb, rest, _ := strings.Cut(body, " ")
	verb = strings.TrimSpace(verb)
	kind, ok := directiveVerbs[verb]
	if !ok {
		return d, false
	}
	d.Kind = kind
	ids, reason, _ := strings.Cut(" "+rest+" ", " -- ")
	d.Reason = strings.TrimSpace(reason)
	for _, id := range strings.FieldsFunc(ids, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' || r == '\r' }) {
		d.Rules = append(d.Rules, id)
	}
	return d, true
}

// Directives returns every directive of the document in source order.
func (doc *Document) Directives() []*Directive {
	var out []*Directive
	if fm := doc.FrontMatter; fm != nil {
		if f := fm.Field("healthlint"); f != nil && f.Node != nil {
			var v struct {
				Disable []string `yaml:"disable"`
				Reason  string   `yaml:"reason"`
			}
			if err := f.Node.Decode(&v); err == nil && len(v.Disable) > 0 {
				out = append(out, &Directive{Kind: DisableFile, Rules: v.Disable, Reason: v.Reason,
					Span: Span{f.KeyStart, f.KeyStart + len("healthlint")}, Line: doc.Lines.LineOf(f.KeyStart), FrontMatter: true})
			}
		}
	}
	for _, c := range doc.Comments {
		if d, ok := ParseDirective(c.Text); ok {
			d.Span = c.Span
			d.Line = doc.Lines.LineOf(c.Span.End)
			out = append(out, &d)
		}
	}
	return out
}

// suppressor decides which findings the directives of a document silence.
type suppressor struct {
	doc        *Document
	directives []*Directive
	ranges     []*Directive // disable/enable in source order
}

func newSuppressor(doc *Document, ds []*Directive) *suppressor {
	s := &suppressor{doc: doc, directives: ds}
	for _, d := range ds {
		if d.Kind == DisableRange || d.Kind == EnableRange {
			s.ranges = append(s.ranges, d)
		}
	}
	sort.SliceStable(s.ranges, func(i, j int) bool { return s.ranges[i].Span.Start < s.ranges[j].Span.Start })
	return s
}

// suppressed reports whether f is silenced, marking the directive used.
func (s *suppressor) suppressed(f Finding) bool {
	line := s.doc.Lines.LineOf(f.Span.Start)
	hit := false
	for _, d := range s.directives {
		switch d.Kind {
		case DisableFile:
			if d.Covers(f.Rule) {
				d.Used, hit = true, true
			}
		case DisableNextLine:
			if d.Line+1 == line && d.Covers(f.Rule) {
				d.Used, hit = true, true
			}
		}
	}
	// The last disable or enable before the finding that names its rule
	// decides.
	var last *Directive
	for _, d := range s.ranges {
		if d.Span.Start > f.Span.Start {
			break
		}
		if d.Covers(f.Rule) {
			last = d
		}
	}
	if last != nil && last.Kind == DisableRange {
		last.Used, hit = true, true
	}
	return hit
}
