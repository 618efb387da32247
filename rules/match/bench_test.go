package match

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// article1000 returns about 1,000 words of BBC copy from the shared
// corpora, or skips.
func article1000(b *testing.B) string {
	b.Helper()
	files, _ := filepath.Glob("../../../shared/corpora/bbc/bbc/business/*.txt")
	if len(files) == 0 {
		b.Skip("../shared/corpora not found: no BBC articles to benchmark on")
	}
	sort.Strings(files)
	var sb strings.Builder
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		sb.Write(data)
		if len(strings.Fields(sb.String())) >= 1000 {
			break
		}
	}
	return sb.String()
}

// bbcDocs returns the paragraphs (non-blank lines, as the text parser
// makes blocks of them) of every BBC article, one slice per article, or
// skips.
func bbcDocs(tb testing.TB) [][]string {
	tb.Helper()
	files, _ := filepath.Glob("../../../shared/corpora/bbc/bbc/*/*.txt")
	if len(files) == 0 {
		tb.Skip("../shared/corpora not found: no BBC articles to benchmark on")
	}
	sort.Strings(files)
	docs := make([][]string, 0, len(files))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		var paras []string
		for line := range strings.SplitSeq(string(data), "\n") {
			if line = strings.TrimSpace(line); line != "" {
				paras = append(paras, line)
			}
		}
		docs = append(docs, paras)
	}
	return docs
}

func docsBytes(docs [][]string) int64 {
	var n int64
	for _, d := range docs {
		for _, p := range d {
			n += int64(len(p))
		}
	}
	return n
}

// reportCPU adds the process CPU time per op since cpu0 (steadier than
// wall time when other processes share the cores).
func reportCPU(b *testing.B, cpu0 time.Duration) {
	b.Helper()
	b.StopTimer()
	b.ReportMetric((cpuTime()-cpu0).Seconds()*1000/float64(b.N), "cpu-ms/op")
}

func BenchmarkTokenize(b *testing.B) {
	text := article1000(b)
	var toks []Token
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		toks = Tokenize(text, toks)
	}
}

// BenchmarkTokenizeBBC tokenizes every paragraph of the BBC corpus, one
// article's paragraphs into one slice as the rules' token stream does.
func BenchmarkTokenizeBBC(b *testing.B) {
	docs := bbcDocs(b)
	toks := make([]Token, 0, 1<<14)
	b.SetBytes(docsBytes(docs))
	b.ReportAllocs()
	cpu0 := cpuTime()
	for b.Loop() {
		for _, d := range docs {
			toks = toks[:0]
			for _, p := range d {
				toks = AppendTokens(toks, p)
			}
		}
	}
	reportCPU(b, cpu0)
}

func BenchmarkFind(b *testing.B) {
	text := article1000(b)
	set := MustCompile(MustList("chatbot"))
	toks := Tokenize(text, nil)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		set.Find(text, toks)
	}
}

// styleEntries are the entries of the style rules' one phrase set (see
// rules/style.go): the awkward-phrase, editorial and vague-attribution
// lists.
func styleEntries() []Entry {
	var all []Entry
	for _, name := range []string{"awkward-redundant", "awkward-filler", "awkward-idioms", "editorial", "vague-attribution"} {
		all = append(all, MustList(name)...)
	}
	return all
}

// BenchmarkFindBBC runs Find with each phrase set the rules use over the
// paragraphs of one BBC article in a hundred (23 articles: their tokens
// stay in the processor's cache between passes, as one document's tokens
// do while the rules run over them).
func BenchmarkFindBBC(b *testing.B) {
	docs := bbcDocs(b)
	type para struct {
		text string
		toks []Token
	}
	var paras []para
	var size int64
	for i := 0; i < len(docs); i += 100 {
		for _, p := range docs[i] {
			paras = append(paras, para{p, Tokenize(p, nil)})
			size += int64(len(p))
		}
	}
	for _, bc := range []struct {
		name    string
		entries []Entry
	}{
		{"chatbot", MustList("chatbot")},
		{"placeholder-labels", MustList("placeholder-labels")},
		{"style", styleEntries()},
	} {
		b.Run(bc.name, func(b *testing.B) {
			set := MustCompile(bc.entries)
			b.SetBytes(size)
			b.ReportAllocs()
			cpu0 := cpuTime()
			for b.Loop() {
				for _, p := range paras {
					set.Find(p.text, p.toks)
				}
			}
			reportCPU(b, cpu0)
		})
	}
}

// BenchmarkTokenizeFindBBC is the rules' path over every BBC article:
// tokenize its paragraphs into one slice, then run the style and chatbot
// sets over them.
func BenchmarkTokenizeFindBBC(b *testing.B) {
	docs := bbcDocs(b)
	style, chatbot := MustCompile(styleEntries()), MustCompile(MustList("chatbot"))
	toks := make([]Token, 0, 1<<14)
	var starts []int
	b.SetBytes(docsBytes(docs))
	b.ReportAllocs()
	cpu0 := cpuTime()
	for b.Loop() {
		for _, d := range docs {
			toks, starts = toks[:0], starts[:0]
			for _, p := range d {
				starts = append(starts, len(toks))
				toks = AppendTokens(toks, p)
			}
			starts = append(starts, len(toks))
			for _, set := range []*Set{style, chatbot} {
				for k, p := range d {
					set.Find(p, toks[starts[k]:starts[k+1]])
				}
			}
		}
	}
	reportCPU(b, cpu0)
}

// BenchmarkQuotationsBBC finds the quotations of every BBC paragraph.
func BenchmarkQuotationsBBC(b *testing.B) {
	docs := bbcDocs(b)
	var dst []Range
	b.SetBytes(docsBytes(docs))
	b.ReportAllocs()
	cpu0 := cpuTime()
	for b.Loop() {
		for _, d := range docs {
			for k, p := range d {
				dst = Quotations(p, k == 0, dst)
			}
		}
	}
	reportCPU(b, cpu0)
}

// BenchmarkCompile compiles each embedded list, and the style rules' set.
func BenchmarkCompile(b *testing.B) {
	for _, name := range append(ListNames(), "style") {
		entries := styleEntries()
		if name != "style" {
			entries = MustList(name)
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			cpu0 := cpuTime()
			for b.Loop() {
				MustCompile(entries)
			}
			reportCPU(b, cpu0)
		})
	}
}
