package similar

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/mfonda/simhash"

	"github.com/copydesk/copydesk/rules/article"
)

type unitFeature uint64

func (f unitFeature) Sum() uint64 { return uint64(f) }
func (f unitFeature) Weight() int { return 1 }

// simhashOf must give the fingerprint of the library's own Vectorize, with
// ties (a zero sum) and negative sums among the bits, or sketches stored in
// an archive would stop matching new ones.
func TestSimhashOfMatchesVectorize(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 2, 7, 8, 64, 501, 3, 100, 254, 255, 256, 510, 511, 1000, 300, 765} {
		shingles := make([]uint64, n)
		fs := make([]simhash.Feature, n)
		for i := range shingles {
			shingles[i] = rng.Uint64()
			if i%5 == 0 {
				shingles[i] &^= 0xffff0000 // skewed bits give ties and negative sums
			}
			if n%5 == 0 {
				// bits set in every shingle: counters at their limit
				shingles[i] |= 0xff000000000000ff
			}
			fs[i] = unitFeature(shingles[i])
		}
		want := simhash.Fingerprint(simhash.Vectorize(fs))
		if got := simhashOf(shingles); got != want {
			t.Errorf("%d shingles: simhashOf = %#x, Vectorize gives %#x", n, got, want)
		}
	}
}

// Builders are pooled: a sketch must not depend on the documents sketched
// before it.
func TestSketchIndependentOfOrder(t *testing.T) {
	var docs []*article.Document
	for n := range 12 {
		var b strings.Builder
		for p := range n % 5 {
			for w := range 3 + 7*n + p {
				fmt.Fprintf(&b, "word%d ", (w*31+n)%97)
			}
			b.WriteString("ends here.\n\n")
		}
		doc, err := article.Parse(fmt.Sprintf("d%d.txt", n), []byte(b.String()))
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, doc)
	}
	first := make([]*Sketch, len(docs))
	for i, d := range docs {
		first[i] = NewSketch(d)
	}
	for i := len(docs) - 1; i >= 0; i-- {
		if again := NewSketch(docs[i]); !reflect.DeepEqual(again, first[i]) {
			t.Errorf("%s: sketch differs when made after other documents", docs[i].Path)
		}
	}
}

func TestSortPacked(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	var spare []uint64
	for _, n := range []int{0, 1, 2, 100, 2225, 20000} {
		for _, bits := range []uint{1, 8, 16, 32} {
			packed := make([]uint64, n)
			for i := range packed {
				k := rng.Uint64() & (1<<bits - 1)
				packed[i] = k<<32 | uint64(i)
			}
			want := slices.Clone(packed)
			slices.Sort(want)
			var got []uint64
			got, spare = sortPacked(packed, spare)
			if !slices.Equal(got, want) {
				t.Errorf("%d keys of %d bits: not the order of slices.Sort", n, bits)
			}
		}
	}
}

// sortEntries must give the order of a comparison sort by key, then
// document, for entries appended in document order.
func TestSortEntries(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 16))
	var spare []entry
	for _, n := range []int{0, 1, 2, 100, 2225, 20000} {
		for _, keys := range []uint64{1, 3, 50, 1 << 20, 0} {
			es := make([]entry, n)
			doc := uint32(0)
			for i := range es {
				k := rng.Uint64()
				if keys > 0 {
					// few keys, spread over all eight bytes or not
					k = rng.Uint64N(keys) * (0x0101010101010101 >> (8 * (i % 2)))
				}
				doc += uint32(rng.IntN(2)) // a document may hold a key twice
				es[i] = entry{k, doc}
			}
			want := slices.Clone(es)
			slices.SortFunc(want, func(x, y entry) int {
				switch {
				case x.key < y.key:
					return -1
				case x.key > y.key:
					return 1
				}
				return int(x.doc) - int(y.doc)
			})
			var got []entry
			got, spare = sortEntries(es, spare)
			if !slices.Equal(got, want) {
				t.Errorf("%d entries of %d keys: not the order of a sort by key, then document", n, keys)
			}
		}
	}
}

func TestIntersectCountsCommonElements(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	set := func(n, span int) []uint32 {
		s := make([]uint32, n)
		for i := range s {
			s[i] = uint32(rng.IntN(span))
		}
		slices.Sort(s)
		return slices.Compact(s)
	}
	for _, tc := range []struct{ na, nb, span int }{{0, 0, 10}, {0, 5, 10}, {5, 0, 10}, {1, 1, 1}, {50, 50, 60}, {400, 300, 1 << 30}, {300, 3000, 5000}} {
		a, b := set(tc.na, tc.span), set(tc.nb, tc.span)
		in := map[uint32]bool{}
		for _, v := range a {
			in[v] = true
		}
		want := 0
		for _, v := range b {
			if in[v] {
				want++
			}
		}
		if got := intersect(a, b, new(shingleFilter)); got != want {
			t.Errorf("%d and %d elements below %d: intersect = %d, want %d", len(a), len(b), tc.span, got, want)
		}
	}
}
