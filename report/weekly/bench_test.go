package weekly

import (
	"context"
	"io"
	"syscall"
	"testing"
	"time"
)

// BenchmarkReport52Weeks builds and renders a report over 52 weeks of
// weekly checks of a 10,000-article site (about 520,000 recorded document
// checks). The spec's budget is one second.
//
//	go test ./report/weekly -run '^$' -bench Report52Weeks -benchtime 5x
func BenchmarkReport52Weeks(b *testing.B) {
	end := time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
	st := demoStore(b, site{articles: 10_000, initial: 10_000 - 52*40, weeks: 52, seed: 1}, end)
	ctx := context.Background()
	b.ResetTimer()
	cpu0 := cpuTime()
	for b.Loop() {
		r, err := Build(ctx, st, Options{From: end.Add(-week), To: end, Now: end})
		if err != nil {
			b.Fatal(err)
		}
		if err := WriteHTML(io.Discard, r); err != nil {
			b.Fatal(err)
		}
		if r.Headline.Documents.Value != 10_000 {
			b.Fatalf("report covers %v documents, want 10,000", r.Headline.Documents.Value)
		}
	}
	// CPU time per report, which a loaded machine does not inflate.
	b.ReportMetric((cpuTime()-cpu0).Seconds()/float64(b.N), "cpu-s/op")
}

// cpuTime is the process's user and system time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
