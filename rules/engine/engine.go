// Package engine runs copydesk's rules over inputs: it walks folders, reads
// and parses files in parallel, checks each document, applies suppression
// comments, runs the cross-document (corpus) pass, places every diagnostic
// at a line and column, fingerprints it, and sorts the findings into a
// deterministic order.
package engine

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/copydesk/copydesk/rules"
	"github.com/copydesk/copydesk/rules/article"
)

// Names of the findings the engine itself makes.
const (
	UnusedDirective = "unused-directive"
	InternalError   = "internal-error"
)

// RuleSet is the effective set of rules for a file, with the severity each
// rule's findings get.
type RuleSet struct {
	Rules    []rules.Rule
	Severity map[string]rules.Severity
}

// severity returns the effective severity of a diagnostic of rule r.
func (rs *RuleSet) severity(m *rules.Meta, d *rules.Diagnostic) rules.Severity {
	if s, ok := rs.Severity[m.Name]; ok && s != 0 {
		return s
	}
	if d != nil && d.Severity != 0 {
		return d.Severity
	}
	return m.Severity
}

func (rs *RuleSet) has(name string) bool {
	for _, r := range rs.Rules {
		if r.Meta().Name == name {
			return true
		}
	}
	return false
}

// reportsUnused tells whether an unused directive is worth a finding: the
// unused-directive rule is on, and every rule it names ran (a directive for
// a rule switched off in this run is not stale).
func (rs *RuleSet) reportsUnused(d *directive) bool {
	if !rs.has(UnusedDirective) {
		return false
	}
	for _, name := range d.rules {
		if !rs.has(name) {
			return false
		}
	}
	return true
}

// Options configure a run.
type Options struct {
	// Rules is the rule set for every file; RuleSetFor, when set, gives a
	// file's own (configuration overrides by path).
	Rules      *RuleSet
	RuleSetFor func(path string) (*RuleSet, error)
	// Known reports whether a rule name exists at all (for suppression
	// comments that name rules not enabled in this run). Defaults to the
	// names in Rules.
	Known func(name string) bool
	// Ignored filters out files by path.
	Ignored func(path string) bool
	// Jobs is the number of files checked at once (default: GOMAXPROCS).
	Jobs int
	// Stdin is read for the argument "-", reported as StdinName.
	Stdin     io.Reader
	StdinName string
	// ContentHashes fills each DocumentInfo's Hash (the history store
	// keeps it); other runs skip hashing every file.
	ContentHashes bool
	// Corpus runs the cross-document rules even for a single document
	// (for instance against an archive index). They run anyway when more
	// than one document is checked.
	Corpus bool
	// Progress, when set, is updated as files are checked.
	Progress *Progress
	// OnDocument, when set, is called (from the worker goroutines) with
	// every parsed document after its rules ran, for extra passes such as
	// an archive comparison. The rules' shared tokens of doc go back to a
	// pool when it returns (rules.ReleaseTokens): keep what a later pass
	// needs, not the rules' results.
	OnDocument func(doc *article.Document)
}

// Progress counts a run's work as it goes; read it from another goroutine.
type Progress struct {
	Total atomic.Int64 // files to check (known once the walk is done)
	Done  atomic.Int64 // files checked
	Bytes atomic.Int64 // bytes read
}

// Run checks the files and folders named by args.
func Run(ctx context.Context, args []string, opts Options) *rules.Result {
	if opts.Rules != nil {
		names := make([]string, len(opts.Rules.Rules))
		for i, rule := range opts.Rules.Rules {
			names[i] = rule.Meta().Name
		}
		rules.Warm(names...)
	}
	r := newRun(opts)
	r.run(ctx, args)
	return r.result()
}

// fileRecord is what a run keeps of a checked file: placed findings not yet
// filtered by suppression, and its directives. Documents themselves are
// dropped as soon as they are checked.
type fileRecord struct {
	order      int
	path       string
	info       rules.DocumentInfo
	findings   []rules.Finding
	directives []*directive
	rs         *RuleSet
	src        []byte // kept only for standard input, which cannot be read twice
}

type run struct {
	opts    Options
	known   func(string) bool
	corpora []corpusRun
	mu      sync.Mutex
	records []*fileRecord
	errors  []rules.FileError
	notes   []string
	ndocs   int
}

type corpusRun struct {
	meta   rules.Meta
	corpus rules.Corpus
}

func newRun(opts Options) *run {
	r := &run{opts: opts}
	if opts.Rules == nil {
		r.opts.Rules = &RuleSet{}
	}
	r.known = opts.Known
	if r.known == nil {
		names := map[string]bool{}
		for _, x := range r.opts.Rules.Rules {
			names[x.Meta().Name] = true
		}
		r.known = func(n string) bool { return names[n] }
	}
	for _, x := range r.opts.Rules.Rules {
		if cr, ok := x.(rules.CorpusRule); ok {
			r.corpora = append(r.corpora, corpusRun{meta: cr.Meta(), corpus: cr.NewCorpus()})
		}
	}
	return r
}

func (r *run) fail(path string, err error) {
	r.mu.Lock()
	r.errors = append(r.errors, rules.FileError{Path: path, Err: err})
	r.mu.Unlock()
}

func (r *run) note(path, note string) {
	r.mu.Lock()
	r.notes = append(r.notes, path+": "+note)
	r.mu.Unlock()
}

func (r *run) run(ctx context.Context, args []string) {
	jobs := r.opts.Jobs
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	type job struct {
		in    Input
		order int
	}
	work := make(chan job, jobs*4)
	var wg sync.WaitGroup
	for range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range work {
				if ctx.Err() != nil {
					continue
				}
				r.checkInput(j.in, j.order)
			}
		}()
	}
	// Files go to the workers as the walk finds them, so that reading and
	// checking overlap the walk (a few milliseconds of directory reads for
	// a folder of thousands of files). Progress learns the total when the
	// walk is done, and shows the count without it until then.
	n := 0
	Walk(args, r.opts.Ignored, func(in Input) {
		if ctx.Err() != nil {
			return
		}
		work <- job{in, n}
		n++
	}, r.fail)
	if p := r.opts.Progress; p != nil {
		p.Total.Store(int64(n))
	}
	close(work)
	wg.Wait()
	if ctx.Err() == nil && len(r.corpora) > 0 && (r.ndocs > 1 || r.opts.Corpus) {
		r.corpusPass()
	}
}

// ReadInput reads one input's bytes (standard input from stdin).
func ReadInput(in Input, stdin io.Reader) ([]byte, error) { return readInput(in, stdin, exactBuffer) }

// readInput is ReadInput with a file's buffer from alloc (see readFileWith).
func readInput(in Input, stdin io.Reader, alloc func(n int) []byte) ([]byte, error) {
	if in.Stdin {
		if stdin == nil {
			return nil, errors.New("no standard input")
		}
		return io.ReadAll(stdin)
	}
	src, err := readFileWith(in.Path, alloc)
	if err != nil {
		return nil, describe(err)
	}
	return src, nil
}

func (r *run) displayPath(in Input) string {
	if in.Stdin {
		if r.opts.StdinName != "" {
			return r.opts.StdinName
		}
		return "<stdin>"
	}
	return in.Path
}

func (r *run) checkInput(in Input, order int) {
	path := r.displayPath(in)
	if p := r.opts.Progress; p != nil {
		defer p.Done.Add(1)
	}
	pooled := !in.Stdin && r.opts.OnDocument == nil // see the end of checkInput
	alloc := exactBuffer
	if pooled {
		alloc = getReadBuffer
	}
	src, err := readInput(in, r.opts.Stdin, alloc)
	if err != nil {
		r.fail(path, err)
		return
	}
	if p := r.opts.Progress; p != nil {
		p.Bytes.Add(int64(len(src)))
	}
	doc, err := article.Parse(path, src)
	if errors.Is(err, article.ErrBinary) {
		r.note(path, "skipped: binary file")
		return
	}
	if err != nil {
		r.fail(path, err)
		return
	}
	for _, n := range doc.Notes {
		r.note(path, n)
	}
	rs := r.opts.Rules
	if r.opts.RuleSetFor != nil {
		rs, err = r.opts.RuleSetFor(path)
		if err != nil {
			r.fail(path, err)
			return
		}
	}
	rec := r.checkDocument(doc, rs)
	rec.order = order
	if in.Stdin {
		rec.src = src
	}
	for _, c := range r.corpora {
		addToCorpus(c, doc, rec)
	}
	if r.opts.OnDocument != nil {
		r.opts.OnDocument(doc)
	}
	rules.ReleaseTokens(doc)
	r.mu.Lock()
	r.records = append(r.records, rec)
	r.ndocs++
	r.mu.Unlock()
	if pooled {
		// Nothing kept of the document refers to its bytes: the parse
		// copied what the rules read, findings copy what they show.
		putReadBuffer(src)
	}
}

func addToCorpus(c corpusRun, doc *article.Document, rec *fileRecord) {
	defer func() {
		if v := recover(); v != nil {
			rec.findings = append(rec.findings, internalError(doc, c.meta.Name, v))
		}
	}()
	c.corpus.Add(doc)
}

// CheckDocument runs a rule set over one parsed document and returns its
// placed, suppressed and fingerprinted findings in order, with any
// unused-directive findings. It is what Run does for each file, without
// the corpus pass.
func CheckDocument(doc *article.Document, rs *RuleSet, known func(string) bool) []rules.Finding {
	r := newRun(Options{Rules: rs, Known: known})
	rec := r.checkDocument(doc, rs)
	rec.src = doc.Src
	r.records = []*fileRecord{rec}
	return r.result().Findings
}

func (r *run) checkDocument(doc *article.Document, rs *RuleSet) *fileRecord {
	rec := &fileRecord{path: doc.Path, rs: rs}
	for _, rule := range rs.Rules {
		if _, corpus := rule.(rules.CorpusRule); corpus {
			continue
		}
		ds := safeCheck(rule, doc, &rec.findings)
		if len(ds) == 0 {
			continue // most files: no need to build the rule's Meta
		}
		m := rule.Meta()
		for _, d := range ds {
			rec.findings = append(rec.findings, place(doc, m, rs.severity(&m, &d), d, doc.Path, nil))
		}
	}
	// After the rules: the word count reuses their token stream.
	rec.info = documentInfo(doc, r.opts.ContentHashes)
	ds, bad := parseDirectives(doc, r.known)
	rec.directives = ds
	for _, b := range bad {
		if !rs.has(UnusedDirective) {
			break
		}
		rec.findings = append(rec.findings, place(doc, unusedDirectiveMeta, rs.severity(&unusedDirectiveMeta, nil),
			rules.Diagnostic{Start: b.src, End: b.srcEnd, Message: b.message}, doc.Path, nil))
	}
	return rec
}

// safeCheck runs one rule, turning a panic into an internal-error finding.
func safeCheck(rule rules.Rule, doc *article.Document, out *[]rules.Finding) (ds []rules.Diagnostic) {
	defer func() {
		if v := recover(); v != nil {
			ds = nil
			*out = append(*out, internalError(doc, rule.Meta().Name, v))
		}
	}()
	return rule.Check(doc)
}

func internalError(doc *article.Document, rule string, v any) rules.Finding {
	msg := fmt.Sprintf("internal error in rule %s: %v (please report this with the file)", rule, v)
	return place(doc, internalErrorMeta, rules.Error, rules.Diagnostic{Message: msg}, doc.Path, nil)
}

var (
	unusedDirectiveMeta = rules.Meta{
		Name: UnusedDirective, Category: rules.Internal, Severity: rules.Warning, Default: true,
		Summary: "a copydesk suppression comment that suppresses nothing, or that cannot be understood",
		Doc: "Suppression comments (<!-- copydesk-disable-next-line RULE -- reason -->, copydesk-disable / " +
			"copydesk-enable, copydesk-disable-file) silence findings of the rules they name. A directive that " +
			"silences nothing is stale: the problem was fixed or the directive is in the wrong place, and it " +
			"would hide the next real problem there. This rule also reports directives with unknown names or " +
			"rules, and a copydesk-enable with no copydesk-disable before it. Directives naming a rule that is " +
			"switched off in this run are not reported.",
		Examples: []rules.Example{
			{Text: "<!-- copydesk-disable-next-line placeholder -- checked -->\nA clean paragraph.", Fires: true},
		},
	}
	internalErrorMeta = rules.Meta{Name: InternalError, Category: rules.Internal, Severity: rules.Error}
)

func documentInfo(doc *article.Document, hash bool) rules.DocumentInfo {
	info := rules.DocumentInfo{
		Path: doc.Path, Words: rules.WordCount(doc),
		Title: doc.Meta.Title, Section: doc.Meta.Section, Author: doc.Meta.Author, Date: doc.Meta.Date,
		Encoding: doc.Encoding,
	}
	if hash {
		sum := sha256.Sum256(doc.Src)
		info.Hash = hex.EncodeToString(sum[:])
	}
	return info
}

// place turns a diagnostic into a finding with lines and columns. other
// resolves related locations in other files (nil: same file only).
func place(doc *article.Document, m rules.Meta, sev rules.Severity, d rules.Diagnostic, path string, other func(path string) *article.Document) rules.Finding {
	start, end := clampRange(d.Start, d.End, len(doc.Src))
	f := rules.Finding{
		Path: path, Rule: m.Name, Category: m.Category, Severity: sev, Message: d.Message,
		Offset: start, EndOffset: end, Match: displayMatch(doc, start, end),
		Related: []rules.Location{}, Fixes: []rules.FindingFix{},
	}
	f.Line, f.Column = doc.Lines.Position(start)
	f.EndLine, f.EndColumn = doc.Lines.Position(end)
	for _, rel := range d.Related {
		target, tpath := doc, path
		if rel.Path != "" && rel.Path != path {
			tpath = rel.Path
			target = nil
			if other != nil {
				target = other(rel.Path)
			}
		}
		loc := rules.Location{Path: tpath, Message: rel.Message, Offset: rel.Start, EndOffset: rel.End}
		if target != nil {
			loc.Offset, loc.EndOffset = clampRange(rel.Start, rel.End, len(target.Src))
			loc.Line, loc.Column = target.Lines.Position(loc.Offset)
			loc.EndLine, loc.EndColumn = target.Lines.Position(loc.EndOffset)
		}
		f.Related = append(f.Related, loc)
	}
	for _, fx := range d.Fixes {
		ff := rules.FindingFix{Message: fx.Message, Edits: []rules.FindingEdit{}}
		for _, e := range fx.Edits {
			s, en := clampRange(e.Start, e.End, len(doc.Src))
			var loc rules.Location
			loc.Path, loc.Offset, loc.EndOffset = path, s, en
			loc.Line, loc.Column = doc.Lines.Position(s)
			loc.EndLine, loc.EndColumn = doc.Lines.Position(en)
			ff.Edits = append(ff.Edits, rules.FindingEdit{Location: loc, New: e.New})
		}
		f.Fixes = append(f.Fixes, ff)
	}
	return f
}

func clampRange(s, e, n int) (int, int) {
	if s < 0 {
		s = 0
	}
	if s > n {
		s = n
	}
	if e < s {
		e = s
	}
	if e > n {
		e = n
	}
	return s, e
}

const maxMatch = 200 // code points of the match shown in output

// displayMatch returns the source text of a range as UTF-8, shortened.
func displayMatch(doc *article.Document, s, e int) string {
	b := doc.Src[s:e]
	if doc.Encoding != "windows-1252" {
		if str, ok := validPrefix(b); ok {
			return str
		}
	}
	var str string
	if doc.Encoding == "windows-1252" {
		out, err := charmap.Windows1252.NewDecoder().Bytes(b)
		if err != nil {
			out = b
		}
		str = string(out)
	} else {
		str = strings.ToValidUTF8(string(b), "\uFFFD")
	}
	if utf8.RuneCountInString(str) > maxMatch {
		n := 0
		for i := range str {
			if n == maxMatch {
				return str[:i] + "…"
			}
			n++
		}
	}
	return str
}

// validPrefix is displayMatch for UTF-8 whose first maxMatch code points
// are valid: only they are copied, however long the match (a
// near-duplicate spans a whole body). It reports false when they are not
// valid.
func validPrefix(b []byte) (string, bool) {
	for i, n := 0, 0; i < len(b); n++ {
		if n == maxMatch {
			return string(b[:i]) + "…", true
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return "", false
		}
		i += size
	}
	return string(b), true
}

// corpusPass collects the cross-document diagnostics and places them,
// reading again the files they point at. The files are read and the
// diagnostics placed on the run's workers; the findings join their records
// in the order of the rules and of their diagnostics, as if placed one by
// one.
func (r *run) corpusPass() {
	byPath := make(map[string]*fileRecord, len(r.records))
	for _, rec := range r.records {
		byPath[rec.path] = rec
	}
	type corpusFinding struct {
		c  *corpusRun
		cd rules.CorpusDiagnostic
		f  rules.Finding
	}
	diags := make([][]rules.CorpusDiagnostic, len(r.corpora))
	n := 0
	for i := range r.corpora {
		cds, err := safeFinish(r.corpora[i])
		if err != nil {
			r.fail("rule "+r.corpora[i].meta.Name, err)
		}
		diags[i] = cds
		n += len(cds)
	}
	found := make([]corpusFinding, 0, n)
	for i, cds := range diags {
		for _, cd := range cds {
			if byPath[cd.Path] != nil {
				found = append(found, corpusFinding{c: &r.corpora[i], cd: cd})
			}
		}
	}
	// Every file a finding is in or points at, read once.
	docs := map[string]*article.Document{}
	var paths []string
	need := func(path string) {
		if _, ok := docs[path]; !ok {
			docs[path] = nil
			paths = append(paths, path)
		}
	}
	for _, x := range found {
		need(x.cd.Path)
		for _, rel := range x.cd.Related {
			if rel.Path != "" && rel.Path != x.cd.Path {
				need(rel.Path)
			}
		}
	}
	loaded := make([]*article.Document, len(paths))
	workers := r.workers()
	forEach(len(paths), workers, func(i int) { loaded[i] = r.load(paths[i], byPath[paths[i]]) })
	for i, path := range paths {
		docs[path] = loaded[i]
	}
	other := func(path string) *article.Document { return docs[path] }
	forEach(len(found), workers, func(i int) {
		x := &found[i]
		if doc := docs[x.cd.Path]; doc != nil {
			sev := r.opts.Rules.severity(&x.c.meta, &x.cd.Diagnostic)
			x.f = place(doc, x.c.meta, sev, x.cd.Diagnostic, x.cd.Path, other)
		}
	})
	for _, x := range found {
		if docs[x.cd.Path] != nil {
			rec := byPath[x.cd.Path]
			rec.findings = append(rec.findings, x.f)
		}
	}
}

// load reads a file again for the corpus pass (rec is its record, nil for a
// file not checked in this run, such as an archived story); nil when it
// cannot be read or parsed.
func (r *run) load(path string, rec *fileRecord) *article.Document {
	var src []byte
	if rec != nil && rec.src != nil {
		src = rec.src
	} else {
		b, err := readFile(path)
		if err != nil {
			return nil
		}
		src = b
	}
	if rec != nil {
		// Placing needs only the source, its encoding (known from the
		// check) and a line index, not a second parse.
		return &article.Document{Path: path, Src: src, Encoding: rec.info.Encoding,
			Lines: article.NewLineIndex(src, rec.info.Encoding == "windows-1252")}
	}
	doc, err := article.Parse(path, src)
	if err != nil {
		return nil
	}
	return doc
}

// workers is the number of goroutines a run's parallel work uses.
func (r *run) workers() int {
	if r.opts.Jobs > 0 {
		return r.opts.Jobs
	}
	return runtime.GOMAXPROCS(0)
}

// forEach calls fn(i) for every i in [0, n), on up to workers goroutines
// that take the next i as they finish one.
func forEach(n, workers int, fn func(i int)) {
	workers = min(workers, n)
	if workers <= 1 {
		for i := range n {
			fn(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				fn(i)
			}
		})
	}
	wg.Wait()
}

// safeFinish collects a corpus rule's diagnostics; a panic there is an
// internal error of the run (exit 2), not a silent loss of findings.
func safeFinish(c corpusRun) (out []rules.CorpusDiagnostic, err error) {
	defer func() {
		if v := recover(); v != nil {
			out, err = nil, fmt.Errorf("internal error in the cross-document pass: %v (please report this)", v)
		}
	}()
	return c.corpus.Finish(), nil
}

// result applies suppression, reports unused directives, fingerprints and
// sorts.
func (r *run) result() *rules.Result {
	res := &rules.Result{Errors: r.errors, Notes: r.notes}
	sort.Slice(r.records, func(i, j int) bool { return r.records[i].order < r.records[j].order })
	res.Summary.BySeverity = map[string]int{}
	res.Summary.ByRule = map[string]int{}
	// Suppression, sorting and fingerprinting are per file: on the run's
	// workers, each file's findings kept in its record.
	forEach(len(r.records), r.workers(), func(i int) { r.records[i].finish() })
	n := 0
	for _, rec := range r.records {
		n += len(rec.findings)
	}
	res.Findings = make([]rules.Finding, 0, n)
	if len(r.records) > 0 {
		res.Documents = make([]rules.DocumentInfo, 0, len(r.records))
	}
	for _, rec := range r.records {
		res.Findings = append(res.Findings, rec.findings...)
		res.Documents = append(res.Documents, rec.info)
		res.Summary.Words += rec.info.Words
	}
	if len(res.Findings) == 0 {
		res.Findings = nil // no findings: nil, as Result has always had
	}
	if !sort.SliceIsSorted(res.Findings, func(i, j int) bool { return findingLess(&res.Findings[i], &res.Findings[j]) }) {
		// Files come in the walk's order, which is nearly always the
		// order of their paths: the findings are then already sorted.
		sortFindings(res.Findings)
	}
	sort.Slice(res.Errors, func(i, j int) bool { return res.Errors[i].Path < res.Errors[j].Path })
	sort.Strings(res.Notes)
	res.Summary.Files = len(r.records)
	res.Summary.Findings = len(res.Findings)
	for _, f := range res.Findings {
		res.Summary.BySeverity[f.Severity.String()]++
		res.Summary.ByRule[f.Rule]++
	}
	return res
}

// finish applies a file's suppression comments to its findings, adds its
// unused-directive findings, and sorts and fingerprints them.
func (rec *fileRecord) finish() {
	kept := rec.findings[:0]
	for _, f := range rec.findings {
		suppressed := false
		if f.Rule != UnusedDirective && f.Rule != InternalError {
			for _, d := range rec.directives {
				if d.suppresses(f.Rule, f.Offset, f.Line) {
					d.used = true
					suppressed = true
				}
			}
		}
		if !suppressed {
			kept = append(kept, f)
		}
	}
	for _, d := range rec.directives {
		if d.used || !rec.rs.reportsUnused(d) {
			continue
		}
		kept = append(kept, rules.Finding{
			Path: rec.path, Rule: UnusedDirective, Category: rules.Internal,
			Severity: rec.rs.severity(&unusedDirectiveMeta, nil),
			Message:  fmt.Sprintf("directive %q suppresses nothing: remove it", directiveHead(d.text)),
			Offset:   d.src, EndOffset: d.srcEnd,
			Line: d.where.Line, Column: d.where.Column, EndLine: d.where.EndLine, EndColumn: d.where.EndColumn,
			Related: []rules.Location{}, Fixes: []rules.FindingFix{},
			Match: "<!-- " + d.text + " -->",
		})
	}
	sortFindings(kept)
	fingerprint(kept)
	rec.findings = kept
}

func directiveHead(text string) string {
	head, _, _ := strings.Cut(text, "--")
	return strings.TrimSpace(head)
}

func sortFindings(fs []rules.Finding) {
	if len(fs) < 2 {
		return // most files: no findings, and no sorter to make
	}
	sort.SliceStable(fs, func(i, j int) bool { return findingLess(&fs[i], &fs[j]) })
}

// findingLess is the order of findings: by path, line, column, rule and
// offset.
func findingLess(a, b *rules.Finding) bool {
	if a.Path != b.Path {
		return a.Path < b.Path
	}
	if a.Line != b.Line {
		return a.Line < b.Line
	}
	if a.Column != b.Column {
		return a.Column < b.Column
	}
	if a.Rule != b.Rule {
		return a.Rule < b.Rule
	}
	return a.Offset < b.Offset
}

// fingerprint sets each finding's fingerprint from its rule, path,
// normalised match and occurrence among equal (rule, match) findings of the
// file: no line numbers, so it survives edits above the finding.
func fingerprint(fs []rules.Finding) {
	if len(fs) == 0 {
		return
	}
	var seen map[string]int // occurrences so far, needed from a second finding on
	if len(fs) > 1 {
		seen = make(map[string]int, len(fs))
	}
	// rule NUL path NUL normalised match NUL occurrence; rule NUL
	// normalised match. Room for most findings from the start: most files
	// have one or two, and growing the buffers a byte at a time cost more
	// than hashing them.
	buf, key := make([]byte, 0, 512), make([]byte, 0, 512)
	for i := range fs {
		f := &fs[i]
		buf = append(buf[:0], f.Rule...)
		buf = append(append(buf, 0), f.Path...)
		buf = append(buf, 0)
		norm := len(buf)
		buf = appendLowerFields(buf, f.Match)
		key = append(append(append(key[:0], f.Rule...), 0), buf[norm:]...)
		occ := seen[string(key)]
		if seen != nil {
			seen[string(key)] = occ + 1
		}
		buf = strconv.AppendInt(append(buf, 0), int64(occ), 10)
		h := sha256.Sum256(buf)
		f.Fingerprint = hex.EncodeToString(h[:16])
	}
}

// appendLowerFields appends the fields of s lowered (as strings.ToLower
// lowers and strings.Fields splits them) joined by single spaces:
// strings.Join(strings.Fields(strings.ToLower(s)), " ") in one pass,
// without the lowered copy, the slice of fields and the joined copy.
// Invalid UTF-8 becomes U+FFFD, as strings.ToLower makes it.
func appendLowerFields(dst []byte, s string) []byte {
	start := len(dst)
	gap := false // a space since the last field
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			i++
			switch {
			case c == ' ' || '\t' <= c && c <= '\r': // the ASCII spaces of unicode.IsSpace
				gap = true
				continue
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			}
			if gap && len(dst) > start {
				dst = append(dst, ' ')
			}
			gap = false
			dst = append(dst, c)
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		r = unicode.ToLower(r)
		if unicode.IsSpace(r) {
			gap = true
			continue
		}
		if gap && len(dst) > start {
			dst = append(dst, ' ')
		}
		gap = false
		dst = utf8.AppendRune(dst, r)
	}
	return dst
}
