package article

import "strings"

// blockBuilder accumulates a block's Text and its spans.
type blockBuilder struct {
	text  strings.Builder
	spans []Span
	// verbatim is true when the last span was added by addSrc, so that a
	// same-length mapped span (" " for "\n", Opaque for "`x`") is never
	// extended with the text that follows it.
	verbatim bool
	// shared, when set (plain text), is the content given to addSrc as a
	// string: a block that is one run of it, as most paragraphs of a text
	// file are, takes its Text as a substring of shared instead of a copy
	// of its own. pending is set while spans[0] is that run and text is
	// still empty.
	shared  string
	pending bool
	// arena holds the spans of the blocks made so far, each block's a
	// slice of it: one allocation for many blocks instead of one each. A
	// full arena is replaced, not grown in place, so finished blocks keep
	// theirs.
	arena []Span
}

// addSrc appends content[start:end] verbatim, mapped byte for byte.
func (bb *blockBuilder) addSrc(content []byte, start, end int) {
	if end <= start {
		return
	}
	if bb.shared != "" && len(bb.spans) == 0 && bb.text.Len() == 0 {
		bb.spans = append(bb.spans, Span{0, end - start, start, end})
		bb.verbatim, bb.pending = true, true
		return
	}
	bb.unpend()
	t := bb.text.Len()
	bb.text.Write(content[start:end])
	if n := len(bb.spans); n > 0 && bb.verbatim {
		last := &bb.spans[n-1]
		if last.TextEnd == t && last.SrcEnd == start {
			last.TextEnd += end - start
			last.SrcEnd = end
			return
		}
	}
	bb.spans = append(bb.spans, Span{t, t + (end - start), start, end})
	bb.verbatim = true
}

// addMapped appends s as the text that stands for content[start:end] (an
// entity, a line break turned into a space, inline code as Opaque).
func (bb *blockBuilder) addMapped(s string, start, end int) {
	if s == "" {
		return
	}
	bb.unpend()
	t := bb.text.Len()
	bb.text.WriteString(s)
	bb.spans = append(bb.spans, Span{t, t + len(s), start, end})
	bb.verbatim = false
}

// unpend writes the pending run of shared into text, before more is
// added to the block.
func (bb *blockBuilder) unpend() {
	if bb.pending {
		sp := bb.spans[0]
		bb.text.WriteString(bb.shared[sp.Src:sp.SrcEnd])
		bb.pending = false
	}
}

// String returns the text so far.
func (bb *blockBuilder) String() string {
	if bb.pending {
		sp := bb.spans[0]
		return bb.shared[sp.Src:sp.SrcEnd]
	}
	return bb.text.String()
}

func (bb *blockBuilder) len() int { return len(bb.String()) }

// lastByte returns the last byte of the text so far, or 0.
func (bb *blockBuilder) lastByte() byte {
	s := bb.String()
	if s == "" {
		return 0
	}
	return s[len(s)-1]
}

// block finishes the block, trimming surrounding white space. It returns
// false when nothing but white space was collected.
func (bb *blockBuilder) block(kind Kind) (Block, bool) {
	text := bb.String()
	lo, hi := 0, len(text)
	for lo < hi && isSpaceByte(text[lo]) {
		lo++
	}
	for hi > lo && isSpaceByte(text[hi-1]) {
		hi--
	}
	if lo == hi {
		bb.reset()
		return Block{}, false
	}
	// The blocks' spans are cut from one growing array (see arena).
	if cap(bb.arena)-len(bb.arena) < len(bb.spans) {
		bb.arena = make([]Span, 0, max(2*cap(bb.arena), 4*len(bb.spans), 8))
	}
	first := len(bb.arena)
	for _, s := range bb.spans {
		if s.TextEnd <= lo || s.Text >= hi {
			continue
		}
		if s.Text < lo || s.TextEnd > hi {
			linear := s.TextEnd-s.Text == s.SrcEnd-s.Src
			if s.Text < lo {
				if linear {
					s.Src += lo - s.Text
				}
				s.Text = lo
			}
			if s.TextEnd > hi {
				if linear {
					s.SrcEnd -= s.TextEnd - hi
				}
				s.TextEnd = hi
			}
		}
		s.Text -= lo
		s.TextEnd -= lo
		bb.arena = append(bb.arena, s)
	}
	// A full slice expression, so that appending to one block's spans
	// never writes over the next block's.
	spans := bb.arena[first:len(bb.arena):len(bb.arena)]
	b := Block{Kind: kind, Text: text[lo:hi], Spans: spans}
	bb.reset()
	return b, true
}

func (bb *blockBuilder) reset() {
	bb.text.Reset()
	bb.spans = bb.spans[:0] // block copied them
	bb.verbatim, bb.pending = false, false
}

func isSpaceByte(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}
