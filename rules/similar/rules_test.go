package similar

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/copydesk/copydesk/rules"
	"github.com/copydesk/copydesk/rules/article"
)

// runCorpus does what the engine does: one corpus per corpus rule, every
// document added to each from several goroutines, then Finish.
func runCorpus(t *testing.T, rs []rules.Rule, docs []*article.Document) map[string][]rules.CorpusDiagnostic {
	t.Helper()
	out := map[string][]rules.CorpusDiagnostic{}
	type named struct {
		name string
		c    rules.Corpus
	}
	var cs []named
	for _, r := range rs {
		cr, ok := r.(rules.CorpusRule)
		if !ok {
			t.Fatalf("%s is not a corpus rule", r.Meta().Name)
		}
		cs = append(cs, named{r.Meta().Name, cr.NewCorpus()})
	}
	var wg sync.WaitGroup
	for _, d := range docs {
		for _, c := range cs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				c.c.Add(d)
			}()
		}
	}
	wg.Wait()
	for _, c := range cs {
		out[c.name] = c.c.Finish()
	}
	return out
}

func TestRulesMeta(t *testing.T) {
	rs := Rules()
	var names []string
	for _, r := range rs {
		m := r.Meta()
		names = append(names, m.Name)
		if m.Category != rules.Duplicate || m.Summary == "" || m.Doc == "" || m.Severity == 0 {
			t.Errorf("%s: incomplete meta %+v", m.Name, m)
		}
		if d := r.Check(parse(t, "a.txt", text("H", prose(1, 3)...))); d != nil {
			t.Errorf("%s: Check on one document = %v, want nothing", m.Name, d)
		}
	}
	if !slices.IsSorted(names) || len(names) != 3 {
		t.Errorf("rules %v, want three in alphabetical order", names)
	}
}

func TestNearDuplicateRule(t *testing.T) {
	base := prose(1, 6)
	src := map[string]string{
		"a.txt": text("H", base...),
		"b.txt": text("H", rewrite(base, 25)...),
		"c.txt": text("H", prose(2, 6)...),
	}
	var docs []*article.Document
	for _, p := range []string{"a.txt", "b.txt", "c.txt"} {
		docs = append(docs, parse(t, p, src[p]))
	}
	got := runCorpus(t, Rules(), docs)
	nd := got["near-duplicate"]
	if len(nd) != 1 {
		t.Fatalf("near-duplicate findings %+v, want one", nd)
	}
	d := nd[0]
	if d.Path != "b.txt" || len(d.Related) != 1 || d.Related[0].Path != "a.txt" || !strings.Contains(d.Message, "near-duplicate of a.txt") {
		t.Errorf("finding %+v, want on b.txt related to a.txt", d)
	}
	b := src["b.txt"]
	if d.Start < 0 || d.End > len(b) || d.Start >= d.End || !strings.HasPrefix(b[d.Start:], strings.Fields(rewrite(base, 25)[0])[0]) {
		t.Errorf("range %d-%d does not cover b.txt's body", d.Start, d.End)
	}
	if len(got["reused-passage"]) != 0 || len(got["corpus-boilerplate"]) != 0 {
		t.Errorf("other rules fired: %+v", got)
	}
}

func TestReusedPassageRule(t *testing.T) {
	host := prose(3, 6)
	source := prose(4, 6)
	pasted := append(append(append([]string{}, host[:3]...), source[1:3]...), host[3:]...)
	bsrc := text("H", pasted...)
	docs := []*article.Document{parse(t, "a.txt", text("H", source...)), parse(t, "b.txt", bsrc)}
	got := runCorpus(t, Rules(), docs)
	rp := got["reused-passage"]
	if len(rp) != 1 {
		t.Fatalf("reused-passage findings %+v, want one", rp)
	}
	if want := source[1] + "\n\n" + source[2]; rp[0].Path != "b.txt" || bsrc[rp[0].Start:rp[0].End] != want {
		t.Errorf("finding %+v covers %q, want the pasted paragraphs", rp[0], bsrc[rp[0].Start:rp[0].End])
	}
	if len(got["near-duplicate"]) != 0 {
		t.Errorf("near-duplicate fired: %+v", got["near-duplicate"])
	}
}

func TestBoilerplateRule(t *testing.T) {
	tests := []struct {
		name   string
		copies int // documents carrying the furniture, each a different story
		dupes  int // of which copies of one story
		want   int
	}{
		{"five unrelated stories", 5, 0, 10}, // avatar line and "KEEP READING" are apart: two findings each
		{"four stories", 4, 0, 0},
		{"six copies of one story and three others", 9, 6, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var docs []*article.Document
			for i := range tt.copies {
				seed := uint64(100 + i)
				if i < tt.dupes {
					seed = 99
				}
				body := append([]string{"Sam Carter avatar"}, prose(seed, 4)...)
				body = append(body, "KEEP READING")
				docs = append(docs, parse(t, fmt.Sprintf("d%02d.txt", i), text("H", body...)))
			}
			got := runCorpus(t, Rules(), docs)["corpus-boilerplate"]
			if len(got) != tt.want {
				t.Fatalf("%d boilerplate findings, want %d: %+v", len(got), tt.want, got)
			}
			for _, d := range got {
				if !strings.Contains(d.Message, "recurs in") || d.End <= d.Start {
					t.Errorf("finding %+v", d)
				}
			}
		})
	}
}

// A footer of several recurring lines is one finding spanning them.
func TestBoilerplateRunIsOneFinding(t *testing.T) {
	var docs []*article.Document
	for i := range 5 {
		body := append(prose(uint64(200+i), 4), "Contact the newsroom", "Privacy and cookies policy", "All rights reserved here")
		docs = append(docs, parse(t, fmt.Sprintf("f%02d.txt", i), text("H", body...)))
	}
	got := runCorpus(t, Rules(), docs)["corpus-boilerplate"]
	if len(got) != 5 {
		t.Fatalf("%d findings, want one per document: %+v", len(got), got)
	}
	for _, d := range got {
		src := string(docs[0].Src)
		for _, doc := range docs {
			if doc.Path == d.Path {
				src = string(doc.Src)
			}
		}
		span := src[d.Start:d.End]
		if !strings.HasPrefix(span, "Contact the newsroom") || !strings.HasSuffix(span, "All rights reserved here") {
			t.Errorf("%s: finding spans %q", d.Path, span)
		}
		if !strings.Contains(d.Message, "these 3 blocks recur in up to 5") {
			t.Errorf("message %q", d.Message)
		}
	}
}

type fakeArchive struct{ sketches []*Sketch }

func (a fakeArchive) Candidates(*Sketch) ([]*Sketch, error) { return a.sketches, nil }

func TestRulesWithArchive(t *testing.T) {
	base := prose(5, 5)
	old := sketch(t, "archive/old.txt", text("H", base...))
	self := sketch(t, "new.txt", text("H", base...))
	rs := RulesWith(fakeArchive{[]*Sketch{old, self}})
	got := runCorpus(t, rs, []*article.Document{parse(t, "new.txt", text("Other", base...))})
	nd := got["near-duplicate"]
	if len(nd) != 1 || nd[0].Path != "new.txt" || nd[0].Related[0].Path != "archive/old.txt" || !strings.HasPrefix(nd[0].Message, "duplicate of") {
		t.Fatalf("findings %+v, want new.txt flagged as a duplicate of archive/old.txt (and not of its own archived copy)", nd)
	}
}

func TestConfigure(t *testing.T) {
	rs := Rules()
	c := rs[1].(rules.Configurable)
	bad := func(into any) error {
		o := into.(*ruleOptions)
		v := 1.5
		o.MinSimilarity = &v
		return nil
	}
	if err := c.Configure(bad); err == nil {
		t.Error("min_similarity 1.5 accepted")
	}
	good := func(into any) error {
		o := into.(*ruleOptions)
		v := 0.9
		o.MinSimilarity = &v
		return nil
	}
	if err := c.Configure(good); err != nil {
		t.Fatal(err)
	}
	base := prose(1, 6)
	docs := []*article.Document{parse(t, "a.txt", text("H", base...)), parse(t, "b.txt", text("H", rewrite(base, 10)...))}
	if got := runCorpus(t, rs, docs)["near-duplicate"]; len(got) != 0 {
		t.Errorf("with min_similarity 0.9 a 10%% rewrite was reported: %+v", got)
	}
}

// TestConfigureCopy: the engine configures a shallow copy of a rule; the
// original keeps its options, and an option of a sibling rule is refused.
func TestConfigureCopy(t *testing.T) {
	rs := Rules()
	orig := rs[1].(*corpusRule)
	cp := *orig
	set := func(name string, v float64) func(into any) error {
		return func(into any) error {
			o := into.(*ruleOptions)
			switch name {
			case "min_similarity":
				o.MinSimilarity = &v
			case "min_documents":
				n := int(v)
				o.MinDocuments = &n
			}
			return nil
		}
	}
	if err := cp.Configure(set("min_similarity", 0.9)); err != nil {
		t.Fatal(err)
	}
	if orig.opts.MinSimilarity != DefaultOptions().MinSimilarity || cp.opts.MinSimilarity != 0.9 {
		t.Errorf("original %v, copy %v", orig.opts.MinSimilarity, cp.opts.MinSimilarity)
	}
	if err := cp.Configure(set("min_documents", 3)); err == nil || !strings.Contains(err.Error(), "no option min_documents") {
		t.Errorf("near-duplicate accepted min_documents: %v", err)
	}
	// The configured copy and the untouched siblings still share one pass.
	base := prose(1, 6)
	docs := []*article.Document{parse(t, "a.txt", text("H", base...)), parse(t, "b.txt", text("H", rewrite(base, 10)...))}
	got := runCorpus(t, []rules.Rule{rs[0], &cp, rs[2]}, docs)
	if len(got["near-duplicate"]) != 0 {
		t.Errorf("the copy's min_similarity 0.9 was not used: %+v", got["near-duplicate"])
	}
	if len(got["reused-passage"]) != 1 {
		t.Errorf("reused-passage: %d findings, want 1 (below the copy's min_similarity the rewrite only shares passages)", len(got["reused-passage"]))
	}
}
