package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"strings"
	"time"

	"github.com/healthlint/healthlint/checker"
)

// JSON writes one JSON object:
//
//	{"tool":"healthlint","version":"...","asOf":"YYYY-MM-DD","files":N,
//	 "findings":[...],"documents":[{"path":...,"topics":[...]}],
//	 "summary":{"error":0,"warning":1,"info":0}}
//
// Findings stream out as files finish; field names never change.
type JSON struct {
	w         *bufio.Writer
	meta      Meta
	started   bool
	first     bool
	documents []jsonDocument
	// topicSets holds one copy of each distinct topic list: a run over
	// 100,000 pages keeps one document entry per page until the end,
	// and most pages share one of a few topic lists.
	topicSets map[string][]string
	buf       bytes.Buffer
	// line is reused for every finding so encoding one allocates nothing.
	line []byte
	err  error
}

type jsonDocument struct {
	Path   string   `json:"path"`
	Topics []string `json:"topics"`
}

var _ Reporter = (*JSON)(nil)

// NewJSON returns the JSON reporter.
func NewJSON(w io.Writer, meta Meta) Reporter {
	return &JSON{w: bufio.NewWriterSize(w, documentBuffer), meta: meta, first: true, documents: []jsonDocument{}, topicSets: map[string][]string{}}
}

func (j *JSON) write(v any) {
	if j.err != nil {
		return
	}
	// Messages quote Markdown and HTML; keep "<" and "&" readable.
	j.buf.Reset()
	enc := json.NewEncoder(&j.buf)
	enc.SetEscapeHTML(false)
	if j.err = enc.Encode(v); j.err != nil {
		return
	}
	_, j.err = j.w.Write(bytes.TrimSuffix(j.buf.Bytes(), []byte("\n")))
}

func (j *JSON) raw(s string) {
	if j.err == nil {
		_, j.err = j.w.WriteString(s)
	}
}

func (j *JSON) header() {
	if j.started {
		return
	}
	j.started = true
	j.raw(`{"tool":`)
	j.write(j.meta.Tool)
	j.raw(`,"version":`)
	j.write(j.meta.Version)
	j.raw(`,"asOf":`)
	j.write(j.meta.AsOf.Format(time.DateOnly))
	j.raw(`,"findings":[`)
}

// File implements Reporter.
func (j *JSON) File(r *checker.FileResult) error {
	j.header()
	for i := range r.Diagnostics {
		if j.first {
			j.raw("\n")
			j.first = false
		} else {
			j.raw(",\n")
		}
		if j.err == nil {
			j.line = appendDiagnostic(j.line[:0], &r.Diagnostics[i])
			_, j.err = j.w.Write(j.line)
		}
	}
	if !r.Skipped {
		key := strings.Join(r.Topics, "\x00")
		topics, ok := j.topicSets[key]
		if !ok {
			topics = append([]string{}, r.Topics...)
			j.topicSets[key] = topics
		}
		j.documents = append(j.documents, jsonDocument{Path: r.Input.Display, Topics: topics})
	}
	return j.err
}

// Finish implements Reporter.
func (j *JSON) Finish(s *Summary) error {
	j.header()
	if !j.first {
		j.raw("\n")
	}
	j.raw(`],"files":`)
	j.write(s.Files)
	j.raw(`,"documents":`)
	j.write(j.documents)
	j.raw(`,"summary":`)
	j.write(struct {
		Error   int `json:"error"`
		Warning int `json:"warning"`
		Info    int `json:"info"`
	}{s.Counts["error"], s.Counts["warning"], s.Counts["info"]})
	j.raw("}\n")
	if j.err != nil {
		return j.err
	}
	return j.w.Flush()
}
