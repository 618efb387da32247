package history

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/copydesk/copydesk/rules"
)

// Runs returns the runs whose time is in [from, to), oldest first (ties by
// ID). A zero from or to leaves that end open.
func (s *Store) Runs(ctx context.Context, from, to time.Time) ([]Run, error) {
	lo, hi := int64(-1<<63), int64(1<<63-1)
	if !from.IsZero() {
		lo = from.UnixMilli()
	}
	if !to.IsZero() {
		hi = to.UnixMilli()
	}
	rows, err := s.db.QueryContext(ctx, `SELECT id, time, tool, tool_version, ruleset_version, paths, git_commit,
		documents, words, findings, clusters FROM runs WHERE time >= ? AND time < ? ORDER BY time, id`, lo, hi)
	if err != nil {
		return nil, fmt.Errorf("read runs from %s: %w", s.path, err)
	}
	defer rows.Close()
	var out []Run
	for rows.Next() {
		var r Run
		var ms int64
		var paths string
		if err := rows.Scan(&r.ID, &ms, &r.Tool, &r.ToolVersion, &r.RulesetVersion, &paths, &r.GitCommit,
			&r.Documents, &r.Words, &r.Findings, &r.Clusters); err != nil {
			return nil, fmt.Errorf("read runs from %s: %w", s.path, err)
		}
		r.Time = time.UnixMilli(ms).UTC()
		r.Paths = unmarshalPaths(paths)
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read runs from %s: %w", s.path, err)
	}
	return out, nil
}

// Documents returns a run's documents in the order they were recorded.
func (s *Store) Documents(ctx context.Context, runID int64) ([]Document, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT doc, path, hash, words, title, section, author, date,
		errors, warnings, suggestions FROM documents WHERE run_id = ? ORDER BY doc`, runID)
	if err != nil {
		return nil, fmt.Errorf("read documents of run %d from %s: %w", runID, s.path, err)
	}
	defer rows.Close()
	var out []Document
	for rows.Next() {
		d := Document{RunID: runID}
		if err := rows.Scan(&d.Doc, &d.Path, &d.Hash, &d.Words, &d.Title, &d.Section, &d.Author, &d.Date,
			&d.Errors, &d.Warnings, &d.Suggestions); err != nil {
			return nil, fmt.Errorf("read documents of run %d from %s: %w", runID, s.path, err)
		}
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read documents of run %d from %s: %w", runID, s.path, err)
	}
	return out, nil
}

// DocumentCounts returns a run's documents with only what scores and
// groups need (path, words, section, author and finding counts), which
// reads much faster than Documents over a large history.
func (s *Store) DocumentCounts(ctx context.Context, runID int64) ([]Document, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT doc, path, words, section, author, errors, warnings, suggestions
		FROM documents WHERE run_id = ? ORDER BY doc`, runID)
	if err != nil {
		return nil, fmt.Errorf("read documents of run %d from %s: %w", runID, s.path, err)
	}
	defer rows.Close()
	var out []Document
	for rows.Next() {
		d := Document{RunID: runID}
		if err := rows.Scan(&d.Doc, &d.Path, &d.Words, &d.Section, &d.Author, &d.Errors, &d.Warnings, &d.Suggestions); err != nil {
			return nil, fmt.Errorf("read documents of run %d from %s: %w", runID, s.path, err)
		}
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read documents of run %d from %s: %w", runID, s.path, err)
	}
	return out, nil
}

// Document returns one recorded document in full.
func (s *Store) Document(ctx context.Context, runID int64, doc int) (Document, error) {
	d := Document{RunID: runID, Doc: doc}
	err := s.db.QueryRowContext(ctx, `SELECT path, hash, words, title, section, author, date, errors, warnings, suggestions
		FROM documents WHERE run_id = ? AND doc = ?`, runID, doc).Scan(&d.Path, &d.Hash, &d.Words, &d.Title, &d.Section,
		&d.Author, &d.Date, &d.Errors, &d.Warnings, &d.Suggestions)
	if err != nil {
		return Document{}, fmt.Errorf("read document %d of run %d from %s: %w", doc, runID, s.path, err)
	}
	return d, nil
}

// Findings returns a run's findings in the order they were recorded.
func (s *Store) Findings(ctx context.Context, runID int64) ([]Finding, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT doc, path, rule, category, severity, fingerprint, line
		FROM findings WHERE run_id = ? ORDER BY rowid`, runID)
	if err != nil {
		return nil, fmt.Errorf("read findings of run %d from %s: %w", runID, s.path, err)
	}
	defer rows.Close()
	var out []Finding
	for rows.Next() {
		f := Finding{RunID: runID}
		var sev int
		if err := rows.Scan(&f.Doc, &f.Path, &f.Rule, &f.Category, &sev, &f.Fingerprint, &f.Line); err != nil {
			return nil, fmt.Errorf("read findings of run %d from %s: %w", runID, s.path, err)
		}
		f.Severity = rules.Severity(sev)
		out = append(out, f)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read findings of run %d from %s: %w", runID, s.path, err)
	}
	return out, nil
}

// Clusters returns the near-duplicate clusters a run recorded.
func (s *Store) Clusters(ctx context.Context, runID int64) ([]Cluster, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT canonical, similarity, members FROM clusters
		WHERE run_id = ? ORDER BY cluster`, runID)
	if err != nil {
		return nil, fmt.Errorf("read clusters of run %d from %s: %w", runID, s.path, err)
	}
	defer rows.Close()
	var out []Cluster
	for rows.Next() {
		var c Cluster
		var members string
		if err := rows.Scan(&c.Canonical, &c.Similarity, &members); err != nil {
			return nil, fmt.Errorf("read clusters of run %d from %s: %w", runID, s.path, err)
		}
		c.Members = unmarshalPaths(members)
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read clusters of run %d from %s: %w", runID, s.path, err)
	}
	return out, nil
}

// Prune deletes the runs older than keep (measured from the store's clock)
// with their documents, findings and clusters, in one transaction, and
// returns how many runs it deleted.
func (s *Store) Prune(ctx context.Context, keep time.Duration) (int, error) {
	if keep <= 0 {
		return 0, fmt.Errorf("prune history: keep must be positive, got %v", keep)
	}
	cut := s.clock().Add(-keep).UnixMilli()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("prune history %s: %w", s.path, err)
	}
	defer func() { _ = tx.Rollback() }()
	const old = `(SELECT id FROM runs WHERE time < ?)`
	for _, table := range []string{"findings", "documents", "clusters"} {
		if _, err := tx.ExecContext(ctx, "DELETE FROM "+table+" WHERE run_id IN "+old, cut); err != nil {
			return 0, fmt.Errorf("prune history %s: %w", s.path, err)
		}
	}
	r, err := tx.ExecContext(ctx, "DELETE FROM runs WHERE time < ?", cut)
	if err != nil {
		return 0, fmt.Errorf("prune history %s: %w", s.path, err)
	}
	n, err := r.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("prune history %s: %w", s.path, err)
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("prune history %s: %w", s.path, err)
	}
	return int(n), nil
}

// ParseSpan reads a span of time such as "7d", "52w", "36h" or "90m": a
// whole number with a unit of w (weeks), d (days), h, m or s.
func ParseSpan(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if len(s) < 2 {
		return 0, fmt.Errorf("invalid span %q (want e.g. 7d or 52w)", s)
	}
	n, err := strconv.ParseInt(s[:len(s)-1], 10, 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("invalid span %q (want e.g. 7d or 52w)", s)
	}
	var unit time.Duration
	switch s[len(s)-1] {
	case 'w':
		unit = 7 * 24 * time.Hour
	case 'd':
		unit = 24 * time.Hour
	case 'h':
		unit = time.Hour
	case 'm':
		unit = time.Minute
	case 's':
		unit = time.Second
	default:
		return 0, fmt.Errorf("invalid span %q (want e.g. 7d or 52w)", s)
	}
	if n > int64((1<<63-1)/unit) {
		return 0, fmt.Errorf("invalid span %q: too long", s)
	}
	return time.Duration(n) * unit, nil
}

// Totals sums the latest check of each document in a window.
type Totals struct {
	Documents, Words              int
	Errors, Warnings, Suggestions int
	// Weighted is the sum over documents of the weight expression times
	// the score expression given to WindowTotals; Weight the sum of weights.
	Weighted, Weight float64
}

// WindowTotals sums, over the latest check of each path among the check
// runs in [from, to), the documents' words and finding counts, and the
// weighted sum of a per-document score. weight and score are SQL
// expressions over the columns words, errors, warnings and suggestions;
// they come from the program, never from a user. Summing in SQLite spares
// reading every document of a long history into Go.
func (s *Store) WindowTotals(ctx context.Context, from, to time.Time, weight, score string) (Totals, error) {
	var runs int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM runs WHERE tool = ? AND time >= ? AND time < ?`,
		ToolCheck, from.UnixMilli(), to.UnixMilli()).Scan(&runs); err != nil {
		return Totals{}, fmt.Errorf("sum documents in %s: %w", s.path, err)
	}
	var t Totals
	if runs == 0 {
		return t, nil
	}
	sums := `count(*), coalesce(sum(words), 0), coalesce(sum(errors), 0), coalesce(sum(warnings), 0),
		coalesce(sum(suggestions), 0), coalesce(sum((` + weight + `) * (` + score + `)), 0), coalesce(sum(` + weight + `), 0)`
	var q string
	if runs == 1 {
		// One run: each path appears once.
		q = `SELECT ` + sums + ` FROM documents WHERE run_id = (SELECT id FROM runs WHERE tool = ?1 AND time >= ?2 AND time < ?3)`
	} else {
		q = `SELECT ` + sums + ` FROM (
			SELECT d.words, d.errors, d.warnings, d.suggestions,
				row_number() OVER (PARTITION BY d.path ORDER BY r.time DESC, r.id DESC) AS rn
			FROM runs r JOIN documents d ON d.run_id = r.id
			WHERE r.tool = ?1 AND r.time >= ?2 AND r.time < ?3
		) WHERE rn = 1`
	}
	err := s.db.QueryRowContext(ctx, q, ToolCheck, from.UnixMilli(), to.UnixMilli()).Scan(&t.Documents, &t.Words, &t.Errors,
		&t.Warnings, &t.Suggestions, &t.Weighted, &t.Weight)
	if err != nil {
		return Totals{}, fmt.Errorf("sum documents in %s: %w", s.path, err)
	}
	return t, nil
}

// LatestDocuments returns, for each of paths that a check run in
// [from, to) covered, its latest check there (as DocumentCounts does).
func (s *Store) LatestDocuments(ctx context.Context, paths []string, from, to time.Time) ([]Document, error) {
	if len(paths) == 0 {
		return nil, nil
	}
	rows, err := s.db.QueryContext(ctx, `SELECT d.run_id, d.doc, d.path, d.words, d.section, d.author, d.errors, d.warnings, d.suggestions
		FROM runs r JOIN documents d ON d.run_id = r.id
		WHERE r.tool = ? AND r.time >= ? AND r.time < ? AND d.path IN (SELECT value FROM json_each(?))
		ORDER BY d.path, r.time DESC, r.id DESC`, ToolCheck, from.UnixMilli(), to.UnixMilli(), marshalPaths(paths))
	if err != nil {
		return nil, fmt.Errorf("read earlier checks from %s: %w", s.path, err)
	}
	defer rows.Close()
	var out []Document
	for rows.Next() {
		var d Document
		if err := rows.Scan(&d.RunID, &d.Doc, &d.Path, &d.Words, &d.Section, &d.Author, &d.Errors, &d.Warnings, &d.Suggestions); err != nil {
			return nil, fmt.Errorf("read earlier checks from %s: %w", s.path, err)
		}
		if len(out) > 0 && out[len(out)-1].Path == d.Path {
			continue
		}
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read earlier checks from %s: %w", s.path, err)
	}
	return out, nil
}
