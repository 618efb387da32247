package similar

import (
	"math/bits"
	"strings"
	"sync"
	"time"

	"github.com/mfonda/simhash"

	"github.com/copydesk/copydesk/rules/article"
)

// ShingleWords is the number of words in a shingle. Three-word shingles keep
// unrelated news stories apart (Jaccard below 0.05) while a 20% rewrite of a
// story still shares a third of its shingles with the original.
const ShingleWords = 3

// MinHashSize is the number of MinHash values in a signature
// (one-permutation hashing: one hash per shingle, one minimum per bin).
const MinHashSize = 128

// Para is one block of a document as the near-duplicate engine sees it.
type Para struct {
	// Hash identifies the block's normalised words (0 when it has none).
	Hash uint64
	// Start and End are the block's byte range in the document's Src.
	Start, End int
	Words      int
	// Body is true for running copy that takes part in the comparison;
	// headings and residue-looking lines (short, no sentence end) are kept
	// only for the boilerplate rule.
	Body bool
	// SeqStart and SeqEnd delimit the block's shingles in Sketch.Seq.
	SeqStart, SeqEnd int
}

// Sketch is what the near-duplicate engine keeps of a document: hashes and
// shingles, never the text. Corpus rules and the archive index hold
// sketches, so memory stays small on large corpora.
type Sketch struct {
	Path string
	// Date is the front-matter date (zero when absent or unreadable).
	Date time.Time
	// Words counts the normalised words of the body.
	Words int
	// BodyHash identifies the normalised body (0 for an empty body).
	BodyHash uint64
	// Simhash is the 64-bit simhash of the body shingles.
	Simhash uint64
	// Bands are the LSH band keys of the body's MinHash signature, one
	// 32-bit hash of BandRows signature values per band (nil for an empty
	// body). The signature itself is not kept.
	Bands []uint32
	// Seq is the body shingle hashes in reading order; paragraphs index
	// into it.
	Seq []uint32
	// Paras are the document's blocks other than headline, byline,
	// dateline and captions, in reading order.
	Paras []Para
	// BodyStart and BodyEnd are the byte range of the body in Src.
	BodyStart, BodyEnd int
}

// NewSketch computes the sketch of a parsed document. The body is the prose
// blocks minus headlines, bylines, datelines, captions and residue-looking
// lines.
func NewSketch(doc *article.Document) *Sketch {
	b := newSketchBuilder(doc.Path, len(doc.Blocks))
	defer b.release()
	b.s.Date = parseDate(doc.Meta.Date)
	for i := range doc.Blocks {
		bl := &doc.Blocks[i]
		switch bl.Kind {
		case article.Headline, article.Byline, article.Dateline, article.Caption:
			continue
		}
		b.words = wordHashes(b.words[:0], bl.Text)
		if len(b.words) == 0 || len(bl.Spans) == 0 {
			continue
		}
		b.add(b.words, bl.Spans[0].Src, bl.Spans[len(bl.Spans)-1].SrcEnd, bl.IsProse() && !residueLike(bl.Text, len(b.words)))
	}
	return b.finish()
}

// sketchBuilder builds a sketch block by block from word hashes. Its
// working slices are pooled: a folder of stories would otherwise grow a
// fresh set of them for every story.
type sketchBuilder struct {
	s     *Sketch
	sig   minHashSig
	body  uint64
	words []uint64
	// all holds the body shingle hashes in reading order (finish makes
	// Seq from them), sample those that simhash samples.
	all, sample []uint64
}

var builderPool = sync.Pool{New: func() any { return &sketchBuilder{sig: make(minHashSig, MinHashSize)} }}

func newSketchBuilder(path string, blocks int) *sketchBuilder {
	b := builderPool.Get().(*sketchBuilder)
	b.s = &Sketch{Path: path, BodyStart: -1, Paras: make([]Para, 0, blocks)}
	b.sig.reset()
	b.body = fnvOffset
	b.words, b.all, b.sample = b.words[:0], b.all[:0], b.sample[:0]
	return b
}

// release returns the builder to the pool; the sketch is not affected.
func (b *sketchBuilder) release() {
	b.s = nil
	builderPool.Put(b)
}

// add adds one block: its normalised words, its byte range in Src, and
// whether it is body copy.
func (b *sketchBuilder) add(words []uint64, start, end int, body bool) {
	s := b.s
	p := Para{Words: len(words), Start: start, End: end, Body: body, SeqStart: len(b.all)}
	h := uint64(fnvOffset)
	if body {
		// One loop for the paragraph and body hashes (two chains of
		// multiplications, each step waiting on the one before) and the
		// shingles, whose independent work fills the waits.
		bh := b.body
		for i, w := range words {
			h = mix(h ^ w)
			bh = mix(bh ^ w)
			if i >= ShingleWords-1 {
				b.addShingle(mix(words[i-2] ^ bits.RotateLeft64(words[i-1], 21) ^ bits.RotateLeft64(w, 42)))
			}
		}
		if len(words) < ShingleWords {
			// A paragraph shorter than a shingle is one shingle.
			var sh uint64
			for i, w := range words {
				sh ^= bits.RotateLeft64(w, 21*i)
			}
			b.addShingle(mix(sh))
		}
		b.body = bh
		s.Words += len(words)
		if s.BodyStart < 0 {
			s.BodyStart = start
		}
		s.BodyEnd = end
	} else {
		for _, w := range words {
			h = mix(h ^ w)
		}
	}
	p.Hash = h | 1
	p.SeqEnd = len(b.all)
	s.Paras = append(s.Paras, p)
}

// addShingle adds the hash of a body shingle (ShingleWords words in a
// row) to the MinHash signature, to the simhash sample when it is one of
// the sampled, and to the shingles in reading order.
func (b *sketchBuilder) addShingle(sh uint64) {
	b.sig.add(sh)
	if sh&simhashSampleMask == 0 {
		b.sample = append(b.sample, sh)
	}
	b.all = append(b.all, sh)
}

func (b *sketchBuilder) finish() *Sketch {
	s := b.s
	// Sketches are kept for a whole corpus: no spare capacity.
	s.Seq = make([]uint32, len(b.all))
	for i, sh := range b.all {
		s.Seq[i] = uint32(sh >> 32)
	}
	if s.BodyStart < 0 {
		s.BodyStart = 0
	}
	if s.Words == 0 {
		return s
	}
	s.BodyHash = b.body | 1
	sample := b.sample
	if len(sample) < simhashSample {
		// Too short to sample: fingerprint every shingle.
		sample = b.all
	}
	s.Simhash = simhashOf(sample)
	s.Bands = bandKeys(b.sig.finish())
	return s
}

// residueLike reports whether a block looks like page furniture rather than
// copy: very short, or short without a sentence end ("KEEP READING", an
// avatar line, a share bar, a related headline).
func residueLike(text string, words int) bool {
	if words < 4 {
		return true
	}
	if words > 12 {
		return false
	}
	t := strings.TrimRight(text, " \t\n\u00a0")
	if t == "" {
		return true
	}
	switch t[len(t)-1] {
	case '.', '!', '?', '"', '\'', ':', ';', ')':
		return false
	}
	for _, suf := range []string{"\u201d", "\u2019", "\u2026", "\u3002"} {
		if strings.HasSuffix(t, suf) {
			return false
		}
	}
	return true
}

// simhashOf fingerprints shingles as mfonda/simhash's Vectorize and
// Fingerprint do, with each of the project's shingle hashes as one feature of
// weight 1 (rather than the library's word sets). The vector is summed here
// and handed to the library's Fingerprint: Vectorize adds or subtracts a
// feature's weight with one branch per bit, and the bits of a hash are coin
// tosses that no processor predicts, which made it the costliest single step
// of a check (about 8% of the CPU over the BBC folder). Counting the set
// bits without a branch gives the same simhash.Vector;
// TestSimhashOfMatchesVectorize and the sketch reference test hold it to
// Vectorize's result.
//
// The bits are counted eight at a time: sh>>b & 0x0101...01 holds bits b,
// b+8, ..., b+56 of a hash, one in each byte, and adding it to a word adds
// to eight byte-wide counters at once. A byte counts up to 255, so the
// counters are emptied into the totals every 255 shingles.
func simhashOf(shingles []uint64) uint64 {
	const lowBits = 0x0101010101010101
	var ones [64]int
	for rest := shingles; len(rest) > 0; {
		n := min(len(rest), 255)
		var counts [8]uint64 // byte j of counts[b] counts bit 8*j+b
		for _, sh := range rest[:n] {
			for b := range counts {
				counts[b] += sh >> b & lowBits
			}
		}
		for b, c := range counts {
			for j := range 8 {
				ones[8*j+b] += int(c >> (8 * j) & 0xff)
			}
		}
		rest = rest[n:]
	}
	var v simhash.Vector
	for i, n := range ones {
		v[i] = 2*n - len(shingles) // +1 per feature with bit i set, -1 per feature without
	}
	return simhash.Fingerprint(v)
}

// Summing the vector costs work per feature (64 steps when it was chosen), so
// a long text is fingerprinted from a consistent sixteenth of its shingles (those whose hash ends in four
// zero bits): copies keep the same sample, and the cost per byte drops
// sixteenfold. Texts with fewer than simhashSample sampled shingles use all.
const (
	simhashSampleMask = 15
	simhashSample     = 8
)

// minHashSig is a one-permutation MinHash signature being built: the top
// bits of a shingle's hash pick its bin, the low 32 bits are the value,
// each bin keeps its minimum.
type minHashSig []uint32

func (sig minHashSig) reset() {
	for i := range sig {
		sig[i] = ^uint32(0)
	}
}

func (sig minHashSig) add(sh uint64) {
	// min rather than a test: whether a shingle lowers its bin's minimum
	// is a coin toss early in a story, and a conditional move costs less
	// than the mispredicted branch.
	bin := sh >> (64 - 7)
	sig[bin] = min(sig[bin], uint32(sh))
}

// finish fills the empty bins from the next full one (rotation
// densification), offset so that borrowed values differ from real ones.
func (sig minHashSig) finish() []uint32 {
	const empty = ^uint32(0)
	var filled [MinHashSize]bool
	for i, v := range sig {
		filled[i] = v != empty
	}
	for i := range sig {
		if filled[i] {
			continue
		}
		for d := 1; d < MinHashSize; d++ {
			if j := (i + d) % MinHashSize; filled[j] {
				sig[i] = sig[j] + uint32(d)*0x9e3779b9
				break
			}
		}
	}
	return sig
}

// bandKeys hashes each band of BandRows signature values to 32 bits; two
// sketches share a band key when they share the band (or, rarely, by a hash
// collision, which verification discards).
func bandKeys(sig []uint32) []uint32 {
	out := make([]uint32, Bands)
	for b := range out {
		v := uint64(sig[b*BandRows])<<32 | uint64(sig[b*BandRows+1])
		out[b] = uint32(mix(v^uint64(b)*0x9e3779b97f4a7c15) >> 32)
	}
	return out
}

var dateLayouts = []string{
	time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02",
	"2006/01/02", "January 2, 2006", "Jan 2, 2006", "2 January 2006", "02 Jan 2006", "Mon, 02 Jan 2006 15:04:05 MST",
}

func parseDate(s string) time.Time {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC()
		}
	}
	return time.Time{}
}
