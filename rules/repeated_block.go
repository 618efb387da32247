package rules

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/copydesk/copydesk/rules/article"
)

type repeatedBlock struct{}

func (repeatedBlock) Meta() Meta {
	return Meta{
		Name:     "repeated-block",
		Category: Residue,
		Severity: Warning,
		Default:  true,
		Summary:  "The same line or paragraph printed twice in one article",
		Doc: `A paste that went in twice, a CMS that printed a pull quote or a
standfirst again, or a scraper that picked up a teaser and the story leaves
the same paragraph twice in one article. The rule compares every line of
the article, ignoring case, spacing and punctuation, and reports the second
copy, with a related location at the first. Consecutive repeated lines
(a paragraph repeated whole) are one finding.

A line counts with at least four words when it ends like a sentence, and
eight otherwise: short labels and headings repeat legitimately ("Winners
meet in final match" under each pair of fixtures). A line that is only a
short quotation (fewer than ten words inside quotation marks, a chant or a
slogan) is left alone, and so are list items, table cells, captions, photo
credits, a heading repeated by a table of contents, and dummy "lorem ipsum"
text (placeholder reports it). The
headline printed again is repeated-headline's, a byline printed twice
byline-residue's, and repeated share bars or "Advertisement" lines
share-chrome's: one slip gives one finding.

Delete the second copy, or, for a pull quote, check that the template
marks it as one.`,
		Examples: []Example{
			{Text: "Council approves barrier\n\nThe barrier will protect about 3,000 homes.\n\nWork starts in spring.\n\nThe barrier will protect about 3,000 homes.", Fires: true},
			{Text: "Council approves barrier\n\nThe barrier will protect homes.\n\nThe barrier will protect about 3,000 homes from storm surges.", Fires: false},
			{Text: "Fans chant\n\n\"Four more years!\"\n\nThe crowd roared.\n\n\"Four more years!\"", Fires: false},
			{Text: "Match report\n\nGoal!\n\nThe crowd roared.\n\nGoal!", Fires: false},
		},
	}
}

// keyedLine is a line and the index of the first line that reads the same.
type keyedLine struct {
	line  textLine
	first int // -1 when the line is not a repeat
	// opener is the lineHash of the line's first three words (for the
	// lines that repeatCandidate compares).
	opener uint64
}

func (repeatedBlock) Check(doc *article.Document) []Diagnostic {
	lines := docLines(doc)
	if len(lines) < 2 {
		return nil
	}
	refs, _ := headlineRefs(doc)
	keyed := make([]keyedLine, len(lines))
	// Lines with the same key start with the same three words: a line
	// whose first three words (by their hash) open no other line can be
	// no repeat and no first copy, and is not read to its sixteenth word.
	opens := make(map[uint64]int, len(lines))
	for i, l := range lines {
		keyed[i] = keyedLine{line: l, first: -1}
		if repeatCandidate(doc.Blocks[l.block].Kind) {
			h, _ := lineHash(l.text(doc), 3)
			keyed[i].opener = h
			opens[h]++
		}
	}
	// Lines are compared by a hash of their lineKey form; a match is
	// confirmed on the keys themselves.
	firstOf := make(map[uint64]int, len(lines))
	for i, l := range lines {
		b := &doc.Blocks[l.block]
		if !repeatCandidate(b.Kind) || opens[keyed[i].opener] < 2 {
			continue
		}
		text := l.text(doc)
		// Sixteen words tell lines apart; the thresholds below need no more.
		h, n := lineHash(text, 16)
		if n < minRepeatWords(b.Kind, text) || shortQuotation(text, n) || creditLike(text, n) || hasPrefixFold(text, "lorem ipsum") {
			continue
		}
		f, ok := firstOf[h]
		if !ok {
			firstOf[h] = i
			continue
		}
		k, _ := lineKey(text)
		if fk, _ := lineKey(lines[f].text(doc)); fk != k {
			continue
		}
		// A heading and a table-of-contents entry read the same.
		if fb := doc.Blocks[lines[f].block].Kind; fb == article.Heading && b.Kind != article.Heading {
			continue
		}
		keyed[i].first = f
	}
	var out []Diagnostic
	for i := 0; i < len(keyed); i++ {
		kl := keyed[i]
		if kl.first < 0 || ownedElsewhere(doc, kl.line, refs) {
			continue
		}
		// Extend over following lines that repeat the lines after the first
		// copy, in step.
		j := i
		for j+1 < len(keyed) && keyed[j+1].first == keyed[j].first+1 && keyed[j+1].first < i &&
			!ownedElsewhere(doc, keyed[j+1].line, refs) && !commentBetween(doc, keyed[j].line, keyed[j+1].line) {
			j++
		}
		s, _ := kl.line.srcRange(doc)
		_, e := keyed[j].line.srcRange(doc)
		fs, _ := lines[kl.first].srcRange(doc)
		_, fe := lines[kl.first+(j-i)].srcRange(doc)
		what := "line"
		if j > i {
			what = fmt.Sprintf("passage of %d lines", j-i+1)
		} else if doc.Blocks[kl.line.block].Kind == article.Paragraph && len(lines) > 0 && isWholeBlock(doc, kl.line) {
			what = "paragraph"
		}
		firstLine, _ := doc.Position(fs)
		out = append(out, Diagnostic{Start: s, End: e,
			Message: fmt.Sprintf("this %s repeats one printed earlier (line %d): delete one copy", what, firstLine),
			Related: []Related{{Start: fs, End: fe, Message: "first copy"}}})
		i = j
	}
	return out
}

// repeatCandidate reports whether lines of a block of kind k are compared:
// table cells, list items and captions repeat by design.
func repeatCandidate(k article.Kind) bool {
	switch k {
	case article.TableCell, article.ListItem, article.Caption:
		return false
	}
	return true
}

// minRepeatWords is how many words a line needs before its repeat counts:
// four for a sentence, eight for a line that does not end like one (a
// label such as "Winners meet in final match" between fixtures), a
// fragment that starts in lower case ("and add the same text." in a list
// of steps) or a heading.
func minRepeatWords(k article.Kind, text string) int {
	r, _ := utf8.DecodeRuneInString(text)
	if k == article.Heading || !lineEndsSentence(text) || unicode.IsLower(r) {
		return 8
	}
	return 4
}

// creditWords open a photo credit or a source line, which repeat under
// every picture or chart.
var creditWords = splitSet("credit|credits|photo|photos|photograph|photography|image|images|picture|pictures|illustration|video|source|sources|graphic|map|chart", "|")

func creditLike(text string, words int) bool {
	if words > 15 {
		return false
	}
	t := strings.TrimLeft(text, "([\"' ")
	end := 0
	for end < len(t) && isLetterASCII(t[end]) {
		end++
	}
	first := strings.ToLower(t[:end])
	return creditWords[first] || strings.HasPrefix(first, "credit") || containsFold(text, "getty")
}

// shortQuotation reports a line that is only a short quotation: "Four
// more years!", a slogan or a chant that a story may quote twice.
func shortQuotation(text string, words int) bool {
	if words >= 10 {
		return false
	}
	first, _ := utf8.DecodeRuneInString(text)
	t := strings.TrimRight(text, ".,;:!? ")
	last, _ := utf8.DecodeLastRuneInString(t)
	return isQuoteMark(first) && isQuoteMark(last)
}

func isQuoteMark(r rune) bool {
	switch r {
	case '"', '\'', '\u201c', '\u201d', '\u2018', '\u2019', '\u00ab', '\u00bb':
		return true
	}
	return false
}

// ownedElsewhere reports repeats that another residue rule reports: the
// headline, bylines and page furniture.
func ownedElsewhere(doc *article.Document, l textLine, refs []headlineRef) bool {
	text := l.text(doc)
	if _, ok := matchHeadline(text, refs); ok {
		return true
	}
	key, n := lineKey(text)
	if n <= 12 {
		if name, isByline, msg := bylineName(text, key); isByline || msg != "" || name != "" {
			return true
		}
	}
	return chromeLine(text, doc.Blocks[l.block].Kind) != ""
}

func isWholeBlock(doc *article.Document, l textLine) bool {
	return strings.TrimSpace(doc.Blocks[l.block].Text) == l.text(doc)
}

// commentBetween reports whether an HTML comment (a suppression directive)
// lies between two lines, which then are not reported as one passage.
func commentBetween(doc *article.Document, a, b textLine) bool {
	_, ae := a.srcRange(doc)
	bs, _ := b.srcRange(doc)
	for _, c := range doc.Comments {
		if c.Src >= ae && c.SrcEnd <= bs {
			return true
		}
	}
	return false
}
