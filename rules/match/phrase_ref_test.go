package match

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// findRef is Find as it was before the pair filters: every token that
// passes the root filter is looked up in the root's table. It is the
// reference the tests hold Find's filters to, on more text than the slow
// oracle can take.
func (s *Set) findRef(text string, toks []Token) []Match {
	var out []Match
	wild := s.wild[0]
	for i := 0; i < len(toks); i++ {
		if wild == 0 {
			for ; i < len(toks) && !hasBit(s.rootFilter[:], rootFilterBit(toks[i].foldHash())); i++ {
			}
			if i == len(toks) {
				break
			}
		}
		t := &toks[i]
		if t.Kind == Opaque {
			continue
		}
		next := s.roots.lookup(0, t.Fold, t.foldHash())
		if next == 0 && wild == 0 {
			continue
		}
		n := len(out)
		if next != 0 {
			out = s.walk(out, text, toks, i, i+1, next)
		}
		if wild != 0 && t.Kind == Word {
			out = s.walk(out, text, toks, i, i+1, wild)
		}
		if len(out)-n > 1 {
			sortLongestFirst(out[n:])
		}
	}
	return out
}

// Find matches what findRef matches, with every phrase set the rules use
// (each list, and the style rules' lists in one set), on every line of the
// corpora and on each list's phrases in context.
func TestFindMatchesReference(t *testing.T) {
	sets := map[string]*Set{"style": MustCompile(styleEntries())}
	var texts []string
	for _, name := range ListNames() {
		sets[name] = MustCompile(MustList(name))
		for _, e := range MustList(name) {
			ps, _ := expand(e.Phrase)
			for _, p := range ps[:min(len(ps), 4)] {
				p = strings.ReplaceAll(p, "*", "word")
				texts = append(texts, p, "He said: "+p+". Then "+strings.ToUpper(p)+"!", p+" \uFFFC "+p)
			}
		}
	}
	if !haveCorpora() {
		t.Log("../shared/corpora not found: Find is compared on the lists' phrases only")
	}
	for _, data := range corpusTexts(t) {
		texts = append(texts, strings.Split(data, "\n")...)
	}
	var toks []Token
	for name, set := range sets {
		found := 0
		for _, text := range texts {
			toks = Tokenize(text, toks)
			got, want := set.Find(text, toks), set.findRef(text, toks)
			if !slices.Equal(got, want) {
				t.Fatalf("%s: Find(%q) = %+v, reference %+v", name, text, got, want)
			}
			found += len(got)
		}
		if found == 0 {
			t.Errorf("%s: no matches in %d texts: the comparison proves nothing", name, len(texts))
		}
	}
}

// The root's pair and solo filters let through every phrase start: one-word
// phrases, "word *", optional second words, case-sensitive and flagged
// phrases, in a set with no "*" first (where Find uses the filters).
func TestRootFiltersKeepPhraseStarts(t *testing.T) {
	entries := []Entry{
		{Phrase: "alone"},
		{Phrase: "lead *"},
		{Phrase: "lead (on/) now"},
		{Phrase: "two words"},
		{Phrase: "(one/two) (more/) step"},
		{Phrase: "TK", Flags: CaseSensitive},
		{Phrase: "Hello there", Flags: SentenceStart | SentenceEnd},
		{Phrase: "end (.//!)"},
	}
	set, phrases := MustCompile(entries), oraclePhrases(entries)
	if set.wild[0] != 0 {
		t.Fatal("the set starts a phrase with \"*\": Find would not use the filters")
	}
	for _, text := range []string{
		"alone", "Alone.", "lead", "lead the way", "lead on now", "lead now", "lead \uFFFC now",
		"two words", "two", "words two words", "one step two more step one more", "TK tk TK",
		"Hello there. Hello there, he said.", "the end. The end! end", "alone alone two words lead",
	} {
		checkFind(t, set, entries, phrases, text)
		toks := Tokenize(text, nil)
		if got, want := set.Find(text, toks), set.findRef(text, toks); !slices.Equal(got, want) {
			t.Errorf("Find(%q) = %+v, reference %+v", text, got, want)
		}
	}
}

// rootCandidates gives the tokens a test of every token gives, across the
// 64-token blocks it gathers, when asked for each in turn and when asked
// from further on.
func TestRootCandidates(t *testing.T) {
	set := MustCompile(styleEntries())
	passes := func(toks []Token, k int) bool {
		h := toks[k].foldHash()
		return hasBit(set.rootFilter[:], rootFilterBit(h)) &&
			(hasBit(set.soloFilter[:], rootFilterBit(h)) || k+1 < len(toks) && hasBit(set.pairFilter[:], pairFilterBit(h, toks[k+1].foldHash())))
	}
	words := []string{"the", "way", "and", "a", "in", "order", "to", "it", "is", "said", "that", "very", "x", "."}
	r := rand.New(rand.NewPCG(9, 10))
	for _, n := range []int{0, 1, 2, 63, 64, 65, 127, 128, 129, 300} {
		for range 50 {
			var b strings.Builder
			for range n {
				b.WriteString(words[r.IntN(len(words))] + " ")
			}
			toks := Tokenize(b.String(), nil)
			var want []int
			for k := range toks {
				if passes(toks, k) {
					want = append(want, k)
				}
			}
			var got []int
			c := rootCandidates{s: set, toks: toks, base: -64}
			for i := c.next(0); i < len(toks); i = c.next(i + 1) {
				got = append(got, i)
			}
			if !slices.Equal(got, want) {
				t.Fatalf("candidates of %q: %v, want %v", b.String(), got, want)
			}
			// From a random start, with jumps.
			start := r.IntN(len(toks) + 1)
			c = rootCandidates{s: set, toks: toks, base: -64}
			for from := start; from < len(toks); from = got[0] + 1 + r.IntN(3) {
				got = []int{c.next(from)}
				first := slices.IndexFunc(want, func(k int) bool { return k >= from })
				if first < 0 && got[0] != len(toks) || first >= 0 && got[0] != want[first] {
					t.Fatalf("candidate of %q from %d: %d, want the first of %v from there", b.String(), from, got[0], want)
				}
			}
		}
	}
}
