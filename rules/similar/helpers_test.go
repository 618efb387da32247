package similar

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/rules/article"
)

var syllables = []string{"ba", "ko", "ri", "tu", "me", "sa", "lo", "ve", "ni", "da", "pe", "gu", "fa", "zo", "hi", "ca"}

// prose makes n paragraphs of made-up sentences; the same seed gives the
// same text, different seeds give unrelated texts.
func prose(seed uint64, paras int) []string {
	rng := rand.New(rand.NewPCG(seed, 11))
	var out []string
	for range paras {
		var b strings.Builder
		for s := range 3 {
			if s > 0 {
				b.WriteString(" ")
			}
			n := 8 + rng.IntN(8)
			for w := range n {
				if w > 0 {
					b.WriteString(" ")
				}
				for range 2 + rng.IntN(2) {
					b.WriteString(syllables[rng.IntN(len(syllables))])
				}
			}
			b.WriteString(".")
		}
		out = append(out, b.String())
	}
	return out
}

// text joins a headline and paragraphs as a plain-text article.
func text(headline string, paras ...string) string {
	return headline + "\n\n" + strings.Join(paras, "\n\n") + "\n"
}

func parse(t testing.TB, path, src string) *article.Document {
	t.Helper()
	doc, err := article.Parse(path, []byte(src))
	if err != nil {
		t.Fatalf("parse %s: %v", path, err)
	}
	return doc
}

func sketch(t testing.TB, path, src string) *Sketch {
	t.Helper()
	return NewSketch(parse(t, path, src))
}

// rewrite replaces every step-th word of the paragraphs.
func rewrite(paras []string, step int) []string {
	out := make([]string, len(paras))
	n := 0
	for i, p := range paras {
		ws := strings.Fields(p)
		for j := range ws {
			n++
			if n%step == 0 {
				ws[j] = "zzq"
			}
		}
		out[i] = strings.Join(ws, " ")
	}
	return out
}
