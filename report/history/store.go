// Package history is copydesk's run-history store: `copydesk check --record`
// and `copydesk dupes --record` write each run (its metadata, every document
// checked and every finding) to a SQLite database, and `copydesk report`
// reads it back.
//
// The database is a pure-Go SQLite file (modernc.org/sqlite), by default
// .copydesk/history.db. It is marked with an application_id and a schema
// version (user_version); a file without the mark is refused, never
// modified. The file runs in WAL mode with a busy timeout, and each run is
// written in one immediate transaction, so two CI jobs may record into the
// same file at once and a run that fails midway leaves nothing behind.
//
// Each document row carries its own finding counts by severity, so that the
// report can compute scores and densities from documents alone and read
// findings only where it needs them (rules, new and resolved).
package history

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"github.com/copydesk/copydesk/rules"

	_ "modernc.org/sqlite" // registers the "sqlite" database/sql driver
)

// DefaultPath is where the history lives unless --store says otherwise.
const DefaultPath = ".copydesk/history.db"

// Tools that record runs.
const (
	ToolCheck = "check" // a rule run: documents and findings
	ToolDupes = "dupes" // a near-duplicate run: documents and clusters
)

// applicationID marks a SQLite file as a copydesk history ("CpDk").
const applicationID = 0x4370446b

// ErrForeign is wrapped by the error Open returns for a file that is not a
// copydesk history database (another SQLite database, a damaged file, or
// something else entirely).
var ErrForeign = errors.New("not a copydesk history database")

// ErrNotFound is wrapped by the error Open returns when MustExist is set and
// there is no database at the path.
var ErrNotFound = errors.New("no history database")

// Options tune Open.
type Options struct {
	// Clock gives the current time; time.Now when nil. Record uses it for a
	// run without a time, Prune for the age of runs.
	Clock func() time.Time
	// MustExist refuses to create a new database (for reading commands).
	MustExist bool
}

// Store is an open history database. It is safe for use by several
// goroutines; several processes may open the same file.
type Store struct {
	db    *sql.DB
	path  string
	clock func() time.Time
}

// Open opens the history database at path, creating it (and its directory)
// when it does not exist, and brings its schema up to date. A file that is
// not a copydesk history is refused with an error wrapping ErrForeign and
// left untouched.
func Open(ctx context.Context, path string, opt Options) (*Store, error) {
	clock := opt.Clock
	if clock == nil {
		clock = time.Now
	}
	fresh, err := inspectFile(path)
	if err != nil {
		return nil, err
	}
	if fresh && opt.MustExist {
		return nil, fmt.Errorf("%s: %w (record runs with `copydesk check --record`)", path, ErrNotFound)
	}
	if fresh {
		if dir := filepath.Dir(path); dir != "" {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return nil, fmt.Errorf("create history directory: %w", err)
			}
		}
	}
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(15000)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Set("_txlock", "immediate")
	dsn := "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open history %s: %w", path, err)
	}
	// One connection: the CLI is one goroutine at a time, and pragmas and
	// transactions then never straddle two connections.
	db.SetMaxOpenConns(1)
	s := &Store{db: db, path: path, clock: clock}
	if err := s.init(ctx, fresh); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// inspectFile reports whether path is absent or empty (a new database) and
// refuses a file that is not SQLite at all, before SQLite touches it.
func inspectFile(path string) (fresh bool, err error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return true, nil
	}
	if err != nil {
		return false, fmt.Errorf("open history %s: %w", path, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return false, fmt.Errorf("open history %s: %w", path, err)
	}
	if st.IsDir() {
		return false, fmt.Errorf("%s is %w (it is a directory)", path, ErrForeign)
	}
	if st.Size() == 0 {
		return true, nil
	}
	head := make([]byte, 16)
	if _, err := io.ReadFull(f, head); err != nil || string(head) != "SQLite format 3\x00" {
		return false, fmt.Errorf("%s is %w", path, ErrForeign)
	}
	return false, nil
}

// init checks the file's mark and applies pending migrations. Only a file
// that carries the copydesk mark, or a brand-new one, is ever written.
func (s *Store) init(ctx context.Context, fresh bool) error {
	if !fresh {
		// Read the mark through SQLite (a WAL file may hold a newer page 1
		// than the main file) before changing anything.
		if err := s.checkMark(ctx); err != nil {
			return err
		}
	}
	// WAL lets readers run beside a recording job; the mode is stored in the
	// file, so this is a no-op after the first time.
	if _, err := s.db.ExecContext(ctx, "PRAGMA journal_mode=WAL"); err != nil {
		return s.wrapOpen(err)
	}
	if !fresh {
		// The usual case: an up-to-date history needs no write lock.
		var app, ver int64
		if err := s.db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&app); err != nil {
			return s.wrapOpen(err)
		}
		if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&ver); err != nil {
			return s.wrapOpen(err)
		}
		if app == applicationID && ver == int64(len(migrations)) {
			return nil
		}
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return s.wrapOpen(err)
	}
	defer func() { _ = tx.Rollback() }()
	var app, ver int64
	if err := tx.QueryRowContext(ctx, "PRAGMA application_id").Scan(&app); err != nil {
		return s.wrapOpen(err)
	}
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&ver); err != nil {
		return s.wrapOpen(err)
	}
	if app == 0 {
		// Another process may have created it meanwhile; we hold the write
		// lock now, so re-check that the file is really empty.
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master").Scan(&n); err != nil {
			return s.wrapOpen(err)
		}
		if n != 0 {
			return fmt.Errorf("%s is %w", s.path, ErrForeign)
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id=%d", applicationID)); err != nil {
			return s.wrapOpen(err)
		}
	} else if app != applicationID {
		return fmt.Errorf("%s is %w", s.path, ErrForeign)
	}
	if ver > int64(len(migrations)) {
		return fmt.Errorf("%s has history schema v%d, newer than this copydesk knows (v%d): upgrade copydesk", s.path, ver, len(migrations))
	}
	if ver == int64(len(migrations)) {
		return nil // nothing to write; Rollback ends the read
	}
	for v := ver; v < int64(len(migrations)); v++ {
		if _, err := tx.ExecContext(ctx, migrations[v]); err != nil {
			return fmt.Errorf("migrate history %s to v%d: %w", s.path, v+1, err)
		}
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version=%d", len(migrations))); err != nil {
		return s.wrapOpen(err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("migrate history %s: %w", s.path, err)
	}
	return nil
}

// checkMark accepts a file with the copydesk mark, or an empty SQLite
// database (one whose creation stopped before its schema was written).
func (s *Store) checkMark(ctx context.Context) error {
	var app int64
	if err := s.db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&app); err != nil {
		return s.wrapOpen(err)
	}
	if app == applicationID {
		return nil
	}
	var n int
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master").Scan(&n); err != nil {
		return s.wrapOpen(err)
	}
	if app != 0 || n != 0 {
		return fmt.Errorf("%s is %w", s.path, ErrForeign)
	}
	return nil
}

// wrapOpen turns SQLite's complaint about a damaged file into the foreign
// error, keeping the cause.
func (s *Store) wrapOpen(err error) error {
	return fmt.Errorf("%s is %w (or is damaged): %w", s.path, ErrForeign, err)
}

// Path is the database's file path.
func (s *Store) Path() string { return s.path }

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// migrations[i] takes the schema from version i to i+1. Never edit a
// released step: append a new one.
var migrations = []string{
	`CREATE TABLE runs (
		id INTEGER PRIMARY KEY,
		time INTEGER NOT NULL,            -- Unix milliseconds, UTC
		tool TEXT NOT NULL,               -- check or dupes
		tool_version TEXT NOT NULL,
		ruleset_version TEXT NOT NULL,
		paths TEXT NOT NULL,              -- JSON array of the paths given
		git_commit TEXT NOT NULL,
		documents INTEGER NOT NULL,
		words INTEGER NOT NULL,
		findings INTEGER NOT NULL,
		clusters INTEGER NOT NULL
	);
	CREATE INDEX runs_time ON runs(time);
	CREATE TABLE documents (
		run_id INTEGER NOT NULL,
		doc INTEGER NOT NULL,             -- index within the run
		path TEXT NOT NULL,
		hash TEXT NOT NULL,
		words INTEGER NOT NULL,
		title TEXT NOT NULL,
		section TEXT NOT NULL,
		author TEXT NOT NULL,
		date TEXT NOT NULL,
		errors INTEGER NOT NULL,
		warnings INTEGER NOT NULL,
		suggestions INTEGER NOT NULL,
		PRIMARY KEY (run_id, doc)
	) WITHOUT ROWID;
	CREATE TABLE findings (
		run_id INTEGER NOT NULL,
		doc INTEGER NOT NULL,             -- documents.doc; -1 when the path was not among the documents
		path TEXT NOT NULL,
		rule TEXT NOT NULL,
		category TEXT NOT NULL,
		severity INTEGER NOT NULL,        -- 1 suggestion, 2 warning, 3 error
		fingerprint TEXT NOT NULL,
		line INTEGER NOT NULL
	);
	CREATE INDEX findings_run ON findings(run_id);
	CREATE TABLE clusters (
		run_id INTEGER NOT NULL,
		cluster INTEGER NOT NULL,
		canonical TEXT NOT NULL,
		similarity REAL NOT NULL,
		members TEXT NOT NULL,            -- JSON array of paths
		PRIMARY KEY (run_id, cluster)
	) WITHOUT ROWID;`,
}

// marshalPaths stores a path list as JSON.
func marshalPaths(p []string) string {
	if p == nil {
		p = []string{}
	}
	b, _ := json.Marshal(p)
	return string(b)
}

func unmarshalPaths(s string) []string {
	var p []string
	_ = json.Unmarshal([]byte(s), &p)
	return p
}

// severityCode is the stored form of a severity.
func severityCode(s rules.Severity) int { return int(s) }
