package report

import (
	"strconv"
	"unicode/utf8"

	"github.com/healthlint/healthlint/checker"
)

// The JSON report writes about 200,000 findings on a large run; encoding
// them through encoding/json's reflection cost more than everything else
// after the rules. The functions below append exactly the bytes
// json.Encoder (with SetEscapeHTML(false)) produces for the report's types,
// field order, omitempty and nil slices included. TestJSONEncoderMatches
// compares them with encoding/json on generated findings.

const hexDigits = "0123456789abcdef"

// appendJSONString appends s as a JSON string the way encoding/json does
// without HTML escaping: '"', '\\' and control characters are escaped,
// invalid UTF-8 becomes \ufffd, and U+2028 and U+2029 are escaped because
// JSONP readers treat them as line ends.
func appendJSONString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		// Messages, paths and rule names are mostly plain ASCII: eight
		// bytes that need no escape are passed over at once.
		if len(s)-i >= 8 {
			w := s[i : i+8]
			if plainJSON8(uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
				uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56) {
				i += 8
				continue
			}
		}
		b := s[i]
		if b < utf8.RuneSelf {
			if b >= 0x20 && b != '"' && b != '\\' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[b>>4], hexDigits[b&0xF])
			}
			i++
			start = i
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		if c == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i++
			start = i
			continue
		}
		if c == '\u2028' || c == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[c&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// Byte-wise constants for plainJSON8.
const (
	ones8  = 0x0101010101010101
	highs8 = 0x8080808080808080
)

// plainJSON8 reports whether the eight bytes in x are ASCII that a JSON
// string holds as they are: none below 0x20, no '"' and no '\\'.
func plainJSON8(x uint64) bool {
	// With every byte below 0x80, no sum below carries into the next
	// byte: a byte's high bit in x+0x60 says it is at least 0x20, and in
	// (x^c)+0x7f that it is not c.
	return x&highs8 == 0 &&
		(x+0x60*ones8)&((x^'"'*ones8)+0x7f*ones8)&((x^'\\'*ones8)+0x7f*ones8)&highs8 == highs8
}

// appendDiagnostic appends d as encoding/json marshals checker.Diagnostic.
func appendDiagnostic(dst []byte, d *checker.Diagnostic) []byte {
	dst = append(dst, `{"path":`...)
	dst = appendJSONString(dst, d.Path)
	dst = append(dst, `,"line":`...)
	dst = strconv.AppendInt(dst, int64(d.Line), 10)
	dst = append(dst, `,"column":`...)
	dst = strconv.AppendInt(dst, int64(d.Column), 10)
	dst = append(dst, `,"endLine":`...)
	dst = strconv.AppendInt(dst, int64(d.EndLine), 10)
	dst = append(dst, `,"endColumn":`...)
	dst = strconv.AppendInt(dst, int64(d.EndColumn), 10)
	dst = append(dst, `,"rule":`...)
	dst = appendJSONString(dst, d.Rule)
	dst = append(dst, `,"severity":`...)
	dst = appendJSONString(dst, d.Severity)
	dst = append(dst, `,"message":`...)
	dst = appendJSONString(dst, d.Message)
	if d.Suggestion != "" {
		dst = append(dst, `,"suggestion":`...)
		dst = appendJSONString(dst, d.Suggestion)
	}
	dst = append(dst, `,"fixes":`...)
	if d.Fixes == nil {
		dst = append(dst, "null"...)
	} else {
		dst = append(dst, '[')
		for i := range d.Fixes {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendFix(dst, &d.Fixes[i])
		}
		dst = append(dst, ']')
	}
	dst = append(dst, `,"fingerprint":`...)
	dst = appendJSONString(dst, d.Fingerprint)
	return append(dst, '}')
}

func appendFix(dst []byte, f *checker.FixOut) []byte {
	dst = append(dst, `{"description":`...)
	dst = appendJSONString(dst, f.Description)
	dst = append(dst, `,"edits":`...)
	if f.Edits == nil {
		dst = append(dst, "null"...)
	} else {
		dst = append(dst, '[')
		for i := range f.Edits {
			if i > 0 {
				dst = append(dst, ',')
			}
			e := &f.Edits[i]
			dst = append(dst, `{"line":`...)
			dst = strconv.AppendInt(dst, int64(e.Line), 10)
			dst = append(dst, `,"column":`...)
			dst = strconv.AppendInt(dst, int64(e.Column), 10)
			dst = append(dst, `,"endLine":`...)
			dst = strconv.AppendInt(dst, int64(e.EndLine), 10)
			dst = append(dst, `,"endColumn":`...)
			dst = strconv.AppendInt(dst, int64(e.EndColumn), 10)
			dst = append(dst, `,"newText":`...)
			dst = appendJSONString(dst, e.NewText)
			dst = append(dst, `,"start":`...)
			dst = strconv.AppendInt(dst, int64(e.Start), 10)
			dst = append(dst, `,"end":`...)
			dst = strconv.AppendInt(dst, int64(e.End), 10)
			dst = append(dst, '}')
		}
		dst = append(dst, ']')
	}
	return append(dst, '}')
}
