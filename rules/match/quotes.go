package match

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Range is a byte range [Start, End) of a text.
type Range struct{ Start, End int }

// Quotations appends to dst[:0] the direct quotations of one block's text:
// byte ranges from an opening quotation mark to its closing mark, both
// included. Style rules use them to stay quiet inside what a source said.
//
// Double quotation marks are straight (" or two apostrophes ”), curly
// (“ ” „) or guillemets (« »). Straight marks alternate: the first opens, the next closes. A
// quotation with no closing mark runs to the end of the text: news copy
// leaves the closing mark off a quotation that goes on into the next
// paragraph, and that paragraph opens with a mark of its own, so each
// paragraph's part is found when its own text is scanned. When such
// paragraphs were run together into one text (some corpora lost their
// paragraph breaks), a straight mark with a space before it and none after,
// met while a quotation is open, opens the quotation's next part rather
// than closing it, so that narration between is taken as quoted rather
// than a quotation as narration. A closing mark
// with no opening mark before it (the tail of a quotation whose opening
// mark is in an earlier paragraph) makes the text up to it a quotation.
//
// Curly single quotation marks (‘ ’) count everywhere: an opening mark
// (after a space or the start, before a word) pairs with the nearest closing
// mark (after a word, before a space, punctuation or the end), as UK and
// Australian copy quotes with them. With single set (for headlines: UK
// headline style quotes with 'single marks'), straight single marks count
// too. Apostrophes are not quotation marks: "don't", "Joneses' plan", "the
// '90s", "rock 'n' roll", "'em", "'tis".
func Quotations(text string, single bool, dst []Range) []Range {
	out := dst[:0]
	open := -1 // byte offset of the open quotation's mark
	seen := false
	curlySingle := false // a ‘ met: every ‘ starts with a lead of markLeads
	marks := newMarkFinder(text)
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
		case '‘':
			curlySingle = true
		}
		i += size
	}
	if open >= 0 {
		out = append(out, Range{open, len(text)})
	}
	if single || curlySingle {
		out = singleQuotations(text, out, single)
	}
	return out
}

// markLeads are what double quotation marks start with: ", two
// apostrophes (a lone one is no double mark, and news copy has many), 0xE2
// (“ ” „, and ‘ ’) and 0xC2 (« »). Continuation bytes never equal them.
var markLeads = [...]string{"\"", "''", "\xE2", "\xC2"}

// markFinder finds the bytes of a text that may start a double quotation
// mark, with one strings.Index scan for each of markLeads, resumed only
// once the text is read past what it found: faster than testing every
// byte of text that has few marks.
type markFinder struct {
	text string
	at   [len(markLeads)]int // where each lead byte is next, len(text) for nowhere
}

func newMarkFinder(text string) markFinder {
	return markFinder{text: text, at: [len(markLeads)]int{-1, -1, -1, -1}}
}

// next returns the offset of the first byte at or after i that may start
// a quotation mark, or len(text).
func (f *markFinder) next(i int) int {
	m := len(f.text)
	for k, c := range markLeads {
		if f.at[k] < i {
			f.at[k] = len(f.text)
			if j := strings.Index(f.text[i:], c); j >= 0 {
				f.at[k] = i + j
			}
		}
		m = min(m, f.at[k])
	}
	return m
}

// closesOnly reports whether the straight mark at text[i:i+size] can only
// close a quotation: a word or punctuation before it, a space or the end
// after it.
func closesOnly(text string, i, size int) bool {
	if i == 0 {
		return false
	}
	before, _ := utf8.DecodeLastRuneInString(text[:i])
	if unicode.IsSpace(before) || before == '(' || before == '[' || before == '\u2014' || before == '\u2013' {
		return false
	}
	if i+size == len(text) {
		return true
	}
	after, _ := utf8.DecodeRuneInString(text[i+size:])
	return unicode.IsSpace(after)
}

// reopens reports whether the straight mark at text[i:i+size], met while a
// quotation is open, opens a new part of it rather than closing it: a space
// before it and none after, where a closing mark has them the other way
// round.
func reopens(text string, i, size int) bool {
	if i < 1 || i+size >= len(text) {
		return false
	}
	before, _ := utf8.DecodeLastRuneInString(text[:i])
	after, _ := utf8.DecodeRuneInString(text[i+size:])
	return unicode.IsSpace(before) && !unicode.IsSpace(after)
}

// singleQuotations adds the single-quoted quotations of text that lie
// outside the double-quoted ranges dq, keeping the result ordered: curly
// ones, and straight ones when straight is set.
func singleQuotations(text string, dq []Range, straight bool) []Range {
	var add []Range
	for i := nextSingleMark(text, 0, '‘', straight); i < len(text); i = nextSingleMark(text, i, '‘', straight) {
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

// nextSingleMark returns the offset of the first curly mark (‘ or ’, as
// given) at or after i, or of the first straight mark (') if that comes
// first and straight is set, or len(text). No other character opens (or
// closes) a single quotation, and no character of valid UTF-8 has the
// marks' first bytes inside it, so jumping from mark to mark visits what a
// scan of every character would.
func nextSingleMark(text string, i int, curly rune, straight bool) int {
	n := len(text) - i
	if j := strings.IndexRune(text[i:], curly); j >= 0 {
		n = j
	}
	if straight {
		if j := strings.IndexByte(text[i:i+n], '\''); j >= 0 {
			n = j
		}
	}
	return i + n
}

// elisions are words that an apostrophe opens: "'n'", "'em", "'tis".
var elisions = map[string]bool{"n": true, "em": true, "tis": true, "twas": true, "cause": true, "til": true, "bout": true, "s": true}

// opensSingle reports whether the single mark at text[i:i+size] opens a
// quotation: the start, a space or an opening bracket or dash before it, a
// word after it that is not an elision or a decade ("'90s").
func opensSingle(text string, i, size int) bool {
	if i > 0 {
		before, _ := utf8.DecodeLastRuneInString(text[:i])
		if !unicode.IsSpace(before) && before != '(' && before != '[' && before != '\u2014' && before != '\u2013' && before != '"' && before != '“' {
			return false
		}
	}
	j := i + size
	if j >= len(text) {
		return false
	}
	after, _ := utf8.DecodeRuneInString(text[j:])
	if unicode.IsSpace(after) {
		return false
	}
	k := j
	for k < len(text) && (isLetterByte(text[k]) || isDigit(text[k])) {
		k++
	}
	w := fold(text[j:k])
	if elisions[w] {
		return false
	}
	if len(w) == 3 && isDigit(w[0]) && isDigit(w[1]) && w[2] == 's' {
		return false // the '90s
	}
	return true
}

// closeSingle returns the end of the closing single mark (’, or ' when
// straight is set) that pairs with an opening mark ending at from, or 0
// when there is none.
func closeSingle(text string, from int, straight bool) int {
	for i := nextSingleMark(text, from, '’', straight); i < len(text); i = nextSingleMark(text, i, '’', straight) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if (r == '’' || straight && r == '\'') && i > from {
			before, _ := utf8.DecodeLastRuneInString(text[:i])
			if !unicode.IsSpace(before) {
				if i+size == len(text) {
					return i + size
				}
				after, _ := utf8.DecodeRuneInString(text[i+size:])
				if !isWordRune(after) {
					return i + size
				}
			}
		}
		i += size
	}
	return 0
}

func inRanges(rs []Range, off int) bool {
	for _, r := range rs {
		if r.Start <= off && off < r.End {
			return true
		}
	}
	return false
}

// Overlaps reports whether the byte range [start, end) overlaps any of rs
// (as Quotations returns them: ordered and not overlapping).
func Overlaps(rs []Range, start, end int) bool {
	for _, r := range rs {
		if r.Start >= end {
			return false
		}
		if start < r.End {
			return true
		}
	}
	return false
}
