package report

import (
	"encoding/json"
	"testing"

	"github.com/copydesk/copydesk/rules"
)

// checkCodeClimate checks the fields GitLab requires and that fingerprints
// are unique.
func checkCodeClimate(t *testing.T, out []byte) {
	t.Helper()
	var issues []map[string]any
	if err := json.Unmarshal(out, &issues); err != nil {
		t.Fatalf("codeclimate output is not a JSON array: %v\n%s", err, out)
	}
	seen := map[string]bool{}
	for i, is := range issues {
		for _, k := range []string{"description", "check_name", "fingerprint", "severity", "location"} {
			if _, ok := is[k]; !ok {
				t.Errorf("issue %d lacks %s", i, k)
			}
		}
		switch is["severity"] {
		case "info", "minor", "major", "critical", "blocker":
		default:
			t.Errorf("issue %d: severity %v is not one of GitLab's", i, is["severity"])
		}
		loc, _ := is["location"].(map[string]any)
		if loc["path"] == "" || (loc["lines"] == nil && loc["positions"] == nil) {
			t.Errorf("issue %d: location %v lacks path or lines/positions", i, loc)
		}
		fp, _ := is["fingerprint"].(string)
		if fp == "" || seen[fp] {
			t.Errorf("issue %d: fingerprint %q is empty or repeated", i, fp)
		}
		seen[fp] = true
	}
}

func TestUniqueFingerprints(t *testing.T) {
	h2 := hashString("x\x002")
	tests := []struct {
		name string
		in   []string
	}{
		{"distinct", []string{"a", "b", "c"}},
		{"repeated", []string{"x", "x", "x"}},
		{"repeat collides with a later real one", []string{"x", "x", h2}},
		{"empty", []string{"", "", "a"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fs := make([]rules.Finding, len(tc.in))
			for i, fp := range tc.in {
				fs[i] = rules.Finding{Path: "a.md", Rule: "r", Fingerprint: fp}
			}
			got := uniqueFingerprints(fs)
			again := uniqueFingerprints(fs)
			seen := map[string]bool{}
			for i, fp := range got {
				if fp == "" || seen[fp] {
					t.Errorf("fingerprint %d %q is empty or repeated in %q", i, fp, got)
				}
				seen[fp] = true
				if fp != again[i] {
					t.Errorf("fingerprint %d differs between runs: %q, %q", i, fp, again[i])
				}
				if i == 0 && tc.in[0] != "" && fp != tc.in[0] {
					t.Errorf("first fingerprint %q changed to %q", tc.in[0], fp)
				}
			}
			if last := len(tc.in) - 1; tc.in[last] == h2 && got[last] != h2 {
				t.Errorf("a real fingerprint was changed: %q", got)
			}
		})
	}
}
