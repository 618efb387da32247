package article

import (
	"errors"
	"os"
	"testing"
)

// loadCorpus reads the corpus files matching pattern, skipping the
// benchmark when the corpora are absent.
func loadCorpus(b *testing.B, pattern string) ([][]byte, int64) {
	b.Helper()
	var srcs [][]byte
	var size int64
	for _, f := range corpusFiles(b, pattern) {
		src, err := os.ReadFile(f)
		if err != nil {
			b.Fatalf("read %s: %v", f, err)
		}
		srcs = append(srcs, src)
		size += int64(len(src))
	}
	return srcs, size
}

func benchParse(b *testing.B, pattern, path string) {
	srcs, size := loadCorpus(b, pattern)
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		for _, src := range srcs {
			if _, err := Parse(path, src); err != nil && !errors.Is(err, ErrBinary) {
				b.Fatal(err)
			}
		}
	}
}

// The BBC articles as plain text and, for Markdown, the same prose read as
// Markdown (there is no Markdown news corpus); the Readability pages as HTML.
func BenchmarkParseText(b *testing.B)     { benchParse(b, "bbc/bbc/*/*.txt", "a.txt") }
func BenchmarkParseMarkdown(b *testing.B) { benchParse(b, "bbc/bbc/*/*.txt", "a.md") }
func BenchmarkParseHTML(b *testing.B)     { benchParse(b, "readability/pages/*/source.html", "a.html") }

// BenchmarkPositionBBC turns offsets of the BBC articles into lines and
// columns, as the engine places findings: one offset every 97 bytes.
func BenchmarkPositionBBC(b *testing.B) {
	srcs, size := loadCorpus(b, "bbc/bbc/*/*.txt")
	lis := make([]*LineIndex, len(srcs))
	for i, src := range srcs {
		lis[i] = NewLineIndex(src, false)
	}
	b.SetBytes(size)
	for b.Loop() {
		for i, li := range lis {
			for off := 0; off < len(srcs[i]); off += 97 {
				li.Position(off)
			}
		}
	}
}

// BenchmarkLineIndexBBC indexes the lines of the BBC articles, as every
// parse does.
func BenchmarkLineIndexBBC(b *testing.B) {
	srcs, size := loadCorpus(b, "bbc/bbc/*/*.txt")
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		for _, src := range srcs {
			NewLineIndex(src, false)
		}
	}
}
