package article

import (
	"bytes"
	"errors"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// ErrBinary is returned by Parse for files that look binary.
var ErrBinary = errors.New("binary file")

// FormatFor returns the format for a file name and whether the extension is
// one copydesk checks when walking a folder (.txt .text .md .markdown .mdx
// .html .htm). Unknown extensions are read as text.
func FormatFor(path string) (Format, bool) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".txt", ".text":
		return Text, true
	case ".md", ".markdown", ".mdx":
		return Markdown, true
	case ".html", ".htm":
		return HTML, true
	}
	return Text, false
}

// IsBinary reports whether src looks like a binary file: a NUL byte in its
// first 8000 bytes, as git decides.
func IsBinary(src []byte) bool {
	head := src
	if len(head) > 8000 {
		head = head[:8000]
	}
	return bytes.IndexByte(head, 0) >= 0
}

// Parse parses src as the format its path's extension names (text for
// unknown extensions). It never fails on content: invalid UTF-8 is decoded
// as Windows-1252 (and noted), a byte-order mark and CRLF are handled. The
// only error is ErrBinary.
func Parse(path string, src []byte) (*Document, error) {
	f, _ := FormatFor(path)
	return ParseFormat(path, src, f)
}

// ParseFormat is Parse with an explicit format.
func ParseFormat(path string, src []byte, f Format) (*Document, error) {
	if IsBinary(src) {
		return nil, ErrBinary
	}
	doc := &Document{Path: path, Format: f, Src: src, Encoding: "utf-8"}
	in := decode(src)
	if in.cp1252 {
		doc.Encoding = "windows-1252"
		doc.Notes = append(doc.Notes, "not valid UTF-8: read as Windows-1252")
	}
	doc.Lines = NewLineIndex(src, in.cp1252)
	switch f {
	case Markdown:
		parseMarkdown(doc, in.content)
	case HTML:
		parseHTML(doc, in.content)
	default:
		parseText(doc, in.content)
	}
	in.remap(doc)
	return doc, nil
}

// input is the UTF-8 content the parsers read, and the way back from its
// offsets to offsets in Src.
type input struct {
	content []byte
	base    int   // bytes stripped from the front (a byte-order mark)
	cp1252  bool  // content was decoded from Windows-1252
	toSrc   []int // for cp1252: content offset of each decoded rune start -> src offset (len(content)+1 entries)
}

func decode(src []byte) input {
	if utf8.Valid(src) {
		if bytes.HasPrefix(src, []byte("\xEF\xBB\xBF")) {
			return input{content: src[3:], base: 3}
		}
		return input{content: src}
	}
	dec := charmap.Windows1252.NewDecoder()
	var buf bytes.Buffer
	buf.Grow(len(src) + len(src)/8)
	toSrc := make([]int, 0, len(src)+len(src)/8+1)
	var one [1]byte
	for i, b := range src {
		if b < utf8.RuneSelf {
			buf.WriteByte(b)
			toSrc = append(toSrc, i)
			continue
		}
		one[0] = b
		r, err := dec.Bytes(one[:])
		if err != nil || len(r) == 0 {
			r = []byte("\uFFFD")
		}
		for range r {
			toSrc = append(toSrc, i)
		}
		buf.Write(r)
	}
	toSrc = append(toSrc, len(src))
	return input{content: buf.Bytes(), cp1252: true, toSrc: toSrc}
}

// srcOf maps a content offset to a src offset.
func (in *input) srcOf(off int) int {
	if !in.cp1252 {
		return off + in.base
	}
	if off >= len(in.toSrc) {
		return in.toSrc[len(in.toSrc)-1]
	}
	return in.toSrc[off]
}

// srcEndOf maps a content end offset to a src end offset: the end of a
// partly covered decoded character is the end of its source byte.
func (in *input) srcEndOf(off int) int {
	if !in.cp1252 {
		return off + in.base
	}
	if off >= len(in.toSrc) {
		return in.toSrc[len(in.toSrc)-1]
	}
	if off > 0 && in.toSrc[off-1] == in.toSrc[off] {
		return in.toSrc[off] + 1
	}
	return in.toSrc[off]
}

// remap turns the content offsets the parsers produced into Src offsets.
// For Windows-1252 input, linear spans are split at every decoded non-ASCII
// character so that positions stay exact.
func (in *input) remap(doc *Document) {
	if !in.cp1252 && in.base == 0 {
		return
	}
	for i := range doc.Comments {
		c := &doc.Comments[i]
		c.Src, c.SrcEnd = in.srcOf(c.Src), in.srcEndOf(c.SrcEnd)
	}
	if doc.Meta.SrcEnd > 0 {
		doc.Meta.Src, doc.Meta.SrcEnd = in.srcOf(doc.Meta.Src), in.srcEndOf(doc.Meta.SrcEnd)
	}
	for bi := range doc.Blocks {
		b := &doc.Blocks[bi]
		if !in.cp1252 {
			for si := range b.Spans {
				b.Spans[si].Src += in.base
				b.Spans[si].SrcEnd += in.base
			}
			continue
		}
		out := make([]Span, 0, len(b.Spans))
		for _, s := range b.Spans {
			if s.TextEnd-s.Text != s.SrcEnd-s.Src {
				out = append(out, Span{s.Text, s.TextEnd, in.srcOf(s.Src), in.srcEndOf(s.SrcEnd)})
				continue
			}
			// Linear in content: split into ASCII runs and single decoded runes.
			t, c := s.Text, s.Src
			for c < s.SrcEnd {
				if in.content[c] < utf8.RuneSelf {
					j := c
					for j < s.SrcEnd && in.content[j] < utf8.RuneSelf {
						j++
					}
					out = append(out, Span{t, t + (j - c), in.srcOf(c), in.srcOf(c) + (j - c)})
					t += j - c
					c = j
					continue
				}
				_, size := utf8.DecodeRune(in.content[c:])
				if c+size > s.SrcEnd {
					size = s.SrcEnd - c
				}
				out = append(out, Span{t, t + size, in.srcOf(c), in.srcEndOf(c + size)})
				t += size
				c += size
			}
		}
		b.Spans = out
	}
}
