// Package weekly builds copydesk's quality report from the run history
// (report/history) and writes it as a self-contained HTML page, Markdown (a
// CI job summary or an email) or JSON (the same numbers, for other tools).
//
// A report covers a period [From, To) and compares it with the period of
// the same length just before. Within a period each document counts once,
// by its latest check; the trend chart does the same for each of the 12
// weeks ending at To. Findings are new when the document's latest check
// before the period (looking back over the trend's 12 weeks) did not have
// them, matched by fingerprint, and resolved when that earlier check had
// them and the period's latest check does not. See score.go for the
// quality score.
package weekly

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/copydesk/copydesk/report/history"
	"github.com/copydesk/copydesk/rules"
)

// Version is the JSON report's format version.
const Version = 1

// TrendWeeks is how many weeks the trend chart covers.
const TrendWeeks = 12

const week = 7 * 24 * time.Hour

// Options choose the report's period and presentation.
type Options struct {
	From, To time.Time // the period [From, To); required
	// MinGroup is the fewest documents a section or author needs to be
	// shown on its own; smaller groups are folded into "Other". Default 3.
	MinGroup int
	// Anonymize replaces author names with "Author 1", "Author 2", ... in
	// order of size.
	Anonymize bool
	// Top is how many rows the top-rules and fix-first tables and the
	// new/resolved lists hold. Default 10.
	Top int
	// Now is the report's generation time (the footnote); time.Now when zero.
	Now time.Time
}

// Report is the built report: every number the formats print.
type Report struct {
	Version   int       `json:"version"`
	Generated time.Time `json:"generated"`
	Period    Period    `json:"period"`
	Previous  Period    `json:"previous"`
	Headline  Headline  `json:"headline"`
	Trend     []Week    `json:"trend"`
	TopRules  []RuleRow `json:"top_rules"`
	FixFirst  []DocRow  `json:"fix_first"`
	Sections  []Group   `json:"sections"`
	Authors   []Group   `json:"authors"`
	MinGroup  int       `json:"min_group"`
	New       Changes   `json:"new"`
	Resolved  Changes   `json:"resolved"`
	Clusters  []Cluster `json:"clusters"`
	Coverage  Coverage  `json:"coverage"`
	Method    string    `json:"method"`
	Anonymous bool      `json:"anonymized"`
}

// Period is a half-open time range.
type Period struct {
	From time.Time `json:"from"`
	To   time.Time `json:"to"`
}

// Figure is a headline number with its value in the previous period.
// Previous and Change are absent when the previous period has no checks;
// ChangePct also when the previous value is zero.
type Figure struct {
	Value     float64  `json:"value"`
	Previous  *float64 `json:"previous,omitempty"`
	Change    *float64 `json:"change,omitempty"`
	ChangePct *float64 `json:"change_pct,omitempty"`
}

// Headline holds the period's main figures.
type Headline struct {
	Documents   Figure `json:"documents"`
	Words       Figure `json:"words"`
	Findings    Figure `json:"findings"`
	Errors      Figure `json:"errors"`
	Warnings    Figure `json:"warnings"`
	Suggestions Figure `json:"suggestions"`
	Density     Figure `json:"density"` // findings per 1,000 words
	Score       Figure `json:"score"`   // 0-100; 0 with no documents
	Band        string `json:"band"`    // good, fair, poor, or none without documents
}

// Week is one point of the trend. Score and Density are absent for a week
// without checks.
type Week struct {
	From      time.Time `json:"from"`
	To        time.Time `json:"to"`
	Documents int       `json:"documents"`
	Words     int       `json:"words"`
	Findings  int       `json:"findings"`
	Density   *float64  `json:"density,omitempty"`
	Score     *float64  `json:"score,omitempty"`
}

// RuleRow is a rule's count in the period.
type RuleRow struct {
	Rule     string  `json:"rule"`
	Category string  `json:"category"`
	Severity string  `json:"severity"`
	Count    int     `json:"count"`
	Share    float64 `json:"share"` // of all findings, 0..1
	Previous *int    `json:"previous,omitempty"`
	Change   *int    `json:"change,omitempty"`
}

// DocRow is a document worth fixing first.
type DocRow struct {
	Path        string  `json:"path"`
	Title       string  `json:"title,omitempty"`
	Section     string  `json:"section,omitempty"`
	Author      string  `json:"author,omitempty"`
	Words       int     `json:"words"`
	Errors      int     `json:"errors"`
	Warnings    int     `json:"warnings"`
	Suggestions int     `json:"suggestions"`
	Score       float64 `json:"score"`
	Gain        float64 `json:"gain"` // points the period score would rise if its findings were fixed
}

// Group is a section's or author's figures.
type Group struct {
	Name        string   `json:"name"`
	Documents   int      `json:"documents"`
	Words       int      `json:"words"`
	Findings    int      `json:"findings"`
	Density     float64  `json:"density"`
	Score       float64  `json:"score"`
	Previous    *float64 `json:"previous_score,omitempty"`
	Change      *float64 `json:"change,omitempty"`
	Folded      int      `json:"folded,omitempty"` // for Other: how many groups it holds
	FoldedNames []string `json:"-"`
}

// Changes are findings that appeared or went away in the period.
type Changes struct {
	Total      int            `json:"total"`
	BySeverity map[string]int `json:"by_severity"`
	Findings   []FindingRow   `json:"findings"` // the first Top, most severe first
}

// FindingRow is one new or resolved finding.
type FindingRow struct {
	Path        string `json:"path"`
	Rule        string `json:"rule"`
	Severity    string `json:"severity"`
	Line        int    `json:"line"`
	Fingerprint string `json:"fingerprint"`
}

// Cluster is a duplicate cluster first seen in the period.
type Cluster struct {
	Canonical  string    `json:"canonical"`
	Members    []string  `json:"members"`
	Similarity float64   `json:"similarity"`
	Seen       time.Time `json:"seen"`
}

// Coverage says what the period's runs covered, for the footnote.
type Coverage struct {
	Runs            int       `json:"runs"`
	CheckRuns       int       `json:"check_runs"`
	DupesRuns       int       `json:"dupes_runs"`
	First           time.Time `json:"first,omitempty"`
	Last            time.Time `json:"last,omitempty"`
	ToolVersions    []string  `json:"tool_versions"`
	RulesetVersions []string  `json:"ruleset_versions"`
	Paths           []string  `json:"paths"`
	GitCommits      []string  `json:"git_commits"`
}

// Build reads the history and computes the report.
func Build(ctx context.Context, st *history.Store, opt Options) (*Report, error) {
	if opt.From.IsZero() || opt.To.IsZero() || !opt.From.Before(opt.To) {
		return nil, fmt.Errorf("report period %s to %s is empty", opt.From.Format(time.RFC3339), opt.To.Format(time.RFC3339))
	}
	if opt.MinGroup <= 0 {
		opt.MinGroup = 3
	}
	if opt.Top <= 0 {
		opt.Top = 10
	}
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	from, to := opt.From.UTC(), opt.To.UTC()
	prevFrom := from.Add(-to.Sub(from))
	trendFrom := to.Add(-TrendWeeks * week)
	earliest := earlier(prevFrom, trendFrom)

	runs, err := st.Runs(ctx, earliest, to)
	if err != nil {
		return nil, err
	}
	l := &loader{ctx: ctx, st: st, docs: map[int64][]history.Document{}, findings: map[int64][]history.Finding{}}

	cur, err := l.state(runs, from, to)
	if err != nil {
		return nil, err
	}
	prev, err := l.state(runs, prevFrom, from)
	if err != nil {
		return nil, err
	}
	base, err := baseline(ctx, st, cur, prev, earliest, prevFrom)
	if err != nil {
		return nil, err
	}

	r := &Report{
		Version:   Version,
		Generated: opt.Now.UTC(),
		Period:    Period{from, to},
		Previous:  Period{prevFrom, from},
		MinGroup:  opt.MinGroup,
		Method:    ScoreMethod,
		Anonymous: opt.Anonymize,
	}
	cs, ps := cur.totals(), prev.totals()
	r.Headline = headline(cs, ps, len(prev.docs) > 0)

	for i := range TrendWeeks {
		wf := trendFrom.Add(time.Duration(i) * week)
		var t totals
		switch {
		case wf.Equal(from) && wf.Add(week).Equal(to):
			t = cs
		case wf.Equal(prevFrom) && wf.Add(week).Equal(from):
			t = ps
		default:
			// Other weeks only need sums: let SQLite add them up.
			wt, err := st.WindowTotals(ctx, wf, wf.Add(week), weightSQL, scoreSQL)
			if err != nil {
				return nil, err
			}
			t = totals{docs: wt.Documents, words: wt.Words, errors: wt.Errors, warnings: wt.Warnings,
				suggestions: wt.Suggestions, weightedScore: wt.Weighted, weight: wt.Weight}
		}
		w := Week{From: wf, To: wf.Add(week), Documents: t.docs, Words: t.words, Findings: t.findings()}
		if t.docs > 0 {
			d, sc := t.density(), t.score()
			w.Density, w.Score = &d, &sc
		}
		r.Trend = append(r.Trend, w)
	}

	curF, err := l.stateFindings(cur)
	if err != nil {
		return nil, err
	}
	prevF, err := l.stateFindings(prev)
	if err != nil {
		return nil, err
	}
	baseF, err := l.stateFindings(base)
	if err != nil {
		return nil, err
	}
	r.TopRules = topRules(curF, prevF, len(prev.docs) > 0, opt.Top)
	r.FixFirst = fixFirst(cur, cs, opt.Top)
	for i, row := range r.FixFirst {
		d := cur.docs[cur.byKey[row.Path]]
		full, err := st.Document(ctx, d.RunID, d.Doc)
		if err != nil {
			return nil, err
		}
		r.FixFirst[i].Title = full.Title
	}

	r.Sections = groups(cur, prev, func(d history.Document) string { return d.Section }, "(no section)", opt.MinGroup)
	r.Authors = groups(cur, prev, func(d history.Document) string { return d.Author }, "(no author)", opt.MinGroup)
	if opt.Anonymize {
		authorNames := anonymize(cur)
		for i := range r.Authors {
			if n, ok := authorNames[r.Authors[i].Name]; ok {
				r.Authors[i].Name = n
			}
			for j, f := range r.Authors[i].FoldedNames {
				if n, ok := authorNames[f]; ok {
					r.Authors[i].FoldedNames[j] = n
				}
			}
		}
		for i := range r.FixFirst {
			if n, ok := authorNames[r.FixFirst[i].Author]; ok {
				r.FixFirst[i].Author = n
			}
		}
	}

	r.New, r.Resolved = changes(cur, base, curF, baseF, opt.Top)

	r.Clusters, err = newClusters(ctx, st, from, to)
	if err != nil {
		return nil, err
	}
	r.Coverage = coverage(runs, from, to)
	return r, nil
}

func earlier(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// baseline is, for each document of cur, its latest check before the
// period: from the previous period when it was checked then, else from the
// history back to earliest.
func baseline(ctx context.Context, st *history.Store, cur, prev *state, earliest, prevFrom time.Time) (*state, error) {
	b := &state{byKey: map[string]int{}}
	var missing []string
	for _, d := range cur.docs {
		if i, ok := prev.byKey[d.Path]; ok {
			b.byKey[d.Path] = len(b.docs)
			b.docs = append(b.docs, prev.docs[i])
		} else {
			missing = append(missing, d.Path)
		}
	}
	if len(missing) > 0 && earliest.Before(prevFrom) {
		older, err := st.LatestDocuments(ctx, missing, earliest, prevFrom)
		if err != nil {
			return nil, err
		}
		for _, d := range older {
			b.byKey[d.Path] = len(b.docs)
			b.docs = append(b.docs, d)
		}
	}
	return b, nil
}

// loader reads documents and findings of runs once each.
type loader struct {
	ctx      context.Context
	st       *history.Store
	docs     map[int64][]history.Document
	findings map[int64][]history.Finding
}

func (l *loader) documents(id int64) ([]history.Document, error) {
	if d, ok := l.docs[id]; ok {
		return d, nil
	}
	d, err := l.st.DocumentCounts(l.ctx, id)
	if err != nil {
		return nil, err
	}
	l.docs[id] = d
	return d, nil
}

// state is each document's latest check in a window.
type state struct {
	docs  []history.Document // sorted by path
	byKey map[string]int     // path -> index in docs
}

// state collects the latest check of each path among the check runs in
// [from, to). runs are oldest first.
func (l *loader) state(runs []history.Run, from, to time.Time) (*state, error) {
	s := &state{byKey: map[string]int{}}
	for i := len(runs) - 1; i >= 0; i-- {
		r := runs[i]
		if r.Tool != history.ToolCheck || r.Time.Before(from) || !r.Time.Before(to) {
			continue
		}
		docs, err := l.documents(r.ID)
		if err != nil {
			return nil, err
		}
		for _, d := range docs {
			if _, seen := s.byKey[d.Path]; seen {
				continue
			}
			s.byKey[d.Path] = len(s.docs)
			s.docs = append(s.docs, d)
		}
	}
	sort.Slice(s.docs, func(i, j int) bool { return s.docs[i].Path < s.docs[j].Path })
	for i, d := range s.docs {
		s.byKey[d.Path] = i
	}
	return s, nil
}

// stateFindings returns, per document of s (by index), its findings.
func (l *loader) stateFindings(s *state) ([][]history.Finding, error) {
	out := make([][]history.Finding, len(s.docs))
	need := map[int64]bool{}
	for _, d := range s.docs {
		need[d.RunID] = true
	}
	ids := make([]int64, 0, len(need))
	for id := range need {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	for _, id := range ids {
		fs, ok := l.findings[id]
		if !ok {
			var err error
			if fs, err = l.st.Findings(l.ctx, id); err != nil {
				return nil, err
			}
			l.findings[id] = fs
		}
		for _, f := range fs {
			if f.Doc < 0 {
				continue
			}
			i, ok := s.byKey[f.Path]
			if ok && s.docs[i].RunID == id && s.docs[i].Doc == f.Doc {
				out[i] = append(out[i], f)
			}
		}
	}
	return out, nil
}

// totals are a set of documents' sums.
type totals struct {
	docs, words                   int
	errors, warnings, suggestions int
	weightedScore, weight         float64
}

func (s *state) totals() totals {
	var t totals
	for _, d := range s.docs {
		t.add(d)
	}
	return t
}

func (t *totals) add(d history.Document) {
	t.docs++
	t.words += d.Words
	t.errors += d.Errors
	t.warnings += d.Warnings
	t.suggestions += d.Suggestions
	w := float64(max(d.Words, 1))
	t.weightedScore += w * DocumentScore(d.Words, d.Errors, d.Warnings, d.Suggestions)
	t.weight += w
}

func (t totals) findings() int { return t.errors + t.warnings + t.suggestions }

// density is findings per 1,000 words.
func (t totals) density() float64 {
	if t.words == 0 {
		return 0
	}
	return float64(t.findings()) / float64(t.words) * 1000
}

// score is the word-weighted mean document score.
func (t totals) score() float64 {
	if t.weight == 0 {
		return 0
	}
	return t.weightedScore / t.weight
}

func figure(v, prev float64, hasPrev bool) Figure {
	f := Figure{Value: v}
	if hasPrev {
		p, c := prev, v-prev
		f.Previous, f.Change = &p, &c
		if prev != 0 {
			pct := c / prev * 100
			f.ChangePct = &pct
		}
	}
	return f
}

func headline(c, p totals, hasPrev bool) Headline {
	band := Band(c.score())
	if c.docs == 0 {
		band = NoBand
	}
	return Headline{
		Documents:   figure(float64(c.docs), float64(p.docs), hasPrev),
		Words:       figure(float64(c.words), float64(p.words), hasPrev),
		Findings:    figure(float64(c.findings()), float64(p.findings()), hasPrev),
		Errors:      figure(float64(c.errors), float64(p.errors), hasPrev),
		Warnings:    figure(float64(c.warnings), float64(p.warnings), hasPrev),
		Suggestions: figure(float64(c.suggestions), float64(p.suggestions), hasPrev),
		Density:     figure(c.density(), p.density(), hasPrev),
		Score:       figure(c.score(), p.score(), hasPrev),
		Band:        band,
	}
}

func topRules(cur, prev [][]history.Finding, hasPrev bool, top int) []RuleRow {
	type agg struct {
		count     int
		category  string
		severity  rules.Severity
		prevCount int
	}
	m := map[string]*agg{}
	total := 0
	for _, fs := range cur {
		for _, f := range fs {
			a := m[f.Rule]
			if a == nil {
				a = &agg{category: f.Category, severity: f.Severity}
				m[f.Rule] = a
			}
			a.count++
			total++
		}
	}
	for _, fs := range prev {
		for _, f := range fs {
			if a := m[f.Rule]; a != nil {
				a.prevCount++
			}
		}
	}
	rows := make([]RuleRow, 0, len(m))
	for name, a := range m {
		row := RuleRow{Rule: name, Category: a.category, Severity: a.severity.String(), Count: a.count,
			Share: float64(a.count) / float64(total)}
		if hasPrev {
			p, c := a.prevCount, a.count-a.prevCount
			row.Previous, row.Change = &p, &c
		}
		rows = append(rows, row)
	}
	sort.Slice(rows, func(i, j int) bool {
		if rows[i].Count != rows[j].Count {
			return rows[i].Count > rows[j].Count
		}
		return rows[i].Rule < rows[j].Rule
	})
	if len(rows) > top {
		rows = rows[:top]
	}
	return rows
}

func fixFirst(s *state, t totals, top int) []DocRow {
	var rows []DocRow
	for _, d := range s.docs {
		if d.Errors+d.Warnings+d.Suggestions == 0 {
			continue
		}
		sc := DocumentScore(d.Words, d.Errors, d.Warnings, d.Suggestions)
		rows = append(rows, DocRow{Path: d.Path, Title: d.Title, Section: d.Section, Author: d.Author, Words: d.Words,
			Errors: d.Errors, Warnings: d.Warnings, Suggestions: d.Suggestions, Score: sc,
			Gain: float64(max(d.Words, 1)) * (100 - sc) / t.weight})
	}
	sort.SliceStable(rows, func(i, j int) bool {
		if rows[i].Gain != rows[j].Gain {
			return rows[i].Gain > rows[j].Gain
		}
		return rows[i].Path < rows[j].Path
	})
	if len(rows) > top {
		rows = rows[:top]
	}
	return rows
}

// OtherGroup names the group that small sections or authors fold into.
const OtherGroup = "Other"

func groups(cur, prev *state, key func(history.Document) string, none string, minSize int) []Group {
	name := func(d history.Document) string {
		if k := strings.TrimSpace(key(d)); k != "" {
			return k
		}
		return none
	}
	size := map[string]int{}
	for _, d := range cur.docs {
		size[name(d)]++
	}
	folded := map[string]bool{}
	for n, c := range size {
		if c < minSize {
			folded[n] = true
		}
	}
	label := func(d history.Document) string {
		n := name(d)
		if folded[n] {
			return OtherGroup
		}
		return n
	}
	ct, pt := map[string]*totals{}, map[string]*totals{}
	for _, d := range cur.docs {
		l := label(d)
		if ct[l] == nil {
			ct[l] = &totals{}
		}
		ct[l].add(d)
	}
	for _, d := range prev.docs {
		l := label(d)
		if _, shown := ct[l]; !shown {
			continue
		}
		if pt[l] == nil {
			pt[l] = &totals{}
		}
		pt[l].add(d)
	}
	var out []Group
	for l, t := range ct {
		g := Group{Name: l, Documents: t.docs, Words: t.words, Findings: t.findings(), Density: t.density(), Score: t.score()}
		if p := pt[l]; p != nil {
			ps := p.score()
			c := g.Score - ps
			g.Previous, g.Change = &ps, &c
		}
		if l == OtherGroup {
			for n := range folded {
				g.FoldedNames = append(g.FoldedNames, n)
			}
			sort.Strings(g.FoldedNames)
			g.Folded = len(g.FoldedNames)
		}
		out = append(out, g)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if (a.Name == OtherGroup) != (b.Name == OtherGroup) {
			return b.Name == OtherGroup
		}
		if a.Documents != b.Documents {
			return a.Documents > b.Documents
		}
		return a.Name < b.Name
	})
	return out
}

// anonymize maps author names to "Author N", numbered by how many documents
// they have this period (most first), then by name.
func anonymize(cur *state) map[string]string {
	n := map[string]int{}
	for _, d := range cur.docs {
		if a := strings.TrimSpace(d.Author); a != "" {
			n[a]++
		}
	}
	names := make([]string, 0, len(n))
	for a := range n {
		names = append(names, a)
	}
	sort.Slice(names, func(i, j int) bool {
		if n[names[i]] != n[names[j]] {
			return n[names[i]] > n[names[j]]
		}
		return names[i] < names[j]
	})
	out := make(map[string]string, len(names))
	for i, a := range names {
		out[a] = fmt.Sprintf("Author %d", i+1)
	}
	return out
}

func changes(cur, base *state, curF, baseF [][]history.Finding, top int) (added, resolved Changes) {
	added.BySeverity, resolved.BySeverity = map[string]int{}, map[string]int{}
	var addRows, resRows []FindingRow
	for i, d := range cur.docs {
		had := map[string]bool{}
		var before []history.Finding
		if j, ok := base.byKey[d.Path]; ok {
			before = baseF[j]
			for _, f := range before {
				had[f.Fingerprint] = true
			}
		}
		has := map[string]bool{}
		for _, f := range curF[i] {
			has[f.Fingerprint] = true
			if !had[f.Fingerprint] {
				added.Total++
				added.BySeverity[f.Severity.String()]++
				addRows = append(addRows, row(f))
			}
		}
		for _, f := range before {
			if !has[f.Fingerprint] {
				resolved.Total++
				resolved.BySeverity[f.Severity.String()]++
				resRows = append(resRows, row(f))
			}
		}
	}
	added.Findings, resolved.Findings = firstRows(addRows, top), firstRows(resRows, top)
	return added, resolved
}

func row(f history.Finding) FindingRow {
	return FindingRow{Path: f.Path, Rule: f.Rule, Severity: f.Severity.String(), Line: f.Line, Fingerprint: f.Fingerprint}
}

var severityRank = map[string]int{"error": 3, "warning": 2, "suggestion": 1}

func firstRows(rows []FindingRow, top int) []FindingRow {
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		if severityRank[a.Severity] != severityRank[b.Severity] {
			return severityRank[a.Severity] > severityRank[b.Severity]
		}
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		return a.Line < b.Line
	})
	if len(rows) > top {
		rows = rows[:top]
	}
	if rows == nil {
		rows = []FindingRow{}
	}
	return rows
}

// newClusters returns the clusters recorded in [from, to) that are not
// contained in any cluster recorded before from, latest record first
// deduplicated by member set.
func newClusters(ctx context.Context, st *history.Store, from, to time.Time) ([]Cluster, error) {
	all, err := st.Runs(ctx, time.Time{}, to)
	if err != nil {
		return nil, err
	}
	earlier := map[string][]int{} // path -> ids of earlier clusters holding it
	nextID := 0
	var out []Cluster
	seen := map[string]bool{}
	for i := len(all) - 1; i >= 0; i-- {
		if all[i].Clusters == 0 || all[i].Time.Before(from) {
			continue
		}
		cs, err := st.Clusters(ctx, all[i].ID)
		if err != nil {
			return nil, err
		}
		for _, c := range cs {
			m := append([]string(nil), c.Members...)
			sort.Strings(m)
			k := strings.Join(m, "\x00")
			if seen[k] {
				continue
			}
			seen[k] = true
			out = append(out, Cluster{Canonical: c.Canonical, Members: m, Similarity: c.Similarity, Seen: all[i].Time})
		}
	}
	if len(out) == 0 {
		return []Cluster{}, nil
	}
	for _, r := range all {
		if r.Clusters == 0 || !r.Time.Before(from) {
			continue
		}
		cs, err := st.Clusters(ctx, r.ID)
		if err != nil {
			return nil, err
		}
		for _, c := range cs {
			for _, p := range c.Members {
				earlier[p] = append(earlier[p], nextID)
			}
			nextID++
		}
	}
	fresh := out[:0]
	for _, c := range out {
		if !containedEarlier(c.Members, earlier) {
			fresh = append(fresh, c)
		}
	}
	sort.SliceStable(fresh, func(i, j int) bool {
		if len(fresh[i].Members) != len(fresh[j].Members) {
			return len(fresh[i].Members) > len(fresh[j].Members)
		}
		return fresh[i].Canonical < fresh[j].Canonical
	})
	return fresh, nil
}

// containedEarlier reports whether one earlier cluster held every member.
func containedEarlier(members []string, earlier map[string][]int) bool {
	if len(members) == 0 {
		return true
	}
	common := map[int]bool{}
	for _, id := range earlier[members[0]] {
		common[id] = true
	}
	for _, p := range members[1:] {
		next := map[int]bool{}
		for _, id := range earlier[p] {
			if common[id] {
				next[id] = true
			}
		}
		common = next
		if len(common) == 0 {
			return false
		}
	}
	return len(common) > 0
}

func coverage(runs []history.Run, from, to time.Time) Coverage {
	c := Coverage{ToolVersions: []string{}, RulesetVersions: []string{}, Paths: []string{}, GitCommits: []string{}}
	tv, rv, ps, gc := map[string]bool{}, map[string]bool{}, map[string]bool{}, map[string]bool{}
	addTo := func(list *[]string, seen map[string]bool, v string) {
		if v != "" && !seen[v] {
			seen[v] = true
			*list = append(*list, v)
		}
	}
	for _, r := range runs {
		if r.Time.Before(from) || !r.Time.Before(to) {
			continue
		}
		c.Runs++
		switch r.Tool {
		case history.ToolCheck:
			c.CheckRuns++
		case history.ToolDupes:
			c.DupesRuns++
		}
		if c.First.IsZero() {
			c.First = r.Time
		}
		c.Last = r.Time
		addTo(&c.ToolVersions, tv, r.ToolVersion)
		addTo(&c.RulesetVersions, rv, r.RulesetVersion)
		for _, p := range r.Paths {
			addTo(&c.Paths, ps, p)
		}
		addTo(&c.GitCommits, gc, r.GitCommit)
	}
	sort.Strings(c.Paths)
	return c
}
