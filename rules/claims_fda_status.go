package rules

import (
	_ "embed"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/healthlint/healthlint/checker"
	"go.yaml.in/yaml/v3"
)

//go:embed data/claims/fda-status.yaml
var fdaStatusYAML []byte

// fdaSource is where an FDA status entry comes from.
type fdaSource struct {
	Title string `yaml:"title"`
	URL   string `yaml:"url"`
}

// fdaApproval is one approved use of a product, from a date.
type fdaApproval struct {
	Use    string    `yaml:"use"`
	Date   string    `yaml:"date"`
	Source fdaSource `yaml:"source"`
	Note   string    `yaml:"note"`
	since  time.Time
}

// fdaProduct is a drug, device or product class with its approved uses.
type fdaProduct struct {
	Name          string        `yaml:"name"`
	Aliases       []string      `yaml:"aliases"`
	Approved      []fdaApproval `yaml:"approved"`
	Forms         []string      `yaml:"forms"`
	WatchOffLabel bool          `yaml:"watch-off-label"`
	ClearedOnly   bool          `yaml:"cleared-only"`
	Note          string        `yaml:"note"`
	Source        fdaSource     `yaml:"source"`
}

// approves reports whether the product is approved for use on asOf.
func (p *fdaProduct) approves(use string, asOf time.Time) bool {
	for _, a := range p.Approved {
		if a.Use == use && !a.since.After(asOf) {
			return true
		}
	}
	return false
}

func (p *fdaProduct) approvedOn(asOf time.Time) bool {
	for _, a := range p.Approved {
		if !a.since.After(asOf) {
			return true
		}
	}
	return false
}

type fdaCondition struct {
	Name        string   `yaml:"name"`
	Terms       []string `yaml:"terms"`
	Psychiatric bool     `yaml:"psychiatric"`
}

type fdaNoMedication struct {
	Condition string    `yaml:"condition"`
	Date      string    `yaml:"date"`
	Source    fdaSource `yaml:"source"`
}

// fdaDataset is rules/data/claims/fda-status.yaml.
type fdaDataset struct {
	Conditions   map[string]fdaCondition `yaml:"conditions"`
	NoMedication []fdaNoMedication       `yaml:"no-approved-medication"`
	Products     []*fdaProduct           `yaml:"products"`
	noMed        map[string]fdaNoMedication
}

var fdaData = loadFDAData()

func loadFDAData() *fdaDataset {
	d := &fdaDataset{}
	if err := yaml.Unmarshal(fdaStatusYAML, d); err != nil {
		panic(fmt.Sprintf("rules/data/claims/fda-status.yaml: %v", err))
	}
	d.noMed = map[string]fdaNoMedication{}
	for _, n := range d.NoMedication {
		if _, ok := d.Conditions[n.Condition]; !ok {
			panic(fmt.Sprintf("rules/data/claims/fda-status.yaml: no-approved-medication names unknown condition %q", n.Condition))
		}
		d.noMed[n.Condition] = n
	}
	for k, c := range d.Conditions {
		if c.Name == "" || len(c.Terms) == 0 {
			panic(fmt.Sprintf("rules/data/claims/fda-status.yaml: condition %s needs a name and terms", k))
		}
	}
	for _, p := range d.Products {
		if p.Source.URL == "" || p.Note == "" {
			panic(fmt.Sprintf("rules/data/claims/fda-status.yaml: %s needs a note and a source", p.Name))
		}
		for i := range p.Approved {
			a := &p.Approved[i]
			if _, ok := d.Conditions[a.Use]; !ok {
				panic(fmt.Sprintf("rules/data/claims/fda-status.yaml: %s approved for unknown condition %q", p.Name, a.Use))
			}
			t, err := parseDatasetDate(a.Date)
			if err != nil || a.Source.URL == "" {
				panic(fmt.Sprintf("rules/data/claims/fda-status.yaml: %s/%s needs a date (YYYY, YYYY-MM or YYYY-MM-DD) and a source", p.Name, a.Use))
			}
			a.since = t
		}
	}
	return d
}

// parseDatasetDate reads "YYYY", "YYYY-MM" or "YYYY-MM-DD".
func parseDatasetDate(s string) (time.Time, error) {
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("bad date %q", s)
}

// fdaKind says what an fda-status phrase stands for.
type fdaKind int

const (
	fdaApprovalPhrase   fdaKind = iota // "FDA-approved", "approved by the FDA"
	fdaApprovalGeneric                 // "approved for": an approval claim only about a named product
	fdaRegisteredPhrase                // "FDA registered", "FDA-cleared"
	fdaPresentation                    // "the same standard as", "which means"
	fdaProductName                     // "ketamine", "Spravato"
	fdaConditionTerm                   // "depression"
	fdaMisuse                          // "ketamine addiction": the substance misused, not the treatment
	fdaPlace                           // "clinic", "facility": never FDA-approved
	fdaServiceNoun                     // "therapy", "treatment": not approved unless a product is named
	fdaOffLabel                        // "off-label"
	fdaEstablished                     // "clinically proven", "standard of care", "breakthrough"
	fdaEffectVerb                      // "treats", "relieves"
	fdaDrugNoun                        // "medication", "drug": the approval is about a drug
)

type fdaTerm struct {
	kind      fdaKind
	product   *fdaProduct
	condition string
}

var (
	fdaApprovalWords = []string{
		"fda-approved", "fda approved", "fda approval", "approved by the fda", "approved by fda",
		"approved by the food and drug administration", "fda has approved", "the fda approved",
		"fda-approval",
	}
	fdaGenericApprovalWords = []string{"approved for", "approved to", "approved as", "is approved", "are approved"}
	fdaRegisteredWords      = []string{
		"fda registered", "fda-registered", "fda registration", "registered with the fda",
		"fda cleared", "fda-cleared", "fda clearance", "cleared by the fda",
	}
	fdaPresentationWords = []string{
		"same standard as", "same standards as", "which means", "meaning the fda", "equivalent to fda approval",
		"same as fda approval", "as good as fda approval",
	}
	fdaPlaceWords = []string{
		"facility", "facilities", "clinic", "clinics", "center", "centers", "centre", "centres", "rehab",
		"program", "programs", "practice", "provider", "providers", "lab", "laboratory", "staff", "team",
		"doctors", "treatment center", "treatment centers", "detox center", "pharmacy",
	}
	fdaServiceWords = []string{"therapy", "therapies", "treatment", "treatments", "protocol", "protocols", "detox", "method"}
	fdaDrugWords    = []string{"medication", "medications", "medicine", "medicines", "drug", "drugs", "prescription", "prescriptions", "pill", "pills", "medication-assisted"}
	// fdaCopula may stand between a place and "FDA-approved" in "our
	// clinic is fully FDA-approved".
	fdaCopula           = map[string]bool{"is": true, "are": true, "was": true, "were": true, "has": true, "have": true, "been": true, "be": true, "fully": true, "now": true, "also": true, "officially": true, "100": true}
	fdaOffLabelWords    = []string{"off-label", "off label", "offlabel", "not fda-approved", "not approved by the fda"}
	fdaEstablishedWords = []string{
		"clinically proven", "proven", "scientifically proven", "standard of care", "gold standard",
		"first-line", "breakthrough", "effective", "works for", "works against", "cure for", "cures",
		"miracle", "best treatment", "go-to treatment", "proven treatment", "highly effective",
		"evidence-based treatment for", "is now widely used for", "widely used for", "recommended for",
	}
	fdaMisuseSuffixes = []string{
		"addiction", "misuse", "abuse", "use disorder", "dependence", "detox", "withdrawal", "use",
		"overdose", "users",
	}
)

// fdaPhrases builds the phrases of claims/fda-status from the dataset.
func fdaPhrases() []*checker.Phrase {
	var out []*checker.Phrase
	seen := map[string]bool{}
	add := func(text string, t *fdaTerm) {
		text = strings.ToLower(text)
		if seen[text] {
			return
		}
		seen[text] = true
		out = append(out, &checker.Phrase{Text: text, Data: t})
	}
	// Word lists whose phrases differ only in kind; order sets which kind
	// a phrase listed twice keeps.
	for _, list := range []struct {
		words []string
		kind  fdaKind
	}{
		{fdaApprovalWords, fdaApprovalPhrase},
		{fdaGenericApprovalWords, fdaApprovalGeneric},
		{fdaRegisteredWords, fdaRegisteredPhrase},
		{fdaPresentationWords, fdaPresentation},
		{fdaOffLabelWords, fdaOffLabel},
	} {
		for _, w := range list.words {
			add(w, &fdaTerm{kind: list.kind})
		}
	}
	for _, p := range fdaData.Products {
		for _, a := range p.Aliases {
			if p.WatchOffLabel {
				for _, s := range fdaMisuseSuffixes {
					add(a+" "+s, &fdaTerm{kind: fdaMisuse})
				}
			}
		}
	}
	for _, p := range fdaData.Products {
		for _, a := range p.Aliases {
			add(a, &fdaTerm{kind: fdaProductName, product: p})
		}
	}
	keys := make([]string, 0, len(fdaData.Conditions))
	for k := range fdaData.Conditions {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		for _, t := range fdaData.Conditions[k].Terms {
			add(t, &fdaTerm{kind: fdaConditionTerm, condition: k})
		}
	}
	for _, list := range []struct {
		words []string
		kind  fdaKind
	}{
		{fdaPlaceWords, fdaPlace},
		{fdaServiceWords, fdaServiceNoun},
		{fdaDrugWords, fdaDrugNoun},
		{fdaEstablishedWords, fdaEstablished},
		{lexicon.verbForms, fdaEffectVerb},
	} {
		for _, w := range list.words {
			add(w, &fdaTerm{kind: list.kind})
		}
	}
	return out
}

// fdaKeywords: no approval claim without "approv", "fda", "cleared" or
// "registered"; no off-label claim without a watched product.
func fdaKeywords() []string {
	kw := []string{"fda", "approved", "approval", "food and drug administration"}
	for _, p := range fdaData.Products {
		if p.WatchOffLabel {
			kw = append(kw, p.Aliases...)
		}
	}
	return kw
}

// ClaimsFDAStatus flags claims of FDA approval that the approval does not
// support, and off-label uses presented as established.
var ClaimsFDAStatus = &checker.Rule{
	ID:       "claims/fda-status",
	Title:    "a use, product or place is claimed to be FDA-approved when it is not",
	Severity: checker.SeverityError,
	Literals: hedgeLiterals,
	Sources: []checker.Source{
		{Title: "FDA: FDA warns patients about compounded ketamine products, including oral formulations, for treatment of psychiatric disorders (2023-10-10)", URL: "https://www.fda.gov/drugs/human-drug-compounding/fda-warns-patients-about-compounded-ketamine-products-including-oral-formulations-treatment-psychiatric-disorders"},
		{Title: "FDA: FDA approves new nasal spray medication for treatment-resistant depression (esketamine, 2019-03-05)", URL: "https://www.fda.gov/news-events/press-announcements/fda-approves-new-nasal-spray-medication-treatment-resistant-depression-available-only-certified"},
		{Title: "21 CFR 807.97: 510(k) clearance does not denote official FDA approval", URL: "https://www.ecfr.gov/current/title-21/chapter-I/subchapter-H/part-807/subpart-E/section-807.97"},
		{Title: "SAMHSA: Substance use treatment options (medications for opioid and alcohol use disorders)", URL: "https://www.samhsa.gov/substance-use/treatment/options"},
		{Title: "FTC: Health Products Compliance Guidance (2022)", URL: "https://www.ftc.gov/business-guidance/resources/health-products-compliance-guidance"},
	},
	Doc: `The FDA approves drugs and devices for specific uses. It does not approve
clinics, programs or therapies, it does not approve dietary supplements,
and registering a facility or clearing a device through 510(k) "does not
in any way denote official approval" (21 CFR 807.97). Ketamine is
approved as an anesthetic, not for any psychiatric disorder; esketamine
(Spravato) is approved for treatment-resistant depression (2019-03-05;
as monotherapy since January 2025) and for depressive symptoms with acute
suicidal ideation. No medication is approved for stimulant or cannabis use
disorder.

The rule reads rules/data/claims/fda-status.yaml, a dated table of
approval statuses with a source for each entry, and flags:

- "FDA-approved" or "approved by the FDA" for a use the product is not
  approved for, or for a product with no approval at all (supplements,
  kratom, CBD oil);
- "FDA-approved clinic/facility/program/therapy";
- "FDA registered" or "FDA cleared" presented as approval;
- an off-label use of ketamine or esketamine (depression, PTSD, anxiety,
  addiction...) presented as established, with an effect verb or words
  such as "clinically proven" or "standard of care", when neither the
  sentence nor the next one says the use is off-label. These findings are
  warnings.

Negations ("is not FDA-approved for depression"), questions, quotations
and sentences that say "off-label" are not flagged. Approvals are read as
of the run's date, so an approval counts only from its date.

Bad:

    Our FDA-approved IV ketamine treats depression.
    Visit our FDA-approved ketamine clinic.
    FDA registered, the same standard as prescription drugs.
    Buprenorphine is FDA-approved for methamphetamine addiction.

Good:

    Ketamine is FDA-approved as an anesthetic; our infusions for depression are an off-label use.
    Spravato (esketamine) is FDA-approved for treatment-resistant depression.
    Made in an FDA-registered facility. Registration does not mean the FDA has approved this product.`,
	Keywords: fdaKeywords(),
	Phrases:  fdaPhrases(),
	Run:      runFDAStatus,
	Explain:  explainFDAStatus,
}

// fdaSentence is the fda-status view of one sentence.
type fdaSentence struct {
	b        *checker.Block
	s        int
	ms       []checker.Match
	offLabel bool // the sentence or the next one says "off-label"
}

func (fs *fdaSentence) of(k fdaKind) []checker.Match {
	var out []checker.Match
	for _, m := range fs.ms {
		if m.Phrase.Data.(*fdaTerm).kind == k {
			out = append(out, m)
		}
	}
	return out
}

func runFDAStatus(p *checker.Pass) {
	groups := groupBySentence(p.Doc.Blocks, p.Matches)
	offLabel := map[*checker.Block]map[int]bool{}
	for _, g := range groups {
		for _, m := range g.matches {
			if m.Phrase.Data.(*fdaTerm).kind == fdaOffLabel {
				if offLabel[g.block] == nil {
					offLabel[g.block] = map[int]bool{}
				}
				offLabel[g.block][g.sentence] = true
			}
		}
	}
	for _, g := range groups {
		b, s := g.block, g.sentence
		if IsQuestion(b, s) {
			continue
		}
		fs := &fdaSentence{b: b, s: s, ms: g.matches, offLabel: offLabel[b][s] || offLabel[b][s+1]}
		if f, ok := fs.approvalFinding(p.AsOf); ok {
			p.Report(f)
			continue
		}
		if f, ok := fs.registrationFinding(groups); ok {
			p.Report(f)
			continue
		}
		if f, ok := fs.offLabelFinding(p.AsOf); ok {
			p.Report(f)
		}
	}
}

// skip reports whether a match is not a claim: quoted, in a proper name
// or negated in its clause.
func (fs *fdaSentence) skip(m checker.Match) bool {
	return InQuotation(fs.b, fs.s, m.Text) || InProperName(fs.b, m.Text) || NegatedInClause(fs.b, fs.s, m.Text.Start)
}

// claimedConditions returns the condition matches of the sentence that no
// negator separates from the approval at off ("approved as an anesthetic,
// not as a treatment for depression").
func (fs *fdaSentence) claimedConditions(off int) []checker.Match {
	var out []checker.Match
	for _, c := range fs.of(fdaConditionTerm) {
		if c.Text.Start > off && checker.Negated(fs.b, fs.s, c.Text.Start, wordsBetween(fs.b, off, c.Text.Start)) {
			continue
		}
		if InQuotation(fs.b, fs.s, c.Text) {
			continue
		}
		out = append(out, c)
	}
	return out
}

// approvalFinding judges the sentence's first affirmative approval claim.
func (fs *fdaSentence) approvalFinding(asOf time.Time) (checker.Finding, bool) {
	if fs.offLabel {
		return checker.Finding{}, false
	}
	for _, a := range fs.approvals() {
		if fs.skip(a) {
			continue
		}
		generic := a.Phrase.Data.(*fdaTerm).kind == fdaApprovalGeneric
		conds := fs.claimedConditions(a.Text.Start)
		products := fs.of(fdaProductName)
		// A product with no approval at all, or the wrong use.
		for _, pm := range products {
			prod := pm.Phrase.Data.(*fdaTerm).product
			switch {
			case prod.ClearedOnly:
				return fs.finding(a, pm, fmt.Sprintf("%s; say \"FDA-cleared\" and name the cleared use", prod.Note), checker.SeverityOff), true
			case !prod.approvedOn(asOf) && len(prod.Approved) > 0:
				return fs.finding(a, pm, fmt.Sprintf("as of %s, %s had no FDA approval; remove the approval claim", asOf.Format(time.DateOnly), prod.Name), checker.SeverityOff), true
			case !prod.approvedOn(asOf):
				return fs.finding(a, pm, fmt.Sprintf("%s; remove the approval claim", prod.Note), checker.SeverityOff), true
			}
			for _, c := range conds {
				use := c.Phrase.Data.(*fdaTerm).condition
				if !prod.approves(use, asOf) {
					extra := ""
					if n, ok := fdaData.noMed[use]; ok {
						extra = fmt.Sprintf(" (no medication is FDA-approved for %s)", fdaData.Conditions[n.Condition].Name)
					}
					return fs.finding(a, c, fmt.Sprintf("the FDA has not approved %s for %s%s: %s; state the approved use, or say this use is off-label", prod.Name, fdaData.Conditions[use].Name, extra, prod.Note), checker.SeverityOff), true
				}
			}
			if len(conds) == 0 {
				if form, ok := fs.unapprovedForm(prod); ok {
					return fs.finding(a, form, fmt.Sprintf("%q is not an FDA-approved product: %s; name the approved product and use, or say this use is off-label", pm.String()+" "+form.String(), prod.Note), checker.SeverityOff), true
				}
			}
		}
		if generic {
			continue
		}
		// No product named: uses no medication is approved for.
		if len(products) == 0 {
			for _, c := range conds {
				use := c.Phrase.Data.(*fdaTerm).condition
				if _, ok := fdaData.noMed[use]; ok {
					return fs.finding(a, c, fmt.Sprintf("no medication is FDA-approved for %s; remove the approval claim", fdaData.Conditions[use].Name), checker.SeverityOff), true
				}
			}
		}
		// Places are never approved; therapies only as named products.
		aboutDrug := len(products) > 0 || len(conds) > 0 || len(fs.of(fdaDrugNoun)) > 0
		if place, ok := fs.approvedPlace(a, aboutDrug); ok {
			return fs.finding(a, place, "the FDA approves drugs and devices, not clinics, facilities, programs or therapies; name the approved product and its approved use", checker.SeverityOff), true
		}
	}
	return checker.Finding{}, false
}

// approvals returns the sentence's approval claims, FDA-named or generic.
func (fs *fdaSentence) approvals() []checker.Match {
	var out []checker.Match
	for _, m := range fs.ms {
		if k := m.Phrase.Data.(*fdaTerm).kind; k == fdaApprovalPhrase || k == fdaApprovalGeneric {
			out = append(out, m)
		}
	}
	return out
}

// unapprovedForm finds a product form or setting that is never the
// approved product ("at-home ketamine troches", "CBD oil").
func (fs *fdaSentence) unapprovedForm(prod *fdaProduct) (checker.Match, bool) {
	if len(prod.Forms) == 0 {
		return checker.Match{}, false
	}
	forms := set(prod.Forms)
	sp := fs.b.Sentences[fs.s]
	for _, m := range fs.ms {
		k := m.Phrase.Data.(*fdaTerm)
		if k.kind == fdaProductName && k.product == prod {
			// Aliases that are forms themselves ("cbd oil").
			for _, w := range checker.Words(strings.ToLower(m.String())) {
				if forms[w] {
					return m, true
				}
			}
		}
	}
	// Any form word in the sentence, found by words to include those
	// that are not phrases of the rule ("troches", "telehealth").
	lower := fs.b.Lower[sp.Start:sp.End]
	for _, w := range checker.Words(lower) {
		if forms[w] {
			i := strings.Index(lower, w)
			for i >= 0 && !wordAt(lower, i, len(w)) {
				j := strings.Index(lower[i+1:], w)
				if j < 0 {
					i = -1
					break
				}
				i += 1 + j
			}
			if i >= 0 {
				start := sp.Start + i
				return checker.Match{Block: fs.b, Sentence: fs.s, Text: checker.Span{Start: start, End: start + len(w)}}, true
			}
		}
	}
	// Hyphenated forms ("at-home") are split by Words; look for them whole.
	for f := range forms {
		if strings.Contains(f, "-") {
			if i := strings.Index(lower, f); i >= 0 && wordAt(lower, i, len(f)) {
				start := sp.Start + i
				return checker.Match{Block: fs.b, Sentence: fs.s, Text: checker.Span{Start: start, End: start + len(f)}}, true
			}
		}
	}
	return checker.Match{}, false
}

// approvedPlace finds the place or service the approval is about:
// "FDA-approved (ketamine) clinic" (within two words after), or "our
// clinic is FDA-approved". Therapies and treatments count only when the
// sentence names no drug, product or condition ("FDA-approved treatment
// for opioid use disorder" is loose but not false).
func (fs *fdaSentence) approvedPlace(a checker.Match, aboutDrug bool) (checker.Match, bool) {
	for _, m := range fs.ms {
		k := m.Phrase.Data.(*fdaTerm).kind
		if k != fdaPlace && (k != fdaServiceNoun || aboutDrug) {
			continue
		}
		after := m.Text.Start >= a.Text.End && wordsBetween(fs.b, a.Text.End, m.Text.Start) <= 2 &&
			!clauseEndsBetween(fs.b, a.Text.End, m.Text.Start)
		if after || m.Text.End <= a.Text.Start && fs.predicative(m.Text.End, a.Text.Start) {
			return m, true
		}
	}
	return checker.Match{}, false
}

// predicative reports whether only a copula stands between a noun and the
// approval phrase: "our clinic is fully FDA-approved".
func (fs *fdaSentence) predicative(from, to int) bool {
	words := checker.Words(fs.b.Lower[from:to])
	if len(words) == 0 || len(words) > 3 || clauseEndsBetween(fs.b, from, to) {
		return false
	}
	for _, w := range words {
		if !fdaCopula[w] {
			return false
		}
	}
	return true
}

// registrationFinding flags "FDA registered/cleared" presented as approval
// in the same sentence or the next one of the block.
func (fs *fdaSentence) registrationFinding(groups []sentenceMatches) (checker.Finding, bool) {
	for _, r := range fs.of(fdaRegisteredPhrase) {
		if fs.skip(r) {
			continue
		}
		presented := false
		for _, m := range fs.ms {
			k := m.Phrase.Data.(*fdaTerm).kind
			if (k == fdaPresentation || k == fdaApprovalPhrase || k == fdaApprovalGeneric) && m.Text.Start > r.Text.Start && !fs.skip(m) {
				presented = true
			}
		}
		for _, g := range groups {
			if g.block != fs.b || g.sentence != fs.s+1 {
				continue
			}
			next := &fdaSentence{b: g.block, s: g.sentence, ms: g.matches}
			for _, m := range next.of(fdaApprovalPhrase) {
				if !next.skip(m) {
					presented = true
				}
			}
		}
		if presented {
			return fs.finding(r, r, fmt.Sprintf("%q is presented as FDA approval; registration and clearance do not denote approval (21 CFR 807.97); remove the approval claim", r.String()), checker.SeverityOff), true
		}
	}
	return checker.Finding{}, false
}

// offLabelFinding flags an unapproved psychiatric use of a watched product
// presented as established: an effect verb or an establishment phrase,
// unhedged, with no off-label statement.
func (fs *fdaSentence) offLabelFinding(asOf time.Time) (checker.Finding, bool) {
	if fs.offLabel {
		return checker.Finding{}, false
	}
	for _, pm := range fs.of(fdaProductName) {
		prod := pm.Phrase.Data.(*fdaTerm).product
		if !prod.WatchOffLabel || fs.skip(pm) {
			continue
		}
		var cond checker.Match
		found := false
		for _, c := range fs.of(fdaConditionTerm) {
			use := c.Phrase.Data.(*fdaTerm).condition
			if fdaData.Conditions[use].Psychiatric && !prod.approves(use, asOf) && !fs.skip(c) {
				cond, found = c, true
				break
			}
		}
		if !found || !fs.presentsEstablished() {
			continue
		}
		span := checker.Span{Start: min(pm.Text.Start, cond.Text.Start), End: max(pm.Text.End, cond.Text.End)}
		msg := fmt.Sprintf("%q presents an off-label use as established: %s; say that this use is off-label, summarise the evidence and list the risks",
			quoteText(fs.b, span), prod.Note)
		return checker.Finding{
			Span: fs.b.SourceSpan(span), Message: msg, Severity: checker.SeverityWarning,
			Suggestion: fmt.Sprintf("e.g. \"%s is not FDA-approved for %s; we offer it off-label\"", prod.Name, fdaData.Conditions[cond.Phrase.Data.(*fdaTerm).condition].Name),
			Key:        "off-label " + strings.ToLower(fs.b.Text[span.Start:span.End]),
		}, true
	}
	return checker.Finding{}, false
}

// presentsEstablished reports whether the sentence states the use as
// working: an unhedged, unnegated effect verb or establishment phrase.
func (fs *fdaSentence) presentsEstablished() bool {
	for _, m := range fs.ms {
		k := m.Phrase.Data.(*fdaTerm).kind
		if k != fdaEffectVerb && k != fdaEstablished {
			continue
		}
		if fs.skip(m) || HedgedAt(fs.b, fs.s, m.Text.Start) {
			continue
		}
		return true
	}
	return false
}

// finding builds an approval finding spanning from the approval phrase to
// the words it is about ("FDA-approved ... depression").
func (fs *fdaSentence) finding(a, about checker.Match, detail string, sev checker.Severity) checker.Finding {
	span := checker.Span{Start: min(a.Text.Start, about.Text.Start), End: max(a.Text.End, about.Text.End)}
	return checker.Finding{
		Span:       fs.b.SourceSpan(span),
		Message:    fmt.Sprintf("%q: %s", quoteText(fs.b, span), detail),
		Suggestion: "say what the FDA approved and for what, e.g. \"Spravato (esketamine) is FDA-approved for treatment-resistant depression\"; do not imply approval for other uses",
		Severity:   sev,
		Key:        strings.ToLower(fs.b.Text[span.Start:span.End]),
	}
}

// explainFDAStatus lists the approval statuses in force on asOf.
func explainFDAStatus(asOf time.Time) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "FDA approval status as of %s (rules/data/claims/fda-status.yaml):\n", asOf.Format(time.DateOnly))
	for _, p := range fdaData.Products {
		var uses []string
		for _, a := range p.Approved {
			if !a.since.After(asOf) {
				uses = append(uses, fmt.Sprintf("%s (since %s)", fdaData.Conditions[a.Use].Name, a.Date))
			}
		}
		status := "not FDA-approved for any use"
		switch {
		case p.ClearedOnly:
			status = "cleared, not approved"
		case len(uses) > 0:
			status = "approved for " + strings.Join(uses, "; ")
		}
		fmt.Fprintf(&sb, "  %-20s %s\n  %-20s source: %s\n", p.Name, status, "", p.Source.URL)
	}
	for _, n := range fdaData.NoMedication {
		fmt.Fprintf(&sb, "  no approved medication for %s (as of %s; %s)\n", fdaData.Conditions[n.Condition].Name, n.Date, n.Source.URL)
	}
	return sb.String()
}
