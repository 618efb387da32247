package rules

import (
	"testing"

	"github.com/copydesk/copydesk/rules/article"
)

// benchRule measures r.Check on a ~1,000-word article, including the work
// the style rules share (styleBlocksOf): each round checks a fresh copy of
// the document, which the shared cache has not seen.
func benchRule(b *testing.B, r Rule) {
	doc := benchArticle(b)
	b.SetBytes(int64(len(doc.Src)))
	b.ReportAllocs()
	for b.Loop() {
		r.Check(freshCopy(doc))
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
		d := freshCopy(doc)
		for _, r := range rs {
			r.Check(d)
		}
	}
}

func BenchmarkAwkwardPhrase(b *testing.B)    { benchRule(b, awkwardPhrase{}) }
func BenchmarkEditorializing(b *testing.B)   { benchRule(b, editorializing{}) }
func BenchmarkVagueAttribution(b *testing.B) { benchRule(b, vagueAttribution{}) }
func BenchmarkLongSentence(b *testing.B)     { benchRule(b, &longSentence{}) }

// freshCopy copies a parsed document without the work rules memoised on
// it, so that a benchmark round pays for what a new document costs.
func freshCopy(doc *article.Document) *article.Document {
	return &article.Document{
		Path: doc.Path, Format: doc.Format, Src: doc.Src, Encoding: doc.Encoding, Lines: doc.Lines,
		Meta: doc.Meta, Blocks: doc.Blocks, Comments: doc.Comments, Notes: doc.Notes,
	}
}
