package rules

import (
	"iter"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/copydesk/copydesk/rules/article"
	"github.com/copydesk/copydesk/rules/match"
)

// The style rules (awkward-phrase, editorializing, vague-attribution,
// long-sentence) read the same blocks, tokens, quotations and phrase
// matches. They are computed once per document and kept for the few
// documents checked last, so that the rules run one after another on a
// document share one tokenization and one pass of one phrase set.

// styleBlock is one block as the style rules read it.
type styleBlock struct {
	b      *article.Block
	toks   []match.Token
	quotes []match.Range // direct quotations, from match.Quotations
	found  []match.Match // every style phrase, as Set.Find returns them
}

// phrases returns the matches of one rule's phrases (by the first byte of
// their entry ID: see stylePhrases), longest first at each place and
// without overlaps (match.Longest).
func (sb *styleBlock) phrases(kind byte) []match.Match {
	var ms []match.Match
	for _, m := range sb.found {
		if m.Entry.ID[0] == kind {
			ms = append(ms, m)
		}
	}
	return match.Longest(ms)
}

// Entry ID kinds of stylePhrases.
const (
	awkwardKind   = 'a' // followed by the index of the group in awkwardGroups
	editorialKind = 'e'
	vagueKind     = 'v'
)

// stylePhrases is one set for the phrases of every style rule.
var stylePhrases = sync.OnceValue(func() *match.Set {
	all := awkwardEntries()
	for _, e := range match.MustList("editorial") {
		e.ID = string(editorialKind)
		all = append(all, e)
	}
	for _, e := range match.MustList("vague-attribution") {
		e.ID = string(vagueKind)
		all = append(all, e)
	}
	return match.MustCompile(all)
})

type styleKey struct{}

// styleBlocks yields the blocks the style rules read, with their tokens,
// quotations and phrase matches: every block but block quotations (Kind
// Quote or InQuote), bylines and datelines. Headlines and headings count
// 'single quotes' as quotations, as UK headlines quote with them. Style
// rules stay quiet inside quotations: a reporter must not "fix" what a
// source said. The blocks are computed once per document (Document.Memo)
// and shared by the style rules; the tokens are the document's shared token
// stream. For a document too large to keep its tokens (streamsTokens), each
// block is computed as it is yielded: a rule must not keep a block's tokens
// after its turn of the loop.
//
// styleBlocks is small enough to inline, and its iterator too: a rule's
// loop over it then allocates nothing (no closure for the iterator, nor
// for the loop's body and the variables it shares with the rule).
func styleBlocks(doc *article.Document) iter.Seq[styleBlock] {
	return func(yield func(styleBlock) bool) {
		if streamsTokens(doc) {
			streamStyleBlocks(doc, yield)
			return
		}
		for _, sb := range doc.Memo(styleKey{}, func() any { return computeStyleBlocks(doc) }).([]styleBlock) {
			if !yield(sb) {
				return
			}
		}
	}
}

// streamStyleBlocks yields the style blocks of a document too large to
// keep its tokens (streamsTokens), each computed as it is yielded.
func streamStyleBlocks(doc *article.Document, yield func(styleBlock) bool) {
	set, stop := stylePhrases(), false
	eachBlockTokens(doc, func(b *article.Block, toks []match.Token) {
		if sb, ok := newStyleBlock(set, b, toks); ok && !stop {
			stop = !yield(sb)
		}
	})
}

func computeStyleBlocks(doc *article.Document) []styleBlock {
	blocks := make([]styleBlock, 0, len(doc.Blocks))
	set := stylePhrases()
	eachBlockTokens(doc, func(b *article.Block, toks []match.Token) {
		if sb, ok := newStyleBlock(set, b, toks); ok {
			blocks = append(blocks, sb)
		}
	})
	return blocks
}

// newStyleBlock makes the style block of b, unless the style rules do not
// read b.
func newStyleBlock(set *match.Set, b *article.Block, toks []match.Token) (styleBlock, bool) {
	switch {
	case b.InQuote, b.Kind == article.Quote, b.Kind == article.Byline, b.Kind == article.Dateline:
		return styleBlock{}, false
	}
	if len(toks) == 0 {
		return styleBlock{}, false
	}
	return styleBlock{
		b:      b,
		toks:   toks,
		quotes: match.Quotations(b.Text, b.Kind == article.Headline || b.Kind == article.Heading, nil),
		found:  set.Find(b.Text, toks),
	}, true
}

// matchCase returns repl with its first letter in upper case when the text
// it replaces starts with one ("End result" -> "Result").
func matchCase(repl, replaced string) string {
	r, _ := utf8.DecodeRuneInString(replaced)
	if !unicode.IsUpper(r) {
		return repl
	}
	f, size := utf8.DecodeRuneInString(repl)
	return string(unicode.ToUpper(f)) + repl[size:]
}
