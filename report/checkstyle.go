package report

import (
	"encoding/xml"
	"io"
	"slices"

	"github.com/copydesk/copydesk/rules"
)

// checkstyle XML, as Jenkins (warnings-ng), Bitbucket and reviewdog read it.

type csReport struct {
	XMLName xml.Name `xml:"checkstyle"`
	Version string   `xml:"version,attr"`
	Files   []csFile `xml:"file"`
}

type csFile struct {
	Name   string    `xml:"name,attr"`
	Errors []csError `xml:"error"`
}

type csError struct {
	Line     int    `xml:"line,attr"`
	Column   int    `xml:"column,attr,omitempty"`
	Severity string `xml:"severity,attr"`
	Message  string `xml:"message,attr"`
	Source   string `xml:"source,attr"`
}

// newCheckstyle writes a <file> for every checked file, clean ones empty,
// with an <error> per finding; source is "copydesk.RULE".
func newCheckstyle(Options) Formatter {
	return formatterFunc(func(w io.Writer, res *rules.Result) error {
		out := csReport{Version: "4.3"}
		byPath := map[string][]csError{}
		for _, f := range res.Findings {
			byPath[f.Path] = append(byPath[f.Path], csError{
				Line: f.Line, Column: f.Column, Severity: checkstyleSeverity(f.Severity),
				Message: f.Message, Source: "copydesk." + f.Rule,
			})
		}
		for _, p := range checkedPaths(res, false) {
			out.Files = append(out.Files, csFile{Name: p, Errors: byPath[p]})
		}
		return writeXML(w, out)
	})
}

func checkstyleSeverity(s rules.Severity) string {
	switch s {
	case rules.Error:
		return "error"
	case rules.Warning:
		return "warning"
	}
	return "info"
}

// checkedPaths lists, sorted, every file the result mentions: the documents
// checked, the files with findings and, when withErrors, the files that
// could not be checked.
func checkedPaths(res *rules.Result, withErrors bool) []string {
	seen := map[string]bool{}
	var paths []string
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			paths = append(paths, p)
		}
	}
	for _, d := range res.Documents {
		add(d.Path)
	}
	for _, f := range res.Findings {
		add(f.Path)
	}
	if withErrors {
		for _, e := range res.Errors {
			add(e.Path)
		}
	}
	slices.Sort(paths)
	return paths
}

// writeXML writes v as an indented XML document with a declaration and a
// final newline. encoding/xml escapes attribute values, line breaks
// included, and replaces characters XML cannot hold.
func writeXML(w io.Writer, v any) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
