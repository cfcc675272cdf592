package rules

import (
	"fmt"
	"strings"

	"github.com/healthlint/healthlint/checker"
)

// DisclosureMedicalReview asks health pages for a named, credentialed
// reviewer.
var DisclosureMedicalReview = &checker.Rule{
	ID:       "disclosure/medical-review",
	Title:    "a health page names no credentialed medical reviewer",
	Severity: checker.SeverityWarning,
	Literals: literalsOf(reviewedByRe),
	Sources:  []checker.Source{srcHONcode, srcRaterGuide},
	Options: []checker.Option{
		{Name: "keys", Kind: checker.OptStrings, Default: disclosureData.ReviewerKeys,
			Doc: "front matter keys that name the reviewer"},
		{Name: "credentials", Kind: checker.OptStrings, Default: disclosureData.Credentials,
			Doc: "credentials that make a reviewer credentialed; setting it replaces the list"},
	},
	Doc: `Health content should say who checked it and why they are qualified
(HONcode's authority principle; the E-E-A-T of Google's rater guidelines for
"your money or your life" pages). The rule looks for a reviewer in the front
matter (reviewed_by, medically_reviewed_by or reviewer; see the keys option)
or in a byline such as "Medically reviewed by NAME, CREDENTIAL" or
"Clinically reviewed by NAME, CREDENTIAL", and the reviewer must hold a
recognised credential (MD, DO, PhD, PsyD, PharmD, NP, PMHNP, RN, LCSW, LPC,
LMFT, LCADC, CADC, MPH, FASAM...; see the credentials option). An author's
byline ("By Jordan Miles, LCSW") is not a review, and "Dr." is a title, not
a credential.

Bad:

    By Staff Writer · Last updated: March 2021

    reviewed_by: "Clinical Team"

Good:

    Medically reviewed by Maria Gomez, PharmD · Last reviewed: 2026-05-04

    reviewed_by: "Samuel Okafor, MD, FASAM"`,
	Run: func(p *checker.Pass) {
		if !isHealthPage(p) {
			return
		}
		creds := p.Strings("credentials")
		var uncredentialed *reviewerMention
		for _, r := range findReviewers(p.Doc, p.Strings("keys")) {
			if hasCredential(r.name, creds) {
				return
			}
			if uncredentialed == nil {
				r := r
				uncredentialed = &r
			}
		}
		if uncredentialed != nil {
			p.Report(checker.Finding{
				Span:       uncredentialed.span,
				Message:    fmt.Sprintf("reviewer %q has no recognised credential; name a credentialed clinician who reviewed the page", uncredentialed.name),
				Suggestion: `write the reviewer's name and credential, e.g. "Medically reviewed by Jane Doe, MD"`,
				Key:        "reviewer " + strings.ToLower(uncredentialed.name),
			})
			return
		}
		p.DocumentFinding(`health page names no medical reviewer; add "Medically reviewed by NAME, CREDENTIAL"`,
			`add a byline such as "Medically reviewed by Jane Doe, MD · Last reviewed: YYYY-MM-DD", or reviewed_by in the front matter`)
	},
}

// reviewerMention is a reviewer named in front matter or a byline.
type reviewerMention struct {
	name string
	span checker.Span // source span
}

var (
	reviewedByRe = mustGated(`(?i)\b(?:(?:medically|clinically|medical|clinical|expert|peer|professionally)\s+)?reviewed\s+by\s*:?\s*|\breviewer\s*:\s*`)
	// reviewerEndRe ends a reviewer's name: the next byline part.
	reviewerEndRe = mustGated(`(?i)\s+(?:last\s+(?:medically\s+)?(?:reviewed|updated|revised)|updated|reviewed|published|written|posted|on\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d)\b|[·|•;—–]|\s-\s`)
	nameAbbrev    = map[string]bool{"dr": true, "jr": true, "sr": true, "mr": true, "ms": true, "mrs": true, "prof": true, "st": true}
)

// findReviewers returns the reviewers named in the front matter keys and
// in bylines ("Medically reviewed by NAME, CREDENTIAL").
func findReviewers(doc *checker.Document, keys []string) []reviewerMention {
	var out []reviewerMention
	if doc.FrontMatter != nil {
		for _, k := range keys {
			f := doc.FrontMatter.Field(k)
			if f == nil {
				continue
			}
			span := checker.Span{Start: f.ValueStart, End: f.ValueEnd}
			if f.Value != "" {
				out = append(out, reviewerMention{name: f.Value, span: span})
			}
			for _, v := range f.Values {
				out = append(out, reviewerMention{name: v, span: span})
			}
		}
	}
	for _, b := range doc.Blocks {
		if b.Kind == checker.KindFootnote || b.Kind == checker.KindHeading {
			continue
		}
		for _, loc := range reviewedByRe.FindAllStringIndexIn(b, b.Text, -1) {
			if !segmentStart(b.Text, loc[0]) {
				continue
			}
			start := loc[1]
			end := len(b.Text)
			if m := reviewerEndRe.FindStringIndex(b.Text[start:]); m != nil {
				end = start + m[0]
			}
			end = sentenceEndIn(b.Text, start, end)
			name := strings.TrimRight(b.Text[start:end], " ,.*_")
			if name == "" {
				continue
			}
			out = append(out, reviewerMention{name: name, span: b.SourceSpan(checker.Span{Start: start, End: start + len(name)})})
		}
	}
	return out
}

// segmentStart reports whether offset i starts a byline part: the start of
// the block or of a sentence, or just after a separator such as "·".
func segmentStart(text string, i int) bool {
	pre := strings.TrimRight(text[:i], " *_")
	if pre == "" {
		return true
	}
	last := pre[len(pre)-1]
	if strings.ContainsRune(".!?|;:", rune(last)) {
		return true
	}
	for _, sep := range []string{"·", "•", "—", "–"} {
		if strings.HasSuffix(pre, sep) {
			return true
		}
	}
	// A byline run on from the previous line: "Reviewed by X, PharmD Last
	// reviewed: ..." is handled by the end pattern; a credential or name
	// directly before also starts a part.
	return false
}

// sentenceEndIn cuts [start, end) at the first sentence end: a period
// followed by a space or the end, not after an abbreviation or initial.
func sentenceEndIn(text string, start, end int) int {
	for i := start; i < end; i++ {
		if text[i] != '.' {
			continue
		}
		if i+1 < len(text) && text[i+1] != ' ' {
			continue
		}
		w := i
		for w > start && isWordByte(text[w-1]) {
			w--
		}
		word := strings.ToLower(text[w:i])
		if len(word) <= 1 || nameAbbrev[word] {
			continue
		}
		return i
	}
	return end
}

// hasCredential reports whether a reviewer's name carries one of creds
// ("Nora Feld, MD, FASAM", "Maria Gomez PharmD", "Tom Reyes (LCADC)").
// Credentials are matched as written or in capitals, periods ignored.
func hasCredential(name string, creds []string) bool {
	tokens := strings.FieldsFunc(name, func(r rune) bool {
		return r == ',' || r == ' ' || r == '/' || r == '(' || r == ')' || r == ';' || r == '&'
	})
	for i, t := range tokens {
		if i == 0 && len(tokens) > 1 {
			continue // the first word is the name
		}
		t = strings.ReplaceAll(t, ".", "")
		for _, c := range creds {
			c = strings.ReplaceAll(c, ".", "")
			if t == c || t == strings.ToUpper(c) {
				return true
			}
		}
	}
	return false
}
