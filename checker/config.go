package checker

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/bmatcuk/doublestar/v4"
	"go.yaml.in/yaml/v3"
)

// ConfigFileName is the file healthlint looks for in a file's directory
// and its parents.
const ConfigFileName = ".healthlint.yaml"

// ConfigError is a configuration problem; it names the file and line and
// says what to do. It makes healthlint exit 2.
type ConfigError struct {
	Path string
	Line int
	Msg  string
}

func (e *ConfigError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.Path, e.Msg)
}

// RuleSetting is what a config says about one rule.
type RuleSetting struct {
	Severity *Severity
	Options  map[string]any
}

// Override applies rule settings to files matching a glob.
type Override struct {
	Files []string
	Rules map[string]RuleSetting
	dir   string
}

// Config is one decoded configuration file, merged with what it extends.
type Config struct {
	Path        string
	Dir         string
	AsOf        time.Time // zero: not set
	Rules       map[string]RuleSetting
	CustomRules []*Rule
	Ignore      []string
	Overrides   []Override
	// Data maps dataset names (e.g. "insurers") to absolute file paths.
	Data map[string]string
}

// Registry is what the engine needs to know about the built-in rules.
type Registry struct {
	Rules []*Rule
	// DefaultConfig is the embedded configuration every config builds on.
	DefaultConfig []byte
	// Topics are the topic lexicons; documents get topics from the same
	// matching pass that finds the rules' phrases.
	Topics []TopicSet
	// DataKeys are the dataset names allowed under "data:".
	DataKeys []string
}

// Rule returns the registered rule with the given ID, or nil.
func (r *Registry) Rule(id string) *Rule {
	for _, x := range r.Rules {
		if x.ID == id {
			return x
		}
	}
	return nil
}

// IDs returns every registered rule ID.
func (r *Registry) IDs() []string {
	ids := make([]string, len(r.Rules))
	for i, x := range r.Rules {
		ids[i] = x.ID
	}
	return ids
}

// configDecoder decodes a YAML config node by node so that every error can
// name its line and unknown keys can be rejected with a suggestion.
type configDecoder struct {
	path  string
	reg   *Registry
	known map[string]*Rule // built-in and custom rules visible to this file
}

func (d *configDecoder) errf(n *yaml.Node, format string, args ...any) error {
	line := 0
	if n != nil {
		line = n.Line
	}
	return &ConfigError{Path: d.path, Line: line, Msg: fmt.Sprintf(format, args...)}
}

var topLevelKeys = []string{"extends", "as-of", "rules", "custom-rules", "ignore", "overrides", "data"}

// LoadConfigFile reads and decodes one config file and what it extends.
func LoadConfigFile(path string, reg *Registry) (*Config, error) {
	return loadConfig(path, reg, nil)
}

func loadConfig(path string, reg *Registry, seen []string) (*Config, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, &ConfigError{Path: path, Msg: err.Error()}
	}
	for _, s := range seen {
		if s == abs {
			return nil, &ConfigError{Path: path, Msg: fmt.Sprintf("extends itself (chain: %s); remove the cycle", strings.Join(append(seen, abs), " -> "))}
		}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &ConfigError{Path: path, Msg: fmt.Sprintf("cannot read config: %v", unwrapPathError(err))}
	}
	base, err := parseConfigBytes(reg.DefaultConfig, "(embedded defaults)", "", reg, nil)
	if err != nil {
		return nil, err
	}
	// Look for "extends" first so the parent's custom rules are known
	// when this file's rules are validated.
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, &ConfigError{Path: path, Line: yamlErrorLine(err), Msg: "not valid YAML: " + cleanYAMLError(err)}
	}
	parent := base
	if m := mappingRoot(&root); m != nil {
		for i := 0; i+1 < len(m.Content); i += 2 {
			if m.Content[i].Value == "extends" {
				v := m.Content[i+1]
				if v.Kind != yaml.ScalarNode || v.Value == "" {
					return nil, &ConfigError{Path: path, Line: v.Line, Msg: "extends must be the path of another config file"}
				}
				p := v.Value
				if !filepath.IsAbs(p) {
					p = filepath.Join(filepath.Dir(abs), p)
				}
				parent, err = loadConfig(p, reg, append(seen, abs))
				if err != nil {
					var ce *ConfigError
					if errors.As(err, &ce) && ce.Path == p && strings.HasPrefix(ce.Msg, "cannot read") {
						return nil, &ConfigError{Path: path, Line: v.Line, Msg: fmt.Sprintf("extends %q, which cannot be read: fix the path", v.Value)}
					}
					return nil, err
				}
			}
		}
	}
	return parseConfigBytes(data, path, filepath.Dir(abs), reg, parent)
}

func mappingRoot(root *yaml.Node) *yaml.Node {
	if root.Kind == yaml.DocumentNode && len(root.Content) > 0 && root.Content[0].Kind == yaml.MappingNode {
		return root.Content[0]
	}
	return nil
}

func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// ParseConfig decodes config bytes on top of the embedded defaults.
func ParseConfig(data []byte, path string, reg *Registry) (*Config, error) {
	base, err := parseConfigBytes(reg.DefaultConfig, "(embedded defaults)", "", reg, nil)
	if err != nil {
		return nil, err
	}
	dir := ""
	if path != "" {
		if abs, err := filepath.Abs(path); err == nil {
			dir = filepath.Dir(abs)
		}
	}
	return parseConfigBytes(data, path, dir, reg, base)
}

// DefaultConfig returns the embedded defaults alone.
func DefaultConfig(reg *Registry) (*Config, error) {
	return parseConfigBytes(reg.DefaultConfig, "(embedded defaults)", "", reg, nil)
}

func parseConfigBytes(data []byte, path, dir string, reg *Registry, parent *Config) (*Config, error) {
	c := &Config{Path: path, Dir: dir, Rules: map[string]RuleSetting{}, Data: map[string]string{}}
	if parent != nil {
		c.AsOf = parent.AsOf
		for k, v := range parent.Rules {
			c.Rules[k] = v
		}
		c.CustomRules = append(c.CustomRules, parent.CustomRules...)
		c.Ignore = append(c.Ignore, parent.Ignore...)
		c.Overrides = append(c.Overrides, parent.Overrides...)
		for k, v := range parent.Data {
			c.Data[k] = v
		}
	}
	d := &configDecoder{path: path, reg: reg, known: map[string]*Rule{}}
	for _, r := range reg.Rules {
		d.known[r.ID] = r
	}
	for _, r := range c.CustomRules {
		d.known[r.ID] = r
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, &ConfigError{Path: path, Line: yamlErrorLine(err), Msg: "not valid YAML: " + cleanYAMLError(err)}
	}
	if len(root.Content) == 0 {
		return c, nil // empty file
	}
	m := mappingRoot(&root)
	if m == nil {
		return nil, d.errf(root.Content[0], "a config must be a mapping with keys such as rules:, ignore:, as-of:")
	}
	// custom-rules first: later keys may refer to them.
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == "custom-rules" {
			rules, err := d.customRules(m.Content[i+1])
			if err != nil {
				return nil, err
			}
			for _, r := range rules {
				if _, dup := d.known[r.ID]; dup {
					return nil, d.errf(m.Content[i+1], "custom rule %q is already defined; pick another ID", r.ID)
				}
				d.known[r.ID] = r
				c.CustomRules = append(c.CustomRules, r)
			}
		}
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		switch k.Value {
		case "extends", "custom-rules":
			// handled above
		case "as-of":
			t, err := ParseDate(v.Value)
			if err != nil || v.Kind != yaml.ScalarNode {
				return nil, d.errf(v, "as-of must be a date like 2026-01-31")
			}
			c.AsOf = t
		case "rules":
			rs, err := d.ruleSettings(v)
			if err != nil {
				return nil, err
			}
			for id, s := range rs {
				c.Rules[id] = mergeSetting(c.Rules[id], s)
			}
		case "ignore":
			globs, err := d.strings(v, "ignore")
			if err != nil {
				return nil, err
			}
			for _, g := range globs {
				if !doublestar.ValidatePattern(g) {
					return nil, d.errf(v, "ignore glob %q is malformed", g)
				}
				c.Ignore = append(c.Ignore, anchorGlob(dir, g))
			}
		case "overrides":
			ovs, err := d.overrides(v, dir)
			if err != nil {
				return nil, err
			}
			c.Overrides = append(c.Overrides, ovs...)
		case "data":
			if v.Kind != yaml.MappingNode {
				return nil, d.errf(v, "data must map dataset names to file paths, e.g. data: {insurers: insurers.yaml}")
			}
			for j := 0; j+1 < len(v.Content); j += 2 {
				name, p := v.Content[j], v.Content[j+1]
				if !contains(reg.DataKeys, name.Value) {
					return nil, d.errf(name, "unknown dataset %q under data:%s; known: %s", name.Value, DidYouMean(name.Value, reg.DataKeys), strings.Join(reg.DataKeys, ", "))
				}
				file := p.Value
				if !filepath.IsAbs(file) {
					file = filepath.Join(dir, file)
				}
				if _, err := os.Stat(file); err != nil {
					return nil, d.errf(p, "data file %s for %q cannot be read: %v", p.Value, name.Value, unwrapPathError(err))
				}
				c.Data[name.Value] = file
			}
		default:
			return nil, d.errf(k, "unknown key %q%s; valid keys: %s", k.Value, DidYouMean(k.Value, topLevelKeys), strings.Join(topLevelKeys, ", "))
		}
	}
	return c, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// anchorGlob makes a glob relative to the config's directory absolute, so
// it can be matched against absolute file paths. Globs without a slash
// match at any depth, like .gitignore.
func anchorGlob(dir, g string) string {
	g = filepath.ToSlash(g)
	if !strings.Contains(strings.TrimSuffix(g, "/"), "/") {
		g = "**/" + g
	}
	g = strings.TrimSuffix(g, "/")
	if dir == "" {
		if strings.HasPrefix(g, "**/") {
			return g
		}
		return "**/" + g
	}
	return filepath.ToSlash(dir) + "/" + strings.TrimPrefix(g, "/")
}

func mergeSetting(old, s RuleSetting) RuleSetting {
	if s.Severity != nil {
		old.Severity = s.Severity
	}
	if len(s.Options) > 0 {
		merged := map[string]any{}
		for k, v := range old.Options {
			merged[k] = v
		}
		for k, v := range s.Options {
			merged[k] = v
		}
		old.Options = merged
	}
	return old
}

func (d *configDecoder) strings(v *yaml.Node, what string) ([]string, error) {
	switch v.Kind {
	case yaml.ScalarNode:
		return []string{v.Value}, nil
	case yaml.SequenceNode:
		out := make([]string, 0, len(v.Content))
		for _, c := range v.Content {
			if c.Kind != yaml.ScalarNode {
				return nil, d.errf(c, "%s must be a list of strings", what)
			}
			out = append(out, c.Value)
		}
		return out, nil
	}
	return nil, d.errf(v, "%s must be a string or a list of strings", what)
}

func (d *configDecoder) ruleSettings(v *yaml.Node) (map[string]RuleSetting, error) {
	if v.Kind != yaml.MappingNode {
		return nil, d.errf(v, "rules must map rule IDs to a severity (off, info, warning, error) or {severity, options}")
	}
	out := map[string]RuleSetting{}
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, val := v.Content[i], v.Content[i+1]
		rule, ok := d.known[k.Value]
		if !ok {
			return nil, d.errf(k, "unknown rule %q%s; run `healthlint rules` to list them", k.Value, DidYouMean(k.Value, d.knownIDs()))
		}
		var s RuleSetting
		switch val.Kind {
		case yaml.ScalarNode:
			sev, err := ParseSeverity(val.Value)
			if err != nil {
				return nil, d.errf(val, "rule %s: %v", k.Value, err)
			}
			s.Severity = &sev
		case yaml.MappingNode:
			for j := 0; j+1 < len(val.Content); j += 2 {
				kk, vv := val.Content[j], val.Content[j+1]
				switch kk.Value {
				case "severity":
					sev, err := ParseSeverity(vv.Value)
					if err != nil {
						return nil, d.errf(vv, "rule %s: %v", k.Value, err)
					}
					s.Severity = &sev
				case "options":
					opts, err := d.options(rule, vv)
					if err != nil {
						return nil, err
					}
					s.Options = opts
				default:
					return nil, d.errf(kk, "unknown key %q in settings of %s%s; use severity or options", kk.Value, k.Value, DidYouMean(kk.Value, []string{"severity", "options"}))
				}
			}
		default:
			return nil, d.errf(val, "rule %s: give a severity or {severity, options}", k.Value)
		}
		out[k.Value] = s
	}
	return out, nil
}

func (d *configDecoder) knownIDs() []string {
	ids := make([]string, 0, len(d.known))
	for id := range d.known {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// options decodes and type-checks a rule's options.
func (d *configDecoder) options(rule *Rule, v *yaml.Node) (map[string]any, error) {
	if v.Kind != yaml.MappingNode {
		return nil, d.errf(v, "options of %s must be a mapping", rule.ID)
	}
	out := map[string]any{}
	var names []string
	for _, o := range rule.Options {
		names = append(names, o.Name)
	}
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, val := v.Content[i], v.Content[i+1]
		var opt *Option
		for j := range rule.Options {
			if rule.Options[j].Name == k.Value {
				opt = &rule.Options[j]
			}
		}
		if opt == nil {
			if len(names) == 0 {
				return nil, d.errf(k, "rule %s has no options", rule.ID)
			}
			return nil, d.errf(k, "unknown option %q for %s%s; options: %s", k.Value, rule.ID, DidYouMean(k.Value, names), strings.Join(names, ", "))
		}
		value, err := decodeOption(*opt, val)
		if err != nil {
			return nil, d.errf(val, "option %s of %s: %v", k.Value, rule.ID, err)
		}
		out[k.Value] = value
	}
	return out, nil
}

func decodeOption(o Option, v *yaml.Node) (any, error) {
	switch o.Kind {
	case OptString:
		if v.Kind != yaml.ScalarNode {
			return nil, fmt.Errorf("want a string")
		}
		if len(o.Choices) > 0 && !contains(o.Choices, v.Value) {
			return nil, fmt.Errorf("%q is not one of %s", v.Value, strings.Join(o.Choices, ", "))
		}
		return v.Value, nil
	case OptInt, OptDuration:
		n, err := strconv.Atoi(strings.TrimSpace(v.Value))
		if err != nil || v.Kind != yaml.ScalarNode {
			return nil, fmt.Errorf("want a whole number, got %q", v.Value)
		}
		return n, nil
	case OptBool:
		var b bool
		if err := v.Decode(&b); err != nil {
			return nil, fmt.Errorf("want true or false, got %q", v.Value)
		}
		return b, nil
	case OptStrings:
		var out []string
		if v.Kind == yaml.ScalarNode {
			return []string{v.Value}, nil
		}
		if err := v.Decode(&out); err != nil {
			return nil, fmt.Errorf("want a list of strings")
		}
		return out, nil
	}
	return nil, fmt.Errorf("unsupported option kind")
}

func (d *configDecoder) overrides(v *yaml.Node, dir string) ([]Override, error) {
	if v.Kind != yaml.SequenceNode {
		return nil, d.errf(v, "overrides must be a list of {files, rules}")
	}
	var out []Override
	for _, item := range v.Content {
		if item.Kind != yaml.MappingNode {
			return nil, d.errf(item, "each override must be a mapping with files: and rules:")
		}
		ov := Override{dir: dir}
		for j := 0; j+1 < len(item.Content); j += 2 {
			k, val := item.Content[j], item.Content[j+1]
			switch k.Value {
			case "files":
				globs, err := d.strings(val, "files")
				if err != nil {
					return nil, err
				}
				for _, g := range globs {
					if !doublestar.ValidatePattern(g) {
						return nil, d.errf(val, "files glob %q is malformed", g)
					}
					ov.Files = append(ov.Files, anchorGlob(dir, g))
				}
			case "rules":
				rs, err := d.ruleSettings(val)
				if err != nil {
					return nil, err
				}
				ov.Rules = rs
			default:
				return nil, d.errf(k, "unknown key %q in an override%s; use files and rules", k.Value, DidYouMean(k.Value, []string{"files", "rules"}))
			}
		}
		if len(ov.Files) == 0 {
			return nil, d.errf(item, "an override needs files: (one or more globs)")
		}
		out = append(out, ov)
	}
	return out, nil
}

func doublestarMatch(g, p string) (bool, error) { return doublestar.Match(g, p) }

// Ignored reports whether an absolute path matches an ignore glob.
func (c *Config) Ignored(abs string) bool {
	p := filepath.ToSlash(abs)
	for _, g := range c.Ignore {
		if ok, _ := globMatch(g, p); ok {
			return true
		}
	}
	return false
}

// DidYouMean suggests the closest candidate by edit distance.
func DidYouMean(s string, candidates []string) string {
	best, bestD := "", 1<<30
	for _, c := range candidates {
		if d := EditDistance(s, c); d < bestD {
			best, bestD = c, d
		}
	}
	if best != "" && bestD <= max(2, len(s)/3) {
		return fmt.Sprintf(" (did you mean %q?)", best)
	}
	return ""
}

// EditDistance is the Levenshtein distance between a and b, in bytes.
func EditDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

var dateLayouts = []string{
	"2006-01-02", "2006-01-02T15:04:05Z07:00", "2006-01-02 15:04:05", "2006/01/02", "01/02/2006", "1/2/2006",
	"January 2, 2006", "Jan 2, 2006", "January 2 2006", "2 January 2006", "2 Jan 2006", "Jan. 2, 2006",
	"January 2006", "Jan 2006", "Jan 2 2006", "2 Jan, 2006", "01/2006", "1/2006", "2006-01",
}

var (
	ordinalSuffix = regexp.MustCompile(`(\d)(st|nd|rd|th)\b`)
	// monthAbbrev turns "Sept." and "Jan." into the "Sep" and "Jan" Go
	// layouts know.
	monthAbbrev = regexp.MustCompile(`\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\.`)
	septAbbrev  = regexp.MustCompile(`\bSept\b\.?`)
)

// ParseDate reads a date in the formats editors write: ISO, US numeric,
// "March 3, 2026", "3 March 2026", "March 2026".
func ParseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "."))
	s = ordinalSuffix.ReplaceAllString(s, "$1")
	s = septAbbrev.ReplaceAllString(s, "Sep")
	s = monthAbbrev.ReplaceAllString(s, "$1")
	s = strings.Join(strings.Fields(s), " ")
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), nil
		}
	}
	return time.Time{}, fmt.Errorf("cannot read %q as a date; write it as YYYY-MM-DD", s)
}
