package rules

import (
	"bytes"
	"strings"
	"testing"
)

func TestWriteDocs(t *testing.T) {
	r := fakeRule{meta: Meta{
		Name: "fake-rule", Category: Style, Severity: Warning, Summary: "Finds | pipes",
		Doc:      "Line one.\n\nLine two.",
		Examples: []Example{{Text: "uses ``` fences", Fires: true}, {Text: "clean", Fires: false}},
		Options:  map[string]string{"b": "second", "a": "first"},
	}}
	var buf bytes.Buffer
	if err := WriteDocs(&buf, []Rule{r}); err != nil {
		t.Fatal(err)
	}
	got := buf.String()
	for _, want := range []string{
		"| [`fake-rule`](#fake-rule) | style | warning | off | Finds \\| pipes |",
		"## fake-rule\n\nFinds | pipes. Category `style`, severity `warning`, off by default.\n\nLine one.\n\nLine two.\n",
		"Fires on:\n\n````text\nuses ``` fences\n````\n",
		"Does not fire on:\n\n```text\nclean\n```\n",
		"| `a` | first |\n| `b` | second |\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("WriteDocs output lacks %q:\n%s", want, got)
		}
	}
}

func TestExplain(t *testing.T) {
	r := fakeRule{meta: Meta{
		Name: "fake-rule", Category: Leftover, Severity: Error, Default: true, Summary: "Finds things",
		Doc:      "Why it matters.",
		Examples: []Example{{Text: "two\nlines", Fires: true}, {Text: "clean", Fires: false}},
		Options:  map[string]string{"max": "the most (default 3)"},
	}}
	var buf bytes.Buffer
	if err := Explain(&buf, r); err != nil {
		t.Fatal(err)
	}
	want := "fake-rule (leftover, error, on by default)\n\nFinds things.\n\nWhy it matters.\n\n" +
		"Fires on:\n  - two\n    lines\n\nDoes not fire on:\n  - clean\n\nOptions:\n  max: the most (default 3)\n"
	if got := buf.String(); got != want {
		t.Errorf("Explain =\n%s\nwant\n%s", got, want)
	}
}
