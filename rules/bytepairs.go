package rules

// A bytePairs finds, in one pass over a text, where any of a few two-byte
// sequences occurs: the pre-filters of rules whose findings all hold one
// of them ("TK", "XX", "tu" of "turn"). Testing one byte at a time would
// branch on letters as common as 't' and mispredict often; the pair test
// is one AND of two table entries and a branch that is almost never
// taken. On the way it also notes which classes of bytes it has passed
// (see classify), without a branch.
type bytePairs struct {
	first, second [256]pairBits
	class         [256]uint8
}

// pairBits tell pairs apart: a bit for each pair (or set of pairs).
type pairBits uint16

// bytePair is a set of two-byte sequences: any byte of a followed by any
// byte of b. Pairs that share a bit are not told apart, and match each
// other's bytes too (the a of one pair followed by the b of another).
type bytePair struct {
	a, b string
	bit  pairBits
}

func newBytePairs(pairs ...bytePair) *bytePairs {
	bp := &bytePairs{}
	for _, p := range pairs {
		for i := 0; i < len(p.a); i++ {
			bp.first[p.a[i]] |= p.bit
		}
		for i := 0; i < len(p.b); i++ {
			bp.second[p.b[i]] |= p.bit
		}
	}
	return bp
}

// classify gives the bytes for which in reports true the class bit; it
// returns bp.
func (bp *bytePairs) classify(bit uint8, in func(c byte) bool) *bytePairs {
	for c := range 256 {
		if in(byte(c)) {
			bp.class[c] |= bit
		}
	}
	return bp
}

// index returns the first i >= from such that text[i-1:i+1] is one of the
// pairs, with the bits of the pairs it may be, or (-1, 0). classes is the
// union of the classes of text[from:i+1] (of text[from:] when there is no
// pair): a caller that goes on from i+1 sees every byte once.
func (bp *bytePairs) index(text string, from int) (i int, bits pairBits, classes uint8) {
	from = max(from, 1)
	if from >= len(text) {
		return -1, 0, 0
	}
	prev := bp.first[text[from-1]] // the first-byte bits of text[i-1]
	for i := from; i < len(text); i++ {
		c := text[i]
		classes |= bp.class[c]
		if bits := prev & bp.second[c]; bits != 0 {
			return i, bits, classes
		}
		prev = bp.first[c]
	}
	return -1, 0, classes
}
