package report

import (
	"encoding/json"
	"io"
	"unicode/utf8"

	"github.com/copydesk/copydesk/rules"
	"github.com/copydesk/copydesk/rules/article"
)

// reviewdog's rdjsonl: one Diagnostic object a line.

type rdDiagnostic struct {
	Message          string         `json:"message"`
	Location         rdLocation     `json:"location"`
	Severity         string         `json:"severity"`
	Source           rdSource       `json:"source"`
	Code             rdCode         `json:"code"`
	Suggestions      []rdSuggestion `json:"suggestions,omitempty"`
	RelatedLocations []rdRelated    `json:"related_locations,omitempty"`
}

type rdLocation struct {
	Path  string   `json:"path"`
	Range *rdRange `json:"range,omitempty"`
}

type rdRange struct {
	Start rdPosition  `json:"start"`
	End   *rdPosition `json:"end,omitempty"`
}

type rdPosition struct {
	Line   int `json:"line,omitempty"`
	Column int `json:"column,omitempty"`
}

type rdSource struct {
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

type rdCode struct {
	Value string `json:"value"`
}

type rdSuggestion struct {
	Range rdRange `json:"range"`
	Text  string  `json:"text"`
}

type rdRelated struct {
	Message  string     `json:"message,omitempty"`
	Location rdLocation `json:"location"`
}

// newRDJSONL writes a Diagnostic per finding. reviewdog counts columns in
// UTF-8 bytes, copydesk in code points: with Options.ReadFile the columns
// are converted from the source; without it, or when the file cannot be
// read or has changed, they stay code points (the same on ASCII lines).
// Suggestions come from the first fix, when all its edits are in the
// finding's file.
func newRDJSONL(opts Options) Formatter {
	return formatterFunc(func(w io.Writer, res *rules.Result) error {
		rd := rdWriter{opts: opts, sources: map[string]*article.LineIndex{}}
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		for i := range res.Findings {
			if err := enc.Encode(rd.diagnostic(&res.Findings[i])); err != nil {
				return err
			}
		}
		return nil
	})
}

type rdWriter struct {
	opts    Options
	sources map[string]*article.LineIndex // nil entry: not readable
}

func (rd *rdWriter) diagnostic(f *rules.Finding) rdDiagnostic {
	d := rdDiagnostic{
		Message:  f.Message,
		Location: rd.location(location(f)),
		Severity: rdSeverity(f.Severity),
		Source:   rdSource{Name: toolName, URL: toolInformationURI},
		Code:     rdCode{Value: f.Rule},
	}
	if len(f.Fixes) > 0 && editsIn(f.Fixes[0], f.Path) {
		for _, e := range f.Fixes[0].Edits {
			if r := rd.rangeOf(e.Location); r != nil {
				d.Suggestions = append(d.Suggestions, rdSuggestion{Range: *r, Text: e.New})
			}
		}
	}
	for _, rel := range f.Related {
		d.RelatedLocations = append(d.RelatedLocations, rdRelated{Message: rel.Message, Location: rd.location(rel)})
	}
	return d
}

func editsIn(fx rules.FindingFix, path string) bool {
	for _, e := range fx.Edits {
		if e.Path != path {
			return false
		}
	}
	return len(fx.Edits) > 0
}

func (rd *rdWriter) location(l rules.Location) rdLocation {
	return rdLocation{Path: relPath(rd.opts.BaseDir, l.Path), Range: rd.rangeOf(l)}
}

func (rd *rdWriter) rangeOf(l rules.Location) *rdRange {
	if l.Line <= 0 {
		return nil
	}
	r := &rdRange{Start: rdPosition{Line: l.Line, Column: rd.byteColumn(l.Path, l.Line, l.Column, l.Offset)}}
	if l.EndLine > 0 {
		r.End = &rdPosition{Line: l.EndLine, Column: rd.byteColumn(l.Path, l.EndLine, l.EndColumn, l.EndOffset)}
	}
	return r
}

// byteColumn turns the code-point column col of byte offset off into a
// 1-based byte column, when the source is at hand and still agrees.
func (rd *rdWriter) byteColumn(path string, line, col, off int) int {
	if rd.opts.ReadFile == nil || col <= 0 {
		return col
	}
	li, ok := rd.sources[path]
	if !ok {
		if src, err := rd.opts.ReadFile(path); err == nil {
			li = article.NewLineIndex(src, !utf8.Valid(src))
		}
		rd.sources[path] = li
	}
	if li == nil || off < 0 || off > li.LineEnd(li.Lines()) {
		return col
	}
	if l, c := li.Position(off); l != line || c != col {
		return col // the file changed since it was checked
	}
	return off - li.LineStart(line) + 1
}

func rdSeverity(s rules.Severity) string {
	switch s {
	case rules.Error:
		return "ERROR"
	case rules.Warning:
		return "WARNING"
	}
	return "INFO"
}
