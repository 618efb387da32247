package article

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// parseHTML reads an HTML page with x/net/html's tokenizer. Offsets come
// from the raw length of every token, so they are exact whatever the markup.
// It keeps the prose of every visible element, share bars and "Related"
// lists included (residue rules want to see them), and skips what a reader
// never sees: the head (whose <title> and <meta> tags fill the front
// matter), scripts, styles, templates, SVG, forms' text areas, <pre> blocks,
// and elements with a hidden attribute or an inline display:none.
//
// The parser keeps its own stack of open elements instead of building a
// tree: it never recurses, and closes mis-nested elements the way browsers
// mostly do, so huge or malformed pages parse in linear time.
func parseHTML(doc *Document, content []byte) {
	p := newHTMLParser(doc, content, false)
	p.run(0, len(content))
	p.finishPage()
}

// parseHTMLFragment reads content[lo:hi], an HTML block of a Markdown file,
// appending its blocks and comments to doc.
func parseHTMLFragment(doc *Document, content []byte, lo, hi int) {
	p := newHTMLParser(doc, content, true)
	p.run(lo, hi)
}

// Element flags.
const (
	fBlock     uint16 = 1 << iota // starts and ends a block
	fContainer                    // a block container: inline and p end tags do not close across it
	fSkip                         // content is not visible prose
	fVoid                         // has no end tag
	fHead
	fTitle
	fList
	fQuote
	fCode  // inline code: Opaque
	fTable // table structure: block end tags do not close across it
	fKind  // pushed a kind context (set on stack entries only)
	fLI    // li, dt, dd
	fCell  // td, th
	fRow   // tr
	fPara  // p
	fHeading
)

var elemFlags = map[atom.Atom]uint16{
	atom.Address: fBlock | fContainer, atom.Article: fBlock | fContainer, atom.Aside: fBlock | fContainer,
	atom.Blockquote: fBlock | fContainer | fQuote, atom.Body: fBlock | fContainer, atom.Caption: fBlock | fContainer | fTable,
	atom.Center: fBlock | fContainer, atom.Dd: fBlock | fLI, atom.Details: fBlock | fContainer,
	atom.Dialog: fBlock | fContainer, atom.Dir: fBlock | fContainer | fList, atom.Div: fBlock | fContainer,
	atom.Dl: fBlock | fContainer, atom.Dt: fBlock | fLI, atom.Fieldset: fBlock | fContainer,
	atom.Figcaption: fBlock | fContainer, atom.Figure: fBlock | fContainer, atom.Footer: fBlock | fContainer,
	atom.Form: fBlock | fContainer, atom.H1: fBlock | fHeading, atom.H2: fBlock | fHeading,
	atom.H3: fBlock | fHeading, atom.H4: fBlock | fHeading, atom.H5: fBlock | fHeading, atom.H6: fBlock | fHeading,
	atom.Header: fBlock | fContainer, atom.Hgroup: fBlock | fContainer, atom.Html: fBlock | fContainer,
	atom.Legend: fBlock, atom.Li: fBlock | fContainer | fLI, atom.Main: fBlock | fContainer,
	atom.Menu: fBlock | fContainer | fList, atom.Nav: fBlock | fContainer, atom.Ol: fBlock | fContainer | fList,
	atom.P: fBlock | fPara, atom.Section: fBlock | fContainer, atom.Summary: fBlock,
	atom.Table: fBlock | fContainer | fTable, atom.Tbody: fBlock | fContainer | fTable,
	atom.Thead: fBlock | fContainer | fTable, atom.Tfoot: fBlock | fContainer | fTable,
	atom.Tr: fBlock | fContainer | fTable | fRow, atom.Td: fBlock | fContainer | fTable | fCell,
	atom.Th: fBlock | fContainer | fTable | fCell, atom.Ul: fBlock | fContainer | fList,
	atom.Option: fBlock, atom.Optgroup: fBlock,

	atom.Head: fSkip | fHead | fContainer, atom.Title: fBlock | fTitle,
	atom.Script: fSkip, atom.Style: fSkip, atom.Noscript: fSkip, atom.Template: fSkip | fContainer,
	atom.Svg: fSkip, atom.Math: fSkip, atom.Iframe: fSkip, atom.Object: fSkip, atom.Canvas: fSkip,
	atom.Textarea: fSkip | fBlock, atom.Select: fSkip | fBlock, atom.Datalist: fSkip,
	atom.Audio: fSkip, atom.Video: fSkip, atom.Noembed: fSkip, atom.Noframes: fSkip,
	atom.Pre: fSkip | fBlock | fContainer, atom.Xmp: fSkip | fBlock, atom.Plaintext: fSkip | fBlock,

	atom.Code: fCode, atom.Kbd: fCode, atom.Samp: fCode,

	atom.Area: fVoid, atom.Base: fVoid, atom.Br: fVoid, atom.Col: fVoid, atom.Embed: fVoid,
	atom.Hr: fVoid | fBlock, atom.Img: fVoid, atom.Input: fVoid, atom.Link: fVoid, atom.Meta: fVoid,
	atom.Source: fVoid, atom.Track: fVoid, atom.Wbr: fVoid, atom.Param: fVoid, atom.Keygen: fVoid,
}

// searchLimit bounds how far down the stack an end tag looks for its start
// tag, so that pathological nesting stays linear.
const searchLimit = 512

type openElem struct {
	a     atom.Atom
	flags uint16 // element flags plus fKind when it pushed a kind context
	name  string // for elements without an atom (custom elements)
}

type kindCtx struct {
	kind  Kind
	level int
}

type htmlParser struct {
	doc      *Document
	content  []byte
	fragment bool
	bb       blockBuilder

	stack []openElem
	kinds []kindCtx

	skip, quote, list, head int
	titleDepth              int

	code      int // open inline code elements
	codeStart int

	byline bool // text of this block came from a byline element

	title, ogTitle string
	titleBuf       strings.Builder
}

func newHTMLParser(doc *Document, content []byte, fragment bool) *htmlParser {
	return &htmlParser{doc: doc, content: content, fragment: fragment}
}

// textClass marks the bytes the text scanner stops at.
var textClass = [256]uint8{' ': 1, '\t': 1, '\n': 1, '\r': 1, '\f': 1, '&': 2}

func (p *htmlParser) run(lo, hi int) {
	z := html.NewTokenizer(bytes.NewReader(p.content[lo:hi]))
	off := lo
	for {
		tt := z.Next()
		start := off
		off += len(z.Raw())
		switch tt {
		case html.ErrorToken:
			p.flush(start)
			return
		case html.TextToken:
			switch {
			case p.titleDepth > 0:
				p.titleBuf.Write(z.Text())
			case p.skip > 0 || p.code > 0:
			default:
				p.text(start, off)
			}
		case html.CommentToken:
			p.doc.Comments = append(p.doc.Comments, Comment{
				Body: strings.TrimSpace(string(z.Text())),
				Src:  start, SrcEnd: off,
			})
		case html.StartTagToken, html.SelfClosingTagToken:
			p.startTag(z, tt == html.SelfClosingTagToken, start, off)
		case html.EndTagToken:
			name, _ := z.TagName()
			p.endTag(atom.Lookup(name), name, start, off)
		}
	}
}

func (p *htmlParser) startTag(z *html.Tokenizer, selfClosing bool, start, end int) {
	name, hasAttr := z.TagName()
	a := atom.Lookup(name)
	flags := elemFlags[a]
	if p.head > 0 && a != atom.Title && a != atom.Meta && a != atom.Link && a != atom.Script &&
		a != atom.Style && a != atom.Noscript && a != atom.Base && a != atom.Template && flags&fVoid == 0 {
		// Any other element ends the head, as in a browser.
		p.closeTo(func(e openElem) bool { return e.flags&fHead != 0 }, false)
	}
	if a == atom.Meta {
		if hasAttr {
			p.meta(z)
		}
		return
	}
	if a == atom.Body {
		p.closeTo(func(e openElem) bool { return e.flags&fHead != 0 }, false)
	}
	var hidden, byline, caption bool
	if hasAttr {
		hidden, byline, caption = scanAttrs(z)
		if a == atom.Html || a == atom.Body {
			byline, caption = false, false
		}
	}
	switch {
	case flags&fCode != 0:
		if !selfClosing && p.skip == 0 {
			if p.code == 0 {
				p.codeStart = start
			}
			p.code++
		}
		return
	case a == atom.Br:
		if p.skip == 0 && p.titleDepth == 0 && p.bb.len() > 0 {
			p.closeCode(start)
			p.bb.addMapped("\n", start, end)
		}
		return
	}
	// Implied end tags.
	switch {
	case flags&fLI != 0:
		p.closeTo(func(e openElem) bool { return e.flags&fLI != 0 }, true, atom.Ul, atom.Ol, atom.Dl, atom.Menu, atom.Dir)
	case flags&fCell != 0:
		p.closeTo(func(e openElem) bool { return e.flags&fCell != 0 }, true, atom.Tr, atom.Table)
	case flags&fRow != 0:
		p.closeTo(func(e openElem) bool { return e.flags&fRow != 0 }, true, atom.Table)
	case flags&fHeading != 0:
		if n := len(p.stack); n > 0 && p.stack[n-1].flags&fHeading != 0 {
			p.pop()
		}
	case a == atom.Option:
		if n := len(p.stack); n > 0 && p.stack[n-1].a == atom.Option {
			p.pop()
		}
	}
	if flags&fBlock != 0 {
		p.flush(start)
	}
	if flags&fVoid != 0 || selfClosing || a == 0 && !hidden && !byline && !caption {
		return // void, self-closing and unknown plain elements are not tracked
	}
	e := openElem{a: a, flags: flags}
	if a == 0 {
		e.name = string(name)
	}
	if a == atom.Title && (p.title != "" || p.titleDepth > 0 || p.skip > 0 && p.head == 0) {
		// Only the page's own <title> is the title; an SVG's or a second
		// one is not prose either.
		e.flags = e.flags&^fTitle | fSkip
	}
	if hidden {
		e.flags |= fSkip
	}
	var kc kindCtx
	switch {
	case flags&fHeading != 0:
		kc = kindCtx{Heading, int(a.String()[1] - '0')}
	case a == atom.Figcaption || caption:
		kc = kindCtx{Caption, 0}
	case byline:
		kc = kindCtx{Byline, 0}
	case a == atom.Li:
		kc = kindCtx{ListItem, 0}
	case a == atom.Dt || a == atom.Dd:
		kc = kindCtx{Paragraph, 0}
	case flags&fCell != 0:
		kc = kindCtx{TableCell, 0}
	case flags&fQuote != 0:
		kc = kindCtx{Quote, 0}
	default:
		kc.kind = 255
	}
	if kc.kind != 255 {
		e.flags |= fKind
		p.kinds = append(p.kinds, kc)
	}
	if e.flags&fSkip != 0 {
		p.skip++
	}
	if e.flags&fHead != 0 {
		p.head++
	}
	if e.flags&fTitle != 0 {
		p.titleDepth++
	}
	if e.flags&fList != 0 {
		p.list++
	}
	if e.flags&fQuote != 0 {
		p.quote++
	}
	p.stack = append(p.stack, e)
}

// scanAttrs reads the attributes that matter for prose: hidden, an inline
// display:none, and byline and caption markers in class, id, rel or itemprop.
func scanAttrs(z *html.Tokenizer) (hidden, byline, caption bool) {
	for more := true; more; {
		var k, v []byte
		k, v, more = z.TagAttr()
		switch string(k) {
		case "hidden":
			hidden = true
		case "style":
			if containsFold(v, "display:none") || containsFold(v, "display: none") {
				hidden = true
			}
		case "class", "id":
			for _, tok := range bytes.Fields(v) {
				byline = byline || isBylineToken(tok)
				caption = caption || containsFold(tok, "caption")
			}
		case "rel", "itemprop":
			for _, tok := range bytes.Fields(v) {
				byline = byline || bytes.EqualFold(tok, []byte("author"))
			}
		}
	}
	return hidden, byline, caption
}

// isBylineToken reports whether a class or id names a byline or an author
// ("byline", "byline-author", "author", "post-author", "author-name"), and
// not merely mentions one ("has-author-flag", "author-bio").
func isBylineToken(tok []byte) bool {
	if containsFold(tok, "byline") {
		return true
	}
	l := strings.ToLower(string(tok))
	switch l {
	case "author", "authors", "authorname":
		return true
	}
	return strings.HasSuffix(l, "-author") || strings.HasSuffix(l, "_author") || strings.HasSuffix(l, "-authors") ||
		strings.HasPrefix(l, "author-name") || strings.HasPrefix(l, "author_name")
}

// containsFold reports whether b contains the lower-case ASCII word w,
// ignoring ASCII case, without allocating.
func containsFold(b []byte, w string) bool {
	for i := 0; i+len(w) <= len(b); i++ {
		j := 0
		for j < len(w) {
			c := b[i+j]
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != w[j] {
				break
			}
			j++
		}
		if j == len(w) {
			return true
		}
	}
	return false
}

func (p *htmlParser) endTag(a atom.Atom, name []byte, start, end int) {
	if a == atom.Body || a == atom.Html {
		return
	}
	flags := elemFlags[a]
	if flags&fCode != 0 {
		if p.code > 0 {
			p.code--
			if p.code == 0 && p.skip == 0 {
				p.bb.addMapped(opaqueText, p.codeStart, end)
			}
		}
		return
	}
	if flags&fVoid != 0 {
		if a == atom.Br && p.skip == 0 && p.bb.len() > 0 {
			p.bb.addMapped("\n", start, end) // "</br>" is a line break in browsers
		}
		return
	}
	match := func(e openElem) bool { return e.a == a }
	if a == 0 {
		match = func(e openElem) bool { return e.a == 0 && e.name == string(name) }
	}
	if flags&fHeading != 0 {
		match = func(e openElem) bool { return e.flags&fHeading != 0 }
	}
	var stops []atom.Atom
	barrier := uint16(fContainer)
	switch {
	case flags&fTable != 0 && a != atom.Table:
		stops = []atom.Atom{atom.Table}
		barrier = 0
	case a == atom.Table:
		barrier = 0
	case flags&fLI != 0:
		stops = []atom.Atom{atom.Ul, atom.Ol, atom.Dl, atom.Menu, atom.Dir, atom.Table}
		barrier = 0
	case flags&fContainer != 0:
		barrier = fTable
	case flags&fBlock == 0:
		// An inline end tag never closes a block: "<b>x<p>y</b> z" keeps
		// "y z" together, as browsers do.
		barrier = fContainer | fBlock
	}
	i := p.find(match, barrier, stops)
	if i < 0 {
		return
	}
	if flags&fBlock != 0 || p.anyBlockAbove(i) {
		p.flush(start)
	}
	for len(p.stack) > i {
		p.pop()
	}
}

// anyBlockAbove reports whether a block element is open at or above stack
// index i (an inline end tag that closes a mis-nested block).
func (p *htmlParser) anyBlockAbove(i int) bool {
	for j := i; j < len(p.stack); j++ {
		if p.stack[j].flags&fBlock != 0 {
			return true
		}
	}
	return false
}

// find returns the stack index of the innermost open element that matches,
// looking no further than searchLimit entries, than an element with a
// barrier flag, or than an element in stops; -1 when there is none.
func (p *htmlParser) find(match func(openElem) bool, barrier uint16, stops []atom.Atom) int {
	lo := max(len(p.stack)-searchLimit, 0)
	for i := len(p.stack) - 1; i >= lo; i-- {
		e := p.stack[i]
		if match(e) {
			return i
		}
		if e.flags&barrier != 0 {
			return -1
		}
		for _, s := range stops {
			if e.a == s {
				return -1
			}
		}
	}
	return -1
}

// closeTo pops the innermost open element that matches, and everything
// above it, if it is found before any element in stops. With flush, the
// current block ends first.
func (p *htmlParser) closeTo(match func(openElem) bool, flush bool, stops ...atom.Atom) {
	i := p.find(match, 0, stops)
	if i < 0 {
		return
	}
	if flush {
		p.flush(-1)
	}
	for len(p.stack) > i {
		p.pop()
	}
}

func (p *htmlParser) pop() {
	e := p.stack[len(p.stack)-1]
	p.stack = p.stack[:len(p.stack)-1]
	if e.flags&fKind != 0 {
		p.kinds = p.kinds[:len(p.kinds)-1]
	}
	if e.flags&fSkip != 0 {
		p.skip--
	}
	if e.flags&fHead != 0 {
		p.head--
	}
	if e.flags&fTitle != 0 {
		p.titleDepth--
		if p.titleDepth == 0 && p.title == "" {
			p.title = strings.Join(strings.Fields(p.titleBuf.String()), " ")
		}
	}
	if e.flags&fList != 0 {
		p.list--
	}
	if e.flags&fQuote != 0 {
		p.quote--
	}
}

// text adds a text token's raw bytes content[start:end]: runs of plain
// characters map byte for byte, white space collapses to one space, and
// character references decode to what they stand for.
func (p *htmlParser) text(start, end int) {
	s := p.content
	if len(p.kinds) > 0 && p.kinds[len(p.kinds)-1].kind == Byline {
		p.byline = true
	}
	run := start
	for i := start; i < end; {
		c := textClass[s[i]]
		if c == 0 {
			i++
			continue
		}
		p.bb.addSrc(s, run, i)
		if c == 1 {
			j := i + 1
			for j < end && textClass[s[j]] == 1 {
				j++
			}
			if p.bb.len() > 0 && !isSpaceByte(p.bb.lastByte()) {
				if j-i == 1 && s[i] == ' ' {
					p.bb.addSrc(s, i, j)
				} else {
					p.bb.addMapped(" ", i, j)
				}
			}
			i, run = j, j
			continue
		}
		// A character reference.
		j := i + 1
		if j < end && s[j] == '#' {
			j++
			for j < end && j-i < 12 && isAlnum(s[j]) {
				j++
			}
		} else {
			for j < end && j-i < 40 && isAlnum(s[j]) {
				j++
			}
		}
		if j < end && s[j] == ';' {
			j++
		}
		if j-i > 1 {
			if dec, ok := decodeEntity(s[i:j]); ok {
				p.bb.addMapped(dec, i, j)
				i, run = j, j
				continue
			}
		}
		run = i // a plain '&': part of the next run
		i++
	}
	p.bb.addSrc(s, run, end)
}

// commonEntities are decoded without allocating.
var commonEntities = map[string]string{
	"&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": "\"", "&apos;": "'", "&nbsp;": "\u00a0",
	"&#39;": "'", "&#8217;": "\u2019", "&#8216;": "\u2018", "&#8220;": "\u201c", "&#8221;": "\u201d",
	"&#8212;": "\u2014", "&#8211;": "\u2013", "&mdash;": "\u2014", "&ndash;": "\u2013",
	"&rsquo;": "\u2019", "&lsquo;": "\u2018", "&ldquo;": "\u201c", "&rdquo;": "\u201d", "&hellip;": "\u2026",
}

// decodeEntity decodes the character reference ref ("&amp;", "&#8217;",
// "&copy" without a semicolon, as browsers accept); ok is false when ref is
// not one.
func decodeEntity(ref []byte) (string, bool) {
	if dec, ok := commonEntities[string(ref)]; ok {
		return dec, true
	}
	dec := html.UnescapeString(string(ref))
	return dec, dec != string(ref)
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// closeCode ends inline code that a block boundary or line break cuts off.
func (p *htmlParser) closeCode(at int) {
	if p.code > 0 && at >= 0 {
		p.bb.addMapped(opaqueText, p.codeStart, at)
		p.code = 0
	}
}

// flush ends the current block at content offset at (-1: unknown).
func (p *htmlParser) flush(at int) {
	if p.code > 0 && p.skip == 0 && at >= 0 {
		p.bb.addMapped(opaqueText, p.codeStart, at)
		p.code = 0
	}
	byline := p.byline
	p.byline = false
	kind, level := Paragraph, 0
	if n := len(p.kinds); n > 0 {
		kind, level = p.kinds[n-1].kind, p.kinds[n-1].level
	}
	b, ok := p.bb.block(kind)
	if !ok {
		return
	}
	short := len(b.Text) <= 150 && len(strings.Fields(b.Text)) <= 15
	if kind == Byline && !short {
		kind = Paragraph
	}
	if kind == Paragraph && byline && short {
		kind = Byline
	}
	switch kind {
	case Heading:
		b.Level = level
	case ListItem:
		b.Level = max(p.list, 1)
	case Paragraph:
		if p.quote > 0 {
			kind = Quote
		} else {
			kind = classifyLine(b.Text)
		}
	}
	b.Kind = kind
	b.InQuote = p.quote > 0
	p.doc.Blocks = append(p.doc.Blocks, b)
}

// meta reads a <meta name|property=... content=...> tag into the front
// matter.
func (p *htmlParser) meta(z *html.Tokenizer) {
	var name, value string
	for more := true; more; {
		var k, v []byte
		k, v, more = z.TagAttr()
		switch string(k) {
		case "name", "property", "itemprop":
			if name == "" {
				name = strings.ToLower(strings.TrimSpace(string(v)))
			}
		case "content":
			value = strings.Join(strings.Fields(string(v)), " ")
		}
	}
	if name == "" || value == "" {
		return
	}
	m := &p.doc.Meta
	if m.Fields == nil {
		m.Fields = make(map[string]string)
	}
	if _, ok := m.Fields[name]; !ok {
		m.Fields[name] = value
	}
	isURL := strings.HasPrefix(value, "http://") || strings.HasPrefix(value, "https://")
	switch name {
	case "og:title":
		if p.ogTitle == "" {
			p.ogTitle = value
		}
	case "author", "article:author", "byl", "dc.creator", "parsely-author", "sailthru.author":
		if m.Author == "" && !isURL {
			m.Author = strings.TrimPrefix(strings.TrimPrefix(value, "By "), "by ")
		}
	case "article:section", "parsely-section", "section":
		if m.Section == "" {
			m.Section = value
		}
	case "article:published_time", "date", "pubdate", "dc.date", "parsely-pub-date", "publish-date":
		if m.Date == "" {
			m.Date = value
		}
	}
}

// finishPage fills the title and picks the headline: the first <h1>, or
// else the heading that matches the page title.
func (p *htmlParser) finishPage() {
	m := &p.doc.Meta
	if m.Title == "" {
		m.Title = p.ogTitle
	}
	if m.Title == "" {
		m.Title = p.title
	}
	if p.title != "" {
		if m.Fields == nil {
			m.Fields = make(map[string]string)
		}
		if _, ok := m.Fields["title"]; !ok {
			m.Fields["title"] = p.title
		}
	}
	blocks := p.doc.Blocks
	for i := range blocks {
		if blocks[i].Kind == Heading && blocks[i].Level == 1 && !blocks[i].InQuote {
			blocks[i].Kind = Headline
			return
		}
	}
	for _, t := range []string{p.ogTitle, p.title} {
		if t == "" {
			continue
		}
		for i := range blocks {
			if blocks[i].Kind == Heading && !blocks[i].InQuote && len(blocks[i].Text) >= 8 &&
				(blocks[i].Text == t || strings.HasPrefix(t, blocks[i].Text)) {
				blocks[i].Kind = Headline
				return
			}
		}
	}
}
