package checker

import (
	"cmp"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"
)

// Flags are the command-line choices that apply on top of every config.
type Flags struct {
	AsOf    time.Time // zero: use config, else today
	Enable  []string
	Disable []string
	// ConfigPath, when set, applies one config file to every file.
	ConfigPath string
}

// ActiveRule is a rule with its effective severity and options.
type ActiveRule struct {
	Rule     *Rule
	Severity Severity
	Options  map[string]any
}

// Settings are the effective rules and options for a set of files: one
// config plus the overrides that match them plus the flags.
type Settings struct {
	Config *Config
	AsOf   time.Time
	Rules  []ActiveRule
	reg    *Registry
	known  map[string]bool

	matcherOnce sync.Once
	matcher     *matcher
	// cache holds values rules derive from settings (compiled datasets),
	// built once per Settings and shared by all files.
	cache sync.Map
}

// Registry returns the registry the settings were built from.
func (s *Settings) Registry() *Registry { return s.reg }

// Known reports whether id names a rule (built-in or custom).
func (s *Settings) Known(id string) bool { return s.known[id] }

// Cached returns the value stored under key, computing it once with build.
// Rules use it to compile datasets named in config once for all files.
func (s *Settings) Cached(key string, build func() any) any {
	if v, ok := s.cache.Load(key); ok {
		return v
	}
	v, _ := s.cache.LoadOrStore(key, build())
	return v
}

// matcherBuild serialises matcher builds: newMatcher compiles the rules'
// phrases in place, and every Settings shares the same rules, so two
// Settings (the one Prepare started and one an override gives) must not
// build at once.
var matcherBuild sync.Mutex

func (s *Settings) phraseMatcher() *matcher {
	s.matcherOnce.Do(func() {
		matcherBuild.Lock()
		defer matcherBuild.Unlock()
		rules := make([]*Rule, len(s.Rules), len(s.Rules)+len(s.reg.Topics))
		for i, r := range s.Rules {
			rules[i] = r.Rule
		}
		// Topic lexicons ride along after the rules, in the same pass.
		s.matcher = newMatcher(append(rules, topicRules(s.reg.Topics)...))
	})
	return s.matcher
}

// Resolver finds and caches the settings for each file.
type Resolver struct {
	reg   *Registry
	flags Flags
	today time.Time

	mu       sync.Mutex
	dirConf  map[string]*Config // directory -> nearest config
	settings map[string]*Settings
	fixed    *Config // --config
	defaults *Config
}

// NewResolver validates the flags and, with --config, loads that file.
func NewResolver(reg *Registry, flags Flags, today time.Time) (*Resolver, error) {
	r := &Resolver{reg: reg, flags: flags, today: today, dirConf: map[string]*Config{}, settings: map[string]*Settings{}}
	for _, id := range append(append([]string{}, flags.Enable...), flags.Disable...) {
		if reg.Rule(id) == nil && !strings.HasSuffix(id, "/*") {
			return nil, fmt.Errorf("unknown rule %q%s; run `healthlint rules` to list them", id, DidYouMean(id, reg.IDs()))
		}
	}
	var err error
	if r.defaults, err = DefaultConfig(reg); err != nil {
		return nil, err
	}
	if flags.ConfigPath != "" {
		if r.fixed, err = LoadConfigFile(flags.ConfigPath, reg); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// ConfigFor returns the config that applies to a file or directory.
func (r *Resolver) ConfigFor(abs string, isDir bool) (*Config, error) {
	if r.fixed != nil {
		return r.fixed, nil
	}
	dir := abs
	if !isDir {
		dir = filepath.Dir(abs)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.configForDir(dir)
}

func (r *Resolver) configForDir(dir string) (*Config, error) {
	if c, ok := r.dirConf[dir]; ok {
		return c, nil
	}
	var c *Config
	path := filepath.Join(dir, ConfigFileName)
	if _, err := os.Stat(path); err == nil {
		if c, err = LoadConfigFile(path, r.reg); err != nil {
			return nil, err
		}
	} else if isRepoRoot(dir) || filepath.Dir(dir) == dir {
		c = r.defaults
	} else {
		var err error
		if c, err = r.configForDir(filepath.Dir(dir)); err != nil {
			return nil, err
		}
	}
	r.dirConf[dir] = c
	return c, nil
}

func isRepoRoot(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, ".git"))
	return err == nil
}

// SettingsFor returns the settings for one file (an absolute path; for
// standard input, the --stdin-filename or the working directory).
func (r *Resolver) SettingsFor(abs string) (*Settings, error) {
	c, err := r.ConfigFor(abs, false)
	if err != nil {
		return nil, err
	}
	var matched []int
	p := filepath.ToSlash(abs)
	for i, ov := range c.Overrides {
		for _, g := range ov.Files {
			if ok, _ := globMatch(g, p); ok {
				matched = append(matched, i)
				break
			}
		}
	}
	return r.settingsWith(c, matched), nil
}

// Prepare starts building, in the background, the settings that files
// under abs (a directory or a file) get when no override names them, so
// that their phrase matcher is ready or under way by the time the first
// file is checked. The CLI calls it before walking the paths to check.
func (r *Resolver) Prepare(abs string) {
	info, err := os.Stat(abs)
	if err != nil {
		return // the walk reports it
	}
	if c, err := r.ConfigFor(abs, info.IsDir()); err == nil {
		r.settingsWith(c, nil)
	}
}

// settingsWith returns the settings for config c with the overrides at the
// indexes in overrides applied, building them once.
func (r *Resolver) settingsWith(c *Config, overrides []int) *Settings {
	key := fmt.Sprintf("%p%v", c, overrides)
	r.mu.Lock()
	defer r.mu.Unlock()
	if s, ok := r.settings[key]; ok {
		return s
	}
	s := r.build(c, overrides)
	r.settings[key] = s
	// The matcher takes tens of milliseconds to build; start now, so that
	// it overlaps reading and parsing rather than making the first check
	// wait while the other cores idle.
	go s.phraseMatcher()
	return s
}

func (r *Resolver) build(c *Config, overrides []int) *Settings {
	s := &Settings{Config: c, reg: r.reg, known: map[string]bool{}}
	s.AsOf = r.today
	if !c.AsOf.IsZero() {
		s.AsOf = c.AsOf
	}
	if !r.flags.AsOf.IsZero() {
		s.AsOf = r.flags.AsOf
	}
	settings := map[string]RuleSetting{}
	for k, v := range c.Rules {
		settings[k] = v
	}
	for _, i := range overrides {
		for k, v := range c.Overrides[i].Rules {
			settings[k] = mergeSetting(settings[k], v)
		}
	}
	all := append(append([]*Rule{}, r.reg.Rules...), c.CustomRules...)
	var late []ActiveRule
	for _, rule := range all {
		s.known[rule.ID] = true
		sev := rule.Severity
		if rule.DefaultOff {
			sev = SeverityOff
		}
		set := settings[rule.ID]
		if set.Severity != nil {
			sev = *set.Severity
		}
		if flagNames(r.flags.Enable, rule.ID) && sev == SeverityOff {
			sev = rule.Severity
		}
		if flagNames(r.flags.Disable, rule.ID) {
			sev = SeverityOff
		}
		if sev == SeverityOff {
			continue
		}
		ar := ActiveRule{Rule: rule, Severity: sev, Options: set.Options}
		if isLate(rule) {
			late = append(late, ar)
		} else {
			s.Rules = append(s.Rules, ar)
		}
	}
	s.Rules = append(s.Rules, late...)
	return s
}

// flagNames reports whether an --enable/--disable list names id, exactly or
// as "category/*".
func flagNames(list []string, id string) bool {
	for _, x := range list {
		if x == id || strings.HasSuffix(x, "/*") && strings.HasPrefix(id, strings.TrimSuffix(x, "*")) {
			return true
		}
	}
	return false
}

// LateRuleIDs are rules that judge the directives themselves; they run
// after suppression, and their findings cannot be suppressed.
var LateRuleIDs = []string{"healthlint/unused-directive"}

func isLate(r *Rule) bool { return contains(LateRuleIDs, r.ID) }

// Check runs every active rule over doc and returns the findings in
// source order, directives applied.
func (s *Settings) Check(doc *Document) (findings []Finding, topics []string, err error) {
	dm := s.phraseMatcher().run(doc)
	topics, evidence := topicsFromMatches(s.reg.Topics, dm.byRule[len(s.Rules):])
	directives := doc.Directives()
	sup := newSuppressor(doc, directives)
	defer dm.release()
	// all is the rules' findings before suppression; only what survives
	// it is returned, in a slice of its own, so all's array can serve
	// the next document.
	var all []Finding
	if arr, ok := findingArrays.Get().(*[]Finding); ok {
		all = *arr
	}
	defer func() {
		clear(all)
		if cap(all) <= maxPooledItems {
			all = all[:0]
			findingArrays.Put(&all)
		}
	}()
	var kept []Finding
	suppressDone := false
	// One Pass serves every rule in turn: rules do not keep it.
	pass := &Pass{Doc: doc, AsOf: s.AsOf, Topics: topics, topicEvidence: evidence, settings: s, directives: directives}
	for i, ar := range s.Rules {
		late := isLate(ar.Rule)
		if late && !suppressDone {
			kept = filterSuppressed(all, sup)
			suppressDone = true
		}
		if !dm.keyword[i] {
			continue
		}
		pass.Rule, pass.Severity, pass.Matches, pass.options, pass.prior = ar.Rule, ar.Severity, dm.byRule[i], ar.Options, all
		pass.found = &all
		if late {
			pass.found = &kept
		}
		if err := runRule(ar.Rule, pass); err != nil {
			return nil, topics, err
		}
	}
	if !suppressDone {
		kept = filterSuppressed(all, sup)
	}
	SortFindings(kept)
	return kept, topics, nil
}

// findingArrays holds the arrays Check collected findings in.
var findingArrays sync.Pool // of *[]Finding

func filterSuppressed(all []Finding, sup *suppressor) []Finding {
	out := make([]Finding, 0, len(all))
	for _, f := range all {
		if !sup.suppressed(f) {
			out = append(out, f)
		}
	}
	return out
}

// runRule runs one rule, turning a panic into an error that names the rule
// so one bad rule cannot take the whole run down silently.
func runRule(r *Rule, p *Pass) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("rule %s crashed on this file (please report it): %v\n%s", r.ID, v, debug.Stack())
		}
	}()
	if r.Run == nil {
		ReportPhraseMatches(p)
	} else {
		r.Run(p)
	}
	return nil
}

// SortFindings orders findings by position, then rule, then message.
// Stable, so findings equal on all four keep the order reported. The
// generic sort moves the structs directly, without sort.SliceStable's
// reflection-based swaps.
func SortFindings(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		if c := cmp.Compare(a.Span.Start, b.Span.Start); c != 0 {
			return c
		}
		if c := strings.Compare(a.Rule, b.Rule); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Span.End, b.Span.End); c != 0 {
			return c
		}
		return strings.Compare(a.Message, b.Message)
	})
}

func globMatch(g, p string) (bool, error) {
	if ok, err := doublestarMatch(g, p); ok || err != nil {
		return ok, err
	}
	return doublestarMatch(g+"/**", p)
}
