package rules

import (
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
