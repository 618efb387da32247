package report

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/rules"
)

// checkXML fails when out is not one well-formed XML document.
func checkXML(t *testing.T, out []byte) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(out))
	depth, roots := 0, 0
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("output is not well-formed XML: %v\n%s", err, out)
		}
		switch tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				roots++
			}
			depth++
		case xml.EndElement:
			depth--
		}
	}
	if roots != 1 {
		t.Errorf("XML output has %d root elements, want 1", roots)
	}
}

// TestCheckstyleRoundTrip reads the XML back and finds every message and
// path exactly as it was, escaping undone.
func TestCheckstyleRoundTrip(t *testing.T) {
	var got csReport
	if err := xml.Unmarshal(render(t, "checkstyle", Options{}, fixture()), &got); err != nil {
		t.Fatal(err)
	}
	var msgs []string
	for _, f := range got.Files {
		for _, e := range f.Errors {
			msgs = append(msgs, f.Name+"|"+e.Message+"|"+e.Source+"|"+e.Severity)
		}
	}
	var want []string
	for _, f := range fixture().Findings {
		want = append(want, f.Path+"|"+f.Message+"|copydesk."+f.Rule+"|"+checkstyleSeverity(f.Severity))
	}
	if strings.Join(msgs, "\n") != strings.Join(want, "\n") {
		t.Errorf("checkstyle round trip:\ngot  %q\nwant %q", msgs, want)
	}
	if len(got.Files) != 4 || got.Files[2].Name != "stories/clean.md" || len(got.Files[2].Errors) != 0 {
		t.Errorf("want 4 files with stories/clean.md empty, got %+v", got.Files)
	}
}

func TestJUnitCases(t *testing.T) {
	var got junitSuites
	if err := xml.Unmarshal(render(t, "junit", Options{}, fixture()), &got); err != nil {
		t.Fatal(err)
	}
	if got.Tests != 5 || got.Failures != 3 || got.Errors != 1 || len(got.Suites) != 1 {
		t.Fatalf("testsuites: tests %d failures %d errors %d suites %d; want 5, 3, 1, 1",
			got.Tests, got.Failures, got.Errors, len(got.Suites))
	}
	want := map[string]string{
		"stories/a.md":        "failure",
		"stories/b.txt":       "failure",
		"stories/broken.md":   "error",
		"stories/clean.md":    "pass",
		"stories/my story.md": "failure",
	}
	for _, c := range got.Suites[0].Cases {
		state := "pass"
		switch {
		case c.Error != nil:
			state = "error"
		case c.Failure != nil:
			state = "failure"
		}
		if want[c.Name] != state {
			t.Errorf("test case %q is %s, want %s", c.Name, state, want[c.Name])
		}
	}
	b := got.Suites[0].Cases[1]
	if b.Failure == nil || !strings.Contains(b.Failure.Text, `100% <b>&</b>, it's here\r\nsecond line`) ||
		b.Failure.Message != "2 findings (1 error, 1 warning)" {
		t.Errorf("stories/b.txt failure = %+v", b.Failure)
	}
}

// TestXMLInvalidCharacters checks that characters XML cannot hold do not
// break the document.
func TestXMLInvalidCharacters(t *testing.T) {
	res := &rules.Result{Findings: []rules.Finding{{Path: "a\x00.md", Rule: "r", Severity: rules.Error,
		Message: "bell \a escape \x1b[0m nul \x00 bad \xff nonchar \uFFFE cdata end ]]> here", Line: 1, Column: 1}}}
	for _, name := range []string{"checkstyle", "junit"} {
		t.Run(name, func(t *testing.T) { checkXML(t, render(t, name, Options{}, res)) })
	}
	var got junitSuites
	if err := xml.Unmarshal(render(t, "junit", Options{}, res), &got); err != nil {
		t.Fatal(err)
	}
	if text := got.Suites[0].Cases[0].Failure.Text; !strings.Contains(text, "cdata end ]]> here") {
		t.Errorf("junit failure text lost \"]]>\": %q", text)
	}
}
