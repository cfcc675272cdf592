package rules

import (
	_ "embed"
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/healthlint/healthlint/checker"
)

//go:embed data/language.yaml
var languageYAML []byte

// languageData is the layout of data/language.yaml and of a user's
// data: {language: FILE}.
type languageData struct {
	Sources    map[string]string `yaml:"sources"`
	Exceptions []string          `yaml:"exceptions"`
	Terms      []*languageTerm   `yaml:"terms"`
}

// languageTerm is one stigmatizing term and the wording to use instead.
type languageTerm struct {
	ID       string           `yaml:"id"`
	Phrases  []languagePhrase `yaml:"phrases"`
	Prefer   string           `yaml:"prefer"`
	Why      string           `yaml:"why"`
	Source   string           `yaml:"source"`
	Disabled bool             `yaml:"disabled"`
}

// languagePhrase is a matched text with an optional safe replacement. In
// YAML it is a string or {text, replace}.
type languagePhrase struct {
	Text    string `yaml:"text"`
	Replace string `yaml:"replace"`
}

// UnmarshalYAML accepts a plain string as a phrase without replacement.
func (lp *languagePhrase) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		lp.Text = n.Value
		return nil
	}
	type plain languagePhrase
	return n.Decode((*plain)(lp))
}

func (d *languageData) validate() error {
	ids := make([]string, len(d.Terms))
	for i, t := range d.Terms {
		ids[i] = t.ID
	}
	if err := uniqueIDs("language term", ids); err != nil {
		return err
	}
	for _, t := range d.Terms {
		if t.Disabled {
			continue
		}
		if len(t.Phrases) == 0 || t.Prefer == "" || t.Why == "" {
			return fmt.Errorf("term %s: needs phrases, prefer and why", t.ID)
		}
		for _, ph := range t.Phrases {
			if strings.TrimSpace(ph.Text) == "" {
				return fmt.Errorf("term %s: an empty phrase", t.ID)
			}
		}
		if _, ok := d.Sources[t.Source]; !ok && !strings.HasPrefix(t.Source, "http") {
			return fmt.Errorf("term %s: source %q is neither a key of sources nor a URL", t.ID, t.Source)
		}
	}
	return nil
}

func mergeLanguage(base *languageData, user []byte) (*languageData, error) {
	var u languageData
	if err := decodeStrict(user, &u); err != nil {
		return nil, err
	}
	out := &languageData{Sources: map[string]string{}, Exceptions: append(append([]string{}, base.Exceptions...), u.Exceptions...)}
	for k, v := range base.Sources {
		out.Sources[k] = v
	}
	for k, v := range u.Sources {
		out.Sources[k] = v
	}
	out.Terms = mergeByID(base.Terms, u.Terms, func(e *languageTerm) string { return e.ID })
	if err := out.validate(); err != nil {
		return nil, err
	}
	return out, nil
}

var builtinLanguage = mustDecode("language.yaml", languageYAML, (*languageData).validate)

// languageMatch is the payload of a term's phrase.
type languageMatch struct {
	term    *languageTerm
	replace string
}

// languagePhrases builds one phrase per term text. Each carries only the
// exceptions that contain it ("Alcoholics Anonymous" for "alcoholics").
func languagePhrases(d *languageData) []*checker.Phrase {
	// Exceptions and phrases compare lowercase, hyphens read as spaces,
	// between spaces so that only whole words match.
	hyphens := strings.NewReplacer("-", " ")
	normal := make([]string, len(d.Exceptions))
	for i, e := range d.Exceptions {
		normal[i] = " " + strings.ToLower(hyphens.Replace(e)) + " "
	}
	var out []*checker.Phrase
	for _, t := range d.Terms {
		if t.Disabled {
			continue
		}
		for _, ph := range t.Phrases {
			p := &checker.Phrase{Text: ph.Text, Data: &languageMatch{term: t, replace: ph.Replace}}
			key := hyphens.Replace(" " + strings.ToLower(ph.Text) + " ")
			for i, e := range d.Exceptions {
				if strings.Contains(normal[i], key) {
					p.Exceptions = append(p.Exceptions, e)
				}
			}
			out = append(out, p)
		}
	}
	return out
}

// LanguageStigmatizing flags stigmatizing terms about addiction, suicide,
// illness and disability, with the person-first wording to use.
var LanguageStigmatizing = &checker.Rule{
	ID:       "language/stigmatizing",
	Title:    "a stigmatizing term where person-first or safe-messaging wording exists",
	Severity: checker.SeverityInfo,
	Sources: []checker.Source{
		{Title: "NIDA, Words Matter: Terms to Use and Avoid When Talking About Addiction", URL: "https://nida.nih.gov/research-topics/addiction-science/words-matter-preferred-language-talking-about-addiction"},
		{Title: "ONDCP, Changing the Language of Addiction (2017 draft)", URL: "https://obamawhitehouse.archives.gov/ondcp/changing-the-language-draft"},
		{Title: "Recommendations for Reporting on Suicide (safe messaging)", URL: "https://reportingonsuicide.org/"},
		{Title: "CDC, Preferred Terms for Select Population Groups and Communities", URL: "https://www.cdc.gov/health-communication/php/toolkit/preferred-terms.html"},
	},
	Options: []checker.Option{
		{Name: "ignore", Kind: checker.OptStrings, Default: []string{},
			Doc: "term ids (see rules/data/language.yaml) or phrases never flagged"},
	},
	Fixable: true,
	Phrases: languagePhrases(builtinLanguage),
	Doc: `Words shape how readers see people with an illness, and whether they seek
help. NIDA's "Words Matter" guidance asks writers to drop "addict", "junkie",
"substance abuse" and "clean/dirty"; safe-messaging guidance for suicide asks
for "died by suicide" instead of "committed suicide"; person-first style says
"people with diabetes", not "diabetics".

Proper names are exempt (National Institute on Drug Abuse, Substance Abuse and
Mental Health Services Administration, Alcoholics Anonymous, Narcotics
Anonymous), as are quotations and blockquotes, clinical terms ("alcoholic
liver disease", "non-alcoholic"), and other kinds of abuse ("child abuse",
"sexual abuse", "elder abuse").

Bad:

    Many addicts who committed suicide were suffering from depression.

Good:

    Many people with a substance use disorder who died by suicide had
    depression.

--fix rewrites only the unambiguous terms ("committed suicide" becomes "died
by suicide", "tested clean" becomes "tested negative"); the rest need an
editor. Extend or override the list with data: {language: FILE}.`,
	Run: runStigmatizing,
}

func runStigmatizing(p *checker.Pass) {
	data, matches, err := datasetMatches(p, "language", func() *languageData { return builtinLanguage }, mergeLanguage, languagePhrases)
	if err != nil {
		reportDataError(p, err)
		return
	}
	if data == nil {
		data = builtinLanguage
	}
	ignore := p.Strings("ignore")
	for _, m := range matches {
		lm, ok := m.Phrase.Data.(*languageMatch)
		if !ok {
			continue
		}
		text := m.String()
		if containsFold(ignore, lm.term.ID) || containsFold(ignore, text) {
			continue
		}
		b := m.Block
		if b.InQuote || InQuotation(b, m.Sentence, m.Text) || InProperName(b, m.Text) {
			continue
		}
		f := checker.Finding{
			Span:       m.Source(),
			Message:    fmt.Sprintf("stigmatizing term %q: %s; say %s", text, lm.term.Why, lm.term.Prefer),
			Suggestion: "reword it following " + sourceLabel(data, lm.term.Source),
			Key:        strings.ToLower(text),
		}
		if lm.replace != "" {
			newText := checker.MatchCase(text, lm.replace)
			if edit, ok := replacementEdit(p.Doc, m, newText); ok {
				f.Fixes = []checker.Fix{{Description: checker.ReplaceDescription(text, newText), Edits: []checker.Edit{edit}}}
			}
		}
		p.Report(f)
	}
}

var sourceLabels = map[string]string{"nida": "NIDA, Words Matter", "ondcp": "ONDCP", "suicide": "safe messaging guidelines", "cdc": "CDC preferred terms"}

func sourceLabel(d *languageData, key string) string {
	if l, ok := sourceLabels[key]; ok {
		return l
	}
	if u, ok := d.Sources[key]; ok {
		return u
	}
	return key
}
