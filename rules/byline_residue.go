package rules

import (
	"fmt"
	"sort"
	"strings"

	"github.com/copydesk/copydesk/rules/article"
)

type bylineResidue struct{}

func (bylineResidue) Meta() Meta {
	return Meta{
		Name:     "byline-residue",
		Category: Residue,
		Severity: Warning,
		Default:  true,
		Summary:  "Byline residue: avatar alt text printed as text, empty or placeholder bylines, the same byline printed twice",
		Doc: `Templates and scrapers mangle the byline more than any other part of a
story. The author's photo turns into its alt text ("Maria Lopez Avatar",
"Avatar photo", "Author avatar"); a template prints "By" with no name after
it ("By", "By ,", "Written by"), a placeholder ("By [Author]") or the CMS
account ("Posted by admin"); and the byline block appears twice, once in
the header and once in an author box.

The rule reads whole lines, so a sentence that starts "By March, the
council..." or mentions an avatar in a game is left alone. A repeated
byline is reported at its second copy, with a related location pointing at
the first; a name printed three times or more heads the entries of a live
blog or a roundup and is left alone. Delete the residue, or put the author's name in.

Bylines printed twice belong to this rule; repeated-block leaves them
alone, so one slip gives one finding.`,
		Examples: []Example{
			{Text: "Council approves barrier\n\nMaria Lopez Avatar\n\nCouncillors voted on Tuesday.", Fires: true},
			{Text: "Council approves barrier\n\nBy\n\nCouncillors voted on Tuesday.", Fires: true},
			{Text: "Council approves barrier\n\nPosted by admin\n\nCouncillors voted on Tuesday.", Fires: true},
			{Text: "Council approves barrier\n\nBy [Author]\n\nCouncillors voted on Tuesday.", Fires: true},
			{Text: "Council approves barrier\n\nBy Maria Lopez\n\nCouncillors voted on Tuesday.\n\nBy Maria Lopez", Fires: true},
			{Text: "Council approves barrier\n\nBy Maria Lopez\n\nCouncillors voted on Tuesday.", Fires: false},
			{Text: "Council approves barrier\n\nBy March, the council hopes to start work.", Fires: false},
			{Text: "Game sales soar\n\nPlayers can dress their avatar in branded clothes.", Fires: false},
		},
	}
}

// bylineStarts open a byline line, longest first.
var bylineStarts = []string{"written by", "posted by", "words by", "reporting by", "story by", "article by", "text by", "by"}

// bylineFillers stand where a name should be.
var bylineFillers = splitSet("admin|administrator|webmaster|root|author|user|author name|your name|name|unknown|site admin|super user|"+
	"default|editor name|reporter name|insert name|firstname lastname|first name last name|john doe|jane doe", "|")

// avatarWords may stand beside "avatar" in an alt text.
var avatarWords = splitSet("author|user|profile|default|photo|image|picture|pic|icon|placeholder|of|the|for|s", "|")

// avatarLabels are alt texts of author photos without the word avatar.
var avatarLabels = splitSet("author image|author photo|author picture|author headshot|profile picture|profile photo|profile image|user image|user photo|headshot", "|")

// dateWords may follow an empty "By" when the template printed only the
// date: "By | March 3, 2024".
var dateWords = splitSet("january|february|march|april|may|june|july|august|september|october|november|december|"+
	"jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"+
	"am|pm|gmt|bst|utc|et|est|edt|pt|pst|pdt|cet|updated|published|posted|on|at|th|st|nd|rd", "|")

// bylineLine is a byline-like line seen so far: the name it gives, and how
// many times the name has been printed.
type bylineLine struct {
	name   string
	line   textLine
	copies int
}

func (bylineResidue) Check(doc *article.Document) []Diagnostic {
	var out []Diagnostic
	var seen []*bylineLine
	var repeats []bylineRepeat
	for _, l := range docLines(doc) {
		text := l.text(doc)
		if len(text) > 160 || quickWords(text, 12) > 12 || !bylineCandidate(text, len(seen) > 0) {
			continue
		}
		key, n := lineKey(text)
		if n == 0 || n > 12 {
			continue
		}
		s, e := l.srcRange(doc)
		if msg := avatarText(text, key); msg != "" {
			out = append(out, Diagnostic{Start: s, End: e, Message: msg})
			continue
		}
		name, isByline, msg := bylineName(text, key)
		if msg != "" {
			out = append(out, Diagnostic{Start: s, End: e, Message: msg})
			continue
		}
		if !isByline {
			// An author line: only a name, the same as an earlier byline's.
			if n >= 2 && n <= 4 && isNameLine(text) {
				name = key
			} else {
				continue
			}
		}
		if first, ok := findByline(seen, name); ok {
			repeats = append(repeats, bylineRepeat{first, l})
			first.copies++
			continue
		}
		if isByline {
			seen = append(seen, &bylineLine{name: name, line: l, copies: 1})
		}
	}
	for _, r := range repeats {
		// A name printed three times or more heads the entries of a live
		// blog or a roundup: that is layout, not residue.
		if r.first.copies != 2 {
			continue
		}
		s, e := r.copy.srcRange(doc)
		fs, fe := r.first.line.srcRange(doc)
		out = append(out, Diagnostic{Start: s, End: e,
			Message: fmt.Sprintf("byline for %q printed a second time: delete this copy", titleOf(doc, r.first.line, r.first.name)),
			Related: []Related{{Start: fs, End: fe, Message: "first copy of the byline"}}})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

// bylineRepeat is a later copy of a byline.
type bylineRepeat struct {
	first *bylineLine
	copy  textLine
}

// bylineCandidate is the cheap test before a line is read: it starts like a
// byline, mentions an avatar or an author photo, or, once a byline has
// been seen, is short enough to be a name.
func bylineCandidate(text string, haveByline bool) bool {
	for _, p := range bylineStarts {
		if hasPrefixFold(text, p) {
			return true
		}
	}
	return mentionsAuthorPhoto(text) || haveByline && quickWords(text, 4) <= 4
}

// mentionsAuthorPhoto reports whether text contains "avatar", "author",
// "profile", "headshot" or "user" in any ASCII case: one pass that tries
// the words only where their first letter stands, instead of a
// containsFold scan for each.
func mentionsAuthorPhoto(text string) bool {
	for i := 0; i+4 <= len(text); i++ {
		switch foldASCII(text[i]) {
		case 'a':
			if hasPrefixFold(text[i:], "avatar") || hasPrefixFold(text[i:], "author") {
				return true
			}
		case 'p':
			if hasPrefixFold(text[i:], "profile") {
				return true
			}
		case 'h':
			if hasPrefixFold(text[i:], "headshot") {
				return true
			}
		case 'u':
			if hasPrefixFold(text[i:], "user") {
				return true
			}
		}
	}
	return false
}

func findByline(seen []*bylineLine, name string) (*bylineLine, bool) {
	for _, b := range seen {
		if b.name == name {
			return b, true
		}
	}
	return nil, false
}

// titleOf is the name as the first byline wrote it, for the message.
func titleOf(doc *article.Document, l textLine, key string) string {
	text := l.text(doc)
	for _, p := range bylineStarts {
		if len(text) > len(p) && strings.EqualFold(text[:len(p)], p) && text[len(p)] == ' ' {
			text = strings.TrimSpace(text[len(p):])
			break
		}
	}
	if i := strings.IndexAny(text, ",|·•–—"); i > 0 {
		text = strings.TrimSpace(text[:i])
	}
	if k, _ := lineKey(text); k == key {
		return text
	}
	return key
}

// avatarText reports an author photo's alt text printed as a line: a name
// then "Avatar" ("Maria Lopez Avatar"), "Avatar photo", "Avatar of Maria
// Lopez", "Author avatar". "Avatar" alone (the film) and "The Avatar
// Store" are not alt text.
func avatarText(text, key string) string {
	if lineEndsSentence(text) {
		return ""
	}
	if avatarLabels[key] {
		return fmt.Sprintf("author photo's alt text %q printed as text: delete the line", text)
	}
	ws := strings.Fields(key)
	if len(ws) < 2 || len(ws) > 6 {
		return ""
	}
	at := -1
	for i, w := range ws {
		if w == "avatar" {
			at = i
			break
		}
	}
	if at < 0 {
		return ""
	}
	orig := lineWords(text)
	if len(orig) != len(ws) {
		return ""
	}
	// Before "avatar": a name (capitalised words, not "The") or a
	// label word.
	label := false
	for _, w := range ws[:at] {
		if avatarWords[w] && w != "of" && w != "the" && w != "for" {
			label = true
		}
	}
	for i, w := range orig[:at] {
		if !label && (!isCapitalWord(w) || ws[i] == "the" || ws[i] == "a") {
			return ""
		}
		if label && !avatarWords[ws[i]] {
			return ""
		}
	}
	// After it: photo words, or "of"/"for" and a name.
	after := ws[at+1:]
	if len(after) > 0 {
		switch after[0] {
		case "photo", "image", "picture", "pic", "icon", "placeholder":
			if len(after) > 1 {
				return ""
			}
		case "of", "for":
			if len(after) < 2 || !isNameLine(strings.Join(orig[at+2:], " ")) {
				return ""
			}
		default:
			return ""
		}
	}
	return fmt.Sprintf("avatar alt text %q printed as text: delete the line", text)
}

// bylineName reads a line that starts like a byline. It returns the name's
// key for a byline with a name, or a message for an empty byline, a
// placeholder or a CMS account.
func bylineName(text, key string) (name string, isByline bool, msg string) {
	var prefix string
	for _, p := range bylineStarts {
		if hasWordPrefix(key, p) {
			prefix = p
			break
		}
	}
	if prefix == "" {
		return "", false, ""
	}
	// The rest of the line after the prefix, in the original text.
	rest := text
	for _, w := range strings.Fields(prefix) {
		rest = strings.TrimLeft(rest, " \t")
		if len(rest) < len(w) || !strings.EqualFold(rest[:len(w)], w) {
			return "", false, ""
		}
		rest = rest[len(w):]
	}
	if rest != "" && !strings.ContainsAny(rest[:1], " \t:,|-–—·•/") {
		return "", false, "" // "Bypass", "Bystanders"
	}
	rest = strings.Trim(rest, " \t:,|-–—·•/")
	label := strings.TrimSpace(text)
	if rest == "" {
		return "", false, fmt.Sprintf("empty byline %q: put in the author's name or delete the line", label)
	}
	if isBracketed(rest) {
		return "", false, fmt.Sprintf("byline placeholder %q: put in the author's name", label)
	}
	restKey, rn := lineKey(rest)
	if bylineFillers[restKey] {
		return "", false, fmt.Sprintf("byline %q names a CMS account or a placeholder, not an author: put in the author's name", label)
	}
	if lineEndsSentence(rest) && rn > 4 {
		return "", false, "" // a sentence: "By then, the vote was over."
	}
	if onlyDate(restKey) {
		return "", false, fmt.Sprintf("byline %q has a date but no name: put in the author's name or delete it", label)
	}
	// A byline proper: capitalised name words up to a separator.
	nameText := rest
	if i := strings.IndexAny(nameText, ",|·•–—"); i > 0 {
		nameText = strings.TrimSpace(nameText[:i])
	}
	if !isNameLine(nameText) {
		return "", false, ""
	}
	nk, _ := lineKey(nameText)
	return nk, true, ""
}

func isBracketed(s string) bool {
	if len(s) < 2 {
		return false
	}
	switch s[0] {
	case '[':
		return s[len(s)-1] == ']'
	case '{':
		return s[len(s)-1] == '}'
	case '<':
		return s[len(s)-1] == '>'
	}
	return false
}

func onlyDate(key string) bool {
	ws := strings.Fields(key)
	if len(ws) == 0 {
		return false
	}
	month := false
	for _, w := range ws {
		switch {
		case isDigits(w):
		case dateWords[w]:
			month = month || len(w) >= 3 && w != "updated" && w != "published" && w != "posted"
		default:
			return false
		}
	}
	return month || isDigits(ws[0])
}

// isNameLine reports whether s looks like a person's name or names: one to
// six words, each capitalised or a particle ("de", "van", "and"), with no
// sentence punctuation.
func isNameLine(s string) bool {
	ws := strings.Fields(s)
	if len(ws) == 0 || len(ws) > 6 {
		return false
	}
	// "Jr." and initials may end a name; a longer word with a period ends
	// a sentence.
	if last := ws[len(ws)-1]; lineEndsSentence(s) && (!strings.HasSuffix(last, ".") || len(last) > 3) {
		return false
	}
	caps := 0
	for _, w := range ws {
		w = strings.Trim(w, `"'()`)
		switch strings.ToLower(w) {
		case "and", "de", "da", "van", "von", "der", "den", "la", "le", "del", "di", "bin", "al", "&":
			continue
		}
		if !isCapitalWord(w) {
			return false
		}
		caps++
	}
	return caps > 0
}
