package rules

import (
	_ "embed"
	"fmt"
	"sort"
	"strings"

	"github.com/healthlint/healthlint/checker"
	"go.yaml.in/yaml/v3"
)

// This file loads the lexicons of claims/uncited and claims/fda-status
// (rules/data/claims/effect-verbs.yaml, substances.yaml, conditions.yaml,
// uncited-context.yaml) and turns them into phrases for the shared
// automaton. Each phrase carries a lexTerm saying what the words are: an
// effect verb, a subject, an object, a context cue.

var (
	//go:embed data/claims/effect-verbs.yaml
	effectVerbsYAML []byte
	//go:embed data/claims/substances.yaml
	substancesYAML []byte
	//go:embed data/claims/conditions.yaml
	conditionsYAML []byte
	//go:embed data/claims/uncited-context.yaml
	uncitedContextYAML []byte
)

// lexKind is a bit set: one literal can be several things ("drinking" is
// a subject and an object).
type lexKind uint32

const (
	lexVerb           lexKind = 1 << iota // "reduces"
	lexObjectBefore                       // "a thing of the past"
	lexEfficacy                           // "treatment for", needs a qualifier
	lexEfficacyDirect                     // "effective against"
	lexSubject                            // "ketamine", "our formula"
	lexImplied                            // "clinically proven to" opening a sentence
	lexPeople                             // "we", "doctors"
	lexObject                             // "the brain", "cravings"
	lexAnimal                             // "in mice"
	lexReported                           // "claims that"
)

// lexTerm is the Data of a lexicon phrase.
type lexTerm struct {
	kinds lexKind
}

func (t *lexTerm) is(k lexKind) bool { return t != nil && t.kinds&k != 0 }

// claimLexicon is the parsed lexicon data.
type claimLexicon struct {
	Verbs        [][]string `yaml:"verbs"`
	ObjectBefore []string   `yaml:"object-before"`
	Efficacy     struct {
		Phrases    []string `yaml:"phrases"`
		Qualifiers []string `yaml:"qualifiers"`
		Direct     []string `yaml:"direct"`
	} `yaml:"efficacy"`
	Substances   []string `yaml:"substances"`
	Treatments   []string `yaml:"treatments"`
	Implied      []string `yaml:"implied-subject"`
	People       []string `yaml:"people"`
	Conditions   []string `yaml:"conditions"`
	Organs       []string `yaml:"organs"`
	Animal       []string `yaml:"animal"`
	Reported     []string `yaml:"reported"`
	Approval     []string `yaml:"approval"`
	AssertTo     []string `yaml:"assert-to"`
	Pharmacology struct {
		Verbs   []string `yaml:"verbs"`
		Objects []string `yaml:"objects"`
	} `yaml:"pharmacology"`

	qualifiers map[string]bool
	approval   map[string]bool
	assertTo   map[string]bool
	pharmVerbs map[string]bool
	pharmObjs  map[string]bool
	verbForms  []string
}

// lexicon is loaded once; the files are embedded, so an error is a bug
// that the tests catch.
var lexicon = loadClaimLexicon()

func loadClaimLexicon() *claimLexicon {
	lx := &claimLexicon{}
	for name, data := range map[string][]byte{
		"effect-verbs.yaml": effectVerbsYAML, "substances.yaml": substancesYAML,
		"conditions.yaml": conditionsYAML, "uncited-context.yaml": uncitedContextYAML,
	} {
		if err := yaml.Unmarshal(data, lx); err != nil {
			panic(fmt.Sprintf("rules/data/claims/%s: %v", name, err))
		}
	}
	lx.qualifiers = set(lx.Efficacy.Qualifiers)
	lx.approval = set(lx.Approval)
	lx.assertTo = set(lx.AssertTo)
	lx.pharmVerbs = set(lx.Pharmacology.Verbs)
	lx.pharmObjs = set(lx.Pharmacology.Objects)
	for _, forms := range lx.Verbs {
		lx.verbForms = append(lx.verbForms, forms...)
	}
	return lx
}

func set(words []string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[strings.ToLower(w)] = true
	}
	return m
}

// phraseSet builds one phrase per literal, merging the kinds of a literal
// listed in several places.
type phraseSet struct {
	byText map[string]*checker.Phrase
	order  []string
}

func newPhraseSet() *phraseSet { return &phraseSet{byText: map[string]*checker.Phrase{}} }

func (s *phraseSet) add(kind lexKind, words ...string) {
	for _, w := range words {
		w = strings.ToLower(strings.TrimSpace(w))
		if w == "" {
			continue
		}
		if p, ok := s.byText[w]; ok {
			p.Data.(*lexTerm).kinds |= kind
			continue
		}
		s.byText[w] = &checker.Phrase{Text: w, Data: &lexTerm{kinds: kind}}
		s.order = append(s.order, w)
	}
}

// except adds exceptions to a literal already in the set ("lower" inside
// "lower back pain" is not a verb).
func (s *phraseSet) except(word string, exceptions ...string) {
	if p, ok := s.byText[word]; ok {
		p.Exceptions = append(p.Exceptions, exceptions...)
	}
}

func (s *phraseSet) phrases() []*checker.Phrase {
	out := make([]*checker.Phrase, 0, len(s.order))
	for _, w := range s.order {
		out = append(out, s.byText[w])
	}
	return out
}

// verbExceptions are adjective uses of verb forms.
var verbExceptions = map[string][]string{
	"lower":     {"lower back", "lower body", "lower abdomen", "lower leg", "lower legs", "lower dose", "lower doses"},
	"raised":    {"raised blood pressure"},
	"increased": {"increased risk"},
	"end":       {"end stage", "end-stage", "in the end", "end of"},
	"cut":       {"cut back", "cut down"},
	"support":   {"support group", "support groups", "peer support", "support services", "support staff"},
	"treat":     {"treat yourself"},
}

// uncitedPhrases returns the lexicon as phrases for claims/uncited.
func uncitedPhrases() []*checker.Phrase {
	lx := lexicon
	s := newPhraseSet()
	s.add(lexVerb, lx.verbForms...)
	s.add(lexObjectBefore, lx.ObjectBefore...)
	s.add(lexEfficacy, lx.Efficacy.Phrases...)
	s.add(lexEfficacyDirect, lx.Efficacy.Direct...)
	s.add(lexSubject, lx.Substances...)
	s.add(lexSubject, lx.Treatments...)
	s.add(lexImplied, lx.Implied...)
	s.add(lexPeople, lx.People...)
	s.add(lexObject, lx.Conditions...)
	s.add(lexObject, lx.Organs...)
	s.add(lexAnimal, lx.Animal...)
	s.add(lexReported, lx.Reported...)
	for w, ex := range verbExceptions {
		s.except(w, ex...)
	}
	return s.phrases()
}

// sentenceMatches groups a rule's matches by block and sentence, in
// document order.
type sentenceMatches struct {
	block    *checker.Block
	sentence int
	matches  []checker.Match
}

func groupBySentence(blocks []*checker.Block, ms []checker.Match) []sentenceMatches {
	if out, ok := groupRuns(blocks, ms); ok {
		return out
	}
	var out []sentenceMatches
	index := map[*checker.Block]map[int]int{}
	for _, m := range ms {
		byS := index[m.Block]
		if byS == nil {
			byS = map[int]int{}
			index[m.Block] = byS
		}
		i, ok := byS[m.Sentence]
		if !ok {
			i = len(out)
			byS[m.Sentence] = i
			out = append(out, sentenceMatches{block: m.Block, sentence: m.Sentence})
		}
		out[i].matches = append(out[i].matches, m)
	}
	for i := range out {
		sort.SliceStable(out[i].matches, func(a, b int) bool {
			return out[i].matches[a].Text.Start < out[i].matches[b].Text.Start
		})
	}
	return out
}

// groupRuns is groupBySentence for matches already in document order,
// which is how the matcher delivers them: each sentence's matches are then
// one run of the slice, in order, and need neither an index nor a sort.
// It reports false, having built nothing of use, when the blocks of the
// matches do not follow the order of blocks (the document's) or a match
// starts before the one preceding it. The order is checked by walking
// blocks forward rather than with a set of blocks seen, and the runs are
// counted before they are built: the set and the growing slice cost more
// than the grouping itself.
func groupRuns(blocks []*checker.Block, ms []checker.Match) ([]sentenceMatches, bool) {
	runs := 0
	for i, m := range ms {
		if i == 0 || m.Block != ms[i-1].Block || m.Sentence != ms[i-1].Sentence {
			runs++
		}
	}
	out := make([]sentenceMatches, 0, runs)
	next := 0  // the block of a new run is one of blocks[next:]
	start := 0 // first match of the current run
	for i, m := range ms {
		if i > 0 && m.Block == ms[i-1].Block {
			if m.Text.Start < ms[i-1].Text.Start {
				return nil, false
			}
			if m.Sentence == ms[i-1].Sentence {
				continue
			}
		} else {
			for next < len(blocks) && blocks[next] != m.Block {
				next++
			}
			if next == len(blocks) {
				return nil, false
			}
			next++
		}
		if i > 0 {
			out[len(out)-1].matches = ms[start:i:i]
		}
		start = i
		out = append(out, sentenceMatches{block: m.Block, sentence: m.Sentence})
	}
	if len(out) > 0 {
		out[len(out)-1].matches = ms[start:len(ms):len(ms)]
	}
	return out, true
}

// wordsBetween counts the words of b's prose in [from, to).
func wordsBetween(b *checker.Block, from, to int) int {
	if to <= from {
		return 0
	}
	return len(checker.Words(b.Lower[from:to]))
}

// lastWords returns up to n lowercase words of b's prose ending at off,
// within the sentence starting at start.
func lastWords(b *checker.Block, start, off, n int) []string {
	w := checker.Words(b.Lower[start:off])
	if len(w) > n {
		w = w[len(w)-n:]
	}
	return w
}

// sentenceOpening reports whether off is where the sentence's words begin
// (after quotes, brackets, stars and list marks).
func sentenceOpening(b *checker.Block, sentence, off int) bool {
	sp := b.Sentences[sentence]
	return strings.TrimLeft(b.Text[sp.Start:off], ` "'([*_#>-`) == ""
}

// quoteText returns the prose of a span, shortened for a message.
func quoteText(b *checker.Block, s checker.Span) string {
	t := strings.ReplaceAll(b.Text[s.Start:s.End], string(checker.CodePlaceholder), "…")
	if len(t) > 80 {
		cut := strings.LastIndexByte(t[:60], ' ')
		if cut < 20 {
			cut = 60
		}
		end := strings.IndexByte(t[len(t)-20:], ' ')
		if end < 0 {
			end = 0
		}
		t = t[:cut] + " … " + t[len(t)-20+end+1:]
	}
	return t
}
