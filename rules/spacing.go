package rules

import (
	"fmt"
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/copydesk/copydesk/rules/article"
)

type spacing struct{}

func (spacing) Meta() Meta {
	return Meta{
		Name:     "spacing",
		Category: Mechanics,
		Severity: Suggestion,
		Default:  true,
		Summary:  "Doubled spaces inside a sentence, a space before , . ; : ! ?, a missing space after a comma or full stop",
		Doc: `Stray spaces are the mark of copy pasted together in a hurry: two spaces
between words ("the  council"), a space before punctuation ("said , adding"),
or none where one belongs ("Smith,who", "ended.The next"). Each is small, and
each tells a reader the copy was not read before it went out.

The rule flags two or three spaces between words inside a sentence (two
spaces after a full stop are the typewriter habit and are left alone, as
are longer runs, which line up columns), a space before a comma, full stop,
semicolon, colon, exclamation or question mark, a missing space after a
comma between two letters, and a missing space after a full stop between a
lower-case letter and a capitalised word. It leaves alone numbers ("1,000",
"3.5", "8.30am"), decimals and file extensions (".45 calibre", ".NET"),
ellipses ("and so on ..."), URLs, e-mail addresses and file names, code
("foo.Bar()", and blocks that look like program code), abbreviations and initials ("U.S.", "J.K. Rowling"),
emoticons, and text in languages that space punctuation their own way
(French " ?"). In HTML, where runs of spaces are not shown, doubled spaces
are not reported.

Each finding offers the fix: one space, no space, or a space added.`,
		Examples: []Example{
			{Text: "The council  voted on Tuesday.", Fires: true},
			{Text: "The mayor said , after the vote, that work would begin.", Fires: true},
			{Text: "The mayor,who spoke first, said the work would begin.", Fires: true},
			{Text: "The vote ended.The work begins in spring.", Fires: true},
			{Text: "Turnout was 3.5% of 1,000 voters at 8.30am.  J.K. Rowling and the U.S. envoy agreed.", Fires: false},
			{Text: "See www.example.com/a,b or mail news@example.com and read config.Load() in main.go.", Fires: false},
			{Text: "He carried a .45 calibre pistol and wrote .NET code, and so on ...", Fires: false},
		},
	}
}

func (spacing) Check(doc *article.Document) []Diagnostic {
	var out []Diagnostic
	facts := blockFactsOf(doc)
	for i := range doc.Blocks {
		// Code is told from prose only for a block with a finding: few
		// blocks have one.
		n := len(out)
		switch {
		case facts[i].doubleSpace:
			out = checkSpacing(out, doc, &doc.Blocks[i])
		case facts[i].spacedMark:
			out = checkMarks(out, doc, &doc.Blocks[i])
		default:
			continue // no mark that judgeMark could report (most blocks)
		}
		if len(out) > n && looksLikeCode(doc.Blocks[i].Text) {
			out = out[:n]
		}
	}
	return out
}

func checkSpacing(out []Diagnostic, doc *article.Document, b *article.Block) []Diagnostic {
	text := b.Text
	foreign := -1 // computed on first need: 1 for a block in another language
	isForeign := func() bool {
		if foreign < 0 {
			foreign = 0
			if foreignText(text) {
				foreign = 1
			}
		}
		return foreign == 1
	}
	// One pass, without a branch on each space (a sixth of the bytes, too
	// many to predict): prev carries the class of the byte before, so a
	// space after a space is seen at once.
	var prev uint8
	for i := 0; i < len(text); i++ {
		c := text[i]
		cls := spacingClass[c]
		if cls&prev&spaceClass != 0 {
			// text[i-1:] starts a run of spaces.
			j := i + 1
			for j < len(text) && text[j] == ' ' {
				j++
			}
			if d, ok := doubledSpace(doc, b, i-1, j); ok {
				out = append(out, d)
			}
			i, prev = j-1, 0
			continue
		}
		prev = cls
		if cls&markClass == 0 {
			continue // most bytes: letters
		}
		if markNeedsLook(text, i) {
			if d, ok := judgeMark(doc, b, i, isForeign); ok {
				out = append(out, d)
			}
		}
	}
	return out
}

// markNeedsLook is judgeMark's first test, small enough to inline where
// the marks are found: most marks ("word, word", "end. Next") have no
// space before them and no letter after, and judgeMark would find nothing.
func markNeedsLook(text string, i int) bool {
	return i > 0 && text[i-1] == ' ' || i+1 < len(text) && (text[i+1] >= utf8.RuneSelf || isASCIILetter(text[i+1]))
}

// judgeMark judges the sentence mark at b.Text[i]: a space before it, or
// no space after a comma or full stop.
func judgeMark(doc *article.Document, b *article.Block, i int, isForeign func() bool) (Diagnostic, bool) {
	text := b.Text
	switch c := text[i]; {
	case i > 0 && text[i-1] == ' ':
		if d, ok := spaceBeforePunct(doc, b, i); ok && !isForeign() {
			return d, true
		}
	case (c == ',' || c == '.') && i > 0 && i+1 < len(text):
		if n := text[i+1]; n < utf8.RuneSelf && !isASCIILetter(n) {
			break // ", " and ".)": missingSpaceAfter wants a letter after the mark
		}
		if d, ok := missingSpaceAfter(b, i); ok && !isForeign() {
			return d, true
		}
	}
	return Diagnostic{}, false
}

// checkMarks is checkSpacing for a block without two spaces in a row
// (blockFacts.doubleSpace), where only the marks need a look: it finds
// each kind of mark with strings.IndexByte, which skips the bytes between
// far faster than a loop over every byte, and takes the nearest of them
// each time, so that the marks are judged in text order.
func checkMarks(out []Diagnostic, doc *article.Document, b *article.Block) []Diagnostic {
	text := b.Text
	foreign := -1
	isForeign := func() bool {
		if foreign < 0 {
			foreign = 0
			if foreignText(text) {
				foreign = 1
			}
		}
		return foreign == 1
	}
	// next[k] is the offset of the next sentenceMarks[k], or len(text).
	var next [len(sentenceMarks)]int
	find := func(k, from int) {
		next[k] = len(text)
		if j := strings.IndexByte(text[from:], sentenceMarks[k]); j >= 0 {
			next[k] = from + j
		}
	}
	for k := range next {
		find(k, 0)
	}
	for {
		k := 0
		for j := range next {
			if next[j] < next[k] {
				k = j
			}
		}
		i := next[k]
		if i >= len(text) {
			return out
		}
		if markNeedsLook(text, i) {
			if d, ok := judgeMark(doc, b, i, isForeign); ok {
				out = append(out, d)
			}
		}
		find(k, i+1)
	}
}

// spacingPairList are the byte pairs of the spacing filter
// (blockFacts.spacedMark): a space and a sentence mark, a comma or full
// stop and a letter or a byte outside ASCII. Where judgeMark may report a
// mark, one of them stands.
var spacingPairList = []bytePair{
	{" ", sentenceMarks, pairSpaceMark},
	{",.", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz" + upperHalf(), pairMarkLetter},
}

// sentenceMarks are the marks that checkSpacing looks at.
const sentenceMarks = ",.;:!?"

// Classes of the bytes checkSpacing looks at: a space, and the sentence
// punctuation it checks.
const (
	spaceClass = 1 << iota
	markClass
)

var spacingClass = func() (t [256]uint8) {
	t[' '] = spaceClass
	for _, c := range []byte(sentenceMarks) {
		t[c] = markClass
	}
	return t
}()

// literalSpaces reports whether the text range [s, e) of b is spaces in the
// source too (not a line break or an entity turned into a space).
func literalSpaces(doc *article.Document, b *article.Block, s, e int) (int, int, bool) {
	ss, se := b.SrcRange(s, e)
	if se-ss != e-s {
		return 0, 0, false
	}
	for _, c := range doc.Src[ss:se] {
		if c != ' ' {
			return 0, 0, false
		}
	}
	return ss, se, true
}

// doubledSpace judges the run of spaces text[i:j].
func doubledSpace(doc *article.Document, b *article.Block, i, j int) (Diagnostic, bool) {
	text := b.Text
	if doc.Format == article.HTML || j-i > 3 || i == 0 || j >= len(text) {
		return Diagnostic{}, false
	}
	// Two spaces after a sentence: the typewriter habit, not a slip.
	k := i - 1
	for k > 0 && strings.IndexByte("\"')]", text[k]) >= 0 {
		k--
	}
	if strings.IndexByte(".!?:", text[k]) >= 0 || strings.HasSuffix(text[:k+1], "”") || strings.HasSuffix(text[:k+1], "’") {
		return Diagnostic{}, false
	}
	if strings.HasSuffix(text[:i], "…") {
		return Diagnostic{}, false
	}
	ss, se, ok := literalSpaces(doc, b, i, j)
	if !ok {
		return Diagnostic{}, false
	}
	return Diagnostic{
		Start:   ss,
		End:     se,
		Message: fmt.Sprintf("%d spaces inside a sentence", j-i),
		Fixes:   []Fix{{Message: "use one space", Edits: []Edit{{Start: ss, End: se, New: " "}}}},
	}, true
}

// spaceBeforePunct judges the space before the punctuation at text[i].
func spaceBeforePunct(doc *article.Document, b *article.Block, i int) (Diagnostic, bool) {
	text := b.Text
	p := text[i]
	start := i
	for start > 0 && text[start-1] == ' ' {
		start--
	}
	if start == 0 {
		return Diagnostic{}, false
	}
	prev, _ := utf8.DecodeLastRuneInString(text[:start])
	if !unicode.IsLetter(prev) && !unicode.IsDigit(prev) && !strings.ContainsRune(`"')]”’`, prev) {
		return Diagnostic{}, false
	}
	var next byte = ' '
	if i+1 < len(text) {
		next = text[i+1]
	}
	switch {
	case p == '.' && (next == '.' || next != ' ' && next != '"' && next != '\'' || strings.HasPrefix(text[i+1:], " .")):
		return Diagnostic{}, false // " ...", " . . .", ".45", ".NET", ".com"
	case (p == ':' || p == ';') && strings.IndexByte(")(-DPpO3/", next) >= 0:
		return Diagnostic{}, false // emoticons, " ://"
	case next != ' ' && strings.IndexByte(`"')]`, next) < 0 && p != ',':
		return Diagnostic{}, false // "?foo", ":80"
	}
	if p == ',' && next >= '0' && next <= '9' && prev >= '0' && prev <= '9' {
		return Diagnostic{}, false // "1 ,000"? a number typed oddly, not a spacing slip
	}
	ss, se, ok := literalSpaces(doc, b, start, i)
	if !ok {
		return Diagnostic{}, false
	}
	// The space and the mark must be side by side in the source, not
	// brought together by markup ("</a> .", an image before ",").
	ps, pe := b.SrcRange(start, i+1)
	if pe-ps != i+1-start || doc.Format == article.HTML && ps > 0 && doc.Src[ps-1] == '>' {
		return Diagnostic{}, false // "</a> .": the space belongs to the markup
	}
	return Diagnostic{
		Start:   ps,
		End:     pe,
		Message: fmt.Sprintf("space before %q", string(p)),
		Fixes:   []Fix{{Message: "remove the space", Edits: []Edit{{Start: ss, End: se}}}},
	}, true
}

// missingSpaceAfter judges a comma or full stop at text[i] with no space
// after it.
func missingSpaceAfter(b *article.Block, i int) (Diagnostic, bool) {
	text := b.Text
	p := text[i]
	prev, _ := utf8.DecodeLastRuneInString(text[:i])
	next, size := utf8.DecodeRuneInString(text[i+1:])
	// Between letters of scripts that put a space after a comma; Chinese or
	// Japanese copy with an ASCII comma is another matter.
	if !spacedScript(prev) || !spacedScript(next) {
		return Diagnostic{}, false
	}
	if p == '.' {
		// "ended.The": a lower-case letter, then a capitalised word.
		after, _ := utf8.DecodeRuneInString(text[i+1+size:])
		if !unicode.IsLower(prev) || !unicode.IsUpper(next) || !unicode.IsLower(after) {
			return Diagnostic{}, false
		}
	}
	if looksLikeAddress(text, i) {
		return Diagnostic{}, false
	}
	s, e := b.SrcRange(i, i+1+size)
	if e-s != 1+size {
		return Diagnostic{}, false // "weather.</span><span>Credit": markup between
	}
	_, pe := b.SrcRange(i, i+1)
	return Diagnostic{
		Start:   s,
		End:     e,
		Message: fmt.Sprintf("no space after %q", string(p)),
		Fixes:   []Fix{{Message: "add a space", Edits: []Edit{{Start: pe, End: pe, New: " "}}}},
	}, true
}

func spacedScript(r rune) bool {
	return unicode.IsLetter(r) && (r < utf8.RuneSelf || unicode.In(r, unicode.Latin, unicode.Greek, unicode.Cyrillic))
}

// looksLikeAddress reports whether the run of non-space text around i is a
// URL, e-mail address, file name, code or a list without spaces: it has a
// slash, @, =, underscore, bracket, a second dot or comma.
func looksLikeAddress(text string, i int) bool {
	lo, hi := i, i+1
	for lo > 0 && text[lo-1] != ' ' && text[lo-1] != '\n' {
		lo--
	}
	for hi < len(text) && text[hi] != ' ' && text[hi] != '\n' {
		hi++
	}
	chunk := text[lo:hi]
	if strings.ContainsAny(chunk, "/@=_()[]{}<>\\#&+|~") {
		return true
	}
	if strings.Count(chunk, ".")+strings.Count(chunk, ",") > 1 {
		// "config.Load.", "a,b,c", "Smith,John." has one more at its end.
		trimmed := strings.TrimRight(chunk, ".,;:!?\"')")
		return strings.Count(trimmed, ".")+strings.Count(trimmed, ",") > 1
	}
	return false
}

// looksLikeCode reports whether a block is program code that the parser
// could not tell from prose (plain text, scraped pages): it has two or more
// of "->", "=>", "==", "();", "});", "');", "{", "$", "::", " // ", "\".
func looksLikeCode(text string) bool {
	// One pass that notes which markers occur, each found at its rarest
	// byte, instead of one search per marker.
	var found uint16
	for i := 0; i < len(text); i++ {
		c := text[i]
		if !codeBytes[c] {
			continue
		}
		var prev, next byte
		if i > 0 {
			prev = text[i-1]
		}
		if i+1 < len(text) {
			next = text[i+1]
		}
		switch c {
		case '>':
			switch prev {
			case '-':
				found |= 1 << 0 // ->
			case '=':
				found |= 1 << 1 // =>
			}
		case '=':
			if next == '=' {
				found |= 1 << 2 // ==
			}
		case ';':
			if prev == ')' && i >= 2 {
				switch text[i-2] {
				case '(':
					found |= 1 << 3 // ();
				case '}':
					found |= 1 << 4 // });
				case '\'':
					found |= 1 << 5 // ');
				}
			}
		case '{':
			found |= 1 << 6
		case '$':
			found |= 1 << 7
		case ':':
			if next == ':' {
				found |= 1 << 8 // ::
			}
		case '/':
			if prev == ' ' && next == '/' && i+2 < len(text) && text[i+2] == ' ' {
				found |= 1 << 9 // " // "
			}
		case '\\':
			found |= 1 << 10
		}
		if bits.OnesCount16(found) >= 2 {
			return true
		}
	}
	return false
}

// codeBytes holds one byte of each looksLikeCode marker ('>' of "->", ';'
// of "();"...): most bytes of prose are passed over on one table look-up.
var codeBytes = func() (t [256]bool) {
	for _, c := range []byte(">=;{$:/\\") {
		t[c] = true
	}
	return t
}()

// foreignText reports whether a block looks more like French, Spanish,
// Italian or German than English.
func foreignText(text string) bool {
	english, foreign := 0, 0
	for _, f := range strings.Fields(text) {
		f = strings.ToLower(strings.Trim(f, ".,;:!?\"'()"))
		if englishMarkers[f] {
			english++
		} else if foreignMarkers[f] {
			foreign++
		}
	}
	return isForeign(english, foreign, len(strings.Fields(text))) || manyAccents(text)
}

// isForeign decides from counts of English and foreign marker words among
// n words: more foreign than English markers, or a long enough block
// without a single English one (Czech, Latin, ...).
func isForeign(english, foreign, n int) bool {
	return foreign > english || english == 0 && n >= 10
}

// manyAccents reports whether a long text has more than 4% letters
// outside ASCII: Czech, Polish, Vietnamese, ... rather than English with a
// name or two ("José", "Zoë").
func manyAccents(text string) bool {
	letters, accented := 0, 0
	for _, r := range text {
		if unicode.IsLetter(r) {
			letters++
			if r >= utf8.RuneSelf {
				accented++
			}
		}
	}
	return letters >= 100 && accented*25 > letters
}
