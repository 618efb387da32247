package article

import (
	"bytes"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// opaqueText is the Text that stands for inline code, inline HTML and images.
const opaqueText = string(Opaque)

// mdParser is built once: a goldmark parser holds no per-document state and
// is safe for concurrent use.
var mdParser = sync.OnceValue(func() parser.Parser {
	return goldmark.New(goldmark.WithExtensions(extension.Table)).Parser()
})

// parseMarkdown reads CommonMark with GFM tables. Every span comes from
// goldmark's segments: text runs map byte for byte, and everything that is
// rewritten (soft and hard line breaks, backslash escapes, entities, inline
// code, inline HTML, images) maps as a whole to its source range.
//
// HTML blocks are read with the HTML parser when their lines are contiguous
// in the source (top-level blocks), so their prose is kept; inside block
// quotations and list items, where goldmark strips the line prefixes, only
// their comments are collected.
func parseMarkdown(doc *Document, content []byte) {
	base := parseFrontMatter(doc, content, true)
	src := content[base:]
	root := mdParser().Parse(text.NewReader(src))
	w := mdWalker{doc: doc, content: content, src: src, base: base}
	w.walk(root)
	if doc.Meta.Title == "" {
		for i := range doc.Blocks {
			if doc.Blocks[i].Kind == Headline {
				doc.Meta.Title = doc.Blocks[i].Text
				break
			}
		}
	}
}

type mdWalker struct {
	doc     *Document
	content []byte // the whole input; span offsets are offsets into it
	src     []byte // content[base:], what goldmark parsed
	base    int
	bb      blockBuilder

	containers   []Kind // enclosing list items and block quotations, innermost last
	listDepth    int
	quoteDepth   int
	headlineDone bool
}

// walk visits the tree without recursion, so deep nesting cannot exhaust
// the stack.
func (w *mdWalker) walk(root ast.Node) {
	n := root.FirstChild()
	for n != nil {
		if w.enter(n) && n.FirstChild() != nil {
			n = n.FirstChild()
			continue
		}
		for n != nil && n != root {
			w.exit(n)
			if next := n.NextSibling(); next != nil {
				n = next
				break
			}
			n = n.Parent()
		}
		if n == root {
			break
		}
	}
}

// enter handles a node and reports whether its children are to be visited.
// exit is called for every node entered, whatever enter returned.
func (w *mdWalker) enter(n ast.Node) bool {
	switch n := n.(type) {
	case *ast.Text:
		w.text(n)
		return false
	case *ast.String:
		at := w.cursor()
		w.bb.addMapped(string(n.Value), at, at)
		return false
	case *ast.CodeSpan:
		start, end := w.codeSpanRange(n)
		w.bb.addMapped(opaqueText, start+w.base, end+w.base)
		return false
	case *ast.Image:
		start, end := w.imageRange(n)
		w.bb.addMapped(opaqueText, start+w.base, end+w.base)
		return false
	case *ast.AutoLink:
		w.autoLink(n)
		return false
	case *ast.RawHTML:
		w.rawHTML(n)
		return false
	case *ast.HTMLBlock:
		w.htmlBlock(n)
		return false
	case *ast.CodeBlock, *ast.FencedCodeBlock, *ast.ThematicBreak:
		return false
	case *ast.Blockquote:
		w.quoteDepth++
		w.containers = append(w.containers, Quote)
	case *ast.List:
		w.listDepth++
	case *ast.ListItem:
		w.containers = append(w.containers, ListItem)
	}
	return true
}

func (w *mdWalker) exit(n ast.Node) {
	switch n := n.(type) {
	case *ast.Paragraph, *ast.TextBlock:
		kind := Paragraph
		if k := len(w.containers); k > 0 {
			kind = w.containers[k-1]
		}
		w.flush(kind, 0)
	case *ast.Heading:
		kind := Heading
		if !w.headlineDone && w.quoteDepth == 0 && w.listDepth == 0 && (n.Level == 1 || len(w.doc.Blocks) == 0) {
			kind = Headline
		}
		w.flush(kind, n.Level)
	case *east.TableCell:
		w.flush(TableCell, 0)
	case *ast.Blockquote:
		w.quoteDepth--
		w.containers = w.containers[:len(w.containers)-1]
	case *ast.List:
		w.listDepth--
	case *ast.ListItem:
		w.containers = w.containers[:len(w.containers)-1]
	}
}

// flush ends the current block.
func (w *mdWalker) flush(kind Kind, level int) {
	b, ok := w.bb.block(kind)
	if !ok {
		return
	}
	switch kind {
	case Headline:
		w.headlineDone = true
		b.Level = level
	case Heading:
		b.Level = level
	case ListItem:
		b.Level = w.listDepth
	case Paragraph:
		b.Kind = classifyLine(b.Text)
	}
	b.InQuote = w.quoteDepth > 0
	w.doc.Blocks = append(w.doc.Blocks, b)
}

// cursor is the content offset where the text so far ends in the source.
func (w *mdWalker) cursor() int {
	if n := len(w.bb.spans); n > 0 {
		return w.bb.spans[n-1].SrcEnd
	}
	return w.base
}

func (w *mdWalker) text(t *ast.Text) {
	seg := t.Segment
	if t.IsRaw() {
		w.bb.addSrc(w.content, seg.Start+w.base, seg.Stop+w.base)
	} else {
		w.addEscaped(seg.Start, seg.Stop)
	}
	switch {
	case t.HardLineBreak():
		w.lineBreak(seg.Stop, "\n")
	case t.SoftLineBreak():
		w.lineBreak(seg.Stop, " ")
	}
}

// lineBreak maps s to the rest of the line after stop: trailing spaces, a
// backslash of a hard break, and the line terminator.
func (w *mdWalker) lineBreak(stop int, s string) {
	end := stop
	for end < len(w.src) && w.src[end] != '\n' && w.src[end] != '\r' {
		end++
	}
	if end < len(w.src) && w.src[end] == '\r' {
		end++
	}
	if end < len(w.src) && w.src[end] == '\n' {
		end++
	}
	w.bb.addMapped(s, stop+w.base, end+w.base)
}

// addEscaped adds src[start:stop] with backslash escapes and entity and
// numeric character references decoded, as goldmark's renderer would.
func (w *mdWalker) addEscaped(start, stop int) {
	s := w.src
	run := start
	for i := start; i < stop; i++ {
		switch s[i] {
		case '\\':
			if i+1 < stop && util.IsPunct(s[i+1]) {
				w.bb.addSrc(w.content, run+w.base, i+w.base)
				w.bb.addMapped(string(s[i+1:i+2]), i+w.base, i+2+w.base)
				i++
				run = i + 1
			}
		case '&':
			if dec, n := decodeCharRef(s[i:stop]); n > 0 {
				w.bb.addSrc(w.content, run+w.base, i+w.base)
				w.bb.addMapped(dec, i+w.base, i+n+w.base)
				i += n - 1
				run = i + 1
			}
		}
	}
	w.bb.addSrc(w.content, run+w.base, stop+w.base)
}

// decodeCharRef decodes a CommonMark entity or numeric character reference
// ("&amp;", "&#8217;", "&#x2019;") at the start of b. It returns the decoded
// text and the length of the reference, or 0 when b does not start with one.
func decodeCharRef(b []byte) (string, int) {
	if len(b) < 3 || b[0] != '&' {
		return "", 0
	}
	if b[1] == '#' {
		i, hex := 2, false
		if i < len(b) && (b[i] == 'x' || b[i] == 'X') {
			hex = true
			i++
		}
		digits, max := i, 7
		if hex {
			max = 6
		}
		var r rune
		for i < len(b) && i-digits < max {
			c := b[i]
			var d rune
			switch {
			case c >= '0' && c <= '9':
				d = rune(c - '0')
			case hex && c >= 'a' && c <= 'f':
				d = rune(c-'a') + 10
			case hex && c >= 'A' && c <= 'F':
				d = rune(c-'A') + 10
			default:
				d = -1
			}
			if d < 0 {
				break
			}
			if hex {
				r = r*16 + d
			} else {
				r = r*10 + d
			}
			i++
		}
		if i == digits || i >= len(b) || b[i] != ';' {
			return "", 0
		}
		if r == 0 || r > utf8.MaxRune || (r >= 0xD800 && r <= 0xDFFF) {
			r = utf8.RuneError
		}
		return string(r), i + 1
	}
	i := 1
	for i < len(b) && i <= 32 && (b[i] >= 'a' && b[i] <= 'z' || b[i] >= 'A' && b[i] <= 'Z' || b[i] >= '0' && b[i] <= '9') {
		i++
	}
	if i == 1 || i >= len(b) || b[i] != ';' {
		return "", 0
	}
	e, ok := util.LookUpHTML5EntityByName(string(b[1:i]))
	if !ok {
		return "", 0
	}
	return string(e.Characters), i + 1
}

// codeSpanRange returns the source range of a code span, backticks included.
func (w *mdWalker) codeSpanRange(n *ast.CodeSpan) (int, int) {
	s := w.src
	start := n.Pos()
	if start < 0 || start >= len(s) || s[start] != '`' {
		return w.childRange(n)
	}
	k := start
	for k < len(s) && s[k] == '`' {
		k++
	}
	open := k - start
	for i := k; i < len(s); {
		if s[i] != '`' {
			i++
			continue
		}
		j := i
		for j < len(s) && s[j] == '`' {
			j++
		}
		if j-i == open {
			return start, j
		}
		i = j
	}
	return w.childRange(n)
}

// childRange is the range from the first to the last text segment of n's
// children: the fallback when a node's delimiters cannot be found.
func (w *mdWalker) childRange(n ast.Node) (int, int) {
	start, end := -1, -1
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok {
			if start < 0 {
				start = t.Segment.Start
			}
			end = t.Segment.Stop
		}
	}
	if start < 0 {
		at := w.cursor() - w.base
		return at, at
	}
	return start, end
}

// imageRange returns the source range of an image: "![alt](dest "title")",
// "![alt][ref]" or "![alt]".
func (w *mdWalker) imageRange(n *ast.Image) (int, int) {
	s := w.src
	start := n.Pos()
	if start < 0 || start+1 >= len(s) || s[start] != '!' || s[start+1] != '[' {
		return w.childRange(n)
	}
	i := closeBracket(s, start+1, '[', ']')
	if i < 0 {
		return w.childRange(n)
	}
	if i < len(s) && s[i] == '(' {
		if j := closeParen(s, i); j > 0 {
			return start, j
		}
	} else if i < len(s) && s[i] == '[' {
		if j := closeBracket(s, i, '[', ']'); j > 0 {
			return start, j
		}
	}
	return start, i
}

// closeBracket returns the offset after the bracket that closes the one at
// s[open], skipping backslash escapes, or -1.
func closeBracket(s []byte, open int, lb, rb byte) int {
	depth := 0
	for i := open; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case lb:
			depth++
		case rb:
			depth--
			if depth == 0 {
				return i + 1
			}
		}
	}
	return -1
}

// closeParen returns the offset after the parenthesis that closes an inline
// link destination and title starting at s[open] == '(', or -1.
func closeParen(s []byte, open int) int {
	depth := 0
	var quote byte
	angle := false
	for i := open; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\':
			i++
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case angle:
			if c == '>' {
				angle = false
			}
		case c == '<' && i > 0 && (s[i-1] == '(' || s[i-1] == ' ' || s[i-1] == '\n'):
			angle = true
		case (c == '"' || c == '\'') && i > 0 && (s[i-1] == ' ' || s[i-1] == '\t' || s[i-1] == '\n'):
			quote = c
		case c == '(':
			depth++
		case c == ')':
			depth--
			if depth == 0 {
				return i + 1
			}
		}
	}
	return -1
}

// autoLink adds the text of "<https://...>" (the link is its own text).
func (w *mdWalker) autoLink(n *ast.AutoLink) {
	label := n.Label(w.src)
	p := n.Pos()
	if p >= 0 && p+1+len(label) <= len(w.src) && w.src[p] == '<' && bytes.Equal(w.src[p+1:p+1+len(label)], label) {
		w.bb.addSrc(w.content, p+1+w.base, p+1+len(label)+w.base)
		return
	}
	at := w.cursor()
	w.bb.addMapped(string(label), at, at)
}

// rawHTML keeps inline comments (suppression directives, test annotations)
// as Comments and out of the prose; other inline HTML is Opaque.
func (w *mdWalker) rawHTML(n *ast.RawHTML) {
	segs := n.Segments
	if segs == nil || segs.Len() == 0 {
		return
	}
	start, stop := segs.At(0).Start, segs.At(segs.Len()-1).Stop
	if bytes.HasPrefix(w.src[start:], []byte("<!--")) {
		var body []byte
		for i := 0; i < segs.Len(); i++ {
			seg := segs.At(i)
			body = append(body, seg.Value(w.src)...)
		}
		w.addComment(body, start, stop)
		return
	}
	w.bb.addMapped(opaqueText, start+w.base, stop+w.base)
}

// addComment records a comment whose raw text (with "<!--" and "-->") is raw
// and whose source range, in src offsets, is [start, stop).
func (w *mdWalker) addComment(raw []byte, start, stop int) {
	body := bytes.TrimPrefix(raw, []byte("<!--"))
	body = bytes.TrimSuffix(bytes.TrimRight(body, " \t\r\n"), []byte("-->"))
	w.doc.Comments = append(w.doc.Comments, Comment{
		Body: strings.TrimSpace(string(body)),
		Src:  start + w.base, SrcEnd: stop + w.base,
	})
}

// htmlBlock reads an HTML block: with the HTML parser when its lines are
// contiguous in the source, else for its comments only.
func (w *mdWalker) htmlBlock(n *ast.HTMLBlock) {
	lines := n.Lines()
	var segs []text.Segment
	for i := 0; i < lines.Len(); i++ {
		segs = append(segs, lines.At(i))
	}
	if n.HasClosure() {
		segs = append(segs, n.ClosureLine)
	}
	if len(segs) == 0 {
		return
	}
	contiguous := true
	for i := 1; i < len(segs); i++ {
		if segs[i].Start != segs[i-1].Stop {
			contiguous = false
		}
	}
	start, stop := segs[0].Start, segs[len(segs)-1].Stop
	if contiguous {
		first := len(w.doc.Blocks)
		parseHTMLFragment(w.doc, w.content, start+w.base, stop+w.base)
		// A one-line HTML block in a list item or quotation belongs to it.
		if k := len(w.containers); k > 0 {
			for i := first; i < len(w.doc.Blocks); i++ {
				b := &w.doc.Blocks[i]
				b.InQuote = b.InQuote || w.quoteDepth > 0
				if b.Kind == Paragraph || b.Kind == Quote {
					b.Kind = w.containers[k-1]
					if b.Kind == ListItem {
						b.Level = w.listDepth
					}
				}
			}
		}
		return
	}
	// Comments only, each found in the raw range of the block.
	s := w.src[:stop]
	for i := start; i < stop; {
		j := bytes.Index(s[i:], []byte("<!--"))
		if j < 0 {
			break
		}
		cs := i + j
		k := bytes.Index(s[cs+4:], []byte("-->"))
		if k < 0 {
			break
		}
		ce := cs + 4 + k + 3
		w.addComment(s[cs:ce], cs, ce)
		i = ce
	}
}
