package history

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/copydesk/copydesk/rules"
)

var t0 = time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)

func openTemp(t *testing.T, clock func() time.Time) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), ".copydesk", "history.db")
	s, err := Open(context.Background(), path, Options{Clock: clock})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s, path
}

func sampleResult() *rules.Result {
	return &rules.Result{
		Documents: []rules.DocumentInfo{
			{Path: "news/a.md", Hash: "aa", Words: 800, Title: "A", Section: "News", Author: "Ann", Date: "2026-11-01"},
			{Path: "sport/b.md", Hash: "bb", Words: 400, Section: "Sport", Author: "Bob"},
		},
		Findings: []rules.Finding{
			{Path: "news/a.md", Rule: "placeholder", Category: rules.Leftover, Severity: rules.Error, Fingerprint: "f1", Line: 3},
			{Path: "news/a.md", Rule: "hedge", Category: rules.Style, Severity: rules.Suggestion, Fingerprint: "f2", Line: 9},
			{Path: "news/a.md", Rule: "hedge", Category: rules.Style, Severity: rules.Suggestion, Fingerprint: "f3", Line: 12},
			{Path: "sport/b.md", Rule: "repeated-word", Category: rules.Mechanics, Severity: rules.Warning, Fingerprint: "f4", Line: 1},
			{Path: "elsewhere.md", Rule: "near-duplicate", Category: rules.Duplicate, Severity: rules.Warning, Fingerprint: "f5", Line: 1},
		},
	}
}

func TestRecordRoundTrip(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t, func() time.Time { return t0 })
	run, err := s.Record(ctx, Run{ToolVersion: "1.2.3", RulesetVersion: "rs1", Paths: []string{"news", "sport"}, GitCommit: "abc"}, sampleResult(), nil)
	if err != nil {
		t.Fatal(err)
	}
	want := Run{ID: run.ID, Time: t0, Tool: ToolCheck, ToolVersion: "1.2.3", RulesetVersion: "rs1",
		Paths: []string{"news", "sport"}, GitCommit: "abc", Documents: 2, Words: 1200, Findings: 5}
	if !reflect.DeepEqual(run, want) {
		t.Errorf("Record returned %+v, want %+v", run, want)
	}
	runs, err := s.Runs(ctx, time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 1 || !reflect.DeepEqual(runs[0], want) {
		t.Fatalf("Runs = %+v, want [%+v]", runs, want)
	}
	docs, err := s.Documents(ctx, run.ID)
	if err != nil {
		t.Fatal(err)
	}
	wantDocs := []Document{
		{RunID: run.ID, Doc: 0, Path: "news/a.md", Hash: "aa", Words: 800, Title: "A", Section: "News", Author: "Ann", Date: "2026-11-01", Errors: 1, Suggestions: 2},
		{RunID: run.ID, Doc: 1, Path: "sport/b.md", Hash: "bb", Words: 400, Section: "Sport", Author: "Bob", Warnings: 1},
	}
	if !reflect.DeepEqual(docs, wantDocs) {
		t.Errorf("Documents = %+v\nwant %+v", docs, wantDocs)
	}
	counts, err := s.DocumentCounts(ctx, run.ID)
	if err != nil {
		t.Fatal(err)
	}
	wantCounts := []Document{
		{RunID: run.ID, Doc: 0, Path: "news/a.md", Words: 800, Section: "News", Author: "Ann", Errors: 1, Suggestions: 2},
		{RunID: run.ID, Doc: 1, Path: "sport/b.md", Words: 400, Section: "Sport", Author: "Bob", Warnings: 1},
	}
	if !reflect.DeepEqual(counts, wantCounts) {
		t.Errorf("DocumentCounts = %+v\nwant %+v", counts, wantCounts)
	}
	one, err := s.Document(ctx, run.ID, 1)
	if err != nil || one != wantDocs[1] {
		t.Errorf("Document(1) = %+v, %v; want %+v", one, err, wantDocs[1])
	}
	if _, err := s.Document(ctx, run.ID, 7); err == nil {
		t.Error("Document(7) of a two-document run succeeded")
	}
	fs, err := s.Findings(ctx, run.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 5 {
		t.Fatalf("got %d findings, want 5", len(fs))
	}
	wantF := Finding{RunID: run.ID, Doc: -1, Path: "elsewhere.md", Rule: "near-duplicate", Category: "duplicate", Severity: rules.Warning, Fingerprint: "f5", Line: 1}
	if fs[4] != wantF {
		t.Errorf("finding 5 = %+v, want %+v", fs[4], wantF)
	}
	if fs[0].Doc != 0 || fs[3].Doc != 1 || fs[0].Severity != rules.Error {
		t.Errorf("findings not tied to their documents: %+v", fs)
	}
}

func TestRecordClusters(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t, func() time.Time { return t0 })
	cl := []Cluster{{Members: []string{"a.md", "b.md", "c.md"}, Canonical: "a.md", Similarity: 0.93}}
	run, err := s.Record(ctx, Run{Tool: ToolDupes}, nil, cl)
	if err != nil {
		t.Fatal(err)
	}
	if run.Clusters != 1 || run.Tool != ToolDupes {
		t.Errorf("run = %+v", run)
	}
	got, err := s.Clusters(ctx, run.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, cl) {
		t.Errorf("Clusters = %+v, want %+v", got, cl)
	}
}

// A run large enough to need several multi-row batches comes back whole.
func TestRecordManyRows(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t, nil)
	res := &rules.Result{}
	for i := range 1000 {
		p := fmt.Sprintf("d%04d.md", i)
		res.Documents = append(res.Documents, rules.DocumentInfo{Path: p, Words: i})
		for j := range i % 3 {
			res.Findings = append(res.Findings, rules.Finding{Path: p, Rule: "r", Severity: rules.Warning, Fingerprint: fmt.Sprint(i, j)})
		}
	}
	run, err := s.Record(ctx, Run{}, res, nil)
	if err != nil {
		t.Fatal(err)
	}
	docs, _ := s.Documents(ctx, run.ID)
	fs, _ := s.Findings(ctx, run.ID)
	if len(docs) != 1000 || len(fs) != len(res.Findings) {
		t.Fatalf("got %d docs and %d findings, want 1000 and %d", len(docs), len(fs), len(res.Findings))
	}
	if docs[999].Path != "d0999.md" || docs[999].Words != 999 || docs[998].Warnings != 2 {
		t.Errorf("last docs wrong: %+v %+v", docs[998], docs[999])
	}
}

func TestRecordFailureLeavesNoRun(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t, nil)
	for _, stage := range []string{"documents", "findings"} {
		t.Run(stage, func(t *testing.T) {
			recordHook = func(st string) error {
				if st == stage {
					return errors.New("disk on fire")
				}
				return nil
			}
			defer func() { recordHook = nil }()
			if _, err := s.Record(ctx, Run{}, sampleResult(), nil); err == nil || !strings.Contains(err.Error(), "disk on fire") {
				t.Fatalf("Record error = %v, want the injected failure", err)
			}
			for _, table := range []string{"runs", "documents", "findings"} {
				var n int
				if err := s.db.QueryRow("SELECT count(*) FROM " + table).Scan(&n); err != nil {
					t.Fatal(err)
				}
				if n != 0 {
					t.Errorf("%s has %d rows after a failed run, want 0", table, n)
				}
			}
		})
	}
}

func TestOpenRefusesForeignFiles(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()

	otherDB := filepath.Join(dir, "other.db")
	db, err := sql.Open("sqlite", otherDB)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES ('keep me')"); err != nil {
		t.Fatal(err)
	}
	db.Close()

	markedOther := filepath.Join(dir, "marked.db")
	db, _ = sql.Open("sqlite", markedOther)
	if _, err := db.Exec("PRAGMA application_id=1234; CREATE TABLE t (x)"); err != nil {
		t.Fatal(err)
	}
	db.Close()

	text := filepath.Join(dir, "notes.txt")
	os.WriteFile(text, []byte("just some notes, not a database at all\n"), 0o644)

	damaged := filepath.Join(dir, "damaged.db")
	good, _ := openTemp(t, nil)
	good.Record(ctx, Run{}, sampleResult(), nil)
	good.Close()
	b, _ := os.ReadFile(good.Path())
	// Keep the SQLite magic and wreck everything after it.
	for i := 16; i < len(b); i++ {
		b[i] = 0xA5
	}
	os.WriteFile(damaged, b, 0o644)

	for _, path := range []string{otherDB, markedOther, text, damaged, dir} {
		t.Run(filepath.Base(path), func(t *testing.T) {
			before, _ := os.ReadFile(path)
			_, err := Open(ctx, path, Options{})
			if !errors.Is(err, ErrForeign) {
				t.Fatalf("Open(%s) error = %v, want ErrForeign", path, err)
			}
			if !strings.Contains(err.Error(), path+" is not a copydesk history database") {
				t.Errorf("error %q does not name the file clearly", err)
			}
			after, _ := os.ReadFile(path)
			if !bytes.Equal(before, after) {
				t.Errorf("Open modified %s", path)
			}
			if _, err := os.Stat(path + "-wal"); err == nil && path != dir {
				st, _ := os.Stat(path + "-wal")
				if st.Size() > 0 {
					t.Errorf("Open left a non-empty WAL beside %s", path)
				}
			}
		})
	}
}

func TestOpenMustExist(t *testing.T) {
	path := filepath.Join(t.TempDir(), "none.db")
	_, err := Open(context.Background(), path, Options{MustExist: true})
	if !errors.Is(err, ErrNotFound) {
		t.Fatalf("error = %v, want ErrNotFound", err)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Open with MustExist created %s", path)
	}
}

func TestOpenNewerSchema(t *testing.T) {
	s, path := openTemp(t, nil)
	if _, err := s.db.Exec("PRAGMA user_version=99"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	_, err := Open(context.Background(), path, Options{})
	if err == nil || !strings.Contains(err.Error(), "newer than this copydesk knows") {
		t.Fatalf("error = %v, want a newer-schema error", err)
	}
}

func TestReopenKeepsRuns(t *testing.T) {
	ctx := context.Background()
	s, path := openTemp(t, nil)
	if _, err := s.Record(ctx, Run{}, sampleResult(), nil); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s2, err := Open(ctx, path, Options{MustExist: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	runs, err := s2.Runs(ctx, time.Time{}, time.Time{})
	if err != nil || len(runs) != 1 {
		t.Fatalf("after reopen: %d runs, err %v", len(runs), err)
	}
	var mode string
	s2.db.QueryRow("PRAGMA journal_mode").Scan(&mode)
	if mode != "wal" {
		t.Errorf("journal_mode = %q, want wal", mode)
	}
}

// Two jobs recording into one file at once both land, whole.
func TestConcurrentRecorders(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "h.db")
	const jobs, each = 3, 10
	var wg sync.WaitGroup
	errs := make(chan error, jobs*each)
	for j := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, err := Open(ctx, path, Options{})
			if err != nil {
				errs <- err
				return
			}
			defer s.Close()
			for i := range each {
				if _, err := s.Record(ctx, Run{ToolVersion: fmt.Sprint(j, i)}, sampleResult(), nil); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var runs, docs int
	s.db.QueryRow("SELECT count(*) FROM runs").Scan(&runs)
	s.db.QueryRow("SELECT count(*) FROM documents").Scan(&docs)
	if runs != jobs*each || docs != 2*jobs*each {
		t.Errorf("got %d runs and %d documents, want %d and %d", runs, docs, jobs*each, 2*jobs*each)
	}
}

func TestPrune(t *testing.T) {
	ctx := context.Background()
	now := t0
	s, _ := openTemp(t, func() time.Time { return now })
	for w := range 5 {
		now = t0.Add(time.Duration(w) * 7 * 24 * time.Hour)
		if _, err := s.Record(ctx, Run{}, sampleResult(), []Cluster{{Members: []string{"x", "y"}}}); err != nil {
			t.Fatal(err)
		}
	}
	// now is week 4; keeping 2 weeks keeps runs at weeks 2 (exactly 14 days old), 3 and 4.
	n, err := s.Prune(ctx, 2*7*24*time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if n != 2 {
		t.Errorf("pruned %d runs, want 2", n)
	}
	runs, _ := s.Runs(ctx, time.Time{}, time.Time{})
	if len(runs) != 3 || !runs[0].Time.Equal(t0.Add(14*24*time.Hour)) {
		t.Errorf("after prune: %+v", runs)
	}
	for _, table := range []string{"documents", "findings", "clusters"} {
		var orphans int
		s.db.QueryRow("SELECT count(*) FROM " + table + " WHERE run_id NOT IN (SELECT id FROM runs)").Scan(&orphans)
		if orphans != 0 {
			t.Errorf("%s keeps %d rows of pruned runs", table, orphans)
		}
	}
	if _, err := s.Prune(ctx, 0); err == nil {
		t.Error("Prune(0) succeeded, want an error")
	}
}

func TestRunsWindow(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t, nil)
	for d := range 4 {
		s.Record(ctx, Run{Time: t0.Add(time.Duration(d) * 24 * time.Hour)}, nil, nil)
	}
	got, err := s.Runs(ctx, t0.Add(24*time.Hour), t0.Add(3*24*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || !got[0].Time.Equal(t0.Add(24*time.Hour)) {
		t.Errorf("Runs window = %+v, want days 1 and 2", got)
	}
}

func TestParseSpan(t *testing.T) {
	tests := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"7d", 7 * 24 * time.Hour, true},
		{"52w", 52 * 7 * 24 * time.Hour, true},
		{"36h", 36 * time.Hour, true},
		{"90m", 90 * time.Minute, true},
		{" 10s ", 10 * time.Second, true},
		{"0d", 0, false},
		{"-3d", 0, false},
		{"7", 0, false},
		{"7y", 0, false},
		{"d", 0, false},
		{"99999999999999w", 0, false},
	}
	for _, tt := range tests {
		got, err := ParseSpan(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParseSpan(%q) = %v, %v; want %v, ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

// A file whose creation stopped before the schema was written (an empty
// SQLite database, with or without the mark) is adopted and migrated.
func TestOpenAdoptsEmptyDatabase(t *testing.T) {
	for _, setup := range []string{"PRAGMA user_version=0", fmt.Sprintf("PRAGMA application_id=%d", applicationID)} {
		path := filepath.Join(t.TempDir(), "h.db")
		db, err := sql.Open("sqlite", path)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec("PRAGMA journal_mode=WAL; " + setup); err != nil {
			t.Fatal(err)
		}
		db.Close()
		s, err := Open(context.Background(), path, Options{})
		if err != nil {
			t.Fatalf("%s: Open: %v", setup, err)
		}
		var ver int
		s.db.QueryRow("PRAGMA user_version").Scan(&ver)
		if ver != len(migrations) {
			t.Errorf("%s: schema v%d after Open, want v%d", setup, ver, len(migrations))
		}
		if _, err := s.Record(context.Background(), Run{}, sampleResult(), nil); err != nil {
			t.Errorf("%s: Record: %v", setup, err)
		}
		s.Close()
	}
}
