package rules

import (
	"testing"

	"github.com/copydesk/copydesk/rules/article"
)

// FuzzMechanics runs every mechanics rule over arbitrary text: no panics,
// ranges inside the source, fixes inside the source.
func FuzzMechanics(f *testing.F) {
	for _, seed := range []string{
		"The the council voted on Friday, March 9, 2024 (Saturday).",
		"\"Open (and [never\u200b closed ,said a FBI agent.Then  2024-03-09 Fri.",
		"“nested “quotes” here” and ）（ and 5' 10\" and an 11-year-old a\u0092b",
		"a", "an", "A\n\nan \"", "Friday, 31 February 2024", "Mon. Jan. 1", "\ufeffx\u00ad",
	} {
		f.Add(seed)
	}
	rs := mechanicsRules()
	f.Fuzz(func(t *testing.T, text string) {
		doc, err := article.ParseFormat("fuzz.txt", []byte(text), article.Text)
		if err != nil {
			return // binary input
		}
		doc.Meta.Date = "2024-03-01"
		for _, r := range rs {
			for _, d := range r.Check(doc) {
				if d.Start < 0 || d.End > len(doc.Src) || d.Start >= d.End {
					t.Fatalf("%s: bad range [%d, %d) in %q", r.Meta().Name, d.Start, d.End, text)
				}
				for _, fx := range d.Fixes {
					for _, e := range fx.Edits {
						if e.Start < 0 || e.End > len(doc.Src) || e.Start > e.End {
							t.Fatalf("%s: bad fix edit [%d, %d) in %q", r.Meta().Name, e.Start, e.End, text)
						}
					}
				}
			}
		}
	})
}
