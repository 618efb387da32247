package rules

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/rules/article"
)

// residueRules are the rules of the residue category.
func residueRules() []Rule {
	var out []Rule
	for _, r := range All() {
		if r.Meta().Category == Residue {
			out = append(out, r)
		}
	}
	return out
}

// TestResidueSampleArticles checks the residue rules against the team's
// sample articles: every problem planted for them in scraped-story.txt is
// found on its line, and nothing else in testdata/articles is flagged.
func TestResidueSampleArticles(t *testing.T) {
	dir := filepath.Join("..", "testdata", "articles")
	rs := residueRules()
	if len(rs) == 0 {
		t.Fatal("no residue rules registered")
	}
	names := map[string]bool{}
	for _, r := range rs {
		names[r.Meta().Name] = true
	}
	planted := readPlanted(t, filepath.Join(dir, "scraped-story.planted"), names)
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if _, ok := article.FormatFor(e.Name()); !ok || e.IsDir() {
			continue
		}
		src, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		doc, err := article.Parse(e.Name(), src)
		if err != nil {
			t.Fatalf("%s: %v", e.Name(), err)
		}
		found := map[string]bool{}
		for _, r := range rs {
			for _, d := range r.Check(doc) {
				line, _ := doc.Position(d.Start)
				k := e.Name() + ":" + strconv.Itoa(line) + ":" + r.Meta().Name
				if !planted[k] {
					t.Errorf("%s:%d: unexpected %s finding: %s", e.Name(), line, r.Meta().Name, d.Message)
				}
				found[k] = true
			}
		}
		for k := range planted {
			if strings.HasPrefix(k, e.Name()+":") && !found[k] {
				t.Errorf("planted problem not found: %s", k)
			}
		}
	}
}

// readPlanted reads "line<TAB>rule<TAB>what" rows for the named rules, as
// "scraped-story.txt:LINE:RULE" keys.
func readPlanted(t *testing.T, path string, rules map[string]bool) map[string]bool {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.Split(line, "\t")
		if len(parts) < 2 {
			t.Fatalf("%s: malformed row %q", path, line)
		}
		if rules[parts[1]] {
			out["scraped-story.txt:"+parts[0]+":"+parts[1]] = true
		}
	}
	if len(out) == 0 {
		t.Fatalf("%s: nothing planted for the residue rules", path)
	}
	return out
}

// residueReviewed are the residue findings on the BBC corpus that were read
// and found to be real slips.
var residueReviewed = []struct {
	path, rule, message, why string
}{
	{"bbc/bbc/*/*.txt", "mojibake", `HTML entity "&#`, "numeric entities never decoded in the BBC text (caf&#233;, &#163;1.8m, Blair&#191;s)"},
	{"bbc/bbc/entertainment/253.txt", "mojibake", `HTML entity "&lt;"`, "a reader's emoticon escaped twice (:- &lt;()"},
	{"bbc/bbc/sport/340.txt", "mojibake", `HTML entity "&lt;"`, "a stray escaped '<' at the end of a paragraph"},
	{"bbc/bbc/politics/380.txt", "mojibake", `HTML entity "&gt;"`, "what is left of an escaped <br /> tag (br /&gt;)"},
}

// TestResiduePrecision runs the residue rules over the BBC corpus, edited
// and published copy, where they must find nothing but the reviewed slips,
// and logs what they find in the extraction corpora (Readability's
// expected.html, newspaper3k's text/), where residue survives.
func TestResiduePrecision(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the corpora")
	}
	rs := residueRules()
	sets := []struct {
		name     string
		patterns []string
		strict   bool
	}{
		{"bbc", []string{"bbc/bbc/*/*.txt"}, true},
		{"readability", []string{"readability/pages/*/expected.html"}, false},
		{"newspaper3k", []string{"newspaper3k/text/*"}, false},
	}
	for _, set := range sets {
		t.Run(set.name, func(t *testing.T) {
			counts := map[string]int{}
			for _, p := range corpusFiles(t, set.patterns...) {
				src, err := os.ReadFile(p)
				if err != nil {
					t.Fatal(err)
				}
				doc, err := article.Parse(p, src)
				if err != nil {
					continue // binary
				}
				rel, _ := filepath.Rel(corpora, p)
				rel = filepath.ToSlash(rel)
				for _, r := range rs {
					name := r.Meta().Name
					for _, d := range r.Check(doc) {
						counts[name]++
						if set.strict && !residueIsReviewed(rel, name, d.Message) {
							line, col := doc.Position(d.Start)
							t.Errorf("%s:%d:%d: unreviewed finding: %s [%s]\n\t%s", rel, line, col, d.Message, name, context(src, d.Start, d.End))
						}
					}
				}
			}
			t.Logf("%s: residue findings by rule: %v", set.name, counts)
		})
	}
}

func residueIsReviewed(rel, rule, message string) bool {
	for _, r := range residueReviewed {
		if ok, _ := filepath.Match(r.path, rel); ok && r.rule == rule && strings.Contains(message, r.message) {
			return true
		}
	}
	return false
}
