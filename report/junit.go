package report

import (
	"encoding/xml"
	"io"
	"strings"

	"github.com/copydesk/copydesk/rules"
)

// JUnit XML, for CI test-report views (GitLab, Jenkins, Azure DevOps). Each
// checked file is a test case: it fails when it has any finding, whatever
// the severity (the failure lists them in the text format), and it is an
// error when it could not be read or parsed.

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	ClassName string        `xml:"classname,attr"`
	File      string        `xml:"file,attr"`
	Failure   *junitProblem `xml:"failure,omitempty"`
	Error     *junitProblem `xml:"error,omitempty"`
}

type junitProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",cdata"`
}

func newJUnit(Options) Formatter {
	return formatterFunc(func(w io.Writer, res *rules.Result) error {
		byPath := map[string][]*rules.Finding{}
		for i := range res.Findings {
			f := &res.Findings[i]
			byPath[f.Path] = append(byPath[f.Path], f)
		}
		fileErrs := map[string]string{}
		for _, e := range res.Errors {
			fileErrs[e.Path] = e.Err.Error()
		}
		suite := junitSuite{Name: toolName, Cases: []junitCase{}}
		for _, p := range checkedPaths(res, true) {
			c := junitCase{Name: p, ClassName: toolName, File: p}
			if msg, ok := fileErrs[p]; ok {
				c.Error = &junitProblem{Message: msg, Type: "error"}
				suite.Errors++
			}
			if fs := byPath[p]; len(fs) > 0 {
				c.Failure = junitFailure(fs)
				suite.Failures++
			}
			suite.Cases = append(suite.Cases, c)
		}
		suite.Tests = len(suite.Cases)
		return writeXML(w, junitSuites{
			Name: toolName, Tests: suite.Tests, Failures: suite.Failures, Errors: suite.Errors,
			Suites: []junitSuite{suite},
		})
	})
}

// junitFailure lists one file's findings: a count by severity as the
// message, the text-format lines as the body.
func junitFailure(fs []*rules.Finding) *junitProblem {
	s := rules.Summary{Findings: len(fs), BySeverity: map[string]int{}}
	var body strings.Builder
	worst := fs[0].Severity
	for _, f := range fs {
		s.BySeverity[f.Severity.String()]++
		worst = max(worst, f.Severity)
		body.WriteString(textLine(f, false))
	}
	return &junitProblem{Message: findingCounts(s), Type: worst.String(), Text: xmlChars(body.String())}
}

// xmlChars replaces what XML cannot hold (invalid UTF-8, characters
// outside XML's Char production) with U+FFFD; CDATA sections, unlike
// escaped text, are written as they are.
func xmlChars(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r',
			r >= 0x20 && r <= 0xD7FF,
			r >= 0xE000 && r <= 0xFFFD,
			r >= 0x10000 && r <= 0x10FFFF:
			return r
		}
		return '\uFFFD'
	}, s)
}
