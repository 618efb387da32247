package match

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// article1000 returns about 1,000 words of BBC copy from the shared
// corpora, or skips.
func article1000(b *testing.B) string {
	b.Helper()
	files, _ := filepath.Glob("../../../shared/corpora/bbc/bbc/business/*.txt")
	if len(files) == 0 {
		b.Skip("../shared/corpora not found: no BBC articles to benchmark on")
	}
	sort.Strings(files)
	var sb strings.Builder
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		sb.Write(data)
		if len(strings.Fields(sb.String())) >= 1000 {
			break
		}
	}
	return sb.String()
}

func BenchmarkTokenize(b *testing.B) {
	text := article1000(b)
	var toks []Token
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		toks = Tokenize(text, toks)
	}
}

func BenchmarkFind(b *testing.B) {
	text := article1000(b)
	set := MustCompile(MustList("chatbot"))
	toks := Tokenize(text, nil)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		set.Find(text, toks)
	}
}
