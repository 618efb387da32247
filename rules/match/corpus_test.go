package match

import (
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// corpusTexts yields the path and text of every .txt and .html file under
// ../shared/corpora (one in ten with -short), for the tests that compare a
// fast form with its reference on real copy. It yields nothing when the
// corpora are absent: the caller says what it compares instead.
func corpusTexts(t *testing.T) iter.Seq2[string, string] {
	t.Helper()
	var files []string
	_ = filepath.WalkDir("../../../shared/corpora", func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasSuffix(path, ".txt") || strings.HasSuffix(path, ".html")) {
			files = append(files, path)
		}
		return nil
	})
	return func(yield func(string, string) bool) {
		for k, f := range files {
			if testing.Short() && k%10 != 0 {
				continue // one file in ten
			}
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if !yield(f, string(data)) {
				return
			}
		}
	}
}

// haveCorpora reports whether ../shared/corpora is beside the repository.
func haveCorpora() bool {
	_, err := os.Stat("../../../shared/corpora")
	return err == nil
}
