package checker

import (
	"strings"
	"unicode/utf8"
)

// abbreviations end with a period that does not end a sentence. Stored
// lowercase without the final period.
var abbreviations = map[string]bool{
	"dr": true, "mr": true, "mrs": true, "ms": true, "prof": true, "st": true, "jr": true, "sr": true,
	"e.g": true, "i.e": true, "u.s": true, "u.k": true, "vs": true, "mg": true,
	"etc": true, "approx": true, "al": true, "fig": true, "inc": true, "ltd": true, "co": true,
	"corp": true, "dept": true, "est": true, "min": true, "max": true, "ml": true, "mcg": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true, "ph.d": true, "m.d": true,
	"a.m": true, "p.m": true, "cf": true, "vol": true, "pp": true, "ca": true, "u.s.a": true,
}

// splitSentences splits prose into sentence spans. A sentence ends at '.',
// '!' or '?' (with any closing quotes or brackets) followed by a space and
// not preceded by a known abbreviation, a single initial, or inside a
// decimal number.
func splitSentences(text string) []Span {
	return appendSentences(nil, text)
}

// appendSentences appends the sentence spans of text to dst, so that one
// array can hold the sentences of every block of a document.
func appendSentences(dst []Span, text string) []Span {
	n := len(dst)
	dst = splitAtPunctuation(dst, text)
	return append(dst[:n], capSentences(text, dst[n:])...)
}

// MaxSentence bounds a sentence's length in bytes. Prose without full
// stops (a pasted 10 MB line, a long list run together) is cut at a space
// before this length, so that every rule's per-sentence work stays
// bounded and a pathological file costs linear time.
const MaxSentence = 2000

func capSentences(text string, spans []Span) []Span {
	long := false
	for _, s := range spans {
		long = long || s.End-s.Start > MaxSentence
	}
	if !long {
		return spans
	}
	out := make([]Span, 0, len(spans))
	for _, s := range spans {
		for s.End-s.Start > MaxSentence {
			cut := s.Start + MaxSentence
			for cut > s.Start+MaxSentence/2 && text[cut] != ' ' {
				cut--
			}
			out = append(out, Span{s.Start, cut})
			s.Start = cut
			for s.Start < s.End && text[s.Start] == ' ' {
				s.Start++
			}
		}
		if s.End > s.Start {
			out = append(out, s)
		}
	}
	return out
}

// splitAtPunctuation appends the sentences of text to out.
func splitAtPunctuation(out []Span, text string) []Span {
	first := len(out)
	start := 0
	n := len(text)
	stops := punctuation{at: [3]int{-1, -1, -1}}
	for i := stops.next(text, 0); i < n; i = stops.next(text, i+1) {
		c := text[i]
		end := i + 1
		for end < n && (text[end] == '.' || text[end] == '!' || text[end] == '?') {
			end++
		}
		for end < n && strings.IndexByte("\"')]*_", text[end]) >= 0 {
			end++
		}
		if end < n && text[end] != ' ' {
			i = end - 1
			continue // "3.5", "e.g.", "U.S." mid-token
		}
		if c == '.' && end-i == 1 && isAbbreviation(text[start:i]) {
			continue
		}
		if c == '.' && end+1 < n && text[end+1] >= '0' && text[end+1] <= '9' && endsInNo(text[start:i]) {
			continue // "No. 1"
		}
		if end < n {
			// The next sentence should start like one: a capital, digit,
			// quote or bracket. "e.g. the" continues.
			j := end + 1
			if j < n {
				nc := text[j]
				if nc >= 'a' && nc <= 'z' {
					i = end - 1
					continue
				}
			}
		}
		out = append(out, trimSpan(text, Span{start, end}))
		start = end
		i = end - 1
	}
	if s := trimSpan(text, Span{start, n}); s.End > s.Start {
		out = append(out, s)
	}
	if len(out) == first {
		out = append(out, Span{0, n})
	}
	return out
}

// isAbbreviation reports whether the word before a period is a known
// abbreviation or a single-letter initial.
func isAbbreviation(before string) bool {
	k := len(before)
	j := k
	for j > 0 && before[j-1] != ' ' && before[j-1] != '(' {
		j--
	}
	word := before[j:k]
	if isASCII(word) {
		// Lowercasing ASCII keeps the length, so a word longer than
		// every abbreviation is none, and a short one is lowercased on
		// the stack.
		if len(word) > maxAbbreviation {
			return false
		}
		var buf [maxAbbreviation]byte
		for i := 0; i < len(word); i++ {
			buf[i] = lowerASCII[word[i]]
		}
		return isAbbreviationWord(string(buf[:len(word)]))
	}
	return isAbbreviationWord(strings.ToLower(word))
}

// isAbbreviationWord reports whether a lowercased word is a known
// abbreviation or a single-letter initial.
func isAbbreviationWord(word string) bool {
	if word == "" {
		return false
	}
	if len(word) == 1 && word[0] >= 'a' && word[0] <= 'z' {
		return true // an initial: "J. Smith"
	}
	return abbreviations[word]
}

// maxAbbreviation is the length of the longest abbreviation.
const maxAbbreviation = 6

// endsInNo reports whether s, lowercased, ends in "no". When its last two
// bytes are ASCII they are the last two characters whatever precedes
// them, so only they need lowercasing.
func endsInNo(s string) bool {
	if n := len(s); n >= 2 && s[n-2] < utf8.RuneSelf && s[n-1] < utf8.RuneSelf {
		return lowerASCII[s[n-2]] == 'n' && lowerASCII[s[n-1]] == 'o'
	}
	return strings.HasSuffix(strings.ToLower(s), "no")
}

// punctuation finds the sentence-ending marks of a text with one fast
// byte search per mark kind, remembering where each kind next occurs, so
// that the bytes between marks are not looked at one by one.
type punctuation struct {
	at [3]int // next offset of '.', '!' and '?'; -1 before the first search
}

// next returns the offset of the first mark at or after i, or len(text).
func (p *punctuation) next(text string, i int) int {
	first := len(text)
	for k, c := range [3]byte{'.', '!', '?'} {
		if p.at[k] < i {
			p.at[k] = len(text)
			if j := strings.IndexByte(text[min(i, len(text)):], c); j >= 0 {
				p.at[k] = i + j
			}
		}
		first = min(first, p.at[k])
	}
	return first
}

func trimSpan(text string, s Span) Span {
	for s.Start < s.End && text[s.Start] == ' ' {
		s.Start++
	}
	for s.End > s.Start && text[s.End-1] == ' ' {
		s.End--
	}
	return s
}
