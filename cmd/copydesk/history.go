package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os/exec"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/copydesk/copydesk/report/history"
	"github.com/copydesk/copydesk/rules"
	"github.com/copydesk/copydesk/rules/engine"
)

// nowEnv names the variable that fixes copydesk's clock (RFC 3339) for the
// history and the report: for tests and reproducible reports.
const nowEnv = "COPYDESK_NOW"

// clock returns the time source for history commands.
func clock(e *env) (func() time.Time, error) {
	v := e.getenv(nowEnv)
	if v == "" {
		return time.Now, nil
	}
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		return nil, usagef("%s=%q: want an RFC 3339 time such as 2026-11-30T06:00:00Z", nowEnv, v)
	}
	return func() time.Time { return t }, nil
}

func storeFlag() *cli.StringFlag {
	return &cli.StringFlag{Name: "store", Value: history.DefaultPath, Usage: "the history database"}
}

// recordFlags are the flags of a command that can record its run.
func recordFlags() []cli.Flag {
	return []cli.Flag{
		&cli.BoolFlag{Name: "record", Usage: "store this run in the history database (see 'copydesk history', 'copydesk report')"},
		&cli.StringFlag{Name: "store", Usage: "history database for --record (default " + history.DefaultPath + "; implies --record)"},
	}
}

// recorder writes a run to the history beside the command's own work: it
// opens the store (and asks git for the commit) while the check runs, and
// records while the output is written.
type recorder struct {
	path   string
	opened chan struct{}
	done   chan struct{}
	st     *history.Store
	commit string
	err    error
}

// startRecorder begins opening the history when --record or --store is
// given; it returns nil otherwise.
func startRecorder(c *cli.Context, e *env) (*recorder, error) {
	if !c.Bool("record") && !c.IsSet("store") {
		return nil, nil
	}
	path := c.String("store")
	if path == "" {
		path = history.DefaultPath
	}
	now, err := clock(e)
	if err != nil {
		return nil, err
	}
	r := &recorder{path: path, opened: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(r.opened)
		r.commit = gitCommit()
		r.st, r.err = history.Open(context.Background(), path, history.Options{Clock: now})
	}()
	return r, nil
}

// record stores the run in the background. res is copied: the caller may go
// on to filter its findings.
func (r *recorder) record(run history.Run, res *rules.Result, clusters []history.Cluster) {
	snap := *res
	snap.Findings = append([]rules.Finding(nil), res.Findings...)
	go func() {
		defer close(r.done)
		<-r.opened
		if r.err != nil {
			return
		}
		run.GitCommit = r.commit
		_, r.err = r.st.Record(context.Background(), run, &snap, clusters)
		if err := r.st.Close(); err != nil && r.err == nil {
			r.err = fmt.Errorf("close history %s: %w", r.path, err)
		}
	}()
}

// abandon closes the store without recording (an interrupted run).
func (r *recorder) abandon() {
	go func() {
		defer close(r.done)
		<-r.opened
		if r.st != nil {
			r.st.Close()
		}
		r.err = errors.New("run interrupted: not recorded")
	}()
}

// wait returns once the run is recorded.
func (r *recorder) wait() error {
	<-r.done
	if r.err != nil {
		return fmt.Errorf("--record: %w", r.err)
	}
	return nil
}

// gitCommit is the commit checked out in the working directory, or "".
func gitCommit() string {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, "git", "rev-parse", "--verify", "-q", "HEAD").Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}

// rulesetVersion names the rules a run used: how many, and a short hash of
// their names and effective severities, so that a change of rules or
// configuration shows in the history and the report's footnote.
func rulesetVersion(rs *engine.RuleSet) string {
	var lines []string
	for _, r := range rs.Rules {
		m := r.Meta()
		sev := m.Severity
		if s, ok := rs.Severity[m.Name]; ok && s != 0 {
			sev = s
		}
		lines = append(lines, m.Name+"="+sev.String())
	}
	sort.Strings(lines)
	sum := sha256.Sum256([]byte(strings.Join(lines, "\n")))
	return fmt.Sprintf("%d rules %s", len(lines), hex.EncodeToString(sum[:])[:12])
}

func historyCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "history",
		Usage: "list the runs recorded with --record",
		Flags: []cli.Flag{
			storeFlag(),
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "text or json"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usagef("history: unknown subcommand %q (want prune)", c.Args().First())
			}
			format := c.String("format")
			if format != "text" && format != "json" {
				return usagef("--format: unknown format %q (want text or json)", format)
			}
			st, err := openHistory(c, e, true)
			if err != nil {
				return err
			}
			defer st.Close()
			runs, err := st.Runs(c.Context, time.Time{}, time.Time{})
			if err != nil {
				return err
			}
			if format == "json" {
				if runs == nil {
					runs = []history.Run{}
				}
				enc := json.NewEncoder(e.stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(map[string]any{"version": 1, "runs": runs})
			}
			if len(runs) == 0 {
				fmt.Fprintf(e.stdout, "no runs recorded in %s\n", st.Path())
				return nil
			}
			tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tTIME (UTC)\tTOOL\tDOCUMENTS\tWORDS\tFINDINGS\tCLUSTERS\tCOMMIT\tVERSION\tPATHS")
			for _, r := range runs {
				commit := r.GitCommit
				if len(commit) > 12 {
					commit = commit[:12]
				}
				if commit == "" {
					commit = "-"
				}
				fmt.Fprintf(tw, "%d\t%s\t%s\t%d\t%d\t%d\t%d\t%s\t%s\t%s\n", r.ID, r.Time.UTC().Format("2006-01-02 15:04:05"), r.Tool,
					r.Documents, r.Words, r.Findings, r.Clusters, commit, r.ToolVersion, strings.Join(r.Paths, " "))
			}
			return tw.Flush()
		},
		Subcommands: []*cli.Command{{
			Name:  "prune",
			Usage: "delete runs older than --keep",
			Flags: []cli.Flag{
				storeFlag(),
				&cli.StringFlag{Name: "keep", Required: true, Usage: "keep runs this recent: a number and a unit, w (weeks), d, h, e.g. 52w"},
			},
			Action: func(c *cli.Context) error {
				keep, err := history.ParseSpan(c.String("keep"))
				if err != nil {
					return usagef("--keep: %v", err)
				}
				st, err := openHistory(c, e, true)
				if err != nil {
					return err
				}
				defer st.Close()
				n, err := st.Prune(c.Context, keep)
				if err != nil {
					return err
				}
				fmt.Fprintf(e.stdout, "pruned %d %s older than %s from %s\n", n, plural(n, "run", "runs"), c.String("keep"), st.Path())
				return nil
			},
		}},
	}
}

// openHistory opens --store for a reading command (or prune): it must
// exist.
func openHistory(c *cli.Context, e *env, mustExist bool) (*history.Store, error) {
	now, err := clock(e)
	if err != nil {
		return nil, err
	}
	return history.Open(c.Context, c.String("store"), history.Options{Clock: now, MustExist: mustExist})
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
