package rules

import (
	"os"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/rules/article"
)

// article1000 parses about 1,000 words of BBC copy from the shared corpora
// as one plain-text article, or skips.
func article1000(b *testing.B) *article.Document {
	b.Helper()
	var sb strings.Builder
	for _, f := range corpusFiles(b, "bbc/bbc/business/*.txt") {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		sb.Write(data)
		sb.WriteString("\n")
		if len(strings.Fields(sb.String())) >= 1000 {
			break
		}
	}
	doc, err := article.Parse("article.txt", []byte(sb.String()))
	if err != nil {
		b.Fatal(err)
	}
	return doc
}

func benchmarkRule(b *testing.B, r Rule) {
	doc := article1000(b)
	b.SetBytes(int64(len(doc.Src)))
	b.ReportAllocs()
	for b.Loop() {
		r.Check(doc)
	}
}

func BenchmarkPlaceholder(b *testing.B) { benchmarkRule(b, placeholder{}) }

func BenchmarkChatbot(b *testing.B) { benchmarkRule(b, chatbotLeftover{}) }
