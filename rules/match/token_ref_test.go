package match

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// appendTokensRef is AppendTokens as it was before its words were scanned
// eight bytes at a time and its sentences marked from the stops it notes:
// the reference the tests hold the tokenizer to.
func appendTokensRef(dst []Token, text string) []Token {
	toks := dst
	base := len(dst)
	space := true   // white space (or the start) before the next token
	newline := true // a line break since the last token
	foldBytes := 0  // bytes of the words whose folded form differs
	stop := -1      // the first token that may end a sentence
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
				j, caps := i, uint8(0)
				for j < len(text) && asciiWord[text[j]] != 0 {
					caps |= asciiWord[text[j]]
					j++
				}
				end, toFold := j, int(caps/upperByte) // toFold: 1 for a word with capitals
				if j < len(text) && mayContinueWord(text[j]) {
					if end = scanWord(text, i, j); end > j && !isFolded(text[i:end]) {
						toFold = 1
					}
				}
				// Arithmetic rather than a branch: which words have
				// capitals is hard to predict.
				foldBytes += toFold * (end - i)
				// A word still to fold gets its hash when folded.
				toks = appendToken(toks, i, end, text[i:end], Word+Kind(toFold)*(wordToFold-Word), tokenHash(text[i:end]), space, newline)
				i = end
			case classStop:
				if stop < 0 {
					stop = len(toks)
				}
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
			}
			toks = appendToken(toks, i, end, w, kind, tokenHash(w), space, newline)
			i = end
		case r == opaque:
			toks = appendToken(toks, i, i+size, text[i:i+size], Opaque, tokenHash(text[i:i+size]), space, newline)
			i += size
		default:
			f := foldPunct(text[i : i+size])
			if stop < 0 && isTerminal(f) {
				stop = len(toks)
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
		for k := base; k < len(toks); k++ {
			if t := &toks[k]; t.Kind == wordToFold {
				start := b.Len()
				appendFoldTo(&b, t.Fold)
				t.Fold = b.String()[start:]
				t.Kind = Word
				t.hash = tokenHash(t.Fold)
			}
		}
	}
	if len(toks) > base {
		toks[base].SentenceStart = true
		if stop >= 0 {
			markSentencesRef(text, toks[base:], stop-base)
		}
	}
	return toks
}

// markSentencesRef is markSentences as it was before it visited only the
// sentence-final punctuation the tokenizer noted. It sets SentenceStart after sentence-final punctuation: ".",
// "!", "?" or "…" (then any closing quotes or brackets), followed by a word
// that starts with a capital or a digit, or by an opening quote. A "." after
// an abbreviation ("Mr.", "Jan.") or an initial ("J.") does not end a
// sentence; "U.S." and "3.5" are single words, so their dots never do.
// toks[from] is the first sentence-final punctuation of toks.
func markSentencesRef(text string, toks []Token, from int) {
	for i := from; i < len(toks); i++ {
		t := &toks[i]
		if t.Kind != Punct || !isTerminal(t.Fold) {
			continue
		}
		if t.Fold == "." && i > 0 && toks[i-1].Kind == Word && !t.SpaceBefore {
			w := &toks[i-1]
			if isAbbreviation(w.Fold) || (w.End-w.Start == 1 && isLetterByte(text[w.Start]) && text[w.Start] >= 'A' && text[w.Start] <= 'Z') {
				continue
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
			continue
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
		i = j - 1
	}
}

// asciiWordPrefixRef is asciiWordPrefix one byte at a time.
func asciiWordPrefixRef(x uint64) (n, caps int) {
	for ; n < 8; n++ {
		c := asciiWord[byte(x>>(8*n))]
		if c == 0 {
			break
		}
		caps |= int(c / upperByte)
	}
	return n, caps
}

// Every byte value, at each of the eight places, after word bytes of each
// kind, and random words of bytes near the ranges' edges.
func TestASCIIWordPrefix(t *testing.T) {
	check := func(x uint64) {
		t.Helper()
		n, caps := asciiWordPrefix(x)
		if wn, wcaps := asciiWordPrefixRef(x); n != wn || caps != wcaps {
			t.Fatalf("asciiWordPrefix(%#016x) = %d, %d; want %d, %d", x, n, caps, wn, wcaps)
		}
	}
	for _, fill := range []byte{'a', 'Z', '5', 'z', 'A', '0', '9'} {
		for pos := range 8 {
			for c := range 256 {
				x := ones64 * uint64(fill)
				x = x&^(0xFF<<(8*pos)) | uint64(c)<<(8*pos)
				check(x)
			}
		}
	}
	edges := []byte{0, ' ', '/', '0', '9', ':', '@', 'A', 'Z', '[', '`', 'a', 'z', '{', 0x7F, 0x80, 0xAF, 0xB0, 0xC1, 0xDA, 0xE1, 0xFA, 0xFF}
	r := rand.New(rand.NewPCG(1, 2))
	for range 200000 {
		var x uint64
		for k := range 8 {
			x |= uint64(edges[r.IntN(len(edges))]) << (8 * k)
		}
		check(x)
		check(r.Uint64())
	}
}

const ones64 = 0x0101010101010101

// AppendTokens gives the tokens its reference gives, on every BBC
// line of the corpora (BBC, readability and newspaper3k: text and HTML),
// appended one after another as the rules do, and on random
// texts of the characters the tokenizer treats apart.
func TestAppendTokensMatchesReference(t *testing.T) {
	check := func(prefix []Token, text string) {
		t.Helper()
		room := func() []Token { return append(make([]Token, 0, len(prefix)+len(text)/2+1), prefix...) }
		want, got := appendTokensRef(room(), text), AppendTokens(room(), text)
		if !slices.Equal(got, want) {
			t.Fatalf("AppendTokens(%q):\n got %+v\nwant %+v", text, got[len(prefix):], want[len(prefix):])
		}
	}
	pieces := []string{"a", "Z", "word", "Words", "LONGWORDS", "abcdefgh", "abcdefghijklmnop", "ABCDEFGHIJ", "7", "3.5", "1,000",
		"U.S.", "e.g.", "Mr", "Jan", " ", "  ", "\n", "\t", ".", "!", "?", ",", "'", "’", "“", "”", "\"", "(", ")", "[", "]",
		"…", "—", "café", "ÉCOLE", "naïve", "\uFFFC", "\xff", "don't", "O’Brien", "x9", "9x", "_", "-"}
	r := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		var b strings.Builder
		n := r.IntN(30)
		if r.IntN(8) == 0 {
			n = 300 // more stops than the tokenizer notes
		}
		for range n {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		check(nil, b.String())
		check(Tokenize("Before. ", nil), b.String())
	}
	if !haveCorpora() {
		t.Skip("../shared/corpora not found: no corpus to compare the tokenizers on")
	}
	for f, data := range corpusTexts(t) {
		// The lines one after another into one slice each (restarted now
		// and then), compared as they are added.
		var got, want []Token
		for line := range strings.SplitSeq(data, "\n") {
			if len(got) > 1<<12 {
				got, want = got[:0], want[:0]
			}
			n := len(got)
			got, want = AppendTokens(got, line), appendTokensRef(want, line)
			if !slices.Equal(got[n:], want[n:]) {
				t.Fatalf("%s: AppendTokens(%q):\n got %+v\nwant %+v", f, line, got[n:], want[n:])
			}
		}
		check(nil, data)
	}
}

// lowerASCII lower-cases as asciiLower does, byte by byte, and leaves
// non-ASCII bytes alone.
func TestLowerASCII(t *testing.T) {
	lowerRef := func(x uint64) uint64 {
		var y uint64
		for k := range 8 {
			c := byte(x >> (8 * k))
			if c < utf8.RuneSelf {
				c = asciiLower[c]
			}
			y |= uint64(c) << (8 * k)
		}
		return y
	}
	r := rand.New(rand.NewPCG(7, 8))
	for c := range 256 {
		for pos := range 8 {
			x := r.Uint64()&^(0xFF<<(8*pos)) | uint64(c)<<(8*pos)
			if got, want := lowerASCII(x), lowerRef(x); got != want {
				t.Fatalf("lowerASCII(%#016x) = %#016x, want %#016x", x, got, want)
			}
		}
	}
}
