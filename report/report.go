// Package report holds copydesk's output formats, one file each. A
// formatter writes a rules.Result to an io.Writer; it never runs the engine
// and never changes the result, so several formats can be written from one
// run.
//
// New builds a formatter by name; Names lists the names. The registry is an
// explicit, alphabetical list:
//
//	checkstyle   checkstyle 4.3 XML; a <file> for every checked file
//	codeclimate  GitLab Code Quality; error major, warning minor, suggestion info
//	github       GitHub Actions annotations; optional Markdown step summary
//	json         DESIGN.md's {"version": 1, "findings", "summary"} object
//	junit        JUnit XML; a test case per file, failing on any finding
//	rdjsonl      reviewdog Diagnostics, one JSON object a line
//	sarif        SARIF 2.1.0 with rule help, fixes and fingerprints
//	text         path:line:col: severity: message [rule]
//
// Severities map to each format's levels as error, warning and
// note/notice/info. Lines and columns are copydesk's (1-based, code points)
// everywhere except rdjsonl, whose columns count bytes when Options.ReadFile
// is set.
package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/copydesk/copydesk/rules"
)

// Formatter writes a run's result in one output format.
type Formatter interface {
	Format(w io.Writer, res *rules.Result) error
}

// Options carries what the formats need beyond the result. Each format
// reads only the fields that concern it; the zero value is valid for all.
type Options struct {
	// Color turns on ANSI colours in the text format.
	Color bool
	// ToolVersion is copydesk's version, reported by sarif.
	ToolVersion string
	// RuleMetas describe the rules that ran: sarif's rule metadata and help
	// text.
	RuleMetas []rules.Meta
	// BaseDir, when set, is the directory (the repository root) that paths
	// in sarif, github, codeclimate and rdjsonl output are made relative
	// to. Paths outside it are kept as they are.
	BaseDir string
	// ReadFile, when set, reads a checked file (os.ReadFile) so that
	// rdjsonl can turn code-point columns into the UTF-8 byte columns
	// reviewdog counts.
	ReadFile func(path string) ([]byte, error)
	// StepSummary, when set, receives the github format's Markdown job
	// summary (the file named by $GITHUB_STEP_SUMMARY).
	StepSummary io.Writer
}

// format is one registered output format.
type format struct {
	name string
	new  func(Options) Formatter
}

// formats is the registry, in alphabetical order of name.
var formats = []format{
	{"checkstyle", newCheckstyle},
	{"codeclimate", newCodeClimate},
	{"github", newGitHub},
	{"json", newJSON},
	{"junit", newJUnit},
	{"rdjsonl", newRDJSONL},
	{"sarif", newSARIF},
	{"text", newText},
}

// Names lists the output formats New knows, in alphabetical order.
func Names() []string {
	names := make([]string, len(formats))
	for i, f := range formats {
		names[i] = f.name
	}
	return names
}

// New returns the formatter called name.
func New(name string, opts Options) (Formatter, error) {
	for _, f := range formats {
		if f.name == name {
			return f.new(opts), nil
		}
	}
	return nil, fmt.Errorf("unknown output format %q (want one of %s)", name, strings.Join(Names(), ", "))
}

// formatterFunc adapts a function to Formatter.
type formatterFunc func(w io.Writer, res *rules.Result) error

func (f formatterFunc) Format(w io.Writer, res *rules.Result) error { return f(w, res) }

// location is where a finding is, as a rules.Location.
func location(f *rules.Finding) rules.Location {
	return rules.Location{
		Path: f.Path, Line: f.Line, Column: f.Column, EndLine: f.EndLine, EndColumn: f.EndColumn,
		Offset: f.Offset, EndOffset: f.EndOffset,
	}
}
