package rules

import (
	"testing"

	"github.com/copydesk/copydesk/rules/article"
	"github.com/copydesk/copydesk/rules/match"
)

// BenchmarkRuleBBC runs each rule alone over the parsed BBC corpus, with
// the documents' shared token streams and style blocks already built (as
// the first rule to ask for them pays for them in a real run), so that
// each sub-benchmark measures the rule's own work.
func BenchmarkRuleBBC(b *testing.B) {
	docs, size := parsedBBC(b)
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
