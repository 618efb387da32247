package engine

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// peakHeap samples the bytes of live and not yet swept heap objects every
// millisecond while fn runs and returns the largest sample.
func peakHeap(fn func()) uint64 {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	var peak atomic.Uint64
	read := func() {
		metrics.Read(sample)
		if v := sample[0].Value.Uint64(); v > peak.Load() {
			peak.Store(v)
		}
	}
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				read()
			}
		}
	}()
	fn()
	read()
	close(done)
	<-stopped
	return peak.Load()
}

// bbcArticles returns the BBC articles of one section.
func bbcArticles(tb testing.TB, section string) [][]byte {
	tb.Helper()
	dir := corpus(tb, "bbc/bbc/"+section)
	entries, err := os.ReadDir(dir)
	if err != nil {
		tb.Fatal(err)
	}
	var out [][]byte
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, data)
	}
	return out
}

// BenchmarkMemory100kFiles checks 100,000 small files (the first kilobyte
// of BBC articles, cut at a line end) and reports the peak heap: it must
// stay near what the findings need, not grow with the text read.
func BenchmarkMemory100kFiles(b *testing.B) {
	arts := bbcArticles(b, "business")
	dir := b.TempDir()
	const files, perDir = 100_000, 1000
	var total int64
	for i := range files {
		sub := filepath.Join(dir, fmt.Sprintf("d%03d", i/perDir))
		if i%perDir == 0 {
			if err := os.Mkdir(sub, 0o755); err != nil {
				b.Fatal(err)
			}
		}
		a := arts[i%len(arts)]
		if len(a) > 1024 {
			if j := bytes.LastIndexByte(a[:1024], '\n'); j > 0 {
				a = a[:j+1]
			}
		}
		if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("%d.txt", i)), a, 0o644); err != nil {
			b.Fatal(err)
		}
		total += int64(len(a))
	}
	rs := DefaultRuleSet(Builtin())
	b.SetBytes(total)
	var peak uint64
	for b.Loop() {
		peak = max(peak, peakHeap(func() {
			Run(context.Background(), []string{dir}, Options{Rules: rs})
		}))
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-MB")
}

// BenchmarkMemory50MB checks one 50 MB text file (BBC articles one after
// another) and reports the peak heap against the file's size.
func BenchmarkMemory50MB(b *testing.B) {
	arts := bbcArticles(b, "politics")
	var sb strings.Builder
	for i := 0; sb.Len() < 50<<20; i++ {
		sb.Write(arts[i%len(arts)])
		sb.WriteString("\n\n")
	}
	path := filepath.Join(b.TempDir(), "big.txt")
	if err := os.WriteFile(path, []byte(sb.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	size := int64(sb.Len())
	sb.Reset()
	rs := DefaultRuleSet(Builtin())
	b.SetBytes(size)
	var peak uint64
	for b.Loop() {
		peak = max(peak, peakHeap(func() {
			Run(context.Background(), []string{path}, Options{Rules: rs})
		}))
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-MB")
}
