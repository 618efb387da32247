package rules

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/rules/article"
)

// recorder collects what the harness reports.
type recorder struct{ msgs []string }

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.msgs = append(r.msgs, fmt.Sprintf(format, args...))
}

// badRule flags every "BAD" in the prose and offers "good" as its fix.
var badRule = fakeRule{
	meta: Meta{Name: "bad-word", Category: Style, Severity: Warning},
	check: func(doc *article.Document) []Diagnostic {
		var out []Diagnostic
		for i := range doc.Blocks {
			b := &doc.Blocks[i]
			for off := 0; ; {
				k := strings.Index(b.Text[off:], "BAD")
				if k < 0 {
					break
				}
				s, e := b.SrcRange(off+k, off+k+3)
				out = append(out, Diagnostic{Start: s, End: e, Message: "bad word",
					Fixes: []Fix{{Message: "say good", Edits: []Edit{{Start: s, End: e, New: "good"}}}}})
				off += k + 3
			}
		}
		return out
	},
}

func TestHarness(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string // name -> content; "a.txt" is checked
		rule  Rule
		want  []string // substrings of the reported problems, in order; none for a pass
	}{
		{
			name: "pass",
			files: map[string]string{
				"a.txt":        "<!-- want +1 \"bad\" -->\nHead BAD\n<!-- want +2 \"bad\" `^bad word$` -->\n\nBAD and BAD\n",
				"a.txt.golden": "a.txt:2:6: warning: bad word [bad-word]\na.txt:5:1: warning: bad word [bad-word]\na.txt:5:9: warning: bad word [bad-word]\n",
				"a.txt.fixed":  "<!-- want +1 \"bad\" -->\nHead good\n<!-- want +2 \"bad\" `^bad word$` -->\n\ngood and good\n",
			},
			rule: badRule,
		},
		{
			name: "unexpected in headline",
			files: map[string]string{
				"a.txt":        "Head BAD\n",
				"a.txt.golden": "a.txt:1:6: warning: bad word [bad-word]\n",
				"a.txt.fixed":  "Head good\n",
			},
			rule: badRule,
			want: []string{"a.txt:1:6: unexpected diagnostic: bad word (match \"BAD\")"},
		},
		{
			name: "missing and unexpected",
			files: map[string]string{
				"a.txt":        "Head\n<!-- want +1 \"bad\" -->\nclean line\n<!-- want +1 \"other\" -->\nBAD\n",
				"a.txt.golden": "a.txt:5:1: warning: bad word [bad-word]\n",
				"a.txt.fixed":  "Head\n<!-- want +1 \"bad\" -->\nclean line\n<!-- want +1 \"other\" -->\ngood\n",
			},
			rule: badRule,
			want: []string{"a.txt:5:1: unexpected diagnostic: bad word", "a.txt:3: no diagnostic matching \"bad\"", "a.txt:5: no diagnostic matching \"other\""},
		},
		{
			name: "stale golden and fixed",
			files: map[string]string{
				"a.txt":        "Head\n\n<!-- want +1 \"bad\" -->\nBAD\n",
				"a.txt.golden": "a.txt:4:2: warning: bad word [bad-word]\n",
				"a.txt.fixed":  "unchanged\n",
			},
			rule: badRule,
			want: []string{"a.txt.golden differs", "a.txt.fixed differs"},
		},
		{
			name:  "missing golden",
			files: map[string]string{"a.txt": "Head\n"},
			rule:  fakeRule{meta: Meta{Name: "quiet"}},
			want:  []string{"missing golden file"},
		},
		{
			name:  "malformed want",
			files: map[string]string{"a.txt": "Head\n<!-- want +1 bad -->\n", "a.txt.golden": ""},
			rule:  fakeRule{meta: Meta{Name: "quiet"}},
			want:  []string{"a.txt:2: want comment: \"bad\" is not a quoted regexp"},
		},
		{
			name:  "diagnostic in a comment",
			files: map[string]string{"a.md": "Head\n\n<!-- x -->\n"},
			rule: fakeRule{meta: Meta{Name: "comment", Severity: Error}, check: func(doc *article.Document) []Diagnostic {
				return []Diagnostic{{Start: doc.Comments[0].Src, End: doc.Comments[0].SrcEnd, Message: "in comment"}}
			}},
			want: []string{"lies in an HTML comment", "a.md:3:1: unexpected diagnostic"},
		},
		{
			name:  "bad range and message",
			files: map[string]string{"a.md": "Head\n"},
			rule: fakeRule{meta: Meta{Name: "range"}, check: func(doc *article.Document) []Diagnostic {
				return []Diagnostic{{Start: 2, End: 99, Message: "too far."}}
			}},
			want: []string{"bad range [2, 99)", "a.md:1:3: unexpected diagnostic"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, content := range tt.files {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			file := "a.txt"
			if _, ok := tt.files["a.md"]; ok {
				file = "a.md"
			}
			var rec recorder
			checkFixture(&rec, tt.rule, dir, file)
			if len(rec.msgs) != len(tt.want) {
				t.Fatalf("harness reported %d problems, want %d:\n%s", len(rec.msgs), len(tt.want), strings.Join(rec.msgs, "\n"))
			}
			for i, w := range tt.want {
				if !strings.Contains(rec.msgs[i], w) {
					t.Errorf("problem %d = %q, want it to contain %q", i, rec.msgs[i], w)
				}
			}
		})
	}
}
