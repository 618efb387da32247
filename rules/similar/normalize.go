package similar

import (
	"slices"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// FNV-1a, 64 bit: a fast, stable hash, so sketches stored in an archive
// index stay comparable across runs and versions of Go.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// mix is the splitmix64 finaliser: it spreads the bits of a combined value.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// wordHashes appends to dst the hashes of the normalised words of text:
// NFKC, lower case, apostrophes inside a word dropped ("don't" = "dont"),
// every other character that is not a letter, mark or digit a separator
// (so quotes, dashes and punctuation never change a word). Characters of
// scripts written without spaces (Han, kana, Thai, ...) are one word each,
// so that such text still has shingles.
func wordHashes(dst []uint64, text string) []uint64 {
	n := len(dst)
	// A word and what ends it take two bytes at least (a character of an
	// unspaced script takes three).
	dst = slices.Grow(dst, len(text)/2+2)
	// Most copy is ASCII, which needs no normalising: it is hashed in one
	// pass, and a text found to hold other bytes is normalised and hashed
	// again.
	k, ascii := asciiWordHashes(dst[n:cap(dst)], text)
	if !ascii {
		text = norm.NFKC.String(text)
		dst = slices.Grow(dst, len(text)/2+2)
		k = unicodeWordHashes(dst[n:cap(dst)], text)
	}
	out := dst[n : n+k]
	for i, w := range out {
		out[i] = mix(w)
	}
	return dst[:n+k]
}

// asciiWordHashes writes the unmixed hashes of the words of text to out (of
// len(text)/2+2 at least) and returns their number, or false if the text
// is not all ASCII.
func asciiWordHashes(out []uint64, text string) (int, bool) {
	w := newWordHasher()
	for i := range len(text) {
		c := asciiWord[text[i]]
		out[w.at/2] = w.h
		if c == asciiApostrophe || c == asciiOther {
			// Rare bytes: a branch that the processor predicts.
			if c == asciiOther {
				return 0, false
			}
			continue // an apostrophe: left out inside a word, nothing outside one
		}
		w = w.step(c)
	}
	return w.end(out), true
}

// unicodeWordHashes is asciiWordHashes for any text in NFKC form.
func unicodeWordHashes(out []uint64, text string) int {
	w := newWordHasher()
	for i := 0; i < len(text); {
		if c := asciiWord[text[i]]; c != asciiOther {
			out[w.at/2] = w.h
			if c != asciiApostrophe {
				w = w.step(c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		switch {
		case (r == '\u2019' || r == '\u02bc') && w.inWord():
			// an apostrophe inside a word
		case isUnspaced(r):
			k := w.end(out)
			out[k] = hashRune(fnvOffset, r)
			w = wordHasher{h: fnvOffset, at: 2 * uint(k+1)}
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r):
			w = wordHasher{h: hashRune(w.h^w.reset, unicode.ToLower(r)), at: w.at | 1}
		default:
			w = wordHasher{h: fnvOffset, at: 2 * uint(w.end(out))}
		}
	}
	return w.end(out)
}

// wordHasher hashes the words of a text byte by byte. The running hash of
// the current word is written to out[at/2] at every byte, and at moves on
// to the next word's place when the word ends: at is twice the number of
// words before the current one, plus one inside a word.
//
// Each step of FNV-1a, h = (h ^ byte) * prime, waits on the one before: that
// chain of a multiplication per byte bounds the loop, and nothing else may
// lengthen it. So a separator resets the hash by multiplying it by zero,
// and the first byte of the next word xors in the offset basis (reset) with
// its own: between words, h ^ reset is the basis.
type wordHasher struct {
	h, reset uint64
	at       uint
}

func newWordHasher() wordHasher { return wordHasher{h: fnvOffset} }

func (w wordHasher) inWord() bool { return w.at%2 == 1 }

// step takes a letter or digit (as asciiWord maps it) or a separator.
func (w wordHasher) step(c byte) wordHasher {
	// Letters and separators alternate too irregularly for branches on
	// them to be predicted: both take the same steps, the multiplier and
	// the next reset from a table, at by a conditional move.
	at := w.at | 1 // a letter or digit
	if c == asciiSeparator {
		at = (w.at + 1) &^ 1
	}
	st := &wordSteps[c]
	return wordHasher{h: (w.h ^ (w.reset ^ uint64(c))) * st.mul, reset: st.reset, at: at}
}

// wordSteps holds, for each byte asciiWord maps to, what it does to the
// running hash: a letter or digit multiplies it by the FNV prime; a
// separator multiplies it by zero and leaves the offset basis to the next
// word's first byte.
var wordSteps = func() (t [256]struct{ mul, reset uint64 }) {
	for c := range t {
		t[c].mul = fnvPrime
	}
	t[asciiSeparator].mul, t[asciiSeparator].reset = 0, fnvOffset
	return t
}()

// end ends the text, keeping its last word, and returns the number of
// words.
func (w wordHasher) end(out []uint64) int {
	out[w.at/2] = w.h
	return int(w.at+1) / 2
}

// asciiWord maps an ASCII byte to the byte a word hashes for it (letters
// lower-cased, digits as they are), or to asciiSeparator or
// asciiApostrophe; other bytes map to asciiOther.
var asciiWord = func() (t [256]byte) {
	for c := range 256 {
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			t[c] = byte(c)
		case 'A' <= c && c <= 'Z':
			t[c] = byte(c + 'a' - 'A')
		case c == '\'':
			t[c] = asciiApostrophe
		case c >= utf8.RuneSelf:
			t[c] = asciiOther
		}
	}
	return t
}()

// The classes of asciiWord that are not word bytes (letters and digits
// map to themselves).
const (
	asciiSeparator  = 0
	asciiApostrophe = 1
	asciiOther      = 2 // not ASCII
)

func hashRune(h uint64, r rune) uint64 {
	var buf [utf8.UTFMax]byte
	n := utf8.EncodeRune(buf[:], r)
	for _, b := range buf[:n] {
		h = (h ^ uint64(b)) * fnvPrime
	}
	return h
}

// isUnspaced reports whether r belongs to a script written without spaces
// between words.
func isUnspaced(r rune) bool {
	if r < 0x0E00 {
		return false
	}
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Thai, unicode.Lao,
		unicode.Khmer, unicode.Myanmar, unicode.Tibetan)
}
