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
	if out, ok := asciiWordHashes(dst, text); ok {
		return out
	}
	return unicodeWordHashes(dst, norm.NFKC.String(text))
}

// asciiWordHashes is wordHashes for ASCII text, which needs no
// normalisation and no rune decoding; it reports false, and its output is
// to be discarded, when text is not all ASCII. Letters and separators
// alternate too irregularly for branches on them to be predicted, so every
// byte takes the same steps, selected by the masks of its table entry: a
// letter or digit extends the running hash, a separator resets it, an
// apostrophe leaves it (dropped inside a word, nothing outside one). The
// running hash is written after the output every time, and kept only when
// a separator ends a word; the words are mixed at the end.
func asciiWordHashes(dst []uint64, text string) ([]uint64, bool) {
	n := len(dst)
	// A word and its separator take two bytes at least.
	dst = slices.Grow(dst, len(text)/2+2)
	out := dst[n:cap(dst)]
	k := 0
	h, inWord, other := uint64(fnvOffset), uint64(0), uint64(0)
	for i := 0; i < len(text); i++ {
		e := &asciiWord[text[i]]
		out[k] = h
		k += int(inWord & e.sep)
		h = (h^e.b)*fnvPrime&e.word | h&e.keep | fnvOffset&e.reset
		inWord = inWord&^e.sep | e.word&1
		other |= e.other
	}
	if other != 0 {
		return dst[:n], false
	}
	out[k] = h
	k += int(inWord)
	for i, w := range out[:k] {
		out[i] = mix(w)
	}
	return dst[:n+k], true
}

// asciiClass is what asciiWordHashes does with one byte.
type asciiClass struct {
	b                 uint64 // the byte a letter or digit adds (lower case)
	word, keep, reset uint64 // masks: extend, keep or reset the running hash
	sep               uint64 // 1 for a separator: it ends a word
	other             uint64 // 1 for a byte that is not ASCII
}

var asciiWord = func() (t [256]asciiClass) {
	for c := range t {
		e := &t[c]
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			e.b, e.word = uint64(c), ^uint64(0)
		case 'A' <= c && c <= 'Z':
			e.b, e.word = uint64(c+'a'-'A'), ^uint64(0)
		case c == '\'':
			e.keep = ^uint64(0)
		default:
			e.reset, e.sep = ^uint64(0), 1
			if c >= utf8.RuneSelf {
				e.other = 1
			}
		}
	}
	return t
}()

// unicodeWordHashes is wordHashes for normalised text that is not all
// ASCII.
func unicodeWordHashes(dst []uint64, text string) []uint64 {
	h := uint64(fnvOffset)
	inWord := false
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			i++
			switch e := &asciiWord[c]; {
			case e.word != 0:
				h = (h ^ e.b) * fnvPrime
				inWord = true
			case e.sep != 0 && inWord:
				dst = append(dst, mix(h))
				h, inWord = fnvOffset, false
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		switch {
		case (r == '\u2019' || r == '\u02bc') && inWord:
			continue
		case isUnspaced(r):
			if inWord {
				dst = append(dst, mix(h))
			}
			dst = append(dst, mix(hashRune(fnvOffset, r)))
			h, inWord = fnvOffset, false
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r):
			h = hashRune(h, unicode.ToLower(r))
			inWord = true
		default:
			if inWord {
				dst = append(dst, mix(h))
				h, inWord = fnvOffset, false
			}
		}
	}
	if inWord {
		dst = append(dst, mix(h))
	}
	return dst
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
