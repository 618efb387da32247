package similar

import (
	"math/bits"
	"runtime"
	"slices"
	"sort"
	"sync"
	"sync/atomic"
)

// LSH banding of the MinHash signature: Bands bands of BandRows values. Two
// stories with Jaccard J share a band with probability 1-(1-J^2)^64: 0.998
// at J = 0.3, 0.025 at J = 0.02.
const (
	BandRows = 2
	Bands    = MinHashSize / BandRows
)

// Bucket caps keep the candidate pass linear: a band bucket holding more
// than bandCap documents pairs each member with its next bandCap
// neighbours only; a paragraph shared by more than paraCap documents is
// boilerplate (the corpus-boilerplate rule's business), not a lead.
const (
	bandCap = 32
	paraCap = 16
	// SimhashBits is the Hamming distance within which simhash
	// fingerprints make a candidate.
	SimhashBits = 3
	// MinParaWords is the length from which a paragraph's exact hash makes
	// a candidate.
	MinParaWords = 8
)

// Finder collects sketches and finds the related pairs among them.
// Add is safe for concurrent use.
type Finder struct {
	opts     Options
	mu       sync.Mutex
	sketches []*Sketch
	archived []bool
}

// NewFinder returns an empty Finder with the given thresholds (zero fields
// take the defaults).
func NewFinder(opts Options) *Finder { return &Finder{opts: opts.withDefaults()} }

// Add adds a sketch to compare with all the others.
func (f *Finder) Add(s *Sketch) { f.add(s, false) }

// AddArchived adds a sketch from an archive: it is compared with the sketches
// given to Add, not with other archived ones.
func (f *Finder) AddArchived(s *Sketch) { f.add(s, true) }

func (f *Finder) add(s *Sketch, archived bool) {
	f.mu.Lock()
	f.sketches = append(f.sketches, s)
	f.archived = append(f.archived, archived)
	f.mu.Unlock()
}

// Result is the outcome of Find.
type Result struct {
	// Pairs are ordered by A's path, then B's path.
	Pairs []Pair
	// Clusters group documents linked by duplicate, near-duplicate and
	// contained pairs (shared passages do not make two stories one).
	Clusters []Cluster
}

// Cluster is a group of copies of one story.
type Cluster struct {
	Members   []*Sketch // in path order
	Canonical *Sketch   // earliest date, else first path
}

// Find generates candidates (exact body and paragraph hashes, simhash
// permuted tables, MinHash LSH bands), verifies each on exact shingle sets
// and clusters the result. Its cost grows linearly with the number of
// sketches, whatever the corpus holds.
func (f *Finder) Find() *Result {
	f.mu.Lock()
	defer f.mu.Unlock()
	// Deterministic order whatever the order of Add calls.
	idx := make([]int, len(f.sketches))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(x, y int) bool {
		a, b := f.sketches[idx[x]], f.sketches[idx[y]]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		return idx[x] < idx[y]
	})
	sk := make([]*Sketch, len(idx))
	arch := make([]bool, len(idx))
	for i, j := range idx {
		sk[i], arch[i] = f.sketches[j], f.archived[j]
	}
	cands := candidates(sk, arch, f.opts)
	pairs := verify(sk, cands, f.opts)
	return &Result{Pairs: pairs, Clusters: clusters(sk, pairs)}
}

type entry struct {
	key uint64
	doc uint32
}

// candidates returns sorted, unique candidate pairs (i<<32 | j, i < j).
func candidates(sk []*Sketch, arch []bool, o Options) []uint64 {
	eligible := func(i int) bool { return sk[i].Words >= o.MinWords }
	// tables: 0 body hash, 1..4 simhash blocks, 5..5+Bands-1 LSH bands,
	// last: paragraph hashes.
	ntab := 1 + 4 + Bands + 1
	jobs := make(chan int)
	out := make([][]uint64, ntab)
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var es, esSpare []entry
			var packed, spare []uint64
			for t := range jobs {
				es = es[:0]
				if t == 0 || t == ntab-1 {
					// 64-bit keys: body and paragraph hashes. The
					// buffer is sized first: grown by appending, it
					// cost twice its size in allocations.
					n := len(sk)
					if t == ntab-1 {
						n = 0
						for i, s := range sk {
							if eligible(i) {
								n += len(s.Paras)
							}
						}
					}
					es = slices.Grow(es, n)
					for i, s := range sk {
						if !eligible(i) {
							continue
						}
						if t == 0 {
							es = append(es, entry{s.BodyHash, uint32(i)})
							continue
						}
						for _, p := range s.Paras {
							if p.Body && p.Words >= MinParaWords {
								es = append(es, entry{p.Hash, uint32(i)})
							}
						}
					}
					es, esSpare = sortEntries(es, esSpare)
				} else {
					// 32-bit keys (band keys, simhash blocks) pack with the
					// document number into one word: a plain integer sort.
					packed = slices.Grow(packed[:0], len(sk))
					for i, s := range sk {
						if !eligible(i) {
							continue
						}
						var k uint64
						if t <= 4 {
							k = (s.Simhash >> (16 * (t - 1))) & 0xffff
						} else {
							k = uint64(s.Bands[t-5])
						}
						packed = append(packed, k<<32|uint64(i))
					}
					packed, spare = sortPacked(packed, spare)
					for _, v := range packed {
						es = append(es, entry{v >> 32, uint32(v)})
					}
				}
				out[t] = runPairs(out[t], es, t, ntab, sk, arch)
			}
		}()
	}
	// The paragraph table, the largest, goes first, so that no worker is
	// left with it while the others have finished.
	jobs <- ntab - 1
	for t := range ntab - 1 {
		jobs <- t
	}
	close(jobs)
	wg.Wait()
	var all []uint64
	for _, o := range out {
		all = append(all, o...)
	}
	slices.Sort(all)
	return slices.Compact(all)
}

// sortPacked sorts keys packed as key<<32 | document, appended in document
// order, into the order of slices.Sort, and returns them with the other
// buffer, for reuse. It is a stable radix sort on the keys, a byte a pass
// (the documents, appended in order, stay in order among equal keys), and
// it skips the passes whose byte is the same in every key: the 16-bit
// simhash blocks take two passes. A table of a million documents costs
// four linear passes rather than a comparison sort.
func sortPacked(packed, spare []uint64) (sorted, other []uint64) {
	spare = slices.Grow(spare[:0], len(packed))[:len(packed)]
	if len(packed) == 0 {
		return packed, spare
	}
	// The counts of each byte of the keys, taken in one pass: reordering
	// does not change them.
	var counts [4][256]int32
	for _, v := range packed {
		counts[0][v>>32&0xff]++
		counts[1][v>>40&0xff]++
		counts[2][v>>48&0xff]++
		counts[3][v>>56]++
	}
	src, dst := packed, spare
	for pass := range counts {
		at, shift := &counts[pass], 32+8*pass
		if int(at[src[0]>>shift&0xff]) == len(src) {
			continue // one value of this byte: nothing to reorder
		}
		sum := int32(0)
		for k, n := range at {
			at[k] = sum
			sum += n
		}
		for _, v := range src {
			k := v >> shift & 0xff
			dst[at[k]] = v
			at[k]++
		}
		src, dst = dst, src
	}
	return src, dst
}

// sortEntries sorts entries appended in document order by key, documents
// in order among equal keys (the order of a comparison sort by key, then
// document), and returns them with the other buffer, for reuse. Like
// sortPacked, it is a stable radix sort on the keys, a byte a pass, that
// skips the passes whose byte is the same in every key: the paragraph table
// of a folder of stories holds tens of thousands of entries, which a
// comparison sort through a function sorts several times slower.
func sortEntries(es, spare []entry) (sorted, other []entry) {
	spare = slices.Grow(spare[:0], len(es))[:len(es)]
	if len(es) == 0 {
		return es, spare
	}
	var counts [8][256]int32 // as in sortPacked
	for _, e := range es {
		for b := range counts {
			counts[b][e.key>>(8*b)&0xff]++
		}
	}
	src, dst := es, spare
	for pass := range counts {
		at, shift := &counts[pass], 8*pass
		if int(at[src[0].key>>shift&0xff]) == len(src) {
			continue // one value of this byte: nothing to reorder
		}
		sum := int32(0)
		for k, n := range at {
			at[k] = sum
			sum += n
		}
		for _, e := range src {
			k := e.key >> shift & 0xff
			dst[at[k]] = e
			at[k]++
		}
		src, dst = dst, src
	}
	return src, dst
}

func runPairs(dst []uint64, es []entry, t, ntab int, sk []*Sketch, arch []bool) []uint64 {
	emit := func(i, j uint32) {
		if i == j || arch[i] && arch[j] || t != 0 && sk[i].BodyHash == sk[j].BodyHash {
			// Exact copies are paired by the body-hash table alone.
			return
		}
		if i > j {
			i, j = j, i
		}
		dst = append(dst, uint64(i)<<32|uint64(j))
	}
	for lo := 0; lo < len(es); {
		hi := lo + 1
		for hi < len(es) && es[hi].key == es[lo].key {
			hi++
		}
		run := es[lo:hi]
		lo = hi
		if len(run) < 2 {
			continue
		}
		switch {
		case t == 0 && len(run) <= bandCap:
			for x := range run {
				for y := x + 1; y < len(run); y++ {
					emit(run[x].doc, run[y].doc)
				}
			}
		case t == 0:
			// Many exact copies: a star is enough to cluster them, and
			// stays linear for 10,000 copies of one text. Archived members
			// all join the first new one.
			hub := run[0].doc
			for _, e := range run {
				if !arch[e.doc] {
					hub = e.doc
					break
				}
			}
			for _, e := range run {
				emit(hub, e.doc)
			}
		case t <= 4:
			w := len(run)
			if w > 4*bandCap {
				w = 4 * bandCap
			}
			for x := range run {
				for y := x + 1; y < len(run) && y <= x+w; y++ {
					a, b := sk[run[x].doc], sk[run[y].doc]
					if bits.OnesCount64(a.Simhash^b.Simhash) <= SimhashBits {
						emit(run[x].doc, run[y].doc)
					}
				}
			}
		case t < ntab-1:
			for x := range run {
				for y := x + 1; y < len(run) && y <= x+bandCap; y++ {
					emit(run[x].doc, run[y].doc)
				}
			}
		default:
			if len(run) > paraCap {
				continue
			}
			for x := range run {
				for y := x + 1; y < len(run); y++ {
					emit(run[x].doc, run[y].doc)
				}
			}
		}
	}
	return dst
}

func verify(sk []*Sketch, cands []uint64, o Options) []Pair {
	// Pairs cost unequal work (a pair that needs aligning costs many that
	// do not): the workers take small chunks in turn, and the pairs are
	// gathered in chunk order.
	workers := runtime.GOMAXPROCS(0)
	const chunk = 32
	res := make([][]Pair, (len(cands)+chunk-1)/chunk)
	inChunks(len(cands), chunk, workers, func(c, lo, hi int) {
		for _, cand := range cands[lo:hi] {
			i, j := cand>>32, uint32(cand)
			if p, ok := compare(sk[i], sk[j], o); ok {
				res[c] = append(res[c], p)
			}
		}
	})
	var pairs []Pair
	for _, r := range res {
		pairs = append(pairs, r...)
	}
	slices.SortFunc(pairs, func(x, y Pair) int {
		if x.A.Path != y.A.Path {
			if x.A.Path < y.A.Path {
				return -1
			}
			return 1
		}
		if x.B.Path < y.B.Path {
			return -1
		} else if x.B.Path > y.B.Path {
			return 1
		}
		return 0
	})
	return pairs
}

// inChunks calls fn(c, lo, hi) for the chunks c of [0, n), [c*size,
// min((c+1)*size, n)), on up to workers goroutines that each take the next
// chunk as they finish one.
func inChunks(n, size, workers int, fn func(c, lo, hi int)) {
	chunks := (n + size - 1) / size
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(workers, chunks) {
		wg.Go(func() {
			for {
				c := int(next.Add(1)) - 1
				if c >= chunks {
					return
				}
				fn(c, c*size, min((c+1)*size, n))
			}
		})
	}
	wg.Wait()
}

// clusters joins the copies of a story with union-find. sk is in path
// order; only the documents of the pairs are looked up.
func clusters(sk []*Sketch, pairs []Pair) []Cluster {
	id := make(map[*Sketch]int, 2*len(pairs))
	for _, p := range pairs {
		if p.Kind != SharedPassage {
			id[p.A], id[p.B] = -1, -1
		}
	}
	for i, s := range sk {
		if _, ok := id[s]; ok {
			id[s] = i
		}
	}
	parent := make([]int, len(sk))
	for i := range parent {
		parent[i] = i
	}
	find := func(x int) int {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
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
			if a < b {
				parent[b] = a
			} else {
				parent[a] = b
			}
		}
	}
	// The groups of the paired documents, in path order (a document in no
	// pair is alone).
	paired := make([]int, 0, len(id))
	for _, i := range id {
		paired = append(paired, i)
	}
	slices.Sort(paired)
	groups := map[int][]*Sketch{}
	for _, i := range paired {
		r := find(i)
		groups[r] = append(groups[r], sk[i])
	}
	var out []Cluster
	for _, m := range groups {
		if len(m) < 2 {
			continue
		}
		slices.SortFunc(m, func(x, y *Sketch) int {
			switch {
			case x.Path < y.Path:
				return -1
			case x.Path > y.Path:
				return 1
			}
			return 0
		})
		c := Cluster{Members: m, Canonical: m[0]}
		for _, s := range m[1:] {
			if before(s, c.Canonical) {
				c.Canonical = s
			}
		}
		out = append(out, c)
	}
	slices.SortFunc(out, func(x, y Cluster) int {
		switch {
		case x.Members[0].Path < y.Members[0].Path:
			return -1
		case x.Members[0].Path > y.Members[0].Path:
			return 1
		}
		return 0
	})
	return out
}
