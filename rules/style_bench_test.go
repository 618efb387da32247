package rules

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/rules/article"
)

// benchArticle parses BBC politics articles joined to about 1,000 words
// (one headline), or skips when ../shared/corpora is absent.
func benchArticle(b *testing.B) *article.Document {
	b.Helper()
	dir := filepath.Join("..", "..", "shared", "corpora", "bbc", "bbc", "politics")
	entries, err := os.ReadDir(dir)
	if err != nil {
		b.Skipf("../shared/corpora not found (%v): the rule benchmarks need the shared folder beside the repository", err)
	}
	var sb strings.Builder
	words := 0
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
		if words += len(strings.Fields(string(data))); words >= 1000 {
			break
		}
	}
	doc, err := article.Parse("story.txt", []byte(sb.String()))
	if err != nil {
		b.Fatal(err)
	}
	return doc
}

// benchRule measures r.Check on a ~1,000-word article, including the work
// the style rules share (styleBlocksOf): each round checks a fresh copy of
// the document, which the shared cache has not seen.
func benchRule(b *testing.B, r Rule) {
	doc := benchArticle(b)
	b.SetBytes(int64(len(doc.Src)))
	b.ReportAllocs()
	for b.Loop() {
		d := *doc
		r.Check(&d)
	}
}

// BenchmarkStyleRules checks one article with every style rule, sharing
// one tokenization as the engine does.
func BenchmarkStyleRules(b *testing.B) {
	doc := benchArticle(b)
	rs := []Rule{awkwardPhrase{}, editorializing{}, vagueAttribution{}, &longSentence{}}
	b.SetBytes(int64(len(doc.Src)))
	b.ReportAllocs()
	for b.Loop() {
		d := *doc
		for _, r := range rs {
			r.Check(&d)
		}
	}
}

func BenchmarkAwkwardPhrase(b *testing.B)    { benchRule(b, awkwardPhrase{}) }
func BenchmarkEditorializing(b *testing.B)   { benchRule(b, editorializing{}) }
func BenchmarkVagueAttribution(b *testing.B) { benchRule(b, vagueAttribution{}) }
func BenchmarkLongSentence(b *testing.B)     { benchRule(b, &longSentence{}) }
