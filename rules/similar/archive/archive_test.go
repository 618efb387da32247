package archive

import (
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/copydesk/copydesk/rules/article"
	"github.com/copydesk/copydesk/rules/similar"
)

var syllables = []string{"ba", "ko", "ri", "tu", "me", "sa", "lo", "ve", "ni", "da", "pe", "gu", "fa", "zo", "hi", "ca"}

// story makes a made-up article; the same seed gives the same text.
func story(seed uint64) string {
	rng := rand.New(rand.NewPCG(seed, 3))
	var b strings.Builder
	b.WriteString("Headline\n")
	for range 5 {
		b.WriteString("\n")
		for w := range 30 {
			if w > 0 {
				b.WriteString(" ")
			}
			b.WriteString(syllables[rng.IntN(16)] + syllables[rng.IntN(16)] + syllables[rng.IntN(16)])
		}
		b.WriteString(".\n")
	}
	return b.String()
}

// writeFiles writes the files and returns their paths in name order.
func writeFiles(t *testing.T, dir string, files map[string]string) []string {
	t.Helper()
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	var paths []string
	for _, name := range names {
		src := files[name]
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	return paths
}

func sketchOf(t testing.TB, path, src string) *similar.Sketch {
	doc, err := article.Parse(path, []byte(src))
	if err != nil {
		panic(err)
	}
	return similar.NewSketch(doc)
}

func TestAddAndCandidates(t *testing.T) {
	dir := t.TempDir()
	arch := filepath.Join(dir, "stories")
	paths := writeFiles(t, arch, map[string]string{"a.txt": story(1), "b.txt": story(2), "sub/c.txt": story(3), "bin.txt": "x\x00y"})
	x, err := Open(filepath.Join(dir, ".copydesk", "index.db"), true)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	st, errs, err := x.Add([]string{arch}, paths)
	if err != nil || len(errs) > 0 {
		t.Fatal(err, errs)
	}
	if st.Added != 3 || st.Skipped != 1 {
		t.Errorf("stats %+v, want 3 added, 1 skipped", st)
	}
	cands, err := x.Candidates(sketchOf(t, "new.txt", story(2)))
	if err != nil {
		t.Fatal(err)
	}
	if len(cands) != 1 || cands[0].Path != filepath.Join(arch, "b.txt") {
		t.Fatalf("candidates %v, want b.txt only", cands)
	}
	if p, ok := similar.Compare(sketchOf(t, "new.txt", story(2)), cands[0], similar.Options{}); !ok || p.Kind != similar.Duplicate {
		t.Errorf("archived sketch compares as %v %q", ok, p.Kind)
	}
	if cands, _ := x.Candidates(sketchOf(t, "new.txt", story(9))); len(cands) != 0 {
		t.Errorf("unrelated story has candidates %v", cands)
	}
}

func TestAddIsIncremental(t *testing.T) {
	dir := t.TempDir()
	paths := writeFiles(t, dir, map[string]string{"a.txt": story(1), "b.txt": story(2), "c.txt": story(3)})
	x, err := Open(filepath.Join(dir, "index.db"), true)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	add := func() Stats {
		t.Helper()
		var files []string
		for _, p := range paths {
			if _, err := os.Stat(p); err == nil {
				files = append(files, p)
			}
		}
		st, errs, err := x.Add([]string{dir}, files)
		if err != nil || len(errs) > 0 {
			t.Fatal(err, errs)
		}
		return st
	}
	add()
	if st := add(); st != (Stats{Unchanged: 3}) {
		t.Errorf("second add: %+v, want 3 unchanged", st)
	}
	later := time.Now().Add(time.Hour)
	if err := os.Chtimes(paths[0], later, later); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(paths[1], []byte(story(4)), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(paths[2]); err != nil {
		t.Fatal(err)
	}
	if st := add(); st != (Stats{Updated: 1, Unchanged: 1, Removed: 1}) {
		t.Errorf("after touch, edit, delete: %+v", st)
	}
	if n, _ := x.Len(); n != 2 {
		t.Errorf("%d documents, want 2", n)
	}
	if c, _ := x.Candidates(sketchOf(t, "n.txt", story(2))); len(c) != 0 {
		t.Errorf("the old text of an edited file is still a candidate: %v", c[0].Path)
	}
	if c, _ := x.Candidates(sketchOf(t, "n.txt", story(4))); len(c) != 1 {
		t.Errorf("the new text of an edited file is not a candidate")
	}
}

func TestOpenRefusesForeignFiles(t *testing.T) {
	dir := t.TempDir()
	foreignDB := filepath.Join(dir, "other.db")
	db, err := sql.Open("sqlite", foreignDB)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("CREATE TABLE t (x); INSERT INTO t VALUES (1)"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	damaged := filepath.Join(dir, "damaged.db")
	x, err := Open(damaged, true)
	if err != nil {
		t.Fatal(err)
	}
	x.Close()
	good, _ := os.ReadFile(damaged)
	bad := append([]byte{}, good[:100]...)
	bad = append(bad, []byte(strings.Repeat("garbage!", 600))...)
	tests := []struct {
		name    string
		content []byte
		path    string
		want    string
	}{
		{"text file", []byte("# my notes\n"), "", "is not a copydesk index (not an SQLite database)"},
		{"foreign SQLite", nil, foreignDB, "another application"},
		{"damaged index", bad, "", "is damaged"},
		{"directory", nil, dir, "a directory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := tt.path
			if p == "" {
				p = filepath.Join(t.TempDir(), "index.db")
				if err := os.WriteFile(p, tt.content, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			var before []byte
			if tt.name != "directory" {
				before, _ = os.ReadFile(p)
			}
			x, err := Open(p, true)
			if err == nil {
				_, _, err = x.Add([]string{dir}, nil)
				x.Close()
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want one containing %q", err, tt.want)
			}
			if tt.name != "directory" && tt.name != "damaged index" {
				if after, _ := os.ReadFile(p); string(after) != string(before) {
					t.Error("the foreign file was modified")
				}
				if !errors.Is(err, ErrNotIndex) {
					t.Errorf("error %v does not wrap ErrNotIndex", err)
				}
			}
		})
	}
	if _, err := Open(filepath.Join(dir, "missing.db"), false); err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("missing index without create: %v", err)
	}
}

// TestConcurrentAdd: two processes' worth of handles adding at once leave
// a consistent index.
func TestConcurrentAdd(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{}
	for i := range 40 {
		files[fmt.Sprintf("s%02d.txt", i)] = story(uint64(100 + i))
	}
	paths := writeFiles(t, dir, files)
	db := filepath.Join(dir, "index.db")
	var wg sync.WaitGroup
	errc := make(chan error, 4)
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			x, err := Open(db, true)
			if err != nil {
				errc <- err
				return
			}
			defer x.Close()
			if _, errs, err := x.Add([]string{dir}, paths); err != nil || len(errs) > 0 {
				errc <- errors.Join(append(errs, err)...)
			}
		}()
	}
	wg.Wait()
	close(errc)
	for err := range errc {
		t.Error(err)
	}
	x, err := Open(db, false)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if n, _ := x.Len(); n != 40 {
		t.Errorf("%d documents, want 40", n)
	}
	var keys, docs int
	x.db.QueryRow("SELECT count(DISTINCT doc) FROM keys").Scan(&keys)
	x.db.QueryRow("SELECT count(*) FROM docs").Scan(&docs)
	if keys != docs {
		t.Errorf("keys point at %d documents, %d stored", keys, docs)
	}
}

// TestAddSeesSameSizeRewrite: a file rewritten at once with other text of
// the same length (same size, and often the same coarse modification time)
// is re-read, not taken as unchanged.
func TestAddSeesSameSizeRewrite(t *testing.T) {
	dir := t.TempDir()
	paths := writeFiles(t, dir, map[string]string{"a.txt": story(1)})
	x, err := Open(filepath.Join(dir, "index.db"), true)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if _, _, err := x.Add([]string{dir}, paths); err != nil {
		t.Fatal(err)
	}
	other := story(2)
	if len(other) != len(story(1)) {
		t.Fatalf("the two stories differ in size (%d, %d): the test needs equal sizes", len(other), len(story(1)))
	}
	before, err := os.Stat(paths[0])
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(paths[0], []byte(other), 0o644); err != nil {
		t.Fatal(err)
	}
	// What a coarse file-system clock does: the rewrite keeps the time.
	if err := os.Chtimes(paths[0], before.ModTime(), before.ModTime()); err != nil {
		t.Fatal(err)
	}
	st, _, err := x.Add([]string{dir}, paths)
	if err != nil || st.Updated != 1 {
		t.Errorf("stats %+v, %v; want the rewritten file updated", st, err)
	}
}
