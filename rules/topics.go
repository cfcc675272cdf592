package rules

import (
	_ "embed"
	"fmt"
	"regexp"
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
	Min        int      `yaml:"min"`
	Phrases    []string `yaml:"phrases"`
	Regex      []string `yaml:"regex"`
	Exceptions []string `yaml:"exceptions"`
}

// topicLexicon is the compiled form of topics.yaml.
type topicLexicon struct {
	topics []compiledTopic
}

type compiledTopic struct {
	name       string
	min        int
	match      []*regexp.Regexp // on lowercased prose
	exceptions *regexp.Regexp
}

// parseTopics reads and compiles a topics file.
func parseTopics(data []byte) (*topicLexicon, error) {
	var file struct {
		Topics map[string]topicEntry `yaml:"topics"`
	}
	if err := yaml.Unmarshal(data, &file); err != nil {
		return nil, fmt.Errorf("topics: %w", err)
	}
	lex := &topicLexicon{}
	for name, e := range file.Topics {
		ct := compiledTopic{name: name, min: max(e.Min, 1)}
		if len(e.Phrases) > 0 {
			ct.match = append(ct.match, phraseUnion(e.Phrases))
		}
		for _, r := range e.Regex {
			re, err := regexp.Compile(r)
			if err != nil {
				return nil, fmt.Errorf("topics: %s: regex %q: %w", name, r, err)
			}
			ct.match = append(ct.match, re)
		}
		if len(e.Exceptions) > 0 {
			ct.exceptions = phraseUnion(e.Exceptions)
		}
		lex.topics = append(lex.topics, ct)
	}
	sort.Slice(lex.topics, func(i, j int) bool { return lex.topics[i].name < lex.topics[j].name })
	return lex, nil
}

// phraseUnion compiles literal phrases into one regexp matching any of
// them as whole words on lowercased text; whitespace inside a phrase
// matches any whitespace run.
func phraseUnion(phrases []string) *regexp.Regexp {
	alts := make([]string, 0, len(phrases))
	// Longest first, so that "substance use disorder" wins over
	// "substance use" at the same position.
	ps := append([]string(nil), phrases...)
	sort.Slice(ps, func(i, j int) bool { return len(ps[i]) > len(ps[j]) })
	for _, p := range ps {
		alts = append(alts, wholeWordPattern(strings.ToLower(p)))
	}
	return regexp.MustCompile(strings.Join(alts, "|"))
}

// wholeWordPattern turns a literal phrase into a regexp that matches it on
// word boundaries (where the phrase starts or ends with a word character).
func wholeWordPattern(p string) string {
	fields := strings.Fields(p)
	for i, f := range fields {
		fields[i] = regexp.QuoteMeta(f)
	}
	body := strings.Join(fields, `\s+`)
	if p != "" && isWordByte(p[0]) {
		body = `\b` + body
	}
	if p != "" && isWordByte(p[len(p)-1]) {
		body += `\b`
	}
	return body
}

var builtinTopics = func() *topicLexicon {
	lex, err := parseTopics(topicsYAML)
	if err != nil {
		panic(err)
	}
	return lex
}()

// DetectTopics returns the sorted topics of a document: each topic whose
// lexicon matches the document's prose at least its minimum number of
// times, outside its exceptions. The lexicon is compiled once per
// Settings.
func DetectTopics(doc *checker.Document, s *checker.Settings) []string {
	lex := builtinTopics
	if s != nil {
		lex = s.Cached("rules/topics", func() any { return builtinTopics }).(*topicLexicon)
	}
	return lex.detect(doc)
}

func (lex *topicLexicon) detect(doc *checker.Document) []string {
	counts := make([]int, len(lex.topics))
	for _, b := range doc.Blocks {
		if b.Kind == checker.KindFootnote || b.InFootnote {
			continue
		}
		for i, t := range lex.topics {
			if counts[i] >= t.min {
				continue
			}
			counts[i] += t.count(b.Lower)
		}
	}
	var out []string
	for i, t := range lex.topics {
		if counts[i] >= t.min {
			out = append(out, t.name)
		}
	}
	return out
}

// count returns the matches of the topic in one block's lowercased prose
// that do not lie inside an exception.
func (t *compiledTopic) count(lower string) int {
	var excepted [][]int
	if t.exceptions != nil {
		excepted = t.exceptions.FindAllStringIndex(lower, -1)
	}
	n := 0
	seen := map[int]bool{} // match starts, so two lists never count one word twice
	for _, re := range t.match {
		for _, loc := range re.FindAllStringIndex(lower, -1) {
			if seen[loc[0]] || inside(excepted, loc) {
				continue
			}
			seen[loc[0]] = true
			n++
		}
	}
	return n
}

func inside(spans [][]int, loc []int) bool {
	for _, s := range spans {
		if s[0] <= loc[0] && loc[1] <= s[1] {
			return true
		}
	}
	return false
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

// topicEvidence returns the first prose that gave the document a topic,
// for quoting in messages, or "".
func topicEvidence(doc *checker.Document, name string) string {
	for _, t := range builtinTopics.topics {
		if t.name != name {
			continue
		}
		for _, b := range doc.Blocks {
			if b.Kind == checker.KindFootnote || b.InFootnote {
				continue
			}
			var excepted [][]int
			if t.exceptions != nil {
				excepted = t.exceptions.FindAllStringIndex(b.Lower, -1)
			}
			for _, re := range t.match {
				for _, loc := range re.FindAllStringIndex(b.Lower, -1) {
					if !inside(excepted, loc) {
						return b.Text[loc[0]:loc[1]]
					}
				}
			}
		}
	}
	return ""
}
