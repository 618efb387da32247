package rules

import (
	"sync"

	"github.com/copydesk/copydesk/rules/article"
	"github.com/copydesk/copydesk/rules/match"
)

// tokenBuffers recycles token slices between Check calls: phrase rules
// tokenize every block of every document.
var tokenBuffers = sync.Pool{New: func() any { return new([]match.Token) }}

// eachBlockTokens calls fn with every block of doc and its tokens. The
// tokens are only valid during the call.
func eachBlockTokens(doc *article.Document, fn func(b *article.Block, toks []match.Token)) {
	buf := tokenBuffers.Get().(*[]match.Token)
	toks := *buf
	for i := range doc.Blocks {
		b := &doc.Blocks[i]
		toks = match.Tokenize(b.Text, toks)
		fn(b, toks)
	}
	*buf = toks[:0]
	tokenBuffers.Put(buf)
}
