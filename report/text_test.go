package report

import (
	"strings"
	"testing"

	"github.com/copydesk/copydesk/rules"
)

func TestTextColorGolden(t *testing.T) {
	opts := fixtureOptions()
	opts.Color = true
	out := render(t, "text", opts, fixture())
	for _, code := range []string{ansiRed, ansiYellow, ansiCyan, ansiBold, ansiDim} {
		if !strings.Contains(string(out), code) {
			t.Errorf("coloured text output lacks %q", code)
		}
	}
	checkGolden(t, "text-color", out)
}

func TestTextLine(t *testing.T) {
	tests := []struct {
		name  string
		f     rules.Finding
		color bool
		want  string
	}{
		{"plain", rules.Finding{Path: "a.md", Line: 3, Column: 7, Severity: rules.Error, Message: "m", Rule: "r"}, false,
			"a.md:3:7: error: m [r]\n"},
		{"control characters escaped", rules.Finding{Path: "a\tb.md", Line: 1, Column: 1, Severity: rules.Warning,
			Message: "two\nlines \x1b[31mred", Rule: "r"}, false,
			`a\tb.md:1:1: warning: two\nlines \x1b[31mred [r]` + "\n"},
		{"suggestion coloured", rules.Finding{Path: "ü.md", Line: 1, Column: 2, Severity: rules.Suggestion, Message: "m", Rule: "r"}, true,
			"\x1b[1mü.md\x1b[0m:1:2: \x1b[36msuggestion\x1b[0m: m \x1b[2m[r]\x1b[0m\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			opts := Options{Color: tc.color}
			got := string(render(t, "text", opts, &rules.Result{Findings: []rules.Finding{tc.f}}))
			if got != tc.want {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestSummaryLine(t *testing.T) {
	tests := []struct {
		s    rules.Summary
		want string
	}{
		{rules.Summary{Files: 12, Words: 4210}, "no findings in 12 files"},
		{rules.Summary{Files: 1, Words: 1}, "no findings in 1 file"},
		{rules.Summary{Files: 0}, "no findings in 0 files"},
		{rules.Summary{Files: 12, Words: 4210, Findings: 3, BySeverity: map[string]int{"error": 1, "warning": 2}},
			"3 findings (1 error, 2 warnings) in 12 files, 4,210 words"},
		{rules.Summary{Files: 1, Words: 1, Findings: 1, BySeverity: map[string]int{"suggestion": 1}},
			"1 finding (1 suggestion) in 1 file, 1 word"},
		{rules.Summary{Files: 1234, Words: 1234567, Findings: 2000, BySeverity: map[string]int{"error": 1000, "warning": 1, "suggestion": 999}},
			"2,000 findings (1,000 errors, 1 warning, 999 suggestions) in 1,234 files, 1,234,567 words"},
		{rules.Summary{Files: 2, Words: 999, Findings: 2}, "2 findings in 2 files, 999 words"},
	}
	for _, tc := range tests {
		if got := SummaryLine(tc.s); got != tc.want {
			t.Errorf("SummaryLine(%+v) = %q, want %q", tc.s, got, tc.want)
		}
	}
}
