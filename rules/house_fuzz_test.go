package rules

import (
	"testing"

	"github.com/copydesk/copydesk/rules/article"
)

// FuzzHouseRules runs one house rule of each kind over arbitrary text: no
// panics, and every diagnostic and fix stays inside the source.
func FuzzHouseRules(f *testing.F) {
	specs := []HouseSpec{
		{Extends: "existence", IgnoreCase: true, Tokens: []string{"sort of", "café", `\w+ly`}},
		{Extends: "existence", Nonword: true, Raw: []string{`\[(?:TK|source)\]`}},
		{Extends: "substitution", IgnoreCase: true, Capitalize: true, Swap: map[string]string{"e-mail": "email", `(\d+) per cent`: "$1 percent", "a|b": "c|d"}},
		{Extends: "occurrence", Scope: []string{"sentence"}, Max: 3, Token: `\S+`},
		{Extends: "occurrence", Scope: []string{"document"}, Min: 2, Token: `said`},
		{Extends: "consistency", IgnoreCase: true, Either: map[string]string{"advisor": "adviser"}},
		{Extends: "conditional", First: `\b[A-Z]{3,5}\b`, Second: `(?:\b[A-Z][a-z]+ )+\(([A-Z]{3,5})\)`},
		{Extends: "capitalization", Match: "$title", Scope: []string{"heading"}},
		{Extends: "capitalization", Match: "$sentence"},
	}
	var rs []Rule
	for _, s := range specs {
		r, err := NewHouseRule("Fuzz", s)
		if err != nil {
			f.Fatal(err)
		}
		rs = append(rs, r)
	}
	for _, seed := range []string{
		"Headline\n\nSort of an e-mail, 5 per cent. The WHO (WHO) advisor adviser.",
		"# Title Case For The Win\n\n> Café [TK]\n\n- a list\n",
		"<h1>x</h1><p>caf&eacute; &amp; ÜBER</p>",
		"\xff\xfe broken \x80 bytes",
	} {
		f.Add([]byte(seed), uint8(0))
	}
	f.Fuzz(func(t *testing.T, src []byte, format uint8) {
		doc, err := article.ParseFormat("f", src, article.Format(format%3))
		if err != nil {
			return
		}
		for _, r := range rs {
			for _, d := range r.Check(doc) {
				if d.Start < 0 || d.End < d.Start || d.End > len(src) {
					t.Fatalf("%s: diagnostic [%d,%d) outside the source (%d bytes)", r.Meta().Summary, d.Start, d.End, len(src))
				}
				for _, fx := range d.Fixes {
					for _, e := range fx.Edits {
						if e.Start < 0 || e.End < e.Start || e.End > len(src) {
							t.Fatalf("fix edit [%d,%d) outside the source", e.Start, e.End)
						}
					}
				}
			}
		}
	})
}
