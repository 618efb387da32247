package rules

import (
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/copydesk/copydesk/rules/article"
	"github.com/copydesk/copydesk/rules/match"
)

// blockTokens is a document's token stream, computed once and shared by
// every phrase rule: toks[start[i]:start[i+1]] are the tokens of block i.
type blockTokens struct {
	toks  []match.Token
	start []int
	// released is set by ReleaseTokens: toks went back to the pool.
	released bool
}

type blockTokensKey struct{}

// eachBlockTokens calls fn with every block of doc and its tokens. The
// tokens are shared between rules: fn must not change them, nor keep them
// after it returns (they may be the next block's, see streamsTokens).
func eachBlockTokens(doc *article.Document, fn func(b *article.Block, toks []match.Token)) {
	if streamsTokens(doc) {
		// Block by block, into one slice reused for the next block.
		var toks []match.Token
		for i := range doc.Blocks {
			toks = match.AppendTokens(toks[:0], doc.Blocks[i].Text)
			fn(&doc.Blocks[i], toks[:len(toks):len(toks)])
		}
		return
	}
	bt := doc.Memo(blockTokensKey{}, func() any { return tokenizeBlocks(doc, true) }).(*blockTokens)
	if bt.released {
		// Used after ReleaseTokens: correct, at the price of a new stream.
		bt = tokenizeBlocks(doc, false)
	}
	for i := range doc.Blocks {
		fn(&doc.Blocks[i], bt.toks[bt.start[i]:bt.start[i+1]:bt.start[i+1]])
	}
}

// streamTokensOver is the size of a document's text above which its rules
// do not share one token stream: the stream takes about nine times the
// text (40 bytes a token), so a 50 MB file would hold 450 MB while its
// rules run. Such a document is tokenized block by block for each rule
// that reads tokens instead: more CPU for a rare file, memory bounded by its
// largest block.
var streamTokensOver = 4 << 20 // a variable for the tests

// streamsTokens reports whether doc is tokenized block by block.
func streamsTokens(doc *article.Document) bool {
	n := 0
	for i := range doc.Blocks {
		n += len(doc.Blocks[i].Text)
	}
	return n > streamTokensOver
}

// tokenPool holds token slices of checked documents. A slice of news
// tokens is about eight times the size of the text; reusing it spares the
// allocation, its zeroing and the page faults of a heap that keeps growing.
var tokenPool sync.Pool // of *[]match.Token

func tokenizeBlocks(doc *article.Document, pooled bool) *blockTokens {
	n := 0
	for i := range doc.Blocks {
		n += len(doc.Blocks[i].Text)
	}
	// News prose has one token per 5.1 bytes (BBC, readability and
	// newspaper3k corpora alike); room for one per 4.5 saves growing (and
	// copying) the slice for nearly every document without zeroing much
	// more than is used.
	want := n*2/9 + 16
	var toks []match.Token
	if pooled {
		if p, ok := tokenPool.Get().(*[]match.Token); ok && cap(*p) >= want {
			toks = (*p)[:0]
		}
	}
	if toks == nil {
		toks = make([]match.Token, 0, want)
	}
	bt := &blockTokens{toks: toks, start: make([]int, len(doc.Blocks)+1)}
	for i := range doc.Blocks {
		bt.start[i] = len(bt.toks)
		bt.toks = match.AppendTokens(bt.toks, doc.Blocks[i].Text)
	}
	bt.start[len(doc.Blocks)] = len(bt.toks)
	return bt
}

// ReleaseTokens returns the token stream the rules shared for doc to a
// pool, for the next document. Call it once no rule will look at doc
// again (the engine does, after the document's rules and corpus passes):
// results the rules kept for doc (Document.Memo) may point into the
// stream.
func ReleaseTokens(doc *article.Document) {
	bt := doc.Memo(blockTokensKey{}, func() any { return &blockTokens{released: true} }).(*blockTokens)
	if bt.released {
		return
	}
	toks := bt.toks[:0]
	bt.toks, bt.start, bt.released = nil, nil, true
	tokenPool.Put(&toks)
}

// WordCount returns doc.Words(), counted from the token stream when the
// rules have built one for doc (a run of tokens with no white space between
// them is a run of non-space characters, and it holds a letter or digit
// when one of its Word tokens does), and by doc.Words otherwise.
func WordCount(doc *article.Document) int {
	v, ok := doc.Memoized(blockTokensKey{})
	if !ok {
		return doc.Words()
	}
	bt := v.(*blockTokens)
	if bt.released {
		return doc.Words()
	}
	n := 0
	for i := range doc.Blocks {
		text := doc.Blocks[i].Text
		// counted is 1 once the run of tokens since the last space has
		// a word, which a run counts once. Words and punctuation come
		// and go at random: 0/1 arithmetic in place of branches spares
		// the mispredictions, and the one branch left (a token that
		// starts outside ASCII) is rarely taken.
		counted := 0
		toks := bt.toks[bt.start[i]:bt.start[i+1]]
		for k := range toks {
			t := &toks[k]
			word := b2i(t.Kind == match.Word)
			if text[t.Start] >= utf8.RuneSelf && word != 0 && !hasLetterOrDigit(text[t.Start:t.End]) {
				word = 0
			}
			counted &^= b2i(t.SpaceBefore)
			n += word &^ counted
			counted |= word
		}
	}
	return n
}

// b2i returns 1 for true and 0 for false, without a branch.
func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// hasLetterOrDigit reports whether w has a letter or a digit. A Word token
// starts with one (an ASCII Word token always does) but for the rare word
// that starts with a combining mark.
func hasLetterOrDigit(w string) bool {
	for _, r := range w {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}
