package rules

import (
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/rules/article"
)

// corpora is the shared folder of real published news, beside the checkout.
const corpora = "../../shared/corpora"

// corpusFiles returns the files of the named corpus, or skips the test.
func corpusFiles(t testing.TB, patterns ...string) []string {
	t.Helper()
	if _, err := os.Stat(corpora); err != nil {
		t.Skipf("../shared/corpora not found: %v", err)
	}
	var files []string
	for _, p := range patterns {
		m, err := filepath.Glob(filepath.Join(corpora, p))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	sort.Strings(files)
	if len(files) == 0 {
		t.Skipf("../shared/corpora has no %v", patterns)
	}
	return files
}

// corpusSets are the corpora the precision test reads.
var corpusSets = []struct {
	name     string
	patterns []string
}{
	{"bbc", []string{"bbc/bbc/*/*.txt"}},
	{"readability", []string{"readability/pages/*/source.html", "readability/pages/*/expected.html"}},
	{"newspaper3k", []string{"newspaper3k/html/*", "newspaper3k/text/*"}},
}

// reviewedFindings are the findings on the corpora that were read and found
// to be real leftovers. Anything else is a false alarm: fix the rule, or
// read the finding and add it here with the reason.
var reviewedFindings = []struct {
	path    string // corpus-relative, a path.Match pattern
	rule    string
	message string // a substring of the message
	why     string
}{
	{"newspaper3k/*/thedebrief.co.uk2.*", "placeholder", `"[insert your name here]"`, "a real leftover in the published column"},
	{"readability/pages/*/*.html", "placeholder", `"Lorem ipsum"`, "Readability's synthetic test pages are written in dummy text"},
	{"readability/pages/*/*.html", "placeholder", `"lorem ipsum"`, "Readability's synthetic test pages are written in dummy text"},
	{"readability/pages/wikipedia/*.html", "placeholder", `"[citation needed]"`, "Wikipedia's own tag on an unsourced claim, printed in the text"},
	{"readability/pages/wordpress/source.html", "placeholder", `"%d"`, "WordPress's unfilled \"%d bloggers like this\" counter, printed in the page"},
}

func reviewed(rel, rule, message string) bool {
	for _, r := range reviewedFindings {
		if ok, _ := path.Match(r.path, filepath.ToSlash(rel)); ok && r.rule == rule && strings.Contains(message, r.message) {
			return true
		}
	}
	return false
}

// TestCorpusPrecision runs the leftover rules over published copy, where
// they must find nothing but the reviewed, real leftovers.
func TestCorpusPrecision(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 50 MB of corpora")
	}
	// Leftover rules must be silent on published copy but for real slips.
	var rs []Rule
	for _, r := range All() {
		if r.Meta().Category == Leftover {
			rs = append(rs, r)
		}
	}
	for _, set := range corpusSets {
		t.Run(set.name, func(t *testing.T) {
			counts := map[string]int{}
			for _, path := range corpusFiles(t, set.patterns...) {
				src, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				doc, err := article.Parse(path, src)
				if err != nil {
					continue // binary
				}
				rel, _ := filepath.Rel(corpora, path)
				for _, r := range rs {
					for _, d := range r.Check(doc) {
						name := r.Meta().Name
						counts[name]++
						line, col := doc.Position(d.Start)
						if !reviewed(rel, name, d.Message) {
							t.Errorf("%s:%d:%d: unreviewed finding: %s [%s]\n\t%s", rel, line, col, d.Message, name, context(src, d.Start, d.End))
						}
					}
				}
			}
			t.Logf("%s: findings by rule: %v", set.name, counts)
		})
	}
}

// context returns the source around a range, on one line.
func context(src []byte, start, end int) string {
	s, e := max(0, start-60), min(len(src), end+60)
	return strings.Join(strings.Fields(string(src[s:e])), " ")
}
