package rules

import (
	"errors"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/rules/article"
)

func TestLongSentence(t *testing.T) { runFixtures(t, &longSentence{}) }

// sentenceOf returns a one-paragraph document with a sentence of n words.
func sentenceOf(t *testing.T, n int) *article.Document {
	t.Helper()
	words := strings.Repeat("word ", n-1) + "end."
	doc, err := article.ParseFormat("a.txt", []byte("Headline\n\n"+words+"\n"), article.Text)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestLongSentenceConfigure(t *testing.T) {
	tests := []struct {
		name    string
		set     func(into any) error
		words   int
		fires   bool
		wantErr string
	}{
		{"default at the limit", nil, 45, false, ""},
		{"default over the limit", nil, 46, true, ""},
		{"max_words 20", func(into any) error { into.(*longSentenceOptions).MaxWords = 20; return nil }, 21, true, ""},
		{"max_words 20 at the limit", func(into any) error { into.(*longSentenceOptions).MaxWords = 20; return nil }, 20, false, ""},
		{"options left alone keep the default", func(into any) error { return nil }, 46, true, ""},
		{"zero", func(into any) error { into.(*longSentenceOptions).MaxWords = 0; return nil }, 0, false, "max_words must be at least 1"},
		{"decode error", func(into any) error { return errors.New("rules.long-sentence.options: unknown key \"max\"") }, 0, false, "unknown key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &longSentence{}
			if tt.set != nil {
				err := r.Configure(tt.set)
				if tt.wantErr != "" {
					if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
						t.Fatalf("Configure error = %v, want %q", err, tt.wantErr)
					}
					if r.limit() != defaultMaxWords {
						t.Errorf("a failed Configure changed the limit to %d", r.limit())
					}
					return
				}
				if err != nil {
					t.Fatal(err)
				}
			}
			if got := len(r.Check(sentenceOf(t, tt.words))) > 0; got != tt.fires {
				t.Errorf("%d words: fires = %v, want %v", tt.words, got, tt.fires)
			}
		})
	}
}
