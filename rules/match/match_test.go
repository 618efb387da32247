package match

import (
	"reflect"
	"strconv"
	"strings"
	"testing"
)

func words(text string, toks []Token) []string {
	var out []string
	for _, t := range toks {
		s := t.Text(text)
		if t.SentenceStart {
			s = "|" + s
		}
		out = append(out, s)
	}
	return out
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		text string
		want string // tokens joined by spaces; "|" marks a sentence start
	}{
		{"Don't stop.", "|Don't stop ."},
		{"O’Brien’s dog", "|O’Brien’s dog"},
		{"It cost $3.5 million, or 1,000 more.", "|It cost $ 3.5 million , or 1,000 more ."},
		{"Mr. Smith went to Washington. He left.", "|Mr . Smith went to Washington . |He left ."},
		{"The U.S. economy grew. Then it fell.", "|The U.S. economy grew . |Then it fell ."},
		{"J. K. Rowling wrote it. 2005 was good.", "|J . K . Rowling wrote it . |2005 was good ."},
		{"He said: \"Go!\" Then he left?  Yes.", "|He said : \" Go ! \" |Then he left ? |Yes ."},
		{"at 9 a.m. on Jan. 5 in the U.S.A.", "|at 9 a.m. on Jan . 5 in the U.S.A."},
		{"XX,000 people", "|XX , 000 people"},
		{"line one\nline two", "|line one |line two"},
		{"café naïve résumé", "|café naïve résumé"},
		{"end of it. and more", "|end of it . and more"},
		{"rock 'n' roll", "|rock ' n ' roll"},
		{"a \uFFFC b", "|a \uFFFC b"},
		{"", ""},
	}
	for _, tt := range tests {
		toks := Tokenize(tt.text, nil)
		got := strings.Join(words(tt.text, toks), " ")
		if got != tt.want {
			t.Errorf("Tokenize(%q)\n got %s\nwant %s", tt.text, got, tt.want)
		}
		for _, tok := range toks {
			if tok.Start < 0 || tok.End > len(tt.text) || tok.Start >= tok.End {
				t.Errorf("Tokenize(%q): bad range %d:%d", tt.text, tok.Start, tok.End)
			}
		}
	}
}

func TestFold(t *testing.T) {
	toks := Tokenize("DON’T Café “quoted”", nil)
	got := []string{}
	for _, tk := range toks {
		got = append(got, tk.Fold)
	}
	want := []string{"don't", "café", "\"", "quoted", "\""}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("folds = %q, want %q", got, want)
	}
}

func TestFind(t *testing.T) {
	set := MustCompile([]Entry{
		{Phrase: "as an AI language model", ID: "ai"},
		{Phrase: "I (cannot/can't) (fulfil/fulfill) (this/that/) request", ID: "refuse"},
		{Phrase: "TK", ID: "tk", Flags: CaseSensitive},
		{Phrase: "insert * here", ID: "insert"},
		{Phrase: "I hope this helps", ID: "hope", Flags: SentenceEnd},
		{Phrase: "Certainly! Here is", ID: "certainly", Flags: SentenceStart},
		{Phrase: "new york", ID: "ny"},
		{Phrase: "new york times", ID: "nyt"},
	})
	tests := []struct {
		text string
		want []string // "ID:matched text"
	}{
		{"As an AI language model, I can't.", []string{"ai:As an AI language model"}},
		{"Sorry, I can’t fulfill request now", []string{"refuse:I can’t fulfill request"}},
		{"I cannot fulfil that request.", []string{"refuse:I cannot fulfil that request"}},
		{"Figures TK; tk is not; Tk neither", []string{"tk:TK"}},
		{"Please INSERT name HERE and insert two words here", []string{"insert:INSERT name HERE"}},
		{"I hope this helps.", []string{"hope:I hope this helps"}},
		{"\"I hope this helps the family,\" she said.", nil},
		{"\"I hope this helps,\" she said.", nil},
		{"Done. Certainly! Here is the text", []string{"certainly:Certainly! Here is"}},
		{"He was certainly! Here is", nil},
		{"The New York Times said", []string{"nyt:New York Times", "ny:New York"}},
		{"nothing here", nil},
	}
	for _, tt := range tests {
		toks := Tokenize(tt.text, nil)
		var got []string
		for _, m := range set.Find(tt.text, toks) {
			got = append(got, m.Entry.ID+":"+tt.text[m.TextStart:m.TextEnd])
			if toks[m.Start].Start != m.TextStart || toks[m.End-1].End != m.TextEnd {
				t.Errorf("%q: match %v token and byte ranges disagree", tt.text, m)
			}
		}
		if strings.Join(got, ";") != strings.Join(tt.want, ";") {
			t.Errorf("Find(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
	ms := set.Find("The New York Times", Tokenize("The New York Times", nil))
	if l := Longest(ms); len(l) != 1 || l[0].Entry.ID != "nyt" {
		t.Errorf("Longest = %v, want the nyt match only", l)
	}
}

func TestCompileErrors(t *testing.T) {
	for _, p := range []string{"", "  ", "a (b/c", "a b) c", "a (b (c)) d"} {
		if _, err := Compile([]Entry{{Phrase: p}}); err == nil {
			t.Errorf("Compile(%q): no error", p)
		}
	}
}

func TestParseList(t *testing.T) {
	es, err := ParseList("t", []byte("# comment\n\nfoo bar | baz | why | case, end\nsolo\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(es) != 2 || es[0] != (Entry{Phrase: "foo bar", Replacement: "baz", Reason: "why", Flags: CaseSensitive | SentenceEnd}) || es[1].Phrase != "solo" {
		t.Errorf("ParseList = %+v", es)
	}
	for _, bad := range []string{" | x", "a | b | c | d | e", "a | | | loud", "a (b"} {
		if _, err := ParseList("t", []byte(bad)); err == nil || !strings.HasPrefix(err.Error(), "t:1: ") {
			t.Errorf("ParseList(%q) error = %v, want t:1: ...", bad, err)
		}
	}
}

func TestEmbeddedLists(t *testing.T) {
	names := ListNames()
	if len(names) == 0 {
		t.Fatal("no embedded lists")
	}
	for _, n := range names {
		es, err := List(n)
		if err != nil {
			t.Errorf("List(%q): %v", n, err)
			continue
		}
		if _, err := Compile(es); err != nil {
			t.Errorf("Compile(List(%q)): %v", n, err)
		}
	}
	if _, err := List("no-such-list"); err == nil {
		t.Error("List(no-such-list): no error")
	}
}

// AppendTokens must leave the tokens already in dst alone and give the new
// text the tokens Tokenize gives it, sentence starts included.
func TestAppendTokensMatchesTokenize(t *testing.T) {
	first := "Mr. Smith met the U.S. envoy. He said “no”."
	texts := []string{"", "One more.", "ÉCOLE Naïve café: 3.5% of 1,000 — TK?", "a\nb", "don’t STOP! “Quote” (aside) [x]"}
	for _, text := range texts {
		prefix := Tokenize(first, nil)
		want := append(append([]Token(nil), prefix...), Tokenize(text, nil)...)
		got := AppendTokens(append([]Token(nil), prefix...), text)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("AppendTokens(prefix, %q):\n got %+v\nwant %+v", text, got, want)
		}
	}
}

func TestIsAbbreviation(t *testing.T) {
	for _, w := range []string{"mr", "mrs", "dr", "st", "inc", "v", "etc", "jan", "sept", "calif", "fla"} {
		if !isAbbreviation(w) {
			t.Errorf("isAbbreviation(%q) = false", w)
		}
	}
	for _, w := range []string{"Mr", "m", "he", "it", "us", "mar.", "", "january"} {
		if isAbbreviation(w) {
			t.Errorf("isAbbreviation(%q) = true", w)
		}
	}
}

// appendFoldTo (the tokenizer's, with its ASCII fast path) folds as
// appendFold does.
func TestAppendFoldTo(t *testing.T) {
	for _, w := range []string{
		"Smith", "BBC", "U.S.", "don't", "O’Brien", "ÉCOLE", "Naïve",
		strings.Repeat("A", 32), strings.Repeat("B", 33), strings.Repeat("C", 31) + "É", "",
	} {
		var b strings.Builder
		appendFoldTo(&b, w)
		if want := string(appendFold(nil, w)); b.String() != want {
			t.Errorf("appendFoldTo(%q) = %q, want %q", w, b.String(), want)
		}
	}
}

// The token hash lives in the padding after the flags: a token of a 64-bit
// build is no larger than its exported fields make it (token streams are
// about eight times the size of their text).
func TestTokenSize(t *testing.T) {
	if strconv.IntSize != 64 {
		t.Skip("padding differs on 32-bit platforms")
	}
	type exported struct {
		Start, End                 int
		Fold                       string
		Kind                       Kind
		SentenceStart, SpaceBefore bool
	}
	if got, want := reflect.TypeFor[Token]().Size(), reflect.TypeFor[exported]().Size(); got != want {
		t.Errorf("Token is %d bytes, want %d", got, want)
	}
}
