package rules

// A bytePairs is the tables of a scan that finds, in one pass over a text,
// where any of a few two-byte sequences occurs: the pre-filters of rules
// whose findings all hold one of them ("TK", "XX", "tu" of "turn"). The
// scan keeps first[text[i-1]] and ANDs it with second[text[i]]: testing
// one byte at a time would branch on letters as common as 't' and
// mispredict often, while the pair test is one AND of two table entries
// and a branch that is almost never taken. On the way it ORs together
// class[text[i]], to note which classes of bytes it has passed (see
// classify) without a branch. factsOf is the scan.
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
