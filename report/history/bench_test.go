package history

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/copydesk/copydesk/rules"
)

const corpora = "../../../shared/corpora"

// bbcResult builds a run result over the BBC corpus: every article's hash,
// words and section, and perDoc findings per article (published copy draws
// far fewer than one).
func bbcResult(tb testing.TB, perDoc int) *rules.Result {
	tb.Helper()
	root := filepath.Join(corpora, "bbc", "bbc")
	if _, err := os.Stat(root); err != nil {
		tb.Skip("../shared/corpora not found: the BBC corpus is needed for this benchmark")
	}
	res := &rules.Result{}
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".txt") || filepath.Base(path) == "README.TXT" {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(src)
		rel, _ := filepath.Rel(root, path)
		res.Documents = append(res.Documents, rules.DocumentInfo{Path: rel, Hash: hex.EncodeToString(sum[:]),
			Words: len(strings.Fields(string(src))), Title: strings.SplitN(string(src), "\n", 2)[0], Section: filepath.Dir(rel)})
		for k := range perDoc {
			res.Findings = append(res.Findings, rules.Finding{Path: rel, Rule: "repeated-word", Category: rules.Mechanics,
				Severity: rules.Warning, Line: 3 + k, Fingerprint: fmt.Sprintf("%x", sha256.Sum256([]byte(rel+fmt.Sprint(k))))[:32]})
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	if len(res.Documents) < 2000 {
		tb.Fatalf("found %d BBC articles, want about 2,225", len(res.Documents))
	}
	return res
}

// BenchmarkRecordBBC measures what --record adds to a check of the BBC
// corpus: opening the history, recording one run of its 2,225 documents
// (with none, one or two findings each) and closing it. The history grows
// by one run each iteration, as it would in use.
//
//	go test ./report/history -run '^$' -bench RecordBBC -benchtime 20x
func BenchmarkRecordBBC(b *testing.B) {
	for _, perDoc := range []int{0, 1, 2} {
		b.Run(fmt.Sprintf("findings-per-doc=%d", perDoc), func(b *testing.B) { benchRecord(b, perDoc) })
	}
}

func benchRecord(b *testing.B, perDoc int) {
	res := bbcResult(b, perDoc)
	path := filepath.Join(b.TempDir(), "history.db")
	ctx := context.Background()
	cpu0 := cpuTime()
	for b.Loop() {
		s, err := Open(ctx, path, Options{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.Record(ctx, Run{ToolVersion: "bench", Paths: []string{"bbc"}}, res, nil); err != nil {
			b.Fatal(err)
		}
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric((cpuTime()-cpu0).Seconds()*1000/float64(b.N), "cpu-ms/op")
}

// cpuTime is the process's user and system time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
