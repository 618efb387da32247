package rules

import (
	"fmt"
	"html"
	"strings"
	"unicode/utf8"

	"github.com/copydesk/copydesk/rules/article"
)

type mojibake struct{}

func (mojibake) Meta() Meta {
	return Meta{
		Name:     "mojibake",
		Category: Residue,
		Severity: Error,
		Default:  true,
		Summary:  "Text decoded with the wrong encoding (Itâ€™s, cafÃ©, U+FFFD) and HTML entities or tags left as literal text",
		Doc: `When UTF-8 text passes through a system that reads it as Windows-1252 or
Latin-1, every accented letter and curly quote turns into two or three odd
characters: "It’s" becomes "Itâ€™s", "café" becomes "cafÃ©", "£5" becomes
"Â£5". A lost character shows as the replacement character "�" (U+FFFD).
An HTML entity escaped once too often shows as literal text ("&amp;",
"&#8217;", "&nbsp;"), and so does markup that was escaped instead of
rendered ("</p>", "<br>"). Readers see all of it.

The rule decodes each garbled run back and reports it with the repaired
text as a fix when the repair is certain: the run re-encodes to valid UTF-8
(including text garbled twice, "Ã¢â‚¬â„¢"), or the entity has a known
meaning. In HTML and Markdown the parser already decodes entities, so an
entity that is still in the text was double-escaped in the source
("&amp;amp;"); the fix writes it escaped once. A replacement character,
"â€" whose last byte was lost, literal tags, "&lt;" and "&gt;" in plain text
(often what is left of a tag, "br /&gt;") and "&#191;" between letters (an
apostrophe stored as "¿": "Blair&#191;s") are reported without a fix: the
original has to be looked up.

Severity is error: the copy is visibly broken. A file that is not valid
UTF-8 and was read as Windows-1252 is not mojibake by itself; only garbled
runs inside it are reported. Accented words in other languages ("São
Paulo", "CAFÉ»") are left alone: a run is reported only when it re-encodes
to a well-formed UTF-8 character of the kind mojibake produces.`,
		Examples: []Example{
			{Text: "Itâ€™s the largest project the council has approved.", Fires: true},
			{Text: "The cafÃ© on the corner reopened.", Fires: true},
			{Text: "Tickets cost Â£5 each.", Fires: true},
			{Text: "Marks &amp; Spencer reported higher sales.", Fires: true},
			{Text: "The mayor said it was over.</p>", Fires: true},
			{Text: "Ten people were hurt in the \uFFFD crash.", Fires: true},
			{Text: "It’s the largest café in São Paulo, said Ángel Núñez.", Fires: false},
			{Text: "Shares in AT&T rose; M&S fell.", Fires: false},
			{Text: "Use x < 3 and y > 4 in the formula.", Fires: false},
			{Text: "The “Q&A;” session ran late.", Fires: false},
		},
	}
}

func (mojibake) Check(doc *article.Document) []Diagnostic {
	var out []Diagnostic
	facts := blockFactsOf(doc)
	for bi := range doc.Blocks {
		// Each scan reads a block only where its bytes stand: garbled runs
		// start outside ASCII, literal markup at '&' or '<'.
		b := &doc.Blocks[bi]
		if facts[bi].high {
			out = garbledRuns(out, doc, b)
		}
		if facts[bi].ampLT {
			out = literalMarkup(out, doc, b)
		}
	}
	return out
}

// cp1252High maps the characters Windows-1252 gives to bytes 0x80-0x9F back
// to their bytes.
var cp1252High = map[rune]byte{
	'\u20AC': 0x80, '\u201A': 0x82, '\u0192': 0x83, '\u201E': 0x84, '\u2026': 0x85, '\u2020': 0x86,
	'\u2021': 0x87, '\u02C6': 0x88, '\u2030': 0x89, '\u0160': 0x8A, '\u2039': 0x8B, '\u0152': 0x8C,
	'\u017D': 0x8E, '\u2018': 0x91, '\u2019': 0x92, '\u201C': 0x93, '\u201D': 0x94, '\u2022': 0x95,
	'\u2013': 0x96, '\u2014': 0x97, '\u02DC': 0x98, '\u2122': 0x99, '\u0161': 0x9A, '\u203A': 0x9B,
	'\u0153': 0x9C, '\u017E': 0x9E, '\u0178': 0x9F,
}

// byteOf returns the Windows-1252 (or Latin-1) byte a character was
// decoded from, for characters that decode from bytes >= 0x80.
func byteOf(r rune) (byte, bool) {
	if r >= 0x80 && r <= 0xFF {
		return byte(r), true
	}
	b, ok := cp1252High[r]
	return b, ok
}

// seqLen is the length of the UTF-8 sequence a lead byte starts (0 for a
// byte that cannot lead one).
func seqLen(b byte) int {
	switch {
	case b >= 0xC2 && b <= 0xDF:
		return 2
	case b >= 0xE0 && b <= 0xEF:
		return 3
	case b >= 0xF0 && b <= 0xF4:
		return 4
	}
	return 0
}

// strongLead reports whether a single sequence with this lead byte is
// mojibake on its own. Â and Ã (0xC2, 0xC3: Latin-1 symbols and accented
// letters) and â (0xE2: punctuation such as ’ “ — €) garble the characters
// English copy uses; other leads also start letters of other languages
// ("CAFÉ»"), so they count only in runs of two or more sequences.
func strongLead(b byte, decoded rune) bool {
	return b == 0xC2 || b == 0xC3 || b == 0xE2 || b >= 0xF0 || decoded == '\uFEFF' || decoded == '\uFFFD'
}

// decodeSeq tries to read one mojibake sequence at s[i:]: characters whose
// Windows-1252 bytes form one well-formed UTF-8 character. It returns the
// character, the length in s, and the lead byte.
func decodeSeq(s string, i int) (rune, int, byte, bool) {
	r, size := utf8.DecodeRuneInString(s[i:])
	lead, ok := byteOf(r)
	if !ok {
		return 0, 0, 0, false
	}
	n := seqLen(lead)
	if n == 0 {
		return 0, 0, 0, false
	}
	var buf [4]byte
	buf[0] = lead
	j := i + size
	for k := 1; k < n; k++ {
		if j >= len(s) {
			return 0, 0, 0, false
		}
		r, size := utf8.DecodeRuneInString(s[j:])
		c, ok := byteOf(r)
		if !ok || c < 0x80 || c > 0xBF {
			return 0, 0, 0, false
		}
		buf[k] = c
		j += size
	}
	d, dsize := utf8.DecodeRune(buf[:n])
	if d == utf8.RuneError || dsize != n {
		return 0, 0, 0, false
	}
	return d, j - i, lead, true
}

// garbledRuns reports runs of mojibake sequences and U+FFFD characters.
func garbledRuns(out []Diagnostic, doc *article.Document, b *article.Block) []Diagnostic {
	text := b.Text
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if r == utf8.RuneError && size == 3 {
			j := i
			for strings.HasPrefix(text[j:], "\uFFFD") {
				j += 3
			}
			if s, e := b.SrcRange(i, j); literalFFFD(doc.Src[s:e]) {
				out = append(out, Diagnostic{Start: s, End: e,
					Message: "replacement character U+FFFD: a character was lost in a bad conversion; restore it from the original"})
			}
			i = j
			continue
		}
		// A run of adjacent mojibake sequences.
		j, seqs, strong := i, 0, false
		var fixed strings.Builder
		for j < len(text) {
			d, n, lead, ok := decodeSeq(text, j)
			if !ok {
				break
			}
			fixed.WriteRune(d)
			seqs++
			strong = strong || strongLead(lead, d)
			j += n
		}
		if seqs == 1 && !strong && inWord(text, i, j) {
			strong = true
		}
		if seqs == 0 || !strong && seqs < 2 {
			// "â€" whose third byte was lost (”, sent as 0x9D, is not in
			// Windows-1252): certainly mojibake, but the repair is a guess.
			if strings.HasPrefix(text[i:], "â€") {
				s, e := b.SrcRange(i, i+len("â€"))
				out = append(out, Diagnostic{Start: s, End: e,
					Message: `mojibake "â€": a curly quote or dash garbled by a wrong encoding, with its last byte lost; restore the character from the original`})
				i += len("â€")
				continue
			}
			i += size
			continue
		}
		repaired := fixed.String()
		// Text garbled twice decodes to mojibake again: "Ã¢â‚¬â„¢" -> "â€™" -> "’".
		for k := 0; k < 3; k++ {
			again, ok := decodeAll(repaired)
			if !ok {
				break
			}
			repaired = again
		}
		s, e := b.SrcRange(i, j)
		msg := fmt.Sprintf("mojibake %q: UTF-8 text read with the wrong encoding; it should read %q", text[i:j], repaired)
		fixMsg := fmt.Sprintf("replace with %q", repaired)
		if repaired == "\uFEFF" {
			// A byte-order mark has no business inside the text.
			msg = fmt.Sprintf("mojibake %q: a byte-order mark read with the wrong encoding; delete it", text[i:j])
			repaired, fixMsg = "", "delete it"
		}
		d := Diagnostic{Start: s, End: e, Message: msg}
		// Offer the repair only where the source holds the garbled text
		// byte for byte in UTF-8: not in a file read as Windows-1252.
		if doc.Encoding == "utf-8" && string(doc.Src[s:e]) == text[i:j] {
			d.Fixes = []Fix{{Message: fixMsg, Edits: []Edit{{Start: s, End: e, New: repaired}}}}
		}
		out = append(out, d)
		i = j
	}
	return out
}

// inWord reports whether text[i:j] has ASCII letters right before and right
// after it: "WrocÅ‚aw" is a garbled letter inside a word, where "CAFÉ»"
// ends one.
func inWord(text string, i, j int) bool {
	return i > 0 && isLetterASCII(text[i-1]) && j < len(text) && isLetterASCII(text[j])
}

// decodeAll decodes s when the whole of it is mojibake sequences.
func decodeAll(s string) (string, bool) {
	var b strings.Builder
	for i := 0; i < len(s); {
		d, n, _, ok := decodeSeq(s, i)
		if !ok {
			return "", false
		}
		b.WriteRune(d)
		i += n
	}
	return b.String(), s != ""
}

// literalFFFD reports whether src holds U+FFFD characters as such, not bytes
// that a Windows-1252 decoding could not map.
func literalFFFD(src []byte) bool {
	return strings.Contains(string(src), "\uFFFD")
}

// markupTags are the tags a CMS leaks into exported text: paragraph and
// line breaks, and the ends of inline formatting. Other tags in plain text
// are more often an article about markup than residue.
var markupTags = toSet("p /p br /br /a /b /i /em /strong /span /font")

// literalMarkup reports HTML entities and tags left as literal text.
func literalMarkup(out []Diagnostic, doc *article.Document, b *article.Block) []Diagnostic {
	text := b.Text
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '&':
			n := entityLen(text[i:])
			if n == 0 {
				continue
			}
			ent := text[i : i+n]
			dec := html.UnescapeString(ent)
			if dec == ent {
				continue
			}
			s, e := b.SrcRange(i, i+n)
			d := Diagnostic{Start: s, End: e}
			certain := true
			if dec == "¿" && i > 0 && isLetterASCII(text[i-1]) && i+n < len(text) && isLetterASCII(text[i+n]) {
				// "Blair&#191;s": a curly apostrophe lost in a conversion and
				// stored as an inverted question mark.
				d.Message = fmt.Sprintf("HTML entity %q (%q) between letters: most likely a lost apostrophe; check the original", ent, dec)
				certain = false
			} else if doc.Format == article.Text {
				d.Message = fmt.Sprintf("HTML entity %q left as literal text; it should read %q", ent, dec)
			} else {
				d.Message = fmt.Sprintf("HTML entity %q shows as literal text: it is escaped twice in the source; it should read %q", ent, dec)
			}
			// In plain text "<" and ">" are often what is left of a tag
			// ("br /&gt;"): the character alone is no sure repair.
			if doc.Format == article.Text && (dec == "<" || dec == ">") {
				certain = false
			}
			if fix, ok := entityFix(doc.Format, dec); ok && certain && doc.Encoding == "utf-8" {
				d.Fixes = []Fix{{Message: fmt.Sprintf("replace with %q", dec), Edits: []Edit{{Start: s, End: e, New: fix}}}}
			}
			out = append(out, d)
			i += n - 1
		case '<':
			// In HTML and Markdown a tag in the text was escaped on purpose
			// ("the &lt;img&gt; element"); only plain text gets markup by
			// accident.
			if doc.Format != article.Text {
				continue
			}
			n := tagLen(text[i:])
			if n == 0 {
				continue
			}
			s, e := b.SrcRange(i, i+n)
			out = append(out, Diagnostic{Start: s, End: e,
				Message: fmt.Sprintf("HTML tag %q left as literal text: the markup was escaped instead of rendered", text[i:i+n])})
			i += n - 1
		}
	}
	return out
}

// entityLen returns the length of the character reference at the start of
// s ("&amp;", "&#8217;", "&#x2019;"), or 0. The semicolon is required.
func entityLen(s string) int {
	i := 1
	if i < len(s) && s[i] == '#' {
		i++
		hex := i < len(s) && (s[i] == 'x' || s[i] == 'X')
		if hex {
			i++
		}
		start := i
		for i < len(s) && i-start < 8 && (isDigitByte(s[i]) || hex && isHexLetter(s[i])) {
			i++
		}
		if i == start {
			return 0
		}
	} else {
		start := i
		for i < len(s) && i-start < 32 && (isWordByte(s[i]) && s[i] != '_') {
			i++
		}
		if i == start || isDigitByte(s[start]) {
			return 0
		}
	}
	if i < len(s) && s[i] == ';' {
		return i + 1
	}
	return 0
}

func isDigitByte(c byte) bool { return '0' <= c && c <= '9' }
func isHexLetter(c byte) bool { return 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }

// entityFix is the replacement source for a literal entity that decodes to
// dec: the character itself in plain text, the entity escaped once in HTML
// and Markdown for the characters those formats treat as markup.
func entityFix(f article.Format, dec string) (string, bool) {
	if f == article.Text {
		return dec, true
	}
	switch dec {
	case "&":
		return "&amp;", true
	case "<":
		return "&lt;", true
	case ">":
		return "&gt;", true
	}
	if f == article.Markdown && strings.ContainsAny(dec, "\\`*_[]#") {
		return "", false
	}
	return dec, true
}

// tagLen returns the length of one of markupTags at the start of s ("</p>",
// "<br>", "<br />", "</em>"), or 0. Tags with attributes are left alone:
// they are code quoted in an article about markup far more often than
// residue.
func tagLen(s string) int {
	i := 1
	if i < len(s) && s[i] == '/' {
		i++
	}
	start := i
	for i < len(s) && i-start < 12 && (isLetterASCII(s[i]) || i > start && isDigitByte(s[i])) {
		i++
	}
	if i == start || !markupTags[strings.ToLower(s[1:i])] {
		return 0
	}
	switch {
	case i < len(s) && s[i] == '>':
		return i + 1
	case i+1 < len(s) && s[i] == '/' && s[i+1] == '>':
		return i + 2
	case strings.HasPrefix(s[i:], " />") && s[1] != '/':
		return i + 3
	}
	return 0
}

func isLetterASCII(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
