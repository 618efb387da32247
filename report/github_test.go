package report

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/rules"
)

// unescapeGitHub undoes the escapes the way the Actions runner does, %25
// last.
func unescapeGitHub(s string) string {
	return strings.NewReplacer("%0D", "\r", "%0A", "\n", "%3A", ":", "%2C", ",").Replace(s)
}

func TestGitHubEscape(t *testing.T) {
	tests := []struct {
		in, data, property string
	}{
		{"plain", "plain", "plain"},
		{"100%", "100%25", "100%25"},
		{"a\r\nb", "a%0D%0Ab", "a%0D%0Ab"},
		{"k: v, w", "k: v, w", "k%3A v%2C w"},
		{"%0A", "%250A", "%250A"},
		{"<b>&</b> \"q\" ü", "<b>&</b> \"q\" ü", "<b>&</b> \"q\" ü"},
	}
	for _, tc := range tests {
		if got := escapeData(tc.in); got != tc.data {
			t.Errorf("escapeData(%q) = %q, want %q", tc.in, got, tc.data)
		}
		if got := escapeProperty(tc.in); got != tc.property {
			t.Errorf("escapeProperty(%q) = %q, want %q", tc.in, got, tc.property)
		}
		if got := strings.ReplaceAll(unescapeGitHub(tc.property), "%25", "%"); got != tc.in {
			t.Errorf("round trip of %q gives %q", tc.in, got)
		}
	}
}

var annotationLine = regexp.MustCompile(`^::(error|warning|notice) file=[^,:\r\n]*(,(line|endLine|col|endColumn)=[0-9]+)*,title=[^,:\r\n]*::[^\r\n]*$`)

func checkAnnotations(t *testing.T, out []byte) {
	t.Helper()
	for line := range strings.Lines(string(out)) {
		if !annotationLine.MatchString(strings.TrimSuffix(line, "\n")) {
			t.Errorf("not a well-formed workflow command: %q", line)
		}
	}
}

func TestGitHubAnnotation(t *testing.T) {
	tests := []struct {
		name string
		f    rules.Finding
		want string
	}{
		{"one line", rules.Finding{Path: "a, b:c.md", Rule: "r", Severity: rules.Suggestion, Message: "50%\nmore",
			Line: 2, Column: 3, EndLine: 2, EndColumn: 5},
			"::notice file=a%2C b%3Ac.md,line=2,endLine=2,col=3,endColumn=5,title=copydesk r::50%25%0Amore\n"},
		{"lines, no columns", rules.Finding{Path: "a.md", Rule: "r", Severity: rules.Warning, Message: "m",
			Line: 2, Column: 3, EndLine: 4, EndColumn: 5},
			"::warning file=a.md,line=2,endLine=4,title=copydesk r::m\n"},
		{"no position", rules.Finding{Path: "a.md", Rule: "r", Severity: rules.Error, Message: "m"},
			"::error file=a.md,title=copydesk r::m\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := render(t, "github", Options{}, &rules.Result{Findings: []rules.Finding{tc.f}})
			if string(got) != tc.want {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
			checkAnnotations(t, got)
		})
	}
}

func TestGitHubBaseDir(t *testing.T) {
	got := string(render(t, "github", Options{BaseDir: "/work/repo"}, &rules.Result{Findings: []rules.Finding{
		{Path: "/work/repo/news/a.md", Rule: "r", Severity: rules.Error, Message: "m", Line: 1},
	}}))
	if want := "::error file=news/a.md,line=1,title=copydesk r::m\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestGitHubStepSummary(t *testing.T) {
	var summary bytes.Buffer
	opts := fixtureOptions()
	opts.StepSummary = &summary
	render(t, "github", opts, fixture())
	if !strings.Contains(summary.String(), "upload-sarif") {
		t.Error("step summary does not point to SARIF upload")
	}
	checkGolden(t, "github-summary", summary.Bytes())

	summary.Reset()
	render(t, "github", opts, emptyResult())
	if got, want := summary.String(), "## copydesk\n\nno findings in 2 files\n"; got != want {
		t.Errorf("summary without findings = %q, want %q", got, want)
	}
}

// TestGitHubTopFiles checks that the summary lists only the files with
// most findings.
func TestGitHubTopFiles(t *testing.T) {
	res := &rules.Result{}
	for i := range 12 {
		for range i + 1 {
			res.Findings = append(res.Findings, rules.Finding{Path: string(rune('a'+i)) + ".md", Rule: "r", Severity: rules.Warning})
		}
	}
	var summary bytes.Buffer
	render(t, "github", Options{StepSummary: &summary}, res)
	s := summary.String()
	if !strings.Contains(s, "| Top 10 of 12 files |") || !strings.Contains(s, "| l.md | 0 | 12 | 0 | 12 |") || strings.Contains(s, "| a.md |") ||
		!strings.Contains(s, "per step (not shown: 68 of 78 warnings).") {
		t.Errorf("summary does not list the top 10 files, most first:\n%s", s)
	}
}
