package match

import (
	"fmt"
	"math/bits"
	"strings"
)

// Flags change how an entry matches.
type Flags uint8

// Entry flags.
const (
	// CaseSensitive entries match only the exact capitalisation of their
	// phrase (apostrophes and quotes still unified).
	CaseSensitive Flags = 1 << iota
	// SentenceStart entries match only at the start of a sentence (an
	// opening quote or bracket may come first).
	SentenceStart
	// SentenceEnd entries match only when the sentence ends right after
	// them: sentence-final punctuation, a new sentence, or the end of the
	// text.
	SentenceEnd
)

// Entry is one phrase of a set, with what the rule needs to report it.
//
// Phrase is tokenized like the text it is matched against, so punctuation
// in it must be there in the text ("Certainly! Here is" needs the "!").
// Two notations expand one entry into several phrases:
//   - "(a/b/c)" is one of the alternatives; an empty alternative makes the
//     group optional: "I (cannot/can't) (fulfil/fulfill) (this/that/) request";
//   - "*" stands for any one word.
type Entry struct {
	Phrase      string
	Replacement string // suggested replacement, empty for none
	Reason      string // why the phrase is flagged, or what to do
	ID          string // the caller's key, free for any use
	Flags       Flags
}

// Match is one occurrence of an entry in a text.
type Match struct {
	Start, End         int // token range [Start, End)
	TextStart, TextEnd int // byte range in the text
	Entry              *Entry
}

// Set is a compiled set of phrases. It is immutable and safe for concurrent
// use.
//
// The phrases form a trie on folded tokens. Its edges live in two flat hash
// tables, one for the root's (the first tokens of all phrases, looked up
// for the tokens of a text that pass a bit filter) and one for the rest,
// rather than in a map per node: compiling the chatbot list makes about
// 8,000 nodes, and making them is most of the start-up cost of a set.
type Set struct {
	entries []Entry
	roots   edgeTable // edges of the root, node 0
	// rootFilter is a bit filter of the root's tokens (the high bits of
	// their tokenHash), so that most tokens of a text, which start no
	// phrase, are passed over without a table lookup.
	rootFilter [1 << rootFilterLog / 64]uint64
	// Most tokens that start a phrase are common words ("the", "in") that
	// the next token does not continue. pairFilter is a bit filter of the
	// phrases' first two tokens (pairFilterBit), and soloFilter one of the
	// first tokens (rootFilterBit) that need no second to match: one-word
	// phrases, and "word *". A token passes over the root's table when
	// neither its solo bit nor its pair bit with the next token is set.
	pairFilter [1 << pairFilterLog / 64]uint64
	soloFilter [1 << rootFilterLog / 64]uint64
	edges      edgeTable // the other edges
	// edgeFilter is, per node, a 128-bit filter of its edge tokens (the
	// high bits of their tokenHash) at edgeFilter[2*node:2*node+2]: most
	// tokens after a common first word ("the", "in") continue no phrase,
	// and the filter passes over them without a probe of the edge table.
	edgeFilter []uint64
	wild       []int32 // node -> child on "*" (0: none)
	// The phrases that end at node n are finals[finalAt[n]:finalAt[n+1]],
	// in the order of their entries.
	finalAt []int32
	finals  []final
	exact   [][]string // the own tokens of the case-sensitive phrases
}

const (
	rootFilterLog = 12
	pairFilterLog = 14
)

// rootFilterBit is the bit of a token's hash in Set.rootFilter.
func rootFilterBit(hash uint32) uint32 { return hash >> (32 - rootFilterLog) }

// pairFilterBit is the bit of two tokens' hashes, first and second, in
// Set.pairFilter.
func pairFilterBit(first, second uint32) uint32 {
	return ((first ^ bits.RotateLeft32(second, 16)) * 0x85EBCA6B) >> (32 - pairFilterLog)
}

// setBit sets bit b of filter.
func setBit(filter []uint64, b uint32) { filter[b/64] |= 1 << (b % 64) }

// hasBit reports whether bit b of filter is set.
func hasBit(filter []uint64, b uint32) bool { return filter[b/64]&(1<<(b%64)) != 0 }

// hasEdge reports whether node (not the root) may have an edge on a token
// with hash: false when its edge filter rules it out.
func (s *Set) hasEdge(node int32, hash uint32) bool {
	word, bit := s.filterBit(node, hash)
	return *word&bit != 0
}

// final is a phrase that ends at a trie node.
type final struct {
	entry int32
	exact int32 // index in Set.exact of the phrase's own tokens (case-sensitive entries), or -1
}

// Compile builds a set from entries. It fails on an entry whose phrase has
// no tokens or unbalanced alternatives.
func Compile(entries []Entry) (*Set, error) {
	s := &Set{
		entries: append([]Entry(nil), entries...),
	}
	// Each entry's alternatives are tokenized once and walked into the
	// trie branch by branch, rather than expanded into every full phrase
	// and tokenized again (the chatbot list expands to about 5,000
	// phrases: this keeps a single-story check's start-up short).
	all := make([][][]segmentAlt, len(entries))
	phrases, steps := 0, 0
	for i, e := range s.entries {
		segs, err := phraseSegments(e.Phrase)
		if err != nil {
			return nil, fmt.Errorf("phrase %q: %w", e.Phrase, err)
		}
		all[i] = segs
		p, n := stepCount(segs)
		phrases, steps = phrases+p, steps+n
	}
	// The walks below add at most steps nodes; the root table grows if
	// need be.
	s.roots.init(len(entries))
	s.edges.init(steps)
	s.wild = make([]int32, 1, steps+1)
	s.edgeFilter = make([]uint64, 2, 2*(steps+1))
	ends := make([]nodeFinal, 0, phrases) // the phrases' last nodes, in the order of the entries
	for i, e := range s.entries {
		segs := all[i]
		caseSensitive := e.Flags&CaseSensitive != 0
		// first is the tokenHash of the phrase's first token, 0 while
		// there is none or when it is "*".
		var walk func(node int32, k int, words int, first uint32, exact []string) error
		walk = func(node int32, k int, words int, first uint32, exact []string) error {
			if k == len(segs) {
				if words == 0 {
					return fmt.Errorf("phrase %q: no words", e.Phrase)
				}
				if words == 1 && first != 0 {
					setBit(s.soloFilter[:], rootFilterBit(first))
				}
				f := final{entry: int32(i), exact: -1}
				if caseSensitive {
					f.exact = int32(len(s.exact))
					s.exact = append(s.exact, exact)
				}
				ends = append(ends, nodeFinal{node, f})
				return nil
			}
			for _, alt := range segs[k] {
				n, ex, f := node, exact, first
				if caseSensitive {
					ex = append(exact[:len(exact):len(exact)], alt.text...)
				}
				for j := range alt.fold {
					f = s.notePrefix(words+j, f, alt.fold[j], alt.text[j])
					n = s.step(n, alt.fold[j], alt.text[j])
				}
				if err := walk(n, k+1, words+len(alt.fold), f, ex); err != nil {
					return err
				}
			}
			return nil
		}
		if err := walk(0, 0, 0, 0, nil); err != nil {
			return nil, err
		}
	}
	s.indexFinals(ends)
	return s, nil
}

// notePrefix files the token at pos of a phrase being compiled in the
// root's pair and solo filters, given first, the tokenHash of the phrase's
// first token (0 for "*"), and returns first: the tokenHash of this token
// at pos 0.
func (s *Set) notePrefix(pos int, first uint32, fold, text string) uint32 {
	switch {
	case pos == 0 && text != "*":
		return tokenHash(fold)
	case pos == 1 && first != 0 && text == "*":
		setBit(s.soloFilter[:], rootFilterBit(first))
	case pos == 1 && first != 0:
		setBit(s.pairFilter[:], pairFilterBit(first, tokenHash(fold)))
	}
	return first
}

// stepCount returns how many phrases the alternatives of segs stand for,
// and how many tokens their walk into the trie steps over: a bound on the
// nodes it adds.
func stepCount(segs [][]segmentAlt) (phrases, steps int) {
	phrases = 1 // so far: the walks that reach the current segment
	for _, seg := range segs {
		for _, alt := range seg {
			steps += phrases * len(alt.fold)
		}
		phrases *= len(seg)
	}
	return phrases, steps
}

// nodeFinal is a phrase that ends at a node, while the set is compiled.
type nodeFinal struct {
	node int32
	f    final
}

// indexFinals files the phrases under their last nodes (finalAt, finals),
// keeping the order of ends for each node.
func (s *Set) indexFinals(ends []nodeFinal) {
	s.finalAt = make([]int32, len(s.wild)+1)
	for _, e := range ends {
		s.finalAt[e.node+1]++
	}
	for n := 1; n < len(s.finalAt); n++ {
		s.finalAt[n] += s.finalAt[n-1]
	}
	s.finals = make([]final, len(ends))
	next := append([]int32(nil), s.finalAt[:len(s.wild)]...)
	for _, e := range ends {
		s.finals[next[e.node]] = e.f
		next[e.node]++
	}
}

// step follows (or makes) the trie edge for one phrase token from node.
func (s *Set) step(node int32, fold, text string) int32 {
	if text == "*" {
		if s.wild[node] == 0 {
			s.wild[node] = s.newNode()
		}
		return s.wild[node]
	}
	t := &s.edges
	if node == 0 {
		t = &s.roots
	}
	h := tokenHash(fold)
	// The filter rules out most absent edges without a lookup: most nodes
	// of a long list are new ones, with no edges yet.
	word, bit := s.filterBit(node, h)
	if *word&bit != 0 {
		if next := t.lookup(node, fold, h); next != 0 {
			return next
		}
	}
	*word |= bit
	next := s.newNode()
	t.insert(node, fold, h, next)
	return next
}

// filterBit returns the word and bit of the filter of node's edges (the
// root filter for the root) for a token hash.
func (s *Set) filterBit(node int32, hash uint32) (*uint64, uint64) {
	if node == 0 {
		b := rootFilterBit(hash)
		return &s.rootFilter[b/64], 1 << (b % 64)
	}
	b := hash >> (32 - 7)
	return &s.edgeFilter[2*uint32(node)+b/64], 1 << (b % 64)
}

func (s *Set) newNode() int32 {
	s.wild = append(s.wild, 0)
	s.edgeFilter = append(s.edgeFilter, 0, 0)
	return int32(len(s.wild) - 1)
}

// tokenHash hashes a folded token by its length and its first, middle and
// last bytes: constant work however long the token, and enough to tell
// apart nearly all the words of a text, since a table lookup confirms a
// hash match by comparing the tokens themselves. It is never 0, which marks
// an empty slot.
func tokenHash(tok string) uint32 {
	n := len(tok)
	if n == 0 {
		return 1
	}
	x := uint32(tok[0]) | uint32(tok[n/2])<<8 | uint32(tok[n-1])<<16 | uint32(n)<<24
	return x*0x9E3779B1 | 1
}

// edgeTable maps trie edges, (node, folded token), to child nodes: open
// addressing with linear probing over flat arrays, kept at most half full.
type edgeTable struct {
	slots []edgeSlot // a power of two of them
	toks  []string   // the token of each slot, to confirm a hash match
	shift uint8      // 32 - log2(len(slots))
	n     int
}

type edgeSlot struct {
	hash          uint32 // tokenHash of the token; 0 for an empty slot
	parent, child int32
}

// init sizes t for about n edges.
func (t *edgeTable) init(n int) {
	size, shift := 8, uint8(32-3)
	for size < 2*n {
		size, shift = size*2, shift-1
	}
	t.slots = make([]edgeSlot, size)
	t.toks = make([]string, size)
	t.shift = shift
	t.n = 0
}

// slot is where the probe for (parent, hash) starts.
func (t *edgeTable) slot(parent int32, hash uint32) uint32 {
	return (hash ^ uint32(parent)*0x9E3779B1) >> t.shift
}

// lookup returns the child of parent on tok (whose tokenHash is hash), or
// 0 when there is none.
func (t *edgeTable) lookup(parent int32, tok string, hash uint32) int32 {
	mask := uint32(len(t.slots) - 1)
	for i := t.slot(parent, hash); ; i = (i + 1) & mask {
		e := &t.slots[i]
		if e.hash == 0 {
			return 0
		}
		if e.hash == hash && e.parent == parent && t.toks[i] == tok {
			return e.child
		}
	}
}

// insert adds the edge (parent, tok) -> child, which must not be there.
func (t *edgeTable) insert(parent int32, tok string, hash uint32, child int32) {
	if 2*(t.n+1) > len(t.slots) {
		old, oldToks := t.slots, t.toks
		t.init(len(old))
		for i, e := range old {
			if e.hash != 0 {
				t.insert(e.parent, oldToks[i], e.hash, e.child)
			}
		}
	}
	mask := uint32(len(t.slots) - 1)
	i := t.slot(parent, hash)
	for t.slots[i].hash != 0 {
		i = (i + 1) & mask
	}
	t.slots[i] = edgeSlot{hash: hash, parent: parent, child: child}
	t.toks[i] = tok
	t.n++
}

// segmentAlt is one alternative of a phrase segment: its tokens' folded
// forms and their own text.
type segmentAlt struct {
	fold, text []string
}

// phraseSegments splits a phrase into segments, each a list of
// alternatives: literal text is a segment of one alternative, "(a/b/)" a
// segment of three (the last empty). Tokenizing the pieces apart gives the
// tokens of the expanded phrases, whose pieces are joined by spaces.
func phraseSegments(p string) ([][]segmentAlt, error) {
	var segs [][]segmentAlt
	var toks []Token
	piece := func(text string) segmentAlt {
		toks = Tokenize(text, toks)
		alt := segmentAlt{fold: make([]string, len(toks)), text: make([]string, len(toks))}
		for j, t := range toks {
			alt.fold[j], alt.text[j] = t.Fold, t.Text(text)
		}
		return alt
	}
	for p != "" {
		open := strings.IndexByte(p, '(')
		if open < 0 {
			if strings.ContainsAny(p, ")") {
				return nil, fmt.Errorf("unbalanced \")\"")
			}
			segs = append(segs, []segmentAlt{piece(p)})
			break
		}
		if strings.ContainsAny(p[:open], ")") {
			return nil, fmt.Errorf("unbalanced \")\"")
		}
		closing := strings.IndexByte(p[open:], ')')
		if closing < 0 {
			return nil, fmt.Errorf("unbalanced \"(\"")
		}
		closing += open
		if strings.IndexByte(p[open+1:closing], '(') >= 0 {
			return nil, fmt.Errorf("nested \"(\"")
		}
		if lit := p[:open]; strings.TrimSpace(lit) != "" {
			segs = append(segs, []segmentAlt{piece(lit)})
		}
		var group []segmentAlt
		for _, alt := range strings.Split(p[open+1:closing], "/") {
			group = append(group, piece(strings.TrimSpace(alt)))
		}
		segs = append(segs, group)
		p = p[closing+1:]
	}
	return segs, nil
}

// MustCompile is Compile for built-in lists: it panics on an error, which
// the rule's tests catch.
func MustCompile(entries []Entry) *Set {
	s, err := Compile(entries)
	if err != nil {
		panic("match: " + err.Error())
	}
	return s
}

// Len returns the number of entries.
func (s *Set) Len() int { return len(s.entries) }

// Find returns every match of the set's phrases in toks (the tokens of
// text), ordered by start token, longer matches first. One pass over the
// tokens serves all phrases. It returns nil when nothing matches.
func (s *Set) Find(text string, toks []Token) []Match {
	var out []Match
	wild := s.wild[0]
	cands := rootCandidates{s: s, toks: toks, base: -64}
	for i := 0; i < len(toks); i++ {
		if wild == 0 {
			if i = cands.next(i); i == len(toks) {
				break
			}
		}
		t := &toks[i]
		if t.Kind == Opaque {
			continue
		}
		next := s.roots.lookup(0, t.Fold, t.foldHash())
		if next == 0 && wild == 0 {
			continue
		}
		n := len(out)
		if next != 0 {
			out = s.walk(out, text, toks, i, i+1, next)
		}
		if wild != 0 && t.Kind == Word {
			out = s.walk(out, text, toks, i, i+1, wild)
		}
		if len(out)-n > 1 {
			sortLongestFirst(out[n:])
		}
	}
	return out
}

// rootCandidates finds the tokens that pass the root filters: each may
// start a phrase, alone or followed by the next token. Most tokens start no
// phrase, and a fifth of them pass the first filter, unpredictably: the
// first filter's bits are gathered for 64 tokens at a time without a
// branch, and only the tokens whose bit is set are tested further.
type rootCandidates struct {
	s    *Set
	toks []Token
	base int    // the first of the 64 tokens that mask covers
	mask uint64 // bit k: toks[base+k], not yet passed over, passes the root filter
}

// next returns the index of the first of toks[i:] that passes the root
// filters, or len(toks). Calls must not go back: i is at least the last
// index returned.
func (c *rootCandidates) next(i int) int {
	s, toks := c.s, c.toks
	for i < len(toks) {
		if i >= c.base+64 {
			c.base, c.mask = i, 0
			block := toks[i:min(i+64, len(toks))]
			for k := range block {
				b := rootFilterBit(block[k].foldHash())
				c.mask |= (s.rootFilter[b/64] >> (b % 64) & 1) << k
			}
		} else {
			c.mask &= ^uint64(0) << (i - c.base)
		}
		for c.mask != 0 {
			k := c.base + bits.TrailingZeros64(c.mask)
			c.mask &= c.mask - 1
			h := toks[k].foldHash()
			if hasBit(s.soloFilter[:], rootFilterBit(h)) || k+1 < len(toks) && hasBit(s.pairFilter[:], pairFilterBit(h, toks[k+1].foldHash())) {
				return k
			}
		}
		i = c.base + 64
	}
	return len(toks)
}

// walk follows the trie from node, whose path covers toks[start:j].
func (s *Set) walk(out []Match, text string, toks []Token, start, j int, node int32) []Match {
	for _, f := range s.finals[s.finalAt[node]:s.finalAt[node+1]] {
		if s.accept(f, text, toks, start, j) {
			out = append(out, Match{
				Start: start, End: j,
				TextStart: toks[start].Start, TextEnd: toks[j-1].End,
				Entry: &s.entries[f.entry],
			})
		}
	}
	if j >= len(toks) || toks[j].Kind == Opaque {
		return out
	}
	if h := toks[j].foldHash(); s.hasEdge(node, h) {
		if next := s.edges.lookup(node, toks[j].Fold, h); next != 0 {
			out = s.walk(out, text, toks, start, j+1, next)
		}
	}
	if w := s.wild[node]; w != 0 && toks[j].Kind == Word {
		out = s.walk(out, text, toks, start, j+1, w)
	}
	return out
}

func (s *Set) accept(f final, text string, toks []Token, start, end int) bool {
	e := &s.entries[f.entry]
	if f.exact >= 0 {
		for k, want := range s.exact[f.exact] {
			if want != "*" && !sameExact(toks[start+k].Text(text), want) {
				return false
			}
		}
	}
	if e.Flags&SentenceStart != 0 && !startsSentence(toks, start) {
		return false
	}
	if e.Flags&SentenceEnd != 0 && !endsSentence(toks, end) {
		return false
	}
	return true
}

// startsSentence reports whether toks[i] begins a sentence, allowing for
// opening quotes and brackets before it.
func startsSentence(toks []Token, i int) bool {
	for i > 0 && !toks[i].SentenceStart {
		p := toks[i-1]
		if p.Kind != Punct || !isOpener(p.Fold) {
			return false
		}
		i--
	}
	return toks[i].SentenceStart
}

func isOpener(p string) bool {
	return p == "\"" || p == "'" || p == "(" || p == "["
}

// endsSentence reports whether the sentence ends before toks[i].
func endsSentence(toks []Token, i int) bool {
	for i < len(toks) && toks[i].Kind == Punct && isCloser(toks[i].Fold) && !toks[i].SentenceStart {
		i++
	}
	if i >= len(toks) || toks[i].SentenceStart {
		return true
	}
	return toks[i].Kind == Punct && isTerminal(toks[i].Fold)
}

// sameExact compares a token's text with a case-sensitive phrase token,
// treating curly and straight apostrophes and quotes as the same.
func sameExact(got, want string) bool {
	if got == want {
		return true
	}
	return strings.Map(straighten, got) == strings.Map(straighten, want)
}

func straighten(r rune) rune {
	switch r {
	case '\u2018', '\u2019', '\u02BC':
		return '\''
	case '\u201C', '\u201D':
		return '"'
	}
	return r
}

func sortLongestFirst(ms []Match) {
	// Few matches start at one token: insertion sort.
	for i := 1; i < len(ms); i++ {
		for j := i; j > 0 && ms[j].End > ms[j-1].End; j-- {
			ms[j], ms[j-1] = ms[j-1], ms[j]
		}
	}
}

// Longest keeps, from matches ordered as Find returns them, the longest
// match at each place and drops matches that overlap one already kept.
func Longest(ms []Match) []Match {
	out := ms[:0:0]
	end := -1
	for _, m := range ms {
		if m.Start < end {
			continue
		}
		out = append(out, m)
		end = m.End
	}
	return out
}
