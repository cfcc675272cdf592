package checker

import "fmt"

// PhraseMatcher matches a set of phrases with the same automaton and the
// same filters (whole words, case, exceptions, negation, longest first) as
// the engine's shared pass. Rules use it for phrases only known at run
// time, such as a dataset named in a config's data: section; build it once
// per Settings (see Settings.Cached).
type PhraseMatcher struct {
	m *matcher
}

// NewPhraseMatcher compiles phrases into a matcher.
func NewPhraseMatcher(phrases []*Phrase) (*PhraseMatcher, error) {
	for _, p := range phrases {
		if err := p.compile(); err != nil {
			return nil, fmt.Errorf("phrase %q: %w", p.Label(), err)
		}
	}
	r := &Rule{Phrases: phrases}
	return &PhraseMatcher{m: newMatcher([]*Rule{r})}, nil
}

// Match returns the matches in doc, leftmost-longest, in block order.
func (pm *PhraseMatcher) Match(doc *Document) []Match {
	return pm.m.run(doc).byRule[0]
}
