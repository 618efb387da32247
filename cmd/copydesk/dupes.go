package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"sync"

	"github.com/urfave/cli/v2"

	"github.com/copydesk/copydesk/report/history"
	"github.com/copydesk/copydesk/rules"
	"github.com/copydesk/copydesk/rules/article"
	"github.com/copydesk/copydesk/rules/engine"
	"github.com/copydesk/copydesk/rules/similar"
	"github.com/copydesk/copydesk/rules/similar/archive"
)

func dupesCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "dupes",
		Usage:     "find duplicate, near-duplicate, truncated or padded stories and reused passages",
		ArgsUsage: "[path ...]",
		Description: "Compares the stories named (files, folders, or - for standard input) with each other and, with\n" +
			"--index, with an archive index made by `copydesk index add`. Exit status: 0 when the comparison ran\n" +
			"(whether or not it found duplicates), 2 on a usage, I/O or index error.",
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "output format: text or json"},
			&cli.BoolFlag{Name: "diff", Usage: "with --format text, show a word-level diff of each pair"},
			&cli.Float64Flag{Name: "min-similarity", Value: similar.DefaultOptions().MinSimilarity, Usage: "Jaccard similarity of word 3-shingles from which two stories are near-duplicates"},
			&cli.StringFlag{Name: "index", Usage: "also compare with the stories of this archive index"},
			&cli.StringFlag{Name: "stdin-filename", Usage: "name to report for standard input ('-')"},
			&cli.IntFlag{Name: "jobs", Aliases: []string{"j"}, Usage: "files read at once (default: number of CPUs)"},
		}, recordFlags()...),
		Action: func(c *cli.Context) error { return runDupes(c, e) },
	}
}

// dupesInput is one story read for dupes: its sketch, and its bytes when
// they cannot be read again (standard input).
type dupesInput struct {
	sketch *similar.Sketch
	src    []byte
	order  int
}

// readSketches walks and reads the arguments in parallel and sketches each
// story, in argument order; unreadable files are reported and skipped.
func readSketches(args []string, jobs int, stdin io.Reader, stdinName string, warn func(path string, err error)) []dupesInput {
	var inputs []engine.Input
	engine.Walk(args, nil, func(in engine.Input) { inputs = append(inputs, in) }, warn)
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	out := make([]dupesInput, len(inputs))
	work := make(chan int)
	var wg sync.WaitGroup
	for range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				in := inputs[i]
				path := in.Path
				if in.Stdin {
					path = stdinName
				}
				src, err := engine.ReadInput(in, stdin)
				if err != nil {
					warn(path, err)
					continue
				}
				doc, err := article.Parse(path, src)
				if errors.Is(err, article.ErrBinary) {
					warn(path, errors.New("skipped: binary file"))
					continue
				}
				if err != nil {
					warn(path, err)
					continue
				}
				d := dupesInput{sketch: similar.NewSketch(doc), order: i}
				if in.Stdin {
					d.src = src
				}
				out[i] = d
			}
		}()
	}
	for i := range inputs {
		work <- i
	}
	close(work)
	wg.Wait()
	kept := out[:0]
	for _, d := range out {
		if d.sketch != nil {
			kept = append(kept, d)
		}
	}
	return kept
}

func runDupes(c *cli.Context, e *env) error {
	format := c.String("format")
	if format != "text" && format != "json" {
		return usagef("--format: unknown dupes format %q (want text or json)", format)
	}
	opts := similar.DefaultOptions()
	opts.MinSimilarity = c.Float64("min-similarity")
	if err := opts.Validate(); err != nil || opts.MinSimilarity == 0 {
		return usagef("--min-similarity %v: want a number above 0 and at most 1", c.Float64("min-similarity"))
	}
	args := c.Args().Slice()
	if len(args) == 0 {
		return usagef("dupes: name the files or folders to compare, or - for standard input")
	}
	rec, err := startRecorder(c, e)
	if err != nil {
		return err
	}
	if rec != nil {
		defer func() { _ = rec.wait() }()
	}
	var idx *archive.Index
	if p := c.String("index"); p != "" {
		var err error
		if idx, err = archive.Open(p, false); err != nil {
			return err
		}
		defer idx.Close()
	}
	var mu sync.Mutex
	failed := false
	warn := func(path string, err error) {
		mu.Lock()
		defer mu.Unlock()
		if err.Error() != "skipped: binary file" {
			failed = true
		}
		fmt.Fprintf(e.stderr, "copydesk: %s: %v\n", path, err)
	}
	stdinName := c.String("stdin-filename")
	if stdinName == "" {
		stdinName = "<stdin>"
	}
	inputs := readSketches(args, c.Int("jobs"), e.stdin, stdinName, warn)
	f := similar.NewFinder(opts)
	checked := map[string]bool{}
	for _, in := range inputs {
		f.Add(in.sketch)
		checked[filepath.Clean(in.sketch.Path)] = true
	}
	if idx != nil {
		added := map[string]bool{}
		for _, in := range inputs {
			cands, err := idx.Candidates(in.sketch)
			if err != nil {
				return err
			}
			for _, s := range cands {
				p := filepath.Clean(s.Path)
				if !checked[p] && !added[p] {
					added[p] = true
					f.AddArchived(s)
				}
			}
		}
	}
	res := f.Find()
	if rec != nil {
		rec.record(history.Run{Tool: history.ToolDupes, ToolVersion: version(), Paths: args}, &rules.Result{}, historyClusters(res))
	}
	if format == "json" {
		err = writeDupesJSON(e.stdout, len(inputs), res)
	} else {
		srcs := map[string][]byte{}
		for _, in := range inputs {
			if in.src != nil {
				srcs[in.sketch.Path] = in.src
			}
		}
		err = writeDupesText(e.stdout, e.stderr, len(inputs), res, c.Bool("diff"), srcs)
	}
	if err != nil {
		return fmt.Errorf("write output: %w", err)
	}
	if rec != nil {
		if err := rec.wait(); err != nil {
			fmt.Fprintf(e.stderr, "copydesk: %v\n", err)
			failed = true
		}
	}
	if failed {
		return exitCode(exitError)
	}
	return nil
}

// historyClusters turns duplicate clusters into what the history records:
// members, canonical path, and the cluster's similarity, the lowest Jaccard
// among its verified pairs.
func historyClusters(res *similar.Result) []history.Cluster {
	index := map[*similar.Sketch]int{}
	out := make([]history.Cluster, len(res.Clusters))
	for i, c := range res.Clusters {
		for _, m := range c.Members {
			index[m] = i
			out[i].Members = append(out[i].Members, m.Path)
		}
		out[i].Canonical = c.Canonical.Path
		out[i].Similarity = -1
	}
	for _, p := range res.Pairs {
		i, ok := index[p.A]
		if !ok {
			continue
		}
		if out[i].Similarity < 0 || p.Jaccard < out[i].Similarity {
			out[i].Similarity = p.Jaccard
		}
	}
	for i := range out {
		if out[i].Similarity < 0 {
			out[i].Similarity = 0
		}
	}
	return out
}

type dupesJSON struct {
	Version   int                `json:"version"`
	Documents int                `json:"documents"`
	Pairs     []dupesPairJSON    `json:"pairs"`
	Clusters  []dupesClusterJSON `json:"clusters"`
}

type dupesPairJSON struct {
	A           string  `json:"a"`
	B           string  `json:"b"`
	Kind        string  `json:"kind"`
	Jaccard     float64 `json:"jaccard"`
	Containment float64 `json:"containment"`
}

type dupesClusterJSON struct {
	Members   []string `json:"members"`
	Canonical string   `json:"canonical"`
}

// round4 keeps four decimals: enough to rank, stable across platforms.
func round4(x float64) float64 { return math.Round(x*10000) / 10000 }

func writeDupesJSON(w io.Writer, docs int, res *similar.Result) error {
	out := dupesJSON{Version: 1, Documents: docs, Pairs: []dupesPairJSON{}, Clusters: []dupesClusterJSON{}}
	for _, p := range res.Pairs {
		out.Pairs = append(out.Pairs, dupesPairJSON{A: p.A.Path, B: p.B.Path, Kind: string(p.Kind), Jaccard: round4(p.Jaccard), Containment: round4(p.Containment)})
	}
	for _, c := range res.Clusters {
		m := make([]string, len(c.Members))
		for i, s := range c.Members {
			m[i] = s.Path
		}
		out.Clusters = append(out.Clusters, dupesClusterJSON{Members: m, Canonical: c.Canonical.Path})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func writeDupesText(w, stderr io.Writer, docs int, res *similar.Result, diff bool, srcs map[string][]byte) error {
	clusterOf := map[*similar.Sketch]int{}
	for i, c := range res.Clusters {
		for _, m := range c.Members {
			clusterOf[m] = i
		}
	}
	byCluster := make([][]similar.Pair, len(res.Clusters))
	var shared []similar.Pair
	for _, p := range res.Pairs {
		if p.Kind == similar.SharedPassage {
			shared = append(shared, p)
			continue
		}
		i := clusterOf[p.A]
		byCluster[i] = append(byCluster[i], p)
	}
	load := func(path string) *article.Document {
		src, ok := srcs[path]
		if !ok {
			b, err := os.ReadFile(path)
			if err != nil {
				fmt.Fprintf(stderr, "copydesk: %s: cannot read it for the diff: %v\n", path, err)
				return nil
			}
			src = b
		}
		doc, err := article.Parse(path, src)
		if err != nil {
			return nil
		}
		return doc
	}
	bw := &errWriter{w: w}
	pair := func(p similar.Pair) {
		bw.printf("  %s ~ %s: %s, jaccard %.3f, containment %.3f\n", p.A.Path, p.B.Path, p.Kind, p.Jaccard, p.Containment)
		if !diff {
			return
		}
		a, b := load(p.A.Path), load(p.B.Path)
		if a == nil || b == nil {
			return
		}
		bw.printf("%s", similar.Diff(a, b, similar.DiffOptions{Indent: "      ", Width: 100}))
	}
	for i, c := range res.Clusters {
		bw.printf("cluster %d: %d stories, canonical %s\n", i+1, len(c.Members), c.Canonical.Path)
		ps := byCluster[i]
		sort.SliceStable(ps, func(x, y int) bool { return ps[x].Jaccard > ps[y].Jaccard })
		for _, p := range ps {
			pair(p)
		}
	}
	if len(shared) > 0 {
		bw.printf("shared passages:\n")
		for _, p := range shared {
			pair(p)
		}
	}
	bw.printf("%d documents, %d clusters, %d pairs (%d shared passages)\n", docs, len(res.Clusters), len(res.Pairs), len(shared))
	return bw.err
}

type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}
