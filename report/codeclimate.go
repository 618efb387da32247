package report

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"strconv"

	"github.com/copydesk/copydesk/rules"
)

// GitLab Code Quality report: a JSON array of Code Climate issues.
//
// Severities: error -> major, warning -> minor, suggestion -> info. GitLab
// ranks info < minor < major < critical < blocker; copydesk's errors are
// ordinary lint failures (as in GitLab's own ESLint mapping), so critical
// and blocker stay free for security and build breakage.

type ccIssue struct {
	Type        string     `json:"type"`
	CheckName   string     `json:"check_name"`
	Description string     `json:"description"`
	Categories  []string   `json:"categories"`
	Severity    string     `json:"severity"`
	Fingerprint string     `json:"fingerprint"`
	Location    ccLocation `json:"location"`
}

type ccLocation struct {
	Path      string       `json:"path"`
	Lines     *ccLines     `json:"lines,omitempty"`
	Positions *ccPositions `json:"positions,omitempty"`
}

type ccLines struct {
	Begin int `json:"begin"`
	End   int `json:"end,omitempty"`
}

type ccPositions struct {
	Begin ccPosition `json:"begin"`
	End   ccPosition `json:"end"`
}

type ccPosition struct {
	Line   int `json:"line"`
	Column int `json:"column"`
}

func newCodeClimate(opts Options) Formatter {
	return formatterFunc(func(w io.Writer, res *rules.Result) error {
		issues := make([]ccIssue, 0, len(res.Findings))
		fps := uniqueFingerprints(res.Findings)
		for i := range res.Findings {
			f := &res.Findings[i]
			issue := ccIssue{
				Type:        "issue",
				CheckName:   f.Rule,
				Description: f.Message,
				Categories:  []string{ccCategory(f.Category)},
				Severity:    ccSeverity(f.Severity),
				Fingerprint: fps[i],
				Location:    ccLocation{Path: relPath(opts.BaseDir, f.Path)},
			}
			switch {
			case f.Line > 0 && f.Column > 0 && f.EndLine > 0:
				issue.Location.Positions = &ccPositions{
					Begin: ccPosition{Line: f.Line, Column: f.Column},
					End:   ccPosition{Line: f.EndLine, Column: f.EndColumn},
				}
			default:
				// GitLab needs a line; a finding about the whole file is on line 1.
				issue.Location.Lines = &ccLines{Begin: max(f.Line, 1)}
			}
			issues = append(issues, issue)
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(issues)
	})
}

// uniqueFingerprints gives each finding a fingerprint no other finding in
// the run has, as GitLab requires: the engine's, or for its second and
// later repeats (and for findings without one) a hash of it with a counter.
// The findings' order is deterministic, so the results are too.
func uniqueFingerprints(findings []rules.Finding) []string {
	taken := make(map[string]bool, len(findings))
	for _, f := range findings {
		if f.Fingerprint != "" {
			taken[f.Fingerprint] = true
		}
	}
	used := make(map[string]bool, len(findings))
	out := make([]string, len(findings))
	for i, f := range findings {
		fp := f.Fingerprint
		if fp == "" {
			fp = hashString(f.Path + "\x00" + f.Rule + "\x00" + f.Message + "\x00" + strconv.Itoa(f.Offset))
		}
		base := fp
		for n := 2; used[fp] || (fp != f.Fingerprint && taken[fp]); n++ {
			fp = hashString(base + "\x00" + strconv.Itoa(n))
		}
		used[fp] = true
		out[i] = fp
	}
	return out
}

func hashString(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:16])
}

func ccSeverity(s rules.Severity) string {
	switch s {
	case rules.Error:
		return "major"
	case rules.Warning:
		return "minor"
	}
	return "info"
}

// ccCategory maps a rule category to a Code Climate category.
func ccCategory(c rules.Category) string {
	switch c {
	case rules.Leftover, rules.Residue:
		return "Bug Risk"
	case rules.Duplicate:
		return "Duplication"
	case rules.Style:
		return "Clarity"
	}
	return "Style"
}
