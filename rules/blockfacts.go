package rules

import (
	"strings"

	"github.com/copydesk/copydesk/rules/article"
)

// blockFacts are the answers of eight rules' byte-level filters for one
// block, found in one pass over its text instead of one each: whether
// a-an, placeholder (its words), chatbot-leftover (its citation markers),
// date-weekday, mojibake, invisible-char and unbalanced-quotes can find
// anything in it, and whether spacing must read every byte or its marks. Each filter stops at byte pairs
// (see bytePairs); one table of all their pairs stops at the pairs of any.
type blockFacts struct {
	// article: some standalone "a" or "an" is followed by a character
	// that may make it a slip. "a" before a consonant letter other than
	// h, or a capital letter whose name starts with a consonant, cannot
	// be one; nor can "an" before a or i.
	article bool
	// placeholder: the text has "TK", "XX", "xx", "FIXME", "TODO",
	// "TBD", "lorem" or "nsert" (of "insert"), the last two in any case,
	// as every word that wordPlaceholders reports does. A word the
	// tokenizer folds to "lorem" or "insert" has those letters in ASCII:
	// the only other letters that fold to ASCII are "İ" (to "i") and the
	// Kelvin sign (to "k").
	placeholder bool
	// opener: a '[', '{' or '%', where placeholder's bracketed labels and
	// template variables start.
	opener bool
	// marker: the text has "turn" and a digit, "oaicite", or "turn" and
	// "contentReference[" (the rule's original test asked for "turn" or
	// "oaicite", and then for a marker). News is full of "return" and
	// "turned": those blocks pass.
	marker bool
	// doubleSpace: the text has two spaces in a row, which spacing judges
	// (without them, it needs to look at the marks only).
	doubleSpace bool
	// spacedMark: a sentence mark (sentenceMarks) has a space before it,
	// or a comma or full stop has an ASCII letter or a byte outside ASCII
	// after it: without one, spacing's judgeMark reports no mark.
	spacedMark bool
	// weekday: the text names a day of the week ("...day" before a date
	// or in brackets, "DAY") or has an abbreviation with its dot ("Fri."),
	// as date-weekday needs.
	weekday bool
	// high and ampLT: a byte outside ASCII, from which every garbled run
	// of mojibake starts; '&' or '<', from which its literal markup does.
	high, ampLT bool
	// invisible: a byte outside ASCII or a control character other than
	// tab and line ends, which every finding of invisible-char holds
	// (hasInvisible).
	invisible bool
	// marks: a byte that starts a mark unbalancedMarks follows
	// (markStartBytes); without one, it finds nothing.
	marks bool
}

// The pair bits of the filters, distinct so that one table holds them
// all.
const (
	pairArticle    pairBits = 1 << iota // a-an: "a" after a byte outside words
	pairUpper                           // placeholder: TK, XX, xx, IX of FIXME, OD of TODO, BD of TBD
	pairLorem                           // placeholder: "em" of lorem, in any case
	pairNs                              // placeholder: "ns" of insert, in any case
	pairTurn                            // chatbot-leftover: "tu" of turn
	pairOaicite                         // chatbot-leftover: "oa" of oaicite
	pairSpaces                          // spacing: two spaces
	pairDay                             // date-weekday: "da" of day, "DA" of DAY
	pairAbbrevDot                       // date-weekday: the dot of "Fri."
	pairSpaceMark                       // spacing: a space before a sentence mark
	pairMarkLetter                      // spacing: a letter after a comma or full stop
)

// Byte classes that factsOf notes for mojibake and invisible-char.
const (
	classHigh    = 1 << iota // a byte of a character outside ASCII
	classControl             // a control character other than tab and line ends, or DEL
	classAmpLT               // '&' or '<', of an entity or a tag left in the text
	classMark                // a byte of markStartBytes, for unbalanced-quotes
	classOpener              // '[', '{' or '%', for placeholder
)

var factPairs = func() *bytePairs {
	pairs := append([]bytePair{articlePair, {" ", " ", pairSpaces}}, spacingPairList...)
	pairs = append(pairs, placeholderPairList...)
	pairs = append(pairs, weekdayPairList...)
	bp := newBytePairs(append(pairs, markerPairList...)...)
	bp.classify(classHigh, func(c byte) bool { return c >= 0x80 })
	bp.classify(classControl, func(c byte) bool { return c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f })
	bp.classify(classMark, func(c byte) bool { return strings.IndexByte(markStartBytes, c) >= 0 })
	bp.classify(classOpener, func(c byte) bool { return c == '[' || c == '{' || c == '%' })
	return bp.classify(classAmpLT, func(c byte) bool { return c == '&' || c == '<' })
}()

// factTable packs factPairs into one word a byte, so that the scan of
// factsOf loads one entry a byte instead of three: the second-byte bits in
// bits 0-15, the first-byte bits in 16-31 and the classes in 32-39.
var factTable = func() *[256]uint64 {
	var t [256]uint64
	for c := range t {
		t[c] = uint64(factPairs.second[c]) | uint64(factPairs.first[c])<<16 | uint64(factPairs.class[c])<<32
	}
	return &t
}()

type blockFactsKey struct{}

// blockFactsOf returns the facts of every block of doc, computed once per
// document (Document.Memo): callers must not change the slice.
func blockFactsOf(doc *article.Document) []blockFacts {
	return doc.Memo(blockFactsKey{}, func() any {
		facts := make([]blockFacts, len(doc.Blocks))
		for i := range doc.Blocks {
			facts[i] = factsOf(doc.Blocks[i].Text)
		}
		return facts
	}).([]blockFacts)
}

// factsOf answers the filters for text in one pass: each filter judges
// its own stops, and the classes of the bytes passed answer the rest.
func factsOf(text string) blockFacts {
	var f blockFacts
	if text == "" {
		return f
	}
	ft := factTable
	live := ^pairBits(0) // the pairs of the filters not yet decided
	turn := false
	if text[0] == 'a' || text[0] == 'A' {
		if may, done := articleNeedsLook(text, 0); done {
			f.article, live = may, live&^pairArticle
		}
	}
	// The scan of bytePairs, with the filters' judgements in its loop: a
	// stop costs no call, and a decided filter's pairs stop it no more.
	// prev holds the first-byte bits of the byte before in its low 16 bits
	// (and that byte's classes above them, which the conversion to
	// pairBits drops); all holds every class seen, in bits 32-39.
	all := ft[text[0]]
	prev := all >> 16
	for i := 1; i < len(text); i++ {
		v := ft[text[i]]
		all |= v
		bits := pairBits(prev&v) & live
		prev = v >> 16
		if bits == 0 {
			continue
		}
		if bits&pairArticle != 0 {
			if may, done := articleNeedsLook(text, i); done {
				f.article, live = may, live&^pairArticle
			}
		}
		if bits&(pairUpper|pairLorem|pairNs) != 0 && placeholderPairHit(text, i, bits) {
			f.placeholder, live = true, live&^(pairUpper|pairLorem|pairNs)
		}
		if bits&(pairTurn|pairOaicite) != 0 {
			found, t := markerPairHit(text, i)
			turn = turn || t
			if found {
				f.marker, live = true, live&^(pairTurn|pairOaicite)
			}
		}
		if bits&pairSpaces != 0 {
			f.doubleSpace, live = true, live&^pairSpaces
		}
		if bits&(pairSpaceMark|pairMarkLetter) != 0 {
			f.spacedMark, live = true, live&^(pairSpaceMark|pairMarkLetter)
		}
		if bits&(pairDay|pairAbbrevDot) != 0 && weekdayPairHit(text, i, bits) {
			f.weekday, live = true, live&^(pairDay|pairAbbrevDot)
		}
	}
	if !f.marker && turn {
		f.marker = strings.Contains(text, "contentReference[")
	}
	classes := uint8(all >> 32)
	f.high = classes&classHigh != 0
	f.ampLT = classes&classAmpLT != 0
	f.invisible = classes&(classHigh|classControl) != 0
	f.marks = classes&classMark != 0
	f.opener = classes&classOpener != 0
	return f
}
