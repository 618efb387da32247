package report

import (
	"encoding/json"
	"encoding/xml"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/rules"
)

// messageOf reads the finding's message back from a format's output.
var messageOf = map[string]func(t *testing.T, out []byte) string{
	"json": func(t *testing.T, out []byte) string {
		var v jsonReport
		mustUnmarshal(t, out, &v)
		return v.Findings[0].Message
	},
	"sarif": func(t *testing.T, out []byte) string {
		var v sarifLog
		mustUnmarshal(t, out, &v)
		return v.Runs[0].Results[0].Message.Text
	},
	"codeclimate": func(t *testing.T, out []byte) string {
		var v []ccIssue
		mustUnmarshal(t, out, &v)
		return v[0].Description
	},
	"rdjsonl": func(t *testing.T, out []byte) string {
		var v rdDiagnostic
		mustUnmarshal(t, out, &v)
		return v.Message
	},
	"checkstyle": func(t *testing.T, out []byte) string {
		var v csReport
		if err := xml.Unmarshal(out, &v); err != nil {
			t.Fatal(err)
		}
		return v.Files[0].Errors[0].Message
	},
	"github": func(t *testing.T, out []byte) string {
		// The runner splits at the first "::" after the command; property
		// values cannot hold one, since they escape ':'.
		_, msg, _ := strings.Cut(strings.TrimPrefix(strings.TrimSuffix(string(out), "\n"), "::"), "::")
		return strings.NewReplacer("%0D", "\r", "%0A", "\n", "%25", "%").Replace(msg)
	},
}

func mustUnmarshal(t *testing.T, data []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
}

// TestMessageRoundTrip checks that each machine format carries a message
// through its escaping unchanged.
func TestMessageRoundTrip(t *testing.T) {
	msgs := []string{
		escapeMessage,
		"%0A %25 %%",
		"::error file=x::injected",
		"tab\there, comma, colon: semicolon;",
		"<script>alert('x')</script> &amp; ]]>",
		"emoji 📰 and combining é and RTL עברית",
		"\u2028line separator\u2029",
		"trailing newline\n",
	}
	for name, read := range messageOf {
		for _, msg := range msgs {
			f := rules.Finding{Path: "a.md", Rule: "r", Severity: rules.Warning, Message: msg,
				Line: 1, Column: 1, EndLine: 1, EndColumn: 2, EndOffset: 1}
			out := render(t, name, Options{}, &rules.Result{Findings: []rules.Finding{f}})
			checkWellFormed(t, name, out)
			if got := read(t, out); got != msg {
				t.Errorf("%s: message %q came back as %q", name, msg, got)
			}
		}
	}
}
