package report

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/healthlint/healthlint/checker"
)

// browserPath finds Chromium: Debian's /usr/bin/chromium, else PATH.
func browserPath() string {
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// TestHTMLInBrowser loads the HTML report in headless Chromium from a
// file:// URL: no document text may run as script, every finding has a
// highlight and a card, clicking a highlight opens its panel with the
// rule's documentation and sources, and the filters hide findings. A
// screenshot goes to testdata/report/output/ (gitignored).
func TestHTMLInBrowser(t *testing.T) {
	exe := browserPath()
	if exe == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("no Chromium found, and CI=true: .ci/run installs Debian's chromium; install it with apt-get install -y chromium")
		}
		t.Skip("no Chromium installed (apt-get install -y chromium); skipping the browser test")
	}

	// The shared findings plus a document that tries every way to run
	// script from its text.
	results := testResults(t)
	hostile := []byte("# <img src=x onerror=\"document.title='pwned'\">\n\nA <script>document.title='pwned'</script> cure & <b onclick=\"document.title='pwned'\">x</b>.\n")
	pathX := `hostile/<script>"'.md`
	results = append(results, &checker.FileResult{Input: checker.Input{Display: pathX}, Source: hostile, Diagnostics: []checker.Diagnostic{
		diag(t, pathX, hostile, "<script>document.title='pwned'</script>", 0, "claims/cure", checker.SeverityError, `<script>document.title="pwned"</script> is not a claim`, `<img src=x onerror="document.title='pwned'">`),
		diag(t, pathX, hostile, `<img src=x onerror="document.title='pwned'">`, 0, "house/slang", checker.SeverityWarning, "markup in a heading", ""),
	}})
	findings := 0
	for _, r := range results {
		findings += len(r.Diagnostics)
	}
	var buf bytes.Buffer
	rep := NewHTML(&buf, testMeta())
	s := NewSummary()
	for _, r := range results {
		s.Add(r)
		if err := rep.File(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := rep.Finish(s); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "report.html")
	if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}

	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.NoFirstRun,
		chromedp.UserDataDir(filepath.Join(dir, "profile")),
		chromedp.WindowSize(1280, 900),
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	defer cancelAlloc()
	bctx, cancelBrowser := chromedp.NewContext(actx)
	defer cancelBrowser()

	var mu sync.Mutex
	var dialogs []string
	events := chromedp.Events(bctx, page.JavascriptDialogOpening)
	go func() {
		for ev, err := range events {
			if err != nil {
				return
			}
			mu.Lock()
			dialogs = append(dialogs, ev.Message)
			mu.Unlock()
			chromedp.Call(bctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
		}
	}()

	do(t, bctx, chromedp.Navigate("file://"+filepath.ToSlash(file)), chromedp.WaitReady(chromedp.CSS("#summary")))
	title := get(t, bctx, chromedp.Title())
	scripts := get(t, bctx, chromedp.Evaluate[int](`document.scripts.length`))
	marked := get(t, bctx, chromedp.Evaluate[int](`(function(){var s=new Set();document.querySelectorAll("[data-f]").forEach(function(m){m.dataset.f.split(" ").forEach(function(i){s.add(i)})});return s.size})()`))
	cards := get(t, bctx, chromedp.Evaluate[int](`document.querySelectorAll("article.finding").length`))
	do(t, bctx, chromedp.Click(chromedp.CSS(`mark.hl.sev-error`)), chromedp.WaitVisible(chromedp.CSS(`article.finding.active .rule-doc`)))
	activeID := get(t, bctx, chromedp.Evaluate[string](`document.querySelector("article.finding.active").id`))
	panel := get(t, bctx, chromedp.Text(chromedp.CSS(`article.finding.active`)))
	png := get(t, bctx, chromedp.FullScreenshot(100))
	do(t, bctx, chromedp.Click(chromedp.CSS(`input[data-sev-filter="error"]`)))
	filteredCard := get(t, bctx, chromedp.Evaluate[bool](`document.getElementById("f3-2").classList.contains("filtered")`))
	filteredMark := get(t, bctx, chromedp.Evaluate[bool](`document.querySelector('[data-f="f3-3 f3-2"]').classList.contains("filtered")`))

	mu.Lock()
	if len(dialogs) > 0 {
		t.Errorf("document text opened a dialog: %q", dialogs)
	}
	mu.Unlock()
	if title != "healthlint report" {
		t.Errorf("title = %q: document text ran as script", title)
	}
	if scripts != 1 {
		t.Errorf("%d script elements, want only the report's own", scripts)
	}
	if marked != findings || cards != findings {
		t.Errorf("%d findings highlighted and %d cards, want %d of each", marked, cards, findings)
	}
	if activeID != "f3-2" {
		t.Errorf("clicking the error highlight opened %q, want f3-2", activeID)
	}
	for _, want := range []string{`"cures" is a cure claim; say "helps" & cite a <source>`, "describe treatment", "helps treat", "Cure claims promise what treatment cannot", "FTC Health Products Compliance Guidance", "healthlint explain claims/cure"} {
		if !strings.Contains(panel, want) {
			t.Errorf("the open panel lacks %q:\n%s", want, panel)
		}
	}
	// Unticking "errors" hides the error card; the highlight it shares
	// with an info finding stays.
	if !filteredCard || filteredMark {
		t.Errorf("after filtering errors: card filtered %v (want true), shared mark filtered %v (want false)", filteredCard, filteredMark)
	}
	out := filepath.Join("..", "..", "testdata", "report", "output")
	if err := os.MkdirAll(out, 0o755); err == nil {
		if err := os.WriteFile(filepath.Join(out, "html-report.png"), png, 0o644); err != nil {
			t.Logf("screenshot not saved: %v", err)
		}
	}
}

func do(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("driving Chromium: %v", err)
	}
}

func get[T any](t *testing.T, ctx context.Context, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatalf("driving Chromium: %v", err)
	}
	return v
}
