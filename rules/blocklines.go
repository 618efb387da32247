package rules

import (
	"bytes"
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/copydesk/copydesk/rules/article"
)

// The residue rules look at lines, not sentences: a share bar, an avatar's
// alt text or a "KEEP READING" label is a line of its own in the source,
// even when plain text or Markdown joins it into one paragraph with the
// lines around it.

// textLine is one line of a block: Text[start:end], trimmed of white space.
type textLine struct {
	block      int // index in doc.Blocks
	start, end int
}

// blockLines appends the non-empty lines of doc.Blocks[bi] to dst: the block
// is split at hard breaks ("\n") and, in plain text and Markdown, at the
// soft line breaks the parser turned into spaces. In HTML a line break in
// the source is only white space and does not split.
func blockLines(doc *article.Document, bi int, dst []textLine) []textLine {
	b := &doc.Blocks[bi]
	text := b.Text
	start := 0
	add := func(end int) {
		s, e := start, end
		for s < e && isLineSpace(text[s]) {
			s++
		}
		for e > s && isLineSpace(text[e-1]) {
			e--
		}
		if s < e {
			dst = append(dst, textLine{bi, s, e})
		}
		start = end + 1
	}
	if doc.Format == article.HTML {
		for i := strings.IndexByte(text, '\n'); i >= 0; i = strings.IndexByte(text[start:], '\n') {
			add(start + i)
		}
		add(len(text))
		return dst
	}
	// Breaks in span order: a linear span has the line ends of its source
	// at the same offsets (the builder merges a one-byte "\n" that became
	// " " into the text around it); a mapped span is one break when it
	// stands for a line end or holds a hard break.
	for _, sp := range b.Spans {
		if sp.TextEnd-sp.Text == sp.SrcEnd-sp.Src {
			src := doc.Src[sp.Src:sp.SrcEnd]
			for off := 0; off < len(src); {
				k := indexLineEnd(src[off:])
				if k < 0 {
					break
				}
				if at := sp.Text + off + k; at >= start {
					add(at)
				}
				off += k + 1
			}
			continue
		}
		if i := strings.IndexByte(text[sp.Text:sp.TextEnd], '\n'); i >= 0 {
			add(sp.Text + i)
			continue
		}
		if sp.TextEnd-sp.Text == 1 && text[sp.Text] == ' ' && indexLineEnd(doc.Src[sp.Src:sp.SrcEnd]) >= 0 {
			add(sp.Text)
		}
	}
	add(len(text))
	return dst
}

// indexLineEnd returns the index of the first "\n" or "\r" in b, or -1.
func indexLineEnd(b []byte) int {
	n := bytes.IndexByte(b, '\n')
	if r := bytes.IndexByte(b, '\r'); r >= 0 && (n < 0 || r < n) {
		return r
	}
	return n
}

type docLinesKey struct{}

// docLines returns every line of every block of doc, in reading order. The
// lines are computed once per document (Document.Memo) and shared by the
// residue rules: callers must not change the slice.
func docLines(doc *article.Document) []textLine {
	return doc.Memo(docLinesKey{}, func() any {
		out := make([]textLine, 0, len(doc.Blocks)) // most blocks are one line
		for bi := range doc.Blocks {
			out = blockLines(doc, bi, out)
		}
		return out
	}).([]textLine)
}

func (l textLine) text(doc *article.Document) string {
	return doc.Blocks[l.block].Text[l.start:l.end]
}

// srcRange maps the line to a byte range of doc.Src.
func (l textLine) srcRange(doc *article.Document) (int, int) {
	return doc.Blocks[l.block].SrcRange(l.start, l.end)
}

func isLineSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

// lineKey is the comparison form of a line: its words (letters and digits)
// lower-cased and joined by single spaces; punctuation, quotes and spacing
// do not count. It also returns the number of words.
func lineKey(s string) (string, int) {
	// A Builder hands its bytes over as the string: one allocation, not
	// two (a []byte and its copy).
	var b strings.Builder
	b.Grow(len(s))
	words := 0
	in := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch hashClass[c] {
			case 0:
				in = false
				continue
			case 3:
				continue // an inner apostrophe: "don't" is one word
			case 2:
				c += 'a' - 'A'
			}
			if !in {
				if words > 0 {
					b.WriteByte(' ')
				}
				words++
				in = true
			}
			b.WriteByte(c)
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			if r != '\u2019' {
				in = false
			}
			continue
		}
		if !in {
			if words > 0 {
				b.WriteByte(' ')
			}
			words++
			in = true
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String(), words
}

// keyWords returns the number of words of a key made by lineKey, which
// joins its words with single spaces: the n that lineKey returned.
func keyWords(key string) int {
	if key == "" {
		return 0
	}
	return strings.Count(key, " ") + 1
}

// appendKeyWords appends the words of a key made by lineKey to dst:
// strings.Fields(key), as the key's words are letters and digits parted
// by single spaces, without allocating when dst has room.
func appendKeyWords(dst []string, key string) []string {
	for key != "" {
		i := strings.IndexByte(key, ' ')
		if i < 0 {
			return append(dst, key)
		}
		dst = append(dst, key[:i])
		key = key[i+1:]
	}
	return dst
}

// hasWordPrefix reports whether the key starts with the words of p:
// key == p or key starts with p and a space (strings.HasPrefix(key, p+" "),
// without building that string).
func hasWordPrefix(key, p string) bool {
	return strings.HasPrefix(key, p) && (len(key) == len(p) || key[len(p)] == ' ')
}

// hasWordSuffix reports whether the key ends with a space and l
// (strings.HasSuffix(key, " "+l), without building that string).
func hasWordSuffix(key, l string) bool {
	return len(key) > len(l) && strings.HasSuffix(key, l) && key[len(key)-len(l)-1] == ' '
}

// lineWords splits a line into its words (letters, digits, inner
// apostrophes and hyphens), dropping punctuation.
func lineWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '\u2019' && r != '-' && r != '&'
	})
}

// lineEndsSentence reports whether s ends with sentence-final punctuation,
// closing quotes and brackets aside.
func lineEndsSentence(s string) bool {
	s = strings.TrimRight(s, " \"'\u201d\u2019)]")
	if s == "" {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	return r == '.' || r == '!' || r == '?' || r == '\u2026'
}

// isCapitalWord reports whether w starts with an upper-case letter or a digit.
func isCapitalWord(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}

// splitSet makes a set of the sep-separated entries of s.
func splitSet(s, sep string) map[string]bool {
	m := map[string]bool{}
	for _, e := range strings.Split(s, sep) {
		m[e] = true
	}
	return m
}

// quickWords counts the runs of non-space bytes in s, stopping once it
// passes limit: a bound on its words that costs no allocation, to skip
// long lines early. It returns min(count, limit+1).
//
// A word starts where a byte that is not a space follows a space (or the
// start). The count takes eight bytes at a time (SWAR, as the tokenizer's
// word scan): a mask of the bytes that are not spaces, and of those that
// follow a space, whose common bits it adds up; so it neither branches on
// every byte, which would mispredict at every word, nor adds byte by byte.
func quickWords(s string, limit int) int {
	const high = 0x8080808080808080
	n := 0
	after := uint64(0x80) // 0x80 when the byte before s[i] is a space (or the start)
	i := 0
	for ; i+8 <= len(s); i += 8 {
		x := load64(s, i)
		word := nonZeroBytes(x^(' '*ones)) & nonZeroBytes(x^('\t'*ones)) & nonZeroBytes(x^('\n'*ones))
		space := ^word & high
		n += bits.OnesCount64(word & (space<<8 | after))
		after = space >> 56
		if n > limit {
			return limit + 1
		}
	}
	prev := int(after >> 7)
	for ; i < len(s); i++ {
		sp := int(quickSpace[s[i]])
		n += prev &^ sp
		prev = sp
		if n > limit {
			return n
		}
	}
	return n
}

// ones has a one in each byte, to repeat a byte eight times.
const ones = 0x0101010101010101

// nonZeroBytes sets the high bit of each byte of x that is not zero, and
// clears every other bit: the low seven bits plus 0x7F carry into the high
// bit when any is set, and never into the next byte.
func nonZeroBytes(x uint64) uint64 {
	const high, low = 0x8080808080808080, 0x7F7F7F7F7F7F7F7F
	return ((x & low) + low | x) & high
}

// load64 returns the eight bytes of s at i as a little-endian number (the
// compiler makes it one load).
func load64(s string, i int) uint64 {
	b := s[i : i+8]
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
}

// quickSpace is 1 for the bytes that part words for quickWords.
var quickSpace = [256]uint8{' ': 1, '\t': 1, '\n': 1}

// hashClass sorts ASCII bytes for lineHash: word bytes (lower case, or
// upper case to fold), apostrophes, and separators.
var hashClass = func() (t [128]uint8) {
	for c := 'a'; c <= 'z'; c++ {
		t[c] = 1
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = 1
	}
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = 2
	}
	t['\''] = 3
	return t
}()

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// lineHash hashes the first maxWords words of the lineKey form of s
// (FNV-1a) and counts its words, without allocating: equal keys give equal
// hashes. It stops at the first word past maxWords and then returns
// maxWords+1; callers confirm a match on the whole keys.
func lineHash(s string, maxWords int) (uint64, int) {
	h := uint64(fnvOffset)
	words := 0
	in := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch hashClass[c] {
			case 0:
				in = false
				continue
			case 3:
				if !in {
					continue
				}
				continue // an inner apostrophe: "don't" is one word
			case 2:
				c += 'a' - 'A'
			}
			if !in {
				if words == maxWords {
					return h, words + 1
				}
				if words > 0 {
					h = (h ^ ' ') * fnvPrime
				}
				words++
				in = true
			}
			h = (h ^ uint64(c)) * fnvPrime
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			if r != '\u2019' {
				in = false
			}
			continue
		}
		if !in {
			if words == maxWords {
				return h, words + 1
			}
			if words > 0 {
				h = (h ^ ' ') * fnvPrime
			}
			words++
			in = true
		}
		var buf [4]byte
		n := utf8.EncodeRune(buf[:], unicode.ToLower(r))
		for _, b := range buf[:n] {
			h = (h ^ uint64(b)) * fnvPrime
		}
	}
	return h, words
}

// hasPrefixFold reports whether s starts with the lower-case ASCII prefix
// p, ignoring ASCII case.
func hasPrefixFold(s, p string) bool {
	if len(s) < len(p) {
		return false
	}
	for i := 0; i < len(p); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != p[i] {
			return false
		}
	}
	return true
}

// containsFold reports whether s contains the lower-case ASCII string sub,
// ignoring ASCII case.
func containsFold(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if hasPrefixFold(s[i:], sub) {
			return true
		}
	}
	return false
}
