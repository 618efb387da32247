package weekly

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/copydesk/copydesk/report/history"
	"github.com/copydesk/copydesk/rules"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./report/weekly -update)", err)
	}
	if !bytes.Equal(got, want) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := range max(len(gl), len(wl)) {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Fatalf("%s differs at line %d:\n got: %s\nwant: %s\n(run go test ./report/weekly -update after checking the change)", path, i+1, g, w)
			}
		}
	}
}

func render(t *testing.T, r *Report, format string) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, r, format); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestMarkdownGolden(t *testing.T) {
	r := buildReport(t, buildScenario(t), Options{})
	golden(t, "scenario.md", render(t, r, FormatMarkdown))
}

func TestJSONGolden(t *testing.T) {
	r := buildReport(t, buildScenario(t), Options{})
	out := render(t, r, FormatJSON)
	golden(t, "scenario.json", out)
	// The JSON carries the same numbers.
	var back Report
	if err := json.Unmarshal(out, &back); err != nil {
		t.Fatal(err)
	}
	if back.Headline.Score.Value != r.Headline.Score.Value || *back.Headline.Score.Change != *r.Headline.Score.Change ||
		back.New.Total != 16 || len(back.Trend) != 12 || back.Sections[2].Folded != 1 {
		t.Errorf("JSON round trip lost numbers: %+v", back.Headline)
	}
}

func TestWriteUnknownFormat(t *testing.T) {
	if err := Write(&bytes.Buffer{}, &Report{}, "pdf"); err == nil || !strings.Contains(err.Error(), `"pdf"`) {
		t.Errorf("Write(pdf) error = %v", err)
	}
}

var cssURL = regexp.MustCompile(`(?i)url\s*\(`)

// checkSelfContained parses page and fails on anything fetched from
// elsewhere: a src, href or CSS url(), a script, a stylesheet link.
func checkSelfContained(t *testing.T, page []byte) *html.Node {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatalf("HTML does not parse: %v", err)
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script", "link", "iframe", "img", "object", "embed":
				t.Errorf("page has a <%s> element", n.Data)
			case "style":
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					if cssURL.MatchString(c.Data) || strings.Contains(c.Data, "@import") {
						t.Errorf("stylesheet fetches something: %q", cssURL.FindString(c.Data))
					}
				}
			}
			for _, a := range n.Attr {
				switch strings.ToLower(a.Key) {
				case "src", "href", "srcset", "action", "poster", "data":
					t.Errorf("<%s %s=%q> points elsewhere", n.Data, a.Key, a.Val)
				case "style":
					if cssURL.MatchString(a.Val) {
						t.Errorf("<%s style=%q> fetches something", n.Data, a.Val)
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return doc
}

func TestHTMLSelfContained(t *testing.T) {
	r := buildReport(t, buildScenario(t), Options{})
	page := render(t, r, FormatHTML)
	doc := checkSelfContained(t, page)
	text := textOf(doc)
	for _, want := range []string{"85.3", "23–29 Nov 2026", "5,600", "3.39", "cliche", "news/c.md", "wire/g.md", "16 new", "26 resolved",
		"Other (1 group)", "Tool version: 0.9.0, 0.9.1"} {
		if !strings.Contains(strings.Join(strings.Fields(text), " "), want) {
			t.Errorf("HTML text lacks %q", want)
		}
	}
	paths := svgPaths(doc)
	if len(paths) < 3 {
		t.Errorf("charts have %d non-empty paths, want at least 3 (area, line, bars)", len(paths))
	}
}

// Front matter is the writers' text: it must be escaped, not obeyed.
func TestHTMLEscapesFrontMatter(t *testing.T) {
	ctx := context.Background()
	st, err := history.Open(ctx, filepath.Join(t.TempDir(), "h.db"), history.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	evil := `<script src="https://evil.example/x.js"></script><img src=x onerror=alert(1)>`
	res := &rules.Result{
		Documents: []rules.DocumentInfo{{Path: "a|b.md", Words: 500, Title: evil, Section: evil, Author: evil}},
		Findings:  []rules.Finding{{Path: "a|b.md", Rule: "placeholder", Severity: rules.Error, Fingerprint: "x"}},
	}
	if _, err := st.Record(ctx, history.Run{Time: day(24)}, res, nil); err != nil {
		t.Fatal(err)
	}
	r := buildReport(t, st, Options{MinGroup: 1})
	doc := checkSelfContained(t, render(t, r, FormatHTML))
	if !strings.Contains(textOf(doc), evil) {
		t.Error("the escaped front matter is missing from the page text")
	}
	md := string(render(t, r, FormatMarkdown))
	if strings.Contains(md, "<script") || strings.Contains(md, "<img") {
		t.Errorf("Markdown passes raw HTML through:\n%s", md)
	}
	if !strings.Contains(md, `a\|b.md`) {
		t.Error("Markdown does not escape a pipe in a path")
	}
}

func TestHTMLWithoutHistory(t *testing.T) {
	st, err := history.Open(context.Background(), filepath.Join(t.TempDir(), "h.db"), history.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	r := buildReport(t, st, Options{})
	doc := checkSelfContained(t, render(t, r, FormatHTML))
	if !strings.Contains(textOf(doc), "No checks recorded in these weeks") {
		t.Error("empty charts do not say so")
	}
	if r.Headline.Band != NoBand || !strings.Contains(textOf(doc), "No documents were checked in this period") {
		t.Errorf("an empty period is not reported as such (band %q)", r.Headline.Band)
	}
	if md := render(t, r, FormatMarkdown); !bytes.Contains(md, []byte("No findings this period.")) {
		t.Errorf("empty Markdown report:\n%s", md)
	}
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// svgPaths returns the d attributes of non-empty <path> elements inside
// <svg> elements.
func svgPaths(n *html.Node) []string {
	var out []string
	var walk func(*html.Node, bool)
	walk = func(n *html.Node, inSVG bool) {
		if n.Type == html.ElementNode && n.Data == "svg" {
			inSVG = true
		}
		if inSVG && n.Type == html.ElementNode && n.Data == "path" {
			for _, a := range n.Attr {
				if a.Key == "d" && strings.TrimSpace(a.Val) != "" {
					out = append(out, a.Val)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inSVG)
		}
	}
	walk(n, false)
	return out
}

func TestSparkline(t *testing.T) {
	got := sparkline([]*float64{ptr(0), nil, ptr(7), ptr(3.5)})
	if got != "▁ █▄" {
		t.Errorf("sparkline = %q", got)
	}
	if got := sparkline([]*float64{ptr(5), ptr(5)}); got != "██" {
		t.Errorf("flat sparkline = %q", got)
	}
}
