package dupgen

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
)

// Prediction is a pair a tool reported (paths as in the labels), with the
// kind it gave, if any.
type Prediction struct {
	A, B string
	Kind string
}

// Score is pair precision and recall of a set of predictions.
type Score struct {
	Predicted, Correct int
	// Recall per labelled kind: found and total.
	Found, Total map[string]int
	// Precision per predicted kind: correct and predicted.
	KindCorrect, KindPredicted map[string]int
	// AsKind counts, per labelled kind, the kinds the tool gave the pairs
	// it found.
	AsKind map[string]map[string]int
	// FalsePositives lists the wrong pairs, for inspection.
	FalsePositives []Prediction
}

func key(a, b string) string {
	if a > b {
		a, b = b, a
	}
	return a + "\x00" + b
}

// Evaluate scores predictions against labels. A prediction is correct when
// its two files are related (any label, siblings included); recall is
// counted per labelled kind, siblings aside.
func Evaluate(labels []Label, preds []Prediction) Score {
	s := Score{Found: map[string]int{}, Total: map[string]int{}, KindCorrect: map[string]int{}, KindPredicted: map[string]int{}, AsKind: map[string]map[string]int{}}
	pos := map[string]string{}
	for _, l := range labels {
		pos[key(l.A, l.B)] = l.Kind
		if l.Kind != Sibling {
			s.Total[l.Kind]++
		}
	}
	seen := map[string]bool{}
	for _, p := range preds {
		k := key(p.A, p.B)
		if seen[k] || p.A == p.B {
			continue
		}
		seen[k] = true
		s.Predicted++
		s.KindPredicted[p.Kind]++
		if kind, ok := pos[k]; ok {
			s.Correct++
			s.KindCorrect[p.Kind]++
			if kind != Sibling {
				s.Found[kind]++
				if s.AsKind[kind] == nil {
					s.AsKind[kind] = map[string]int{}
				}
				s.AsKind[kind][p.Kind]++
			}
		} else {
			s.FalsePositives = append(s.FalsePositives, p)
		}
	}
	return s
}

// Precision is the share of predicted pairs that are related.
func (s Score) Precision() float64 {
	if s.Predicted == 0 {
		return 1
	}
	return float64(s.Correct) / float64(s.Predicted)
}

// Recall is the share of labelled pairs of a kind that were found.
func (s Score) Recall(kind string) float64 {
	if s.Total[kind] == 0 {
		return 0
	}
	return float64(s.Found[kind]) / float64(s.Total[kind])
}

// WriteTable prints the per-kind recall and the precision as a Markdown
// table.
func (s Score) WriteTable(w io.Writer, tool string) {
	fmt.Fprintf(w, "| %s | labelled pairs | found | recall | reported as |\n| --- | ---: | ---: | ---: | --- |\n", tool)
	kinds := make([]string, 0, len(s.Total))
	for k := range s.Total {
		kinds = append(kinds, k)
	}
	slices.SortFunc(kinds, func(a, b string) int { return slices.Index(Variants, a) - slices.Index(Variants, b) })
	found, total := 0, 0
	for _, k := range kinds {
		fmt.Fprintf(w, "| %s | %d | %d | %.3f | %s |\n", k, s.Total[k], s.Found[k], s.Recall(k), s.asKind(k))
		found += s.Found[k]
		total += s.Total[k]
	}
	if total > 0 {
		fmt.Fprintf(w, "| all kinds | %d | %d | %.3f | |\n", total, found, float64(found)/float64(total))
	}
	fmt.Fprintf(w, "\nprecision: %d of %d predicted pairs related = %.4f\n", s.Correct, s.Predicted, s.Precision())
	pk := make([]string, 0, len(s.KindPredicted))
	for k := range s.KindPredicted {
		pk = append(pk, k)
	}
	slices.Sort(pk)
	for _, k := range pk {
		if k == "" {
			continue
		}
		fmt.Fprintf(w, "  %s: %d of %d\n", k, s.KindCorrect[k], s.KindPredicted[k])
	}
}

// asKind lists the kinds given to the found pairs of a labelled kind, most
// frequent first.
func (s Score) asKind(kind string) string {
	m := s.AsKind[kind]
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.SortFunc(ks, func(a, b string) int {
		if m[a] != m[b] {
			return m[b] - m[a]
		}
		return strings.Compare(a, b)
	})
	var parts []string
	for _, k := range ks {
		parts = append(parts, fmt.Sprintf("%s %d", k, m[k]))
	}
	return strings.Join(parts, ", ")
}

// ReadLabels reads a labels.tsv written by Generate.
func ReadLabels(path string) ([]Label, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("dupgen: %w", err)
	}
	defer f.Close()
	var out []Label
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fs := strings.Split(sc.Text(), "\t")
		if len(fs) != 3 {
			continue
		}
		out = append(out, Label{Kind: fs[0], A: fs[1], B: fs[2]})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("dupgen: read %s: %w", path, err)
	}
	return out, nil
}
