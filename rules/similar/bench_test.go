package similar

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/rules/article"
)

// BenchmarkSketch measures fingerprinting throughput (parsing excluded) on
// the BBC corpus; b.SetBytes makes `go test -bench` report MB/s per core.
func BenchmarkSketch(b *testing.B) {
	bbc := needCorpora(b)
	var docs []*article.Document
	var size int64
	_ = filepath.WalkDir(filepath.Join(bbc, "bbc"), func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(path) != ".txt" {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if doc, err := article.Parse(path, src); err == nil {
			docs = append(docs, doc)
			size += int64(len(src))
		}
		return nil
	})
	b.SetBytes(size)
	for b.Loop() {
		for _, d := range docs {
			NewSketch(d)
		}
	}
}

// syntheticSketches makes n documents of about 250 words drawn from a
// 50,000-word vocabulary; one in ten is a 5% rewrite of another, so the
// self-join has real work to do.
func syntheticSketches(n int) []*Sketch {
	rng := rand.New(rand.NewPCG(uint64(n), 7))
	vocab := make([]string, 50000)
	for i := range vocab {
		vocab[i] = fmt.Sprintf("w%x", rng.Uint64()&0xffffffff)
	}
	out := make([]*Sketch, n)
	var prev []string
	for i := range out {
		var words []string
		if i%10 == 9 && prev != nil {
			words = append([]string(nil), prev...)
			for k := 0; k < len(words)/20; k++ {
				words[rng.IntN(len(words))] = vocab[rng.IntN(len(vocab))]
			}
		} else {
			words = make([]string, 200+rng.IntN(100))
			for k := range words {
				words[k] = vocab[rng.IntN(len(vocab))]
			}
		}
		prev = words
		var sb strings.Builder
		sb.WriteString("Headline\n\n")
		for k := 0; k < len(words); k += 50 {
			sb.WriteString(strings.Join(words[k:min(k+50, len(words))], " "))
			sb.WriteString(".\n\n")
		}
		doc, _ := article.Parse(fmt.Sprintf("doc%07d.txt", i), []byte(sb.String()))
		out[i] = NewSketch(doc)
	}
	return out
}

func benchmarkFind(b *testing.B, n int) {
	sk := syntheticSketches(n)
	runtime.GC()
	b.ResetTimer()
	var pairs int
	for b.Loop() {
		f := NewFinder(Options{})
		for _, s := range sk {
			f.Add(s)
		}
		pairs = len(f.Find().Pairs)
	}
	b.ReportMetric(float64(pairs), "pairs")
}

func BenchmarkFind10k(b *testing.B)  { benchmarkFind(b, 10_000) }
func BenchmarkFind100k(b *testing.B) { benchmarkFind(b, 100_000) }

// BenchmarkFind1M self-joins a million documents; run it on its own
// (-bench Find1M -benchtime 1x): building the sketches takes minutes.
func BenchmarkFind1M(b *testing.B) {
	if testing.Short() {
		b.Skip("1M-document benchmark skipped in -short mode")
	}
	benchmarkFind(b, 1_000_000)
}
