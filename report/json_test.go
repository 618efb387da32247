package report

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/rules"
)

// TestJSONEmptyCollections checks DESIGN.md's promise that lists and maps
// are empty, not null.
func TestJSONEmptyCollections(t *testing.T) {
	res := &rules.Result{Findings: []rules.Finding{{
		Path: "a.md", Rule: "r", Severity: rules.Error, Line: 1, Column: 1,
		Fixes: []rules.FindingFix{{Message: "no edits"}},
	}}}
	out := string(render(t, "json", Options{}, res))
	for _, want := range []string{`"related": []`, `"fixes": [`, `"edits": []`, `"by_severity": {}`, `"by_rule": {}`, `"version": 1`} {
		if !strings.Contains(out, want) {
			t.Errorf("json output lacks %s:\n%s", want, out)
		}
	}
	if strings.Contains(out, "null") {
		t.Errorf("json output has null:\n%s", out)
	}
	if !strings.HasSuffix(out, "}\n") {
		t.Errorf("json output does not end in a newline")
	}
	out = string(render(t, "json", Options{}, &rules.Result{}))
	if !strings.Contains(out, `"findings": []`) {
		t.Errorf("empty json output lacks \"findings\": []:\n%s", out)
	}
}

// TestJSONRoundTrip reads the output back into the shared types.
func TestJSONRoundTrip(t *testing.T) {
	var got struct {
		Version  int
		Findings []rules.Finding
		Summary  rules.Summary
	}
	if err := json.Unmarshal(render(t, "json", Options{}, fixture()), &got); err != nil {
		t.Fatal(err)
	}
	want := fixture()
	if got.Version != 1 || len(got.Findings) != len(want.Findings) || got.Summary.Findings != want.Summary.Findings {
		t.Fatalf("round trip: version %d, %d findings, summary %+v", got.Version, len(got.Findings), got.Summary)
	}
	for i, f := range got.Findings {
		w := want.Findings[i]
		if f.Message != w.Message || f.Severity != w.Severity || f.EndOffset != w.EndOffset || f.Fingerprint != w.Fingerprint {
			t.Errorf("finding %d: got %+v, want %+v", i, f, w)
		}
	}
}
