// Package archive is copydesk's index of published stories: the sketches
// of the near-duplicate engine (rules/similar) stored in an embedded SQLite
// database, with tables of candidate keys (body and paragraph hashes,
// MinHash LSH bands, simhash blocks) so that a new story is compared with the
// whole archive without re-reading it.
//
// The file is created by Open with create set; an existing file that is not
// a copydesk index is refused, never modified. Writers use WAL and
// immediate transactions, so concurrent runs wait for each other instead of
// corrupting the file.
package archive

import (
	"bytes"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"math/bits"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	_ "modernc.org/sqlite" // pure-Go SQLite driver "sqlite"

	"github.com/copydesk/copydesk/rules/article"
	"github.com/copydesk/copydesk/rules/similar"
)

// DefaultPath is where the index lives unless --index says otherwise.
const DefaultPath = ".copydesk/index.db"

// SchemaVersion is the layout this package reads and writes.
const SchemaVersion = 1

// applicationID marks copydesk's SQLite files ("CDSX").
const applicationID = 0x43445358

const schema = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS docs (
	id INTEGER PRIMARY KEY,
	path TEXT NOT NULL UNIQUE,
	size INTEGER NOT NULL,
	mtime INTEGER NOT NULL,
	hash BLOB NOT NULL,
	simhash INTEGER NOT NULL,
	sketch BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS keys (key INTEGER NOT NULL, doc INTEGER NOT NULL, PRIMARY KEY (key, doc)) WITHOUT ROWID;
`

// Index is an open archive index.
type Index struct {
	path string
	db   *sql.DB
	opts similar.Options
}

// ErrNotIndex is wrapped by the error Open returns for a file that is not a
// copydesk index.
var ErrNotIndex = errors.New("not a copydesk index")

func notIndex(path, why string) error {
	return fmt.Errorf("%s is %w (%s)", path, ErrNotIndex, why)
}

// Open opens the index at path. With create, a missing file (and its
// folder) is created; without, a missing file is an error.
func Open(path string, create bool) (*Index, error) {
	st, err := os.Stat(path)
	switch {
	case errors.Is(err, os.ErrNotExist) && !create:
		return nil, fmt.Errorf("index %s does not exist (create it with `copydesk index add`)", path)
	case errors.Is(err, os.ErrNotExist):
		if dir := filepath.Dir(path); dir != "" {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return nil, fmt.Errorf("create index %s: %w", path, err)
			}
		}
	case err != nil:
		return nil, fmt.Errorf("open index %s: %w", path, err)
	case st.IsDir():
		return nil, notIndex(path, "a directory")
	case st.Size() > 0:
		if err := checkHeader(path); err != nil {
			return nil, err
		}
	case !create:
		return nil, notIndex(path, "an empty file")
	}
	// WAL with synchronous=NORMAL never corrupts the file; a power cut can
	// lose the last transaction, which the next index add redoes.
	db, err := sql.Open("sqlite", path+"?_busy_timeout=30000&_txlock=immediate&_pragma=synchronous(NORMAL)&_pragma=cache_size(-65536)")
	if err != nil {
		return nil, fmt.Errorf("open index %s: %w", path, err)
	}
	x := &Index{path: path, db: db, opts: similar.DefaultOptions()}
	if err := x.init(create); err != nil {
		db.Close()
		return nil, err
	}
	return x, nil
}

// checkHeader refuses files that are not SQLite databases before SQLite
// gets a chance to write to them.
func checkHeader(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("open index %s: %w", path, err)
	}
	defer f.Close()
	head := make([]byte, 100)
	n, _ := f.Read(head)
	if n < 100 || !bytes.HasPrefix(head, []byte("SQLite format 3\x00")) {
		return notIndex(path, "not an SQLite database")
	}
	// The application id is a big-endian field at offset 68 of the header.
	id := uint32(head[68])<<24 | uint32(head[69])<<16 | uint32(head[70])<<8 | uint32(head[71])
	if id != applicationID {
		return notIndex(path, "an SQLite database of another application")
	}
	return nil
}

func (x *Index) init(create bool) error {
	var id int64
	if err := x.db.QueryRow("PRAGMA application_id").Scan(&id); err != nil {
		return fmt.Errorf("%s is %w or is damaged: %w", x.path, ErrNotIndex, err)
	}
	if id == 0 && create {
		if err := x.create(); err != nil {
			return err
		}
	} else if id != applicationID {
		return notIndex(x.path, "an SQLite database of another application")
	}
	var v string
	if err := x.db.QueryRow("SELECT value FROM meta WHERE key = 'schema'").Scan(&v); err != nil {
		return fmt.Errorf("%s is %w or is damaged: %w", x.path, ErrNotIndex, err)
	}
	if v != fmt.Sprint(SchemaVersion) {
		return fmt.Errorf("index %s has schema version %s; this copydesk reads version %d (delete it and run `copydesk index add` again)", x.path, v, SchemaVersion)
	}
	return x.useWAL()
}

// useWAL switches the file to write-ahead logging (a persistent setting,
// made once). The switch needs the file to itself: while another process
// uses it, it is retried for a while and then left to a later run; the
// rollback journal is as safe, only slower for concurrent readers.
func (x *Index) useWAL() error {
	var mode string
	if err := x.db.QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil {
		return fmt.Errorf("open index %s: %w", x.path, err)
	}
	for attempt := 0; !strings.EqualFold(mode, "wal"); attempt++ {
		err := x.db.QueryRow("PRAGMA journal_mode=WAL").Scan(&mode)
		switch {
		case err == nil:
		case strings.Contains(err.Error(), "SQLITE_BUSY") || strings.Contains(err.Error(), "database is locked"):
			if attempt == 20 {
				return nil
			}
			time.Sleep(50 * time.Millisecond)
		default:
			return fmt.Errorf("open index %s: %w", x.path, err)
		}
	}
	return nil
}

func (x *Index) create() error {
	tx, err := x.db.Begin()
	if err != nil {
		return fmt.Errorf("create index %s: %w", x.path, err)
	}
	defer func() { _ = tx.Rollback() }()
	// Another process may have created it while this one waited for the lock.
	var id int64
	if err := tx.QueryRow("PRAGMA application_id").Scan(&id); err != nil {
		return fmt.Errorf("create index %s: %w", x.path, err)
	}
	if id == applicationID {
		return nil
	}
	var tables int
	if err := tx.QueryRow("SELECT count(*) FROM sqlite_master").Scan(&tables); err != nil {
		return fmt.Errorf("create index %s: %w", x.path, err)
	}
	if tables > 0 {
		return notIndex(x.path, "an SQLite database of another application")
	}
	stmts := []string{schema, fmt.Sprintf("PRAGMA application_id = %d", applicationID),
		"INSERT OR IGNORE INTO meta VALUES ('application', 'copydesk')",
		fmt.Sprintf("INSERT OR IGNORE INTO meta VALUES ('schema', '%d')", SchemaVersion)}
	for _, s := range stmts {
		if _, err := tx.Exec(s); err != nil {
			return fmt.Errorf("create index %s: %w", x.path, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("create index %s: %w", x.path, err)
	}
	return nil
}

// Close closes the database.
func (x *Index) Close() error { return x.db.Close() }

// Len is the number of documents in the index.
func (x *Index) Len() (int, error) {
	var n int
	if err := x.db.QueryRow("SELECT count(*) FROM docs").Scan(&n); err != nil {
		return 0, fmt.Errorf("read index %s: %w", x.path, err)
	}
	return n, nil
}

// Stats says what Add did.
type Stats struct {
	Added, Updated, Unchanged, Removed, Skipped int
}

type known struct {
	size, mtime int64
	hash        []byte
}

type loaded struct {
	path        string
	size, mtime int64
	hash        []byte
	sketch      *similar.Sketch
	touch       bool // content unchanged: only size and mtime change
	err         error
}

// racyWindow is how recent a modification time must be not to be trusted.
const racyWindow = 2 * time.Second

// batchSize is the number of documents written per transaction.
const batchSize = 500

// Add brings the index up to date with files: new and changed ones (size,
// modification time, then content hash) are read and sketched, unchanged
// ones skipped, and documents under one of roots (a folder, or a file
// itself) that are not in files any more are removed. Paths are stored
// cleaned, as given. Files that cannot be read are reported in errs; the
// others are still indexed.
func (x *Index) Add(roots, files []string) (st Stats, errs []error, err error) {
	have := map[string]known{}
	rows, err := x.db.Query("SELECT path, size, mtime, hash FROM docs")
	if err != nil {
		return st, nil, fmt.Errorf("read index %s: %w", x.path, err)
	}
	for rows.Next() {
		var p string
		var k known
		if err := rows.Scan(&p, &k.size, &k.mtime, &k.hash); err != nil {
			rows.Close()
			return st, nil, fmt.Errorf("read index %s: %w", x.path, err)
		}
		have[p] = k
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return st, nil, fmt.Errorf("read index %s: %w", x.path, err)
	}
	present := map[string]bool{}
	jobs := make(chan string)
	results := make(chan loaded)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range jobs {
				results <- load(p, have)
			}
		}()
	}
	go func() {
		for _, f := range files {
			p := filepath.Clean(f)
			if present[p] {
				continue
			}
			present[p] = true
			jobs <- p
		}
		close(jobs)
		wg.Wait()
		close(results)
	}()
	var batch []loaded
	var werr error
	flush := func() {
		if werr == nil && len(batch) > 0 {
			werr = x.write(batch, nil)
		}
		batch = batch[:0]
	}
	for r := range results {
		switch {
		case r.err != nil:
			errs = append(errs, r.err)
			continue
		case r.sketch == nil && !r.touch:
			if r.size < 0 {
				st.Skipped++
			} else {
				st.Unchanged++
			}
			continue
		case r.touch:
			st.Unchanged++
		case have[r.path].hash != nil:
			st.Updated++
		default:
			st.Added++
		}
		batch = append(batch, r)
		if len(batch) >= batchSize {
			flush()
		}
	}
	flush()
	if werr != nil {
		return st, errs, werr
	}
	var gone []string
	for p := range have {
		if !present[p] && under(p, roots) {
			gone = append(gone, p)
		}
	}
	if len(gone) > 0 {
		if err := x.write(nil, gone); err != nil {
			return st, errs, err
		}
		st.Removed = len(gone)
	}
	return st, errs, nil
}

// under reports whether path is one of roots or inside one of them.
func under(path string, roots []string) bool {
	for _, r := range roots {
		r = filepath.Clean(r)
		if path == r || r == "." && !filepath.IsAbs(path) && !strings.HasPrefix(path, "..") ||
			strings.HasPrefix(path, r+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

// load reads and sketches one file unless the index already has it. A
// skipped (binary) file comes back with size -1.
func load(path string, have map[string]known) loaded {
	fi, err := os.Stat(path)
	if err != nil {
		return loaded{path: path, err: err}
	}
	mtime := fi.ModTime().UnixNano()
	k, ok := have[path]
	if ok && k.size == fi.Size() && k.mtime == mtime {
		return loaded{path: path}
	}
	r := loaded{path: path, size: fi.Size(), mtime: mtime}
	if time.Since(fi.ModTime()) < racyWindow {
		// File systems stamp modification times with a coarse clock: a
		// file rewritten at the same size a moment later can keep its
		// time. A recent time is not trusted (stored as 0), so the next
		// add compares the content, as git does with racily clean files.
		r.mtime = 0
	}
	src, err := os.ReadFile(path)
	if err != nil {
		return loaded{path: path, err: err}
	}
	h := sha256.Sum256(src)
	r.hash = h[:]
	if ok && bytes.Equal(k.hash, r.hash) {
		r.touch = true
		return r
	}
	doc, err := article.Parse(path, src)
	if errors.Is(err, article.ErrBinary) {
		return loaded{path: path, size: -1}
	}
	if err != nil {
		return loaded{path: path, err: fmt.Errorf("%s: %w", path, err)}
	}
	r.sketch = similar.NewSketch(doc)
	return r
}

// Put stores a sketch as the document at its path, replacing any older one.
// Add is the usual way in; Put serves callers that sketch documents
// themselves.
func (x *Index) Put(s *similar.Sketch, size, mtime int64, hash []byte) error {
	return x.write([]loaded{{path: s.Path, size: size, mtime: mtime, hash: hash, sketch: s}}, nil)
}

// PutAll stores many sketches in batched transactions.
func (x *Index) PutAll(ss []*similar.Sketch) error {
	for i := 0; i < len(ss); i += batchSize {
		var batch []loaded
		for _, s := range ss[i:min(i+batchSize, len(ss))] {
			batch = append(batch, loaded{path: s.Path, hash: []byte{}, sketch: s})
		}
		if err := x.write(batch, nil); err != nil {
			return err
		}
	}
	return nil
}

func (x *Index) write(batch []loaded, gone []string) error {
	tx, err := x.db.Begin()
	if err != nil {
		return fmt.Errorf("write index %s: %w", x.path, err)
	}
	defer func() { _ = tx.Rollback() }()
	find, err := tx.Prepare("SELECT id, sketch FROM docs WHERE path = ?")
	if err != nil {
		return fmt.Errorf("write index %s: %w", x.path, err)
	}
	delKey, err := tx.Prepare("DELETE FROM keys WHERE key = ? AND doc = ?")
	if err != nil {
		return fmt.Errorf("write index %s: %w", x.path, err)
	}
	delDoc, err := tx.Prepare("DELETE FROM docs WHERE id = ?")
	if err != nil {
		return fmt.Errorf("write index %s: %w", x.path, err)
	}
	// remove deletes a document and its keys, found again from its sketch
	// (the key table has no per-document index, which would double its
	// size).
	remove := func(path string) error {
		var id int64
		var blob []byte
		err := find.QueryRow(path).Scan(&id, &blob)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return err
		}
		var old similar.Sketch
		if old.UnmarshalBinary(blob) == nil {
			for _, k := range keysOf(&old, x.opts) {
				if _, err := delKey.Exec(k, id); err != nil {
					return err
				}
			}
		} else if _, err := tx.Exec("DELETE FROM keys WHERE doc = ?", id); err != nil {
			return err
		}
		_, err = delDoc.Exec(id)
		return err
	}
	touch, err := tx.Prepare("UPDATE docs SET size = ?, mtime = ? WHERE path = ?")
	if err != nil {
		return fmt.Errorf("write index %s: %w", x.path, err)
	}
	ins, err := tx.Prepare("INSERT INTO docs (path, size, mtime, hash, simhash, sketch) VALUES (?, ?, ?, ?, ?, ?)")
	if err != nil {
		return fmt.Errorf("write index %s: %w", x.path, err)
	}
	insKey, err := tx.Prepare("INSERT OR IGNORE INTO keys (key, doc) VALUES (?, ?)")
	if err != nil {
		return fmt.Errorf("write index %s: %w", x.path, err)
	}
	for _, p := range gone {
		if err := remove(p); err != nil {
			return fmt.Errorf("write index %s: %w", x.path, err)
		}
	}
	for _, r := range batch {
		if r.touch {
			if _, err := touch.Exec(r.size, r.mtime, r.path); err != nil {
				return fmt.Errorf("write index %s: %w", x.path, err)
			}
			continue
		}
		if err := remove(r.path); err != nil {
			return fmt.Errorf("write index %s: %w", x.path, err)
		}
		s := r.sketch
		s.Path = r.path
		blob, _ := s.MarshalBinary()
		res, err := ins.Exec(r.path, r.size, r.mtime, r.hash, int64(s.Simhash), blob)
		if err != nil {
			return fmt.Errorf("write index %s: %w", x.path, err)
		}
		id, err := res.LastInsertId()
		if err != nil {
			return fmt.Errorf("write index %s: %w", x.path, err)
		}
		for _, k := range keysOf(s, x.opts) {
			if _, err := insKey.Exec(k, id); err != nil {
				return fmt.Errorf("write index %s: %w", x.path, err)
			}
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("write index %s: %w", x.path, err)
	}
	return nil
}

// Key tags: which table of candidates a key belongs to.
const (
	tagBody    = 1
	tagBand    = 2 // + band number
	tagPara    = 200
	tagSimhash = 210 // + block number
)

func key(tag int, v uint64) int64 {
	return int64(mixKey(v ^ uint64(tag)*0x9e3779b97f4a7c15))
}

func mixKey(x uint64) uint64 {
	x ^= x >> 33
	x *= 0xff51afd7ed558ccd
	x ^= x >> 33
	x *= 0xc4ceb9fe1a85ec53
	x ^= x >> 33
	return x
}

type taggedKey struct {
	key int64
	tag int
}

func keysOfTagged(s *similar.Sketch, o similar.Options) []taggedKey {
	if s.Words < o.MinWords {
		return nil
	}
	out := []taggedKey{{key(tagBody, s.BodyHash), tagBody}}
	for b := range similar.Bands {
		out = append(out, taggedKey{key(tagBand+b, uint64(s.Bands[b])), tagBand})
	}
	for i := range 4 {
		out = append(out, taggedKey{key(tagSimhash+i, (s.Simhash>>(16*i))&0xffff), tagSimhash})
	}
	seen := map[uint64]bool{}
	for _, p := range s.Paras {
		if p.Body && p.Words >= similar.MinParaWords && !seen[p.Hash] {
			seen[p.Hash] = true
			out = append(out, taggedKey{key(tagPara, p.Hash), tagPara})
		}
	}
	return out
}

func keysOf(s *similar.Sketch, o similar.Options) []int64 {
	tk := keysOfTagged(s, o)
	out := make([]int64, len(tk))
	for i, k := range tk {
		out[i] = k.key
	}
	return out
}

// Caps per key, as in the in-memory finder: a key shared by more documents
// than this is boilerplate or noise, not a lead.
const (
	capBody    = 64
	capBand    = 64
	capPara    = 16
	capSimhash = 512
)

// Candidates returns the archived sketches that may be related to s (to be
// verified with similar.Compare or a Finder).
func (x *Index) Candidates(s *similar.Sketch) ([]*similar.Sketch, error) {
	q, err := x.db.Prepare("SELECT doc FROM keys WHERE key = ? LIMIT ?")
	if err != nil {
		return nil, fmt.Errorf("read index %s: %w", x.path, err)
	}
	defer q.Close()
	cand := map[int64]bool{}
	simCand := map[int64]bool{}
	for _, k := range keysOfTagged(s, x.opts) {
		limit := map[int]int{tagBody: capBody, tagBand: capBand, tagPara: capPara, tagSimhash: capSimhash}[k.tag]
		rows, err := q.Query(k.key, limit+1)
		if err != nil {
			return nil, fmt.Errorf("read index %s: %w", x.path, err)
		}
		var ids []int64
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, fmt.Errorf("read index %s: %w", x.path, err)
			}
			ids = append(ids, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("read index %s: %w", x.path, err)
		}
		if len(ids) > limit && k.tag != tagBody {
			continue
		}
		for _, id := range ids {
			if k.tag == tagSimhash {
				simCand[id] = true
			} else {
				cand[id] = true
			}
		}
	}
	var out []*similar.Sketch
	get, err := x.db.Prepare("SELECT simhash, sketch FROM docs WHERE id = ?")
	if err != nil {
		return nil, fmt.Errorf("read index %s: %w", x.path, err)
	}
	defer get.Close()
	for id := range simCand {
		if cand[id] {
			continue
		}
		var sh int64
		var blob []byte
		if err := get.QueryRow(id).Scan(&sh, &blob); err != nil {
			return nil, fmt.Errorf("read index %s: %w", x.path, err)
		}
		if bits.OnesCount64(uint64(sh)^s.Simhash) <= similar.SimhashBits {
			cand[id] = true
		}
	}
	for id := range cand {
		var sh int64
		var blob []byte
		if err := get.QueryRow(id).Scan(&sh, &blob); err != nil {
			return nil, fmt.Errorf("read index %s: %w", x.path, err)
		}
		var c similar.Sketch
		if err := c.UnmarshalBinary(blob); err != nil {
			return nil, fmt.Errorf("read index %s: document %d: %w", x.path, id, err)
		}
		out = append(out, &c)
	}
	return out, nil
}
