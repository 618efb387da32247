package rules

import (
	"fmt"
	"unicode"
	"unicode/utf8"

	"github.com/copydesk/copydesk/rules/article"
)

type invisibleChar struct{}

func (invisibleChar) Meta() Meta {
	return Meta{
		Name:     "invisible-char",
		Category: Mechanics,
		Severity: Warning,
		Default:  true,
		Summary:  "Invisible characters in the copy: zero-width spaces, control characters, stray byte-order marks, soft hyphens, non-breaking spaces inside words",
		Doc: `Copy pasted from web pages, word processors and chat apps carries
characters that no one can see: zero-width spaces and joiners, word joiners,
byte-order marks in the middle of a file, soft hyphens, direction marks,
control characters, and C1 control characters that are really Windows-1252
quotes and dashes decoded the wrong way (U+0092 for an apostrophe). They
break search (a soft hyphen inside "Vladimir" stops it matching), split
words where they should not, and show up as boxes in feeds, apps and e-mails.

The rule reports each run of such characters, and offers the certain fix:
delete it, or put back the Windows-1252 character a C1 control stands for.
It also reports, as a suggestion and without a fix, a non-breaking space
typed between two lower-case letters, where a normal space (or none) was
meant.

It leaves alone what is deliberate or needed: characters written as
entities ("&nbsp;", "&shy;", "&#8203;" are the author's choice), a
byte-order mark at the start of the file, tabs and line ends, joiners and
zero-width spaces in the scripts that need them (Persian, the Indic scripts,
Thai, emoji sequences), direction marks in text with right-to-left letters,
and non-breaking spaces next to capitals or digits ("Mr Smith", "6.5 per
cent").`,
		Examples: []Example{
			{Text: "The council\u200b voted on Tuesday.", Fires: true},
			{Text: "Russian President Vladi\u00admir Putin spoke.", Fires: true},
			{Text: "She said it wasn\u0092t over.", Fires: true},
			{Text: "The mayor\ufeff said the vote was final.", Fires: true},
			{Text: "Prices rose 6.5\u00a0per cent, Mr\u00a0Smith said.", Fires: false},
			{Text: "The family \U0001F468\u200d\U0001F469\u200d\U0001F467 posed for a photo.", Fires: false},
			{Text: "Say hi &shy; to&nbsp;the council.", Fires: false, Format: article.HTML},
		},
	}
}

func (invisibleChar) Check(doc *article.Document) []Diagnostic {
	var out []Diagnostic
	facts := blockFactsOf(doc)
	for i := range doc.Blocks {
		b := &doc.Blocks[i]
		// The shared facts pass over pure ASCII prose; hasInvisible looks
		// closer at the rest.
		if !facts[i].invisible || !hasInvisible(b.Text) {
			continue
		}
		rtl := hasRTL(b.Text)
		for j := 0; j < len(b.Text); {
			r, size := utf8.DecodeRuneInString(b.Text[j:])
			kind := invisibleKind(b.Text, j, r, size, rtl)
			if kind == notInvisible || !literalRune(doc, b, j, j+size, r) {
				j += size
				continue
			}
			// A run of invisible characters of the same kind is one finding.
			end := j + size
			for end < len(b.Text) {
				r2, size2 := utf8.DecodeRuneInString(b.Text[end:])
				if invisibleKind(b.Text, end, r2, size2, rtl) != kind || !literalRune(doc, b, end, end+size2, r2) {
					break
				}
				end += size2
			}
			out = append(out, invisibleDiagnostic(b, j, end, kind))
			j = end
		}
	}
	return out
}

type invisible uint8

const (
	notInvisible invisible = iota
	zeroWidth              // ZWSP, ZWNJ, ZWJ, word joiner, BOM, direction marks
	control                // C0 and DEL
	c1Control              // U+0080-U+009F
	softHyphen
	nbspInWord
)

// hasInvisible is a fast filter: any byte that could start one of the
// characters the rule looks for.
func hasInvisible(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !invisibleLead[c] {
			continue // most bytes: one table look-up
		}
		switch {
		case c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f:
			return true
		case c < 0xc2 || i+1 >= len(s):
		case c == 0xc2: // U+0080-U+009F, U+00A0, U+00AD
			if n := s[i+1]; n <= 0xa0 || n == 0xad {
				return true
			}
		case c == 0xd8: // U+061C
			if s[i+1] == 0x9c {
				return true
			}
		case i+2 >= len(s):
		case c == 0xe2: // U+2007, U+200B-U+200F, U+2028-U+202F, U+2060-U+2069
			n, m := s[i+1], s[i+2]
			if n == 0x80 && (m == 0x87 || 0x8b <= m && m <= 0x8f || 0xa8 <= m && m <= 0xaf) || n == 0x81 && 0xa0 <= m && m <= 0xa9 {
				return true
			}
		case c == 0xef: // U+FEFF
			if s[i+1] == 0xbb && s[i+2] == 0xbf {
				return true
			}
		}
	}
	return false
}

// invisibleLead marks the bytes that the switch in hasInvisible acts on:
// the control characters it reports and the lead bytes it looks past.
var invisibleLead = func() (t [256]bool) {
	for c := range 0x20 {
		t[c] = c != '\t' && c != '\n' && c != '\r'
	}
	for _, c := range []byte{0x7f, 0xc2, 0xd8, 0xe2, 0xef} {
		t[c] = true
	}
	return t
}()

func hasRTL(s string) bool {
	for _, r := range s {
		if r >= 0x0590 && r <= 0x08FF || r >= 0xFB1D && r <= 0xFDFF || r >= 0xFE70 && r <= 0xFEFF && r != 0xFEFF {
			return true
		}
	}
	return false
}

// invisibleKind classifies the rune r at text[i:i+size].
func invisibleKind(text string, i int, r rune, size int, rtl bool) invisible {
	switch {
	case r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0x7f:
		return control
	case r >= 0x80 && r <= 0x9f:
		return c1Control
	case r == 0x00AD:
		return softHyphen
	case r == 0x200B:
		if !nextToScriptThatNeedsIt(text, i, size) {
			return zeroWidth
		}
	case r == 0x200C || r == 0x200D:
		// Joiners are needed in Persian, the Indic scripts and emoji; only
		// between Latin letters or digits are they stray.
		if latinAround(text, i, size) {
			return zeroWidth
		}
	case r == 0x2060 || r == 0xFEFF:
		return zeroWidth
	case r == 0x200E || r == 0x200F || r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069 || r == 0x061C:
		if !rtl {
			return zeroWidth
		}
	case r == 0x00A0 || r == 0x202F || r == 0x2007:
		before, _ := utf8.DecodeLastRuneInString(text[:i])
		after, _ := utf8.DecodeRuneInString(text[i+size:])
		if unicode.IsLower(before) && unicode.IsLower(after) {
			return nbspInWord
		}
	}
	return notInvisible
}

func nextToScriptThatNeedsIt(text string, i, size int) bool {
	before, _ := utf8.DecodeLastRuneInString(text[:i])
	after, _ := utf8.DecodeRuneInString(text[i+size:])
	return needsZeroWidth(before) || needsZeroWidth(after)
}

func needsZeroWidth(r rune) bool {
	return unicode.In(r, unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar, unicode.Tibetan, unicode.Han,
		unicode.Hiragana, unicode.Katakana, unicode.Javanese, unicode.Balinese)
}

func latinAround(text string, i, size int) bool {
	before, _ := utf8.DecodeLastRuneInString(text[:i])
	after, _ := utf8.DecodeRuneInString(text[i+size:])
	latin := func(r rune) bool { return unicode.Is(unicode.Latin, r) || '0' <= r && r <= '9' }
	return latin(before) && latin(after)
}

// literalRune reports whether text[s:e] of b is the character r itself in
// the source, not an entity or numeric reference that the author wrote on
// purpose.
func literalRune(doc *article.Document, b *article.Block, s, e int, r rune) bool {
	ss, se := b.SrcRange(s, e)
	if doc.Encoding != "utf-8" {
		return se-ss == 1
	}
	got, size := utf8.DecodeRune(doc.Src[ss:se])
	return got == r && size == se-ss
}

// c1Windows1252 maps the C1 controls to the Windows-1252 characters they
// stand for when text was decoded as Latin-1 by mistake.
var c1Windows1252 = map[rune]string{
	0x80: "€", 0x82: "‚", 0x83: "ƒ", 0x84: "„", 0x85: "…", 0x86: "†", 0x87: "‡", 0x88: "ˆ", 0x89: "‰",
	0x8A: "Š", 0x8B: "‹", 0x8C: "Œ", 0x8E: "Ž", 0x91: "‘", 0x92: "’", 0x93: "“", 0x94: "”", 0x95: "•",
	0x96: "–", 0x97: "—", 0x98: "˜", 0x99: "™", 0x9A: "š", 0x9B: "›", 0x9C: "œ", 0x9E: "ž", 0x9F: "Ÿ",
}

func invisibleDiagnostic(b *article.Block, s, e int, kind invisible) Diagnostic {
	text := b.Text[s:e]
	n := utf8.RuneCountInString(text)
	first, _ := utf8.DecodeRuneInString(text)
	ss, se := b.SrcRange(s, e)
	d := Diagnostic{Start: ss, End: se}
	name := fmt.Sprintf("U+%04X", first)
	plural := ""
	if n > 1 {
		name = fmt.Sprintf("U+%04X and %d more", first, n-1)
		plural = "s"
	}
	switch kind {
	case zeroWidth:
		d.Message = fmt.Sprintf("invisible character%s %s (%s)", plural, name, invisibleName(first))
		d.Fixes = []Fix{{Message: "delete it", Edits: []Edit{{Start: ss, End: se}}}}
	case control:
		d.Message = fmt.Sprintf("control character%s %s in the copy", plural, name)
		d.Fixes = []Fix{{Message: "delete it", Edits: []Edit{{Start: ss, End: se}}}}
	case softHyphen:
		d.Message = fmt.Sprintf("soft hyphen%s %s: invisible inside the word, it breaks search", plural, name)
		d.Fixes = []Fix{{Message: "delete it", Edits: []Edit{{Start: ss, End: se}}}}
	case c1Control:
		var repl string
		ok := true
		for _, r := range text {
			c, known := c1Windows1252[r]
			ok = ok && known
			repl += c
		}
		d.Message = fmt.Sprintf("control character%s %s: Windows-1252 decoded as Latin-1", plural, name)
		if ok {
			d.Message = fmt.Sprintf("control character%s %s: the Windows-1252 %q decoded as Latin-1", plural, name, repl)
			d.Fixes = []Fix{{Message: fmt.Sprintf("write %q", repl), Edits: []Edit{{Start: ss, End: se, New: repl}}}}
		}
	case nbspInWord:
		d.Message = fmt.Sprintf("non-breaking space%s %s between lower-case letters: a normal space, or none, was probably meant", plural, name)
		d.Severity = Suggestion
	}
	return d
}

func invisibleName(r rune) string {
	switch r {
	case 0x200B:
		return "zero-width space"
	case 0x200C:
		return "zero-width non-joiner"
	case 0x200D:
		return "zero-width joiner"
	case 0x2060:
		return "word joiner"
	case 0xFEFF:
		return "byte-order mark inside the text"
	case 0x200E, 0x200F, 0x061C:
		return "direction mark"
	}
	return "direction control"
}
