package similar

import (
	"fmt"
	"strings"

	"github.com/sergi/go-diff/diffmatchpatch"

	"github.com/copydesk/copydesk/rules/article"
)

// paraBreak stands for a paragraph break among the words of a diff.
const paraBreak = "\u00b6"

// bodyWords returns the words of the document's body (the blocks a sketch
// compares), with paraBreak between paragraphs.
func bodyWords(doc *article.Document) []string {
	var out []string
	for i := range doc.Blocks {
		b := &doc.Blocks[i]
		switch b.Kind {
		case article.Headline, article.Byline, article.Dateline, article.Caption:
			continue
		}
		ws := strings.Fields(b.Text)
		if !b.IsProse() || residueLike(b.Text, len(wordHashes(nil, b.Text))) || len(ws) == 0 {
			continue
		}
		if len(out) > 0 {
			out = append(out, paraBreak)
		}
		out = append(out, ws...)
	}
	return out
}

// DiffOptions shape a word diff.
type DiffOptions struct {
	// Context is the number of unchanged words kept on each side of a
	// change (default 6); longer unchanged runs are folded.
	Context int
	// Width is the line width to wrap at (default 100).
	Width int
	// Indent starts every line.
	Indent string
}

// Diff returns a word-level diff of the bodies of a and b for an editor to
// read: removed words as [-…-], added words as {+…+}, runs of unchanged
// words longer than twice the context folded into "[… N unchanged words …]".
// Paragraph breaks are ¶.
func Diff(a, b *article.Document, o DiffOptions) string {
	if o.Context <= 0 {
		o.Context = 6
	}
	if o.Width <= 0 {
		o.Width = 100
	}
	wa, wb := bodyWords(a), bodyWords(b)
	// Each distinct word becomes one rune, so that the character diff of
	// go-diff works on words.
	ids := map[string]rune{}
	var words []string
	toRunes := func(ws []string) []rune {
		rs := make([]rune, len(ws))
		for i, w := range ws {
			r, ok := ids[w]
			if !ok {
				n := rune(len(words))
				r = 0xE000 + n // private use area
				if n >= 0x1900 {
					r = 0xF0000 + n - 0x1900 // supplementary private use
				}
				ids[w] = r
				words = append(words, w)
			}
			rs[i] = r
		}
		return rs
	}
	ra, rb := toRunes(wa), toRunes(wb)
	back := func(s string) []string {
		var out []string
		for _, r := range s {
			n := int(r - 0xE000)
			if r >= 0xF0000 {
				n = int(r-0xF0000) + 0x1900
			}
			out = append(out, words[n])
		}
		return out
	}
	dmp := diffmatchpatch.New()
	diffs := dmp.DiffMainRunes(ra, rb, false)
	diffs = dmp.DiffCleanupSemantic(diffs)
	if len(diffs) <= 1 && (len(diffs) == 0 || diffs[0].Type == diffmatchpatch.DiffEqual) {
		return o.Indent + "(the same words)\n"
	}

	var w wrapper
	w.width, w.indent = o.Width, o.Indent
	for i, d := range diffs {
		ws := back(d.Text)
		switch d.Type {
		case diffmatchpatch.DiffDelete:
			w.marked(ws, "[-", "-]")
		case diffmatchpatch.DiffInsert:
			w.marked(ws, "{+", "+}")
		default:
			head, tail := o.Context, o.Context
			if i == 0 {
				head = 0
			}
			if i == len(diffs)-1 {
				tail = 0
			}
			if len(ws) > head+tail+3 {
				for _, x := range ws[:head] {
					w.token(x)
				}
				w.token(fmt.Sprintf("[… %d unchanged words …]", len(ws)-head-tail))
				for _, x := range ws[len(ws)-tail:] {
					w.token(x)
				}
				continue
			}
			for _, x := range ws {
				w.token(x)
			}
		}
	}
	return w.String()
}

// wrapper lays out tokens in lines of at most width characters.
type wrapper struct {
	b      strings.Builder
	line   int
	width  int
	indent string
}

func (w *wrapper) token(s string) {
	n := len([]rune(s))
	if w.line > 0 && w.line+1+n > w.width {
		w.b.WriteString("\n")
		w.line = 0
	}
	if w.line == 0 {
		w.b.WriteString(w.indent)
		w.line = len(w.indent)
	} else {
		w.b.WriteString(" ")
		w.line++
	}
	w.b.WriteString(s)
	w.line += n
}

// maxChangedWords is the longest removed or added run shown whole.
const maxChangedWords = 40

// marked lays out a changed run between its markers, wrapping inside it.
func (w *wrapper) marked(ws []string, open, close string) {
	if len(ws) == 0 {
		return
	}
	if len(ws) > maxChangedWords {
		// A truncated or padded copy: show the edges of the change.
		folded := append([]string{}, ws[:maxChangedWords/2]...)
		folded = append(folded, fmt.Sprintf("[… %d more words …]", len(ws)-maxChangedWords/2-5))
		ws = append(folded, ws[len(ws)-5:]...)
	} else {
		ws = append([]string{}, ws...)
	}
	ws[0] = open + ws[0]
	ws[len(ws)-1] += close
	for _, x := range ws {
		w.token(x)
	}
}

func (w *wrapper) String() string {
	if w.line > 0 {
		w.b.WriteString("\n")
	}
	return w.b.String()
}
