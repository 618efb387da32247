package similar

import (
	"io/fs"
	"math/bits"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/mfonda/simhash"
	"golang.org/x/text/unicode/norm"

	"github.com/copydesk/copydesk/rules/article"
)

// The reference sketch below is the straightforward form of NewSketch: one
// pass per quantity (word hashes, paragraph hash, body hash, shingles,
// MinHash, simhash sample). NewSketch computes the same values in fewer
// passes; the tests hold it to this form, value for value, because sketches
// stored in an archive index must keep matching new ones.

func refWordHashes(text string) []uint64 {
	var dst []uint64
	if !refIsASCII(text) {
		text = norm.NFKC.String(text)
	}
	h := uint64(fnvOffset)
	inWord := false
	end := func() {
		if inWord {
			dst = append(dst, mix(h))
			h, inWord = fnvOffset, false
		}
	}
	for _, r := range text {
		switch {
		case (r == '\'' || r == '\u2019' || r == '\u02bc') && inWord:
		case r < utf8.RuneSelf && ('a' <= r && r <= 'z' || '0' <= r && r <= '9' || 'A' <= r && r <= 'Z'):
			h = hashRune(h, unicode.ToLower(r))
			inWord = true
		case r < utf8.RuneSelf:
			end()
		case isUnspaced(r):
			end()
			dst = append(dst, mix(hashRune(fnvOffset, r)))
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r):
			h = hashRune(h, unicode.ToLower(r))
			inWord = true
		default:
			end()
		}
	}
	end()
	return dst
}

func refIsASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func refNewSketch(doc *article.Document) *Sketch {
	s := &Sketch{Path: doc.Path, BodyStart: -1, Paras: []Para{}, Seq: []uint32{}, Date: parseDate(doc.Meta.Date)}
	body := uint64(fnvOffset)
	sig := make(minHashSig, MinHashSize)
	sig.reset()
	var all, sample []uint64
	for i := range doc.Blocks {
		bl := &doc.Blocks[i]
		switch bl.Kind {
		case article.Headline, article.Byline, article.Dateline, article.Caption:
			continue
		}
		words := refWordHashes(bl.Text)
		if len(words) == 0 || len(bl.Spans) == 0 {
			continue
		}
		start, end := bl.Spans[0].Src, bl.Spans[len(bl.Spans)-1].SrcEnd
		isBody := bl.IsProse() && !residueLike(bl.Text, len(words))
		h := uint64(fnvOffset)
		for _, w := range words {
			h = mix(h ^ w)
		}
		p := Para{Hash: h | 1, Words: len(words), Start: start, End: end, Body: isBody, SeqStart: len(s.Seq)}
		if isBody {
			for _, w := range words {
				body = mix(body ^ w)
			}
			s.Words += len(words)
			var shingles []uint64
			if len(words) < ShingleWords {
				var x uint64
				for k, w := range words {
					x ^= bits.RotateLeft64(w, 21*k)
				}
				shingles = []uint64{mix(x)}
			} else {
				for k := 0; k+ShingleWords <= len(words); k++ {
					shingles = append(shingles, mix(words[k]^bits.RotateLeft64(words[k+1], 21)^bits.RotateLeft64(words[k+2], 42)))
				}
			}
			for _, sh := range shingles {
				sig.add(sh)
				all = append(all, sh)
				if sh&15 == 0 {
					sample = append(sample, sh)
				}
				s.Seq = append(s.Seq, uint32(sh>>32))
			}
			if s.BodyStart < 0 {
				s.BodyStart = start
			}
			s.BodyEnd = end
		}
		p.SeqEnd = len(s.Seq)
		s.Paras = append(s.Paras, p)
	}
	if s.BodyStart < 0 {
		s.BodyStart = 0
	}
	if s.Words == 0 {
		return s
	}
	s.BodyHash = body | 1
	if len(sample) < 8 {
		sample = all
	}
	fs := make([]simhash.Feature, len(sample))
	for k, sh := range sample {
		fs[k] = unitFeature(sh)
	}
	s.Simhash = simhash.Fingerprint(simhash.Vectorize(fs))
	s.Bands = bandKeys(sig.finish())
	return s
}

// sameSketch reports how two sketches differ, or "" when they do not.
func sameSketch(got, want *Sketch) string {
	g, w := *got, *want
	if len(g.Seq) == 0 && len(w.Seq) == 0 {
		g.Seq, w.Seq = nil, nil
	}
	if len(g.Paras) == 0 && len(w.Paras) == 0 {
		g.Paras, w.Paras = nil, nil
	}
	for _, f := range []string{"Path", "Date", "Words", "BodyHash", "Simhash", "Bands", "Seq", "Paras", "BodyStart", "BodyEnd"} {
		if !reflect.DeepEqual(reflect.ValueOf(g).FieldByName(f).Interface(), reflect.ValueOf(w).FieldByName(f).Interface()) {
			return f
		}
	}
	if !reflect.DeepEqual(g, w) {
		return "another field"
	}
	return ""
}

var referenceTexts = []string{
	"",
	"One.",
	"Two words",
	"Don't stop: it's the end-of-year \u201cclear-out\u201d \u2014 50% off, 3.5m sold!",
	"Caf\u00e9 cafe\u0301 CAF\u00c9 \ufb01ne \u2163 \uff21\uff22\uff23 \u00bd x\u0301y",
	"<\u0338 a\u0338 l\u2019homme d\u02bca o'neill '' \u2019\u2019 rock'n'roll",
	"\u6771\u4eac\u90fd\u306e\u65b0\u3057\u3044 abc\u6771\u4eac def \u0e01\u0e02 \u1000\u1001",
	"\u041c\u043e\u0441\u043a\u0432\u0430 \u043f\u0440\u0438\u043d\u044f\u043b\u0430 \u0417\u0410\u041a\u041e\u041d \u0394\u0399\u0395\u0398\u039d\u0397\u03a3 \u0130stanbul \u1e9e",
	"digits 1\u00b2 \u0663\u0664 \u00aa\u00ba tab\there\nnew line\u00a0nbsp \u200b zero width",
	"\xff\xfe bad \x80 bytes \xe2\x80 cut",
	"ends in an apostrophe' and a combining mark e\u0301",
}

func sameWords(a, b []uint64) bool { return len(a) == 0 && len(b) == 0 || reflect.DeepEqual(a, b) }

func TestWordHashesMatchReference(t *testing.T) {
	for _, text := range referenceTexts {
		for _, s := range []string{text, strings.ToUpper(text), text + " " + text} {
			if got, want := wordHashes(nil, s), refWordHashes(s); !sameWords(got, want) {
				t.Errorf("wordHashes(%q) = %x, want %x", s, got, want)
			}
		}
	}
}

// TestWordHashesMatchReferenceRandom compares wordHashes with the
// reference on random texts drawn from the bytes and characters each of
// its paths treats apart: ASCII letters, digits, apostrophes and
// separators, and non-ASCII text anywhere in an otherwise ASCII text
// (which falls back to normalising it) or none at all.
func TestWordHashesMatchReferenceRandom(t *testing.T) {
	ascii := []string{"a", "Z", "7", "'", " ", ".", "-", "\n", "ab", "Qu", "09"}
	other := []string{"\u2019", "\u00e9", "e\u0301", "\u6771", "\ufb01", "\u00a0", "\u0416", "\xff"}
	rng := rand.New(rand.NewPCG(3, 5))
	prefix := []uint64{1, 2, 3}
	for n := range 3000 {
		var b strings.Builder
		for range rng.IntN(1 + n%300) {
			b.WriteString(ascii[rng.IntN(len(ascii))])
		}
		text := b.String()
		if n%3 == 0 && len(text) > 0 {
			at := rng.IntN(len(text) + 1)
			text = text[:at] + other[rng.IntN(len(other))] + text[at:]
		}
		want := refWordHashes(text)
		if got := wordHashes(nil, text); !sameWords(got, want) {
			t.Fatalf("wordHashes(%q) = %x, want %x", text, got, want)
		}
		// Appending keeps what dst holds.
		if got := wordHashes(slices.Clone(prefix), text); !sameWords(got, append(slices.Clone(prefix), want...)) {
			t.Fatalf("wordHashes(%v, %q) = %x, want %x after the prefix", prefix, text, got, want)
		}
	}
}

func TestSketchMatchesReference(t *testing.T) {
	check := func(doc *article.Document) {
		t.Helper()
		if f := sameSketch(NewSketch(doc), refNewSketch(doc)); f != "" {
			t.Errorf("%s: sketch differs from the reference in %s", doc.Path, f)
		}
	}
	for i, text := range referenceTexts {
		src := "Headline\n\n" + strings.Repeat(text+" ", i+1) + "\n\n" + strings.Join(prose(uint64(i), 1+i%4), "\n\n") + "\n"
		doc, err := article.Parse("t.txt", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		check(doc)
	}
	if _, err := os.Stat(corpora); err != nil {
		t.Skip("../shared/corpora not found: ", err)
	}
	n := 0
	_ = filepath.WalkDir(corpora, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || testing.Short() && n >= 300 {
			return err
		}
		switch filepath.Ext(path) {
		case ".txt", ".html", ".md":
		default:
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if doc, err := article.Parse(path, src); err == nil {
			check(doc)
			n++
		}
		return nil
	})
	if n < 100 {
		t.Errorf("only %d corpus documents compared", n)
	}
}

func FuzzSketchMatchesReference(f *testing.F) {
	for _, text := range referenceTexts {
		f.Add(text)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if got, want := wordHashes(nil, src), refWordHashes(src); !sameWords(got, want) {
			t.Fatalf("wordHashes(%q) = %x, want %x", src, got, want)
		}
		doc, err := article.Parse("f.txt", []byte(src))
		if err != nil {
			return
		}
		if fld := sameSketch(NewSketch(doc), refNewSketch(doc)); fld != "" {
			t.Fatalf("sketch of %q differs from the reference in %s", src, fld)
		}
	})
}
