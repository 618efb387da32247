package match

import (
	"fmt"
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
type Set struct {
	entries []Entry
	root    map[string]int32 // first tokens: the edges of the root, node 0
	// edges are the other trie edges, on folded tokens: node -> token ->
	// child. One string-keyed map per node hashes faster than one map on a
	// (node, token) struct.
	edges []map[string]int32
	// edgeBits is, per node, a bit filter of its edge tokens (rootBit mod
	// 128): most words after a common first word ("the", "in") continue no
	// phrase, and the filter passes over them without a map lookup.
	edgeBits [][2]uint64
	wild     []int32   // node -> child on "*" (0: none)
	final    [][]final // node -> the phrases that end there
	nodes    int32
	// roots is a bit filter of the first tokens of all phrases, so that
	// most tokens of a text are passed over without a map lookup.
	roots [rootBits / 64]uint64
}

const rootBits = 4096

// rootBit hashes a folded token by its first and last bytes and length.
func rootBit(tok string) uint {
	if tok == "" {
		return 0
	}
	return (uint(tok[0])*131 + uint(tok[len(tok)-1])*31 + uint(len(tok))) % rootBits
}

type final struct {
	entry int
	exact []string // the phrase's own tokens, for case-sensitive entries
}

// Compile builds a set from entries. It fails on an entry whose phrase has
// no tokens or unbalanced alternatives.
func Compile(entries []Entry) (*Set, error) {
	s := &Set{
		entries:  append([]Entry(nil), entries...),
		root:     make(map[string]int32, len(entries)),
		edges:    []map[string]int32{nil},
		edgeBits: [][2]uint64{{}},
		wild:     []int32{0},
		final:    [][]final{nil},
		nodes:    1,
	}
	// Each entry's alternatives are tokenized once and walked into the
	// trie branch by branch, rather than expanded into every full phrase
	// and tokenized again (the chatbot list expands to about 5,000
	// phrases: this keeps a single-story check's start-up short).
	for i, e := range s.entries {
		segs, err := phraseSegments(e.Phrase)
		if err != nil {
			return nil, fmt.Errorf("phrase %q: %w", e.Phrase, err)
		}
		caseSensitive := e.Flags&CaseSensitive != 0
		var walk func(node int32, k int, words int, exact []string) error
		walk = func(node int32, k int, words int, exact []string) error {
			if k == len(segs) {
				if words == 0 {
					return fmt.Errorf("phrase %q: no words", e.Phrase)
				}
				f := final{entry: i}
				if caseSensitive {
					f.exact = exact
				}
				s.final[node] = append(s.final[node], f)
				return nil
			}
			for _, alt := range segs[k] {
				n, ex := node, exact
				if caseSensitive {
					ex = append(exact[:len(exact):len(exact)], alt.text...)
				}
				for j := range alt.fold {
					n = s.step(n, alt.fold[j], alt.text[j])
				}
				if err := walk(n, k+1, words+len(alt.fold), ex); err != nil {
					return err
				}
			}
			return nil
		}
		if err := walk(0, 0, 0, nil); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// step follows (or makes) the trie edge for one phrase token from node.
func (s *Set) step(node int32, fold, text string) int32 {
	if text == "*" {
		if s.wild[node] == 0 {
			s.wild[node] = s.newNode()
		}
		return s.wild[node]
	}
	if node == 0 {
		b := rootBit(fold)
		s.roots[b/64] |= 1 << (b % 64)
		next, ok := s.root[fold]
		if !ok {
			next = s.newNode()
			s.root[fold] = next
		}
		return next
	}
	next, ok := s.edges[node][fold]
	if !ok {
		next = s.newNode()
		if s.edges[node] == nil {
			s.edges[node] = map[string]int32{}
		}
		s.edges[node][fold] = next
		b := rootBit(fold) % 128
		s.edgeBits[node][b/64] |= 1 << (b % 64)
	}
	return next
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

func (s *Set) newNode() int32 {
	s.wild = append(s.wild, 0)
	s.final = append(s.final, nil)
	s.edges = append(s.edges, nil)
	s.edgeBits = append(s.edgeBits, [2]uint64{})
	s.nodes++
	return s.nodes - 1
}

// Len returns the number of entries.
func (s *Set) Len() int { return len(s.entries) }

// Find returns every match of the set's phrases in toks (the tokens of
// text), ordered by start token, longer matches first. One pass over the
// tokens serves all phrases. It returns nil when nothing matches.
func (s *Set) Find(text string, toks []Token) []Match {
	var out []Match
	for i := range toks {
		if toks[i].Kind == Opaque {
			continue
		}
		var next int32
		ok := false
		if b := rootBit(toks[i].Fold); s.roots[b/64]&(1<<(b%64)) != 0 {
			next, ok = s.root[toks[i].Fold]
		}
		if !ok && s.wild[0] == 0 {
			continue
		}
		n := len(out)
		if ok {
			out = s.walk(out, text, toks, i, i+1, next)
		}
		if s.wild[0] != 0 && toks[i].Kind == Word {
			out = s.walk(out, text, toks, i, i+1, s.wild[0])
		}
		if len(out)-n > 1 {
			sortLongestFirst(out[n:])
		}
	}
	return out
}

// walk follows the trie from node, whose path covers toks[start:j].
func (s *Set) walk(out []Match, text string, toks []Token, start, j int, node int32) []Match {
	for _, f := range s.final[node] {
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
	if b := rootBit(toks[j].Fold) % 128; s.edgeBits[node][b/64]&(1<<(b%64)) != 0 {
		if next, ok := s.edges[node][toks[j].Fold]; ok {
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
	if f.exact != nil {
		for k, want := range f.exact {
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
