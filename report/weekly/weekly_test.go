package weekly

import (
	"context"
	"math"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/copydesk/copydesk/report/history"
	"github.com/copydesk/copydesk/rules"
)

// day returns a time in November 2026 (UTC) at 10:00.
func day(d int) time.Time { return time.Date(2026, 11, d, 10, 0, 0, 0, time.UTC) }

// The scenario's period is the week 23-30 November 2026; the previous one
// is 16-23 November; the trend runs from 7 September.
var (
	periodFrom = time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	periodTo   = time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
)

type fnd struct {
	rule string
	cat  rules.Category
	sev  rules.Severity
	fp   string
}

type doc struct {
	path, section, author string
	words                 int
	findings              []fnd
}

func many(n int, rule string, cat rules.Category, sev rules.Severity, fpPrefix string, start int) []fnd {
	var out []fnd
	for i := range n {
		out = append(out, fnd{rule, cat, sev, fpPrefix + itoa(start+i)})
	}
	return out
}

func itoa(i int) string { return string(rune('0'+i/10)) + string(rune('0'+i%10)) }

func result(docs ...doc) *rules.Result {
	res := &rules.Result{}
	for _, d := range docs {
		res.Documents = append(res.Documents, rules.DocumentInfo{Path: d.path, Hash: "h-" + d.path, Words: d.words,
			Title: "Title of " + d.path, Section: d.section, Author: d.author})
		for i, f := range d.findings {
			res.Findings = append(res.Findings, rules.Finding{Path: d.path, Rule: f.rule, Category: f.cat, Severity: f.sev,
				Fingerprint: f.fp, Line: i + 1})
		}
	}
	return res
}

// Documents of the scenario, by path: section, author.
func a(words int, f ...fnd) doc { return doc{"news/a.md", "News", "Ann", words, f} }
func b(words int, f ...fnd) doc { return doc{"news/b.md", "News", "Ann", words, f} }
func c(words int, f ...fnd) doc { return doc{"news/c.md", "News", "Bob", words, f} }
func d(words int, f ...fnd) doc { return doc{"sport/d.md", "Sport", "Bob", words, f} }
func e(words int, f ...fnd) doc { return doc{"sport/e.md", "Sport", "Cy", words, f} }
func f(words int, fs ...fnd) doc {
	return doc{"arts/f.md", "Arts", "Dee", words, fs}
}

const (
	E = rules.Error
	W = rules.Warning
	S = rules.Suggestion
)

func cat(fs ...[]fnd) []fnd {
	var out []fnd
	for _, f := range fs {
		out = append(out, f...)
	}
	return out
}

// buildScenario records several weeks of runs with an injected clock.
func buildScenario(t *testing.T) *history.Store {
	t.Helper()
	ctx := context.Background()
	var now time.Time
	st, err := history.Open(ctx, filepath.Join(t.TempDir(), "history.db"), history.Options{Clock: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	record := func(at time.Time, run history.Run, res *rules.Result, cl []history.Cluster) {
		t.Helper()
		now = at
		if _, err := st.Record(ctx, run, res, cl); err != nil {
			t.Fatal(err)
		}
	}
	check := func(version, commit string, paths ...string) history.Run {
		return history.Run{Tool: history.ToolCheck, ToolVersion: version, RulesetVersion: "rs-2026-11", Paths: paths, GitCommit: commit}
	}
	// R0, trend week 0 (7-14 Sep): one clean document.
	record(time.Date(2026, 9, 8, 10, 0, 0, 0, time.UTC), check("0.8.0", "0000000", "sport"), result(e(1000)), nil)
	// R1, trend week 9 (9-16 Nov).
	record(day(10), check("0.9.0", "0000001", "news"), result(
		a(1000, many(6, "placeholder", rules.Leftover, E, "a", 1)...),
		b(500),
	), nil)
	// D1, a dupes run before the period.
	record(day(12), history.Run{Tool: history.ToolDupes, ToolVersion: "0.9.0", Paths: []string{"."}}, nil,
		[]history.Cluster{{Members: []string{"news/a.md", "wire/x.md"}, Canonical: "news/a.md", Similarity: 0.95}})
	// R2, the previous period.
	record(day(17), check("0.9.0", "0000002", "news", "sport", "arts"), result(
		a(1000, many(3, "placeholder", rules.Leftover, E, "a", 1)...),
		b(500, many(5, "hedge", rules.Style, W, "b", 1)...),
		c(1000),
		d(2000, many(6, "placeholder", rules.Leftover, E, "d", 1)...),
		e(1000),
		f(500, many(15, "passive", rules.Style, S, "f", 1)...),
	), nil)
	// R3, the period: everything.
	record(day(24), check("0.9.0", "1111111aaaa", "news", "sport", "arts"), result(
		a(1000, many(3, "placeholder", rules.Leftover, E, "a", 1)...),
		b(500, cat(many(3, "hedge", rules.Style, W, "b", 1), many(2, "hedge", rules.Style, W, "b", 6))...),
		c(1000, many(10, "cliche", rules.Style, W, "c", 1)...),
		d(2000),
		e(1000),
		f(100, fnd{"placeholder", rules.Leftover, E, "fe1"}, fnd{"repeated-word", rules.Mechanics, W, "fw1"},
			fnd{"passive", rules.Style, S, "fs1"}, fnd{"passive", rules.Style, S, "fs2"}),
	), nil)
	// D2, a dupes run in the period: one old cluster, two new.
	record(day(25), history.Run{Tool: history.ToolDupes, ToolVersion: "0.9.1", Paths: []string{"."}}, nil, []history.Cluster{
		{Members: []string{"wire/x.md", "news/a.md"}, Canonical: "news/a.md", Similarity: 0.96},
		{Members: []string{"sport/d.md", "sport/e.md"}, Canonical: "sport/d.md", Similarity: 0.9},
		{Members: []string{"wire/h.md", "wire/g.md", "wire/i.md"}, Canonical: "wire/g.md", Similarity: 0.91},
	})
	// R4, the period: a.md fixed.
	record(day(26), check("0.9.1", "2222222bbbb", "news/a.md"), result(a(1000)), nil)
	// A run after the period must not count.
	record(time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC), check("0.9.1", "3333333", "news"), result(
		a(1000, many(20, "placeholder", rules.Leftover, E, "z", 1)...)), nil)
	return st
}

func near(got, want float64) bool { return math.Abs(got-want) < 1e-9 }

func ptr(v float64) *float64 { return &v }
func iptr(v int) *int        { return &v }

func checkFigure(t *testing.T, name string, got Figure, value, prev float64, pct *float64) {
	t.Helper()
	if !near(got.Value, value) {
		t.Errorf("%s = %v, want %v", name, got.Value, value)
	}
	if got.Previous == nil || !near(*got.Previous, prev) {
		t.Errorf("%s previous = %v, want %v", name, fmtp(got.Previous), prev)
	}
	if got.Change == nil || !near(*got.Change, value-prev) {
		t.Errorf("%s change = %v, want %v", name, fmtp(got.Change), value-prev)
	}
	switch {
	case pct == nil && got.ChangePct != nil:
		t.Errorf("%s change%% = %v, want none", name, *got.ChangePct)
	case pct != nil && (got.ChangePct == nil || !near(*got.ChangePct, *pct)):
		t.Errorf("%s change%% = %v, want %v", name, fmtp(got.ChangePct), *pct)
	}
}

func fmtp(p *float64) any {
	if p == nil {
		return "nil"
	}
	return *p
}

func buildReport(t *testing.T, st *history.Store, opt Options) *Report {
	t.Helper()
	if opt.From.IsZero() {
		opt.From, opt.To = periodFrom, periodTo
	}
	if opt.MinGroup == 0 {
		opt.MinGroup = 2
	}
	opt.Now = time.Date(2026, 11, 30, 6, 0, 0, 0, time.UTC)
	r, err := Build(context.Background(), st, opt)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// Every number below is worked out by hand from the scenario; the document
// scores are 100 (clean), 50 (weighted density 30) and 25 (density 60).
func TestHeadline(t *testing.T) {
	r := buildReport(t, buildScenario(t), Options{})
	h := r.Headline
	// Current: a(R4) 1000w clean 100; b 500w 5W 50; c 1000w 10W 50; d 2000w 100; e 1000w 100;
	// f 100w 1E 1W 2S: 15 weighted over the 250-word floor = 60 -> 25.
	// Previous (R2): a 3E 50; b 5W 50; c 100; d 6E/2000w 50; e 100; f 15S/500w 50.
	checkFigure(t, "documents", h.Documents, 6, 6, ptr(0))
	checkFigure(t, "words", h.Words, 5600, 6000, ptr(-400.0/6000*100))
	checkFigure(t, "findings", h.Findings, 19, 29, ptr(-10.0/29*100))
	checkFigure(t, "errors", h.Errors, 1, 9, ptr(-8.0/9*100))
	checkFigure(t, "warnings", h.Warnings, 16, 5, ptr(11.0/5*100))
	checkFigure(t, "suggestions", h.Suggestions, 2, 15, ptr(-13.0/15*100))
	checkFigure(t, "density", h.Density, 19.0/5600*1000, 29.0/6000*1000, ptr((19.0/5600-29.0/6000)/(29.0/6000)*100))
	// (1000*100 + 500*50 + 1000*50 + 2000*100 + 1000*100 + 100*25) / 5600 = 477500/5600
	// (1000*50 + 500*50 + 1000*100 + 2000*50 + 1000*100 + 500*50) / 6000 = 400000/6000
	checkFigure(t, "score", h.Score, 477500.0/5600, 400000.0/6000, ptr((477500.0/5600-400000.0/6000)/(400000.0/6000)*100))
	if h.Band != "fair" {
		t.Errorf("band = %q, want fair (85.3)", h.Band)
	}
	if !r.Period.From.Equal(periodFrom) || !r.Previous.From.Equal(time.Date(2026, 11, 16, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("periods = %+v / %+v", r.Period, r.Previous)
	}
}

func TestTrend(t *testing.T) {
	r := buildReport(t, buildScenario(t), Options{})
	if len(r.Trend) != 12 {
		t.Fatalf("trend has %d weeks, want 12", len(r.Trend))
	}
	if want := time.Date(2026, 9, 7, 0, 0, 0, 0, time.UTC); !r.Trend[0].From.Equal(want) {
		t.Errorf("trend starts %v, want %v", r.Trend[0].From, want)
	}
	type pt struct {
		docs, words, findings int
		density, score        *float64
	}
	want := map[int]pt{
		0:  {1, 1000, 0, ptr(0), ptr(100)},
		9:  {2, 1500, 6, ptr(4), ptr(50)}, // a 6E/1000w -> 25, b clean 100: (25000+50000)/1500
		10: {6, 6000, 29, ptr(29.0 / 6000 * 1000), ptr(400000.0 / 6000)},
		11: {6, 5600, 19, ptr(19.0 / 5600 * 1000), ptr(477500.0 / 5600)}, // a counted once, by R4
	}
	for i, w := range r.Trend {
		exp, ok := want[i]
		if !ok {
			exp = pt{}
		}
		if w.Documents != exp.docs || w.Words != exp.words || w.Findings != exp.findings {
			t.Errorf("week %d: %d docs, %d words, %d findings; want %d, %d, %d", i, w.Documents, w.Words, w.Findings, exp.docs, exp.words, exp.findings)
		}
		for _, c := range []struct {
			name      string
			got, want *float64
		}{{"density", w.Density, exp.density}, {"score", w.Score, exp.score}} {
			if (c.got == nil) != (c.want == nil) || (c.got != nil && !near(*c.got, *c.want)) {
				t.Errorf("week %d %s = %v, want %v", i, c.name, fmtp(c.got), fmtp(c.want))
			}
		}
	}
}

func TestTopRulesAndFixFirst(t *testing.T) {
	r := buildReport(t, buildScenario(t), Options{})
	// Now: cliche 10, hedge 5, passive 2, placeholder 1, repeated-word 1 (19).
	// Before: placeholder 9, hedge 5, passive 15.
	want := []RuleRow{
		{Rule: "cliche", Category: "style", Severity: "warning", Count: 10, Share: 10.0 / 19, Previous: iptr(0), Change: iptr(10)},
		{Rule: "hedge", Category: "style", Severity: "warning", Count: 5, Share: 5.0 / 19, Previous: iptr(5), Change: iptr(0)},
		{Rule: "passive", Category: "style", Severity: "suggestion", Count: 2, Share: 2.0 / 19, Previous: iptr(15), Change: iptr(-13)},
		{Rule: "placeholder", Category: "leftover", Severity: "error", Count: 1, Share: 1.0 / 19, Previous: iptr(9), Change: iptr(-8)},
		{Rule: "repeated-word", Category: "mechanics", Severity: "warning", Count: 1, Share: 1.0 / 19, Previous: iptr(0), Change: iptr(1)},
	}
	if len(r.TopRules) != len(want) {
		t.Fatalf("top rules = %+v", r.TopRules)
	}
	for i, w := range want {
		g := r.TopRules[i]
		if g.Rule != w.Rule || g.Category != w.Category || g.Severity != w.Severity || g.Count != w.Count ||
			!near(g.Share, w.Share) || *g.Previous != *w.Previous || *g.Change != *w.Change {
			t.Errorf("top rule %d = %+v (prev %d, change %d), want %+v (prev %d, change %d)", i, g, *g.Previous, *g.Change, w, *w.Previous, *w.Change)
		}
	}
	// Gain = words * (100 - score) / 5600.
	wantFix := []struct {
		path         string
		score, gain  float64
		e, w, s, wds int
	}{
		{"news/c.md", 50, 1000 * 50.0 / 5600, 0, 10, 0, 1000},
		{"news/b.md", 50, 500 * 50.0 / 5600, 0, 5, 0, 500},
		{"arts/f.md", 25, 100 * 75.0 / 5600, 1, 1, 2, 100},
	}
	if len(r.FixFirst) != len(wantFix) {
		t.Fatalf("fix first = %+v", r.FixFirst)
	}
	for i, w := range wantFix {
		g := r.FixFirst[i]
		if g.Path != w.path || !near(g.Score, w.score) || !near(g.Gain, w.gain) || g.Errors != w.e || g.Warnings != w.w || g.Suggestions != w.s || g.Words != w.wds {
			t.Errorf("fix first %d = %+v, want %+v", i, g, w)
		}
	}
	if r.FixFirst[0].Author != "Bob" || r.FixFirst[0].Section != "News" || r.FixFirst[0].Title != "Title of news/c.md" {
		t.Errorf("fix first row lacks its front matter: %+v", r.FixFirst[0])
	}
}

func checkGroups(t *testing.T, kind string, got []Group, want []Group) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s = %+v, want %d groups", kind, got, len(want))
	}
	for i, w := range want {
		g := got[i]
		if g.Name != w.Name || g.Documents != w.Documents || g.Words != w.Words || g.Findings != w.Findings ||
			!near(g.Density, w.Density) || !near(g.Score, w.Score) || g.Folded != w.Folded ||
			(g.Change == nil) != (w.Change == nil) || (g.Change != nil && (!near(*g.Change, *w.Change) || !near(*g.Previous, *w.Previous))) ||
			!reflect.DeepEqual(g.FoldedNames, w.FoldedNames) {
			t.Errorf("%s %d = %+v (prev %v, change %v)\nwant %+v (prev %v, change %v)", kind, i, g, fmtp(g.Previous), fmtp(g.Change), w, fmtp(w.Previous), fmtp(w.Change))
		}
	}
}

func TestGroupsFoldSmallOnes(t *testing.T) {
	r := buildReport(t, buildScenario(t), Options{MinGroup: 2})
	checkGroups(t, "sections", r.Sections, []Group{
		// a 100, b 50, c 50: (100000+25000+50000)/2500; before a 50, b 50, c 100: (50000+25000+100000)/2500.
		{Name: "News", Documents: 3, Words: 2500, Findings: 15, Density: 6, Score: 70, Previous: ptr(70), Change: ptr(0)},
		// d 100, e 100; before d 50 (2000w), e 100: 200000/3000.
		{Name: "Sport", Documents: 2, Words: 3000, Findings: 0, Density: 0, Score: 100, Previous: ptr(200000.0 / 3000), Change: ptr(100 - 200000.0/3000)},
		// Arts has one document: folded. f 25 now, 50 before.
		{Name: "Other", Documents: 1, Words: 100, Findings: 4, Density: 40, Score: 25, Previous: ptr(50), Change: ptr(-25), Folded: 1, FoldedNames: []string{"Arts"}},
	})
	checkGroups(t, "authors", r.Authors, []Group{
		// Ann: a 100, b 50 -> 125000/1500; before a 50, b 50.
		{Name: "Ann", Documents: 2, Words: 1500, Findings: 5, Density: 5.0 / 1500 * 1000, Score: 125000.0 / 1500, Previous: ptr(50), Change: ptr(125000.0/1500 - 50)},
		// Bob: c 50, d 100 -> 250000/3000; before c 100, d 50 -> 200000/3000.
		{Name: "Bob", Documents: 2, Words: 3000, Findings: 10, Density: 10.0 / 3000 * 1000, Score: 250000.0 / 3000, Previous: ptr(200000.0 / 3000), Change: ptr(50000.0 / 3000)},
		// Cy (e) and Dee (f) fold: e 100 (1000w), f 25 (100w); before e 100, f 50 (500w).
		{Name: "Other", Documents: 2, Words: 1100, Findings: 4, Density: 4.0 / 1100 * 1000, Score: 102500.0 / 1100, Previous: ptr(125000.0 / 1500),
			Change: ptr(102500.0/1100 - 125000.0/1500), Folded: 2, FoldedNames: []string{"Cy", "Dee"}},
	})

	// With a minimum of 3, only News stands alone.
	r = buildReport(t, buildScenario(t), Options{MinGroup: 3})
	if len(r.Sections) != 2 || r.Sections[0].Name != "News" || r.Sections[1].Name != "Other" || r.Sections[1].Documents != 3 || r.Sections[1].Folded != 2 {
		t.Errorf("sections with min 3 = %+v", r.Sections)
	}
	if len(r.Authors) != 1 || r.Authors[0].Name != "Other" || r.Authors[0].Documents != 6 || r.Authors[0].Folded != 4 {
		t.Errorf("authors with min 3 = %+v", r.Authors)
	}
}

func TestAnonymize(t *testing.T) {
	r := buildReport(t, buildScenario(t), Options{MinGroup: 2, Anonymize: true})
	// Ann and Bob have two documents each (by name: Ann first), Cy and Dee one.
	if r.Authors[0].Name != "Author 1" || r.Authors[1].Name != "Author 2" {
		t.Errorf("authors = %q, %q; want Author 1, Author 2", r.Authors[0].Name, r.Authors[1].Name)
	}
	if !reflect.DeepEqual(r.Authors[2].FoldedNames, []string{"Author 3", "Author 4"}) {
		t.Errorf("folded authors = %v", r.Authors[2].FoldedNames)
	}
	if r.FixFirst[0].Author != "Author 2" {
		t.Errorf("fix-first author = %q, want Author 2 (Bob)", r.FixFirst[0].Author)
	}
}

func TestNewAndResolved(t *testing.T) {
	r := buildReport(t, buildScenario(t), Options{Top: 100})
	// New: b6 b7 (W), c01-c10 (W), f's fe1 (E) fw1 (W) fs1 fs2 (S) = 16.
	// Resolved: a1-a3 (E, fixed in R4), b4 b5 (W), d1-d6 (E), f1-f15 (S) = 26.
	if r.New.Total != 16 || !reflect.DeepEqual(r.New.BySeverity, map[string]int{"error": 1, "warning": 13, "suggestion": 2}) {
		t.Errorf("new = %d %v, want 16 {error 1, warning 13, suggestion 2}", r.New.Total, r.New.BySeverity)
	}
	if r.Resolved.Total != 26 || !reflect.DeepEqual(r.Resolved.BySeverity, map[string]int{"error": 9, "warning": 2, "suggestion": 15}) {
		t.Errorf("resolved = %d %v, want 26 {error 9, warning 2, suggestion 15}", r.Resolved.Total, r.Resolved.BySeverity)
	}
	if len(r.New.Findings) != 16 || r.New.Findings[0].Fingerprint != "fe1" || r.New.Findings[0].Severity != "error" {
		t.Errorf("new list starts %+v, want fe1 (the only error)", r.New.Findings[0])
	}
	got := map[string]bool{}
	for _, f := range r.New.Findings {
		got[f.Fingerprint] = true
	}
	for _, fp := range []string{"b06", "b07", "c01", "c10", "fe1", "fw1", "fs1", "fs2"} {
		if !got[fp] {
			t.Errorf("new findings lack %s", fp)
		}
	}
	for _, fp := range []string{"b01", "a01"} {
		if got[fp] {
			t.Errorf("%s is listed as new but was there before", fp)
		}
	}
	// The list is cut at Top; the totals are not.
	r = buildReport(t, buildScenario(t), Options{Top: 3})
	if len(r.Resolved.Findings) != 3 || r.Resolved.Total != 26 {
		t.Errorf("cut resolved list: %d rows of %d", len(r.Resolved.Findings), r.Resolved.Total)
	}
}

func TestNewClusters(t *testing.T) {
	r := buildReport(t, buildScenario(t), Options{})
	want := []Cluster{
		{Canonical: "wire/g.md", Members: []string{"wire/g.md", "wire/h.md", "wire/i.md"}, Similarity: 0.91, Seen: day(25)},
		{Canonical: "sport/d.md", Members: []string{"sport/d.md", "sport/e.md"}, Similarity: 0.9, Seen: day(25)},
	}
	if !reflect.DeepEqual(r.Clusters, want) {
		t.Errorf("clusters = %+v\nwant %+v", r.Clusters, want)
	}
}

func TestCoverage(t *testing.T) {
	r := buildReport(t, buildScenario(t), Options{})
	want := Coverage{Runs: 3, CheckRuns: 2, DupesRuns: 1, First: day(24), Last: day(26),
		ToolVersions: []string{"0.9.0", "0.9.1"}, RulesetVersions: []string{"rs-2026-11"},
		Paths: []string{".", "arts", "news", "news/a.md", "sport"}, GitCommits: []string{"1111111aaaa", "2222222bbbb"}}
	if !reflect.DeepEqual(r.Coverage, want) {
		t.Errorf("coverage = %+v\nwant %+v", r.Coverage, want)
	}
}

// With nothing before the period there is no change to report.
func TestNoPreviousPeriod(t *testing.T) {
	ctx := context.Background()
	st, err := history.Open(ctx, filepath.Join(t.TempDir(), "h.db"), history.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Record(ctx, history.Run{Time: day(24)}, result(a(1000, many(3, "placeholder", rules.Leftover, E, "a", 1)...)), nil); err != nil {
		t.Fatal(err)
	}
	r := buildReport(t, st, Options{})
	h := r.Headline
	if h.Score.Previous != nil || h.Score.Change != nil || h.Documents.Change != nil {
		t.Errorf("headline has a previous figure without a previous period: %+v", h)
	}
	if !near(h.Score.Value, 50) || h.Band != "poor" {
		t.Errorf("score = %v %s, want 50 poor", h.Score.Value, h.Band)
	}
	if r.TopRules[0].Change != nil || r.New.Total != 3 || r.Resolved.Total != 0 {
		t.Errorf("top rule %+v, new %d, resolved %d", r.TopRules[0], r.New.Total, r.Resolved.Total)
	}
	if r.Sections[0].Change != nil {
		t.Errorf("section has a change without a previous period: %+v", r.Sections[0])
	}
}

func TestBuildRejectsEmptyPeriod(t *testing.T) {
	st := buildScenario(t)
	if _, err := Build(context.Background(), st, Options{From: periodTo, To: periodFrom}); err == nil {
		t.Error("Build accepted a period that ends before it starts")
	}
}

func TestScore(t *testing.T) {
	tests := []struct {
		words, e, w, s int
		want           float64
	}{
		{1000, 0, 0, 0, 100},
		{1000, 3, 0, 0, 50},
		{1000, 0, 10, 0, 50},
		{1000, 0, 0, 30, 50},
		{2000, 6, 0, 0, 50},
		{1000, 6, 0, 0, 25},
		{100, 1, 1, 2, 25}, // 15 weighted over the 250-word floor
		{250, 1, 1, 2, 25}, // the floor itself
		{500, 1, 1, 2, 50}, // 15 / 500 words = 30
		{0, 0, 0, 0, 100},  // an empty document is clean
		{1000, 1, 0, 0, 100 * math.Pow(2, -1.0/3)},
	}
	for _, tt := range tests {
		if got := DocumentScore(tt.words, tt.e, tt.w, tt.s); !near(got, tt.want) {
			t.Errorf("DocumentScore(%d words, %d/%d/%d) = %v, want %v", tt.words, tt.e, tt.w, tt.s, got, tt.want)
		}
	}
	for _, b := range []struct {
		score float64
		band  string
	}{{100, "good"}, {90, "good"}, {89.99, "fair"}, {75, "fair"}, {74.9, "poor"}, {0, "poor"}} {
		if got := Band(b.score); got != b.band {
			t.Errorf("Band(%v) = %s, want %s", b.score, got, b.band)
		}
	}
}

func TestParsePeriod(t *testing.T) {
	now := time.Date(2026, 11, 30, 6, 30, 0, 0, time.UTC)
	tests := []struct {
		since, from, to string
		want            Period
		ok              bool
	}{
		{"", "", "", Period{now.Add(-7 * 24 * time.Hour), now}, true},
		{"7d", "", "", Period{now.Add(-7 * 24 * time.Hour), now}, true},
		{"4w", "", "", Period{now.Add(-28 * 24 * time.Hour), now}, true},
		{"", "2026-11-01", "2026-11-07", Period{time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 11, 8, 0, 0, 0, 0, time.UTC)}, true},
		{"", "2026-11-01", "", Period{time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), now}, true},
		{"", "", "2026-11-07", Period{time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 11, 8, 0, 0, 0, 0, time.UTC)}, true},
		{"7d", "2026-11-01", "", Period{}, false},
		{"", "2026-11-08", "2026-11-01", Period{}, false},
		{"", "Nov 1", "", Period{}, false},
		{"seven", "", "", Period{}, false},
	}
	for _, tt := range tests {
		got, err := ParsePeriod(now, tt.since, tt.from, tt.to)
		if (err == nil) != tt.ok || !got.From.Equal(tt.want.From) || !got.To.Equal(tt.want.To) {
			t.Errorf("ParsePeriod(%q, %q, %q) = %+v, %v; want %+v, ok=%v", tt.since, tt.from, tt.to, got, err, tt.want, tt.ok)
		}
	}
}

func TestPeriodLabel(t *testing.T) {
	tests := []struct {
		p    Period
		want string
	}{
		{Period{periodFrom, periodTo}, "23–29 Nov 2026"},
		{Period{time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC), time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC)}, "28 Nov – 4 Dec 2026"},
		{Period{time.Date(2026, 12, 28, 0, 0, 0, 0, time.UTC), time.Date(2027, 1, 4, 0, 0, 0, 0, time.UTC)}, "28 Dec 2026 – 3 Jan 2027"},
		{Period{periodFrom, periodFrom.Add(24 * time.Hour)}, "23 Nov 2026"},
		{Period{day(23), day(30)}, "23 Nov 10:00 – 30 Nov 2026 10:00 UTC"},
		{Period{day(23).AddDate(-1, 0, 0), day(30)}, "23 Nov 2025 10:00 – 30 Nov 2026 10:00 UTC"},
	}
	for _, tt := range tests {
		if got := tt.p.Label(); got != tt.want {
			t.Errorf("Label() = %q, want %q", got, tt.want)
		}
	}
}

// A two-week period makes the latest trend week a plain window, summed in
// SQLite over two runs: a.md must still count once, by its latest check.
func TestTrendWindowOverSeveralRuns(t *testing.T) {
	r := buildReport(t, buildScenario(t), Options{From: periodFrom.Add(-week), To: periodTo})
	w := r.Trend[11]
	if w.Documents != 6 || w.Words != 5600 || w.Findings != 19 || !near(*w.Score, 477500.0/5600) || !near(*w.Density, 19.0/5600*1000) {
		t.Errorf("last week = %+v (score %v), want 6 docs, 5600 words, 19 findings, score %v", w, fmtp(w.Score), 477500.0/5600)
	}
	// The period holds R2, R3 and R4: each document by its latest check.
	if r.Headline.Documents.Value != 6 || r.Headline.Findings.Value != 19 {
		t.Errorf("two-week headline = %+v", r.Headline)
	}
}

// A document that was not checked in the previous period is compared with
// its latest check before that.
func TestBaselineLooksBack(t *testing.T) {
	ctx := context.Background()
	st, err := history.Open(ctx, filepath.Join(t.TempDir(), "h.db"), history.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	g := func(fps ...string) *rules.Result {
		var fs []fnd
		for _, fp := range fps {
			fs = append(fs, fnd{"hedge", rules.Style, W, fp})
		}
		return result(doc{"g.md", "", "", 1000, fs})
	}
	for _, run := range []struct {
		at  time.Time
		res *rules.Result
	}{
		{day(2), g("g1", "g9")},   // three weeks back
		{day(17), result(b(500))}, // the previous period, without g.md
		{day(24), g("g1", "g2")},  // the period
	} {
		if _, err := st.Record(ctx, history.Run{Time: run.at}, run.res, nil); err != nil {
			t.Fatal(err)
		}
	}
	r := buildReport(t, st, Options{})
	if r.New.Total != 1 || r.New.Findings[0].Fingerprint != "g2" {
		t.Errorf("new = %+v, want only g2", r.New)
	}
	if r.Resolved.Total != 1 || r.Resolved.Findings[0].Fingerprint != "g9" {
		t.Errorf("resolved = %+v, want only g9", r.Resolved)
	}
}
