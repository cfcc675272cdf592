// Package benchcorpus generates realistic health-content Markdown for
// benchmarks: front matter, headings, long paragraphs, lists, tables,
// quotes, footnotes, links, code blocks, claims, insurer lists and clean
// prose. The same seed always gives the same documents.
package benchcorpus

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

var (
	substances = []string{"ketamine", "alcohol", "fentanyl", "methamphetamine", "cocaine", "benzodiazepines", "opioids", "cannabis", "kratom", "nicotine"}
	treatments = []string{"cognitive behavioral therapy", "contingency management", "buprenorphine", "methadone", "naltrexone", "group therapy", "family therapy", "medically supervised detox", "outpatient counselling", "peer support"}
	cities     = []string{"Tampa", "Austin", "Denver", "Phoenix", "Columbus", "Portland", "Nashville", "Sacramento", "Raleigh", "Boise"}
	insurers   = []string{"Aetna", "Cigna", "Beacon Health Options", "UnitedHealthcare", "Anthem Blue Cross and Blue Shield", "ValueOptions", "Magellan Healthcare", "TRICARE Standard", "Humana", "Carelon Behavioral Health", "Friday Health Plans", "Optum"}
	clean      = []string{
		"Recovery looks different for every person, and a good plan changes as needs change.",
		"Withdrawal symptoms can include anxiety, sweating, trouble sleeping and strong cravings.",
		"Talk with a clinician before you stop any prescribed medicine, because stopping suddenly can be risky.",
		"Family members often need support too, and many programs offer sessions for them.",
		"Relapse is common in chronic illnesses, and it is a signal to adjust treatment rather than a failure.",
		"Our admissions team can explain what to expect on the first day and answer questions about privacy.",
		"Sleep, nutrition and regular activity support the work done in counselling sessions.",
		"People who use drugs deserve care that treats them with dignity and respect.",
		"A full assessment looks at physical health, mental health, housing and work.",
		"Peer recovery specialists share their own experience and help people navigate services.",
	}
	claims = []string{
		"We cure %s addiction for good with our breakthrough program.",
		"Our evidence-based therapies are clinically proven, and 94%% of our clients stay sober.",
		"%s use causes severe brain damage and rewires the reward system.",
		"Our painless detox has no side effects and no withdrawal.",
		"IV ketamine infusions treat depression and PTSD in a single session.",
		"Only 2 beds left, so call now before it's too late!",
		"Most insurance covers 100%% of rehab, and we'll pay for your flight.",
		"We are the #1 rated %s rehab in the state.",
		"Feel like yourself again overnight.",
		"Many addicts are suffering from substance abuse for years before they ask for help.",
	}
)

// Document returns the i-th document of the corpus for seed.
func Document(seed uint64, i int) []byte {
	r := rand.New(rand.NewPCG(seed, uint64(i)))
	pick := func(list []string) string { return list[r.IntN(len(list))] }
	var b strings.Builder
	sub := pick(substances)
	city := pick(cities)
	fmt.Fprintf(&b, "---\ntitle: \"%s Addiction Treatment in %s\"\nauthor: Staff Writer %d\n", title(sub), city, i)
	if r.IntN(2) == 0 {
		fmt.Fprintf(&b, "reviewed_by: Dr. Alex Rivera, MD\nlast_reviewed: 2026-%02d-%02d\n", 1+r.IntN(11), 1+r.IntN(28))
	} else {
		fmt.Fprintf(&b, "date: 20%d-%02d-10\n", 20+r.IntN(6), 1+r.IntN(12))
	}
	b.WriteString("tags: [addiction, treatment]\n---\n\n")
	fmt.Fprintf(&b, "# %s Addiction Treatment in %s\n\n", title(sub), city)
	sections := 3 + r.IntN(4)
	for s := 0; s < sections; s++ {
		fmt.Fprintf(&b, "## %s\n\n", pick([]string{"What to expect", "How treatment works", "Signs of " + sub + " use", "Getting help", "Our approach", "Paying for care", "Frequently asked questions"}))
		paras := 1 + r.IntN(3)
		for p := 0; p < paras; p++ {
			sentences := 4 + r.IntN(6)
			for k := 0; k < sentences; k++ {
				if r.IntN(6) == 0 {
					c := pick(claims)
					c = strings.ReplaceAll(strings.ReplaceAll(c, "%s", title(sub)), "%%", "%")
					b.WriteString(c)
				} else {
					b.WriteString(pick(clean))
				}
				if k%3 == 2 {
					b.WriteString("\n") // soft line break
				} else {
					b.WriteString(" ")
				}
			}
			if r.IntN(3) == 0 {
				fmt.Fprintf(&b, "Read more from [NIDA](https://nida.nih.gov/research-topics/%s).[^%d]", sub, p+1)
			}
			b.WriteString("\n\n")
		}
		switch r.IntN(5) {
		case 0:
			for k := 0; k < 3+r.IntN(4); k++ {
				fmt.Fprintf(&b, "- %s\n", pick(clean))
			}
			b.WriteString("\n")
		case 1:
			b.WriteString("| Insurer | Network status |\n|---|---|\n")
			for k := 0; k < 3+r.IntN(5); k++ {
				fmt.Fprintf(&b, "| %s | %s |\n", pick(insurers), pick([]string{"in network", "out of network", "call to verify"}))
			}
			b.WriteString("\n")
		case 2:
			fmt.Fprintf(&b, "> \"%s\" — J.%c., alumnus\n\n", pick(clean), 'A'+rune(r.IntN(26)))
		case 3:
			b.WriteString("```text\nIntake hours: 8am-8pm\nWe cure nothing in code blocks.\n```\n\n")
		case 4:
			fmt.Fprintf(&b, "We accept %s, %s and %s. Coverage varies by plan, so we verify your benefits first.\n\n", pick(insurers), pick(insurers), pick(insurers))
		}
	}
	b.WriteString("If you are in immediate danger, call 911. Call or text 988 for the 988 Suicide & Crisis Lifeline.\n")
	b.WriteString("The SAMHSA National Helpline is 1-800-662-4357.\n\n")
	b.WriteString("This article is for informational purposes only and is not a substitute for professional medical advice.\n\n")
	for p := 1; p <= 3; p++ {
		fmt.Fprintf(&b, "[^%d]: National Institute on Drug Abuse, %s research report, 2024.\n", p, sub)
	}
	return []byte(b.String())
}

func title(s string) string { return strings.ToUpper(s[:1]) + s[1:] }

// Write writes n documents into dir, spread over subdirectories of 100.
func Write(dir string, n int, seed uint64) ([]string, error) {
	paths := make([]string, 0, n)
	for i := 0; i < n; i++ {
		sub := filepath.Join(dir, fmt.Sprintf("section-%04d", i/100))
		if i%100 == 0 {
			if err := os.MkdirAll(sub, 0o755); err != nil {
				return nil, err
			}
		}
		p := filepath.Join(sub, fmt.Sprintf("page-%06d.md", i))
		if err := os.WriteFile(p, Document(seed, i), 0o644); err != nil {
			return nil, err
		}
		paths = append(paths, p)
	}
	return paths, nil
}
