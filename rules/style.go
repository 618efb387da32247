package rules

import (
	"unicode"
	"unicode/utf8"

	"github.com/copydesk/copydesk/rules/article"
	"github.com/copydesk/copydesk/rules/match"
)

// styleBlocks calls fn for every block the style rules read, with the
// block's tokens and the byte ranges of its direct quotations
// (match.Quotations; headlines and headings count 'single quotes' too, as
// UK headlines quote with them). Block quotations (Kind Quote or InQuote),
// bylines and datelines are skipped whole. Style rules stay quiet inside
// the quotations: a reporter must not "fix" what a source said.
func styleBlocks(doc *article.Document, fn func(b *article.Block, toks []match.Token, quotes []match.Range)) {
	var toks []match.Token
	var quotes []match.Range
	for i := range doc.Blocks {
		b := &doc.Blocks[i]
		switch {
		case b.InQuote, b.Kind == article.Quote, b.Kind == article.Byline, b.Kind == article.Dateline:
			continue
		}
		toks = match.Tokenize(b.Text, toks)
		if len(toks) == 0 {
			continue
		}
		quotes = match.Quotations(b.Text, b.Kind == article.Headline || b.Kind == article.Heading, quotes)
		fn(b, toks, quotes)
	}
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
