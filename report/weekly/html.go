package weekly

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"math"
	"strconv"
	"strings"
	"sync"
)

//go:embed report.html.tmpl
var htmlSource string

// htmlTemplate is parsed on first use, not at start-up: most runs of the
// binary never write a report.
var htmlTemplate = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("report").Funcs(template.FuncMap{
		"thousands": thousands,
		"score":     func(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) },
		"dens":      func(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) },
		"pct":       pct,
		"optScore":  fmtOptScore,
		"optChange": func(v *float64) string { return fmtOptChange(v, 1) },
		"intChange": fmtOptIntChange,
		"band":      Band,
		"sevCounts": severityCounts,
		"barWidth":  func(share float64) string { return strconv.FormatFloat(math.Max(share*100, 0.5), 'f', 1, 64) + "%" },
		"changeClass": func(v *float64) string {
			return direction(v, true, false)
		},
		"intChangeClass": func(v *int) string {
			if v == nil {
				return "worse"
			}
			f := float64(*v)
			return direction(&f, false, false)
		},
		"others": func(c Cluster) []string {
			var o []string
			for _, m := range c.Members {
				if m != c.Canonical {
					o = append(o, m)
				}
			}
			return o
		},
	}).Parse(htmlSource))
})

// htmlView is what the template reads.
type htmlView struct {
	*Report
	Figures      []figureRow
	Score        figureRow
	Counts       []figureRow // documents, words, findings, density
	Severity     []sevBar
	ScoreSVG     chart
	DensSVG      chart
	Footnotes    []string
	Groups       []groupTable
	ChangeLists  []changeList
	SeverityText string
}

type sevBar struct {
	Name   string
	Count  int
	Width  string
	Figure figureRow
}

type groupTable struct {
	Title, Plural string
	Rows          []Group
}

type changeList struct {
	Title   string
	Changes Changes
}

// WriteHTML writes the report as one self-contained HTML page: inline CSS
// and SVG, nothing fetched from anywhere.
func WriteHTML(w io.Writer, r *Report) error {
	figs := r.figureRows()
	v := htmlView{
		Report:      r,
		Figures:     figs,
		Score:       figs[0],
		Counts:      []figureRow{figs[1], figs[2], figs[3], figs[7]},
		ScoreSVG:    scoreChart(r.Trend),
		DensSVG:     densityChart(r.Trend),
		Footnotes:   r.footnoteLines(),
		Groups:      []groupTable{{"section", "Sections", r.Sections}, {"author", "Authors", r.Authors}},
		ChangeLists: []changeList{{"New", r.New}, {"Resolved", r.Resolved}},
		SeverityText: severityCounts(map[string]int{"error": int(r.Headline.Errors.Value),
			"warning": int(r.Headline.Warnings.Value), "suggestion": int(r.Headline.Suggestions.Value)}),
	}
	total := r.Headline.Findings.Value
	for i, s := range []struct {
		name string
		n    float64
	}{{"error", r.Headline.Errors.Value}, {"warning", r.Headline.Warnings.Value}, {"suggestion", r.Headline.Suggestions.Value}} {
		width := "0%"
		if total > 0 {
			width = strconv.FormatFloat(s.n/total*100, 'f', 2, 64) + "%"
		}
		v.Severity = append(v.Severity, sevBar{Name: s.name, Count: int(s.n), Width: width, Figure: figs[4+i]})
	}
	if err := htmlTemplate().Execute(w, v); err != nil {
		return fmt.Errorf("write HTML report: %w", err)
	}
	return nil
}

// chart is an SVG line or bar chart's geometry, in viewBox units.
type chart struct {
	Width, Height int
	Line          string // path data of the line (score) or bars (density)
	Area          string // path data of the area under the line
	Latest        string // path data of the latest week's bar
	Dots          []dot
	Bands         []band
	YTicks        []tick
	XTicks        []tick
	Empty         bool
	Label         string // accessible summary
}

type dot struct {
	X, Y  string
	Title string
	Class string
}

type band struct {
	Y, H  string
	Class string
}

type tick struct {
	Pos    string
	Label  string
	Anchor string // text-anchor of an x tick
}

const (
	chartW, chartH       = 560, 220
	padL, padR           = 40, 12
	padT, padB           = 12, 30
	plotW, plotH         = chartW - padL - padR, chartH - padT - padB
	scoreFloorStep       = 10.0
	densityHeadroomRatio = 1.15
)

func num(f float64) string { return strconv.FormatFloat(f, 'f', 1, 64) }

func xAt(i, n int) float64 {
	if n <= 1 {
		return padL + plotW/2
	}
	return padL + float64(i)*plotW/float64(n-1)
}

// xSlot is the centre of week i's slot, for bars.
func xSlot(i, n int) float64 {
	return padL + (float64(i)+0.5)*plotW/float64(max(n, 1))
}

func xTicks(weeks []Week, at func(i, n int) float64) []tick {
	var ts []tick
	for i, w := range weeks {
		if (len(weeks)-1-i)%2 == 1 {
			continue // every other week, counting back from the latest
		}
		anchor := "middle"
		if i == len(weeks)-1 && len(weeks) > 1 {
			anchor = "end"
		}
		ts = append(ts, tick{Pos: num(at(i, len(weeks))), Label: w.From.Format("2 Jan"), Anchor: anchor})
	}
	return ts
}

// scoreChart draws the weekly score as a line over coloured bands.
func scoreChart(weeks []Week) chart {
	c := chart{Width: chartW, Height: chartH, XTicks: xTicks(weeks, xAt)}
	lo := 100.0
	for _, w := range weeks {
		if w.Score != nil {
			lo = math.Min(lo, *w.Score)
		}
	}
	lo = math.Max(0, math.Floor((lo-5)/scoreFloorStep)*scoreFloorStep)
	if lo > 70 {
		lo = 70 // keep the fair band in view
	}
	y := func(v float64) float64 { return padT + (100-v)/(100-lo)*plotH }
	for _, b := range []struct {
		top, bottom float64
		class       string
	}{{100, GoodScore, "good"}, {GoodScore, FairScore, "fair"}, {FairScore, lo, "poor"}} {
		bottom := math.Max(b.bottom, lo)
		if b.top <= bottom {
			continue
		}
		c.Bands = append(c.Bands, band{Y: num(y(b.top)), H: num(y(bottom) - y(b.top)), Class: b.class})
	}
	step := 10.0
	if 100-lo > 50 {
		step = 20
	}
	for v := 100.0; v >= lo-1e-9; v -= step {
		c.YTicks = append(c.YTicks, tick{Pos: num(y(v)), Label: strconv.Itoa(int(math.Round(v)))})
	}
	var line, area strings.Builder
	var firstX, lastX float64
	open := false
	var summary []string
	for i, w := range weeks {
		if w.Score == nil {
			open = false
			continue
		}
		x, yy := xAt(i, len(weeks)), y(*w.Score)
		if !open {
			fmt.Fprintf(&line, "M%s %s", num(x), num(yy))
			if area.Len() == 0 {
				firstX = x
				fmt.Fprintf(&area, "M%s %s L%s %s", num(x), num(padT+plotH), num(x), num(yy))
			} else {
				fmt.Fprintf(&area, " L%s %s", num(x), num(yy))
			}
			open = true
		} else {
			fmt.Fprintf(&line, " L%s %s", num(x), num(yy))
			fmt.Fprintf(&area, " L%s %s", num(x), num(yy))
		}
		lastX = x
		c.Dots = append(c.Dots, dot{X: num(x), Y: num(yy), Class: Band(*w.Score),
			Title: fmt.Sprintf("Week from %s: score %.1f, %s documents", w.From.Format("2 Jan"), *w.Score, thousands(w.Documents))})
		summary = append(summary, fmt.Sprintf("%s %.1f", w.From.Format("2 Jan"), *w.Score))
	}
	if area.Len() > 0 {
		fmt.Fprintf(&area, " L%s %s L%s %s Z", num(lastX), num(padT+plotH), num(firstX), num(padT+plotH))
	}
	c.Line, c.Area = line.String(), area.String()
	c.Empty = len(c.Dots) == 0
	c.Label = "Quality score by week: " + strings.Join(summary, ", ")
	return c
}

// densityChart draws findings per 1,000 words as bars, one per week.
func densityChart(weeks []Week) chart {
	c := chart{Width: chartW, Height: chartH, XTicks: xTicks(weeks, xSlot)}
	for i := range c.XTicks {
		c.XTicks[i].Anchor = "middle"
	}
	hi := 0.0
	for _, w := range weeks {
		if w.Density != nil {
			hi = math.Max(hi, *w.Density)
		}
	}
	want := math.Max(hi*densityHeadroomRatio, 0.5)
	step := niceCeil(want / 5)
	top := math.Ceil(want/step-1e-9) * step
	y := func(v float64) float64 { return padT + (top-v)/top*plotH }
	for i := 0; float64(i)*step <= top+1e-9; i++ {
		v := float64(i) * step
		c.YTicks = append(c.YTicks, tick{Pos: num(y(v)), Label: strconv.FormatFloat(v, 'f', decimalsFor(step), 64)})
	}
	n := len(weeks)
	bw := float64(plotW) / float64(max(n, 1)) * 0.55
	var bars strings.Builder
	var summary []string
	for i, w := range weeks {
		if w.Density == nil {
			continue
		}
		x := xSlot(i, n) - bw/2
		yy := y(*w.Density)
		h := padT + plotH - yy
		if h < 1 {
			yy, h = padT+plotH-1, 1 // a clean week still shows a sliver
		}
		bar := fmt.Sprintf("M%s %sh%sv%sh-%sZ", num(x), num(yy), num(bw), num(h), num(bw))
		if i == n-1 {
			c.Latest = bar
		} else {
			bars.WriteString(bar)
		}
		c.Dots = append(c.Dots, dot{X: num(x + bw/2), Y: num(yy),
			Title: fmt.Sprintf("Week from %s: %.2f findings per 1,000 words", w.From.Format("2 Jan"), *w.Density)})
		summary = append(summary, fmt.Sprintf("%s %.2f", w.From.Format("2 Jan"), *w.Density))
	}
	c.Line = bars.String()
	c.Empty = bars.Len() == 0 && c.Latest == ""
	c.Label = "Findings per 1,000 words by week: " + strings.Join(summary, ", ")
	return c
}

// niceCeil rounds up to 1, 2, 2.5 or 5 times a power of ten.
func niceCeil(v float64) float64 {
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*p >= v-1e-12 {
			return m * p
		}
	}
	return 10 * p
}

// decimalsFor is how many decimals a tick step needs.
func decimalsFor(step float64) int {
	for d := 0; d < 4; d++ {
		if math.Abs(step*math.Pow10(d)-math.Round(step*math.Pow10(d))) < 1e-9 {
			return d
		}
	}
	return 4
}
