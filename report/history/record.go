package history

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/copydesk/copydesk/rules"
)

// Run is one recorded run's metadata. Record fills in ID, and Time when it
// is zero; the totals are filled from the result.
type Run struct {
	ID             int64     `json:"id"`
	Time           time.Time `json:"time"`
	Tool           string    `json:"tool"` // ToolCheck or ToolDupes
	ToolVersion    string    `json:"tool_version"`
	RulesetVersion string    `json:"ruleset_version"`
	Paths          []string  `json:"paths"`
	GitCommit      string    `json:"git_commit,omitempty"`
	Documents      int       `json:"documents"`
	Words          int       `json:"words"`
	Findings       int       `json:"findings"`
	Clusters       int       `json:"clusters"`
}

// Cluster is a group of near-duplicate documents found by a dupes run.
type Cluster struct {
	Members    []string `json:"members"`
	Canonical  string   `json:"canonical"`
	Similarity float64  `json:"similarity"` // 0..1, the cluster's lowest verified pair similarity
}

// Document is a recorded document of a run, with its finding counts.
type Document struct {
	RunID       int64
	Doc         int // index within the run
	Path        string
	Hash        string
	Words       int
	Title       string
	Section     string
	Author      string
	Date        string
	Errors      int
	Warnings    int
	Suggestions int
}

// Finding is a recorded finding.
type Finding struct {
	RunID       int64
	Doc         int // Document.Doc, or -1 when the path was not among the run's documents
	Path        string
	Rule        string
	Category    string
	Severity    rules.Severity
	Fingerprint string
	Line        int
}

// Record stores a run: its metadata, every document of res and every
// finding, and the clusters of a dupes run (nil otherwise), in one
// transaction. It returns the run as stored. res may be nil for a run that
// only has clusters.
func (s *Store) Record(ctx context.Context, run Run, res *rules.Result, clusters []Cluster) (Run, error) {
	if run.Time.IsZero() {
		run.Time = s.clock()
	}
	if run.Tool == "" {
		run.Tool = ToolCheck
	}
	if res == nil {
		res = &rules.Result{}
	}
	run.Documents = len(res.Documents)
	run.Words = 0
	for _, d := range res.Documents {
		run.Words += d.Words
	}
	run.Findings = len(res.Findings)
	run.Clusters = len(clusters)

	// Count findings per document by severity before writing anything.
	index := make(map[string]int, len(res.Documents))
	for i, d := range res.Documents {
		if _, dup := index[d.Path]; !dup {
			index[d.Path] = i
		}
	}
	counts := make([][3]int, len(res.Documents))
	for _, f := range res.Findings {
		if i, ok := index[f.Path]; ok && f.Severity >= rules.Suggestion && f.Severity <= rules.Error {
			counts[i][3-int(f.Severity)]++
		}
	}

	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return Run{}, fmt.Errorf("record run in %s: %w", s.path, err)
	}
	defer func() { _ = tx.Rollback() }()
	r, err := tx.ExecContext(ctx, `INSERT INTO runs (time, tool, tool_version, ruleset_version, paths, git_commit,
		documents, words, findings, clusters) VALUES (?,?,?,?,?,?,?,?,?,?)`,
		run.Time.UnixMilli(), run.Tool, run.ToolVersion, run.RulesetVersion, marshalPaths(run.Paths), run.GitCommit,
		run.Documents, run.Words, run.Findings, run.Clusters)
	if err != nil {
		return Run{}, fmt.Errorf("record run in %s: %w", s.path, err)
	}
	if run.ID, err = r.LastInsertId(); err != nil {
		return Run{}, fmt.Errorf("record run in %s: %w", s.path, err)
	}

	if recordHook != nil {
		if err := recordHook("documents"); err != nil {
			return Run{}, fmt.Errorf("record documents in %s: %w", s.path, err)
		}
	}
	docs := newBatch(ctx, tx, "documents", 12)
	for i, d := range res.Documents {
		c := counts[i]
		if err := docs.add(run.ID, i, d.Path, d.Hash, d.Words, d.Title, d.Section, d.Author, d.Date, c[0], c[1], c[2]); err != nil {
			return Run{}, fmt.Errorf("record documents in %s: %w", s.path, err)
		}
	}
	if err := docs.flush(); err != nil {
		return Run{}, fmt.Errorf("record documents in %s: %w", s.path, err)
	}
	if recordHook != nil {
		if err := recordHook("findings"); err != nil {
			return Run{}, fmt.Errorf("record findings in %s: %w", s.path, err)
		}
	}
	fs := newBatch(ctx, tx, "findings", 8)
	for _, f := range res.Findings {
		i, ok := index[f.Path]
		if !ok {
			i = -1
		}
		if err := fs.add(run.ID, i, f.Path, f.Rule, string(f.Category), severityCode(f.Severity), f.Fingerprint, f.Line); err != nil {
			return Run{}, fmt.Errorf("record findings in %s: %w", s.path, err)
		}
	}
	if err := fs.flush(); err != nil {
		return Run{}, fmt.Errorf("record findings in %s: %w", s.path, err)
	}
	cs := newBatch(ctx, tx, "clusters", 5)
	for i, c := range clusters {
		if err := cs.add(run.ID, i, c.Canonical, c.Similarity, marshalPaths(c.Members)); err != nil {
			return Run{}, fmt.Errorf("record clusters in %s: %w", s.path, err)
		}
	}
	if err := cs.flush(); err != nil {
		return Run{}, fmt.Errorf("record clusters in %s: %w", s.path, err)
	}
	if err := tx.Commit(); err != nil {
		return Run{}, fmt.Errorf("record run in %s: %w", s.path, err)
	}
	return run, nil
}

// recordHook lets tests make Record fail between its steps; nil otherwise.
var recordHook func(stage string) error

// batchRows is how many rows one multi-row INSERT carries: far fewer
// statement executions than one row at a time, well under SQLite's limit
// on bound parameters.
const batchRows = 128

// batch inserts rows into a table with multi-row INSERT statements; the
// full-size statement is prepared once per transaction.
type batch struct {
	ctx   context.Context
	tx    *sql.Tx
	table string
	cols  int
	args  []any
	full  *sql.Stmt
}

func newBatch(ctx context.Context, tx *sql.Tx, table string, cols int) *batch {
	return &batch{ctx: ctx, tx: tx, table: table, cols: cols}
}

func (b *batch) add(vals ...any) error {
	b.args = append(b.args, vals...)
	if len(b.args) < b.cols*batchRows {
		return nil
	}
	if b.full == nil {
		st, err := b.tx.PrepareContext(b.ctx, insertSQL(b.table, b.cols, batchRows))
		if err != nil {
			return err
		}
		b.full = st
	}
	_, err := b.full.ExecContext(b.ctx, b.args...)
	b.args = b.args[:0]
	return err
}

// flush writes the remaining rows and releases the prepared statement.
func (b *batch) flush() error {
	if b.full != nil {
		defer b.full.Close()
	}
	if len(b.args) == 0 {
		return nil
	}
	_, err := b.tx.ExecContext(b.ctx, insertSQL(b.table, b.cols, len(b.args)/b.cols), b.args...)
	b.args = b.args[:0]
	return err
}

func insertSQL(table string, cols, rows int) string {
	one := "(" + strings.Repeat("?,", cols-1) + "?)"
	var sb strings.Builder
	sb.WriteString("INSERT INTO ")
	sb.WriteString(table)
	sb.WriteString(" VALUES ")
	for i := range rows {
		if i > 0 {
			sb.WriteByte(',')
		}
		sb.WriteString(one)
	}
	return sb.String()
}
