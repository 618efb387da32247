package match

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// Tokens with the same tokenHash ("sail" and "soil": same length, first,
// middle and last bytes) stay apart; lookups of absent edges miss; the
// table grows past the size it was made for.
func TestEdgeTable(t *testing.T) {
	if tokenHash("sail") != tokenHash("soil") {
		t.Fatal("test premise: sail and soil should share a hash")
	}
	var tab edgeTable
	tab.init(2)
	type edge struct {
		parent int32
		tok    string
	}
	want := map[edge]int32{}
	child := int32(1)
	for parent := range int32(40) {
		for _, tok := range []string{"sail", "soil", "a", "", "the", "\"", "don't"} {
			tab.insert(parent, tok, tokenHash(tok), child)
			want[edge{parent, tok}] = child
			child++
		}
	}
	for e, c := range want {
		if got := tab.lookup(e.parent, e.tok, tokenHash(e.tok)); got != c {
			t.Errorf("lookup(%d, %q) = %d, want %d", e.parent, e.tok, got, c)
		}
	}
	for _, e := range []edge{{0, "sell"}, {40, "sail"}, {3, "Sail"}, {7, "thee"}} {
		if got := tab.lookup(e.parent, e.tok, tokenHash(e.tok)); got != 0 {
			t.Errorf("lookup(%d, %q) = %d, want 0 (absent)", e.parent, e.tok, got)
		}
	}
	if 2*tab.n > len(tab.slots) {
		t.Errorf("%d edges in %d slots: more than half full", tab.n, len(tab.slots))
	}
}

func TestTokenHashNeverZero(t *testing.T) {
	for _, tok := range []string{"", "a", "\x00", "\x00\x00\x00\x00", "the", strings.Repeat("x", 300)} {
		if tokenHash(tok) == 0 {
			t.Errorf("tokenHash(%q) = 0, the mark of an empty slot", tok)
		}
	}
}

func TestStepCount(t *testing.T) {
	tests := []struct {
		phrase         string
		phrases, steps int
	}{
		{"in order to", 1, 3},
		{"(a/b c) d", 2, 5},            // a d, b c d
		{"x (y/) z", 2, 4},             // x y z, x z
		{"(i'm/i am) (p/q/) r", 6, 13}, // 3 tokens in the first group, 2x2 in the second, 6x1 for r
	}
	for _, tt := range tests {
		segs, err := phraseSegments(tt.phrase)
		if err != nil {
			t.Fatal(err)
		}
		phrases, steps := stepCount(segs)
		if phrases != tt.phrases || steps != tt.steps {
			t.Errorf("stepCount(%q) = %d phrases, %d steps; want %d, %d", tt.phrase, phrases, steps, tt.phrases, tt.steps)
		}
	}
}

// oraclePhrase is one expanded phrase of an entry, tokenized.
type oraclePhrase struct {
	entry int
	text  string
	toks  []Token
}

func oraclePhrases(entries []Entry) []oraclePhrase {
	var out []oraclePhrase
	for ei, e := range entries {
		phrases, err := expand(e.Phrase)
		if err != nil {
			panic(err)
		}
		for _, p := range phrases {
			out = append(out, oraclePhrase{ei, p, Tokenize(p, nil)})
		}
	}
	return out
}

// findOracle is Find done the slow way: every expanded phrase of every
// entry tried at every token. Matches are "entry:start-end", sorted.
func findOracle(entries []Entry, phrases []oraclePhrase, text string, toks []Token) []string {
	var out []string
	for _, p := range phrases {
		e := entries[p.entry]
		for start := range toks {
			end := start + len(p.toks)
			if end > len(toks) || !oracleMatches(e, p.text, p.toks, text, toks[start:end]) {
				continue
			}
			if e.Flags&SentenceStart != 0 && !startsSentence(toks, start) || e.Flags&SentenceEnd != 0 && !endsSentence(toks, end) {
				continue
			}
			out = append(out, fmt.Sprintf("%d:%d-%d", p.entry, start, end))
		}
	}
	slices.Sort(out)
	return out
}

func oracleMatches(e Entry, p string, ptoks []Token, text string, toks []Token) bool {
	for k, pt := range ptoks {
		t := toks[k]
		if t.Kind == Opaque {
			return false
		}
		if pt.Text(p) == "*" {
			if t.Kind != Word {
				return false
			}
			continue
		}
		if t.Fold != pt.Fold || e.Flags&CaseSensitive != 0 && !sameExact(t.Text(text), pt.Text(p)) {
			return false
		}
	}
	return true
}

// checkFind compares Find with findOracle and checks Find's order: by
// start token, longer matches first.
func checkFind(t *testing.T, set *Set, entries []Entry, phrases []oraclePhrase, text string) {
	t.Helper()
	toks := Tokenize(text, nil)
	ms := set.Find(text, toks)
	var got []string
	for i, m := range ms {
		ei := 0
		for ei < len(set.entries) && &set.entries[ei] != m.Entry {
			ei++
		}
		got = append(got, fmt.Sprintf("%d:%d-%d", ei, m.Start, m.End))
		if i > 0 && (m.Start < ms[i-1].Start || m.Start == ms[i-1].Start && m.End > ms[i-1].End) {
			t.Errorf("Find(%q): match %d %v out of order after %v", text, i, m, ms[i-1])
		}
	}
	slices.Sort(got)
	if want := findOracle(entries, phrases, text, toks); !slices.Equal(got, want) {
		t.Errorf("Find(%q) = %v, want %v", text, got, want)
	}
}

var oracleEntries = []Entry{
	{Phrase: "as an AI language model"},
	{Phrase: "I (cannot/can't) (fulfil/fulfill) (this/that/) request"},
	{Phrase: "TK", Flags: CaseSensitive},
	{Phrase: "insert * here"},
	{Phrase: "* * said"},
	{Phrase: "the (*/) of"},
	{Phrase: "I hope this helps", Flags: SentenceEnd},
	{Phrase: "Certainly! Here is", Flags: SentenceStart},
	{Phrase: "new york"},
	{Phrase: "new york (times/)"},
	{Phrase: "as an ai (model/,) (,/) i"},
}

// Find agrees with the slow oracle on every list's own phrases in context
// and on a set with wildcards, flags and repeated phrases.
func TestFindMatchesOracle(t *testing.T) {
	texts := []string{
		"The New York Times said: I hope this helps. Certainly! Here is the end of it.",
		"Please insert a name here; the head of the firm, Mr. Jones, said TK but tk.",
		"As an AI, I cannot fulfil this request. \"I hope this helps,\" she said.",
		"a \uFFFC b insert \uFFFC here the \uFFFC of",
	}
	for _, name := range ListNames() {
		for _, e := range MustList(name) {
			ps, _ := expand(e.Phrase)
			for _, p := range ps[:min(len(ps), 4)] {
				p = strings.ReplaceAll(p, "*", "word")
				texts = append(texts, "He said: "+p+". Then "+strings.ToUpper(p)+"!")
			}
		}
	}
	sets := map[string][]Entry{"oracle": oracleEntries}
	for _, name := range ListNames() {
		sets[name] = MustList(name)
	}
	for name, entries := range sets {
		set, phrases := MustCompile(entries), oraclePhrases(entries)
		t.Run(name, func(t *testing.T) {
			for _, text := range texts {
				checkFind(t, set, entries, phrases, text)
			}
		})
	}
}
