package rules

import (
	"fmt"
	"strings"
	"testing"
)

var fixtureDay = day("2026-11-26")

func TestResourceAsOf(t *testing.T) {
	src := "Call the National Suicide Prevention Lifeline at 1-800-273-8255. Diagnosis uses DSM-IV.\n"
	const id = "references/stale-resource"
	if got := flaggedText(src, checkAsOf(t, id, day("2012-01-01"), "", nil, src)); len(got) != 0 {
		t.Errorf("as of 2012-01-01: %q", got)
	}
	if got := flaggedText(src, checkAsOf(t, id, day("2022-07-15"), "", nil, src)); fmt.Sprint(got) != "[DSM-IV]" {
		t.Errorf("as of 2022-07-15: %q", got)
	}
	if got := flaggedText(src, checkAsOf(t, id, day("2022-07-16"), "", nil, src)); len(got) != 3 {
		t.Errorf("as of 2022-07-16: %q", got)
	}
}

func TestResourceUserData(t *testing.T) {
	user := `entries:
  - id: dsm-iv
    disabled: true
  - id: old-helpline
    names: ["Acme Helpline"]
    current: the Acme Support Line
    fix: Acme Support Line
    effective: "2024-01-01"
    message: "{match} closed on 2024-01-01"
    source: [https://example.org/acme]
`
	src := "Call the Acme Helpline. Diagnosis uses DSM-IV.\n"
	fs := checkAsOf(t, "references/stale-resource", fixtureDay, "data: {resources: r.yaml}\n", map[string]string{"r.yaml": user}, src)
	if got := flaggedText(src, fs); fmt.Sprint(got) != "[Acme Helpline]" || fs[0].Fixes[0].Edits[0].NewText != "Acme Support Line" {
		t.Fatalf("%q %+v", got, fs)
	}
}

func TestStigmatizingOptionsAndData(t *testing.T) {
	const id = "language/stigmatizing"
	src := "Many addicts and diabetics attend. He committed suicide.\n"
	fs := checkAsOf(t, id, fixtureDay, "rules:\n  language/stigmatizing:\n    options:\n      ignore: [diabetics, addict]\n", nil, src)
	if got := flaggedText(src, fs); fmt.Sprint(got) != "[committed suicide]" {
		t.Errorf("ignore option: %q", got)
	}
	user := `terms:
  - id: house-rehab
    phrases: [{text: rehab facility, replace: treatment centre}]
    prefer: '"treatment centre"'
    why: house style
    source: https://example.org/style
`
	src = "Our rehab facility helps addicts.\n"
	fs = checkAsOf(t, id, fixtureDay, "data: {language: l.yaml}\n", map[string]string{"l.yaml": user}, src)
	if got := flaggedText(src, fs); fmt.Sprint(got) != "[rehab facility addicts]" {
		t.Fatalf("user data: %q", got)
	}
	if fs[0].Fixes[0].Edits[0].NewText != "treatment centre" {
		t.Errorf("fix %+v", fs[0].Fixes)
	}
}

func TestSpellingOptionsAndData(t *testing.T) {
	const id = "language/spelling"
	src := "Teh naltrexon dose and the colour of the label.\n"
	fs := checkAsOf(t, id, fixtureDay, "", nil, src)
	if got := flaggedText(src, fs); fmt.Sprint(got) != "[Teh naltrexon]" {
		t.Errorf("default: %q", got)
	}
	fs = checkAsOf(t, id, fixtureDay, "rules:\n  language/spelling:\n    options:\n      dictionary: [Naltrexon]\n      locale: US\n", nil, src)
	if got := flaggedText(src, fs); fmt.Sprint(got) != "[Teh colour]" {
		t.Errorf("dictionary and locale: %q", got)
	}
	fs = checkAsOf(t, id, fixtureDay, "data: {spelling: s.yaml}\n", map[string]string{"s.yaml": "words:\n  naltrexon: \"\"\n  dose: dosage\n"}, src)
	if got := flaggedText(src, fs); fmt.Sprint(got) != "[Teh dose]" {
		t.Errorf("user data: %q", got)
	}
	for _, f := range fs {
		if strings.HasPrefix(f.Message, `"Teh"`) && f.Fixes[0].Edits[0].NewText != "The" {
			t.Errorf("case not kept: %+v", f.Fixes)
		}
	}
}

// TestSpellingWordList checks that the medical addendum never "corrects"
// a word into one misspell itself flags.
func TestSpellingWordList(t *testing.T) {
	builtin := builtinSpelling()
	for w, e := range builtin.words {
		if e.origin != "medical" {
			continue
		}
		if other, ok := builtin.words[strings.ToLower(e.right)]; ok && other.origin != "US" && other.origin != "UK" {
			t.Errorf("%q -> %q, which is itself corrected to %q", w, e.right, other.right)
		}
	}
}

// A spelling set's order lists each of its words once, built in or
// merged with a user's file that adds, overrides and removes words.
func TestSpellingOrder(t *testing.T) {
	check := func(name string, s *spellingSet) {
		t.Helper()
		seen := map[string]bool{}
		for _, k := range s.order {
			if _, ok := s.words[k]; !ok || seen[k] {
				t.Fatalf("%s: order lists %q, which is not a word or is listed twice", name, k)
			}
			seen[k] = true
		}
		if len(seen) != len(s.words) {
			t.Fatalf("%s: order lists %d of %d words", name, len(seen), len(s.words))
		}
	}
	base := builtinSpelling()
	check("built-in", base)
	var removed string
	for _, k := range base.order[:1] {
		removed = k
	}
	user := []byte("words:\n  Fentynal: fentanyl\n  Zzyzxx: zyzzyx\n  zzyzxx: zyzzyx\n  " + removed + ": \"\"\n")
	merged, err := mergeSpelling(base, user)
	if err != nil {
		t.Fatal(err)
	}
	check("merged", merged)
	if _, ok := merged.words[removed]; ok {
		t.Errorf("%q was not removed", removed)
	}
	if merged.order[len(merged.order)-1] != "zzyzxx" {
		t.Errorf("a new word is not listed last: %q", merged.order[len(merged.order)-3:])
	}
	if p := spellingPhrases(merged); len(p) != len(merged.words) {
		t.Errorf("%d phrases for %d words", len(p), len(merged.words))
	}
}
