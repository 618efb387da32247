package article

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

const corpora = "../../../shared/corpora"

// corpusFiles returns the files matching pattern under the shared corpora,
// skipping the test when the corpora are absent.
func corpusFiles(tb testing.TB, pattern string) []string {
	tb.Helper()
	if _, err := os.Stat(corpora); err != nil {
		tb.Skip("../shared/corpora not found: the real-news corpora live beside the checkout")
	}
	files, err := filepath.Glob(filepath.Join(corpora, pattern))
	if err != nil {
		tb.Fatalf("glob %s: %v", pattern, err)
	}
	if len(files) == 0 {
		tb.Skipf("../shared/corpora has no %s", pattern)
	}
	return files
}

// TestCorpora parses every corpus file: no panic, the position invariants
// hold, and the prose is found.
func TestCorpora(t *testing.T) {
	for _, pattern := range []string{
		"readability/pages/*/source.html",
		"readability/pages/*/expected.html",
		"newspaper3k/html/*.html",
		"bbc/bbc/*/*.txt",
	} {
		t.Run(filepath.Dir(pattern), func(t *testing.T) {
			files := corpusFiles(t, pattern)
			var size, words int
			var elapsed time.Duration
			for _, f := range files {
				src, err := os.ReadFile(f)
				if err != nil {
					t.Fatalf("read %s: %v", f, err)
				}
				begin := time.Now()
				doc, err := Parse(f, src)
				elapsed += time.Since(begin)
				if err != nil {
					t.Logf("%s: %v", f, err)
					continue
				}
				checkInvariants(t, doc)
				size += len(src)
				words += doc.Words()
			}
			if words == 0 {
				t.Errorf("%s: no prose found in %d files", pattern, len(files))
			}
			t.Logf("%s: %d files, %.1f MB, %d words, parsed in %v", pattern, len(files), float64(size)/1e6, words, elapsed)
		})
	}
}
