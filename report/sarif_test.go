package report

import (
	"encoding/json"
	"testing"

	"github.com/copydesk/copydesk/rules"
)

// TestSARIFRuleIndex checks that every result's ruleIndex names its rule.
func TestSARIFRuleIndex(t *testing.T) {
	var log sarifLog
	if err := json.Unmarshal(render(t, "sarif", fixtureOptions(), fixture()), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	if len(run.Results) != len(fixture().Findings) {
		t.Fatalf("%d results, want %d", len(run.Results), len(fixture().Findings))
	}
	for i, r := range run.Results {
		if got := run.Tool.Driver.Rules[r.RuleIndex].ID; got != r.RuleID {
			t.Errorf("result %d: ruleIndex %d is rule %q, want %q", i, r.RuleIndex, got, r.RuleID)
		}
	}
}

func TestSARIFBaseDir(t *testing.T) {
	res := &rules.Result{Findings: []rules.Finding{
		{Path: "/repo/news/a b.md", Rule: "r", Severity: rules.Error, Line: 1, Column: 1, EndLine: 1, EndColumn: 2, EndOffset: 1},
		{Path: "/elsewhere/c.md", Rule: "r", Severity: rules.Error, Line: 1, Column: 1, EndLine: 1, EndColumn: 2, EndOffset: 1},
	}}
	out := render(t, "sarif", Options{BaseDir: "/repo"}, res)
	validate(t, "sarif-schema-2.1.0.json", out)
	var log sarifLog
	if err := json.Unmarshal(out, &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	if got := run.OriginalURIBaseIDs[sarifSrcRoot].URI; got != "file:///repo/" {
		t.Errorf("originalUriBaseIds %%SRCROOT%% = %q, want file:///repo/", got)
	}
	want := []sarifArtifactLocation{{URI: "news/a%20b.md", URIBaseID: sarifSrcRoot}, {URI: "file:///elsewhere/c.md"}}
	for i, r := range run.Results {
		if got := r.Locations[0].PhysicalLocation.ArtifactLocation; got != want[i] {
			t.Errorf("result %d: artifactLocation %+v, want %+v", i, got, want[i])
		}
	}
}
