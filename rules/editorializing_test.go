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

// "clearly" as a sentence adverb fires; "clearly" as "in a clear way" does
// not.
func TestEditorializingClearly(t *testing.T) {
	tests := []struct {
		text  string
		fires bool
	}{
		{"He clearly believes the plan will work.", true},
		{"The plan is clearly wrong.", true},
		{"Clearly, the plan failed.", true},
		{"Clearly the plan failed.", true},
		{"The plan was, clearly, a failure.", true},
		{"But clearly history is not on their side.", true},
		{"The minister spoke clearly.", false},
		{"The tower is clearly visible from the road.", false},
		{"Clearly visible from the road, the tower dominates the town.", false},
		{"The exits are clearly marked.", false},
		{"She explained clearly what had happened.", false},
		{"He sees it more clearly now.", false},
		{"The rules were not clearly explained.", false},
		{"The clearly-defined route is shorter.", false},
		{"Television pictures clearly showed the ball crossing the line.", false},
		{"Clearly.", false},
	}
	for _, tt := range tests {
		doc, err := article.ParseFormat("a.txt", []byte("Headline\n\n"+tt.text+"\n"), article.Text)
		if err != nil {
			t.Fatal(err)
		}
		if got := len(editorializing{}.Check(doc)) > 0; got != tt.fires {
			t.Errorf("%q: fires = %v, want %v", tt.text, got, tt.fires)
		}
	}
}
