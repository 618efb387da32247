package engine

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/copydesk/copydesk/rules/article"
)

// refDisplayMatch is displayMatch's definition: the whole range repaired,
// then cut to maxMatch code points.
func refDisplayMatch(src []byte) string {
	str := strings.ToValidUTF8(string(src), "\uFFFD")
	if utf8.RuneCountInString(str) > maxMatch {
		n := 0
		for i := range str {
			if n == maxMatch {
				return str[:i] + "…"
			}
			n++
		}
	}
	return str
}

func TestDisplayMatchMatchesDefinition(t *testing.T) {
	tests := []string{
		"",
		"short",
		strings.Repeat("a", maxMatch-1),
		strings.Repeat("a", maxMatch),
		strings.Repeat("a", maxMatch+1),
		strings.Repeat("é", maxMatch+1),
		strings.Repeat("\uFFFD", maxMatch+5),
		strings.Repeat("x", 10) + "\xff\xfe" + strings.Repeat("y", 300),
		strings.Repeat("x", maxMatch) + "\xff\xfe",
		strings.Repeat("x", maxMatch-1) + "\xff\xfe\xfd",
		strings.Repeat("x", maxMatch-1) + "\xe2\x80",
		strings.Repeat("日本", 150),
	}
	for _, src := range tests {
		doc := &article.Document{Src: []byte(src)}
		if got, want := displayMatch(doc, 0, len(src)), refDisplayMatch([]byte(src)); got != want {
			t.Errorf("displayMatch(%q) = %q, want %q", src, got, want)
		}
	}
}
