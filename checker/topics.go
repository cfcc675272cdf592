package checker

import "sort"

// TopicSet is one topic's lexicon. A document has the topic when at least
// Min of the phrases occur in its prose outside footnotes (footnotes cite
// sources; they are not what the page is about).
type TopicSet struct {
	Name    string
	Min     int
	Phrases []*Phrase
}

// topicRules turns topic sets into phrase-only pseudo-rules so that their
// phrases are matched in the same automaton pass as every rule's.
func topicRules(sets []TopicSet) []*Rule {
	out := make([]*Rule, len(sets))
	for i, t := range sets {
		out[i] = &Rule{ID: "topic/" + t.Name, Phrases: t.Phrases}
	}
	return out
}

// topicsFromMatches decides the topics from each set's matches, and keeps
// the first prose that gave each topic (for messages that say why a rule
// applies).
func topicsFromMatches(sets []TopicSet, matches [][]Match) (topics []string, evidence map[string]string) {
	evidence = map[string]string{}
	for i, t := range sets {
		n := 0
		first := ""
		for _, m := range matches[i] {
			if m.Block.Kind == KindFootnote || m.Block.InFootnote {
				continue
			}
			if n == 0 {
				first = m.String()
			}
			n++
		}
		if n >= max(t.Min, 1) {
			topics = append(topics, t.Name)
			evidence[t.Name] = first
		}
	}
	sort.Strings(topics)
	return topics, evidence
}

// DetectTopics returns the topics of a document for the given sets,
// outside any Settings (tests, tools). Checking a document computes the
// same topics in the shared matching pass.
func DetectTopics(sets []TopicSet, doc *Document) []string {
	m := newMatcher(topicRules(sets))
	topics, _ := topicsFromMatches(sets, m.run(doc).byRule)
	return topics
}
