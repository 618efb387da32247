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
	if !isASCII(text) {
		text = norm.NFKC.String(text)
	}
	n := len(dst)
	// A word and what ends it take two bytes at least (a character of an
	// unspaced script takes three).
	dst = slices.Grow(dst, len(text)/2+2)
	out := dst[n:cap(dst)]
	// The running hash of the current word is written after the output
	// at every byte, and kept (k advanced) only when the word ends; the
	// words are mixed at the end.
	k, h, inWord := 0, uint64(fnvOffset), 0
	for i := 0; i < len(text); {
		if c := asciiWord[text[i]]; text[i] < utf8.RuneSelf {
			// ASCII letters and separators alternate too irregularly for
			// branches on them to be predicted, so every ASCII byte takes
			// the same steps, which compile to conditional moves: a
			// letter or digit extends the hash, a separator ends the word
			// and resets it, an apostrophe leaves it (dropped inside a
			// word, nothing outside one).
			i++
			out[k] = h
			next, in, end := (h^uint64(c))*fnvPrime, 1, 0 // a letter or digit
			if c == asciiApostrophe {
				next, in = h, inWord
			}
			if c == asciiSeparator {
				next, in, end = fnvOffset, 0, inWord
			}
			k += end
			h, inWord = next, in
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		switch {
		case (r == '\u2019' || r == '\u02bc') && inWord == 1:
			// an apostrophe inside a word
		case isUnspaced(r):
			out[k] = h
			k += inWord
			out[k] = hashRune(fnvOffset, r)
			k++
			h, inWord = fnvOffset, 0
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r):
			h = hashRune(h, unicode.ToLower(r))
			inWord = 1
		default:
			out[k] = h
			k += inWord
			h, inWord = fnvOffset, 0
		}
	}
	out[k] = h
	k += inWord
	for i, w := range out[:k] {
		out[i] = mix(w)
	}
	return dst[:n+k]
}

// asciiWord maps an ASCII byte to the byte a word hashes for it (letters
// lower-cased, digits as they are), or to asciiSeparator or
// asciiApostrophe.
var asciiWord = func() (t [256]byte) {
	for c := range utf8.RuneSelf {
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			t[c] = byte(c)
		case 'A' <= c && c <= 'Z':
			t[c] = byte(c + 'a' - 'A')
		case c == '\'':
			t[c] = asciiApostrophe
		}
	}
	return t
}()

const (
	asciiSeparator  = 0
	asciiApostrophe = 1
)

// isASCII reports whether s is all ASCII, eight bytes at a time.
func isASCII(s string) bool {
	var or uint64
	for len(s) >= 8 {
		or |= uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
			uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
		s = s[8:]
	}
	for i := 0; i < len(s); i++ {
		or |= uint64(s[i])
	}
	return or&0x8080808080808080 == 0
}

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
