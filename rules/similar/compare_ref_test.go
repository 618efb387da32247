package similar

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/copydesk/copydesk/rules/article"
)

// Verification used to sort the shingles of each document with candidates
// into a set and merge the sets of each pair; a table per pair replaced it
// (shingleTable.overlap). The sorted sets stay here as the definition the
// table is held to.

// shingleSet returns the sorted set of a sketch's shingles.
func shingleSet(seq []uint32) []uint32 {
	set := slices.Clone(seq)
	slices.Sort(set)
	return slices.Compact(set)
}

// intersect counts the common elements of two sorted sets and adds them to
// common.
func intersect(a, b []uint32, common *shingleFilter) int {
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			common.add(a[i])
			n++
			i++
			j++
		}
	}
	return n
}

// checkOverlap compares shingleTable.overlap with the sorted sets: the
// common and distinct counts, the filter, and the paragraphs that first
// finds.
func checkOverlap(t *testing.T, a, b *Sketch) {
	t.Helper()
	sa, sb := shingleSet(a.Seq), shingleSet(b.Seq)
	var want shingleFilter
	wantInter := intersect(sa, sb, &want)
	where := newShingleTable(b, len(a.Seq))
	defer where.release()
	var got shingleFilter
	inter, na := where.overlap(a.Seq, &got)
	if inter != wantInter || na != len(sa) || where.distinct != len(sb) || got != want {
		t.Fatalf("overlap: %d common of %d and %d distinct, want %d of %d and %d (same filter: %v)",
			inter, na, where.distinct, wantInter, len(sa), len(sb), got == want)
	}
	firstPara := map[uint32]int32{}
	for j := len(b.Paras) - 1; j >= 0; j-- {
		p := &b.Paras[j]
		for _, sh := range b.Seq[p.SeqStart:p.SeqEnd] {
			firstPara[sh] = int32(j)
		}
	}
	for _, sh := range append(slices.Clone(a.Seq), b.Seq...) {
		want, ok := firstPara[sh]
		if !ok {
			want = -1
		}
		if got := where.first(sh); got != want {
			t.Fatalf("first(%d) = %d, want %d", sh, got, want)
		}
	}
}

func TestOverlapMatchesSortedSets(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for range 3000 {
		checkOverlap(t, randomSketch(rng, rng.IntN(9)), randomSketch(rng, rng.IntN(9)))
	}
	// Larger sketches over a wide alphabet (up to tables of more than 64Ki
	// slots), and a sketch against itself.
	for _, n := range []int{1, 40, 200, 3000} {
		a, b := randomSketch(rng, n), randomSketch(rng, n)
		for _, s := range []*Sketch{a, b} {
			for i := range s.Seq {
				if i%3 != 0 {
					s.Seq[i] = rng.Uint32()
				}
			}
		}
		checkOverlap(t, a, b)
		checkOverlap(t, a, a)
	}
	// Stories of the corpus against the next ones.
	bbc := filepath.Join(corpora, "bbc", "bbc", "business")
	if _, err := os.Stat(bbc); err != nil {
		t.Skip("../shared/corpora not found: ", err)
	}
	var sks []*Sketch
	_ = filepath.WalkDir(bbc, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(path) != ".txt" || len(sks) >= 120 {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if doc, err := article.Parse(path, src); err == nil {
			sks = append(sks, NewSketch(doc))
		}
		return nil
	})
	for i, s := range sks {
		checkOverlap(t, s, sks[(i+1)%len(sks)])
		checkOverlap(t, s, sks[(i+7)%len(sks)])
	}
}

// The table's slots are reused from a pool: a table made after another
// holds nothing of the first.
func TestShingleTableReuse(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	for range 200 {
		a, b := randomSketch(rng, 1+rng.IntN(9)), randomSketch(rng, 1+rng.IntN(9))
		w := newShingleTable(b, len(a.Seq))
		w.overlap(a.Seq, new(shingleFilter))
		w.release()
		checkOverlap(t, b, a)
	}
}
