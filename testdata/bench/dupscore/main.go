// Command dupscore writes the labelled near-duplicate set (rules/similar/dupgen)
// and scores duplicate finders on it: copydesk dupes --format json, and
// ssdeep -r -d. It serves testdata/bench/dupes-vs-ssdeep.sh.
//
//	dupscore gen -source ../shared/corpora/bbc -out DIR
//	dupscore score -labels LABELS -copydesk FILE.json | -ssdeep FILE
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/copydesk/copydesk/rules/similar/dupgen"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "dupscore:", err)
		os.Exit(2)
	}
}

func run(args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("want a command: gen or score")
	}
	fs := flag.NewFlagSet(args[0], flag.ContinueOnError)
	source := fs.String("source", "../shared/corpora/bbc", "the BBC corpus folder (with bbc/ and the silver lists)")
	out := fs.String("out", "", "folder to write the labelled set to")
	seed := fs.Uint64("seed", 1, "generator seed")
	bases := fs.Int("bases", 150, "articles to make variants of")
	background := fs.Int("background", 400, "unrelated articles")
	labels := fs.String("labels", "", "labels.tsv written by gen")
	cd := fs.String("copydesk", "", "output of copydesk dupes --format json")
	ss := fs.String("ssdeep", "", "output of ssdeep -r -d")
	tool := fs.String("name", "", "tool name for the table")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	switch args[0] {
	case "gen":
		ex, err := dupgen.ReadExclusions(filepath.Join(*source, "silver-exact-dup-groups.tsv"), filepath.Join(*source, "silver-near-dup-pairs.tsv"))
		if err != nil {
			return err
		}
		ls, err := dupgen.Generate(dupgen.Config{Source: filepath.Join(*source, "bbc"), Exclude: ex, Out: *out, Seed: *seed, Bases: *bases, Background: *background})
		if err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "dupscore: wrote %d files' worth of labels (%d related pairs) to %s\n", *bases*10+*background, len(ls), *out)
		return nil
	case "score":
		ls, err := dupgen.ReadLabels(*labels)
		if err != nil {
			return err
		}
		var preds []dupgen.Prediction
		switch {
		case *cd != "":
			preds, err = readCopydesk(*cd)
		case *ss != "":
			preds, err = readSsdeep(*ss)
		default:
			return fmt.Errorf("score: want -copydesk or -ssdeep")
		}
		if err != nil {
			return err
		}
		dupgen.Evaluate(ls, preds).WriteTable(os.Stdout, *tool)
		return nil
	}
	return fmt.Errorf("unknown command %q", args[0])
}

func clean(p string) string { return filepath.Base(p) }

func readCopydesk(path string) ([]dupgen.Prediction, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out struct {
		Pairs []struct{ A, B, Kind string }
	}
	if err := json.Unmarshal(b, &out); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var preds []dupgen.Prediction
	for _, p := range out.Pairs {
		preds = append(preds, dupgen.Prediction{A: clean(p.A), B: clean(p.B), Kind: p.Kind})
	}
	return preds, nil
}

// ssdeep -r -d prints "FILE matches FILE (SCORE)" for each pair it relates.
var ssdeepLine = regexp.MustCompile(`^(.+) matches (.+) \((\d+)\)$`)

func readSsdeep(path string) ([]dupgen.Prediction, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var preds []dupgen.Prediction
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		m := ssdeepLine.FindStringSubmatch(strings.TrimSpace(sc.Text()))
		if m == nil {
			continue
		}
		preds = append(preds, dupgen.Prediction{A: clean(m[1]), B: clean(m[2]), Kind: "match"})
	}
	return preds, sc.Err()
}
