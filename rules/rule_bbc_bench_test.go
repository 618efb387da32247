package rules

import (
	"testing"
	"time"

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
			cpu0 := cpuTime()
			for b.Loop() {
				for _, d := range docs {
					r.Check(d)
				}
			}
			reportCPU(b, cpu0)
		})
	}
}

// BenchmarkSharedBBC measures the per-document work that rules share
// through Document.Memo (and so BenchmarkRuleBBC does not see after its
// first pass): each sub-benchmark computes it afresh for every BBC
// article.
func BenchmarkSharedBBC(b *testing.B) {
	docs, size := parsedBBC(b)
	shared := []struct {
		name string
		fn   func(*article.Document)
	}{
		{"block-facts", func(d *article.Document) {
			for i := range d.Blocks {
				factsOf(d.Blocks[i].Text)
			}
		}},
		{"doc-lines", func(d *article.Document) {
			var lines []textLine
			for bi := range d.Blocks {
				lines = blockLines(d, bi, lines)
			}
		}},
		{"headline-refs", func(d *article.Document) { computeHeadlineRefs(d) }},
	}
	for _, s := range shared {
		b.Run(s.name, func(b *testing.B) {
			b.SetBytes(int64(size))
			b.ReportAllocs()
			cpu0 := cpuTime()
			for b.Loop() {
				for _, d := range docs {
					s.fn(d)
				}
			}
			reportCPU(b, cpu0)
		})
	}
}

// reportCPU reports the CPU time per op since cpu0 (garbage collection
// included), which other processes on the cores disturb less than wall
// time.
func reportCPU(b *testing.B, cpu0 time.Duration) {
	b.StopTimer()
	b.ReportMetric((cpuTime()-cpu0).Seconds()*1000/float64(b.N), "cpu-ms/op")
}

// BenchmarkWordCountBBC counts the words of every BBC article, from its
// token stream (built beforehand, as the rules build it in a real run) and
// from its text. The articles are counted in groups of 16, four times a
// group: in a real run the stream is in the cache when the engine counts,
// but all the corpus's streams are not (48 MB); a group's 7,000 tokens are
// too many for the branch predictor to learn by heart.
func BenchmarkWordCountBBC(b *testing.B) {
	docs, size := parsedBBC(b)
	for _, d := range docs {
		eachBlockTokens(d, func(*article.Block, []match.Token) {})
	}
	for _, c := range []struct {
		name  string
		count func(*article.Document) int
	}{{"tokens", WordCount}, {"text", (*article.Document).Words}} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(size) * 4)
			cpu0 := cpuTime()
			for b.Loop() {
				for g := 0; g < len(docs); g += 16 {
					group := docs[g:min(g+16, len(docs))]
					for range 4 {
						for _, d := range group {
							c.count(d)
						}
					}
				}
			}
			reportCPU(b, cpu0)
		})
	}
}
