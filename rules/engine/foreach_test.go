package engine

import (
	"sync/atomic"
	"testing"
)

func TestForEachVisitsEveryIndexOnce(t *testing.T) {
	for _, tc := range []struct{ n, workers int }{
		{0, 2}, {1, 2}, {5, 1}, {5, 0}, {3, 8}, {1000, 2}, {1000, 7},
	} {
		counts := make([]atomic.Int32, tc.n)
		forEach(tc.n, tc.workers, func(i int) { counts[i].Add(1) })
		for i := range counts {
			if c := counts[i].Load(); c != 1 {
				t.Errorf("n=%d workers=%d: index %d visited %d times, want 1", tc.n, tc.workers, i, c)
			}
		}
	}
}
