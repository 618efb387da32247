package similar

import (
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
	h := uint64(fnvOffset)
	inWord := false
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			case c == '\'' && inWord:
				continue
			default:
				if inWord {
					dst = append(dst, mix(h))
					h, inWord = fnvOffset, false
				}
				continue
			}
			h = (h ^ uint64(c)) * fnvPrime
			inWord = true
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

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
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
