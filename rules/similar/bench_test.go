package similar

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

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
	runtime.GC()
	cpu0 := cpuTime()
	for b.Loop() {
		for _, d := range docs {
			NewSketch(d)
		}
	}
	b.StopTimer()
	// Throughput per CPU-second of the process (garbage collection
	// included): what one core does, whatever the others' load.
	b.ReportMetric(float64(size)*float64(b.N)/(cpuTime()-cpu0).Seconds()/1e6, "MB/cpu-s")
}

// BenchmarkFindBBC compares the sketches of the BBC folder (candidates,
// verification, clusters), as the duplicate rules do after a check; the
// sketches are made once, outside the measure.
func BenchmarkFindBBC(b *testing.B) {
	sks := bbcSketches(b)
	runtime.GC()
	cpu0 := cpuTime()
	var pairs int
	for b.Loop() {
		f := NewFinder(Options{})
		for _, s := range sks {
			f.Add(s)
		}
		pairs = len(f.Find().Pairs)
	}
	b.StopTimer()
	b.ReportMetric(float64(pairs), "pairs")
	b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/1e3/float64(b.N), "cpu-ms/op")
}

// bbcSketches sketches the BBC folder's stories, in the walk's order.
func bbcSketches(b testing.TB) []*Sketch {
	bbc := needCorpora(b)
	var sks []*Sketch
	_ = filepath.WalkDir(filepath.Join(bbc, "bbc"), func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(path) != ".txt" {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if doc, err := article.Parse(path, src); err == nil {
			sks = append(sks, NewSketch(doc))
		}
		return nil
	})
	return sks
}

// BenchmarkFinishBBC measures what the three duplicate rules do with the
// comparison of the BBC folder (made once, outside the measure): the
// near-duplicate, reused-passage and boilerplate reports.
func BenchmarkFinishBBC(b *testing.B) {
	sks := bbcSketches(b)
	f := NewFinder(Options{})
	checked := map[*Sketch]bool{}
	for _, s := range sks {
		f.Add(s)
		checked[s] = true
	}
	res := f.Find()
	runtime.GC()
	for _, rule := range []string{"near-duplicate", "reused-passage", "corpus-boilerplate"} {
		b.Run("rule="+rule, func(b *testing.B) {
			b.ReportAllocs()
			cpu0 := cpuTime()
			for b.Loop() {
				switch rule {
				case "near-duplicate":
					nearDuplicates(res, checked)
				case "reused-passage":
					reusedPassages(res, checked)
				default:
					boilerplate(res, sks, defaultMinBoilerplate)
				}
			}
			b.StopTimer()
			b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/1e3/float64(b.N), "cpu-ms/op")
		})
	}
}

// syntheticSketches makes n fingerprinted documents of 150 words in three
// paragraphs, drawn from a 50,000-word vocabulary (word hashes, no text:
// building them is not what is measured). One in ten is a 5% rewrite of the
// one before and one in a hundred an exact copy, so the self-join has
// real pairs to verify.
func syntheticSketches(n int) []*Sketch {
	out := make([]*Sketch, n)
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(w), 7))
			vocab := func() uint64 { return mix(uint64(rng.IntN(50000)) + 1) }
			words := make([]uint64, 150)
			for i := w; i < n; i += workers {
				switch {
				case i%100 == 99:
					// exact copy of the previous document's words
				case i%10 == 9:
					for range len(words) / 20 {
						words[rng.IntN(len(words))] = vocab()
					}
				default:
					for k := range words {
						words[k] = vocab()
					}
				}
				b := newSketchBuilder(fmt.Sprintf("doc%07d.txt", i), 3)
				for p := 0; p < 3; p++ {
					b.add(words[p*50:(p+1)*50], p*300, p*300+290, true)
				}
				out[i] = b.finish()
				b.release()
			}
		}()
	}
	wg.Wait()
	return out
}

// benchmarkFind indexes and self-joins n synthetic documents; it reports
// the time per document, the verified pairs and the peak resident memory
// of the process (sketches included).
func benchmarkFind(b *testing.B, n int) {
	sk := syntheticSketches(n)
	runtime.GC()
	cpu0 := cpuTime()
	b.ResetTimer()
	var pairs int
	for b.Loop() {
		f := NewFinder(Options{})
		for _, s := range sk {
			f.Add(s)
		}
		pairs = len(f.Find().Pairs)
	}
	b.StopTimer()
	b.ReportMetric(float64(pairs), "pairs")
	// CPU seconds per pass: on a shared machine the honest measure of the
	// work, next to the wall time that the others' load stretches.
	b.ReportMetric((cpuTime()-cpu0).Seconds()/float64(b.N), "cpu-s/op")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/doc")
	if hwm := peakRSS(); hwm > 0 {
		b.ReportMetric(float64(hwm)/(1<<20), "peak-MiB")
	}
}

// cpuTime is the process's user and system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// peakRSS reads the process's peak resident set (Linux), 0 elsewhere.
func peakRSS() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			var kb int64
			fmt.Sscanf(strings.TrimSpace(rest), "%d", &kb)
			return kb << 10
		}
	}
	return 0
}

func BenchmarkFind10k(b *testing.B)  { benchmarkFind(b, 10_000) }
func BenchmarkFind100k(b *testing.B) { benchmarkFind(b, 100_000) }

// BenchmarkFind1M self-joins a million documents; run it on its own:
// go test -run '^$' -bench Find1M -benchtime 1x ./rules/similar
func BenchmarkFind1M(b *testing.B) {
	if testing.Short() {
		b.Skip("1M-document benchmark skipped in -short mode")
	}
	benchmarkFind(b, 1_000_000)
}

// BenchmarkWordHashes measures word normalisation and hashing alone over
// the block texts of the BBC corpus.
func BenchmarkWordHashes(b *testing.B) {
	bbc := needCorpora(b)
	var texts []string
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
			for _, bl := range doc.Blocks {
				texts = append(texts, bl.Text)
				size += int64(len(bl.Text))
			}
		}
		return nil
	})
	b.SetBytes(size)
	var words []uint64
	cpu0 := cpuTime()
	for b.Loop() {
		for _, t := range texts {
			words = wordHashes(words[:0], t)
		}
	}
	b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/1e3/float64(b.N), "cpu-ms/op")
}
