package weekly

import (
	"context"
	"io"
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
}
