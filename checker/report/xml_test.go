package report

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"
)

// wellFormed decodes every token of an XML document.
func wellFormed(t *testing.T, name string, data []byte) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(data))
	for {
		_, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			t.Fatalf("%s is not well-formed XML: %v\n%s", name, err, data)
		}
	}
}

func TestJUnitXML(t *testing.T) {
	f, _ := Lookup("junit")
	out := render(t, f)
	wellFormed(t, "junit", out)
	var doc struct {
		Suites []struct {
			Name     string `xml:"name,attr"`
			Failures int    `xml:"failures,attr"`
			Cases    []struct {
				Name    string `xml:"name,attr"`
				Failure *struct {
					Message string `xml:"message,attr"`
					Type    string `xml:"type,attr"`
					Body    string `xml:",chardata"`
				} `xml:"failure"`
				Skipped *struct{} `xml:"skipped"`
				Error   *struct {
					Message string `xml:"message,attr"`
				} `xml:"error"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Suites) != 5 {
		t.Fatalf("%d suites, want one per file (5)", len(doc.Suites))
	}
	if c := doc.Suites[4].Cases; len(c) != 1 || c[0].Failure != nil || c[0].Error == nil || !strings.Contains(c[0].Error.Message, "front matter") {
		t.Errorf("the file with an error: %+v", c)
	}
	s := doc.Suites[2]
	if s.Name != `docs/ré:sumé, 100% "new".md` || s.Failures != 5 || len(s.Cases) != 5 {
		t.Errorf("suite %q: %d failures, %d cases", s.Name, s.Failures, len(s.Cases))
	}
	if got := s.Cases[1].Failure.Message; got != `"cures" is a cure claim; say "helps" & cite a <source>` {
		t.Errorf("failure message round trip: %q", got)
	}
	if doc.Suites[0].Cases[0].Skipped == nil {
		t.Error("the skipped file has no skipped testcase")
	}
	if doc.Suites[1].Cases[0].Failure != nil {
		t.Error("the clean file has a failure")
	}
	// The control characters XML 1.0 forbids are gone; CR LF survives.
	msg := doc.Suites[3].Cases[0].Failure.Message
	if strings.ContainsAny(msg, "\x01\x0b") || !strings.Contains(msg, "\r\n") {
		t.Errorf("message not cleaned: %q", msg)
	}
}

func TestCheckstyleXML(t *testing.T) {
	f, _ := Lookup("checkstyle")
	out := render(t, f)
	wellFormed(t, "checkstyle", out)
	var doc struct {
		Files []struct {
			Name   string `xml:"name,attr"`
			Errors []struct {
				Line     int    `xml:"line,attr"`
				Column   int    `xml:"column,attr"`
				Severity string `xml:"severity,attr"`
				Message  string `xml:"message,attr"`
				Source   string `xml:"source,attr"`
			} `xml:"error"`
		} `xml:"file"`
	}
	if err := xml.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Files) != 5 || len(doc.Files[2].Errors) != 5 {
		t.Fatalf("files: %+v", doc.Files)
	}
	e := doc.Files[2].Errors[3]
	if e.Line != 4 || e.Column != 11 || e.Severity != "warning" || e.Source != "references/stale-insurer" {
		t.Errorf("error: %+v", e)
	}
	if !strings.Contains(doc.Files[2].Errors[4].Message, "here:\nsee, 50%") {
		t.Errorf("newline in attribute lost: %q", doc.Files[2].Errors[4].Message)
	}
}

// TestXMLEscapeAnything feeds every byte value and some invalid UTF-8
// through the escaper and checks the result always parses.
func TestXMLEscapeAnything(t *testing.T) {
	var all []byte
	for i := 0; i < 256; i++ {
		all = append(all, byte(i))
	}
	all = append(all, "\uFFFE\uFFFF\U0001F600<&>\"'"...)
	for _, attr := range []bool{false, true} {
		var doc string
		if attr {
			doc = `<a v="` + xmlEscape(string(all), true) + `"/>`
		} else {
			doc = "<a>" + xmlEscape(string(all), false) + "</a>"
		}
		wellFormed(t, "escaped", []byte(doc))
	}
}
