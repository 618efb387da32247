package similar

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/rules/article"
	"github.com/copydesk/copydesk/rules/similar/dupgen"
)

const corpora = "../../../shared/corpora"

func needCorpora(t testing.TB) string {
	t.Helper()
	dir := filepath.Join(corpora, "bbc")
	if _, err := os.Stat(dir); err != nil {
		t.Skip("../shared/corpora not found: ", err)
	}
	return dir
}

// findDir sketches every file of dir and returns the verified pairs.
func findDir(t testing.TB, dir string, opts Options) *Result {
	t.Helper()
	f := NewFinder(opts)
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(path) != ".txt" || strings.EqualFold(d.Name(), "README.TXT") {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		if doc, err := article.Parse(filepath.ToSlash(rel), src); err == nil {
			f.Add(NewSketch(doc))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return f.Find()
}

func predictions(r *Result) []dupgen.Prediction {
	var out []dupgen.Prediction
	for _, p := range r.Pairs {
		out = append(out, dupgen.Prediction{A: p.A.Path, B: p.B.Path, Kind: string(p.Kind)})
	}
	return out
}

// TestEvalGenerated measures pair precision and recall per kind of variant
// on a labelled set generated from the BBC corpus, and holds the engine to
// the targets of the near-duplicate issue.
func TestEvalGenerated(t *testing.T) {
	bbc := needCorpora(t)
	if testing.Short() {
		t.Skip("generated evaluation skipped in -short mode")
	}
	ex, err := dupgen.ReadExclusions(filepath.Join(bbc, "silver-exact-dup-groups.tsv"), filepath.Join(bbc, "silver-near-dup-pairs.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	labels, err := dupgen.Generate(dupgen.Config{Source: filepath.Join(bbc, "bbc"), Exclude: ex, Out: out, Seed: 1, Bases: 150, Background: 400})
	if err != nil {
		t.Fatal(err)
	}
	score := dupgen.Evaluate(labels, predictions(findDir(t, out, Options{})))
	var b strings.Builder
	score.WriteTable(&b, "copydesk")
	t.Log("\n" + b.String())
	for _, fp := range score.FalsePositives {
		t.Logf("false positive: %s %s %s", fp.Kind, fp.A, fp.B)
	}
	if p := score.Precision(); p < 0.98 {
		t.Errorf("precision %.4f, want >= 0.98", p)
	}
	targets := map[string]float64{
		dupgen.Sub2: 0.98, dupgen.Sub5: 0.98, dupgen.Sub10: 0.98, dupgen.Sub20: 0.80,
		dupgen.Trunc80: 0.98, dupgen.Trunc60: 0.98, dupgen.Chrome: 0.98, dupgen.Reorder: 0.98, dupgen.Paste: 0.90,
	}
	for kind, want := range targets {
		if got := score.Recall(kind); got < want {
			t.Errorf("recall of %s = %.3f, want >= %.2f", kind, got, want)
		}
	}
}

// readSilver reads the BBC corpus's script-made duplicate lists: every pair
// of each exact group, and the near pairs (5-gram Jaccard above a cutoff).
func readSilver(t testing.TB, bbc string) map[[2]string]string {
	t.Helper()
	pairs := map[[2]string]string{}
	add := func(a, b, why string) {
		if a > b {
			a, b = b, a
		}
		pairs[[2]string{a, b}] = why
	}
	exact, err := os.ReadFile(filepath.Join(bbc, "silver-exact-dup-groups.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(exact), "\n")[1:] {
		fs := strings.Split(line, "\t")
		if len(fs) != 2 {
			continue
		}
		files := strings.Fields(fs[1])
		for i := range files {
			for j := i + 1; j < len(files); j++ {
				add(files[i], files[j], "exact")
			}
		}
	}
	near, err := os.ReadFile(filepath.Join(bbc, "silver-near-dup-pairs.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(near), "\n")[1:] {
		fs := strings.Split(line, "\t")
		if len(fs) != 3 {
			continue
		}
		if _, ok := pairs[[2]string{min(fs[1], fs[2]), max(fs[1], fs[2])}]; !ok {
			add(fs[1], fs[2], "near "+fs[0])
		}
	}
	return pairs
}

// TestEvalSilver compares the engine's pairs on the whole BBC corpus with
// the silver lists. Pairs the lists lack are logged for inspection: they are
// shared passages (which the lists' whole-document Jaccard cannot see) or
// the lists' misses.
func TestEvalSilver(t *testing.T) {
	bbc := needCorpora(t)
	if testing.Short() {
		t.Skip("silver evaluation skipped in -short mode")
	}
	silver := readSilver(t, bbc)
	r := findDir(t, filepath.Join(bbc, "bbc"), Options{})
	found := map[[2]string]bool{}
	byKind := map[Kind][2]int{}
	for _, p := range r.Pairs {
		k := [2]string{min(p.A.Path, p.B.Path), max(p.A.Path, p.B.Path)}
		found[k] = true
		c := byKind[p.Kind]
		c[1]++
		if _, ok := silver[k]; ok {
			c[0]++
		} else {
			t.Logf("not in silver: %s %s %s J=%.3f C=%.3f", p.Kind, k[0], k[1], p.Jaccard, p.Containment)
		}
		byKind[p.Kind] = c
	}
	missed := 0
	for k, why := range silver {
		if !found[k] {
			missed++
			t.Logf("missed silver pair (%s): %s %s", why, k[0], k[1])
		}
	}
	var b strings.Builder
	b.WriteString("| kind | pairs | in silver |\n| --- | ---: | ---: |\n")
	agree, total := 0, 0
	for _, k := range []Kind{Duplicate, NearDuplicate, Contained, SharedPassage} {
		c := byKind[k]
		fmt.Fprintf(&b, "| %s | %d | %d |\n", k, c[1], c[0])
		agree += c[0]
		total += c[1]
	}
	fmt.Fprintf(&b, "\nsilver pairs: %d, found: %d (recall %.3f); copydesk pairs: %d, in silver: %d\n",
		len(silver), len(silver)-missed, float64(len(silver)-missed)/float64(len(silver)), total, agree)
	t.Log("\n" + b.String())
	if rec := float64(len(silver)-missed) / float64(len(silver)); rec < 0.95 {
		t.Errorf("recall against the silver pairs %.3f, want >= 0.95", rec)
	}
}

// TestEvalSweep prints precision and recall on the generated set for a range
// of thresholds (go test -v -run EvalSweep): the measurements behind the
// defaults.
func TestEvalSweep(t *testing.T) {
	bbc := needCorpora(t)
	if testing.Short() || !testing.Verbose() {
		t.Skip("threshold sweep runs with -v only")
	}
	ex, err := dupgen.ReadExclusions(filepath.Join(bbc, "silver-exact-dup-groups.tsv"), filepath.Join(bbc, "silver-near-dup-pairs.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	labels, err := dupgen.Generate(dupgen.Config{Source: filepath.Join(bbc, "bbc"), Exclude: ex, Out: out, Seed: 2, Bases: 150, Background: 400})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString("| min-similarity | min passage words | precision | recall sub20 | sub10 as near-duplicate | sub20 as near-duplicate | recall paste |\n| ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n")
	for _, o := range []Options{
		{MinSimilarity: 0.2}, {MinSimilarity: 0.25}, {MinSimilarity: 0.3}, {MinSimilarity: 0.35}, {MinSimilarity: 0.4},
		{MinPassageWords: 8}, {MinPassageWords: 20}, {MinPassageWords: 30},
	} {
		s := dupgen.Evaluate(labels, predictions(findDir(t, out, o)))
		o = o.withDefaults()
		nd := string(NearDuplicate)
		fmt.Fprintf(&b, "| %.2f | %d | %.4f | %.3f | %.3f | %.3f | %.3f |\n", o.MinSimilarity, o.MinPassageWords, s.Precision(),
			s.Recall(dupgen.Sub20), float64(s.AsKind[dupgen.Sub10][nd])/float64(s.Total[dupgen.Sub10]),
			float64(s.AsKind[dupgen.Sub20][nd])/float64(s.Total[dupgen.Sub20]), s.Recall(dupgen.Paste))
	}
	t.Log("\n" + b.String())
}
