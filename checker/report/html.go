package report

import (
	"bufio"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"html"
	"io"
	"sort"
	"strings"

	"github.com/healthlint/healthlint/checker"
)

// HTML writes one self-contained page for editors: a summary across
// documents, then each document with findings, its text shown with the
// flagged passages highlighted in place and a side panel of findings
// (message, suggestion, fix, rule documentation and sources), with
// filters by severity and rule. Nothing is loaded from elsewhere, so the
// file works offline and can be mailed around.
//
// Every piece of document and finding text is HTML-escaped, and a
// Content-Security-Policy allows only the page's own script and style
// (by hash), so even a document full of <script> tags runs nothing.
//
// Documents stream out as files finish; only per-file counts are kept for
// the summary, which CSS shows first.
type HTML struct {
	w       *bufio.Writer
	meta    Meta
	rules   ruleSet
	started bool
	docs    []htmlDoc
	seen    map[string]string // rule ID → severity of its first finding
	order   []string          // rule IDs in the order first seen
	err     error
}

type htmlDoc struct {
	path    string
	anchor  string
	counts  [4]int // by checker.Severity
	skipped string
}

var _ Reporter = (*HTML)(nil)

// NewHTML returns the HTML reporter. It needs FileResult.Source.
func NewHTML(w io.Writer, meta Meta) Reporter {
	return &HTML{w: bufio.NewWriter(w), meta: meta, rules: newRuleSet(meta.Rules), seen: map[string]string{}}
}

const htmlStyle = `
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2330;background:#f6f7f9}
body>header{position:sticky;top:0;z-index:2;background:#1d2330;color:#fff;padding:.5rem 1rem;display:flex;flex-wrap:wrap;gap:1rem;align-items:center}
body>header h1{font-size:1.1rem;margin:0}
body>header a{color:#cfe0ff}
#filters{display:flex;gap:.75rem;align-items:center;flex-wrap:wrap}
main{display:flex;flex-direction:column;gap:1.5rem;padding:1rem;max-width:90rem;margin:0 auto}
#summary{order:-1}
section{background:#fff;border:1px solid #d8dce3;border-radius:6px;padding:1rem}
section h2{margin:.2rem 0 .8rem;font-size:1.1rem;word-break:break-all}
table{border-collapse:collapse;margin:.5rem 0 1rem}
th,td{border-bottom:1px solid #e3e6eb;padding:.25rem .6rem;text-align:left}
td.n{text-align:right;font-variant-numeric:tabular-nums}
.layout{display:grid;grid-template-columns:minmax(0,3fr) minmax(16rem,2fr);gap:1rem;align-items:start}
@media (max-width:60rem){.layout{grid-template-columns:1fr}}
.source{margin:0;white-space:pre-wrap;word-wrap:break-word;font:13px/1.6 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:#fbfbfc;border:1px solid #e3e6eb;padding:.5rem .75rem;counter-reset:none}
.ln{display:inline-block;width:3.5em;margin-left:-.25em;color:#8a93a3;user-select:none;text-align:right;padding-right:1em}
.ln::before{content:attr(data-n)}
mark.hl{cursor:pointer;border-radius:2px;color:inherit;padding:0 1px}
mark.sev-error{background:#ffd5d2;border-bottom:2px solid #d1242f}
mark.sev-warning{background:#fff0c2;border-bottom:2px solid #bf8700}
mark.sev-info{background:#dcecff;border-bottom:2px solid #0969da}
mark.hl.current{outline:2px solid #1d2330}
mark.hl.filtered{background:none;border-bottom:none;cursor:text}
.pin{cursor:pointer;color:#d1242f}
.pin::before{content:"\25C6"}
.pin.filtered{display:none}
.panel{position:sticky;top:3.5rem;max-height:calc(100vh - 5rem);overflow:auto;display:flex;flex-direction:column;gap:.5rem}
.finding{border:1px solid #d8dce3;border-left:4px solid #8a93a3;border-radius:4px;padding:.4rem .6rem;background:#fff;cursor:pointer}
.finding.sev-error{border-left-color:#d1242f}
.finding.sev-warning{border-left-color:#bf8700}
.finding.sev-info{border-left-color:#0969da}
.finding.active{box-shadow:0 0 0 2px #1d2330}
.finding.filtered{display:none}
.finding .where{font-size:.8rem;color:#57606a}
.finding p{margin:.25rem 0;white-space:pre-line}
.finding .ruledoc{display:none;border-top:1px solid #e3e6eb;margin-top:.4rem;padding-top:.4rem;font-size:.9rem}
.finding.active .ruledoc{display:block}
.rule-doc pre{white-space:pre-wrap;font:inherit;margin:.25rem 0}
.rule-doc h4,.rule-doc h5{margin:.3rem 0}
code{font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:#eef0f3;padding:0 .2em;border-radius:3px}
.badge{display:inline-block;padding:0 .4em;border-radius:3px;font-size:.8rem;font-weight:600}
.badge.sev-error{background:#d1242f;color:#fff}
.badge.sev-warning{background:#bf8700;color:#fff}
.badge.sev-info{background:#0969da;color:#fff}
`

const htmlScript = `
(function () {
  "use strict";
  var sevBoxes = Array.prototype.slice.call(document.querySelectorAll("input[data-sev-filter]"));
  var ruleSel = document.getElementById("rule-filter");
  var cards = Array.prototype.slice.call(document.querySelectorAll("article.finding"));
  var marks = Array.prototype.slice.call(document.querySelectorAll("[data-f]"));
  var counts = {};
  cards.forEach(function (c) { counts[c.dataset.rule] = (counts[c.dataset.rule] || 0) + 1; });
  Object.keys(counts).sort().forEach(function (r) {
    var o = document.createElement("option");
    o.value = r;
    o.textContent = r + " (" + counts[r] + ")";
    ruleSel.appendChild(o);
  });
  function shown(card) {
    if (!card) { return false; }
    var sevOn = sevBoxes.some(function (b) { return b.checked && b.dataset.sevFilter === card.dataset.sev; });
    return sevOn && (ruleSel.value === "" || ruleSel.value === card.dataset.rule);
  }
  function ids(el) { return el.dataset.f.split(" "); }
  function apply() {
    cards.forEach(function (c) { c.classList.toggle("filtered", !shown(c)); });
    marks.forEach(function (m) {
      var any = ids(m).some(function (id) { return shown(document.getElementById(id)); });
      m.classList.toggle("filtered", !any);
    });
  }
  function ruleDoc(rule) {
    var docs = document.querySelectorAll("#rule-docs .rule-doc");
    for (var i = 0; i < docs.length; i++) {
      if (docs[i].dataset.rule === rule) { return docs[i]; }
    }
    return null;
  }
  function select(id, scrollText) {
    var card = document.getElementById(id);
    if (!card) { return; }
    document.querySelectorAll(".finding.active").forEach(function (c) { c.classList.remove("active"); });
    document.querySelectorAll(".current").forEach(function (m) { m.classList.remove("current"); });
    card.classList.add("active");
    var box = card.querySelector(".ruledoc");
    if (box && box.childElementCount === 0) {
      var doc = ruleDoc(card.dataset.rule);
      if (doc) { box.appendChild(doc.cloneNode(true)); }
    }
    var first = null;
    marks.forEach(function (m) {
      if (ids(m).indexOf(id) >= 0) { m.classList.add("current"); if (!first) { first = m; } }
    });
    card.scrollIntoView({block: "nearest"});
    if (scrollText && first) { first.scrollIntoView({block: "center"}); }
  }
  function fromMark(m) {
    var list = ids(m).filter(function (id) { return shown(document.getElementById(id)); });
    if (list.length) { select(list[list.length - 1], false); }
  }
  document.addEventListener("click", function (e) {
    var m = e.target.closest("[data-f]");
    if (m) { fromMark(m); return; }
    var c = e.target.closest("article.finding");
    if (c && !e.target.closest("a")) { select(c.id, true); }
  });
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Enter" && e.key !== " ") { return; }
    var m = e.target.closest && e.target.closest("[data-f]");
    if (m) { e.preventDefault(); fromMark(m); }
  });
  sevBoxes.forEach(function (b) { b.addEventListener("change", apply); });
  ruleSel.addEventListener("change", apply);
  apply();
})();
`

func cspHash(s string) string {
	h := sha256.Sum256([]byte(s))
	return "'sha256-" + base64.StdEncoding.EncodeToString(h[:]) + "'"
}

func esc(s string) string { return html.EscapeString(strings.ToValidUTF8(s, "\uFFFD")) }

func (h *HTML) printf(format string, args ...any) {
	if h.err == nil {
		_, h.err = fmt.Fprintf(h.w, format, args...)
	}
}

func (h *HTML) raw(s string) {
	if h.err == nil {
		_, h.err = h.w.WriteString(s)
	}
}

func (h *HTML) header() {
	if h.started {
		return
	}
	h.started = true
	title := esc(h.meta.Tool) + " report"
	h.printf(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src %s; script-src %s; img-src data:; base-uri 'none'; form-action 'none'">
<title>%s</title>
<style>%s</style>
</head>
<body>
<header>
<h1>%s</h1>
<span>%s %s · as of %s</span>
<a href="#summary">summary</a>
<div id="filters" role="group" aria-label="filters">
<label><input type="checkbox" data-sev-filter="error" checked> errors</label>
<label><input type="checkbox" data-sev-filter="warning" checked> warnings</label>
<label><input type="checkbox" data-sev-filter="info" checked> info</label>
<label>rule <select id="rule-filter"><option value="">all rules</option></select></label>
</div>
</header>
<main>
`, cspHash(htmlStyle), cspHash(htmlScript), title, htmlStyle, title,
		esc(h.meta.Tool), esc(h.meta.Version), esc(h.meta.AsOf.Format("2006-01-02")))
}

// File implements Reporter.
func (h *HTML) File(r *checker.FileResult) error {
	h.header()
	doc := htmlDoc{path: r.Input.Display, anchor: fmt.Sprintf("doc-%d", len(h.docs)+1)}
	if r.Skipped {
		doc.skipped = "skipped"
		if len(r.Notices) > 0 {
			doc.skipped = r.Notices[0]
		}
	}
	for _, d := range r.Diagnostics {
		if d.Sev >= checker.SeverityInfo && d.Sev <= checker.SeverityError {
			doc.counts[d.Sev]++
		}
		if _, ok := h.seen[d.Rule]; !ok {
			h.seen[d.Rule] = d.Severity
			h.order = append(h.order, d.Rule)
		}
	}
	h.docs = append(h.docs, doc)
	if len(r.Diagnostics) == 0 {
		return h.err
	}
	prefix := fmt.Sprintf("f%d-", len(h.docs))
	h.printf("<section class=\"doc\" id=\"%s\" data-path=\"%s\">\n<h2>%s <small>%s</small></h2>\n<div class=\"layout\">\n<pre class=\"source\">",
		doc.anchor, esc(doc.path), esc(doc.path), esc(countLine(doc.counts)))
	h.source(r.Source, r.Diagnostics, prefix)
	h.raw("</pre>\n<aside class=\"panel\" aria-label=\"findings\">\n")
	for i := range r.Diagnostics {
		h.card(&r.Diagnostics[i], fmt.Sprintf("%s%d", prefix, i+1))
	}
	h.raw("</aside>\n</div>\n</section>\n")
	return h.err
}

func countLine(c [4]int) string {
	return plural(c[checker.SeverityError], "error") + ", " + plural(c[checker.SeverityWarning], "warning") +
		fmt.Sprintf(", %d info", c[checker.SeverityInfo])
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// source writes the document text with every finding's span marked. The
// text is cut at every span boundary and line start; each piece is
// wrapped in one <mark> listing the findings that cover it, so
// overlapping findings nest correctly. Empty spans get a pin.
func (h *HTML) source(src []byte, diags []checker.Diagnostic, prefix string) {
	type span struct{ start, end, i int }
	spans := make([]span, 0, len(diags))
	cuts := map[int]bool{0: true, len(src): true}
	for i, d := range diags {
		s, e := d.Start, d.End
		s = max(0, min(s, len(src)))
		e = max(s, min(e, len(src)))
		spans = append(spans, span{s, e, i})
		cuts[s], cuts[e] = true, true
	}
	for i, c := range src {
		if c == '\n' {
			cuts[i+1] = true
		}
	}
	points := make([]int, 0, len(cuts))
	for p := range cuts {
		points = append(points, p)
	}
	sort.Ints(points)
	sort.SliceStable(spans, func(a, b int) bool { return spans[a].start < spans[b].start })
	var active []span
	next := 0
	line := 1
	for k, a := range points {
		// Drop spans that ended, add spans that start here.
		kept := active[:0]
		for _, s := range active {
			if s.end > a {
				kept = append(kept, s)
			}
		}
		active = kept
		if a == 0 || (a <= len(src) && a > 0 && src[a-1] == '\n') {
			if a < len(src) || a == 0 {
				h.printf("<span class=\"ln\" data-n=\"%d\"></span>", line)
			}
			line++
		}
		for next < len(spans) && spans[next].start == a {
			s := spans[next]
			next++
			if s.end == s.start {
				d := &diags[s.i]
				h.printf("<span class=\"pin sev-%s\" data-f=\"%s%d\" tabindex=\"0\" role=\"button\" title=\"%s\"></span>",
					esc(d.Severity), prefix, s.i+1, esc(d.Message))
				continue
			}
			active = append(active, s)
		}
		if k+1 == len(points) {
			break
		}
		text := esc(strings.ReplaceAll(string(src[a:points[k+1]]), "\r", ""))
		if len(active) == 0 {
			h.raw(text)
			continue
		}
		worst := checker.SeverityOff
		ids := make([]string, 0, len(active))
		for _, s := range active {
			worst = max(worst, diags[s.i].Sev)
			ids = append(ids, fmt.Sprintf("%s%d", prefix, s.i+1))
		}
		h.printf("<mark class=\"hl sev-%s\" data-f=\"%s\" tabindex=\"0\">%s</mark>", worst, strings.Join(ids, " "), text)
	}
}

func (h *HTML) card(d *checker.Diagnostic, id string) {
	h.printf("<article class=\"finding sev-%s\" id=\"%s\" data-sev=\"%s\" data-rule=\"%s\">\n",
		esc(d.Severity), id, esc(d.Severity), esc(d.Rule))
	h.printf("<div class=\"where\"><span class=\"badge sev-%s\">%s</span> <code>%s</code> line %d, column %d</div>\n",
		esc(d.Severity), esc(d.Severity), esc(d.Rule), d.Line, d.Column)
	h.printf("<p class=\"msg\">%s</p>\n", esc(d.Message))
	if d.Suggestion != "" {
		h.printf("<p class=\"suggestion\"><strong>Suggestion:</strong> %s</p>\n", esc(d.Suggestion))
	}
	for _, fx := range d.Fixes {
		var repl []string
		for _, e := range fx.Edits {
			repl = append(repl, "“"+e.NewText+"”")
		}
		h.printf("<p class=\"fix\"><strong>Automatic fix</strong> (<code>--fix</code>): %s → %s</p>\n", esc(fx.Description), esc(strings.Join(repl, ", ")))
	}
	h.raw("<div class=\"ruledoc\"></div>\n</article>\n")
}

func (h *HTML) ruleDoc(id string) {
	h.printf("<section class=\"rule-doc\" data-rule=\"%s\">\n", esc(id))
	r := h.rules.get(id)
	if r == nil {
		h.printf("<h4><code>%s</code></h4>\n<p>A custom rule defined under <code>custom-rules:</code> in the project's <code>.healthlint.yaml</code>.</p>\n</section>\n", esc(id))
		return
	}
	h.printf("<h4><code>%s</code>: %s</h4>\n<pre>%s</pre>\n<h5>Sources</h5>\n<ul>\n", esc(r.ID), esc(r.Title), esc(strings.TrimSpace(r.Doc)))
	for _, s := range r.Sources {
		href := s.URL
		if !strings.HasPrefix(href, "https://") && !strings.HasPrefix(href, "http://") {
			h.printf("<li>%s</li>\n", esc(s.Title))
			continue
		}
		h.printf("<li><a href=\"%s\" rel=\"noopener noreferrer\" target=\"_blank\">%s</a></li>\n", esc(href), esc(s.Title))
	}
	h.printf("</ul>\n<p>Run <code>healthlint explain %s</code> for options and examples.</p>\n</section>\n", esc(r.ID))
}

// Finish implements Reporter.
func (h *HTML) Finish(s *Summary) error {
	h.header()
	h.printf("<section id=\"summary\">\n<h2>Summary</h2>\n<p>%s checked: %s, %s, %d info", plural(s.Files, "file"),
		plural(s.Counts["error"], "error"), plural(s.Counts["warning"], "warning"), s.Counts["info"])
	if s.Skipped > 0 {
		h.printf(", %d skipped", s.Skipped)
	}
	h.raw(".</p>\n")
	h.raw("<table class=\"documents\">\n<thead><tr><th>document</th><th>errors</th><th>warnings</th><th>info</th></tr></thead>\n<tbody>\n")
	for _, d := range h.docs {
		total := d.counts[1] + d.counts[2] + d.counts[3]
		name := esc(d.path)
		switch {
		case total > 0:
			name = fmt.Sprintf("<a href=\"#%s\">%s</a>", d.anchor, name)
		case d.skipped != "":
			name += " <small>(" + esc(d.skipped) + ")</small>"
		default:
			name += " <small>(no findings)</small>"
		}
		h.printf("<tr><td>%s</td><td class=\"n\">%d</td><td class=\"n\">%d</td><td class=\"n\">%d</td></tr>\n",
			name, d.counts[checker.SeverityError], d.counts[checker.SeverityWarning], d.counts[checker.SeverityInfo])
	}
	h.raw("</tbody>\n</table>\n")
	if len(s.ByRule) > 0 {
		ids := s.RulesByCount()
		h.raw("<table class=\"rules\">\n<thead><tr><th>rule</th><th>findings</th><th>what it flags</th></tr></thead>\n<tbody>\n")
		for _, id := range ids {
			title := "custom rule"
			if r := h.rules.get(id); r != nil {
				title = r.Title
			}
			h.printf("<tr><td><code>%s</code></td><td class=\"n\">%d</td><td>%s</td></tr>\n", esc(id), s.ByRule[id], esc(title))
		}
		h.raw("</tbody>\n</table>\n")
	}
	h.raw("</section>\n<div id=\"rule-docs\" hidden>\n")
	for _, id := range h.order {
		h.ruleDoc(id)
	}
	h.printf("</div>\n</main>\n<script>%s</script>\n</body>\n</html>\n", htmlScript)
	if h.err != nil {
		return h.err
	}
	return h.w.Flush()
}
