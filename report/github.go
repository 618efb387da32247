package report

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/copydesk/copydesk/rules"
)

// newGitHub writes GitHub Actions workflow commands, one annotation per
// finding. GitHub shows at most 10 annotations of each level per step
// (and 50 per job) and drops the rest; the full list needs SARIF uploaded
// to code scanning, which the step summary says.
func newGitHub(opts Options) Formatter {
	return formatterFunc(func(w io.Writer, res *rules.Result) error {
		bw := bufio.NewWriter(w)
		for i := range res.Findings {
			writeAnnotation(bw, opts.BaseDir, &res.Findings[i])
		}
		if err := bw.Flush(); err != nil {
			return err
		}
		if opts.StepSummary != nil {
			if err := writeStepSummary(opts.StepSummary, opts.BaseDir, res); err != nil {
				return fmt.Errorf("write step summary: %w", err)
			}
		}
		return nil
	})
}

// annotationLimit is how many annotations of one level GitHub shows per step.
const annotationLimit = 10

func writeAnnotation(w *bufio.Writer, base string, f *rules.Finding) {
	w.WriteString("::" + githubLevel(f.Severity) + " file=" + escapeProperty(relPath(base, f.Path)))
	if f.Line > 0 {
		w.WriteString(",line=" + strconv.Itoa(f.Line))
		if f.EndLine > 0 {
			w.WriteString(",endLine=" + strconv.Itoa(f.EndLine))
		}
		// GitHub takes columns only for an annotation on one line.
		if f.Column > 0 && (f.EndLine == 0 || f.EndLine == f.Line) {
			w.WriteString(",col=" + strconv.Itoa(f.Column))
			if f.EndColumn > 0 {
				w.WriteString(",endColumn=" + strconv.Itoa(f.EndColumn))
			}
		}
	}
	w.WriteString(",title=" + escapeProperty("copydesk "+f.Rule))
	w.WriteString("::" + escapeData(f.Message) + "\n")
}

func githubLevel(s rules.Severity) string {
	switch s {
	case rules.Error:
		return "error"
	case rules.Warning:
		return "warning"
	}
	return "notice"
}

// escapeData escapes a workflow command's message as the Actions runner
// reads it back.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command's property value: the message's
// escapes plus the property separators.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// topFiles is how many files the step summary lists.
const topFiles = 10

// writeStepSummary writes the Markdown job summary: totals, findings by
// rule and severity, the files with most findings, and the annotation limit.
func writeStepSummary(w io.Writer, base string, res *rules.Result) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("## copydesk\n\n" + markdownEscape(SummaryLine(res.Summary)) + "\n")
	if len(res.Findings) > 0 {
		writeRuleTable(bw, res.Findings)
		writeFileTable(bw, base, res.Findings)
		bw.WriteString("\nGitHub shows at most " + strconv.Itoa(annotationLimit) +
			" annotations of each level per step" + hiddenAnnotations(res.Findings) +
			". For the full list, upload `copydesk check --format sarif` output with `github/codeql-action/upload-sarif`.\n")
	}
	return bw.Flush()
}

func writeRuleTable(w *bufio.Writer, findings []rules.Finding) {
	type key struct {
		rule string
		sev  rules.Severity
	}
	counts := map[key]int{}
	for _, f := range findings {
		counts[key{f.Rule, f.Severity}]++
	}
	keys := make([]key, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b key) int {
		return cmp.Or(cmp.Compare(counts[b], counts[a]), cmp.Compare(b.sev, a.sev), cmp.Compare(a.rule, b.rule))
	})
	w.WriteString("\n| Rule | Severity | Findings |\n| --- | --- | ---: |\n")
	for _, k := range keys {
		fmt.Fprintf(w, "| %s | %s | %d |\n", markdownEscape(k.rule), k.sev, counts[k])
	}
}

// hiddenAnnotations says, after the limit, which levels went over it.
func hiddenAnnotations(findings []rules.Finding) string {
	count := map[string]int{}
	for _, f := range findings {
		count[githubLevel(f.Severity)]++
	}
	var over []string
	for _, level := range []string{"error", "warning", "notice"} {
		if n := count[level]; n > annotationLimit {
			over = append(over, fmt.Sprintf("%d of %d %ss", n-annotationLimit, n, level))
		}
	}
	if len(over) == 0 {
		return ""
	}
	return " (not shown: " + strings.Join(over, ", ") + ")"
}

func writeFileTable(w *bufio.Writer, base string, findings []rules.Finding) {
	type tally struct {
		path string
		by   [rules.Error + 1]int
		all  int
	}
	index := map[string]int{}
	var files []tally
	for _, f := range findings {
		i, ok := index[f.Path]
		if !ok {
			i = len(files)
			index[f.Path] = i
			files = append(files, tally{path: f.Path})
		}
		if f.Severity >= rules.Suggestion && f.Severity <= rules.Error {
			files[i].by[f.Severity]++
		}
		files[i].all++
	}
	slices.SortStableFunc(files, func(a, b tally) int {
		return cmp.Or(cmp.Compare(b.all, a.all), cmp.Compare(a.path, b.path))
	})
	title := "Files"
	if len(files) > topFiles {
		title = fmt.Sprintf("Top %d of %d files", topFiles, len(files))
		files = files[:topFiles]
	}
	fmt.Fprintf(w, "\n| %s | Errors | Warnings | Suggestions | Total |\n| --- | ---: | ---: | ---: | ---: |\n", title)
	for _, f := range files {
		fmt.Fprintf(w, "| %s | %d | %d | %d | %d |\n", markdownEscape(relPath(base, f.path)),
			f.by[rules.Error], f.by[rules.Warning], f.by[rules.Suggestion], f.all)
	}
}
