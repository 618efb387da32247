package similar

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/copydesk/copydesk/rules/article"
)

// randomSketch makes a sketch of paras paragraphs whose shingles come from
// a small alphabet, so that paragraphs share shingles within and across
// sketches and counts tie.
func randomSketch(rng *rand.Rand, paras int) *Sketch {
	s := &Sketch{}
	pos := 0
	for range paras {
		p := Para{Start: pos, Body: rng.IntN(8) != 0, SeqStart: len(s.Seq), Hash: rng.Uint64N(6)}
		if p.Body {
			for range rng.IntN(14) {
				s.Seq = append(s.Seq, rng.Uint32N(12))
				p.Words++
			}
		}
		p.SeqEnd = len(s.Seq)
		pos += 10
		p.End = pos
		s.Paras = append(s.Paras, p)
	}
	return s
}

// align must find the passages the plain map-based definition finds.
func TestAlignMatchesMaps(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for n := range 3000 {
		a, b := randomSketch(rng, rng.IntN(9)), randomSketch(rng, rng.IntN(9))
		if got, want := align(a, b), alignWithMaps(a, b); !reflect.DeepEqual(got, want) {
			t.Fatalf("case %d: align = %+v, want %+v", n, got, want)
		}
	}
}

// alignWithMaps is align as first written, with Go maps.
func alignWithMaps(a, b *Sketch) []Passage {
	where := make(map[uint32]int32, len(b.Seq))
	for j := len(b.Paras) - 1; j >= 0; j-- {
		p := &b.Paras[j]
		for _, sh := range b.Seq[p.SeqStart:p.SeqEnd] {
			where[sh] = int32(j)
		}
	}
	type match struct{ i, j int }
	var matches []match
	seen := map[uint64]int{}
	counts := map[int32]int{}
	for i := range a.Paras {
		p := &a.Paras[i]
		if !p.Body || p.SeqEnd == p.SeqStart {
			continue
		}
		if j, ok := seen[p.Hash]; ok {
			if j >= 0 {
				matches = append(matches, match{i, j})
			}
			continue
		}
		clear(counts)
		for _, sh := range a.Seq[p.SeqStart:p.SeqEnd] {
			if j, ok := where[sh]; ok {
				counts[j]++
			}
		}
		best, bestN := -1, 0
		for j, n := range counts {
			if n > bestN || n == bestN && int(j) < best {
				best, bestN = int(j), n
			}
		}
		n := p.SeqEnd - p.SeqStart
		if bestN < minParaShingles && bestN < n || 2*bestN < n {
			best = -1
		}
		seen[p.Hash] = best
		if best >= 0 {
			matches = append(matches, match{i, best})
		}
	}
	var out []Passage
	for k := 0; k < len(matches); {
		e := k
		for e+1 < len(matches) && matches[e+1].i == matches[e].i+1 &&
			(matches[e+1].j == matches[e].j+1 || matches[e+1].j == matches[e].j) {
			e++
		}
		ps := Passage{AStart: a.Paras[matches[k].i].Start, AEnd: a.Paras[matches[e].i].End}
		jlo, jhi := matches[k].j, matches[k].j
		for _, m := range matches[k : e+1] {
			ps.Words += a.Paras[m.i].Words
			jlo, jhi = min(jlo, m.j), max(jhi, m.j)
		}
		ps.BStart, ps.BEnd = b.Paras[jlo].Start, b.Paras[jhi].End
		out = append(out, ps)
		k = e + 1
	}
	return out
}

// BenchmarkAlign aligns each BBC story with itself (every paragraph
// reused) and with the next story (almost nothing reused).
func BenchmarkAlign(b *testing.B) {
	bbc := needCorpora(b)
	var sks []*Sketch
	_ = filepath.WalkDir(filepath.Join(bbc, "bbc", "business"), func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(path) != ".txt" {
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
	for _, bm := range []struct {
		name  string
		align func(a, b *Sketch) []Passage
	}{{"table", align}, {"maps", alignWithMaps}} {
		b.Run(bm.name, func(b *testing.B) {
			for b.Loop() {
				for i, s := range sks {
					bm.align(s, s)
					bm.align(s, sks[(i+1)%len(sks)])
				}
			}
		})
	}
}

// mayShare must never rule out a pair whose passages reach the length, and
// must rule out some that do not.
func TestMayShareBoundsAlign(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	ruledOut := 0
	for n := range 3000 {
		a, b := randomSketch(rng, rng.IntN(9)), randomSketch(rng, rng.IntN(9))
		var common shingleFilter
		intersect(shingleSet(a.Seq), shingleSet(b.Seq), &common)
		words := 0
		for _, p := range align(a, b) {
			words += p.Words
		}
		for minWords := -1; minWords <= 40; minWords++ {
			may := mayShare(a, &common, minWords)
			if words >= minWords && !may {
				t.Fatalf("case %d: passages of %d words, but mayShare(%d) is false", n, words, minWords)
			}
			if !may {
				ruledOut++
			}
		}
	}
	if ruledOut == 0 {
		t.Error("mayShare ruled out no pair")
	}
}

// The filter holds what intersect found common, and little else.
func TestIntersectFillsFilter(t *testing.T) {
	a := []uint32{1, 3, 5, 7, 1 << 20, 1 << 30}
	b := []uint32{2, 3, 4, 7, 9, 1 << 30}
	var common shingleFilter
	if n := intersect(a, b, &common); n != 3 {
		t.Fatalf("intersect = %d, want 3", n)
	}
	for _, sh := range []uint32{3, 7, 1 << 30} {
		if common.has(sh) != 1 {
			t.Errorf("filter lacks common shingle %d", sh)
		}
	}
	misses := 0
	for sh := uint32(100); sh < 1100; sh++ {
		misses += 1 - common.has(sh)
	}
	if misses < 950 {
		t.Errorf("a filter of 3 shingles passes %d of 1000 others", 1000-misses)
	}
}
