package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/copydesk/copydesk/report"
	"github.com/copydesk/copydesk/report/history"
	"github.com/copydesk/copydesk/rules"
	"github.com/copydesk/copydesk/rules/engine"
	"github.com/copydesk/copydesk/rules/similar/archive"
)

func ruleSelectionFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringSliceFlag{Name: "enable", Usage: "turn on these rules (comma-separated names, or 'all')"},
		&cli.StringSliceFlag{Name: "disable", Usage: "turn off these rules (comma-separated names, or 'all')"},
	}
}

func checkCommand(e *env) *cli.Command {
	flags := []cli.Flag{
		&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "output format: " + strings.Join(report.Names(), ", ")},
		&cli.StringSliceFlag{Name: "output", Aliases: []string{"o"}, Usage: "also write FORMAT=PATH (repeatable), e.g. sarif=copydesk.sarif"},
		&cli.StringFlag{Name: "fail-on", Value: "error", Usage: "exit 1 when a finding is at or above this severity: error, warning, suggestion or none"},
		&cli.StringFlag{Name: "stdin-filename", Usage: "name to report for standard input ('-'); its extension picks the format"},
		&cli.StringFlag{Name: "color", Value: "auto", Usage: "colour text output: auto (on a terminal, unless NO_COLOR is set), always or never"},
		&cli.StringFlag{Name: "baseline", Usage: "do not report findings whose fingerprint is in this baseline file"},
		&cli.StringFlag{Name: "write-baseline", Usage: "write every finding of this run to a baseline file (then exit 0 unless an error occurred)"},
		&cli.StringFlag{Name: "new-from-rev", Usage: "report only findings on lines changed since this git revision (and in untracked files)"},
		&cli.IntFlag{Name: "jobs", Aliases: []string{"j"}, Usage: "files checked at once (default: number of CPUs)"},
		&cli.StringFlag{Name: "index", Usage: "also compare each story with this archive index (see 'copydesk index add')"},
	}
	flags = append(flags, ruleSelectionFlags()...)
	flags = append(flags, recordFlags()...)
	flags = append(flags, configFlags()...)
	return &cli.Command{
		Name:      "check",
		Usage:     "check articles (files, folders, or - for standard input)",
		ArgsUsage: "[path ...]",
		Flags:     flags,
		Action: func(c *cli.Context) error {
			return runCheck(c, e)
		},
	}
}

// failThreshold parses --fail-on; 0 means never fail on findings.
func failThreshold(s string) (rules.Severity, error) {
	if strings.EqualFold(strings.TrimSpace(s), "none") {
		return 0, nil
	}
	sev, err := rules.ParseSeverity(s)
	if err != nil {
		return 0, usagef("--fail-on: %v (or none)", err)
	}
	return sev, nil
}

// useColor decides --color for a writer.
func useColor(mode string, e *env) (bool, error) {
	switch mode {
	case "always":
		return true, nil
	case "never":
		return false, nil
	case "auto", "":
		return e.getenv("NO_COLOR") == "" && e.getenv("TERM") != "dumb" && isTerminal(e.stdout), nil
	}
	return false, usagef("--color: unknown value %q (want auto, always or never)", mode)
}

type outputSpec struct{ format, path string }

func parseOutputs(specs []string) ([]outputSpec, error) {
	var out []outputSpec
	for _, s := range specs {
		f, p, ok := strings.Cut(s, "=")
		if !ok || f == "" || p == "" {
			return nil, usagef("--output %q: want FORMAT=PATH", s)
		}
		out = append(out, outputSpec{f, p})
	}
	return out, nil
}

func runCheck(c *cli.Context, e *env) error {
	failOn, err := failThreshold(c.String("fail-on"))
	if err != nil {
		return err
	}
	color, err := useColor(c.String("color"), e)
	if err != nil {
		return err
	}
	outputs, err := parseOutputs(c.StringSlice("output"))
	if err != nil {
		return err
	}
	all := engine.Builtin()
	if p := c.String("index"); p != "" {
		idx, err := archive.Open(p, false)
		if err != nil {
			return err
		}
		defer idx.Close()
		all = engine.BuiltinWith(idx)
	}
	cfg, err := loadConfig(c, e, all)
	if err != nil {
		return err
	}
	if !c.IsSet("fail-on") && cfg.FailOn != 0 {
		failOn = cfg.FailOn
	}
	if err := applySelection(c, cfg); err != nil {
		return err
	}
	rs, err := cfg.RuleSetFor("-")
	if err != nil {
		return err
	}
	metas := activeMetas(cfg)
	cwd, _ := os.Getwd()
	baseDir := cwd
	if ws := e.getenv("GITHUB_WORKSPACE"); ws != "" {
		baseDir = ws
	} else if ws := e.getenv("CI_PROJECT_DIR"); ws != "" {
		baseDir = ws
	}
	fopts := report.Options{Color: color, ToolVersion: version(), RuleMetas: metas, BaseDir: baseDir, ReadFile: os.ReadFile}
	if c.String("format") == "github" {
		if p := e.getenv("GITHUB_STEP_SUMMARY"); p != "" {
			f, err := os.OpenFile(p, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
			if err != nil {
				return fmt.Errorf("GITHUB_STEP_SUMMARY: %w", err)
			}
			defer f.Close()
			fopts.StepSummary = f
		}
	}
	var baseline *engine.Baseline
	if p := c.String("baseline"); p != "" {
		if baseline, err = engine.ReadBaseline(p); err != nil {
			return err
		}
	}
	var changed engine.ChangedLines
	if rev := c.String("new-from-rev"); rev != "" {
		if changed, err = engine.GitChangedLines(cwd, rev); err != nil {
			return err
		}
	}
	main, err := report.New(c.String("format"), fopts)
	if err != nil {
		return usagef("--format: %v", err)
	}
	extra := make([]report.Formatter, len(outputs))
	for i, o := range outputs {
		plain := fopts
		plain.Color = false
		if extra[i], err = report.New(o.format, plain); err != nil {
			return usagef("--output: %v", err)
		}
	}
	args := c.Args().Slice()
	if len(args) == 0 {
		return usagef("check: name the files or folders to check, or - for standard input")
	}
	stdinCount := 0
	for _, a := range args {
		if a == "-" {
			stdinCount++
		}
	}
	if stdinCount > 1 {
		return usagef("check: standard input (-) can be named only once")
	}

	rec, err := startRecorder(c, e)
	if err != nil {
		return err
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	var progress *engine.Progress
	stopProgress, progressDone := make(chan struct{}), make(chan struct{})
	if showProgress(e, c.String("format")) {
		progress = &engine.Progress{}
		go progressLine(e.stderr, progress, stopProgress, progressDone)
	} else {
		close(progressDone)
	}
	res := engine.Run(ctx, args, engine.Options{
		Progress:   progress,
		Rules:      rs,
		RuleSetFor: cfg.RuleSetFor,
		Ignored:    cfg.IgnoredPath,
		Known:      cfg.Known,
		Jobs:       c.Int("jobs"),
		Stdin:      e.stdin,
		StdinName:  c.String("stdin-filename"),
		Corpus:     c.String("index") != "",
		// The history keeps each document's content hash.
		ContentHashes: rec != nil,
	})
	close(stopProgress)
	<-progressDone

	if rec != nil {
		if ctx.Err() != nil {
			rec.abandon()
		} else {
			rec.record(history.Run{Tool: history.ToolCheck, ToolVersion: version(), RulesetVersion: rulesetVersion(rs), Paths: args}, res, nil)
		}
		// Every way out waits for the history to be written and closed.
		defer func() { _ = rec.wait() }()
	}

	code := exitOK
	if p := c.String("write-baseline"); p != "" {
		if err := writeFileAtomic(p, func(w *os.File) error { return engine.NewBaseline(res).Write(w) }); err != nil {
			return fmt.Errorf("--write-baseline %s: %w", p, err)
		}
		fmt.Fprintf(e.stderr, "copydesk: wrote %d findings to baseline %s\n", len(res.Findings), p)
	}
	if baseline != nil {
		baseline.Filter(res)
	}
	if changed != nil {
		changed.Filter(res, cwd)
	}
	for _, n := range res.Notes {
		fmt.Fprintf(e.stderr, "copydesk: %s\n", n)
	}
	for _, fe := range res.Errors {
		fmt.Fprintf(e.stderr, "copydesk: %s\n", fe.Error())
		code = exitError
	}
	if err := main.Format(e.stdout, res); err != nil {
		fmt.Fprintf(e.stderr, "copydesk: write output: %v\n", err)
		code = exitError
	}
	for i, o := range outputs {
		if err := writeFileAtomic(o.path, func(w *os.File) error { return extra[i].Format(w, res) }); err != nil {
			fmt.Fprintf(e.stderr, "copydesk: --output %s: %v\n", o.path, err)
			code = exitError
		}
	}
	if ctx.Err() != nil {
		fmt.Fprintln(e.stderr, "copydesk: interrupted: the findings above are from the files checked so far")
		code = exitError
	}
	if rec != nil {
		if err := rec.wait(); err != nil {
			fmt.Fprintf(e.stderr, "copydesk: %v\n", err)
			code = exitError
		}
	}
	if isTerminal(e.stderr) {
		fmt.Fprintln(e.stderr, report.SummaryLine(res.Summary))
	}
	internal := false
	failing := false
	for _, f := range res.Findings {
		if f.Rule == engine.InternalError {
			internal = true
		}
		if failOn != 0 && f.Severity >= failOn {
			failing = true
		}
	}
	switch {
	case code == exitError || internal:
		return exitCode(exitError)
	case c.String("write-baseline") != "":
		return nil
	case failing:
		return exitCode(exitFindings)
	}
	return nil
}

// writeFileAtomic writes a file through a temporary file in the same folder
// and a rename, so that a reader never sees half a file and a failed write
// never loses the old one.
func writeFileAtomic(path string, write func(*os.File) error) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	name := tmp.Name()
	ok := false
	defer func() {
		if !ok {
			_ = tmp.Close()
			_ = os.Remove(name)
		}
	}()
	if err := write(tmp); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if fi, err := os.Stat(path); err == nil {
		_ = os.Chmod(name, fi.Mode().Perm())
	} else {
		_ = os.Chmod(name, 0o644)
	}
	if err := os.Rename(name, path); err != nil {
		return err
	}
	ok = true
	return nil
}
