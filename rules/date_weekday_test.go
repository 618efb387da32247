package rules

import (
	"testing"

	"github.com/copydesk/copydesk/rules/article"
)

func TestDateWeekday(t *testing.T) { runFixtures(t, dateWeekday{}) }

// TestDateWeekdayFrontMatterYear checks dates without a year against the
// front matter's date (set directly: the text parser reads no front matter).
func TestDateWeekdayFrontMatterYear(t *testing.T) {
	tests := []struct {
		date, text string
		want       string // message, or "" for no finding
	}{
		{"2024-03-01", "Polls close on Friday, March 9.", "9 March 2024 (the year of the article's date) is a Saturday, not a Friday"},
		{"2024-03-01", "Polls close on Saturday, March 9.", ""},
		{"2024-01-03", "It opened on Friday, December 29.", ""}, // 29 December 2023 was a Friday
		{"2024-01-03", "It opened on Sunday, December 29.", "29 December 2023 (the year of the article's date) is a Friday, not a Sunday"},
		{"2024", "It opened on Friday, December 29.", "29 December 2024 (the year of the article's date) is a Sunday, not a Friday"},
		{"", "Polls close on Friday, March 9.", ""},
		{"soon", "Polls close on Friday, March 9.", ""},
		{"2024-03-01T09:00:00Z", "Polls close on Friday 9 March.", "9 March 2024 (the year of the article's date) is a Saturday, not a Friday"},
		{"2024-03-01", "Polls close on Sunday, March 9, 2025.", ""}, // the written year wins
	}
	for _, tt := range tests {
		doc, err := article.ParseFormat("story.txt", []byte("Headline\n\n"+tt.text+"\n"), article.Text)
		if err != nil {
			t.Fatal(err)
		}
		doc.Meta.Date = tt.date
		diags := dateWeekday{}.Check(doc)
		var got string
		if len(diags) > 0 {
			got = diags[0].Message
			if diags[0].Severity != Warning {
				t.Errorf("%q with date %q: severity %v, want warning for an inferred year", tt.text, tt.date, diags[0].Severity)
			}
		}
		if got != tt.want {
			t.Errorf("%q with date %q: got %q, want %q", tt.text, tt.date, got, tt.want)
		}
	}
}
