package similar

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"sync/atomic"
	"testing"
	"time"
)

// clusters must group as union-find over every document did, whatever
// documents the pairs leave alone.
func TestClustersMatchAllDocuments(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	kinds := []Kind{Duplicate, NearDuplicate, Contained, SharedPassage}
	for n := range 500 {
		sk := make([]*Sketch, 1+rng.IntN(40))
		for i := range sk {
			sk[i] = &Sketch{Path: fmt.Sprintf("p%03d.txt", i)}
			if rng.IntN(2) == 0 {
				sk[i].Date = time.Date(2020, 1, 1+rng.IntN(5), 0, 0, 0, 0, time.UTC)
			}
		}
		var pairs []Pair
		for range rng.IntN(30) {
			a, b := rng.IntN(len(sk)), rng.IntN(len(sk))
			if a != b {
				pairs = append(pairs, Pair{A: sk[a], B: sk[b], Kind: kinds[rng.IntN(len(kinds))]})
			}
		}
		if got, want := clusters(sk, pairs), clustersOverAll(sk, pairs); !reflect.DeepEqual(got, want) {
			t.Fatalf("case %d: clusters = %v, want %v", n, got, want)
		}
	}
}

// clustersOverAll is clusters as first written: every document is a set
// of union-find, in a map keyed by root.
func clustersOverAll(sk []*Sketch, pairs []Pair) []Cluster {
	id := make(map[*Sketch]int, len(sk))
	for i, s := range sk {
		id[s] = i
	}
	parent := make([]int, len(sk))
	for i := range parent {
		parent[i] = i
	}
	find := func(x int) int {
		for parent[x] != x {
			x = parent[x]
		}
		return x
	}
	for _, p := range pairs {
		if p.Kind == SharedPassage {
			continue
		}
		a, b := find(id[p.A]), find(id[p.B])
		if a != b {
			parent[max(a, b)] = min(a, b)
		}
	}
	groups := map[int][]*Sketch{}
	for i, s := range sk {
		groups[find(i)] = append(groups[find(i)], s)
	}
	var out []Cluster
	for _, m := range groups {
		if len(m) < 2 {
			continue
		}
		slices.SortFunc(m, func(x, y *Sketch) int { return cmpPath(x.Path, y.Path) })
		c := Cluster{Members: m, Canonical: m[0]}
		for _, s := range m[1:] {
			if before(s, c.Canonical) {
				c.Canonical = s
			}
		}
		out = append(out, c)
	}
	slices.SortFunc(out, func(x, y Cluster) int { return cmpPath(x.Members[0].Path, y.Members[0].Path) })
	return out
}

func cmpPath(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func TestInChunksCoversEachIndexOnce(t *testing.T) {
	for _, tc := range []struct{ n, size, workers int }{
		{0, 32, 2}, {1, 32, 2}, {32, 32, 2}, {33, 32, 2}, {1000, 7, 3}, {5, 1, 8},
	} {
		seen := make([]atomic.Int32, tc.n)
		inChunks(tc.n, tc.size, tc.workers, func(c, lo, hi int) {
			if lo != c*tc.size || hi != min(lo+tc.size, tc.n) {
				t.Errorf("n=%d size=%d: chunk %d is [%d, %d)", tc.n, tc.size, c, lo, hi)
			}
			for i := lo; i < hi; i++ {
				seen[i].Add(1)
			}
		})
		for i := range seen {
			if k := seen[i].Load(); k != 1 {
				t.Errorf("n=%d size=%d workers=%d: index %d covered %d times", tc.n, tc.size, tc.workers, i, k)
			}
		}
	}
}
