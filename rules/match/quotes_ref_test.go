package match

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// quotationsRef is Quotations as it was before it looked for two
// apostrophes rather than each one, noted curly single marks as it met them
// and jumped from mark to mark in singleQuotations: the reference the tests
// hold Quotations to.
func quotationsRef(text string, single bool, dst []Range) []Range {
	out := dst[:0]
	open := -1 // byte offset of the open quotation's mark
	seen := false
	marks := newMarkFinderRef(text)
	for i := marks.next(0); i < len(text); i = marks.next(i) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if r == '\'' && i+1 < len(text) && text[i+1] == '\'' {
			r, size = '"', 2 // two apostrophes typed for a double mark
		}
		switch r {
		case '"':
			switch {
			case open >= 0 && reopens(text, i, size):
				// A new paragraph of the quotation, run into this text
				// without its break: "... the regulations. "In summary,
				// ...". The quotation stays open.
			case open >= 0:
				out = append(out, Range{open, i + size})
				open = -1
			case !seen && closesOnly(text, i, size):
				out = append(out, Range{0, i + size})
			default:
				open = i
			}
			seen = true
		case '“', '„', '«':
			switch {
			case open < 0:
				open = i
			case r == '“' && strings.HasPrefix(text[open:], "„"):
				// German style: „quoted“.
				out = append(out, Range{open, i + size})
				open = -1
			}
			seen = true
		case '”', '»':
			switch {
			case open >= 0:
				out = append(out, Range{open, i + size})
				open = -1
			case !seen:
				out = append(out, Range{0, i + size})
			}
			seen = true
		}
		i += size
	}
	if open >= 0 {
		out = append(out, Range{open, len(text)})
	}
	if single || strings.Contains(text, "‘") {
		out = singleQuotationsRef(text, out, single)
	}
	return out
}

// markLeadsRef are the bytes that quotation marks start with: " and ', 0xE2
// (“ ” „) and 0xC2 (« »). Continuation bytes never equal them.
var markLeadsRef = [...]byte{'"', '\'', 0xE2, 0xC2}

// markFinderRef finds the bytes of a text that may start a quotation mark,
// with one strings.IndexByte scan for each of markLeadsRef, resumed only once
// the text is read past the byte it found: faster than testing every byte
// of text that has few marks.
type markFinderRef struct {
	text string
	at   [len(markLeadsRef)]int // where each lead byte is next, len(text) for nowhere
}

func newMarkFinderRef(text string) markFinderRef {
	return markFinderRef{text: text, at: [len(markLeadsRef)]int{-1, -1, -1, -1}}
}

// next returns the offset of the first byte at or after i that may start
// a quotation mark, or len(text).
func (f *markFinderRef) next(i int) int {
	m := len(f.text)
	for k, c := range markLeadsRef {
		if f.at[k] < i {
			f.at[k] = len(f.text)
			if j := strings.IndexByte(f.text[i:], c); j >= 0 {
				f.at[k] = i + j
			}
		}
		m = min(m, f.at[k])
	}
	return m
}

// singleQuotationsRef adds the single-quoted quotations of text that lie
// outside the double-quoted ranges dq, keeping the result ordered: curly
// ones, and straight ones when straight is set.
func singleQuotationsRef(text string, dq []Range, straight bool) []Range {
	var add []Range
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if strings.HasPrefix(text[i:], "''") {
			i += 2 // a double mark
			continue
		}
		if (r == '‘' || straight && r == '\'') && opensSingle(text, i, size) && !inRanges(dq, i) {
			if end := closeSingle(text, i+size, straight); end > 0 && !Overlaps(dq, i, end) {
				add = append(add, Range{i, end})
				i = end
				continue
			}
		}
		i += size
	}
	if len(add) == 0 {
		return dq
	}
	out := make([]Range, 0, len(dq)+len(add))
	a, b := 0, 0
	for a < len(dq) || b < len(add) {
		if b == len(add) || a < len(dq) && dq[a].Start < add[b].Start {
			out = append(out, dq[a])
			a++
		} else {
			out = append(out, add[b])
			b++
		}
	}
	return out
}

// Quotations finds what its reference finds, with single marks counted and
// not, on every line of the corpora and on random texts of marks, words
// and spaces.
func TestQuotationsMatchReference(t *testing.T) {
	check := func(text string) {
		t.Helper()
		for _, single := range []bool{false, true} {
			if got, want := Quotations(text, single, nil), quotationsRef(text, single, nil); !slices.Equal(got, want) {
				t.Fatalf("Quotations(%q, %v) = %v, reference %v", text, single, got, want)
			}
		}
	}
	pieces := []string{"a", "word", "don't", "90s", "n", "em", " ", "  ", "\n", ".", ",", "(", "[", "—", "–",
		"\"", "'", "''", "“", "”", "„", "‘", "’", "«", "»", "\xe2", "\xe2\x80", "\xc2", "é", "\u00a0"}
	r := rand.New(rand.NewPCG(5, 6))
	for range 50000 {
		var b strings.Builder
		for range r.IntN(24) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		check(b.String())
	}
	if !haveCorpora() {
		t.Skip("../shared/corpora not found: Quotations compared on random texts only")
	}
	quoted := 0
	for _, data := range corpusTexts(t) {
		for line := range strings.SplitSeq(data, "\n") {
			check(line)
			quoted += len(Quotations(line, true, nil))
		}
	}
	if quoted == 0 {
		t.Error("no quotations in the corpora: the comparison proves nothing")
	}
}
