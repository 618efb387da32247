package rules

// A bytePairs finds, in one pass over a text, where any of a few two-byte
// sequences occurs: the pre-filters of rules whose findings all hold one
// of them ("TK", "XX", "tu" of "turn"). Testing one byte at a time would
// branch on letters as common as 't' and mispredict often; the pair test
// is one AND of two table entries and a branch that is almost never
// taken.
type bytePairs struct {
	first, second [256]uint8
}

// bytePair is a set of two-byte sequences: any byte of a followed by any
// byte of b. Pairs that share a bit are not told apart.
type bytePair struct {
	a, b string
	bit  uint8
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

// index returns the first i >= from such that text[i-1:i+1] is one of the
// pairs, with the bits of the pairs it may be, or (-1, 0).
func (bp *bytePairs) index(text string, from int) (int, uint8) {
	from = max(from, 1)
	if from >= len(text) {
		return -1, 0
	}
	prev := bp.first[text[from-1]] // the first-byte bits of text[i-1]
	for i := from; i < len(text); i++ {
		c := text[i]
		if bits := prev & bp.second[c]; bits != 0 {
			return i, bits
		}
		prev = bp.first[c]
	}
	return -1, 0
}
