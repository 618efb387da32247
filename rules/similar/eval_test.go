package similar

import (
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
		doc, err := article.Parse(filepath.ToSlash(rel), src)
		if err != nil {
			return nil
		}
		f.Add(NewSketch(doc))
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
