package weekly

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/copydesk/copydesk/report/history"
)

// Formats the report is written in.
const (
	FormatHTML     = "html"
	FormatMarkdown = "md"
	FormatJSON     = "json"
)

// Write writes the report in a format: "html", "md" (or "markdown") or
// "json".
func Write(w io.Writer, r *Report, format string) error {
	switch strings.ToLower(format) {
	case FormatHTML, "":
		return WriteHTML(w, r)
	case FormatMarkdown, "markdown":
		return WriteMarkdown(w, r)
	case FormatJSON:
		return WriteJSON(w, r)
	}
	return fmt.Errorf("unknown report format %q (want html, md or json)", format)
}

// WriteJSON writes the report as one indented JSON object.
func WriteJSON(w io.Writer, r *Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// ParsePeriod turns the report's flags into a period: since ("7d", "4w")
// ends now; from and to are dates (2006-01-02, UTC) and the period runs from
// the start of from to the end of to. With no flags the period is the last
// 7 days.
func ParsePeriod(now time.Time, since, from, to string) (Period, error) {
	parse := func(flag, s string) (time.Time, error) {
		t, err := time.Parse("2006-01-02", strings.TrimSpace(s))
		if err != nil {
			return time.Time{}, fmt.Errorf("--%s %q: want a date such as 2026-11-02", flag, s)
		}
		return t, nil
	}
	if since != "" && (from != "" || to != "") {
		return Period{}, fmt.Errorf("--since cannot be combined with --from or --to")
	}
	now = now.UTC()
	if from == "" && to == "" {
		if since == "" {
			since = "7d"
		}
		d, err := history.ParseSpan(since)
		if err != nil {
			return Period{}, fmt.Errorf("--since: %w", err)
		}
		return Period{From: now.Add(-d), To: now}, nil
	}
	p := Period{To: now}
	if to != "" {
		t, err := parse("to", to)
		if err != nil {
			return Period{}, err
		}
		p.To = t.Add(24 * time.Hour)
	}
	if from == "" {
		p.From = p.To.Add(-week)
	} else {
		t, err := parse("from", from)
		if err != nil {
			return Period{}, err
		}
		p.From = t
	}
	if !p.From.Before(p.To) {
		return Period{}, fmt.Errorf("--from %s is not before --to %s", from, to)
	}
	return p, nil
}

// Label is the period as people read it: "2–8 Nov 2026", with times when
// the ends are not midnight.
func (p Period) Label() string {
	from, to := p.From.UTC(), p.To.UTC()
	midnight := func(t time.Time) bool {
		return t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0
	}
	if midnight(from) && midnight(to) {
		last := to.Add(-24 * time.Hour)
		switch {
		case last.Equal(from):
			return from.Format("2 Jan 2006")
		case last.Year() != from.Year():
			return from.Format("2 Jan 2006") + " – " + last.Format("2 Jan 2006")
		case last.Month() != from.Month():
			return from.Format("2 Jan") + " – " + last.Format("2 Jan 2006")
		}
		return from.Format("2") + "–" + last.Format("2 Jan 2006")
	}
	if from.Year() == to.Year() {
		return from.Format("2 Jan 15:04") + " – " + to.Format("2 Jan 2006 15:04") + " UTC"
	}
	return from.Format("2 Jan 2006 15:04") + " – " + to.Format("2 Jan 2006 15:04") + " UTC"
}

// Days is the period's length in days, for "vs the previous 7 days".
func (p Period) Days() string {
	d := p.To.Sub(p.From)
	if d%(24*time.Hour) == 0 {
		n := int(d / (24 * time.Hour))
		if n == 1 {
			return "day"
		}
		return strconv.Itoa(n) + " days"
	}
	return fmt.Sprintf("%.1f days", d.Hours()/24)
}

// thousands writes an integer with comma separators.
func thousands(n int) string {
	s := strconv.Itoa(abs(n))
	var b strings.Builder
	if n < 0 {
		b.WriteString("−")
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// signed writes a change with its sign ("+3", "−1.5", "0").
func signed(v float64, decimals int) string {
	r := math.Round(v*math.Pow10(decimals)) / math.Pow10(decimals)
	if r == 0 {
		return "±0"
	}
	s := strconv.FormatFloat(math.Abs(r), 'f', decimals, 64)
	if decimals == 0 {
		s = thousands(int(math.Abs(r)))
	}
	if r > 0 {
		return "+" + s
	}
	return "−" + s
}

// Direction of a figure's change, for colour: better, worse or flat.
func direction(change *float64, higherIsBetter, neutral bool) string {
	if change == nil || neutral || math.Abs(*change) < 1e-9 {
		return "flat"
	}
	if (*change > 0) == higherIsBetter {
		return "better"
	}
	return "worse"
}

// figureRow is a headline figure prepared for printing.
type figureRow struct {
	Label     string
	Value     string
	Previous  string
	Change    string
	Direction string // better, worse, flat
	Arrow     string
}

func fmtFigure(label string, f Figure, decimals int, higherIsBetter, neutral bool) figureRow {
	val := func(v float64) string {
		if decimals == 0 {
			return thousands(int(math.Round(v)))
		}
		return strconv.FormatFloat(v, 'f', decimals, 64)
	}
	row := figureRow{Label: label, Value: val(f.Value), Previous: "–", Change: "–", Direction: "flat"}
	if f.Previous != nil {
		row.Previous = val(*f.Previous)
		row.Change = signed(*f.Change, decimals)
		if f.ChangePct != nil && decimals == 0 {
			row.Change += " (" + signed(*f.ChangePct, 0) + "%)"
		}
		row.Direction = direction(f.Change, higherIsBetter, neutral)
		switch {
		case *f.Change > 1e-9:
			row.Arrow = "▲"
		case *f.Change < -1e-9:
			row.Arrow = "▼"
		}
	}
	return row
}

func (r *Report) figureRows() []figureRow {
	h := r.Headline
	score := fmtFigure("Quality score", h.Score, 1, true, false)
	if h.Band == NoBand {
		score.Value = "–"
	}
	return []figureRow{
		score,
		fmtFigure("Documents checked", h.Documents, 0, true, true),
		fmtFigure("Words checked", h.Words, 0, true, true),
		fmtFigure("Findings", h.Findings, 0, false, false),
		fmtFigure("Errors", h.Errors, 0, false, false),
		fmtFigure("Warnings", h.Warnings, 0, false, false),
		fmtFigure("Suggestions", h.Suggestions, 0, false, false),
		fmtFigure("Findings per 1,000 words", h.Density, 2, false, false),
	}
}

func fmtOptScore(v *float64) string {
	if v == nil {
		return "–"
	}
	return strconv.FormatFloat(*v, 'f', 1, 64)
}

func fmtOptChange(v *float64, decimals int) string {
	if v == nil {
		return "–"
	}
	return signed(*v, decimals)
}

func fmtOptIntChange(v *int) string {
	if v == nil {
		return "new"
	}
	return signed(float64(*v), 0)
}

func pct(share float64) string {
	return strconv.FormatFloat(share*100, 'f', 1, 64) + "%"
}

// severityCounts prints "2 errors, 1 warning".
func severityCounts(m map[string]int) string {
	var parts []string
	for _, s := range []string{"error", "warning", "suggestion"} {
		if n := m[s]; n > 0 {
			w := s
			if n != 1 {
				w += "s"
			}
			parts = append(parts, thousands(n)+" "+w)
		}
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}

func (r *Report) footnoteLines() []string {
	c := r.Coverage
	var lines []string
	orNone := func(s []string) string {
		if len(s) == 0 {
			return "unknown"
		}
		return strings.Join(s, ", ")
	}
	lines = append(lines, fmt.Sprintf("Tool version: %s. Rule set: %s.", orNone(c.ToolVersions), orNone(c.RulesetVersions)))
	cov := fmt.Sprintf("Covered: %s %s in the period (%d check, %d duplicate)", thousands(c.Runs), plural(c.Runs, "run", "runs"), c.CheckRuns, c.DupesRuns)
	if !c.First.IsZero() {
		cov += fmt.Sprintf(", from %s to %s UTC", c.First.Format("2 Jan 15:04"), c.Last.Format("2 Jan 15:04"))
	}
	cov += fmt.Sprintf("; %s documents, %s words", thousands(int(r.Headline.Documents.Value)), thousands(int(r.Headline.Words.Value)))
	if len(c.Paths) > 0 {
		cov += "; paths " + limitList(c.Paths, 8)
	}
	if len(c.GitCommits) > 0 {
		short := make([]string, len(c.GitCommits))
		for i, g := range c.GitCommits {
			short[i] = g[:min(len(g), 12)]
		}
		cov += "; commits " + limitList(short, 6)
	}
	lines = append(lines, cov+".")
	lines = append(lines, r.Method)
	lines = append(lines, "New and resolved findings are matched by fingerprint against each document's latest check before the period (up to 12 weeks back); sections and authors with fewer than "+
		strconv.Itoa(r.MinGroup)+" "+plural(r.MinGroup, "document", "documents")+" are folded into “Other”.")
	lines = append(lines, "Generated "+r.Generated.Format("2 Jan 2006 15:04 UTC")+".")
	return lines
}

func limitList(s []string, n int) string {
	if len(s) <= n {
		return strings.Join(s, ", ")
	}
	return strings.Join(s[:n], ", ") + fmt.Sprintf(" and %d more", len(s)-n)
}

// Summary is the report's opening sentence: the score and its change, and
// what was checked.
func (r *Report) Summary() string {
	h := r.Headline
	if h.Band == NoBand {
		return "No documents were checked in this period: record runs with `copydesk check --record`."
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Quality score %.1f (%s)", h.Score.Value, h.Band)
	if h.Score.Change != nil {
		switch c := math.Round(*h.Score.Change*10) / 10; {
		case c > 0:
			fmt.Fprintf(&b, ", up %.1f on the previous %s", c, r.Period.Days())
		case c < 0:
			fmt.Fprintf(&b, ", down %.1f on the previous %s", -c, r.Period.Days())
		default:
			fmt.Fprintf(&b, ", unchanged on the previous %s", r.Period.Days())
		}
	}
	docs, words, finds := int(h.Documents.Value), int(h.Words.Value), int(h.Findings.Value)
	fmt.Fprintf(&b, ". %s %s and %s %s checked; %s %s, %.2f per 1,000 words.",
		thousands(docs), plural(docs, "document", "documents"), thousands(words), plural(words, "word", "words"),
		thousands(finds), plural(finds, "finding", "findings"), h.Density.Value)
	return b.String()
}
