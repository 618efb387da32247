// Package match is copydesk's fast phrase matching over word tokens: a
// tokenizer for a block's prose (words, punctuation, sentence starts, byte
// offsets into the text), a phrase set compiled once from word lists and
// matched against a block's tokens in one pass, and the word lists
// themselves, embedded with go:embed.
//
// Phrase rules tokenize a block once and call Find on their phrase set; no
// rule compiles a regular expression per phrase.
package match

import (
	"encoding/binary"
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kind is what a token is.
type Kind uint8

// Token kinds.
const (
	Word   Kind = iota + 1 // letters, digits, inner apostrophes; "U.S." and "3.5" are one word
	Punct                  // one punctuation or symbol character
	Opaque                 // inline content that is not prose (article.Opaque): matches nothing

	// wordToFold marks, inside AppendTokens only, a Word whose Fold is not
	// yet folded, so that the folding pass need not test every word again.
	wordToFold
)

// Token is one word or punctuation character of a text.
type Token struct {
	Start, End int // byte range in the text
	// Fold is the case-folded form: lower case, curly apostrophes and quotes
	// made straight. For punctuation it is the character itself (quotes
	// straightened, dashes kept as they are).
	Fold string
	Kind Kind
	// SentenceStart is set on the first token of each sentence.
	SentenceStart bool
	// SpaceBefore is set when white space (or the start of the text)
	// precedes the token.
	SpaceBefore bool
	// hash is tokenHash(Fold), computed once by the tokenizer for the
	// phrase sets' lookups (which read it through foldHash); 0 in a token
	// made otherwise. It fits in the padding after the flags. A token
	// whose Fold is changed after tokenizing keeps the old hash, and Find
	// would miss phrases on it: make a new Token instead.
	hash uint32
}

// foldHash returns tokenHash(t.Fold).
func (t *Token) foldHash() uint32 {
	if t.hash != 0 {
		return t.hash
	}
	return tokenHash(t.Fold)
}

// Text returns the token's text in text (the string it was made from).
func (t Token) Text(text string) string { return text[t.Start:t.End] }

// IsUpper reports whether the token is a word written in capitals (at least
// one letter, no lower-case letter): "TK", "TODO", "U.S.".
func (t Token) IsUpper(text string) bool {
	if t.Kind != Word {
		return false
	}
	letter := false
	for _, r := range text[t.Start:t.End] {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letter = true
		}
	}
	return letter
}

// IsCapitalized reports whether the token is a word whose first character
// is an upper-case letter.
func (t Token) IsCapitalized(text string) bool {
	if t.Kind != Word {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[t.Start:])
	return unicode.IsUpper(r)
}

// IsNumber reports whether the token is a word made of digits (with inner
// "." or ",": "3.5", "1,000").
func (t Token) IsNumber(text string) bool {
	if t.Kind != Word {
		return false
	}
	s := text[t.Start:t.End]
	if s == "" || s[0] < '0' || s[0] > '9' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < '0' || c > '9') && c != '.' && c != ',' {
			return false
		}
	}
	return true
}

const opaque = '\uFFFC'

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return r != opaque && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r))
}

func isApostrophe(r rune) bool { return r == '\'' || r == '\u2019' || r == '\u02BC' }

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' || r == '\v'
	}
	return unicode.IsSpace(r)
}

// Tokenize splits text into tokens, appending to dst[:0] so that a caller
// can reuse one slice for every block. White space is not a token; a hard
// line break ("\n") ends a sentence.
func Tokenize(text string, dst []Token) []Token { return AppendTokens(dst[:0], text) }

// AppendTokens is Tokenize appending to dst as it is, so that the tokens of
// many texts can share one slice (their offsets are each into their own
// text).
func AppendTokens(dst []Token, text string) []Token {
	toks := dst
	base := len(dst)
	space := true   // white space (or the start) before the next token
	newline := true // a line break since the last token
	foldBytes := 0  // bytes of the words whose folded form differs
	// The tokens that may end a sentence (from base), as many as stops
	// holds; nstops counts them all.
	var stops [16]int32
	nstops := 0
	// The words to fold (from base) are noted in folds[:len(folds)-1],
	// as many as that holds; nfolds counts them all. Each word is written
	// at folds[min(nfolds, len(folds)-1)] and counted only if it is to be
	// folded, without a branch on that: the last place is scratch.
	var folds [32]int32
	nfolds := 0
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			// ASCII fast path: most news text is ASCII.
			switch asciiClass[c] {
			case classSpace:
				if c == '\n' {
					newline = true
				}
				space = true
				i++
				continue
			case classWord:
				// Most words are a run of ASCII letters and digits, checked
				// for capitals as it is scanned; scanWord takes over when
				// the run may go on ("don't", "3.5", "U.S.", "café").
				j, toFold := scanASCIIWord(text, i) // toFold: 1 for a word with capitals
				end := j
				if j < len(text) && mayContinueWord(text[j]) {
					if end = scanWord(text, i, j); end > j && !isFolded(text[i:end]) {
						toFold = 1
					}
				}
				// Arithmetic rather than a branch: which words have
				// capitals is hard to predict.
				foldBytes += toFold * (end - i)
				folds[min(nfolds, len(folds)-1)] = int32(len(toks) - base)
				nfolds += toFold
				// A word still to fold gets its hash when folded.
				toks = appendToken(toks, i, end, text[i:end], Word+Kind(toFold)*(wordToFold-Word), tokenHash(text[i:end]), space, newline)
				i = end
			case classStop:
				if nstops < len(stops) {
					stops[nstops] = int32(len(toks) - base)
				}
				nstops++
				toks = appendToken(toks, i, i+1, text[i:i+1], Punct, asciiHash[c], space, newline)
				i++
			default:
				toks = appendToken(toks, i, i+1, text[i:i+1], Punct, asciiHash[c], space, newline)
				i++
			}
			space, newline = false, false
			if i < len(text) && text[i] == ' ' {
				// Most tokens are followed by one space: it is taken
				// here rather than by a turn of the loop.
				space = true
				i++
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case isSpace(r):
			space = true
			i += size
			continue
		case isWordRune(r):
			end := scanWord(text, i, i)
			w := text[i:end]
			kind := Word
			if !isFolded(w) {
				foldBytes += len(w)
				kind = wordToFold
				folds[min(nfolds, len(folds)-1)] = int32(len(toks) - base)
				nfolds++
			}
			toks = appendToken(toks, i, end, w, kind, tokenHash(w), space, newline)
			i = end
		case r == opaque:
			toks = appendToken(toks, i, i+size, text[i:i+size], Opaque, tokenHash(text[i:i+size]), space, newline)
			i += size
		default:
			f := foldPunct(text[i : i+size])
			if isTerminal(f) {
				if nstops < len(stops) {
					stops[nstops] = int32(len(toks) - base)
				}
				nstops++
			}
			toks = appendToken(toks, i, i+size, f, Punct, tokenHash(f), space, newline)
			i += size
		}
		space, newline = false, false
	}
	if foldBytes > 0 {
		// The folded forms share one buffer: a strings.Builder only ever
		// appends, so each String() stays valid, and a text costs one
		// allocation, not one per capitalised word.
		var b strings.Builder
		b.Grow(foldBytes + foldBytes/8)
		noted := folds[:min(nfolds, len(folds)-1)]
		for _, k := range noted {
			foldToken(&b, &toks[base+int(k)], text)
		}
		if nfolds > len(noted) {
			// More than folds holds: the rest are found by their Kind.
			for k := base + int(noted[len(noted)-1]) + 1; k < len(toks); k++ {
				if t := &toks[k]; t.Kind == wordToFold {
					foldToken(&b, t, text)
				}
			}
		}
	}
	if len(toks) > base {
		toks[base].SentenceStart = true
		if nstops > 0 {
			markSentences(text, toks[base:], stops[:min(nstops, len(stops))], nstops > len(stops))
		}
	}
	return toks
}

// foldToken folds the Fold of t, a word to fold of text, into b.
func foldToken(b *strings.Builder, t *Token, text string) {
	start := b.Len()
	if n := t.End - t.Start; n <= 8 && t.Start+8 <= len(text) {
		// Most words to fold are short ASCII words: lower-cased eight
		// bytes at a time, without a loop whose end the processor cannot
		// predict.
		if x, mask := load64(text, t.Start), uint64(1)<<(8*n)-1; x&mask&(0x8080808080808080) == 0 {
			var buf [8]byte
			binary.LittleEndian.PutUint64(buf[:], lowerASCII(x))
			b.Write(buf[:n])
			t.Fold = b.String()[start:]
			t.Kind = Word
			t.hash = tokenHash(t.Fold)
			return
		}
	}
	appendFoldTo(b, t.Fold)
	t.Fold = b.String()[start:]
	t.Kind = Word
	t.hash = tokenHash(t.Fold)
}

// appendToken appends one token to toks, writing its fields in place
// rather than copying a Token built beside it (the copy reads back, wide,
// what was just written narrow: a stall on every token).
func appendToken(toks []Token, start, end int, fold string, kind Kind, hash uint32, space, newline bool) []Token {
	toks = append(toks, Token{})
	t := &toks[len(toks)-1]
	t.Start, t.End, t.Fold, t.Kind, t.hash, t.SpaceBefore, t.SentenceStart = start, end, fold, kind, hash, space, newline
	return toks
}

// asciiHash is the tokenHash of each ASCII character.
var asciiHash = func() (t [utf8.RuneSelf]uint32) {
	for c := range utf8.RuneSelf {
		t[c] = tokenHash(string(rune(c)))
	}
	return t
}()

// ASCII byte classes for the tokenizer's fast path.
const (
	classPunct = iota
	classSpace
	classWord
	classStop // ".", "!", "?": punctuation that may end a sentence
)

var asciiClass = func() (t [utf8.RuneSelf]uint8) {
	for c := range utf8.RuneSelf {
		switch {
		case isSpace(rune(c)):
			t[c] = classSpace
		case isWordRune(rune(c)):
			t[c] = classWord
		case c == '.' || c == '!' || c == '?':
			t[c] = classStop
		}
	}
	return t
}()

// asciiWord marks the ASCII letters and digits: lowerByte, or upperByte for
// the capitals.
var asciiWord = func() (t [256]uint8) {
	for c := 0; c < utf8.RuneSelf; c++ {
		switch {
		case 'A' <= c && c <= 'Z':
			t[c] = upperByte
		case isWordRune(rune(c)):
			t[c] = lowerByte
		}
	}
	return t
}()

const (
	lowerByte = 1 << iota // a lower-case letter or a digit
	upperByte
)

// scanASCIIWord returns the end of the run of ASCII letters and digits
// that starts at i, and 1 if it has a capital (0 if not). It reads the text
// eight bytes at a time: the end of a word, where a byte loop leaves its
// loop, is a branch the processor cannot predict, and most words end within
// the first eight bytes.
func scanASCIIWord(text string, i int) (end, caps int) {
	for i+8 <= len(text) {
		n, upper := asciiWordPrefix(load64(text, i))
		i += n
		caps |= upper
		if n < 8 {
			return i, caps
		}
	}
	for i < len(text) && asciiWord[text[i]] != 0 {
		caps |= int(asciiWord[text[i]] / upperByte)
		i++
	}
	return i, caps
}

// load64 returns the eight bytes of text at i as a little-endian number
// (the compiler makes it one load).
func load64(text string, i int) uint64 {
	b := text[i : i+8]
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
}

// asciiWordPrefix returns how many of the eight bytes in x (the first in
// the lowest byte) lead with ASCII letters and digits, and 1 if one of
// those is a capital (0 if not). Each byte range test sets the high bit of
// every byte in the range, all eight bytes at once (SWAR): with the high
// bits cleared first, the additions never carry from one byte to the next.
func asciiWordPrefix(x uint64) (n, caps int) {
	const ones, high = 0x0101010101010101, 0x8080808080808080
	low := x &^ high
	// inRange sets the high bit of the bytes of low in [lo, hi].
	inRange := func(lo, hi byte) uint64 {
		return (low + ones*uint64(0x80-lo)) &^ (low + ones*uint64(0x7F-hi)) & high
	}
	upper := inRange('A', 'Z')
	word := (upper | inRange('a', 'z') | inRange('0', '9')) &^ x
	other := ^word & high // the bytes that end the run
	n = bits.TrailingZeros64(other) / 8
	// The capitals before the first other byte (all of x when none).
	if upper&(other&-other-1) != 0 {
		caps = 1
	}
	return n, caps
}

// lowerASCII lower-cases the ASCII capitals among the eight bytes of x,
// with the range test of asciiWordPrefix: "A" to "Z" gain 0x20.
func lowerASCII(x uint64) uint64 {
	const ones, high = 0x0101010101010101, 0x8080808080808080
	low := x &^ high
	upper := (low + ones*(0x80-'A')) &^ (low + ones*(0x7F-'Z')) &^ x & high
	return x | upper>>2
}

// mayContinueWord reports whether a word may go on at byte c, which ends a
// run of ASCII letters and digits: an apostrophe, a "." or "," (in "3.5",
// "1,000", "U.S."), or a non-ASCII character.
func mayContinueWord(c byte) bool {
	return c >= utf8.RuneSelf || c == '\'' || c == '.' || c == ','
}

// scanWord returns the end of the word that starts at start; text[start:i]
// is known to be part of it.
func scanWord(text string, start, i int) int {
	for i < len(text) {
		for i < len(text) && asciiWord[text[i]] != 0 {
			i++
		}
		if i >= len(text) || text[i] == ' ' {
			break // a space ends most words: none of the tests below applies
		}
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		if isWordRune(r) {
			i += size
			continue
		}
		// Inner apostrophe: "don't", "O’Brien".
		if isApostrophe(r) && i > start && i+size < len(text) {
			if n, _ := utf8.DecodeRuneInString(text[i+size:]); isWordRune(n) {
				i += size
				continue
			}
		}
		// Decimal and thousands separators between digits: "3.5", "1,000".
		if (r == '.' || r == ',') && i > start && isDigit(text[i-1]) && i+1 < len(text) && isDigit(text[i+1]) && isDigit(text[start]) {
			i++
			continue
		}
		// Dotted abbreviations: "U.S.", "e.g.", "a.m.".
		if r == '.' && i-start == 1 && isLetterByte(text[start]) && i+2 < len(text) && isLetterByte(text[i+1]) && text[i+2] == '.' {
			return scanDotted(text, i)
		}
		break
	}
	return i
}

// scanDotted continues "U" at the "." of "U.S." to the end of the final dot.
func scanDotted(text string, i int) int {
	for i+2 < len(text) && text[i] == '.' && isLetterByte(text[i+1]) && text[i+2] == '.' {
		i += 2
	}
	return i + 1 // the final "."
}

func isLetterByte(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// isFolded reports whether w is its own folded form: ASCII, no capitals.
func isFolded(w string) bool {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
			return false
		}
	}
	return true
}

// appendFold appends w lower-cased, with its apostrophes straightened.
func appendFold(b []byte, w string) []byte {
	for _, r := range w {
		switch {
		case 'A' <= r && r <= 'Z':
			b = append(b, byte(r)+('a'-'A'))
		case r < utf8.RuneSelf:
			b = append(b, byte(r))
		case isApostrophe(r):
			b = append(b, '\'')
		default:
			b = utf8.AppendRune(b, unicode.ToLower(r))
		}
	}
	return b
}

// appendFoldTo is appendFold for a strings.Builder.
func appendFoldTo(b *strings.Builder, w string) {
	// A short ASCII word (most capitalised words) is lower-cased in a
	// buffer and written at once.
	var buf [32]byte
	if len(w) <= len(buf) {
		n := 0
		for n < len(w) && w[n] < utf8.RuneSelf {
			buf[n] = asciiLower[w[n]]
			n++
		}
		if n == len(w) {
			b.Write(buf[:n])
			return
		}
	}
	for _, r := range w {
		switch {
		case 'A' <= r && r <= 'Z':
			b.WriteByte(byte(r) + ('a' - 'A'))
		case r < utf8.RuneSelf:
			b.WriteByte(byte(r))
		case isApostrophe(r):
			b.WriteByte('\'')
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
}

// asciiLower maps the ASCII capitals to lower case and the other ASCII
// bytes to themselves.
var asciiLower = func() (t [utf8.RuneSelf]byte) {
	for c := range utf8.RuneSelf {
		t[c] = byte(c)
		if 'A' <= c && c <= 'Z' {
			t[c] += 'a' - 'A'
		}
	}
	return t
}()

// fold lower-cases a word and straightens its apostrophes.
func fold(w string) string {
	if isFolded(w) {
		return w
	}
	return string(appendFold(nil, w))
}

// Fold returns the case-folded form of s as the tokenizer makes it for a
// word: lower case, apostrophes straightened.
func Fold(s string) string { return fold(s) }

func foldPunct(p string) string {
	switch p {
	case "\u2018", "\u2019", "\u02BC":
		return "'"
	case "\u201C", "\u201D", "\u201E", "\u00AB", "\u00BB":
		return "\""
	case "\uFF01":
		return "!"
	}
	return p
}

// isAbbreviation reports whether w (folded) is an abbreviation, which does
// not end a sentence when followed by ".".
func isAbbreviation(w string) bool {
	switch w {
	case "mr", "mrs", "ms", "dr", "prof", "st", "mt", "ft",
		"jr", "sr", "sen", "rep", "gov", "gen", "lt", "col",
		"sgt", "capt", "cmdr", "adm", "maj", "rev", "hon", "pres",
		"inc", "ltd", "co", "corp", "plc", "bros", "vs", "v",
		"etc", "al", "nos", "vol", "fig", "approx",
		"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
		"sept", "oct", "nov", "dec", "ave", "blvd", "rd", "dept",
		"univ", "assn", "calif", "conn", "fla":
		return true
	}
	return false
}

// markSentences sets SentenceStart after sentence-final punctuation: ".",
// "!", "?" or "…" (then any closing quotes or brackets), followed by a word
// that starts with a capital or a digit, or by an opening quote. A "." after
// an abbreviation ("Mr.", "Jan.") or an initial ("J.") does not end a
// sentence; "U.S." and "3.5" are single words, so their dots never do.
// stops are the first sentence-final punctuation tokens of toks, in order:
// all of them unless more is set, when the tokens after the last of stops
// are searched for the others.
func markSentences(text string, toks []Token, stops []int32, more bool) {
	next := 0 // the tokens before next are done with
	for _, i := range stops {
		if int(i) >= next {
			next = markSentenceAfter(text, toks, int(i))
		}
	}
	if !more {
		return
	}
	for i := max(next, int(stops[len(stops)-1])+1); i < len(toks); {
		if t := &toks[i]; t.Kind == Punct && isTerminal(t.Fold) {
			i = markSentenceAfter(text, toks, i)
		} else {
			i++
		}
	}
}

// markSentenceAfter marks the start of the sentence after toks[i],
// sentence-final punctuation, if one starts there, and returns the index of
// the next token that may end a sentence.
func markSentenceAfter(text string, toks []Token, i int) int {
	t := &toks[i]
	if t.Fold == "." && i > 0 && toks[i-1].Kind == Word && !t.SpaceBefore {
		w := &toks[i-1]
		if isAbbreviation(w.Fold) || (w.End-w.Start == 1 && isLetterByte(text[w.Start]) && text[w.Start] >= 'A' && text[w.Start] <= 'Z') {
			return i + 1
		}
	}
	j := i + 1
	for j < len(toks) && toks[j].Kind == Punct && !toks[j].SpaceBefore && isCloser(toks[j].Fold) {
		j++
	}
	for j < len(toks) && toks[j].Kind == Punct && isTerminal(toks[j].Fold) && !toks[j].SpaceBefore {
		j++ // "?!", "..."
	}
	if j >= len(toks) || !toks[j].SpaceBefore {
		return i + 1
	}
	n := &toks[j]
	switch {
	case n.Kind == Word:
		r, _ := utf8.DecodeRuneInString(text[n.Start:])
		if unicode.IsUpper(r) || unicode.IsDigit(r) {
			n.SentenceStart = true
		}
	case n.Kind == Punct && (n.Fold == "\"" || n.Fold == "'" || n.Fold == "(" || n.Fold == "["):
		n.SentenceStart = true
	}
	return j
}

func isCloser(p string) bool {
	return p == "\"" || p == "'" || p == ")" || p == "]"
}

func isTerminal(p string) bool {
	return p == "." || p == "!" || p == "?" || p == "\u2026"
}
