package main

import (
	"bytes"
	"os"

	"github.com/urfave/cli/v2"

	"github.com/copydesk/copydesk/report/weekly"
)

func reportCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "report",
		Usage: "write the quality report from the recorded history (HTML, Markdown or JSON)",
		Flags: []cli.Flag{
			storeFlag(),
			&cli.StringFlag{Name: "since", Usage: "the period: this long up to now, e.g. 7d or 4w (default 7d)"},
			&cli.StringFlag{Name: "from", Usage: "the period's first day, YYYY-MM-DD (UTC)"},
			&cli.StringFlag{Name: "to", Usage: "the period's last day, YYYY-MM-DD (UTC; default today)"},
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "html", Usage: "html, md or json"},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write the report to this file instead of standard output"},
			&cli.BoolFlag{Name: "anonymize", Usage: "replace author names with Author 1, Author 2, ..."},
			&cli.IntFlag{Name: "min-group", Value: 3, Usage: "fold sections and authors with fewer documents than this into Other"},
			&cli.IntFlag{Name: "top", Value: 10, Usage: "rows in the top-rules, fix-first and new/resolved lists"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usagef("report: unexpected argument %q", c.Args().First())
			}
			switch c.String("format") {
			case weekly.FormatHTML, weekly.FormatMarkdown, "markdown", weekly.FormatJSON:
			default:
				return usagef("--format: unknown report format %q (want html, md or json)", c.String("format"))
			}
			if c.Int("min-group") < 1 || c.Int("top") < 1 {
				return usagef("--min-group and --top must be at least 1")
			}
			now, err := clock(e)
			if err != nil {
				return err
			}
			period, err := weekly.ParsePeriod(now(), c.String("since"), c.String("from"), c.String("to"))
			if err != nil {
				return usageError{err}
			}
			st, err := openHistory(c, e, true)
			if err != nil {
				return err
			}
			defer st.Close()
			r, err := weekly.Build(c.Context, st, weekly.Options{From: period.From, To: period.To, Now: now(),
				MinGroup: c.Int("min-group"), Anonymize: c.Bool("anonymize"), Top: c.Int("top")})
			if err != nil {
				return err
			}
			var buf bytes.Buffer
			if err := weekly.Write(&buf, r, c.String("format")); err != nil {
				return err
			}
			if p := c.String("output"); p != "" {
				return writeFileAtomic(p, func(f *os.File) error {
					_, err := f.Write(buf.Bytes())
					return err
				})
			}
			_, err = e.stdout.Write(buf.Bytes())
			return err
		},
	}
}
