// Package dupgen writes a labelled near-duplicate test set from real
// articles: for each base article, rewrites with 2, 5, 10 and 20% of the
// words substituted, truncations to 80 and 60%, a copy wrapped in scraper
// chrome, a copy with its paragraphs reordered, and an unrelated story with a
// third of the base's paragraphs pasted in; plus unrelated background
// articles. The articles used share no run of eight words with each other,
// so the generated pairs are the only related ones. The same seed gives the
// same files.
package dupgen

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"
)

// Kinds of variant, as written in the labels.
const (
	Sub2    = "sub02"
	Sub5    = "sub05"
	Sub10   = "sub10"
	Sub20   = "sub20"
	Trunc80 = "trunc80"
	Trunc60 = "trunc60"
	Chrome  = "chrome"
	Reorder = "reorder"
	Paste   = "paste"
	// Sibling labels two variants of the same base: related, but not a
	// target of the measurements.
	Sibling = "sibling"
)

// Variants lists the variant kinds in the order they are generated.
var Variants = []string{Sub2, Sub5, Sub10, Sub20, Trunc80, Trunc60, Chrome, Reorder, Paste}

// Config says where to read and write and how much.
type Config struct {
	// Source is a folder of plain-text articles (first line the headline,
	// blank lines between paragraphs), searched recursively for *.txt.
	Source string
	// Exclude lists paths relative to Source never to use (articles known
	// to have natural duplicates).
	Exclude map[string]bool
	Out     string
	Seed    uint64
	// Bases is the number of articles to make variants of; Background the
	// number of unrelated articles to add as they are.
	Bases, Background int
}

// Label is one related pair of generated files (paths relative to Out).
type Label struct {
	A, B string
	Kind string
}

type story struct {
	name     string
	headline string
	paras    []string
}

// Generate writes the files and returns every related pair; it also writes
// them to Out/labels.tsv ("kind<TAB>a<TAB>b").
func Generate(cfg Config) ([]Label, error) {
	pool, err := load(cfg.Source, cfg.Exclude)
	if err != nil {
		return nil, err
	}
	need := 2*cfg.Bases + cfg.Background + 20
	if len(pool) < need {
		return nil, fmt.Errorf("dupgen: %d usable articles in %s, need %d", len(pool), cfg.Source, need)
	}
	rng := rand.New(rand.NewPCG(cfg.Seed, cfg.Seed^0x5eed))
	rng.Shuffle(len(pool), func(i, j int) { pool[i], pool[j] = pool[j], pool[i] })
	pool = independent(pool, 2*cfg.Bases+cfg.Background)
	bases := pool[:cfg.Bases]
	hosts := pool[cfg.Bases : 2*cfg.Bases]
	background := pool[2*cfg.Bases : 2*cfg.Bases+cfg.Background]
	others := pool[2*cfg.Bases+cfg.Background:]
	var vocab []string
	for _, s := range background {
		for _, p := range s.paras {
			for _, w := range strings.Fields(p) {
				if len(w) > 2 && isPlainWord(w) {
					vocab = append(vocab, strings.ToLower(w))
				}
			}
		}
	}
	if err := os.MkdirAll(cfg.Out, 0o755); err != nil {
		return nil, fmt.Errorf("dupgen: %w", err)
	}
	var labels []Label
	for bi, base := range bases {
		family := map[string]string{}
		origName := fmt.Sprintf("b%03d-orig.txt", bi)
		if err := write(cfg.Out, origName, base.headline, base.paras); err != nil {
			return nil, err
		}
		var members []string
		for _, kind := range Variants {
			name := fmt.Sprintf("b%03d-%s.txt", bi, kind)
			head, paras := variant(rng, kind, base, hosts[bi], others, vocab)
			if err := write(cfg.Out, name, head, paras); err != nil {
				return nil, err
			}
			family[name] = kind
			members = append(members, name)
		}
		for _, m := range members {
			labels = append(labels, Label{A: origName, B: m, Kind: family[m]})
		}
		for i := range members {
			for j := i + 1; j < len(members); j++ {
				labels = append(labels, Label{A: members[i], B: members[j], Kind: Sibling})
			}
		}
	}
	for i, s := range background {
		if err := write(cfg.Out, fmt.Sprintf("bg%03d.txt", i), s.headline, s.paras); err != nil {
			return nil, err
		}
	}
	f, err := os.Create(filepath.Join(cfg.Out, "labels.tsv"))
	if err != nil {
		return nil, fmt.Errorf("dupgen: %w", err)
	}
	w := bufio.NewWriter(f)
	for _, l := range labels {
		fmt.Fprintf(w, "%s\t%s\t%s\n", l.Kind, l.A, l.B)
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return nil, fmt.Errorf("dupgen: %w", err)
	}
	if err := f.Close(); err != nil {
		return nil, fmt.Errorf("dupgen: %w", err)
	}
	return labels, nil
}

// sharedRun is the length of a word run that two source articles must not
// share: the corpus has stories that reuse a paragraph, a columnist's
// tagline or a team line-up, and such natural relations would count as
// false positives of the generated labels.
const sharedRun = 8

// independent moves to the front the first n articles (in pool order) that
// share no run of sharedRun words with each other; the rest follow.
func independent(pool []story, n int) []story {
	seen := map[string]bool{}
	var picked, rest []story
	for _, st := range pool {
		if len(picked) == n {
			rest = append(rest, st)
			continue
		}
		var runs []string
		clash := false
		for _, p := range st.paras {
			ws := strings.Fields(strings.ToLower(p))
			for i := 0; i+sharedRun <= len(ws); i++ {
				r := strings.Join(ws[i:i+sharedRun], " ")
				if seen[r] {
					clash = true
					break
				}
				runs = append(runs, r)
			}
			if clash {
				break
			}
		}
		if clash {
			rest = append(rest, st)
			continue
		}
		for _, r := range runs {
			seen[r] = true
		}
		picked = append(picked, st)
	}
	return append(picked, rest...)
}

func variant(rng *rand.Rand, kind string, base, host story, others []story, vocab []string) (string, []string) {
	paras := slices.Clone(base.paras)
	switch kind {
	case Sub2, Sub5, Sub10, Sub20:
		pct := map[string]float64{Sub2: 0.02, Sub5: 0.05, Sub10: 0.10, Sub20: 0.20}[kind]
		return base.headline, substitute(rng, paras, pct, vocab)
	case Trunc80:
		return base.headline, truncate(paras, 0.8)
	case Trunc60:
		return base.headline, truncate(paras, 0.6)
	case Chrome:
		name := names[rng.IntN(len(names))]
		out := []string{name + " avatar", "By"}
		out = append(out, paras...)
		out = append(out, "KEEP READING")
		for range 4 {
			out = append(out, others[rng.IntN(len(others))].headline)
		}
		return base.headline, out
	case Reorder:
		if len(paras) > 1 {
			for {
				rng.Shuffle(len(paras), func(i, j int) { paras[i], paras[j] = paras[j], paras[i] })
				if !slices.Equal(paras, base.paras) {
					break
				}
			}
		}
		return base.headline, paras
	case Paste:
		n := (len(paras) + 2) / 3
		start := rng.IntN(len(paras) - n + 1)
		at := len(host.paras) / 2
		out := slices.Clone(host.paras[:at])
		out = append(out, paras[start:start+n]...)
		out = append(out, host.paras[at:]...)
		return host.headline, out
	}
	panic("dupgen: unknown variant " + kind)
}

var names = []string{"Alex Morgan", "Sam Carter", "Jo Patel", "Chris Evans", "Maria Lopez", "Lee Chen"}

func substitute(rng *rand.Rand, paras []string, pct float64, vocab []string) []string {
	words := make([][]string, len(paras))
	type pos struct{ p, w int }
	var all []pos
	for i, p := range paras {
		words[i] = strings.Fields(p)
		for j := range words[i] {
			all = append(all, pos{i, j})
		}
	}
	n := int(pct*float64(len(all)) + 0.5)
	for _, k := range rng.Perm(len(all))[:n] {
		at := all[k]
		words[at.p][at.w] = vocab[rng.IntN(len(vocab))]
	}
	out := make([]string, len(paras))
	for i := range words {
		out[i] = strings.Join(words[i], " ")
	}
	return out
}

func truncate(paras []string, frac float64) []string {
	total := 0
	for _, p := range paras {
		total += len(strings.Fields(p))
	}
	budget := int(frac*float64(total) + 0.5)
	var out []string
	for _, p := range paras {
		ws := strings.Fields(p)
		if len(ws) >= budget {
			if budget > 0 {
				out = append(out, strings.Join(ws[:budget], " "))
			}
			break
		}
		out = append(out, p)
		budget -= len(ws)
	}
	return out
}

func isPlainWord(w string) bool {
	for _, r := range w {
		if (r < 'a' || r > 'z') && (r < 'A' || r > 'Z') {
			return false
		}
	}
	return true
}

func write(dir, name, headline string, paras []string) error {
	var b strings.Builder
	b.WriteString(headline)
	b.WriteString("\n")
	for _, p := range paras {
		b.WriteString("\n")
		b.WriteString(p)
		b.WriteString("\n")
	}
	if err := os.WriteFile(filepath.Join(dir, name), []byte(b.String()), 0o644); err != nil {
		return fmt.Errorf("dupgen: %w", err)
	}
	return nil
}

// load reads the usable articles (UTF-8, a headline and at least three
// paragraphs) in path order.
func load(root string, exclude map[string]bool) ([]story, error) {
	var out []story
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || filepath.Ext(path) != ".txt" {
			return nil
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		if exclude[rel] || strings.EqualFold(d.Name(), "README.TXT") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if !utf8.Valid(b) {
			return nil
		}
		var paras []string
		for _, p := range strings.Split(strings.ReplaceAll(string(b), "\r\n", "\n"), "\n\n") {
			if p = strings.Join(strings.Fields(p), " "); p != "" {
				paras = append(paras, p)
			}
		}
		if len(paras) < 4 {
			return nil
		}
		out = append(out, story{name: rel, headline: paras[0], paras: paras[1:]})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("dupgen: read %s: %w", root, err)
	}
	return out, nil
}

// ReadExclusions reads the paths named in the BBC corpus's silver files
// (every field that ends in ".txt"), so that articles with natural
// duplicates stay out of the generated set.
func ReadExclusions(files ...string) (map[string]bool, error) {
	ex := map[string]bool{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("dupgen: %w", err)
		}
		for _, field := range strings.FieldsFunc(string(b), func(r rune) bool { return r == '\t' || r == '\n' || r == ' ' }) {
			if strings.HasSuffix(field, ".txt") {
				ex[field] = true
			}
		}
	}
	return ex, nil
}
