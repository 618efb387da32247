package rules

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/copydesk/copydesk/rules/article"
)

// Rule tests are annotated fixtures, in the style of x/tools analysistest.
// Every file in testdata/<rule>/ (except .golden and .fixed files) is parsed
// by article.Parse and checked:
//
//   - an HTML comment `<!-- want "re" -->` expects a diagnostic on the
//     comment's own line whose message matches the regexp; `want +N "re"`
//     expects it N lines below; several quoted regexps expect several
//     diagnostics; a missing and an unexpected diagnostic both fail;
//   - FILE.golden holds the text output `path:line:col: severity: message
//     [rule]` (path relative to the rule's testdata folder) and pins exact
//     positions; it is required for .txt fixtures and checked when present
//     for the others;
//   - FILE.fixed holds the source after applying each diagnostic's first
//     fix; it is required when any diagnostic has a fix.
//
// `go test ./rules -update` rewrites the .golden and .fixed files; review
// the diff before committing. (rules/RULES.md is checked by rules/engine,
// which knows every rule: `go test ./rules/engine -update-docs`.)
var update = flag.Bool("update", false, "rewrite .golden and .fixed files")

// runFixtures checks r against every fixture in testdata/<rule name>/.
func runFixtures(t *testing.T, r Rule) {
	t.Helper()
	dir := filepath.Join("testdata", r.Meta().Name)
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatalf("rule %s has no fixtures: %v", r.Meta().Name, err)
	}
	n := 0
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || strings.HasPrefix(name, ".") || isGoldenFile(name) {
			continue
		}
		n++
		t.Run(name, func(t *testing.T) { checkFixture(t, r, dir, name) })
	}
	if n == 0 {
		t.Fatalf("rule %s: no fixtures in %s", r.Meta().Name, dir)
	}
}

func isGoldenFile(name string) bool {
	return strings.HasSuffix(name, ".golden") || strings.HasSuffix(name, ".fixed")
}

// expectation is one quoted regexp of a want comment.
type expectation struct {
	line int
	re   *regexp.Regexp
	met  bool
}

// reporter is the part of testing.T the harness uses, so that the harness
// itself can be tested with a recorder.
type reporter interface {
	Helper()
	Errorf(format string, args ...any)
}

func checkFixture(t reporter, r Rule, dir, name string) {
	t.Helper()
	path := filepath.Join(dir, name)
	src, err := os.ReadFile(path)
	if err != nil {
		t.Errorf("%v", err)
		return
	}
	doc, err := article.Parse(name, src)
	if err != nil {
		t.Errorf("%s: parse: %v", path, err)
		return
	}
	diags := r.Check(doc)
	if again := r.Check(doc); !reflect.DeepEqual(diags, again) {
		t.Errorf("%s: two Check calls on one document disagree: Check must be pure", path)
	}
	validDiagnostics(t, path, doc, diags)

	wants, err := parseWants(path, doc)
	if err != nil {
		t.Errorf("%v", err)
		return
	}
	sorted := append([]Diagnostic(nil), diags...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Start < sorted[j].Start })
	for _, d := range sorted {
		line, col := doc.Position(d.Start)
		found := false
		for _, w := range wants {
			if !w.met && w.line == line && w.re.MatchString(d.Message) {
				w.met, found = true, true
				break
			}
		}
		if !found {
			t.Errorf("%s:%d:%d: unexpected diagnostic: %s (match %q)", path, line, col, d.Message, src[d.Start:d.End])
		}
	}
	for _, w := range wants {
		if !w.met {
			t.Errorf("%s:%d: no diagnostic matching %q", path, w.line, w.re)
		}
	}

	golden := path + ".golden"
	out := textOutput(r, name, doc, sorted)
	_, statErr := os.Stat(golden)
	needGolden := filepath.Ext(name) == ".txt" || statErr == nil
	if needGolden {
		compareGolden(t, golden, []byte(out))
	}

	fixed, hasFix := applyFixes(src, sorted)
	_, statErr = os.Stat(path + ".fixed")
	if hasFix || statErr == nil {
		compareGolden(t, path+".fixed", fixed)
	}
}

// validDiagnostics checks what every rule must get right: ranges inside the
// source and outside comments (a directive or want comment is not copy),
// a message, and fixes whose edits stay in the source and do not overlap.
func validDiagnostics(t reporter, path string, doc *article.Document, diags []Diagnostic) {
	t.Helper()
	for _, d := range diags {
		if d.Start < 0 || d.End > len(doc.Src) || d.Start >= d.End {
			t.Errorf("%s: diagnostic %q has bad range [%d, %d) in a %d-byte source", path, d.Message, d.Start, d.End, len(doc.Src))
			continue
		}
		if !utf8.Valid(doc.Src[d.Start:d.End]) && doc.Encoding == "utf-8" {
			t.Errorf("%s: diagnostic %q range [%d, %d) splits a character", path, d.Message, d.Start, d.End)
		}
		if d.Message == "" || strings.HasSuffix(d.Message, ".") || d.Message != strings.TrimSpace(d.Message) {
			t.Errorf("%s: diagnostic message %q: want one trimmed line without a final period", path, d.Message)
		}
		for _, c := range doc.Comments {
			if d.Start < c.SrcEnd && c.Src < d.End {
				line, col := doc.Position(d.Start)
				t.Errorf("%s:%d:%d: diagnostic %q lies in an HTML comment", path, line, col, d.Message)
			}
		}
		for _, f := range d.Fixes {
			if f.Message == "" || len(f.Edits) == 0 {
				t.Errorf("%s: fix of %q needs a message and edits", path, d.Message)
			}
			edits := append([]Edit(nil), f.Edits...)
			sort.Slice(edits, func(i, j int) bool { return edits[i].Start < edits[j].Start })
			for i, e := range edits {
				if e.Start < 0 || e.End > len(doc.Src) || e.Start > e.End || (i > 0 && e.Start < edits[i-1].End) {
					t.Errorf("%s: fix %q has a bad or overlapping edit [%d, %d)", path, f.Message, e.Start, e.End)
				}
			}
		}
	}
}

var wantRE = regexp.MustCompile(`^want(?:\s+([+-]\d+))?\s+(.*)$`)

// parseWants reads the want comments of a fixture.
func parseWants(path string, doc *article.Document) ([]*expectation, error) {
	var out []*expectation
	for _, c := range doc.Comments {
		if c.Body != "want" && !strings.HasPrefix(c.Body, "want ") {
			continue
		}
		cline, _ := doc.Position(c.Src)
		m := wantRE.FindStringSubmatch(c.Body)
		if m == nil {
			return nil, fmt.Errorf("%s:%d: malformed want comment %q: want `want [+N] \"regexp\"...`", path, cline, c.Body)
		}
		line := cline
		if m[1] != "" {
			delta, _ := strconv.Atoi(m[1])
			line += delta
		}
		rest := strings.TrimSpace(m[2])
		if rest == "" {
			return nil, fmt.Errorf("%s:%d: want comment without a quoted regexp", path, cline)
		}
		for rest != "" {
			q, err := strconv.QuotedPrefix(rest)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: want comment: %q is not a quoted regexp: %w", path, cline, rest, err)
			}
			s, _ := strconv.Unquote(q)
			re, err := regexp.Compile(s)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: want comment: %w", path, cline, err)
			}
			out = append(out, &expectation{line: line, re: re})
			rest = strings.TrimSpace(rest[len(q):])
		}
	}
	return out, nil
}

// textOutput renders diagnostics as the default text format does.
func textOutput(r Rule, path string, doc *article.Document, diags []Diagnostic) string {
	m := r.Meta()
	var b strings.Builder
	for _, d := range diags {
		sev := m.Severity
		if d.Severity != 0 {
			sev = d.Severity
		}
		line, col := doc.Position(d.Start)
		fmt.Fprintf(&b, "%s:%d:%d: %s: %s [%s]\n", path, line, col, sev, d.Message, m.Name)
	}
	return b.String()
}

// applyFixes applies the first fix of each diagnostic; a fix that overlaps
// one already applied is skipped, as an editor would.
func applyFixes(src []byte, diags []Diagnostic) ([]byte, bool) {
	var edits []Edit
	for _, d := range diags {
		if len(d.Fixes) > 0 {
			edits = append(edits, d.Fixes[0].Edits...)
		}
	}
	if len(edits) == 0 {
		return src, false
	}
	sort.SliceStable(edits, func(i, j int) bool { return edits[i].Start < edits[j].Start })
	var out bytes.Buffer
	pos := 0
	for _, e := range edits {
		if e.Start < pos {
			continue
		}
		out.Write(src[pos:e.Start])
		out.WriteString(e.New)
		pos = e.End
	}
	out.Write(src[pos:])
	return out.Bytes(), true
}

// compareGolden compares got with the golden file, or rewrites it under
// -update.
func compareGolden(t reporter, golden string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Errorf("update golden: %v", err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Errorf("missing golden file (run `go test ./rules -update` and review it): %v", err)
		return
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (run `go test ./rules -update` to rewrite it):\n%s", golden, lineDiff(string(want), string(got)))
	}
}

// lineDiff shows the first lines that differ between want and got.
func lineDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown, differ := 0, 0
	for i := 0; i < max(len(wl), len(gl)); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w == g {
			continue
		}
		differ++
		if shown < 5 {
			fmt.Fprintf(&b, "line %d:\n  - %q\n  + %q\n", i+1, w, g)
			shown++
		}
	}
	if differ > shown {
		fmt.Fprintf(&b, "... and %d more differing lines (want %d lines, got %d)\n", differ-shown, len(wl), len(gl))
	}
	return b.String()
}

// TestExamples runs every Meta example of every registered rule.
func TestExamples(t *testing.T) {
	for _, r := range All() {
		m := r.Meta()
		for i, ex := range m.Examples {
			doc, err := article.ParseFormat("example", []byte(ex.Text), ex.Format)
			if err != nil {
				t.Fatalf("%s example %d: %v", m.Name, i, err)
			}
			diags := r.Check(doc)
			if fires := len(diags) > 0; fires != ex.Fires {
				t.Errorf("%s example %d %q: fires = %v, want %v (%v)", m.Name, i, ex.Text, fires, ex.Fires, diags)
			}
		}
	}
}

var kebab = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)

// TestMeta holds every registered rule to the standard: a stable kebab-case
// name, alphabetical and unique registration, complete docs, examples both
// ways, and fixtures.
func TestMeta(t *testing.T) {
	rs := All()
	for i, r := range rs {
		m := r.Meta()
		if !kebab.MatchString(m.Name) {
			t.Errorf("rule %q: name is not kebab-case", m.Name)
		}
		if i > 0 && rs[i-1].Meta().Name >= m.Name {
			t.Errorf("All(): %q registered after %q: keep the list alphabetical and unique", m.Name, rs[i-1].Meta().Name)
		}
		switch m.Category {
		case Leftover, Residue, Style, Mechanics, Duplicate:
		default:
			t.Errorf("rule %s: unknown category %q", m.Name, m.Category)
		}
		if m.Severity < Suggestion || m.Severity > Error {
			t.Errorf("rule %s: no default severity", m.Name)
		}
		if m.Summary == "" || strings.HasSuffix(m.Summary, ".") || strings.Contains(m.Summary, "\n") {
			t.Errorf("rule %s: summary %q: want one line without a final period", m.Name, m.Summary)
		}
		if len(strings.TrimSpace(m.Doc)) < 80 {
			t.Errorf("rule %s: doc too short: say what it finds, why it matters and what to do", m.Name)
		}
		if len(examples(m, true)) == 0 || len(examples(m, false)) == 0 {
			t.Errorf("rule %s: needs examples that fire and examples that must not", m.Name)
		}
		if _, err := os.Stat(filepath.Join("testdata", m.Name)); err != nil {
			t.Errorf("rule %s: no fixtures: %v", m.Name, err)
		}
		if got, ok := Lookup(rs, m.Name); !ok || got.Meta().Name != m.Name {
			t.Errorf("Lookup(%q) failed", m.Name)
		}
	}
}
