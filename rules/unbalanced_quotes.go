package rules

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/copydesk/copydesk/rules/article"
)

type unbalancedQuotes struct{}

func (unbalancedQuotes) Meta() Meta {
	return Meta{
		Name:     "unbalanced-quotes",
		Category: Mechanics,
		Severity: Warning,
		Default:  true,
		Summary:  "A quotation mark or bracket opened and not closed in its paragraph, or closed without being opened",
		Doc: `A quotation that is never closed leaves the reader unsure where the
source's words end and the reporter's begin; a bracket left open does the
same to an aside. The rule follows double quotation marks (straight and
curly), single quotation marks, parentheses and square brackets through each
paragraph, and reports a mark opened and not closed by the paragraph's end,
or a closing mark with nothing open. The direction of a straight double
quote (") is inferred from the spacing around it, so findings about
straight quotes are suggestions; curly quotes and brackets say which way
they face, and findings about them are warnings.

It knows the news convention for a quotation that runs over several
paragraphs: each paragraph but the last leaves the closing mark off, and the
next paragraph opens with a quotation mark again. The same holds inside one
paragraph when paragraphs were joined ("... debt. "He added ..."). It
tells apostrophes from single quotes ("don't", "O'Brien", "the '90s",
"rock 'n' roll", "o'clock", "the Joneses' house" and "goin'" are not
quotation marks). Of single quotes it reports only a curly opening mark (‘)
at the start of a word with no closing one (’) anywhere after it in the
paragraph: a straight leading apostrophe ("'bot nets", "'orrible") cannot
be told from an opening quote, nor a closing quote from a possessive. An inch
mark (5' 10"), list markers ("1)", "a)"), emoticons (":)") and blocks that
look like program code are left alone.

Add the missing mark, or remove the stray one.`,
		Examples: []Example{
			{Text: "\"We have waited long enough, said the harbour master.", Fires: true},
			{Text: "The council (which met on Tuesday voted for the plan.", Fires: true},
			{Text: "The vote was close.\" The mayor left.", Fires: true},
			{Text: "\"We have waited long enough,\" said the harbour master (Tom Reyes).", Fires: false},
			{Text: "\"We have waited long enough.\n\n\"Every winter we fill sandbags,\" he said.", Fires: false},
			{Text: "A '90s band played rock 'n' roll at nine o'clock in the Joneses' garden.", Fires: false},
			{Text: "The options were: 1) wait, 2) build. He smiled :) and left.", Fires: false},
		},
	}
}

// quoteMark is an open mark on a paragraph's stack.
type quoteMark struct {
	kind byte // '"', '(' or '['
	pos  int  // byte offset in the block's text
	size int
}

func (unbalancedQuotes) Check(doc *article.Document) []Diagnostic {
	var out []Diagnostic
	facts := blockFactsOf(doc)
	for i := range doc.Blocks {
		b := &doc.Blocks[i]
		if !facts[i].marks {
			continue // unbalancedMarks would find nothing
		}
		next := ""
		if i+1 < len(doc.Blocks) {
			next = doc.Blocks[i+1].Text
		}
		probs := unbalancedMarks(b.Text, next)
		// Code is told from prose only for a block with a problem.
		if len(probs) == 0 || looksLikeCode(b.Text) {
			continue
		}
		for _, p := range probs {
			s, e := b.SrcRange(p.start, p.end)
			d := Diagnostic{Start: s, End: e, Message: p.msg}
			if p.guess {
				d.Severity = Suggestion
			}
			out = append(out, d)
		}
	}
	return out
}

type markProblem struct {
	start, end int
	msg        string
	// guess is set for straight double quotes, whose direction the rule
	// infers from the spacing around them: such findings are suggestions.
	guess bool
}

// unbalancedMarks follows the quotation marks and brackets of one
// paragraph; next is the following paragraph's text, which may continue a
// quotation.
func unbalancedMarks(text, next string) []markProblem {
	var probs []markProblem
	var quotes, parens, squares []quoteMark // open marks, innermost last
	marks := newByteScanner(text, markStartBytes)
	for i := 0; i < len(text); {
		// Jump to the next mark; most of a paragraph is letters.
		if i = marks.next(i); i >= len(text) {
			break
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		prev, _ := utf8.DecodeLastRuneInString(text[:i])
		nextR, _ := utf8.DecodeRuneInString(text[i+size:])
		if i == 0 {
			prev = ' '
		}
		if i+size >= len(text) {
			nextR = ' '
		}
		mark := quoteMark{pos: i, size: size}
		switch r {
		case '"', '“', '”', '„':
			if r == '"' && inchMark(text, i) {
				break // 5' 10"
			}
			mark.kind = '"'
			straight := r == '"'
			curly := func(m quoteMark) bool { return text[m.pos] != '"' }
			switch role := doubleRole(r, prev, nextR, len(quotes) > 0); {
			case role == opens && len(quotes) == 0:
				quotes = append(quotes, mark)
			case role == opens && afterSentenceEnd(text[:i]):
				// A quotation reopened after a sentence end: paragraphs
				// joined, the news convention.
				quotes = append(quotes[:0], mark)
			case role == opens && !straight && curly(quotes[len(quotes)-1]):
				quotes = append(quotes, mark) // “a “nested” quote”
			case role == opens:
				top := quotes[len(quotes)-1]
				probs = append(probs, markProblem{top.pos, top.pos + top.size, "quotation mark opened and not closed before the next one opens", straight && !curly(top)})
				quotes[len(quotes)-1] = mark
			case len(quotes) > 0:
				quotes = quotes[:len(quotes)-1]
			default:
				probs = append(probs, markProblem{i, i + size, "closing quotation mark without an opening one", straight})
			}
		case '‘':
			// A left single quote at the start of a word, with no right one
			// anywhere after it in the paragraph, is open for sure ("‘90s",
			// "‘em" and "Inc.‘s" are apostrophes typed the wrong way round).
			opener := unicode.IsSpace(prev) || strings.ContainsRune("\"“([—–-", prev)
			if !opener || !unicode.IsLetter(nextR) || strings.Contains(text[i+size:], "’") || leadingElision(text[i+size:]) {
				break
			}
			probs = append(probs, markProblem{i, i + size, "single quotation mark opened and not closed in its paragraph", false})
		case '(', '[', '（', '［':
			if r == '(' && (prev == ':' || prev == ';' || prev == '=') {
				break // ":(" is a face
			}
			mark.kind = '['
			if r == '(' || r == '（' {
				mark.kind = '('
			}
			if mark.kind == '(' {
				parens = append(parens, mark)
			} else {
				squares = append(squares, mark)
			}
		case ')', ']', '）', '］':
			stack := &parens
			if r == ']' || r == '］' {
				stack = &squares
			}
			if len(*stack) > 0 {
				*stack = (*stack)[:len(*stack)-1]
				break
			}
			if r == ')' && (listMarker(text, i) || prev == ':' || prev == ';' || prev == '=' || prev == '-') {
				break
			}
			probs = append(probs, markProblem{i, i + size, fmt.Sprintf("closing %s without an opening one", bracketName(r)), false})
		}
		i += size
	}
	// One quotation open at the end may go on in the next paragraph; a
	// nested one may not.
	if n := len(quotes); n > 1 || n == 1 && !opensQuote(next) {
		m := quotes[n-1]
		probs = append(probs, markProblem{m.pos, m.pos + m.size, "quotation mark opened and not closed in its paragraph", text[m.pos] == '"'})
	}
	for _, m := range parens {
		probs = append(probs, markProblem{m.pos, m.pos + m.size, "bracket opened and not closed in its paragraph", false})
	}
	for _, m := range squares {
		probs = append(probs, markProblem{m.pos, m.pos + m.size, "square bracket opened and not closed in its paragraph", false})
	}
	if len(probs) > 1 {
		sortProblems(probs)
	}
	return probs
}

// markStartBytes are the bytes that can start a character unbalancedMarks
// follows: " ( ) [ ] and the lead byte of “ ” „ and the full-width
// brackets.
const markStartBytes = "\"()[]\xe2\xef"

// A byteScanner finds, in order, the bytes of a small set in a text with
// one strings.IndexByte for each byte value, which skips the bytes between
// far faster than a loop over every byte.
type byteScanner struct {
	text, set string
	at        [8]int // at[k]: where set[k] was found last (len(text): no more)
}

// newByteScanner returns a scanner of text for the (at most eight) bytes
// of set.
func newByteScanner(text, set string) byteScanner {
	s := byteScanner{text: text, set: set}
	for k := range s.at {
		s.at[k] = -1
	}
	return s
}

// next returns the offset of the first byte of the set at or after from,
// or len(text). The offsets asked for must not decrease.
func (s *byteScanner) next(from int) int {
	first := len(s.text)
	for k := 0; k < len(s.set); k++ {
		if s.at[k] < from {
			s.at[k] = len(s.text)
			if j := strings.IndexByte(s.text[from:], s.set[k]); j >= 0 {
				s.at[k] = from + j
			}
		}
		first = min(first, s.at[k])
	}
	return first
}

func sortProblems(p []markProblem) {
	for i := 1; i < len(p); i++ {
		for j := i; j > 0 && p[j].start < p[j-1].start; j-- {
			p[j], p[j-1] = p[j-1], p[j]
		}
	}
}

func bracketName(r rune) string {
	if r == ']' || r == '］' {
		return "square bracket"
	}
	return "bracket"
}

type markRole uint8

const (
	opens markRole = iota + 1
	closes
)

// doubleRole tells whether a double quotation mark opens or closes a
// quotation. Curly marks say so themselves; a straight one opens after
// white space or an opening bracket and before a non-space, and closes
// after a non-space; otherwise it toggles.
func doubleRole(r, prev, next rune, open bool) markRole {
	switch r {
	case '“', '„':
		return opens
	case '”':
		return closes
	}
	before := unicode.IsSpace(prev) || strings.ContainsRune("([{—–-/", prev)
	after := unicode.IsSpace(next)
	switch {
	case before && !after:
		return opens
	case !before && (after || unicode.IsPunct(next)):
		return closes
	case open:
		return closes
	}
	return opens
}

// elisions are words written with a leading apostrophe.
var elisions = toSet("n em til tis twas bout round cause cos ere ave im er ow appen allo eck ello alf ome ead arf uns bot burbs")

// leadingElision reports whether text starts with a word that is written
// with a leading apostrophe: "'n'", "'em", "'til".
func leadingElision(text string) bool {
	end := 0
	for end < len(text) && (text[end] >= 'a' && text[end] <= 'z' || text[end] >= 'A' && text[end] <= 'Z') {
		end++
	}
	return elisions[strings.ToLower(text[:end])]
}

// afterSentenceEnd reports whether text ends with sentence-final
// punctuation (perhaps with a closing mark) and white space.
func afterSentenceEnd(text string) bool {
	t := strings.TrimRight(text, " \t\n")
	if len(t) == len(text) {
		return false
	}
	t = strings.TrimRight(t, "'’)")
	return strings.HasSuffix(t, ".") || strings.HasSuffix(t, "!") || strings.HasSuffix(t, "?") || strings.HasSuffix(t, "…")
}

// opensQuote reports whether a paragraph starts with an opening quotation
// mark: the continuation of a quote from the paragraph before.
func opensQuote(text string) bool {
	r, _ := utf8.DecodeRuneInString(text)
	return r == '"' || r == '“' || r == '„' || r == '‘' || r == '\''
}

// inchMark reports whether the straight double quote at text[i] is an
// inch mark after feet: 5' 10".
func inchMark(text string, i int) bool {
	j := i
	for j > 0 && text[j-1] >= '0' && text[j-1] <= '9' {
		j--
	}
	if j == i {
		return false
	}
	t := strings.TrimRight(text[:j], " ")
	if !strings.HasSuffix(t, "'") && !strings.HasSuffix(t, "’") {
		return false
	}
	t = strings.TrimRight(strings.TrimRight(t, "'’"), "")
	return t != "" && t[len(t)-1] >= '0' && t[len(t)-1] <= '9'
}

// listMarker reports whether the ")" at text[i] ends a list marker such
// as "1)", "a)", "iv)" at the start of the text or after a space.
func listMarker(text string, i int) bool {
	j := i
	for j > 0 && (text[j-1] >= '0' && text[j-1] <= '9' || text[j-1] >= 'a' && text[j-1] <= 'z' || text[j-1] >= 'A' && text[j-1] <= 'Z') && i-j < 4 {
		j--
	}
	if j == i {
		return false
	}
	return j == 0 || text[j-1] == ' ' || text[j-1] == '\n'
}

// quoteMarks are the marks this rule pairs.
const quoteMarks = "\"()[]“”„‘（）［］"
