package rules

import (
	"github.com/copydesk/copydesk/rules/article"
	"github.com/copydesk/copydesk/rules/match"
)

// blockTokens is a document's token stream, computed once and shared by
// every phrase rule: toks[start[i]:start[i+1]] are the tokens of block i.
type blockTokens struct {
	toks  []match.Token
	start []int
}

type blockTokensKey struct{}

// eachBlockTokens calls fn with every block of doc and its tokens. The
// tokens are shared between rules: fn must not change them.
func eachBlockTokens(doc *article.Document, fn func(b *article.Block, toks []match.Token)) {
	bt := doc.Memo(blockTokensKey{}, func() any { return tokenizeBlocks(doc) }).(*blockTokens)
	for i := range doc.Blocks {
		fn(&doc.Blocks[i], bt.toks[bt.start[i]:bt.start[i+1]:bt.start[i+1]])
	}
}

func tokenizeBlocks(doc *article.Document) *blockTokens {
	n := 0
	for i := range doc.Blocks {
		n += len(doc.Blocks[i].Text)
	}
	// News prose has one token per 5.1 bytes (BBC, readability and
	// newspaper3k corpora alike); room for one per 4.5 saves growing (and
	// copying) the slice for nearly every document without zeroing much
	// more than is used.
	bt := &blockTokens{toks: make([]match.Token, 0, n*2/9+16), start: make([]int, len(doc.Blocks)+1)}
	for i := range doc.Blocks {
		bt.start[i] = len(bt.toks)
		bt.toks = match.AppendTokens(bt.toks, doc.Blocks[i].Text)
	}
	bt.start[len(doc.Blocks)] = len(bt.toks)
	return bt
}
