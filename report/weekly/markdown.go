package weekly

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// WriteMarkdown writes the report as GitHub-flavoured Markdown, for a CI
// job summary or an email.
func WriteMarkdown(w io.Writer, r *Report) error {
	b := bufio.NewWriter(w)
	p := func(format string, a ...any) { fmt.Fprintf(b, format, a...) }

	p("# Copy quality report: %s\n\n", r.Period.Label())
	p("%s\n\n", r.Summary())
	p("| | This period | Previous %s | Change |\n|---|---:|---:|---:|\n", r.Period.Days())
	for _, f := range r.figureRows() {
		p("| %s | %s | %s | %s |\n", f.Label, f.Value, f.Previous, mdChange(f))
	}

	p("\n## Trend, last %d weeks\n\n", TrendWeeks)
	var scores, dens []*float64
	for _, wk := range r.Trend {
		scores = append(scores, wk.Score)
		dens = append(dens, wk.Density)
	}
	p("Score `%s` · Findings per 1,000 words `%s`\n\n", sparkline(scores), sparkline(dens))
	p("| Week from | Documents | Words | Findings | per 1,000 words | Score |\n|---|---:|---:|---:|---:|---:|\n")
	for _, wk := range r.Trend {
		d := "–"
		if wk.Density != nil {
			d = strconv.FormatFloat(*wk.Density, 'f', 2, 64)
		}
		p("| %s | %s | %s | %s | %s | %s |\n", wk.From.Format("2 Jan 2006"), thousands(wk.Documents), thousands(wk.Words),
			thousands(wk.Findings), d, fmtOptScore(wk.Score))
	}

	p("\n## Top rules\n\n")
	if len(r.TopRules) == 0 {
		p("No findings this period.\n")
	} else {
		p("| Rule | Category | Severity | Findings | Share | Change |\n|---|---|---|---:|---:|---:|\n")
		for _, t := range r.TopRules {
			p("| `%s` | %s | %s | %s | %s | %s |\n", t.Rule, t.Category, t.Severity, thousands(t.Count), pct(t.Share), fmtOptIntChange(t.Change))
		}
	}

	p("\n## Fix these first\n\n")
	if len(r.FixFirst) == 0 {
		p("Nothing to fix: every document checked this period is clean.\n")
	} else {
		p("Fixing all findings in each of these documents would raise the period's score by the points shown.\n\n")
		p("| Document | Section | Author | Words | Errors | Warnings | Suggestions | Score | Gain |\n|---|---|---|---:|---:|---:|---:|---:|---:|\n")
		for _, d := range r.FixFirst {
			p("| %s | %s | %s | %s | %d | %d | %d | %.1f | +%.2f |\n", mdDoc(d), mdCell(d.Section), mdCell(d.Author), thousands(d.Words),
				d.Errors, d.Warnings, d.Suggestions, d.Score, d.Gain)
		}
	}

	for _, g := range []struct {
		title, col string
		rows       []Group
	}{{"By section", "Section", r.Sections}, {"By author", "Author", r.Authors}} {
		p("\n## %s\n\n", g.title)
		if len(g.rows) == 0 {
			p("No documents this period.\n")
			continue
		}
		p("| %s | Documents | Words | Findings | per 1,000 words | Score | Change |\n|---|---:|---:|---:|---:|---:|---:|\n", g.col)
		for _, row := range g.rows {
			name := mdCell(row.Name)
			if row.Name == OtherGroup {
				name = fmt.Sprintf("%s (%d %s)", OtherGroup, row.Folded, plural(row.Folded, "group", "groups"))
			}
			p("| %s | %s | %s | %s | %.2f | %.1f | %s |\n", name, thousands(row.Documents), thousands(row.Words), thousands(row.Findings),
				row.Density, row.Score, fmtOptChange(row.Change, 1))
		}
		p("\nGroups with fewer than %d %s are folded into “%s”.\n", r.MinGroup, plural(r.MinGroup, "document", "documents"), OtherGroup)
	}

	p("\n## New and resolved findings\n\n")
	p("**%s new** (%s) and **%s resolved** (%s).\n", thousands(r.New.Total), severityCounts(r.New.BySeverity),
		thousands(r.Resolved.Total), severityCounts(r.Resolved.BySeverity))
	for _, c := range []struct {
		title string
		ch    Changes
	}{{"New", r.New}, {"Resolved", r.Resolved}} {
		if len(c.ch.Findings) == 0 {
			continue
		}
		p("\n%s", c.title)
		if c.ch.Total > len(c.ch.Findings) {
			p(" (the first %d of %s)", len(c.ch.Findings), thousands(c.ch.Total))
		}
		p(":\n\n")
		for _, f := range c.ch.Findings {
			p("- %s:%d %s `%s`\n", mdCell(f.Path), f.Line, f.Severity, f.Rule)
		}
	}

	p("\n## New duplicate clusters\n\n")
	if len(r.Clusters) == 0 {
		p("No new duplicate clusters this period.\n")
	}
	for _, c := range r.Clusters {
		var others []string
		for _, m := range c.Members {
			if m != c.Canonical {
				others = append(others, mdCell(m))
			}
		}
		p("- **%s** (%d documents, similarity %s): %s\n", mdCell(c.Canonical), len(c.Members), pct(c.Similarity), strings.Join(others, ", "))
	}

	p("\n---\n\n")
	for _, l := range r.footnoteLines() {
		p("<sub>%s</sub>\n\n", mdCell(l))
	}
	return b.Flush()
}

func mdChange(f figureRow) string {
	switch f.Direction {
	case "better":
		return f.Change + " ✅"
	case "worse":
		return f.Change + " 🔺"
	}
	return f.Change
}

func mdDoc(d DocRow) string {
	if d.Title != "" {
		return mdCell(d.Title) + "<br>`" + strings.ReplaceAll(d.Path, "`", "'") + "`"
	}
	return "`" + strings.ReplaceAll(d.Path, "`", "'") + "`"
}

// mdCell escapes text for a Markdown table cell or list item.
func mdCell(s string) string {
	r := strings.NewReplacer("|", "\\|", "\n", " ", "\r", " ", "<", "&lt;", ">", "&gt;", "*", "\\*", "_", "\\_", "[", "\\[", "]", "\\]", "`", "\\`")
	return r.Replace(s)
}

// sparkline draws values as block characters; a gap is a space.
func sparkline(vals []*float64) string {
	const bars = "▁▂▃▄▅▆▇█"
	runes := []rune(bars)
	lo, hi := 0.0, 0.0
	first := true
	for _, v := range vals {
		if v == nil {
			continue
		}
		if first || *v < lo {
			lo = *v
		}
		if first || *v > hi {
			hi = *v
		}
		first = false
	}
	var b strings.Builder
	for _, v := range vals {
		if v == nil {
			b.WriteRune(' ')
			continue
		}
		i := len(runes) - 1
		if hi > lo {
			i = int((*v - lo) / (hi - lo) * float64(len(runes)-1))
		}
		b.WriteRune(runes[i])
	}
	return b.String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
