package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"testing"

	"github.com/copydesk/copydesk/rules"
)

// checkRDJSONL validates every line against reviewdog's Diagnostic schema.
func checkRDJSONL(t *testing.T, out []byte) {
	t.Helper()
	for line := range bytes.Lines(out) {
		validate(t, "rdjson-Diagnostic.json", line)
	}
}

func TestRDJSONLLines(t *testing.T) {
	out := render(t, "rdjsonl", fixtureOptions(), fixture())
	if got, want := bytes.Count(out, []byte("\n")), len(fixture().Findings); got != want {
		t.Errorf("%d lines, want one per finding (%d)", got, want)
	}
	// The schema accepts almost anything (additionalProperties); check the
	// fields reviewdog reads.
	var d rdDiagnostic
	first, _, _ := bytes.Cut(out, []byte("\n"))
	if err := json.Unmarshal(first, &d); err != nil {
		t.Fatal(err)
	}
	if d.Severity != "WARNING" || d.Code.Value != "avatar-byline" || d.Source.Name != "copydesk" ||
		d.Location.Path != "stories/a.md" || d.Location.Range.End.Column != 11 ||
		len(d.Suggestions) != 1 || len(d.RelatedLocations) != 1 {
		t.Errorf("first diagnostic = %+v", d)
	}
}

func TestRDJSONLByteColumns(t *testing.T) {
	// "Zoë said TK." : TK is at code points 10-12, bytes 11-13.
	src := []byte("head\nZoë said TK.\n")
	finding := rules.Finding{Path: "a.md", Rule: "placeholder", Severity: rules.Error, Message: "m",
		Line: 2, Column: 10, EndLine: 2, EndColumn: 12, Offset: 15, EndOffset: 17,
		Fixes: []rules.FindingFix{{Edits: []rules.FindingEdit{{
			Location: rules.Location{Path: "a.md", Line: 2, Column: 10, EndLine: 2, EndColumn: 12, Offset: 15, EndOffset: 17},
			New:      "[name]",
		}}}},
	}
	readOK := func(string) ([]byte, error) { return src, nil }
	readFails := func(string) ([]byte, error) { return nil, errors.New("gone") }
	changed := func(string) ([]byte, error) { return []byte("head\nZoe said TK.\n"), nil }
	tests := []struct {
		name       string
		read       func(string) ([]byte, error)
		start, end int
	}{
		{"no source: code points", nil, 10, 12},
		{"source: bytes", readOK, 11, 13},
		{"unreadable: code points", readFails, 10, 12},
		{"changed: code points", changed, 10, 12},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := render(t, "rdjsonl", Options{ReadFile: tc.read}, &rules.Result{Findings: []rules.Finding{finding}})
			var d rdDiagnostic
			if err := json.Unmarshal(out, &d); err != nil {
				t.Fatal(err)
			}
			for _, r := range []*rdRange{d.Location.Range, &d.Suggestions[0].Range} {
				if r.Start.Column != tc.start || r.End.Column != tc.end {
					t.Errorf("columns %d-%d, want %d-%d", r.Start.Column, r.End.Column, tc.start, tc.end)
				}
			}
		})
	}
}

// TestRDJSONLSuggestionsInOtherFile: reviewdog suggests changes to the
// diagnostic's file only.
func TestRDJSONLSuggestionsInOtherFile(t *testing.T) {
	f := rules.Finding{Path: "a.md", Rule: "r", Severity: rules.Warning, Line: 1, Column: 1, EndLine: 1, EndColumn: 2,
		Fixes: []rules.FindingFix{{Edits: []rules.FindingEdit{{Location: rules.Location{Path: "b.md", Line: 1, Column: 1}}}}}}
	var d rdDiagnostic
	if err := json.Unmarshal(render(t, "rdjsonl", Options{}, &rules.Result{Findings: []rules.Finding{f}}), &d); err != nil {
		t.Fatal(err)
	}
	if len(d.Suggestions) != 0 {
		t.Errorf("suggestions for another file: %+v", d.Suggestions)
	}
}
