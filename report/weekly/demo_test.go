package weekly

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	"github.com/copydesk/copydesk/report/history"
	"github.com/copydesk/copydesk/rules"
)

// A synthetic newsroom for the rendering test and the benchmark: a site
// that checks every article each Monday, publishes more each week and makes
// fewer slips as the weeks go by.
type site struct {
	articles int // at the end
	initial  int // already published when the history starts
	weeks    int
	seed     uint64
}

var (
	demoSections = []string{"News", "News", "News", "Sport", "Sport", "Business", "Culture", "Opinion", "Science"}
	demoAuthors  = []string{"Amara Okafor", "Ben Hollis", "Chiara Rossi", "Dev Patel", "Eilidh Grant", "Farid Haddad",
		"Grace Liu", "Hamish Boyd", "Ines Duarte", "Jonas Berg", "Kemi Adeyemi", "Lena Vogel", "Mateo Silva"}
	demoRules = []struct {
		name string
		cat  rules.Category
		sev  rules.Severity
		rate float64 // findings per 1,000 words at the start
	}{
		{"placeholder", rules.Leftover, rules.Error, 0.15},
		{"chatbot-chatter", rules.Leftover, rules.Error, 0.05},
		{"byline-residue", rules.Residue, rules.Warning, 0.25},
		{"share-bar", rules.Residue, rules.Warning, 0.1},
		{"repeated-word", rules.Mechanics, rules.Warning, 0.3},
		{"unbalanced-quote", rules.Mechanics, rules.Warning, 0.2},
		{"cliche", rules.Style, rules.Suggestion, 0.9},
		{"hedge", rules.Style, rules.Suggestion, 0.6},
		{"editorializing", rules.Style, rules.Suggestion, 0.4},
	}
)

type article struct {
	path, section, author, title string
	words                        int
	edits                        int // how many times it has been revised
}

// record writes the site's history into st: one check run per week ending
// at end, and a dupes run each week.
func (s site) record(tb testing.TB, st *history.Store, end time.Time) {
	tb.Helper()
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(s.seed, 7))
	var arts []*article
	start := end.Add(-time.Duration(s.weeks) * week)
	perWeek := (s.articles - s.initial) / s.weeks
	for w := range s.weeks {
		n := perWeek
		if w == 0 {
			n += s.initial
		}
		for range n {
			i := len(arts)
			sec := demoSections[rng.IntN(len(demoSections))]
			auth := demoAuthors[rng.IntN(len(demoAuthors))]
			if rng.IntN(40) == 0 {
				auth = "Guest writer " + string(rune('A'+rng.IntN(3)))
			}
			arts = append(arts, &article{
				path:    fmt.Sprintf("content/%s/%05d.md", lower(sec), i),
				section: sec, author: auth,
				title: fmt.Sprintf("Story %d", i),
				words: 150 + rng.IntN(1400),
			})
		}
		// Slips fall off over the weeks; one bad week in the middle.
		quality := 1 - 0.5*float64(w)/float64(s.weeks)
		if w == s.weeks*2/3 {
			quality *= 1.6
		}
		res := &rules.Result{}
		for _, a := range arts {
			if rng.IntN(5) == 0 {
				a.edits++
			}
			res.Documents = append(res.Documents, rules.DocumentInfo{Path: a.path, Hash: fmt.Sprintf("%x-%d", len(a.path), a.edits),
				Words: a.words, Title: a.title, Section: a.section, Author: a.author})
			for _, r := range demoRules {
				mean := r.rate * quality * float64(a.words) / 1000
				if a.section == "Opinion" && r.cat == rules.Style {
					mean *= 2.5
				}
				n := 0
				for p := mean; p > 0; p-- {
					if rng.Float64() < min(p, 1) {
						n++
					}
				}
				for k := range n {
					res.Findings = append(res.Findings, rules.Finding{Path: a.path, Rule: r.name, Category: r.cat, Severity: r.sev,
						Line: 1 + k*7, Fingerprint: fmt.Sprintf("%s:%s:%d:%d", a.path, r.name, a.edits, k)})
				}
			}
		}
		at := start.Add(time.Duration(w)*week + 6*time.Hour)
		run := history.Run{Time: at, Tool: history.ToolCheck, ToolVersion: "0.9.0", RulesetVersion: "2026.11-1",
			Paths: []string{"content"}, GitCommit: fmt.Sprintf("%040x", rng.Uint64())}
		if _, err := st.Record(ctx, run, res, nil); err != nil {
			tb.Fatal(err)
		}
		var cl []history.Cluster
		for k := range 1 + rng.IntN(3) {
			a, b := arts[rng.IntN(len(arts))], arts[rng.IntN(len(arts))]
			if a == b {
				continue
			}
			cl = append(cl, history.Cluster{Members: []string{a.path, b.path, fmt.Sprintf("wire/%d-%d.md", w, k)}, Canonical: a.path,
				Similarity: 0.82 + rng.Float64()*0.17})
		}
		dupes := history.Run{Time: at.Add(time.Hour), Tool: history.ToolDupes, ToolVersion: "0.9.0", Paths: []string{"content", "wire"}}
		if _, err := st.Record(ctx, dupes, nil, cl); err != nil {
			tb.Fatal(err)
		}
	}
}

func lower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 32
		}
	}
	return string(b)
}

// demoStore records a small site's 14 weeks into a temporary store.
func demoStore(tb testing.TB, s site, end time.Time) *history.Store {
	tb.Helper()
	st, err := history.Open(context.Background(), filepath.Join(tb.TempDir(), "history.db"), history.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	s.record(tb, st, end)
	return st
}
