package rules

import (
	"strings"
	"testing"
)

// The block pre-filters must answer exactly as the slower tests they stand
// for, or rules would report differently.
func TestPrefiltersAgree(t *testing.T) {
	texts := []string{
		"", "plain text with nothing", `He said "yes".`, "a (bracket", "full-width （括弧）", "curly “quote",
		"a dash — and more — dashes", "low „quote", "single ‘quote", "returned home", "turn0search3 left",
		"it turned contentReference[x]", "oaicite:1", "turn", "turn9", "the turn of 2024", "em—dash then ]",
	}
	for _, s := range texts {
		// unbalanced-quotes reads every block: one without marks must
		// come out clean.
		if !strings.ContainsAny(s, quoteMarks) && len(unbalancedMarks(s, "")) > 0 {
			t.Errorf("unbalancedMarks(%q) reports a text without marks", s)
		}
		// The marker filter may pass over a block only when the old filter or
		// the marker scan would find nothing.
		old := strings.Contains(s, "turn") || strings.Contains(s, "oaicite")
		if !factsOf(s).marker && old && indexMarker([]byte(s)) >= 0 {
			t.Errorf("factsOf(%q).marker = false, but the text has a marker", s)
		}
		if factsOf(s).marker && !old {
			t.Errorf("factsOf(%q).marker = true where the old filter said false", s)
		}
	}
}
