package rules

import (
	"testing"

	"github.com/copydesk/copydesk/rules/article"
)

func TestEditorializing(t *testing.T) { runFixtures(t, editorializing{}) }

// Front matter that marks a piece as opinion silences the rule.
func TestEditorializingOpinion(t *testing.T) {
	src := []byte("Why we must build the barrier\n\nWe must act. Clearly, the plan will work.\n")
	for _, tt := range []struct {
		typ, section string
		want         bool
	}{
		{"", "", true},
		{"news", "Local", true},
		{"opinion", "", false},
		{"", "Comment", false},
		{"column", "Local", false},
		{"review", "", false},
	} {
		doc, err := article.ParseFormat("a.txt", src, article.Text)
		if err != nil {
			t.Fatal(err)
		}
		doc.Meta.Type, doc.Meta.Section = tt.typ, tt.section
		if got := len(editorializing{}.Check(doc)) > 0; got != tt.want {
			t.Errorf("type %q section %q: fires = %v, want %v", tt.typ, tt.section, got, tt.want)
		}
	}
}

// A finding covers exactly its words in the source, across a line break.
func TestEditorializingSourceRange(t *testing.T) {
	src := "Barrier vote\n\nThe vote was close.  For   \n   me, the plan is wrong.\n"
	doc, err := article.ParseFormat("a.txt", []byte(src), article.Text)
	if err != nil {
		t.Fatal(err)
	}
	ds := editorializing{}.Check(doc)
	if len(ds) != 1 {
		t.Fatalf("got %d findings, want 1: %v", len(ds), ds)
	}
	if got, want := src[ds[0].Start:ds[0].End], "For   \n   me"; got != want {
		t.Errorf("finding covers %q, want %q", got, want)
	}
}
