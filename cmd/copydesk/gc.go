package main

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
)

// The garbage collector's tuning for a short-lived checker. Checking makes
// much short-lived garbage (tokens, findings) over a small live heap, so
// the default GOGC=100 collects very often: 400 cuts CPU time on a large
// folder by about a sixth. But headroom in proportion to a large live heap
// (one 50 MB file) would cost hundreds of megabytes, and a fixed memory
// limit below the live heap makes the collector run nearly all the time. So
// after each collection the headroom is set to at most gcMaxHeadroom
// bytes, never below the default (GOGC=100).
const (
	gcMaxPercent  = 400
	gcMinPercent  = 100
	gcMaxHeadroom = 64 << 20
)

// gcPercentFor returns the GOGC value for a live heap of live bytes.
func gcPercentFor(live uint64) int {
	if live == 0 {
		return gcMaxPercent
	}
	return int(max(gcMinPercent, min(gcMaxPercent, gcMaxHeadroom*100/live)))
}

// tuneGC starts the tuning unless the user has set GOGC, which the runtime
// has already applied.
func tuneGC() {
	if _, set := os.LookupEnv("GOGC"); set {
		return
	}
	t := &gcTuner{percent: gcMaxPercent, sample: []metrics.Sample{{Name: "/gc/heap/live:bytes"}}}
	debug.SetGCPercent(t.percent)
	t.arm()
}

type gcTuner struct {
	percent int
	sample  []metrics.Sample
}

// arm sets a finalizer on a new object: it runs after the next collection,
// which is when the live heap is known.
func (t *gcTuner) arm() {
	runtime.SetFinalizer(&gcSentinel{t}, func(s *gcSentinel) {
		metrics.Read(s.t.sample)
		if p := gcPercentFor(s.t.sample[0].Value.Uint64()); p != s.t.percent {
			s.t.percent = p
			debug.SetGCPercent(p)
		}
		s.t.arm()
	})
}

// gcSentinel is garbage as soon as it is made; its finalizer marks a
// completed collection. It has a pointer field so that it is not a tiny
// allocation (finalizers on those may never run).
type gcSentinel struct{ t *gcTuner }
