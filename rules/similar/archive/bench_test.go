package archive

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/copydesk/copydesk/rules/similar"
)

// syntheticStories writes n made-up stories of 150 words (three paragraphs)
// from a 50,000-word vocabulary and sketches them.
func syntheticStories(n int) []*similar.Sketch {
	vocab := make([]string, 50000)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range vocab {
		vocab[i] = fmt.Sprintf("%s%s%s", syllables[rng.IntN(16)], syllables[rng.IntN(16)], fmt.Sprint(i))
	}
	out := make([]*similar.Sketch, n)
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(w), 9))
			for i := w; i < n; i += workers {
				var b strings.Builder
				b.WriteString("Headline\n")
				for range 3 {
					b.WriteString("\n")
					for k := range 50 {
						if k > 0 {
							b.WriteString(" ")
						}
						b.WriteString(vocab[rng.IntN(len(vocab))])
					}
					b.WriteString(".\n")
				}
				out[i] = sketchOf(nil, fmt.Sprintf("archive/%07d.txt", i), b.String())
			}
		}()
	}
	wg.Wait()
	return out
}

// BenchmarkCheckAgainst100k measures checking one new story (a copy of an
// archived one under another path) against a 100,000-story archive index:
// candidate lookup, loading the candidates' sketches, verification.
// Building the index is setup, not measured (about a minute).
func BenchmarkCheckAgainst100k(b *testing.B) {
	if testing.Short() {
		b.Skip("100k-story index skipped in -short mode")
	}
	const n = 100_000
	sks := syntheticStories(n)
	x, err := Open(filepath.Join(b.TempDir(), "index.db"), true)
	if err != nil {
		b.Fatal(err)
	}
	defer x.Close()
	start := time.Now()
	if err := x.PutAll(sks); err != nil {
		b.Fatal(err)
	}
	b.Logf("indexed %d stories in %v", n, time.Since(start).Round(time.Millisecond))
	target := sks[n/2]
	probe := *target
	probe.Path = "new-story.txt"
	b.ResetTimer()
	found := 0
	for b.Loop() {
		cands, err := x.Candidates(&probe)
		if err != nil {
			b.Fatal(err)
		}
		f := similar.NewFinder(similar.Options{})
		f.Add(&probe)
		for _, c := range cands {
			f.AddArchived(c)
		}
		found = len(f.Find().Pairs)
	}
	if found != 1 {
		b.Fatalf("%d pairs, want the archived original", found)
	}
}
