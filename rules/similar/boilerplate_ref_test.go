package similar

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/copydesk/copydesk/rules"
)

// TestBoilerplateAgreesWithReference compares boilerplate with the
// reference on the BBC folder and on random corpora whose blocks recur
// often, with hash values that share buckets, in clusters, for several
// thresholds.
func TestBoilerplateAgreesWithReference(t *testing.T) {
	total := 0
	check := func(name string, res *Result, sks []*Sketch, minDocs int) {
		t.Helper()
		got, want := boilerplate(res, sks, minDocs), boilerplateReference(res, sks, minDocs)
		total += len(want)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%s, min %d: %d findings, want %d\ngot  %+v\nwant %+v", name, minDocs, len(got), len(want), got, want)
		}
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for n := range 300 {
		docs := 2 + rng.IntN(40)
		distinct := 1 + rng.IntN(30)
		var sks []*Sketch
		for d := range docs {
			s := &Sketch{Path: fmt.Sprintf("d%03d.txt", rng.IntN(1000)*1000+d)}
			for k := range rng.IntN(12) {
				// Hashes that differ only above the low bits fall in one
				// bucket; 0 is a block without words.
				h := uint64(rng.IntN(distinct)) << (16 * uint(rng.IntN(4)))
				s.Paras = append(s.Paras, Para{Hash: h, Start: 10 * k, End: 10*k + 5})
			}
			sks = append(sks, s)
		}
		res := &Result{}
		for c := 0; c+1 < len(sks) && rng.IntN(3) > 0; c += 2 + rng.IntN(3) {
			m := sks[c:min(c+1+rng.IntN(3), len(sks))]
			res.Clusters = append(res.Clusters, Cluster{Members: m, Canonical: m[0]})
		}
		for _, minDocs := range []int{2, 3, 5, 300} {
			check(fmt.Sprintf("random %d", n), res, sks, minDocs)
		}
	}
	sks := bbcSketches(t)
	f := NewFinder(Options{})
	for _, s := range sks {
		f.Add(s)
	}
	res := f.Find()
	for _, minDocs := range []int{2, 5, 20} {
		check("BBC", res, sks, minDocs)
	}
	if total < 1000 {
		t.Errorf("only %d findings in all: the comparison says little", total)
	}
	t.Logf("%d findings compared", total)
}

// boilerplateReference is boilerplate as it was before it filtered the
// blocks by a count of their hashes; it reports the blocks that recur in at least minBoilerplate
// unrelated checked documents (documents of one duplicate cluster count
// once).
func boilerplateReference(res *Result, checked []*Sketch, minDocs int) []rules.CorpusDiagnostic {
	var out []rules.CorpusDiagnostic
	group := map[*Sketch]int{}
	for i, c := range res.Clusters {
		for _, m := range c.Members {
			group[m] = i + 1
		}
	}
	sks := slices.Clone(checked)
	slices.SortFunc(sks, func(a, b *Sketch) int {
		switch {
		case a.Path < b.Path:
			return -1
		case a.Path > b.Path:
			return 1
		}
		return 0
	})
	// What is known of each distinct block: where it first occurs and in
	// how many documents. Blocks are numbered in order of first
	// occurrence; ids holds the number of every paragraph of every
	// document in turn.
	type occ struct {
		first, at int32 // document (in sks) and paragraph of the first occurrence
		docs      int32
		last      int32 // index+1 of the last document counted
	}
	total := 0
	for _, s := range sks {
		total += len(s.Paras)
	}
	occs := make([]occ, 0, total)
	ids := make([]int32, 0, total)
	index := make(map[uint64]int32, total)
	for i, s := range sks {
		for k, p := range s.Paras {
			j, ok := index[p.Hash]
			if !ok {
				j = int32(len(occs))
				index[p.Hash] = j
				occs = append(occs, occ{first: int32(i), at: int32(k)})
			}
			ids = append(ids, j)
			if o := &occs[j]; o.last != int32(i+1) {
				o.last = int32(i + 1)
				o.docs++
			}
		}
	}
	// The distinct groups (up to minDocs) of the blocks found in minDocs
	// documents or more: no other block can recur in minDocs unrelated
	// ones.
	groups := map[int32][]int{}
	next := 0
	for i, s := range sks {
		g := group[s]
		if g == 0 {
			g = -(i + 1)
		}
		for range s.Paras {
			j := ids[next]
			next++
			if int(occs[j].docs) < minDocs {
				continue
			}
			if gs := groups[j]; len(gs) < minDocs && !slices.Contains(gs, g) {
				groups[j] = append(gs, g)
			}
		}
	}
	boiler := func(j int32) bool { return int(occs[j].docs) >= minDocs && len(groups[j]) >= minDocs }
	// Consecutive boilerplate blocks (a menu, a footer of several lines)
	// make one finding, spanning them, as an editor deletes them at once.
	next = 0
	for _, s := range sks {
		doc := ids[next : next+len(s.Paras)]
		next += len(s.Paras)
		for k := 0; k < len(s.Paras); k++ {
			if !boiler(doc[k]) {
				continue
			}
			o := &occs[doc[k]]
			first, most := k, int(o.docs)
			for k+1 < len(s.Paras) && boiler(doc[k+1]) {
				k++
				most = max(most, int(occs[doc[k]].docs))
			}
			d := rules.Diagnostic{Start: s.Paras[first].Start, End: s.Paras[k].End,
				Message: fmt.Sprintf("boilerplate: this block recurs in %d of the checked documents", o.docs)}
			if k > first {
				d.Message = fmt.Sprintf("boilerplate: these %d blocks recur in up to %d of the checked documents", k-first+1, most)
			}
			if f := sks[o.first]; f != s {
				fp := f.Paras[o.at]
				d.Related = []rules.Related{{Path: f.Path, Start: fp.Start, End: fp.End, Message: "first occurrence"}}
			}
			out = append(out, rules.CorpusDiagnostic{Path: s.Path, Diagnostic: d})
		}
	}
	return out
}
