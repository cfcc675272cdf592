package rules

import (
	_ "embed"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/healthlint/healthlint/checker"
)

//go:embed data/insurers.yaml
var insurersYAML []byte

// insurerData is the layout of data/insurers.yaml and of a user's
// data: {insurers: FILE}.
type insurerData struct {
	CurrentBrands []string        `yaml:"current_brands"`
	Entries       []*insurerEntry `yaml:"entries"`
}

// insurerEntry is one stale payer name and what became of it.
type insurerEntry struct {
	ID        string   `yaml:"id"`
	OldNames  []string `yaml:"old_names"`
	Ambiguous []string `yaml:"ambiguous"`
	NewName   string   `yaml:"new_name"`
	AlsoKnown []string `yaml:"also_known"`
	FixName   string   `yaml:"fix_name"`
	Effective string   `yaml:"effective"`
	Kind      string   `yaml:"kind"`
	Lint      string   `yaml:"lint"`
	States    []string `yaml:"states"`
	Verified  bool     `yaml:"verified"`
	Note      string   `yaml:"note"`
	Source    []string `yaml:"source"`
	Disabled  bool     `yaml:"disabled"`

	date effectiveDate
}

var insurerKinds = []string{"rename", "brand_retired", "acquired", "merger", "exited_market", "contractor_change", "program_replaced", "divested"}

// validate checks the dataset and fills in parsed dates.
func (d *insurerData) validate() error {
	ids := make([]string, len(d.Entries))
	for i, e := range d.Entries {
		ids[i] = e.ID
	}
	if err := uniqueIDs("insurer entry", ids); err != nil {
		return err
	}
	for _, e := range d.Entries {
		if e.Disabled {
			continue
		}
		if len(e.OldNames) == 0 {
			return fmt.Errorf("entry %s: old_names is empty", e.ID)
		}
		for _, a := range e.Ambiguous {
			if !containsFold(e.OldNames, a) {
				return fmt.Errorf("entry %s: ambiguous name %q is not one of old_names", e.ID, a)
			}
		}
		if !slices.Contains(insurerKinds, e.Kind) {
			return fmt.Errorf("entry %s: kind %q is not one of %s", e.ID, e.Kind, strings.Join(insurerKinds, ", "))
		}
		switch e.Lint {
		case "stale", "exited", "context":
		default:
			return fmt.Errorf("entry %s: lint %q is not stale, exited or context", e.ID, e.Lint)
		}
		for i, s := range e.States {
			c := stateCode(s)
			if c == "" {
				return fmt.Errorf("entry %s: %q is not a US state", e.ID, s)
			}
			e.States[i] = c
		}
		if e.Verified && len(e.Source) == 0 {
			return fmt.Errorf("entry %s: a verified entry needs a source", e.ID)
		}
		date, err := parseEffective(e.Effective)
		if err != nil {
			return fmt.Errorf("entry %s: %v", e.ID, err)
		}
		e.date = date
	}
	return nil
}

// mergeInsurers layers a user's file over base: entries with a known id
// replace the built-in one, others are added, current brands are added.
func mergeInsurers(base *insurerData, user []byte) (*insurerData, error) {
	var u insurerData
	if err := decodeStrict(user, &u); err != nil {
		return nil, err
	}
	out := &insurerData{CurrentBrands: append(append([]string{}, base.CurrentBrands...), u.CurrentBrands...)}
	out.Entries = mergeByID(base.Entries, u.Entries, func(e *insurerEntry) string { return e.ID })
	if err := out.validate(); err != nil {
		return nil, err
	}
	return out, nil
}

var builtinInsurers = mustDecode("insurers.yaml", insurersYAML, (*insurerData).validate)

// insurerName is the payload of one matched name: the entries it is an
// old name of, whether it is a current brand, whether it is a state name.
type insurerName struct {
	entries   []*insurerEntry
	ambiguous map[*insurerEntry]bool
	brand     bool
	state     string
}

// insurerPhrases builds one phrase per distinct name: old names, current
// brands (so that "Anthem Blue Cross" wins over a shorter old name) and
// US state names (for state-scoped entries).
func insurerPhrases(d *insurerData) []*checker.Phrase {
	byKey := map[string]*insurerName{}
	var order []string
	get := func(name string) *insurerName {
		k := strings.ToLower(strings.Join(strings.Fields(name), " "))
		n, ok := byKey[k]
		if !ok {
			n = &insurerName{ambiguous: map[*insurerEntry]bool{}}
			byKey[k] = n
			order = append(order, name)
		}
		return n
	}
	for _, e := range d.Entries {
		if e.Disabled {
			continue
		}
		for _, name := range e.OldNames {
			n := get(name)
			n.entries = append(n.entries, e)
			if containsFold(e.Ambiguous, name) {
				n.ambiguous[e] = true
			}
		}
	}
	for _, b := range d.CurrentBrands {
		get(b).brand = true
	}
	for name, code := range usStates {
		get(name).state = code
	}
	sort.Strings(order)
	phrases := make([]*checker.Phrase, 0, len(order))
	for _, name := range order {
		phrases = append(phrases, &checker.Phrase{Text: name, Data: byKey[strings.ToLower(strings.Join(strings.Fields(name), " "))]})
	}
	return phrases
}

var (
	// insuranceRe finds words that make a sentence or list about insurance.
	insuranceRe = mustGated(`\b(insurance|insurances|insurer|insurers|insured|payers?|payors?|health plans?|plans we accept|coverage|covered|in-network|out-of-network|networks?|carriers?|medicaid|medicare|tricare|eap|benefits|copays?|co-pays?|deductibles?|reimburse\w*|billing|accept|accepts|accepted|we take|providers we work with|managed care)\b`)
	// notAcceptedRe finds a sentence that already says the payer is gone
	// or not accepted ("we no longer take Friday Health Plans").
	notAcceptedRe = mustGated(`\b(no longer|not|never|stopped|left the market|exited|closed|ceased|insolvent|liquidat\w*|receivership|legacy|existing claims)\b`)
	// formerlyRe finds a sentence that already speaks of the old name as old.
	formerlyRe = mustGated(`\b(formerly|previously|now known as|now called|now named|now part of|now operates as|renamed|rebranded|was known as|were known as|once known as|became)\b`)
)

// StaleInsurerFixStyles are the values of the fix-style option.
var staleInsurerFixStyles = []string{"replace", "formerly"}

// ReferencesStaleInsurer flags payer names that were renamed, merged,
// acquired, retired or left the market before the as-of date.
var ReferencesStaleInsurer = &checker.Rule{
	ID:       "references/stale-insurer",
	Title:    "a payer name that was renamed, merged, retired or left the market",
	Severity: checker.SeverityWarning,
	Sources: []checker.Source{
		{Title: "healthlint insurer dataset (rules/data/insurers.yaml), each entry with its own sources", URL: "https://github.com/healthlint/healthlint/blob/main/rules/data/insurers.yaml"},
		{Title: "NAATP Code of Ethics: accurate statements about insurance and coverage", URL: "https://www.naatp.org/programs/ethics"},
	},
	Options: []checker.Option{
		{Name: "fix-style", Kind: checker.OptString, Default: "replace", Choices: staleInsurerFixStyles,
			Doc: `what --fix writes: "replace" puts the current name, "formerly" writes "New Name (formerly Old Name)"`},
		{Name: "states", Kind: checker.OptStrings, Default: []string{},
			Doc: "the US states the pages serve (names or two-letter codes); overrides the states a page names, for state-scoped renames"},
	},
	Fixable: true,
	Phrases: insurerPhrases(builtinInsurers),
	Explain: func(asOf time.Time) string { return explainInsurers(builtinInsurers, asOf) },
	Doc: `Treatment-centre pages list the insurers they accept, and those lists go stale:
Beacon Health Options has been Carelon Behavioral Health since 2023-03-01,
ValueOptions merged into Beacon in 2016, Friday Health Plans left the market in
2023, TRICARE Standard has been TRICARE Select since 2018. A reader looking for
their plan's current name does not find it, or calls about a plan that no
longer exists.

Severity depends on the change: a renamed, merged, acquired or retired payer is
a warning with the current name; a payer that left the market is an error; a
change that only adds context (a parent company renamed while the plan brand
stayed, a partial exit) is info, and so is any entry whose change or date the
sources do not confirm. Every decision uses the as-of date (config as-of,
--as-of, else today): a page checked as of 2022-01-01 gets no Carelon finding.

Names are matched whole, longest first, across line breaks and in lists and
tables, never in code, link destinations or front matter. Current brands
(Anthem Blue Cross and Blue Shield, Cigna, Aetna, Magellan Healthcare,
Wellpoint...) are never flagged. Bare names that mean other things ("Beacon",
"Coventry", "Bind") are flagged only in a payer context: a sentence about
insurance, or a list or table about insurance. A sentence that already gives
the new name, or says "formerly", "previously" or "now known as", is not
flagged, and neither is one that says the payer is no longer accepted or
gone ("we no longer take...", "for existing claims only"). State-scoped changes (Amerigroup became Wellpoint in some states)
apply where the page names one of those states (or the states option says
so), and are info when the state is unknown.

Bad:

    We accept Aetna, Beacon Health Options and TRICARE Standard.

Good:

    We accept Aetna, Carelon Behavioral Health (formerly Beacon Health
    Options) and TRICARE Select.

--fix writes the current name (fix-style: replace) or "New (formerly Old)"
(fix-style: formerly) for warnings that have a single current name. Extend or
override the dataset with data: {insurers: FILE} in .healthlint.yaml; run
` + "`healthlint explain references/stale-insurer --as-of DATE`" + ` to list the entries
in force on a date.`,
	Run: runStaleInsurer,
}

func runStaleInsurer(p *checker.Pass) {
	_, matches, err := datasetMatches(p, "insurers", func() *insurerData { return builtinInsurers }, mergeInsurers, insurerPhrases)
	if err != nil {
		reportDataError(p, err)
		return
	}
	if len(matches) == 0 {
		return
	}
	ctx := newPayerContext(p.Doc, matches)
	states := documentStates(p, matches)
	// offered remembers the fix names already written in a sentence, so
	// that "Beacon Health Options, ValueOptions" does not become the same
	// name twice; the second finding stays for an editor.
	type sentenceKey struct {
		b *checker.Block
		s int
	}
	offered := map[sentenceKey]map[string]bool{}
	for _, m := range matches {
		n, ok := m.Phrase.Data.(*insurerName)
		if !ok || len(n.entries) == 0 || !startsCapitalised(m.String()) {
			continue
		}
		for _, e := range n.entries {
			f, ok := judgeInsurer(p, m, n, e, ctx, states)
			if !ok {
				continue
			}
			if len(f.Fixes) > 0 {
				k := sentenceKey{m.Block, m.Sentence}
				if offered[k] == nil {
					offered[k] = map[string]bool{}
				}
				if offered[k][strings.ToLower(e.FixName)] {
					f.Fixes = nil
				}
				offered[k][strings.ToLower(e.FixName)] = true
			}
			p.Report(f)
			break
		}
	}
}

// judgeInsurer decides whether match m of entry e is reported, and how.
func judgeInsurer(p *checker.Pass, m checker.Match, n *insurerName, e *insurerEntry, ctx *payerContext, docStates []string) (checker.Finding, bool) {
	if e.Disabled || !e.date.inForce(p.AsOf) {
		return checker.Finding{}, false
	}
	inScope := 0
	for _, s := range docStates {
		if slices.Contains(e.States, s) {
			inScope++
		}
	}
	if n.brand && (len(e.States) == 0 || inScope == 0) {
		return checker.Finding{}, false // a name still in use
	}
	if n.ambiguous[e] && !ctx.payer(m) {
		return checker.Finding{}, false
	}
	sent := sentenceLower(m)
	if formerlyRe.MatchString(sent) || notAcceptedRe.MatchString(sent) || givesNewName(sentenceWithout(m), e) {
		return checker.Finding{}, false
	}
	sev := checker.SeverityWarning
	switch e.Lint {
	case "exited":
		sev = checker.SeverityError
	case "context":
		sev = checker.SeverityInfo
	}
	var caveats []string
	if !e.Verified {
		sev = checker.SeverityInfo
		caveats = append(caveats, "the change is not confirmed by the sources")
	} else if !e.date.known() && sev > checker.SeverityInfo {
		sev = checker.SeverityInfo
		caveats = append(caveats, "the date is not confirmed")
	}
	if len(e.States) > 0 {
		switch {
		case len(docStates) > 0 && inScope == 0:
			return checker.Finding{}, false // the old name is current in the page's states
		case inScope < len(docStates) || len(docStates) == 0:
			sev = checker.SeverityInfo
			caveats = append(caveats, "only in "+strings.Join(e.States, ", ")+"; name the page's state or set the states option")
		}
	}
	text := m.String()
	msg := insurerMessage(text, e)
	if len(caveats) > 0 {
		msg += " (" + strings.Join(caveats, "; ") + ")"
	}
	f := checker.Finding{Span: m.Source(), Severity: sev, Message: msg, Key: strings.ToLower(text)}
	switch {
	case sev == checker.SeverityError:
		f.Suggestion = "remove it from the plans you accept, or say it is for existing claims only"
	case sev == checker.SeverityWarning && e.NewName != "":
		f.Suggestion = "write " + strconv.Quote(displayName(e)) + ", or " + strconv.Quote(displayName(e)+" (formerly "+text+")")
	default:
		f.Suggestion = strings.Join(strings.Fields(e.Note), " ")
	}
	if sev == checker.SeverityWarning && e.FixName != "" {
		newText := checker.MatchCase(text, e.FixName)
		if p.String("fix-style") == "formerly" {
			newText += " (formerly " + text + ")"
		}
		if edit, ok := replacementEdit(p.Doc, m, newText); ok {
			f.Fixes = []checker.Fix{{Description: checker.ReplaceDescription(text, newText), Edits: []checker.Edit{edit}}}
		}
	}
	return f, true
}

// displayName is the new name without a parenthetical remark.
func displayName(e *insurerEntry) string {
	if e.FixName != "" {
		return e.FixName
	}
	if i := strings.Index(e.NewName, " ("); i > 0 {
		return e.NewName[:i]
	}
	return e.NewName
}

// sentenceWithout returns the lowercase sentence of m with the matched
// name blanked out, so that a successor whose name is part of the old one
// ("Health Net" in "Health Net, Inc.") is not found in the match itself.
func sentenceWithout(m checker.Match) string {
	start, end := 0, len(m.Block.Lower)
	if m.Sentence >= 0 && m.Sentence < len(m.Block.Sentences) {
		start, end = m.Block.Sentences[m.Sentence].Start, m.Block.Sentences[m.Sentence].End
	}
	return m.Block.Lower[start:m.Text.Start] + strings.Repeat(" ", m.Text.End-m.Text.Start) + m.Block.Lower[m.Text.End:end]
}

// givesNewName reports whether a sentence already names the successor.
func givesNewName(lowerSentence string, e *insurerEntry) bool {
	names := append([]string{displayName(e)}, e.AlsoKnown...)
	for _, n := range names {
		if n != "" && containsWord(lowerSentence, strings.ToLower(n)) {
			return true
		}
	}
	return false
}

// insurerMessage says what happened to the payer, and when.
func insurerMessage(text string, e *insurerEntry) string {
	when := e.date.phrase()
	at := func(s string) string {
		if when == "" {
			return s
		}
		return s + " " + when
	}
	now := displayName(e)
	q := strconv.Quote(text)
	switch e.Kind {
	case "exited_market":
		return at(q+" left the market") + "; do not list it as a plan you accept"
	case "program_replaced":
		return at(q+" was replaced by "+now) + "; use the current name"
	case "merger":
		return at(q+" merged") + "; it is now " + now
	case "acquired":
		return at(q+" was acquired") + "; it is now " + now
	case "brand_retired":
		return at(q+" was rebranded") + "; it is now " + now
	case "contractor_change":
		return at(q+" stopped being the contractor") + "; it is now " + now
	case "divested":
		return at(q+" was sold") + "; it is now " + now
	}
	if e.Lint == "context" {
		return at(q+" was renamed") + "; it is now " + now
	}
	return at(q+" became "+now) + "; use the current name"
}

// payerContext knows which sentences and lists of a document are about
// insurance, for names that are flagged only there. Nothing is worked out
// until a name asks, and a list only when a name in it asks: most pages
// have no ambiguous name, and looking for insurance words in every list
// item of every page cost more than the rest of the rule.
type payerContext struct {
	doc     *checker.Document
	matches []checker.Match
	payers  map[*checker.Block][]checker.Span // unambiguous payer names per block; nil until asked
	run     map[*checker.Block]bool           // list or table run about insurance, once judged
}

func newPayerContext(doc *checker.Document, matches []checker.Match) *payerContext {
	return &payerContext{doc: doc, matches: matches}
}

// payerNames returns the unambiguous payer names of the document by block.
func (c *payerContext) payerNames() map[*checker.Block][]checker.Span {
	if c.payers != nil {
		return c.payers
	}
	c.payers = map[*checker.Block][]checker.Span{}
	for _, m := range c.matches {
		n, ok := m.Phrase.Data.(*insurerName)
		if !ok || n.state != "" && len(n.entries) == 0 && !n.brand {
			continue
		}
		unambiguous := n.brand
		for _, e := range n.entries {
			unambiguous = unambiguous || !n.ambiguous[e]
		}
		if unambiguous && startsCapitalised(m.String()) {
			c.payers[m.Block] = append(c.payers[m.Block], m.Text)
		}
	}
	return c.payers
}

// inPayerRun reports whether b belongs to a run of list items or table
// cells about insurance: one of them, its table header or the paragraph
// or heading just before the run is.
func (c *payerContext) inPayerRun(b *checker.Block) bool {
	if !b.InList && !b.InTable {
		return false
	}
	if about, ok := c.run[b]; ok {
		return about
	}
	blocks := c.doc.Blocks
	k := slices.Index(blocks, b)
	if k < 0 {
		return false
	}
	i, j := k, k
	for i > 0 && (blocks[i-1].InList || blocks[i-1].InTable) {
		i--
	}
	about := i > 0 && c.blockAbout(blocks[i-1])
	for j < len(blocks) && (blocks[j].InList || blocks[j].InTable) {
		about = about || c.blockAbout(blocks[j]) || insuranceRe.MatchString(strings.ToLower(blocks[j].Header))
		j++
	}
	if c.run == nil {
		c.run = map[*checker.Block]bool{}
	}
	for _, x := range blocks[i:j] {
		c.run[x] = about
	}
	return about
}

func (c *payerContext) blockAbout(b *checker.Block) bool {
	return insuranceRe.MatchString(b.Lower) || len(c.payerNames()[b]) > 0
}

// payer reports whether a match stands in a payer context: its sentence
// is about insurance or names another payer, or its list or table is.
func (c *payerContext) payer(m checker.Match) bool {
	if insuranceRe.MatchString(sentenceLower(m)) {
		return true
	}
	sp := checker.Span{End: len(m.Block.Text)}
	if m.Sentence >= 0 && m.Sentence < len(m.Block.Sentences) {
		sp = m.Block.Sentences[m.Sentence]
	}
	for _, s := range c.payerNames()[m.Block] {
		if s != m.Text && s.Start >= sp.Start && s.End <= sp.End {
			return true
		}
	}
	return c.inPayerRun(m.Block)
}

// documentStates returns the states a page is about: the states option,
// else the front matter's state or states, else the states its prose names.
func documentStates(p *checker.Pass, matches []checker.Match) []string {
	var out []string
	add := func(s string) {
		if c := stateCode(s); c != "" && !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	for _, s := range p.Strings("states") {
		add(s)
	}
	if len(out) > 0 {
		return out
	}
	if f := p.Doc.FrontMatter.Field("state", "states"); f != nil {
		add(f.Value)
		for _, v := range f.Values {
			add(v)
		}
		if len(out) > 0 {
			return out
		}
	}
	for _, m := range matches {
		if n, ok := m.Phrase.Data.(*insurerName); ok && n.state != "" && startsCapitalised(m.String()) {
			add(n.state)
		}
	}
	return out
}

// explainInsurers lists the entries in force on asOf, then those not yet
// in force and those without a confirmed date.
func explainInsurers(d *insurerData, asOf time.Time) string {
	var inForce, later, undated []string
	for _, e := range d.Entries {
		if e.Disabled {
			continue
		}
		sev := map[string]string{"stale": "warning", "exited": "error", "context": "info"}[e.Lint]
		if !e.Verified || !e.date.known() {
			sev = "info"
		}
		to := e.NewName
		if to == "" {
			to = "(no successor)"
		}
		line := fmt.Sprintf("  %s -> %s [%s, %s", strings.Join(e.OldNames, " / "), to, strings.ReplaceAll(e.Kind, "_", " "), sev)
		if e.date.known() {
			line += ", " + e.Effective
		}
		if len(e.States) > 0 {
			line += ", states " + strings.Join(e.States, " ")
		}
		if !e.Verified {
			line += ", unverified"
		}
		line += "]"
		switch {
		case !e.date.known():
			undated = append(undated, line)
		case e.date.inForce(asOf):
			inForce = append(inForce, line)
		default:
			later = append(later, line)
		}
	}
	var b strings.Builder
	date := asOf.Format(time.DateOnly)
	fmt.Fprintf(&b, "Entries in force on %s (%d):\n%s\n", date, len(inForce), strings.Join(inForce, "\n"))
	if len(later) > 0 {
		fmt.Fprintf(&b, "\nNot yet in force on %s (%d):\n%s\n", date, len(later), strings.Join(later, "\n"))
	}
	if len(undated) > 0 {
		fmt.Fprintf(&b, "\nWithout a confirmed date, reported as info at most (%d):\n%s\n", len(undated), strings.Join(undated, "\n"))
	}
	fmt.Fprintf(&b, "\nCurrent brands, never flagged: %s\n", strings.Join(d.CurrentBrands, ", "))
	return b.String()
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(strings.Join(strings.Fields(x), " "), strings.Join(strings.Fields(s), " ")) {
			return true
		}
	}
	return false
}
