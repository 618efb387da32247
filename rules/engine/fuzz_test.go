package engine

import (
	"bytes"
	"testing"
	"unicode/utf8"

	"github.com/copydesk/copydesk/rules"
	"github.com/copydesk/copydesk/rules/article"
)

// FuzzCheckDocument runs every built-in rule and the suppression directives
// over arbitrary input in each format: no panic (an internal-error finding
// counts as a failure), and every finding, related location and fix edit
// lies inside the source with positions that round-trip.
func FuzzCheckDocument(f *testing.F) {
	seeds := []string{
		"Headline\n\nA [source] and TK here.\n",
		"# Head\n\n<!-- copydesk-disable-next-line placeholder -- why -->\nXX percent\n",
		"<!-- copydesk-disable placeholder -->\n\n[link]\n\n<!-- copydesk-enable placeholder -->\n",
		"<!-- copydesk-enable -->\n<!-- copydesk-disable-file -->\n<!-- copydesk- -->\n<!---->",
		"<p>It&rsquo;s &amp; [source]</p><script>TK</script>",
		"---\ntitle: x\ndate: 2024-03-09\n---\nFriday, March 9, 2024 was the the day.\n",
		"\xef\xbb\xbfHead\r\n\r\nCaf\xe9 [name]\r\n",
		"By\n\nMaria Lopez Avatar\n\nShare this article\n",
	}
	for _, s := range seeds {
		for _, name := range []string{"a.txt", "a.md", "a.html"} {
			f.Add(name, []byte(s))
		}
	}
	all := Builtin()
	rs := &RuleSet{Rules: all}
	known := func(n string) bool { _, ok := lookupName(all, n); return ok }
	f.Fuzz(func(t *testing.T, name string, src []byte) {
		switch name {
		case "a.txt", "a.md", "a.html":
		default:
			name = "a.txt"
		}
		doc, err := article.Parse(name, src)
		if err != nil {
			return // binary
		}
		for _, fd := range CheckDocument(doc, rs, known) {
			if fd.Rule == InternalError {
				t.Fatalf("%s", fd.Message)
			}
			checkLoc(t, doc, fd.Offset, fd.EndOffset, fd.Line, fd.Column, fd.EndLine, fd.EndColumn)
			for _, r := range fd.Related {
				if r.Path == fd.Path {
					checkLoc(t, doc, r.Offset, r.EndOffset, r.Line, r.Column, r.EndLine, r.EndColumn)
				}
			}
			for _, fx := range fd.Fixes {
				for _, e := range fx.Edits {
					checkLoc(t, doc, e.Offset, e.EndOffset, e.Line, e.Column, e.EndLine, e.EndColumn)
				}
			}
		}
	})
}

func checkLoc(t *testing.T, doc *article.Document, s, e, line, col, eline, ecol int) {
	t.Helper()
	if s < 0 || e < s || e > len(doc.Src) {
		t.Fatalf("range [%d,%d) outside source of %d bytes", s, e, len(doc.Src))
	}
	if l, c := doc.Lines.Position(s); l != line || c != col {
		t.Fatalf("start %d: %d:%d, finding says %d:%d", s, l, c, line, col)
	}
	if l, c := doc.Lines.Position(e); l != eline || c != ecol {
		t.Fatalf("end %d: %d:%d, finding says %d:%d", e, l, c, eline, ecol)
	}
	// Line and column lead back to the offset when it starts a character.
	inBOM := s < 3 && bytes.HasPrefix(doc.Src, []byte("\xef\xbb\xbf"))
	if doc.Encoding == "utf-8" && s < len(doc.Src) && utf8.RuneStart(doc.Src[s]) && !inBOM {
		// A line break's own offset may clamp to the end of its line.
		if back := doc.Lines.Offset(line, col); back != s && doc.Src[s] != '\n' && doc.Src[s] != '\r' {
			t.Fatalf("offset %d -> %d:%d -> %d", s, line, col, back)
		}
	}
}

func lookupName(all []rules.Rule, name string) (rules.Rule, bool) {
	for _, r := range all {
		if r.Meta().Name == name {
			return r, true
		}
	}
	return nil, false
}
