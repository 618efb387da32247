package engine

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/copydesk/copydesk/rules"
	"github.com/copydesk/copydesk/rules/article"
)

// wordRule flags every occurrence of a word in block text, through the
// block's span map, like a real rule.
type wordRule struct {
	name, word string
	panicOn    string
}

func (r wordRule) Meta() rules.Meta {
	return rules.Meta{Name: r.name, Category: rules.Leftover, Severity: rules.Error, Default: true, Summary: "test rule"}
}

func (r wordRule) Check(doc *article.Document) []rules.Diagnostic {
	var out []rules.Diagnostic
	for i := range doc.Blocks {
		b := &doc.Blocks[i]
		if r.panicOn != "" && strings.Contains(b.Text, r.panicOn) {
			panic("boom")
		}
		for off := 0; ; {
			j := strings.Index(b.Text[off:], r.word)
			if j < 0 {
				break
			}
			s, e := b.SrcRange(off+j, off+j+len(r.word))
			out = append(out, rules.Diagnostic{Start: s, End: e, Message: fmt.Sprintf("found %q", r.word)})
			off += j + len(r.word)
		}
	}
	return out
}

func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func testRules(extra ...rules.Rule) *RuleSet {
	rs := &RuleSet{Rules: []rules.Rule{wordRule{name: "flag-word", word: "FLAG"}, engineRule{unusedDirectiveMeta}}}
	rs.Rules = append(rs.Rules, extra...)
	return rs
}

// lines renders findings as path:line:col: rule, with paths relative to dir.
func lines(dir string, res *rules.Result) []string {
	var out []string
	for _, f := range res.Findings {
		rel, _ := filepath.Rel(dir, f.Path)
		out = append(out, fmt.Sprintf("%s:%d:%d: %s", filepath.ToSlash(rel), f.Line, f.Column, f.Rule))
	}
	return out
}

func TestWalkSkipsHiddenIgnoredAndUnknown(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"a.txt":                  "Head\n\nFLAG\n",
		"b.md":                   "# Head\n\nFLAG\n",
		"c.html":                 "<h1>Head</h1><p>FLAG</p>",
		"notes.csv":              "FLAG",
		".hidden/d.txt":          "Head\n\nFLAG\n",
		"node_modules/e.txt":     "Head\n\nFLAG\n",
		"sub/f.markdown":         "# Head\n\nFLAG\n",
		"sub/ignored.txt":        "Head\n\nFLAG\n",
		"sub/.gitignore":         "ignored.txt\nbuild/\n",
		"sub/build/g.txt":        "Head\n\nFLAG\n",
		"sub/deeper/ignored.txt": "Head\n\nFLAG\n",
	})
	res := Run(context.Background(), []string{dir}, Options{Rules: testRules()})
	got := strings.Join(lines(dir, res), "\n")
	want := strings.Join([]string{
		"a.txt:3:1: flag-word",
		"b.md:3:1: flag-word",
		"c.html:1:17: flag-word",
		"sub/f.markdown:3:1: flag-word",
	}, "\n")
	if got != want {
		t.Errorf("findings:\n%s\nwant:\n%s", got, want)
	}
	if res.Summary.Files != 4 {
		t.Errorf("files = %d, want 4", res.Summary.Files)
	}
}

func TestExplicitFileAnyExtension(t *testing.T) {
	dir := writeFiles(t, map[string]string{"notes.csv": "Head\n\nsome FLAG here\n"})
	res := Run(context.Background(), []string{filepath.Join(dir, "notes.csv")}, Options{Rules: testRules()})
	if got := lines(dir, res); len(got) != 1 || got[0] != "notes.csv:3:6: flag-word" {
		t.Errorf("got %v", got)
	}
}

func TestMissingPathOthersStillChecked(t *testing.T) {
	dir := writeFiles(t, map[string]string{"a.txt": "Head\n\nFLAG\n"})
	res := Run(context.Background(), []string{filepath.Join(dir, "nope.txt"), filepath.Join(dir, "a.txt")}, Options{Rules: testRules()})
	if len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Error(), "no such file or directory") {
		t.Fatalf("errors = %v", res.Errors)
	}
	if len(res.Findings) != 1 {
		t.Fatalf("findings = %v", lines(dir, res))
	}
}

func TestUnreadableFile(t *testing.T) {
	if runtime.GOOS == "windows" || os.Geteuid() == 0 {
		t.Skip("permission bits do not stop root or Windows")
	}
	dir := writeFiles(t, map[string]string{"a.txt": "Head\n\nFLAG\n", "b.txt": "Head\n\nFLAG\n"})
	if err := os.Chmod(filepath.Join(dir, "a.txt"), 0); err != nil {
		t.Fatal(err)
	}
	res := Run(context.Background(), []string{dir}, Options{Rules: testRules()})
	if len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Error(), "permission denied") {
		t.Fatalf("errors = %v", res.Errors)
	}
	if len(res.Findings) != 1 {
		t.Fatalf("findings = %v", lines(dir, res))
	}
}

func TestBinaryAndLatin1Notes(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"bin.txt":    "Head\x00\x01\x02FLAG",
		"latin1.txt": "Caf\xe9 head\n\nThe caf\xe9 FLAG\n",
	})
	res := Run(context.Background(), []string{dir}, Options{Rules: testRules()})
	notes := strings.Join(res.Notes, "\n")
	if !strings.Contains(notes, "bin.txt: skipped: binary file") || !strings.Contains(notes, "latin1.txt: not valid UTF-8: read as Windows-1252") {
		t.Errorf("notes = %q", notes)
	}
	got := lines(dir, res)
	// "The café FLAG": é is one byte and one column.
	if len(got) != 1 || got[0] != "latin1.txt:3:10: flag-word" {
		t.Errorf("findings = %v", got)
	}
	if res.Findings[0].Match != "FLAG" || res.Findings[0].Offset != 20 {
		t.Errorf("match %q offset %d", res.Findings[0].Match, res.Findings[0].Offset)
	}
}

func TestStdin(t *testing.T) {
	res := Run(context.Background(), []string{"-"}, Options{
		Rules: testRules(), Stdin: strings.NewReader("Head\n\n“Quote” — FLAG\n"), StdinName: "story.txt",
	})
	if len(res.Findings) != 1 {
		t.Fatalf("findings = %+v", res.Findings)
	}
	f := res.Findings[0]
	if f.Path != "story.txt" || f.Line != 3 || f.Column != 11 || f.EndColumn != 15 {
		t.Errorf("got %s:%d:%d-%d", f.Path, f.Line, f.Column, f.EndColumn)
	}
}

func TestSuppression(t *testing.T) {
	src := strings.Join([]string{
		"# Head", // 1
		"",       // 2
		"<!-- copydesk-disable-next-line flag-word -- checked -->", // 3
		"FLAG suppressed by next-line",                             // 4
		"",                                                         // 5
		"FLAG reported",                                            // 6
		"",                                                         // 7
		"<!-- copydesk-disable flag-word -->",                      // 8
		"",                                                         // 9
		"FLAG in range",                                            // 10
		"",                                                         // 11
		"<!-- copydesk-enable flag-word -->",                       // 12
		"",                                                         // 13
		"FLAG after range",                                         // 14
		"",                                                         // 15
		"<!-- copydesk-disable-next-line flag-word -->", // 16
		"Nothing to suppress here.",                     // 17
		"",                                              // 18
		"<!-- copydesk-disable-next-line no-such-rule -->", // 19
		"",                                  // 20
		"<!-- copydesk-frobnicate -->",      // 21
		"",                                  // 22
		"<!-- want \"not a directive\" -->", // 23
		"",
	}, "\n")
	dir := writeFiles(t, map[string]string{"a.md": src})
	known := func(n string) bool { return n == "flag-word" || n == UnusedDirective }
	res := Run(context.Background(), []string{dir}, Options{Rules: testRules(), Known: known})
	got := strings.Join(lines(dir, res), "\n")
	want := strings.Join([]string{
		"a.md:6:1: flag-word",
		"a.md:14:1: flag-word",
		"a.md:16:1: unused-directive",
		"a.md:19:1: unused-directive",
		"a.md:21:1: unused-directive",
	}, "\n")
	if got != want {
		t.Errorf("findings:\n%s\nwant:\n%s", got, want)
	}
	for _, f := range res.Findings {
		if f.Line == 19 && !strings.Contains(f.Message, `unknown rule "no-such-rule"`) {
			t.Errorf("line 19 message %q", f.Message)
		}
	}
}

func TestSuppressionFileAndDisabledRule(t *testing.T) {
	src := "# Head\n\n<!-- copydesk-disable-file flag-word -- wire copy -->\n\nFLAG one\n\nFLAG two\n"
	dir := writeFiles(t, map[string]string{"a.md": src})
	res := Run(context.Background(), []string{dir}, Options{Rules: testRules()})
	if len(res.Findings) != 0 {
		t.Errorf("findings = %v", lines(dir, res))
	}
	// A directive for a rule that is off in this run is not stale.
	off := &RuleSet{Rules: []rules.Rule{engineRule{unusedDirectiveMeta}}}
	known := func(n string) bool { return n == "flag-word" || n == UnusedDirective }
	res = Run(context.Background(), []string{dir}, Options{Rules: off, Known: known})
	if len(res.Findings) != 0 {
		t.Errorf("findings with rule off = %v", lines(dir, res))
	}
}

func TestPanicBecomesInternalError(t *testing.T) {
	dir := writeFiles(t, map[string]string{"a.txt": "Head\n\nKABOOM FLAG\n", "b.txt": "Head\n\nFLAG\n"})
	rs := testRules(wordRule{name: "fragile", word: "x", panicOn: "KABOOM"})
	res := Run(context.Background(), []string{dir}, Options{Rules: rs})
	got := strings.Join(lines(dir, res), "\n")
	want := "a.txt:1:1: internal-error\na.txt:3:8: flag-word\nb.txt:3:1: flag-word"
	if got != want {
		t.Errorf("findings:\n%s\nwant:\n%s", got, want)
	}
}

func TestDeterministicOrderAndSummary(t *testing.T) {
	files := map[string]string{}
	for i := range 40 {
		files[fmt.Sprintf("d%02d/s%02d.txt", i%7, i)] = "Head\n\nFLAG and FLAG\n"
	}
	dir := writeFiles(t, files)
	first := Run(context.Background(), []string{dir}, Options{Rules: testRules(), Jobs: 8})
	for range 5 {
		again := Run(context.Background(), []string{dir}, Options{Rules: testRules(), Jobs: 3})
		if strings.Join(lines(dir, again), "\n") != strings.Join(lines(dir, first), "\n") {
			t.Fatal("order differs between runs")
		}
	}
	if first.Summary.Files != 40 || first.Summary.Findings != 80 || first.Summary.ByRule["flag-word"] != 80 || first.Summary.BySeverity["error"] != 80 {
		t.Errorf("summary = %+v", first.Summary)
	}
	if first.Summary.Words != 40*4 {
		t.Errorf("words = %d", first.Summary.Words)
	}
}

func TestFingerprintSurvivesLinesAbove(t *testing.T) {
	a := writeFiles(t, map[string]string{"s.txt": "Head\n\nFLAG then FLAG\n"})
	b := writeFiles(t, map[string]string{"s.txt": "Head\n\nA new paragraph.\n\nAnother.\n\nFLAG then FLAG\n"})
	ra := Run(context.Background(), []string{filepath.Join(a, "s.txt")}, Options{Rules: testRules()})
	rb := Run(context.Background(), []string{filepath.Join(b, "s.txt")}, Options{Rules: testRules()})
	// Same path string for both: run from each folder.
	if len(ra.Findings) != 2 || len(rb.Findings) != 2 {
		t.Fatal("want two findings each")
	}
	if ra.Findings[0].Fingerprint == ra.Findings[1].Fingerprint {
		t.Error("two occurrences share a fingerprint")
	}
	chdir(t, a)
	ra = Run(context.Background(), []string{"s.txt"}, Options{Rules: testRules()})
	chdir(t, b)
	rb = Run(context.Background(), []string{"s.txt"}, Options{Rules: testRules()})
	for i := range 2 {
		if ra.Findings[i].Fingerprint != rb.Findings[i].Fingerprint {
			t.Errorf("finding %d: fingerprint changed when lines were added above", i)
		}
		if ra.Findings[i].Line == rb.Findings[i].Line {
			t.Errorf("finding %d: test should move the line", i)
		}
	}
}

func chdir(t *testing.T, dir string) {
	t.Helper()
	t.Chdir(dir)
}

// countingCorpus is a corpus rule that flags the first block of every
// document when more than one document has the same headline.
type countingCorpus struct{}

func (countingCorpus) Meta() rules.Meta {
	return rules.Meta{Name: "same-headline", Category: rules.Duplicate, Severity: rules.Warning, Default: true}
}
func (countingCorpus) Check(*article.Document) []rules.Diagnostic { return nil }
func (countingCorpus) NewCorpus() rules.Corpus {
	return &headCorpus{seen: map[string][]headRef{}}
}

type headRef struct {
	path       string
	start, end int
}

type headCorpus struct {
	mu   sync.Mutex
	seen map[string][]headRef
}

func (c *headCorpus) Add(doc *article.Document) {
	if len(doc.Blocks) == 0 {
		return
	}
	b := &doc.Blocks[0]
	s, e := b.SrcRange(0, len(b.Text))
	c.mu.Lock()
	c.seen[b.Text] = append(c.seen[b.Text], headRef{doc.Path, s, e})
	c.mu.Unlock()
}

func (c *headCorpus) Finish() []rules.CorpusDiagnostic {
	var out []rules.CorpusDiagnostic
	for _, refs := range c.seen {
		if len(refs) < 2 {
			continue
		}
		for i, r := range refs {
			o := refs[(i+1)%len(refs)]
			out = append(out, rules.CorpusDiagnostic{Path: r.path, Diagnostic: rules.Diagnostic{
				Start: r.start, End: r.end, Message: "headline used elsewhere",
				Related: []rules.Related{{Path: o.path, Start: o.start, End: o.end}},
			}})
		}
	}
	return out
}

func TestCorpusRuleWithRelated(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"a.txt": "Same “head”\n\nBody.\n",
		"b.md":  "Intro line\n\n# Same “head”\n\nBody.\n",
		"c.txt": "Different\n\nBody.\n",
	})
	// In b.md the first block is "Intro line": make both firsts equal.
	if err := os.WriteFile(filepath.Join(dir, "b.md"), []byte("\n\n\nSame “head”\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	res := Run(context.Background(), []string{dir}, Options{Rules: testRules(countingCorpus{})})
	got := strings.Join(lines(dir, res), "\n")
	if got != "a.txt:1:1: same-headline\nb.md:4:1: same-headline" {
		t.Fatalf("findings:\n%s", got)
	}
	f := res.Findings[0]
	if len(f.Related) != 1 || f.Related[0].Line != 4 || f.Related[0].Column != 1 || f.Related[0].EndColumn != 12 {
		t.Errorf("related = %+v", f.Related)
	}
	if f.EndColumn != 12 {
		t.Errorf("end column %d, want 12 (curly quotes count one column each)", f.EndColumn)
	}
	// One document alone does not run the corpus pass.
	res = Run(context.Background(), []string{filepath.Join(dir, "a.txt")}, Options{Rules: testRules(countingCorpus{})})
	if len(res.Findings) != 0 {
		t.Errorf("single document: %v", lines(dir, res))
	}
}

func TestSymlinkLoopAndLinkedFile(t *testing.T) {
	dir := writeFiles(t, map[string]string{"real/a.txt": "Head\n\nFLAG\n"})
	if err := os.Symlink(filepath.Join(dir, "real"), filepath.Join(dir, "real", "loop")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	if err := os.Symlink(filepath.Join(dir, "real", "a.txt"), filepath.Join(dir, "link.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "gone.txt"), filepath.Join(dir, "dangling.txt")); err != nil {
		t.Fatal(err)
	}
	res := Run(context.Background(), []string{dir}, Options{Rules: testRules()})
	got := strings.Join(lines(dir, res), "\n")
	if got != "link.txt:3:1: flag-word\nreal/a.txt:3:1: flag-word" {
		t.Errorf("findings:\n%s", got)
	}
	if len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Path, "dangling.txt") {
		t.Errorf("errors = %v", res.Errors)
	}
}

func TestCancelledRunStops(t *testing.T) {
	dir := writeFiles(t, map[string]string{"a.txt": "Head\n\nFLAG\n"})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res := Run(ctx, []string{dir}, Options{Rules: testRules()})
	if len(res.Findings) != 0 {
		t.Errorf("a cancelled run checked files: %v", lines(dir, res))
	}
}

// panickyCorpus panics when the run collects its diagnostics.
type panickyCorpus struct{ countingCorpus }

func (panickyCorpus) NewCorpus() rules.Corpus { return panicFinish{} }

type panicFinish struct{}

func (panicFinish) Add(*article.Document)            {}
func (panicFinish) Finish() []rules.CorpusDiagnostic { panic("finish boom") }

func TestCorpusPanicIsAnError(t *testing.T) {
	dir := writeFiles(t, map[string]string{"a.txt": "Head\n\nFLAG\n", "b.txt": "Head\n\nB.\n"})
	res := Run(context.Background(), []string{dir}, Options{Rules: testRules(panickyCorpus{})})
	if len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Error(), "rule same-headline: internal error in the cross-document pass: finish boom") {
		t.Fatalf("errors = %v", res.Errors)
	}
	if len(res.Findings) != 1 {
		t.Errorf("the other rules' findings are kept: %v", lines(dir, res))
	}
}

// The fingerprint is the first half of the SHA-256 of rule, path,
// normalised match and occurrence, NUL-separated: stored baselines and "new
// since last week" depend on it never changing.
func TestFingerprintDefinition(t *testing.T) {
	fs := []rules.Finding{
		{Rule: "placeholder", Path: "a/b.md", Match: "  [Source]\n here "},
		{Rule: "placeholder", Path: "a/b.md", Match: "[source] HERE"},
		{Rule: "a-an", Path: "ü.txt", Match: ""},
	}
	fingerprint(fs)
	for i, occ := range []int{0, 1, 0} {
		f := fs[i]
		norm := strings.Join(strings.Fields(strings.ToLower(f.Match)), " ")
		h := sha256.Sum256([]byte(fmt.Sprintf("%s\x00%s\x00%s\x00%d", f.Rule, f.Path, norm, occ)))
		if want := hex.EncodeToString(h[:16]); f.Fingerprint != want {
			t.Errorf("finding %d: fingerprint %s, want %s", i, f.Fingerprint, want)
		}
	}
}

func TestAppendLowerFieldsAgreesWithJoinFieldsToLower(t *testing.T) {
	pieces := []string{"word", "WoRD", " ", "  ", "\t", "\n", "\v", "\f", "\r", "\u0085", "\u00a0", "\u2003", "\u3000", "É", "é",
		"Σ", "İ", "ǅ", "\u212a", "\u1e9e", "x", "Z", "@[`{", "\xff", "\xe2\x80", "\xef\xbf\xbd", ",", "…", ""}
	r := rand.New(rand.NewPCG(7, 8))
	for n := 0; n < 50000; n++ {
		var b strings.Builder
		for k := r.IntN(10); k >= 0; k-- {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		s := b.String()
		want := strings.Join(strings.Fields(strings.ToLower(s)), " ")
		if got := string(appendLowerFields([]byte("pre"), s)); got != "pre"+want {
			t.Fatalf("appendLowerFields(%q) = %q, want %q", s, got, "pre"+want)
		}
	}
	for c := range 256 {
		s := "a" + string(rune(c)) + "b " + string([]byte{byte(c)}) + " c"
		want := strings.Join(strings.Fields(strings.ToLower(s)), " ")
		if got := string(appendLowerFields(nil, s)); got != want {
			t.Fatalf("appendLowerFields(%q) = %q, want %q", s, got, want)
		}
	}
}

// fingerprintOracle is fingerprint as it was before appendLowerFields.
func fingerprintOracle(fs []rules.Finding) {
	seen := map[string]int{}
	var buf []byte
	for i := range fs {
		f := &fs[i]
		norm := strings.Join(strings.Fields(strings.ToLower(f.Match)), " ")
		key := f.Rule + "\x00" + norm
		occ := seen[key]
		seen[key] = occ + 1
		buf = append(buf[:0], f.Rule...)
		buf = append(append(buf, 0), f.Path...)
		buf = append(append(buf, 0), norm...)
		buf = strconv.AppendInt(append(buf, 0), int64(occ), 10)
		h := sha256.Sum256(buf)
		f.Fingerprint = hex.EncodeToString(h[:16])
	}
}

func TestFingerprintAgreesWithOracle(t *testing.T) {
	matches := []string{"the the", "The  the", "THE\tTHE", "", " ", "café Café", "CAFÉ café", "\xff bad", "\ufffd BAD", "a\u00a0b", "a b", "A B",
		"\u212a", "k", "Σ σ", "ΣΑ\u2003σα"}
	var fs []rules.Finding
	for i, m := range matches {
		for _, rule := range []string{"repeated-word", "spacing"} {
			fs = append(fs, rules.Finding{Rule: rule, Path: "a/b.txt", Match: m, Offset: i})
		}
	}
	want := append([]rules.Finding(nil), fs...)
	fingerprintOracle(want)
	for i := range fs {
		alone := fs[i : i+1 : i+1]
		fingerprintOracle(alone)
		single := alone[0].Fingerprint
		fingerprint(alone)
		if alone[0].Fingerprint != single {
			t.Errorf("finding %d alone (%q %q): fingerprint %s, want %s", i, fs[i].Rule, fs[i].Match, alone[0].Fingerprint, single)
		}
	}
	fingerprint(fs)
	for i := range fs {
		if fs[i].Fingerprint != want[i].Fingerprint {
			t.Errorf("finding %d (%q %q): fingerprint %s, want %s", i, fs[i].Rule, fs[i].Match, fs[i].Fingerprint, want[i].Fingerprint)
		}
	}
}

// Files named out of path order are checked in the order given, and their
// findings still come out sorted by path (result sorts them only then).
func TestFindingsSortedWhateverTheOrderOfArguments(t *testing.T) {
	dir := writeFiles(t, map[string]string{"a.txt": "Head\n\nFLAG\n", "b.txt": "Head\n\nFLAG and FLAG\n", "c.txt": "Head\n\nFLAG\n"})
	var paths []string
	for _, name := range []string{"c.txt", "a.txt", "b.txt"} {
		paths = append(paths, filepath.Join(dir, name))
	}
	res := Run(context.Background(), paths, Options{Rules: testRules(), Jobs: 2})
	var got []string
	for _, f := range res.Findings {
		got = append(got, fmt.Sprintf("%s:%d", filepath.Base(f.Path), f.Column))
	}
	if want := "a.txt:1 b.txt:1 b.txt:10 c.txt:1"; strings.Join(got, " ") != want {
		t.Errorf("findings = %v, want %s", got, want)
	}
	if docs := res.Documents; len(docs) != 3 || filepath.Base(docs[0].Path) != "c.txt" {
		t.Errorf("documents are not in the order of the arguments: %+v", docs)
	}
}
