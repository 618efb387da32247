// Package article is copydesk's document model: the exact source bytes of an
// article, a line index, and its prose as blocks in reading order, each with a
// map from its plain text back to byte ranges of the source.
//
// Positions always come from the parsers (goldmark segments, the HTML
// tokenizer's raw lengths, the plain-text scanner), never from searching the
// source for matched text.
package article

import (
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Format is the syntax a document is written in.
type Format uint8

// Formats copydesk reads.
const (
	Text Format = iota
	Markdown
	HTML
)

func (f Format) String() string {
	switch f {
	case Markdown:
		return "markdown"
	case HTML:
		return "html"
	default:
		return "text"
	}
}

// Kind says what part of an article a block is.
type Kind uint8

// Block kinds. Code blocks are never prose and are not kept in Blocks.
const (
	Paragraph Kind = iota
	Headline       // the article's title: first line of a text file, <h1>, first Markdown heading of level 1
	Heading        // any other heading
	Byline         // "By ..." lines, author blocks
	Dateline       // a line that is only a date or a dateline
	ListItem       // an item of a bulleted or numbered list
	Quote          // a block quotation (<blockquote>, Markdown ">")
	Caption        // figure captions, image credits
	TableCell      // one cell of a table
)

var kindNames = [...]string{"paragraph", "headline", "heading", "byline", "dateline", "list-item", "quote", "caption", "table-cell"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "unknown"
}

// Opaque stands in the prose Text for inline content that is not prose
// (inline code, inline HTML, images). Rules treat it as a word that matches
// nothing, so "the `x` the" is not a repeated word.
const Opaque = '\uFFFC'

// Span maps Text[Text:TextEnd] of a block to Src[Src:SrcEnd] of its document.
// When both ranges have the same length the mapping is byte for byte;
// otherwise (an entity, a decoded Windows-1252 byte, a soft line break) the
// text range as a whole stands for the source range as a whole.
type Span struct {
	Text, TextEnd int
	Src, SrcEnd   int
}

// Block is one unit of prose: a paragraph, a heading, a list item, ...
type Block struct {
	Kind  Kind
	Level int // heading level (1-6) for Headline and Heading; list depth for ListItem
	// InQuote is true for blocks inside a block quotation.
	InQuote bool
	// Text is the prose with markup removed, entities decoded and soft line
	// breaks turned into spaces. Hard line breaks are "\n".
	Text  string
	Spans []Span // ordered by Text, non-overlapping
}

// SrcOffset maps a byte offset in b.Text to a byte offset in the document's
// Src. An offset at the end of a span maps to the end of its source range.
func (b *Block) SrcOffset(off int) int {
	if len(b.Spans) == 0 {
		return 0
	}
	// First span whose TextEnd > off.
	i := sort.Search(len(b.Spans), func(i int) bool { return b.Spans[i].TextEnd > off })
	if i == len(b.Spans) {
		last := b.Spans[len(b.Spans)-1]
		return last.SrcEnd
	}
	s := b.Spans[i]
	if off <= s.Text {
		if off < s.Text && i > 0 {
			// In a gap between spans: stick to the end of the previous one.
			return b.Spans[i-1].SrcEnd
		}
		return s.Src
	}
	if s.TextEnd-s.Text == s.SrcEnd-s.Src {
		return s.Src + (off - s.Text)
	}
	return s.Src // inside a non-linear span: its start
}

// SrcEndOffset is like SrcOffset but for the end of a range: an offset inside
// a non-linear span maps to the end of its source range, so a range that
// covers part of an entity covers the whole entity in the source.
func (b *Block) SrcEndOffset(off int) int {
	if len(b.Spans) == 0 {
		return 0
	}
	i := sort.Search(len(b.Spans), func(i int) bool { return b.Spans[i].TextEnd >= off })
	if i == len(b.Spans) {
		return b.Spans[len(b.Spans)-1].SrcEnd
	}
	s := b.Spans[i]
	if off <= s.Text {
		if i > 0 {
			return b.Spans[i-1].SrcEnd
		}
		return s.Src
	}
	if s.TextEnd-s.Text == s.SrcEnd-s.Src {
		return s.Src + (off - s.Text)
	}
	return s.SrcEnd
}

// SrcRange maps the text range [start, end) of b to a source byte range.
func (b *Block) SrcRange(start, end int) (int, int) {
	s := b.SrcOffset(start)
	e := b.SrcEndOffset(end)
	if e < s {
		e = s
	}
	return s, e
}

// IsProse reports whether the block holds running copy (not a heading, byline
// or caption).
func (b *Block) IsProse() bool {
	switch b.Kind {
	case Paragraph, ListItem, Quote, TableCell:
		return true
	}
	return false
}

// FrontMatter holds the metadata from YAML (---) or TOML (+++) front matter,
// or from HTML <meta> tags and <title>.
type FrontMatter struct {
	Title   string
	Author  string
	Section string
	Date    string // as written
	Type    string // "opinion", "column", "news", ... from a type/kind/genre key
	// Fields holds every top-level scalar key, lower-cased, for rules and
	// configuration that need others.
	Fields map[string]string
	// Src and SrcEnd delimit the front matter block in Src (0, 0 when absent).
	Src, SrcEnd int
}

// Comment is an HTML comment found in the source (Markdown, HTML, or a plain
// text line that is only a comment). Body is the text between "<!--" and
// "-->", trimmed.
type Comment struct {
	Body        string
	Src, SrcEnd int
}

// Document is one parsed article.
type Document struct {
	Path   string
	Format Format
	// Src is the file's exact bytes, byte-order mark included.
	Src []byte
	// Encoding is "utf-8" or "windows-1252" (when Src was not valid UTF-8).
	Encoding string
	Lines    *LineIndex
	Meta     FrontMatter
	Blocks   []Block
	Comments []Comment
	// Notes are remarks about the input that are not findings, such as the
	// fallback to Windows-1252.
	Notes []string

	memo memo // see Memo
}

// Words counts the words of the document's blocks: runs of non-space
// characters that hold at least one letter or digit (a lone dash is not a
// word).
func (d *Document) Words() int {
	n := 0
	for i := range d.Blocks {
		counted := 0 // 1 once the current run of non-space has been counted
		text := d.Blocks[i].Text
		for j := 0; j < len(text); {
			// ASCII fast path: the same answers as the unicode calls below.
			if c := text[j]; c < utf8.RuneSelf {
				// Without branches, as letters and spaces alternate too
				// often to predict: a letter or digit after space (or
				// the start) counts a word; punctuation changes nothing.
				cls := asciiWordClass[c]
				alnum, space := int(cls>>1), int(cls&1)
				n += alnum &^ counted
				counted = (counted | alnum) &^ space
				j++
				continue
			}
			r, size := utf8.DecodeRuneInString(text[j:])
			j += size
			if unicode.IsSpace(r) {
				counted = 0
				continue
			}
			if counted == 0 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
				n++
				counted = 1
			}
		}
	}
	return n
}

// ASCII classes for Words.
const (
	asciiOther = 0
	asciiSpace = 1 // bit 0
	asciiAlnum = 2 // bit 1
)

var asciiWordClass = func() (t [utf8.RuneSelf]uint8) {
	for c := range rune(utf8.RuneSelf) {
		switch {
		case unicode.IsSpace(c):
			t[c] = asciiSpace
		case unicode.IsLetter(c) || unicode.IsDigit(c):
			t[c] = asciiAlnum
		}
	}
	return t
}()

// Position returns the 1-based line and column (in Unicode code points) of a
// byte offset in Src.
func (d *Document) Position(off int) (line, col int) { return d.Lines.Position(off) }

// IsOpinion reports whether front matter marks the piece as opinion, a
// column, an editorial, a review or analysis.
func (d *Document) IsOpinion() bool {
	t := strings.ToLower(d.Meta.Type + " " + d.Meta.Section)
	for _, w := range []string{"opinion", "column", "editorial", "comment", "review", "analysis", "blog", "letters"} {
		if strings.Contains(t, w) {
			return true
		}
	}
	return false
}

// Memo returns the value stored under key for this document, computing it
// with compute the first time. Rules use it to share work that depends only
// on the document (the token stream every phrase rule reads), so that ten
// rules tokenize a document once. compute may run more than once when
// called concurrently; its results must be interchangeable.
func (d *Document) Memo(key any, compute func() any) any {
	if v, ok := d.memo.load(key); ok {
		return v
	}
	return d.memo.loadOrStore(key, compute())
}

// Memoized returns the value stored under key, if Memo has stored one, and
// computes nothing: for work that is worth reusing when a rule has done it
// but not worth doing for its own sake.
func (d *Document) Memoized(key any) (any, bool) { return d.memo.load(key) }

// memo is a document's few memoized values (one per kind of shared work,
// under ten): a locked list is searched faster than a sync.Map, and storing
// costs no allocation beyond the list's growth.
type memo struct {
	mu      sync.Mutex
	entries []memoEntry
}

type memoEntry struct{ key, value any }

func (m *memo) load(key any) (any, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, e := range m.entries {
		if e.key == key {
			return e.value, true
		}
	}
	return nil, false
}

// loadOrStore stores value under key unless a value is there already, and
// returns the one stored.
func (m *memo) loadOrStore(key, value any) any {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, e := range m.entries {
		if e.key == key {
			return e.value
		}
	}
	if m.entries == nil {
		m.entries = make([]memoEntry, 0, 8)
	}
	m.entries = append(m.entries, memoEntry{key, value})
	return value
}
