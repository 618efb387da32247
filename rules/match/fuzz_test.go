package match

import (
	"slices"
	"testing"
	"unicode/utf8"
)

// FuzzTokenize checks that tokens stay inside the text, in order, without
// overlap, never split a character, and carry the folded form of their text;
// that they are the reference tokenizer's; and that Find agrees with its
// reference and its slow oracle on them.
func FuzzTokenize(f *testing.F) {
	for _, s := range []string{
		"Mr. Smith went to the U.S. on Jan. 5. He left!",
		"O’Brien’s “quote” — 3.5% of $1,000 [source] TK",
		"a.b.c. e.g. 9 a.m. X.", "\uFFFC\u2019'", "\xff\xfe broken",
	} {
		f.Add(s)
	}
	set := MustCompile(MustList("chatbot"))
	oracleSet, oracle := MustCompile(oracleEntries), oraclePhrases(oracleEntries)
	f.Fuzz(func(t *testing.T, text string) {
		toks := Tokenize(text, nil)
		prev := 0
		for i, tk := range toks {
			if tk.Start < prev || tk.End <= tk.Start || tk.End > len(text) {
				t.Fatalf("token %d range [%d, %d) after %d in %q", i, tk.Start, tk.End, prev, text)
			}
			if utf8.ValidString(text) && (!utf8.RuneStart(text[tk.Start]) || tk.End < len(text) && !utf8.RuneStart(text[tk.End])) {
				t.Fatalf("token %d [%d, %d) splits a character of %q", i, tk.Start, tk.End, text)
			}
			if tk.Kind == Word && tk.Fold != fold(tk.Text(text)) {
				t.Fatalf("token %d fold %q, want %q", i, tk.Fold, fold(tk.Text(text)))
			}
			if tk.hash != tokenHash(tk.Fold) {
				t.Fatalf("token %d (%q) hash %#x, want tokenHash %#x", i, tk.Fold, tk.hash, tokenHash(tk.Fold))
			}
			prev = tk.End
		}
		if ref := appendTokensRef(nil, text); !slices.Equal(toks, ref) {
			t.Fatalf("Tokenize(%q) = %+v, reference %+v", text, toks, ref)
		}
		if len(toks) > 0 && !toks[0].SentenceStart {
			t.Fatalf("first token of %q does not start a sentence", text)
		}
		found := set.Find(text, toks)
		if ref := set.findRef(text, toks); !slices.Equal(found, ref) {
			t.Fatalf("Find(%q) = %+v, reference %+v", text, found, ref)
		}
		for _, m := range found {
			if m.Start < 0 || m.End > len(toks) || m.Start >= m.End || m.TextStart != toks[m.Start].Start || m.TextEnd != toks[m.End-1].End {
				t.Fatalf("bad match %+v in %q", m, text)
			}
		}
		checkFind(t, oracleSet, oracleEntries, oracle, text)
	})
}
