package article

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestLineIndexPosition(t *testing.T) {
	tests := []struct {
		name       string
		src        string
		single     bool
		off        int
		line, col  int
		lineStart  int
		lineEndOff int
	}{
		{"start", "ab\ncd", false, 0, 1, 1, 0, 2},
		{"second line", "ab\ncd", false, 4, 2, 2, 3, 5},
		{"CRLF", "ab\r\ncd", false, 4, 2, 1, 4, 6},
		{"lone CR", "ab\rcd", false, 3, 2, 1, 3, 5},
		{"curly quote counts once", "“a”b", false, 7, 1, 4, 0, 8},
		{"inside a rune", "é", false, 1, 1, 1, 0, 2},
		{"BOM is not a column", "\xEF\xBB\xBFab", false, 4, 1, 2, 0, 5},
		{"Windows-1252 bytes", "caf\xE9 x", true, 5, 1, 6, 0, 6},
		{"past the end clamps", "ab", false, 9, 1, 3, 0, 2},
		{"tab is one column", "\tx", false, 1, 1, 2, 0, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			li := NewLineIndex([]byte(tt.src), tt.single)
			line, col := li.Position(tt.off)
			if line != tt.line || col != tt.col {
				t.Errorf("Position(%d) = %d:%d, want %d:%d", tt.off, line, col, tt.line, tt.col)
			}
			if got := li.LineStart(line); got != tt.lineStart {
				t.Errorf("LineStart(%d) = %d, want %d", line, got, tt.lineStart)
			}
			if got := li.LineEnd(line); got != tt.lineEndOff {
				t.Errorf("LineEnd(%d) = %d, want %d", line, got, tt.lineEndOff)
			}
		})
	}
}

// TestLineIndexRoundTrip checks that Offset inverts Position at every rune
// start of sources with multi-byte characters, CRLF, lone CR and a BOM.
func TestLineIndexRoundTrip(t *testing.T) {
	for _, src := range []string{
		"",
		"plain\nlines\n",
		"\xEF\xBB\xBFbom “quotes”\r\nand — dashes\rlone cr\n\n",
		"tabs\tand\u00a0nbsp\n😀 emoji\n",
	} {
		checkRoundTrip(t, []byte(src), false)
	}
	checkRoundTrip(t, []byte("caf\xE9\r\n\x92quoted\x92\n"), true)
}

func checkRoundTrip(t *testing.T, src []byte, single bool) {
	t.Helper()
	li := NewLineIndex(src, single)
	for off := 0; off <= len(src); off++ {
		if !single && off < len(src) && !utf8.RuneStart(src[off]) {
			continue
		}
		if !single && off < 3 && len(src) >= 3 && string(src[:3]) == "\xEF\xBB\xBF" {
			continue // the byte-order mark and the first character share 1:1
		}
		line, col := li.Position(off)
		if got := li.Offset(line, col); got != off && (got > off || !isLineTerm(src, got, off)) {
			t.Errorf("%q: Offset(Position(%d) = %d:%d) = %d", src, off, line, col, got)
		}
	}
}

// isLineTerm reports whether src[from:to] is only a line terminator: the
// offset of a "\n" after "\r" has the same position as the "\r".
func isLineTerm(src []byte, from, to int) bool {
	for _, c := range src[from:to] {
		if c != '\r' && c != '\n' {
			return false
		}
	}
	return true
}

// positionOracle is Position's column count as it was, decoding every
// character.
func positionOracle(li *LineIndex, off int) (line, col int) {
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
		_, size := utf8.DecodeRune(li.src[i:])
		if i+size > off {
			break
		}
		i += size
		col++
	}
	return line, col
}

func TestPositionAgreesWithOracle(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	pieces := []string{"a", "word ", "\n", "\r\n", "\r", "é", "€", "😀", "\xff", "\x80", "\xe2\x82", "\xEF\xBB\xBF", " "}
	for n := 0; n < 5000; n++ {
		var b strings.Builder
		for k := r.IntN(12); k >= 0; k-- {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		src := []byte(b.String())
		li := NewLineIndex(src, false)
		for off := -1; off <= len(src)+1; off++ {
			gl, gc := li.Position(off)
			wl, wc := positionOracle(li, off)
			if gl != wl || gc != wc {
				t.Fatalf("%q: Position(%d) = %d:%d, want %d:%d", src, off, gl, gc, wl, wc)
			}
		}
	}
}

// The index has room for its lines and not many more: it is built for
// every document.
func TestLineIndexSizedToItsLines(t *testing.T) {
	for _, tc := range []struct {
		src     string
		lines   int
		maxRoom int
	}{
		{"", 1, 1},
		{"one line, no newline", 1, 1},
		{"a long first line of prose\n\nand another long line of prose\n", 4, 4},
		{"crlf\r\nlines\r\nhere", 3, 5},
		{"old\rmac\rlines", 3, 3},
	} {
		li := NewLineIndex([]byte(tc.src), false)
		if li.Lines() != tc.lines || cap(li.starts) > tc.maxRoom {
			t.Errorf("%q: %d lines (want %d), room for %d (want at most %d)", tc.src, li.Lines(), tc.lines, cap(li.starts), tc.maxRoom)
		}
	}
}
