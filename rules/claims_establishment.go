package rules

import (
	"strings"

	"github.com/healthlint/healthlint/checker"
)

var establishmentData = loadClaimData("establishment")

// ClaimsEstablishment flags claims about the level of scientific support
// that give no source.
var ClaimsEstablishment = &checker.Rule{
	ID:       "claims/establishment",
	Title:    "claim of scientific proof or support with no citation",
	Severity: checker.SeverityWarning,
	Literals: citationLiterals,
	Sources:  []checker.Source{srcFTCHealth, src45d},
	Phrases:  establishmentData.Phrases,
	Doc: `"Clinically proven", "scientifically proven", "studies show", "research
proves", "doctor recommended" and "science-backed" claim a level of
support. The FTC's Health Products Compliance Guidance says such an
"establishment claim" needs exactly that level of evidence, so it needs a
source the reader can check. "Evidence-based" with neither a named
modality nor a citation says nothing a reader can verify.

A citation in the sentence or the next one clears the finding: a link, a
footnote, a numeric or author-year reference, or a named authority
("according to SAMHSA"). "Evidence-based" is also cleared by a named
treatment in the sentence, the next sentence, the list the sentence
introduces, or the section a heading opens (CBT, contingency management,
medications for opioid use disorder...). A hedge does not clear it:
"research shows that exercise may reduce cravings" still claims research.
Negations ("no supplement has been clinically proven to...") are not
flagged.

Bad:

    Every treatment we offer is clinically proven.
    Our evidence-based therapies help you build a new life.

Good:

    We offer evidence-based care, including cognitive behavioral therapy and
    medications for opioid use disorder.
    Studies show that contingency management reduces stimulant use (Brown & DeFulio, 2020).`,
	Run: func(p *checker.Pass) {
		r := newSentenceReporter()
		for _, m := range p.Matches {
			c := newClaimSite(m)
			if claimMention(p.Doc, c) || SentenceCited(p.Doc, m.Block, m.Sentence) {
				continue
			}
			if c.Kind() == "evidence" && modalityNamed(p.Doc, c) {
				continue
			}
			reportClaim(p, r, m)
		}
	},
}

// modalityNamed reports whether "evidence-based" is made concrete by a
// named treatment: in the sentence or the next, in the list a sentence
// ending with a colon introduces, or in the section a heading opens.
func modalityNamed(doc *checker.Document, c claimSite) bool {
	modalities := claimContext.list("modalities")
	b := c.b
	end := c.sentence.End
	if c.m.Sentence+1 < len(b.Sentences) {
		end = b.Sentences[c.m.Sentence+1].End
	}
	if modalities.In(b.Lower[c.sentence.Start:end]) {
		return true
	}
	introducesList := strings.HasSuffix(strings.TrimSpace(b.Text[c.sentence.Start:c.sentence.End]), ":")
	if b.Kind != checker.KindHeading && !introducesList {
		return false
	}
	after := false
	for _, x := range doc.Blocks {
		if x == b {
			after = true
			continue
		}
		if !after {
			continue
		}
		if x.Kind == checker.KindHeading || introducesList && !x.InList {
			return false
		}
		if modalities.In(x.Lower) {
			return true
		}
	}
	return false
}
