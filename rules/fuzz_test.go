package rules

import (
	"testing"

	"github.com/copydesk/copydesk/rules/article"
)

// FuzzRules runs every registered rule over arbitrary input in each format:
// no panics, and every diagnostic and fix edit stays inside the source.
func FuzzRules(f *testing.F) {
	for _, s := range []string{
		"Head\n\nSee [source] and XX percent, TK.\r\n",
		"# T\n\n[insert name here](x) {{ a }} ${b} %s utm_source=chatgpt.com\n",
		"<p>\ue200cite\ue202turn0search0\ue201 :contentReference[oaicite:0]{index=0}</p>",
		"\xef\xbb\xbfCertainly! Here is a rewritten version. I hope this helps.",
	} {
		f.Add(s, uint8(0))
	}
	rs := All()
	f.Fuzz(func(t *testing.T, src string, format uint8) {
		doc, err := article.ParseFormat("fuzz", []byte(src), article.Format(format%3))
		if err != nil {
			return
		}
		for _, r := range rs {
			for _, d := range r.Check(doc) {
				if d.Start < 0 || d.End > len(doc.Src) || d.Start > d.End {
					t.Fatalf("%s: range [%d, %d) outside a %d-byte source", r.Meta().Name, d.Start, d.End, len(doc.Src))
				}
				for _, fx := range d.Fixes {
					for _, e := range fx.Edits {
						if e.Start < 0 || e.End > len(doc.Src) || e.Start > e.End {
							t.Fatalf("%s: fix edit [%d, %d) outside the source", r.Meta().Name, e.Start, e.End)
						}
					}
				}
			}
		}
	})
}
