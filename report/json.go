package report

import (
	"encoding/json"
	"io"

	"github.com/copydesk/copydesk/rules"
)

// jsonVersion is the version of the json format's shape (DESIGN.md).
const jsonVersion = 1

type jsonReport struct {
	Version  int             `json:"version"`
	Findings []rules.Finding `json:"findings"`
	Summary  rules.Summary   `json:"summary"`
}

// newJSON writes DESIGN.md's object: version, findings, summary. Lists and
// maps are empty, never null, so consumers need no nil checks.
func newJSON(Options) Formatter {
	return formatterFunc(func(w io.Writer, res *rules.Result) error {
		out := jsonReport{
			Version:  jsonVersion,
			Findings: make([]rules.Finding, len(res.Findings)),
			Summary:  res.Summary,
		}
		for i, f := range res.Findings {
			f.Related = nonNil(f.Related)
			fixes := make([]rules.FindingFix, len(f.Fixes))
			for j, fx := range f.Fixes {
				fx.Edits = nonNil(fx.Edits)
				fixes[j] = fx
			}
			f.Fixes = fixes
			out.Findings[i] = f
		}
		out.Summary.BySeverity = nonNilMap(out.Summary.BySeverity)
		out.Summary.ByRule = nonNilMap(out.Summary.ByRule)
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(out)
	})
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func nonNilMap(m map[string]int) map[string]int {
	if m == nil {
		return map[string]int{}
	}
	return m
}
