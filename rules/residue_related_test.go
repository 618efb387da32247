package rules

import (
	"testing"

	"github.com/copydesk/copydesk/rules/article"
)

// TestResidueRelatedLocations checks that repeats point at the first copy.
func TestResidueRelatedLocations(t *testing.T) {
	tests := []struct {
		rule      Rule
		src       string
		copy      string // the source text the diagnostic covers
		firstCopy string // the source text its related location covers
	}{
		{bylineResidue{}, "Headline here\n\nBy Ana Silva, Reporter\n\nThe council voted.\n\nBy Ana Silva\n", "By Ana Silva", "By Ana Silva, Reporter"},
		{repeatedHeadline{}, "Council approves flood barrier\n\nThe council voted.\n\nCouncil approves flood barrier.\n", "Council approves flood barrier.", "Council approves flood barrier"},
		{repeatedBlock{}, "Headline here\n\nThe barrier will protect homes.\n\nWork on the barrier starts soon.\n\nThe barrier will protect homes.\nWork on the barrier starts soon.\n",
			"The barrier will protect homes.\nWork on the barrier starts soon.", "The barrier will protect homes.\n\nWork on the barrier starts soon."},
	}
	for _, tt := range tests {
		t.Run(tt.rule.Meta().Name, func(t *testing.T) {
			doc, err := article.ParseFormat("x.txt", []byte(tt.src), article.Text)
			if err != nil {
				t.Fatal(err)
			}
			ds := tt.rule.Check(doc)
			if len(ds) != 1 {
				t.Fatalf("got %d diagnostics, want 1: %v", len(ds), ds)
			}
			d := ds[0]
			if got := string(doc.Src[d.Start:d.End]); got != tt.copy {
				t.Errorf("diagnostic covers %q, want %q", got, tt.copy)
			}
			if len(d.Related) != 1 {
				t.Fatalf("related = %v, want the first copy", d.Related)
			}
			r := d.Related[0]
			if got := string(doc.Src[r.Start:r.End]); got != tt.firstCopy {
				t.Errorf("related location covers %q, want %q", got, tt.firstCopy)
			}
		})
	}
}
