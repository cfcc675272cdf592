package rules

import (
	"bytes"
	_ "embed"
	"fmt"
	"sort"
	"strings"

	"github.com/healthlint/healthlint/checker"
	"go.yaml.in/yaml/v3"
)

// The topics healthlint detects. Rules and users' required custom rules
// (when: {topics: [...]}) read them.
const (
	TopicAddiction    = "addiction"
	TopicSuicide      = "suicide"
	TopicMentalHealth = "mental-health"
	TopicMedication   = "medication"
	TopicInsurance    = "insurance"
	TopicHealth       = "health"
)

//go:embed data/topics.yaml
var topicsYAML []byte

type topicEntry struct {
	Min     int      `yaml:"min"`
	Phrases []string `yaml:"phrases"`
	// Combine lists groups of words; every combination, joined by spaces,
	// is a phrase ("alcohol" x "use disorder" -> "alcohol use disorder").
	Combine    [][][]string `yaml:"combine"`
	Exceptions []string     `yaml:"exceptions"`
}

// parseTopics reads a topics file into topic sets for the engine, whose
// single automaton pass matches them with every rule's phrases.
func parseTopics(data []byte) ([]checker.TopicSet, error) {
	var file struct {
		Topics map[string]topicEntry `yaml:"topics"`
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&file); err != nil {
		return nil, fmt.Errorf("topics: %w", err)
	}
	var sets []checker.TopicSet
	for name, e := range file.Topics {
		words := append([]string(nil), e.Phrases...)
		for _, groups := range e.Combine {
			words = append(words, combinations(groups)...)
		}
		if len(words) == 0 {
			return nil, fmt.Errorf("topics: %s has no phrases", name)
		}
		set := checker.TopicSet{Name: name, Min: max(e.Min, 1)}
		seen := map[string]bool{}
		for _, w := range words {
			w = strings.ToLower(strings.Join(strings.Fields(w), " "))
			if seen[w] {
				continue
			}
			seen[w] = true
			set.Phrases = append(set.Phrases, &checker.Phrase{Text: w, Exceptions: e.Exceptions})
		}
		sets = append(sets, set)
	}
	sort.Slice(sets, func(i, j int) bool { return sets[i].Name < sets[j].Name })
	return sets, nil
}

// combinations returns every phrase made by taking one word from each
// group in order.
func combinations(groups [][]string) []string {
	out := []string{""}
	for _, g := range groups {
		var next []string
		for _, prefix := range out {
			for _, w := range g {
				next = append(next, strings.TrimSpace(prefix+" "+w))
			}
		}
		out = next
	}
	return out
}

// TopicSets are the built-in topic lexicons from data/topics.yaml.
var TopicSets = func() []checker.TopicSet {
	sets, err := parseTopics(topicsYAML)
	if err != nil {
		panic(err) // embedded data; TestDetectTopics fails first
	}
	return sets
}()

// DetectTopics returns the sorted topics of a document, as the engine
// computes them during a check.
func DetectTopics(doc *checker.Document) []string {
	return checker.DetectTopics(TopicSets, doc)
}

// healthTopics make a page a health page: medical-disclaimer,
// medical-review and review-date apply to it.
var healthTopics = []string{TopicAddiction, TopicSuicide, TopicMentalHealth, TopicMedication, TopicHealth}

// isHealthPage reports whether the pass's document is health content.
func isHealthPage(p *checker.Pass) bool {
	for _, t := range healthTopics {
		if p.HasTopic(t) {
			return true
		}
	}
	return false
}
