package rules

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/copydesk/copydesk/rules/article"
)

// The residue rules look at lines, not sentences: a share bar, an avatar's
// alt text or a "KEEP READING" label is a line of its own in the source,
// even when plain text or Markdown joins it into one paragraph with the
// lines around it.

// textLine is one line of a block: Text[start:end], trimmed of white space.
type textLine struct {
	block      int // index in doc.Blocks
	start, end int
}

// blockLines appends the non-empty lines of doc.Blocks[bi] to dst: the block
// is split at hard breaks ("\n") and, in plain text and Markdown, at the
// soft line breaks the parser turned into spaces. In HTML a line break in
// the source is only white space and does not split.
func blockLines(doc *article.Document, bi int, dst []textLine) []textLine {
	b := &doc.Blocks[bi]
	text := b.Text
	start := 0
	add := func(end int) {
		s, e := start, end
		for s < e && isLineSpace(text[s]) {
			s++
		}
		for e > s && isLineSpace(text[e-1]) {
			e--
		}
		if s < e {
			dst = append(dst, textLine{bi, s, e})
		}
	}
	soft := doc.Format != article.HTML
	si := 0
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			add(i)
			start = i + 1
			continue
		}
		if text[i] != ' ' || !soft {
			continue
		}
		for si < len(b.Spans) && b.Spans[si].TextEnd <= i {
			si++
		}
		if si < len(b.Spans) && softBreak(doc.Src, b.Spans[si], i) {
			add(i)
			start = i + 1
		}
	}
	add(len(text))
	return dst
}

// softBreak reports whether the space at text offset i, inside span sp,
// stands for a line break in src. The builder merges a one-byte "\n" that
// became " " into the text run around it, so a linear span is looked into
// byte for byte.
func softBreak(src []byte, sp article.Span, i int) bool {
	if i < sp.Text || i >= sp.TextEnd {
		return false
	}
	if sp.TextEnd-sp.Text == sp.SrcEnd-sp.Src {
		c := src[sp.Src+(i-sp.Text)]
		return c == '\n' || c == '\r'
	}
	return sp.TextEnd-sp.Text == 1 && bytes.ContainsAny(src[sp.Src:sp.SrcEnd], "\n\r")
}

// docLines returns every line of every block of doc, in reading order.
func docLines(doc *article.Document) []textLine {
	var out []textLine
	for bi := range doc.Blocks {
		out = blockLines(doc, bi, out)
	}
	return out
}

func (l textLine) text(doc *article.Document) string {
	return doc.Blocks[l.block].Text[l.start:l.end]
}

// srcRange maps the line to a byte range of doc.Src.
func (l textLine) srcRange(doc *article.Document) (int, int) {
	return doc.Blocks[l.block].SrcRange(l.start, l.end)
}

func isLineSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

// lineKey is the comparison form of a line: its words (letters and digits)
// lower-cased and joined by single spaces; punctuation, quotes and spacing
// do not count. It also returns the number of words.
func lineKey(s string) (string, int) {
	var b strings.Builder
	b.Grow(len(s))
	words := 0
	in := false
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if !in {
				if words > 0 {
					b.WriteByte(' ')
				}
				words++
				in = true
			}
			b.WriteRune(unicode.ToLower(r))
			continue
		}
		if in && (r == '\'' || r == '\u2019') {
			continue // "don't" and "don’t" are one word either way
		}
		in = false
	}
	return b.String(), words
}

// lineWords splits a line into its words (letters, digits, inner
// apostrophes and hyphens), dropping punctuation.
func lineWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '\u2019' || r == '-' || r == '&')
	})
}

// lineEndsSentence reports whether s ends with sentence-final punctuation,
// closing quotes and brackets aside.
func lineEndsSentence(s string) bool {
	s = strings.TrimRight(s, " \"'\u201d\u2019)]")
	if s == "" {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	return r == '.' || r == '!' || r == '?' || r == '\u2026'
}

// isCapitalWord reports whether w starts with an upper-case letter or a digit.
func isCapitalWord(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}

// splitSet makes a set of the sep-separated entries of s.
func splitSet(s, sep string) map[string]bool {
	m := map[string]bool{}
	for _, e := range strings.Split(s, sep) {
		m[e] = true
	}
	return m
}
