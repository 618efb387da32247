package weekly

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
)

// The end-to-end test renders a report of a synthetic newsroom in headless
// Chromium (Debian's chromium package; .ci/run installs it), checks the
// drawn page and keeps a screenshot in testdata/artefacts/.

func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("chromium not installed (apt-get install -y chromium): skipping the browser test")
	return ""
}

// runChromium loads file in headless Chromium with extra flags and returns
// its stdout and the console messages it logged.
func runChromium(t *testing.T, bin, file string, flags ...string) (stdout []byte, console []string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	args := append([]string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
		"--user-data-dir=" + t.TempDir(), "--enable-logging=stderr", "--v=0"}, flags...)
	args = append(args, "file://"+file)
	cmd := exec.CommandContext(ctx, bin, args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, tail(errb.String(), 2000))
	}
	for _, line := range strings.Split(errb.String(), "\n") {
		if strings.Contains(line, ":CONSOLE") {
			console = append(console, line)
		}
	}
	return out.Bytes(), console
}

func tail(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}

// The console check must be able to fail: a page that logs an error is
// caught.
func TestChromiumConsoleProbe(t *testing.T) {
	bin := chromiumPath(t)
	page := filepath.Join(t.TempDir(), "probe.html")
	os.WriteFile(page, []byte(`<!DOCTYPE html><title>p</title><script>console.error("probe-7f3a")</script>`), 0o644)
	_, console := runChromium(t, bin, page, "--dump-dom")
	if !strings.Contains(strings.Join(console, "\n"), "probe-7f3a") {
		t.Fatalf("console messages are not captured; got %q", console)
	}
}

func TestChromiumRendersReport(t *testing.T) {
	bin := chromiumPath(t)
	end := time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
	st := demoStore(t, site{articles: 420, weeks: 14, seed: 3}, end)
	r, err := Build(context.Background(), st, Options{From: end.Add(-week), To: end, Now: end.Add(7 * time.Hour), MinGroup: 5})
	if err != nil {
		t.Fatal(err)
	}
	art, err := filepath.Abs(filepath.Join("testdata", "artefacts"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(art, 0o755); err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(art, "report.html")
	var b bytes.Buffer
	if err := WriteHTML(&b, r); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(page, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	checkSelfContained(t, b.Bytes())

	dom, console := runChromium(t, bin, page, "--dump-dom")
	if len(console) > 0 {
		t.Errorf("console messages while loading the report:\n%s", strings.Join(console, "\n"))
	}
	doc, err := html.Parse(bytes.NewReader(dom))
	if err != nil {
		t.Fatalf("Chromium's DOM does not parse: %v", err)
	}
	for _, id := range []string{"score-chart", "density-chart"} {
		svg := byID(doc, id)
		if svg == nil {
			t.Errorf("no #%s in the rendered page", id)
			continue
		}
		if ps := svgPaths(svg); len(ps) == 0 {
			t.Errorf("#%s has no drawn path", id)
		} else if !regexp.MustCompile(`^M[\d.]+ [\d.]+`).MatchString(ps[0]) {
			t.Errorf("#%s path data %q does not start with a move", id, ps[0])
		}
	}
	text := strings.Join(strings.Fields(textOf(doc)), " ")
	h := r.Headline
	for _, want := range []string{
		"Copy quality report", r.Period.Label(),
		fmtFigure("", h.Score, 1, true, false).Value,
		thousands(int(h.Documents.Value)), thousands(int(h.Words.Value)), thousands(int(h.Findings.Value)),
		fmtFigure("", h.Density, 2, false, false).Value,
		r.TopRules[0].Rule, r.FixFirst[0].Path, "Other",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("rendered page lacks %q", want)
		}
	}

	shot := filepath.Join(art, "report.png")
	os.Remove(shot)
	_, console = runChromium(t, bin, page, "--screenshot="+shot, "--window-size=1200,3300")
	if len(console) > 0 {
		t.Errorf("console messages while taking the screenshot:\n%s", strings.Join(console, "\n"))
	}
	if st, err := os.Stat(shot); err != nil || st.Size() < 20_000 {
		t.Errorf("screenshot %s missing or blank: %v", shot, err)
	}
	// A phone-sized view, for looking at.
	_, _ = runChromium(t, bin, page, "--screenshot="+filepath.Join(art, "report-phone.png"), "--window-size=390,2400")
	t.Logf("report and screenshots in %s", art)
}

func byID(n *html.Node, id string) *html.Node {
	if n.Type == html.ElementNode {
		for _, a := range n.Attr {
			if a.Key == "id" && a.Val == id {
				return n
			}
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := byID(c, id); f != nil {
			return f
		}
	}
	return nil
}
