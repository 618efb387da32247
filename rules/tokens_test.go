package rules

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/copydesk/copydesk/rules/article"
	"github.com/copydesk/copydesk/rules/match"
)

func parseText(t *testing.T, src string) *article.Document {
	t.Helper()
	doc, err := article.Parse("story.txt", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func blockTokenLists(doc *article.Document) [][]match.Token {
	var out [][]match.Token
	eachBlockTokens(doc, func(_ *article.Block, toks []match.Token) {
		out = append(out, append([]match.Token(nil), toks...))
	})
	return out
}

// A released token stream goes to the next document; the released
// document still gets its own tokens if a rule asks again.
func TestReleaseTokens(t *testing.T) {
	long := "A long first story, with quite a few words in it.\n\nAnd a second paragraph that says more."
	short := "Short one.\n\nTwo blocks."
	fresh := func(src string) [][]match.Token { return blockTokenLists(parseText(t, src)) }

	a := parseText(t, long)
	ReleaseTokens(a) // before any rule asked: nothing to release
	if got := blockTokenLists(a); !reflect.DeepEqual(got, fresh(long)) {
		t.Errorf("tokens after an early release differ")
	}

	b := parseText(t, long)
	want := blockTokenLists(b)
	ReleaseTokens(b)
	ReleaseTokens(b) // twice is harmless
	c := parseText(t, short)
	if got := blockTokenLists(c); !reflect.DeepEqual(got, fresh(short)) {
		t.Errorf("tokens of the next document (pooled slice) differ: %v", got)
	}
	if got := blockTokenLists(b); !reflect.DeepEqual(got, want) {
		t.Errorf("tokens of the released document differ when asked again")
	}
}

// wordCountFromTokens is WordCount with the token stream built first.
func wordCountFromTokens(doc *article.Document) int {
	eachBlockTokens(doc, func(*article.Block, []match.Token) {})
	return WordCount(doc)
}

func TestWordCount(t *testing.T) {
	for _, tc := range []struct {
		src  string
		want int
	}{
		{"", 0},
		{"One two three.", 3},
		{"Well -- not quite: a dash alone is no word.", 9},
		{"U.S. officials said it was 3.5% (or so).\n\nNext paragraph's words.", 11},
		{"don't stop—now", 2},          // an em dash joins a run of non-space
		{"\u0301 ab\u0301c \u0301", 1}, // a lone combining mark is no word
		{"café naïve Zürich", 3},
		{"“Quoted,” she said.", 3},
		{"a\u00a0b", 2}, // no-break space separates words
	} {
		doc := parseText(t, tc.src)
		if got := doc.Words(); got != tc.want {
			t.Errorf("Words(%q) = %d, want %d", tc.src, got, tc.want)
		}
		if got := wordCountFromTokens(parseText(t, tc.src)); got != tc.want {
			t.Errorf("WordCount(%q) from tokens = %d, want %d", tc.src, got, tc.want)
		}
		if got := WordCount(parseText(t, tc.src)); got != tc.want {
			t.Errorf("WordCount(%q) without tokens = %d, want %d", tc.src, got, tc.want)
		}
	}
}

// TestWordCountCorpora checks the count from tokens against Document.Words
// on every document of the shared corpora.
func TestWordCountCorpora(t *testing.T) {
	if testing.Short() {
		t.Skip("reads every corpus document")
	}
	for _, set := range corpusSets {
		for _, f := range corpusFiles(t, set.patterns...) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := article.Parse(f, src)
			if err != nil {
				continue // binary and other files the engine skips
			}
			if want, got := doc.Words(), wordCountFromTokens(doc); got != want {
				t.Errorf("%s: WordCount from tokens = %d, Document.Words = %d", f, got, want)
			}
		}
	}
}

func FuzzWordCount(f *testing.F) {
	for _, s := range []string{"One two.", "a\u0301 \u0301 x--y", "\xff\xfe bad", "“Q,” s.\n\n- item", "<p>html</p>"} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, src string, md bool) {
		name := "story.txt"
		if md {
			name = "story.md"
		}
		doc, err := article.Parse(name, []byte(src))
		if err != nil {
			return
		}
		if want, got := doc.Words(), wordCountFromTokens(doc); got != want {
			t.Errorf("%q: WordCount from tokens = %d, Document.Words = %d", src, got, want)
		}
	})
}

// A document too large to keep its token stream is tokenized block by block
// for each rule: every rule must find the same as with the shared stream.
// The threshold is lowered so that the rules' fixtures and the sample
// articles take the block-by-block path.
func TestStreamedTokensSameFindings(t *testing.T) {
	files, err := filepath.Glob("testdata/*/*")
	if err != nil {
		t.Fatal(err)
	}
	samples, _ := filepath.Glob("../testdata/articles/*")
	files = append(files, samples...)
	checked := 0
	for _, f := range files {
		if ext := filepath.Ext(f); ext == ".golden" || ext == ".fixed" || ext == ".planted" {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			continue // a folder
		}
		findings := func(stream int) []string {
			defer func(old int) { streamTokensOver = old }(streamTokensOver)
			streamTokensOver = stream
			doc, err := article.Parse(f, src)
			if err != nil {
				return nil
			}
			var out []string
			for _, r := range All() {
				for _, d := range r.Check(doc) {
					out = append(out, fmt.Sprintf("%s %d-%d %s", r.Meta().Name, d.Start, d.End, d.Message))
				}
			}
			return out
		}
		shared, streamed := findings(1<<62), findings(0)
		if !reflect.DeepEqual(shared, streamed) {
			t.Errorf("%s: streamed tokens give\n%q\nthe shared stream\n%q", f, streamed, shared)
		}
		checked += len(shared)
	}
	if checked < 100 {
		t.Fatalf("only %d findings compared: the fixtures were not found", checked)
	}
}
