package article

import (
	"bytes"
	"sort"
	"unicode/utf8"
)

// LineIndex converts byte offsets of a source to 1-based line and column
// numbers and back. Lines end at "\n", "\r\n" or a lone "\r". Columns count
// Unicode code points; in a Windows-1252 source every byte is one code point.
// A byte-order mark at the start of the file does not count as a column.
type LineIndex struct {
	src    []byte
	starts []int // byte offset where each line starts
	single bool  // one byte per code point (Windows-1252 sources)
	bom    int   // length of a leading byte-order mark
}

var newline, carriageReturn = []byte{'\n'}, []byte{'\r'}

// NewLineIndex indexes src. singleByte is true for sources decoded as
// Windows-1252.
func NewLineIndex(src []byte, singleByte bool) *LineIndex {
	// Room for exactly the lines ("\r" counted apart, when there is one,
	// can only overcount): counting them first is cheaper than the page
	// faults of a guessed, larger index for every document.
	n := bytes.Count(src, newline) + 1
	cr := bytes.IndexByte(src, '\r') >= 0
	if cr {
		n += bytes.Count(src, carriageReturn)
	}
	li := &LineIndex{src: src, single: singleByte, starts: make([]int, 1, n)}
	if !singleByte && len(src) >= 3 && src[0] == 0xEF && src[1] == 0xBB && src[2] == 0xBF {
		li.bom = 3
	}
	if !cr {
		// Only "\n" ends lines: find them with the fast byte search.
		for i := 0; ; {
			j := bytes.IndexByte(src[i:], '\n')
			if j < 0 {
				return li
			}
			i += j + 1
			li.starts = append(li.starts, i)
		}
	}
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '\n':
			li.starts = append(li.starts, i+1)
		case '\r':
			if i+1 < len(src) && src[i+1] == '\n' {
				i++
			}
			li.starts = append(li.starts, i+1)
		}
	}
	return li
}

// Lines returns the number of lines.
func (li *LineIndex) Lines() int { return len(li.starts) }

// LineStart returns the byte offset where 1-based line n starts.
func (li *LineIndex) LineStart(n int) int {
	if n < 1 {
		return 0
	}
	if n > len(li.starts) {
		return len(li.src)
	}
	return li.starts[n-1]
}

// LineEnd returns the byte offset of the end of 1-based line n, before its
// line terminator.
func (li *LineIndex) LineEnd(n int) int {
	if n < 1 {
		n = 1
	}
	if n >= len(li.starts) {
		return len(li.src)
	}
	end := li.starts[n] - 1 // the '\n' or lone '\r'
	if li.src[end] == '\n' && end > li.starts[n-1] && li.src[end-1] == '\r' {
		end--
	}
	return end
}

// Line returns the 1-based line holding byte offset off.
func (li *LineIndex) Line(off int) int {
	if off < 0 {
		off = 0
	}
	return sort.Search(len(li.starts), func(i int) bool { return li.starts[i] > off })
}

// Position returns the 1-based line and column of byte offset off. Offsets
// past the end clamp to the end; an offset inside a multi-byte character
// counts as that character.
func (li *LineIndex) Position(off int) (line, col int) {
	if off > len(li.src) {
		off = len(li.src)
	}
	if off < 0 {
		off = 0
	}
	line = li.Line(off)
	start := li.starts[line-1]
	if line == 1 && li.bom > 0 && off >= li.bom {
		start = li.bom
	}
	if li.single {
		return line, off - start + 1
	}
	col = 1
	for i := start; i < off; {
		if li.src[i] < utf8.RuneSelf {
			i++ // ASCII: one byte, one column, no decoding
			col++
			continue
		}
		_, size := utf8.DecodeRune(li.src[i:])
		if i+size > off {
			break
		}
		i += size
		col++
	}
	return line, col
}

// Offset returns the byte offset of 1-based line and column, the inverse of
// Position. Columns past the end of the line clamp to the line's end.
func (li *LineIndex) Offset(line, col int) int {
	if line < 1 {
		return 0
	}
	if line > len(li.starts) {
		return len(li.src)
	}
	off := li.starts[line-1]
	if line == 1 && li.bom > 0 {
		off = li.bom
	}
	end := li.LineEnd(line)
	for c := 1; c < col && off < end; c++ {
		if li.single {
			off++
			continue
		}
		_, size := utf8.DecodeRune(li.src[off:])
		off += size
	}
	return off
}
