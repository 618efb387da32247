package article

import (
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
		if got := li.Offset(line, col); got != off && !(got < off && isLineTerm(src, got, off)) {
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
