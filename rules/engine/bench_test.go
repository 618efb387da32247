package engine

import (
	"context"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/rules"
	"github.com/copydesk/copydesk/rules/article"
)

// corpus returns the path of a folder under ../shared/corpora, or skips.
func corpus(tb testing.TB, rel string) string {
	tb.Helper()
	p := filepath.Join("..", "..", "..", "shared", "corpora", filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		tb.Skipf("../shared/corpora not found (%v): the corpus benchmarks need the shared folder beside the repository", err)
	}
	return p
}

// thousandWordArticle joins BBC articles until it has about 1,000 words.
func thousandWordArticle(tb testing.TB) []byte {
	dir := corpus(tb, "bbc/bbc/politics")
	entries, err := os.ReadDir(dir)
	if err != nil {
		tb.Fatal(err)
	}
	var b strings.Builder
	words := 0
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			tb.Fatal(err)
		}
		if b.Len() > 0 {
			// Keep one headline: drop the first line of later articles.
			if i := strings.IndexByte(string(data), '\n'); i >= 0 {
				data = data[i:]
			}
		}
		b.Write(data)
		words += len(strings.Fields(string(data)))
		if words >= 1000 {
			break
		}
	}
	return []byte(b.String())
}

// BenchmarkCheckArticle parses and checks one ~1,000-word article with the
// default rules, in-process.
func BenchmarkCheckArticle(b *testing.B) {
	src := thousandWordArticle(b)
	all := Builtin()
	rs := DefaultRuleSet(all)
	known := func(string) bool { return true }
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		doc, err := article.Parse("story.txt", src)
		if err != nil {
			b.Fatal(err)
		}
		CheckDocument(doc, rs, known)
	}
}

// BenchmarkCheckBBC runs the whole engine (walk, read, parse, check, sort)
// over the BBC folder, with every default rule and with the document rules
// alone.
func BenchmarkCheckBBC(b *testing.B) {
	dir := corpus(b, "bbc/bbc")
	var total int64
	_ = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".txt") {
			if info, err := d.Info(); err == nil {
				total += info.Size()
			}
		}
		return nil
	})
	// The collector as the copydesk binary sets it for a small live heap
	// (cmd/copydesk/gc.go), unless GOGC says otherwise: this benchmark
	// stands for `copydesk check` over the folder.
	if _, set := os.LookupEnv("GOGC"); !set {
		defer debug.SetGCPercent(debug.SetGCPercent(400))
	}
	all := DefaultRuleSet(Builtin())
	document := &RuleSet{Severity: all.Severity}
	for _, r := range all.Rules {
		if _, corpus := r.(rules.CorpusRule); !corpus {
			document.Rules = append(document.Rules, r)
		}
	}
	for _, bc := range []struct {
		name string
		rs   *RuleSet
	}{
		{"rules=all", all},           // every default rule: the document rules and the duplicate rules
		{"rules=document", document}, // the rules that read one document at a time
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(total)
			cpu0 := cpuTime()
			for b.Loop() {
				Run(context.Background(), []string{dir}, Options{Rules: bc.rs})
			}
			b.StopTimer()
			// CPU time per run (garbage collection included) is steady when
			// other processes share the cores; wall time is not.
			b.ReportMetric((cpuTime()-cpu0).Seconds()*1000/float64(b.N), "cpu-ms/op")
		})
	}
}

// BenchmarkResultBBC runs the per-file part of result (sortFindings and
// fingerprint) over the findings of the BBC folder, grouped by file, with
// an empty group for each file without findings, as result meets them.
func BenchmarkResultBBC(b *testing.B) {
	dir := corpus(b, "bbc/bbc")
	res := Run(context.Background(), []string{dir}, Options{Rules: DefaultRuleSet(Builtin())})
	byPath := map[string][]rules.Finding{}
	for _, f := range res.Findings {
		byPath[f.Path] = append(byPath[f.Path], f)
	}
	groups := make([][]rules.Finding, 0, len(res.Documents))
	for _, d := range res.Documents {
		groups = append(groups, byPath[d.Path])
	}
	b.ReportAllocs()
	cpu0 := cpuTime()
	for b.Loop() {
		for _, g := range groups {
			sortFindings(g)
			fingerprint(g)
		}
	}
	b.StopTimer()
	b.ReportMetric((cpuTime()-cpu0).Seconds()*1000/float64(b.N), "cpu-ms/op")
}
