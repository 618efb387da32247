package rules

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/rules/article"
	"github.com/copydesk/copydesk/rules/match"
)

func TestZZExplore(t *testing.T) {
	words := map[string]bool{}
	for _, w := range strings.Split(os.Getenv("WORDS"), ",") {
		words[w] = true
	}
	files, _ := filepath.Glob(os.Getenv("GLOB"))
	for _, f := range files {
		src, _ := os.ReadFile(f)
		doc, _ := article.Parse(f, src)
		styleBlocks(doc, func(b *article.Block, toks []match.Token, quotes []match.Range) {
			for i, tk := range toks {
				if !words[tk.Fold] || match.Overlaps(quotes, tk.Start, tk.End) {
					continue
				}
				if os.Getenv("CASE") != "" && tk.Text(b.Text) != tk.Fold {
					continue
				}
				lo := max(0, i-8)
				hi := min(len(toks), i+8)
				fmt.Printf("%s\t%s\t%s\n", filepath.Base(filepath.Dir(f))+"/"+filepath.Base(f), tk.Fold, b.Text[toks[lo].Start:toks[hi-1].End])
			}
		})
	}
}
