package rules

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/copydesk/copydesk/rules/article"
	"github.com/copydesk/copydesk/rules/match"
)

// BenchmarkRuleBBC runs each rule alone over the parsed BBC corpus, with
// the documents' shared token streams and style blocks already built (as
// the first rule to ask for them pays for them in a real run), so that
// each sub-benchmark measures the rule's own work.
func BenchmarkRuleBBC(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join(corpusDir(b, "bbc/bbc"), "*", "*.txt"))
	var docs []*article.Document
	size := 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		doc, err := article.Parse(f, src)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, doc)
		size += len(src)
	}
	for _, d := range docs {
		eachBlockTokens(d, func(*article.Block, []match.Token) {})
		for range styleBlocks(d) {
		}
	}
	for _, r := range All() {
		b.Run(r.Meta().Name, func(b *testing.B) {
			b.SetBytes(int64(size))
			for b.Loop() {
				for _, d := range docs {
					r.Check(d)
				}
			}
		})
	}
}
