package similar

import (
	"fmt"
	"strings"
	"sync"
)

// Kind says how two documents are related.
type Kind string

// Kinds of pair, from the closest to the loosest.
const (
	// Duplicate: the same body once normalised (case, punctuation, quotes,
	// page furniture aside).
	Duplicate Kind = "duplicate"
	// NearDuplicate: a lightly rewritten copy (Jaccard at or above
	// Options.MinSimilarity).
	NearDuplicate Kind = "near-duplicate"
	// Contained: one body is (almost) wholly inside a clearly longer one:
	// a truncated or padded copy.
	Contained Kind = "contained"
	// SharedPassage: different stories that share one or more paragraphs.
	SharedPassage Kind = "shared-passage"
)

// Options are the thresholds of the engine. The defaults were chosen from
// the measurements in README.md.
type Options struct {
	// MinSimilarity is the Jaccard similarity of body shingle sets from
	// which two stories are near-duplicates.
	MinSimilarity float64
	// MinContainment is the share of the shorter body's shingles found in
	// the longer one from which a clearly shorter copy is "contained".
	MinContainment float64
	// MinPassageWords is the number of words of reused paragraphs from
	// which two otherwise different stories share a passage.
	MinPassageWords int
	// MinWords is the body length (normalised words) below which a
	// document is never compared: empty and one-line files say nothing.
	MinWords int
}

// DefaultOptions are the measured defaults.
func DefaultOptions() Options {
	return Options{MinSimilarity: 0.3, MinContainment: 0.8, MinPassageWords: 12, MinWords: 15}
}

func (o Options) withDefaults() Options {
	d := DefaultOptions()
	if o.MinSimilarity <= 0 {
		o.MinSimilarity = d.MinSimilarity
	}
	if o.MinContainment <= 0 {
		o.MinContainment = d.MinContainment
	}
	if o.MinPassageWords <= 0 {
		o.MinPassageWords = d.MinPassageWords
	}
	if o.MinWords <= 0 {
		o.MinWords = d.MinWords
	}
	return o
}

// Validate rejects thresholds outside their range.
func (o Options) Validate() error {
	if o.MinSimilarity < 0 || o.MinSimilarity > 1 {
		return fmt.Errorf("min-similarity %v is not between 0 and 1", o.MinSimilarity)
	}
	if o.MinContainment < 0 || o.MinContainment > 1 {
		return fmt.Errorf("min-containment %v is not between 0 and 1", o.MinContainment)
	}
	return nil
}

// Passage is a run of reused paragraphs: byte ranges in A's and B's Src.
type Passage struct {
	AStart, AEnd int
	BStart, BEnd int
	// Words counts the words of the reused paragraphs in A.
	Words int
}

// Pair is a verified relation between two documents. A is the canonical
// side (earlier date, else earlier path); B is the later copy.
type Pair struct {
	A, B        *Sketch
	Kind        Kind
	Jaccard     float64 // |A∩B| / |A∪B| of the body shingle sets
	Containment float64 // |A∩B| / min(|A|, |B|)
	Passages    []Passage
}

// before reports whether a is canonical against b: the earlier front-matter
// date, a dated document before an undated one, else path order.
func before(a, b *Sketch) bool {
	switch {
	case !a.Date.IsZero() && !b.Date.IsZero() && !a.Date.Equal(b.Date):
		return a.Date.Before(b.Date)
	case !a.Date.IsZero() && b.Date.IsZero():
		return true
	case a.Date.IsZero() && !b.Date.IsZero():
		return false
	}
	return strings.Compare(a.Path, b.Path) < 0
}

// Compare verifies a candidate pair on exact shingle sets and classifies
// it. It returns false when the documents are not related.
func Compare(a, b *Sketch, opts Options) (Pair, bool) {
	o := opts.withDefaults()
	if a.Words < o.MinWords || b.Words < o.MinWords || a == b {
		return Pair{}, false
	}
	return compare(a, b, o)
}

// compare is Compare with the options' defaults filled in.
func compare(a, b *Sketch, o Options) (Pair, bool) {
	if a.Words < o.MinWords || b.Words < o.MinWords || a == b {
		return Pair{}, false
	}
	if before(b, a) {
		a, b = b, a
	}
	where := newShingleTable(b, len(a.Seq))
	defer where.release()
	var common shingleFilter
	inter, na := where.overlap(a.Seq, &common)
	nb := where.distinct
	p := Pair{A: a, B: b}
	if union := na + nb - inter; union > 0 {
		p.Jaccard = float64(inter) / float64(union)
	}
	small, large := min(na, nb), max(na, nb)
	if small > 0 {
		p.Containment = float64(inter) / float64(small)
	}
	switch {
	case a.BodyHash == b.BodyHash:
		p.Kind, p.Jaccard, p.Containment = Duplicate, 1, 1
	case p.Containment >= o.MinContainment && float64(small) < 0.9*float64(large):
		p.Kind = Contained
	case p.Jaccard >= o.MinSimilarity:
		p.Kind = NearDuplicate
	}
	if inter == 0 {
		return Pair{}, false
	}
	if p.Kind == "" && !mayShare(a, &common, o.MinPassageWords) {
		// Most candidates of a corpus are unrelated stories with a few
		// shingles in common: no need to align them.
		return Pair{}, false
	}
	p.Passages = alignWith(a, b, where)
	if p.Kind == "" {
		words := 0
		for _, ps := range p.Passages {
			words += ps.Words
		}
		if words < o.MinPassageWords {
			return Pair{}, false
		}
		p.Kind = SharedPassage
	}
	return p, true
}

// shingleFilter is a set of shingles that may answer yes for a shingle it
// does not hold (a 1024-bit Bloom filter with one hash), never no for one
// it holds.
type shingleFilter [16]uint64

// filterBit spreads a shingle over the filter's bits (the top ten of a
// multiplicative hash).
func filterBit(sh uint32) uint32 { return sh * 0x9e3779b1 >> 22 }

func (f *shingleFilter) add(sh uint32) {
	k := filterBit(sh)
	f[k>>6] |= 1 << (k & 63)
}

// has is 1 when the set may hold sh, else 0.
func (f *shingleFilter) has(sh uint32) int {
	k := filterBit(sh)
	return int(f[k>>6] >> (k & 63) & 1)
}

// mayShare reports whether align(a, b) can find passages of minWords words
// or more, given common, a filter of the shingles of a that occur in b.
// align reuses a paragraph of a when, of its n shingles, bestN occur in one
// paragraph of b with 2*bestN >= n and bestN >= min(n, minParaShingles);
// the paragraph's shingles that the filter passes are at least bestN, so
// the paragraphs that pass the same test on them bound the passages' words.
// A repeated paragraph follows its first occurrence, as in align.
func mayShare(a *Sketch, common *shingleFilter, minWords int) bool {
	if minWords <= 0 {
		return true // any pair sharing a shingle has passages long enough
	}
	words := 0
	var seen map[uint64]bool
	for i := range a.Paras {
		p := &a.Paras[i]
		if !p.Body || p.SeqEnd == p.SeqStart {
			continue
		}
		reused, ok := seen[p.Hash]
		if !ok {
			hits := 0
			for _, sh := range a.Seq[p.SeqStart:p.SeqEnd] {
				hits += common.has(sh)
			}
			n := p.SeqEnd - p.SeqStart
			reused = hits >= n || hits >= minParaShingles && 2*hits >= n
			if seen == nil {
				seen = map[uint64]bool{}
			}
			seen[p.Hash] = reused
		}
		if reused {
			words += p.Words
			if words >= minWords {
				return true
			}
		}
	}
	return false
}

// minParaShingles is the fewest shingles a paragraph must share with the
// other document to count as reused: short stock phrases do not.
const minParaShingles = 6

// align finds the runs of A's body paragraphs that reappear in B: a
// paragraph is reused when at least half of its shingles (and no fewer
// than minParaShingles) occur in one paragraph of B; consecutive reused
// paragraphs that follow each other in B too form one passage. It is
// linear in the sizes of A and B, whatever the repetition inside them.
func align(a, b *Sketch) []Passage {
	where := newShingleTable(b, 0)
	defer where.release()
	return alignWith(a, b, where)
}

// alignWith is align with the shingle table of b at hand (whatever shingles
// of A it also holds).
func alignWith(a, b *Sketch, where shingleTable) []Passage {
	type match struct{ i, j int }
	var matches []match
	seen := map[uint64]int{}
	// Shingles of the current paragraph of A found in each paragraph of B,
	// and the paragraphs of B with a count (to find the best and reset).
	counts := make([]int32, len(b.Paras))
	var touched []int32
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
		touched = touched[:0]
		for _, sh := range a.Seq[p.SeqStart:p.SeqEnd] {
			if j := where.first(sh); j >= 0 {
				if counts[j] == 0 {
					touched = append(touched, j)
				}
				counts[j]++
			}
		}
		best, bestN := -1, 0
		for _, j := range touched {
			if n := int(counts[j]); n > bestN || n == bestN && int(j) < best {
				best, bestN = int(j), n
			}
			counts[j] = 0
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

// shingleTable maps each shingle of a sketch B to the first paragraph that
// has it, and compares the shingle set of another sketch A with B's:
// open addressing over a power-of-two table of key<<32 | (paragraph+1)<<1 |
// mark, where 0 is an empty slot, paragraph -1 a shingle of A only, and
// the mark tells a shingle of A. Verification compares each candidate pair
// once, so a table per pair costs less than sorting the two shingle sets
// to merge them (the sets of a few hundred shingles are small enough to
// stay in the first-level cache), and alignment reuses it.
type shingleTable struct {
	slots []uint64
	mask  uint32
	// distinct counts B's distinct shingles.
	distinct int
}

// tablePool holds the slots of finished tables (*[]uint64): verification
// compares thousands of pairs.
var tablePool sync.Pool

// newShingleTable returns the table of b's shingles, with room for extra
// more.
func newShingleTable(b *Sketch, extra int) shingleTable {
	// At a load of a quarter or less, whether a slot holds the shingle,
	// another or none is mostly settled at the first slot probed, and
	// mispredicted branches on longer runs cost more than clearing the
	// larger table. Tables over 64Ki slots (huge documents) keep to a
	// load of half or less, and to half the memory.
	n := len(b.Seq) + extra
	size := 16
	for size < 4*n && size < 1<<16 || size < 2*n {
		size *= 2
	}
	var slots []uint64
	if p, ok := tablePool.Get().(*[]uint64); ok && cap(*p) >= size {
		slots = (*p)[:size]
		clear(slots)
	} else {
		slots = make([]uint64, size)
	}
	t := shingleTable{slots: slots, mask: uint32(size - 1)}
	for j := range b.Paras {
		p := &b.Paras[j]
		for _, sh := range b.Seq[p.SeqStart:p.SeqEnd] {
			for k := tableSlot(sh) & t.mask; ; k = (k + 1) & t.mask {
				v := t.slots[k]
				if v == 0 {
					t.slots[k] = uint64(sh)<<32 | uint64(j+1)<<1
					t.distinct++
					break
				}
				if uint32(v>>32) == sh {
					break // an earlier paragraph has it
				}
			}
		}
	}
	return t
}

func (t shingleTable) release() {
	slots := t.slots[:0]
	tablePool.Put(&slots)
}

// overlap adds the shingles of A, seq, to the table once (a table takes
// one sketch A only). It returns the number of A's distinct shingles that
// B has too, and the number of A's distinct shingles, and adds the common
// ones to the filter.
func (t shingleTable) overlap(seq []uint32, common *shingleFilter) (inter, distinct int) {
	for _, sh := range seq {
		for k := tableSlot(sh) & t.mask; ; k = (k + 1) & t.mask {
			v := t.slots[k]
			if v == 0 {
				t.slots[k] = uint64(sh)<<32 | 1 // A's only
				distinct++
				break
			}
			if uint32(v>>32) == sh {
				if v&1 == 0 {
					// B's, and the first time in A
					t.slots[k] = v | 1
					distinct++
					inter++
					common.add(sh)
				}
				break
			}
		}
	}
	return inter, distinct
}

// first returns the first paragraph of B with shingle sh, or -1.
func (t shingleTable) first(sh uint32) int32 {
	for k := tableSlot(sh) & t.mask; ; k = (k + 1) & t.mask {
		v := t.slots[k]
		if v == 0 {
			return -1
		}
		if uint32(v>>32) == sh {
			return int32(uint32(v)>>1) - 1
		}
	}
}

// tableSlot spreads a shingle hash (already uniform, but its low bits are
// also what MinHash bins and simhash sampling look at) over the table.
func tableSlot(sh uint32) uint32 { return sh * 0x9e3779b1 >> 7 }
