package rules

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/rules/article"
)

// corpusDir returns a folder under ../shared/corpora, or skips.
func corpusDir(tb testing.TB, rel string) string {
	tb.Helper()
	p := filepath.Join("..", "..", "shared", "corpora", filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		tb.Skipf("../shared/corpora not found (%v): the corpus benchmarks need the shared folder beside the repository", err)
	}
	return p
}

// parsedBBC returns every BBC article parsed, and their size in bytes, or
// skips.
func parsedBBC(b *testing.B) ([]*article.Document, int) {
	b.Helper()
	files, err := filepath.Glob(filepath.Join(corpusDir(b, "bbc/bbc"), "*", "*.txt"))
	if err != nil || len(files) == 0 {
		b.Skipf("../shared/corpora has no BBC articles (%v)", err)
	}
	var docs []*article.Document
	size := 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		doc, err := article.Parse(f, src)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, doc)
		size += len(src)
	}
	return docs, size
}

// benchArticle is about 1,000 words of BBC politics copy with the scraped
// sample's residue appended, parsed once.
func benchArticle(b *testing.B) *article.Document {
	b.Helper()
	dir := corpusDir(b, "bbc/bbc/politics")
	entries, err := os.ReadDir(dir)
	if err != nil {
		b.Fatal(err)
	}
	var sb strings.Builder
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			b.Fatal(err)
		}
		if sb.Len() > 0 {
			if i := strings.IndexByte(string(data), '\n'); i >= 0 {
				data = data[i:]
			}
		}
		sb.Write(data)
		if len(strings.Fields(sb.String())) >= 1000 {
			break
		}
	}
	sample, err := os.ReadFile(filepath.Join("..", "testdata", "articles", "scraped-story.txt"))
	if err != nil {
		b.Fatal(err)
	}
	sb.WriteString("\n\n")
	sb.Write(sample)
	doc, err := article.Parse("bench.txt", []byte(sb.String()))
	if err != nil {
		b.Fatal(err)
	}
	return doc
}

// BenchmarkResidueRules checks one ~1,000-word article with each residue
// rule in turn.
func BenchmarkResidueRules(b *testing.B) {
	doc := benchArticle(b)
	for _, r := range residueRules() {
		b.Run(r.Meta().Name, func(b *testing.B) {
			b.SetBytes(int64(len(doc.Src)))
			b.ReportAllocs()
			for b.Loop() {
				r.Check(doc)
			}
		})
	}
}

// BenchmarkResidueBBC checks every BBC article, parsed in advance, with all
// residue rules: the rules' own throughput.
func BenchmarkResidueBBC(b *testing.B) {
	dir := corpusDir(b, "bbc/bbc")
	var docs []*article.Document
	var total int64
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".txt") || strings.HasSuffix(p, "README.TXT") {
			return err
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		doc, err := article.Parse(p, src)
		if err != nil {
			return err
		}
		docs = append(docs, doc)
		total += int64(len(src))
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	rs := residueRules()
	b.SetBytes(total)
	for b.Loop() {
		for _, doc := range docs {
			for _, r := range rs {
				r.Check(doc)
			}
		}
	}
}
