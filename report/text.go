package report

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"

	"github.com/copydesk/copydesk/rules"
)

// ANSI SGR sequences for the coloured text format.
const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiDim    = "\x1b[2m"
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
	ansiCyan   = "\x1b[36m"
)

// newText writes `path:line:col: severity: message [rule]`, one finding a
// line, in the engine's order: the line editors and problem matchers parse.
func newText(opts Options) Formatter {
	return formatterFunc(func(w io.Writer, res *rules.Result) error {
		bw := bufio.NewWriter(w)
		for i := range res.Findings {
			bw.WriteString(textLine(&res.Findings[i], opts.Color))
		}
		return bw.Flush()
	})
}

// textLine is one finding in the text format, with its newline.
func textLine(f *rules.Finding, color bool) string {
	path, sev, rule := oneLine(f.Path), f.Severity.String(), "["+oneLine(f.Rule)+"]"
	if color {
		path = ansiBold + path + ansiReset
		sev = severityColor(f.Severity) + sev + ansiReset
		rule = ansiDim + rule + ansiReset
	}
	return fmt.Sprintf("%s:%d:%d: %s: %s %s\n", path, f.Line, f.Column, sev, oneLine(f.Message), rule)
}

func severityColor(s rules.Severity) string {
	switch s {
	case rules.Error:
		return ansiRed
	case rules.Warning:
		return ansiYellow
	}
	return ansiCyan
}

// oneLine keeps a field on its line and the terminal safe: control
// characters (line breaks, escape sequences) are written as Go escapes.
func oneLine(s string) string {
	if !strings.ContainsFunc(s, unicode.IsControl) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if unicode.IsControl(r) {
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// SummaryLine is the one-line account of a run that the CLI prints on
// stderr on a terminal: "3 findings (1 error, 2 warnings) in 12 files,
// 4,210 words", or "no findings in 12 files".
func SummaryLine(s rules.Summary) string {
	files := plural(s.Files, "file", "files")
	if s.Findings == 0 {
		return "no findings in " + files
	}
	return findingCounts(s) + " in " + files + ", " + plural(s.Words, "word", "words")
}

// findingCounts is "3 findings (1 error, 2 warnings)".
func findingCounts(s rules.Summary) string {
	var parts []string
	for _, sev := range []struct{ key, one, many string }{
		{"error", "error", "errors"},
		{"warning", "warning", "warnings"},
		{"suggestion", "suggestion", "suggestions"},
	} {
		if n := s.BySeverity[sev.key]; n > 0 {
			parts = append(parts, plural(n, sev.one, sev.many))
		}
	}
	line := plural(s.Findings, "finding", "findings")
	if len(parts) > 0 {
		line += " (" + strings.Join(parts, ", ") + ")"
	}
	return line
}

// plural writes n with thousands separators and the noun's right form.
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return thousands(n) + " " + many
}

func thousands(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}
