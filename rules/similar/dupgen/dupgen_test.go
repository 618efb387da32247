package dupgen

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// source writes n made-up articles of six paragraphs.
func source(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	rng := rand.New(rand.NewPCG(5, 6))
	syl := []string{"ba", "ko", "ri", "tu", "me", "sa", "lo", "ve", "ni", "da"}
	word := func() string { return syl[rng.IntN(10)] + syl[rng.IntN(10)] + syl[rng.IntN(10)] }
	for i := range n {
		var b strings.Builder
		fmt.Fprintf(&b, "Headline %d\n", i)
		for range 6 {
			b.WriteString("\n")
			for k := range 25 {
				if k > 0 {
					b.WriteString(" ")
				}
				b.WriteString(word())
			}
			b.WriteString(".\n")
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%03d.txt", i)), []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestGenerate(t *testing.T) {
	src := source(t, 60)
	gen := func(out string) []Label {
		ls, err := Generate(Config{Source: src, Out: out, Seed: 3, Bases: 4, Background: 10})
		if err != nil {
			t.Fatal(err)
		}
		return ls
	}
	a, b := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	labels := gen(a)
	gen(b)
	// 4 bases x (9 variant labels + 36 sibling pairs).
	if len(labels) != 4*(9+36) {
		t.Errorf("%d labels, want %d", len(labels), 4*(9+36))
	}
	files, _ := os.ReadDir(a)
	if len(files) != 4*10+10+1 {
		t.Errorf("%d files, want %d (with labels.tsv)", len(files), 4*10+10+1)
	}
	for _, f := range files {
		x, _ := os.ReadFile(filepath.Join(a, f.Name()))
		y, err := os.ReadFile(filepath.Join(b, f.Name()))
		if err != nil || string(x) != string(y) {
			t.Errorf("%s differs between two runs with one seed", f.Name())
		}
	}
	orig, _ := os.ReadFile(filepath.Join(a, "b000-orig.txt"))
	trunc, _ := os.ReadFile(filepath.Join(a, "b000-trunc60.txt"))
	if n, m := len(strings.Fields(string(orig))), len(strings.Fields(string(trunc))); m > n*7/10 || m < n/2 {
		t.Errorf("trunc60 has %d words of %d", m, n)
	}
	chrome, _ := os.ReadFile(filepath.Join(a, "b000-chrome.txt"))
	if !strings.Contains(string(chrome), "\n\nBy\n") || !strings.Contains(string(chrome), "KEEP READING") {
		t.Errorf("chrome variant lacks its empty byline or related list:\n%s", chrome)
	}
	back, err := ReadLabels(filepath.Join(a, "labels.tsv"))
	if err != nil || len(back) != len(labels) {
		t.Errorf("ReadLabels: %d labels, %v", len(back), err)
	}
	if _, err := Generate(Config{Source: src, Out: t.TempDir(), Bases: 40, Background: 40}); err == nil {
		t.Error("asking for more articles than the source has succeeded")
	}
}

func TestEvaluate(t *testing.T) {
	labels := []Label{{"o", "s", Sub2}, {"o", "t", Trunc80}, {"s", "t", Sibling}}
	s := Evaluate(labels, []Prediction{
		{A: "s", B: "o", Kind: "near-duplicate"}, // found, reversed order
		{A: "s", B: "t", Kind: "near-duplicate"}, // sibling: correct, not recall
		{A: "o", B: "x", Kind: "shared-passage"}, // wrong
		{A: "o", B: "s", Kind: "near-duplicate"}, // repeated: counted once
	})
	if s.Predicted != 3 || s.Correct != 2 || s.Recall(Sub2) != 1 || s.Recall(Trunc80) != 0 || len(s.FalsePositives) != 1 {
		t.Errorf("score %+v", s)
	}
	if p := s.Precision(); p < 0.66 || p > 0.67 {
		t.Errorf("precision %v, want 2/3", p)
	}
}
