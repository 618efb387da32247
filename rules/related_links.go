package rules

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/copydesk/copydesk/rules/article"
)

type relatedLinks struct{}

func (relatedLinks) Meta() Meta {
	return Meta{
		Name:     "related-links",
		Category: Residue,
		Severity: Warning,
		Default:  true,
		Summary:  "Related-links blocks (KEEP READING, Read more, Related, You may also like) and trailing lists of unrelated headlines",
		Doc: `Pages surround a story with links to other stories: "KEEP READING",
"Read more", "Related", "Recommended", "More from ...", "You may also like",
"Trending", "Most popular", "More stories", each followed by a list of
headlines. Copied or scraped with the story, the block ends up in the copy,
often as its last lines, and readers see headlines that have nothing to do
with the story.

The rule reports the whole block as one finding: a line that is only such a
label, with the headline-like lines that follow it (short, no final full
stop), a one-line "Read more: <headline>", or a teaser cut off with "..."
and followed by "Read more". Without a label, it reports a
trailing list of at least three title-case lines without final full stops
at the end of the article (before any share lines at its foot) when the
items share almost no words with the story; a story's own closing list (a
line-up, the key facts) shares its words with the story and is left alone,
and so is a numbered list or one of more than ten lines (a ranking). "See
also" heads a section of reference works and counts only as a one-line
"See also: <headline>". A sentence such as "Read more about
the plan on the council's website." is not a label.

Delete the block.`,
		Examples: []Example{
			{Text: "Council approves barrier\n\nCouncillors voted on Tuesday.\n\nKEEP READING\nTen Best Beaches For A Winter Walk\nWhy Your Boiler Makes That Noise", Fires: true},
			{Text: "Council approves barrier\n\nCouncillors voted on Tuesday.\n\nRead more: Ten Best Beaches For A Winter Walk", Fires: true},
			{Text: "Council approves barrier\n\nCouncillors in Eastmouth voted on Tuesday night to build a tidal barrier across the harbour mouth, ending a dispute that has run since the floods.\n\nTen Best Beaches For A Winter Walk\n\nWhy Your Boiler Makes That Noise\n\nCelebrity Chef Opens Third Restaurant", Fires: true},
			{Text: "Council approves barrier\n\nCouncillors voted on Tuesday.\n\nRead more about the plan on the council's website.", Fires: false},
			{Text: "Wales name team\n\nWales named Gareth Thomas as captain and kept Shane Williams on the wing.\n\nWales: Gareth Thomas\n\nShane Williams\n\nStephen Jones", Fires: false},
		},
	}
}

// relatedLabels are whole lines (lineKey form) that open a related-links
// block.
var relatedLabels = splitSet("keep reading|read more|read next|read also|also read|related|related stories|related story|related articles|"+
	"related article|related content|related links|related coverage|related posts|related news|related reading|related video|related videos|"+
	"related topics|recommended|recommended for you|recommended stories|recommended reading|recommended articles|recommended videos|"+
	"you may also like|you might also like|you may like|you might like|you may also be interested in|you might be interested in|"+
	"you might also be interested in|trending|trending now|trending stories|trending news|most popular|most read|most viewed|most shared|"+
	"popular now|popular stories|more stories|more news|more on this story|more on this topic|more like this|dont miss|"+
	"what to read next|up next|editors picks|top stories|latest stories|latest news|more to explore|around the web|"+
	"from the web|sponsored stories|promoted stories|from our partners|watch next|in case you missed it|more headlines|"+
	"more top stories|you may have missed|other stories|more reading", "|")

// inlineLabels may open a one-line link: "Read more: <headline>".
var inlineLabels = splitSet("read more|related|see also|also read|read also|read next|more|recommended|related story|related article|"+
	"more on this|more on this story|keep reading|watch|also see|dont miss|trending|most read", "|")

func (relatedLinks) Check(doc *article.Document) []Diagnostic {
	lines := docLines(doc)
	var out []Diagnostic
	covered := -1 // lines up to this index are in a reported block
	for i := 0; i < len(lines); i++ {
		text := lines[i].text(doc)
		if teaser(text) {
			s, e := lines[i].srcRange(doc)
			out = append(out, Diagnostic{Start: s, End: e,
				Message: `truncated teaser with a "Read more" link left in the copy: delete the line`})
			covered = i
			continue
		}
		// Labels are short; a one-line link has its colon near the start.
		if len(text) > 80 && (len(text) > 300 || strings.IndexByte(text[:31], ':') < 0) {
			continue
		}
		key, n := lineKey(text)
		if n == 0 || n > 25 {
			continue
		}
		if relatedLabel(key) && !fullStop(text) {
			j := i
			for j+1 < len(lines) && j-i < 20 && linkItem(doc, lines[j+1]) && !commentBetween(doc, lines[j], lines[j+1]) {
				j++
			}
			s, _ := lines[i].srcRange(doc)
			_, e := lines[j].srcRange(doc)
			msg := fmt.Sprintf("related-links label %q left in the copy: delete it", text)
			if j > i {
				msg = fmt.Sprintf("related-links block (%q and %d %s) left in the copy: delete it", text, j-i, plural(j-i, "link", "links"))
			}
			out = append(out, Diagnostic{Start: s, End: e, Message: msg})
			covered = j
			i = j
			continue
		}
		if label, ok := inlineLink(text); ok {
			s, e := lines[i].srcRange(doc)
			out = append(out, Diagnostic{Start: s, End: e,
				Message: fmt.Sprintf("%q link to another story left in the copy: delete the line", label)})
			covered = i
		}
	}
	if d, ok := trailingHeadlines(doc, lines, covered); ok {
		out = append(out, d)
	}
	return out
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func relatedLabel(key string) bool {
	if relatedLabels[key] {
		return true
	}
	n := keyWords(key)
	// "More from The Gazette", "More from Sport".
	if strings.HasPrefix(key, "more from ") {
		return n <= 6
	}
	// "Like this? You might also be interested in..."
	if n <= 10 {
		for _, l := range suffixLabels {
			if hasWordSuffix(key, l) {
				return true
			}
		}
	}
	return false
}

// suffixLabels end a longer label line: "Like this? You might also be
// interested in...".
var suffixLabels = []string{"you might also be interested in", "you may also be interested in", "you might be interested in",
	"you may also like", "you might also like", "related stories", "related articles", "more stories"}

// teaser recognises a link's teaser cut off and followed by its link
// text: "Nevada, Arizona and Florida are among those furthest from...
// Read More".
func teaser(text string) bool {
	const label = "read more"
	if len(text) < len(label)+4 || !hasPrefixFold(text[len(text)-len(label):], label) {
		return false
	}
	rest := strings.TrimRight(text[:len(text)-len(label)], " \t»›>")
	return strings.HasSuffix(rest, "...") || strings.HasSuffix(rest, "…")
}

// inlineLink recognises "Read more: <headline>" and "RELATED: <headline>":
// a label, a colon, and a short headline without a final full stop.
func inlineLink(text string) (string, bool) {
	colon := strings.IndexByte(text, ':')
	if colon <= 0 || colon > 30 {
		return "", false
	}
	label := strings.TrimSpace(text[:colon])
	lk, _ := lineKey(label)
	if !inlineLabels[lk] {
		return "", false
	}
	rest := strings.TrimSpace(text[colon+1:])
	_, rn := lineKey(rest)
	if rn < 2 || rn > 20 || strings.HasSuffix(rest, ".") && !strings.HasSuffix(rest, "...") {
		return "", false
	}
	// The headline starts with a capital, a digit or a quote, or is a URL.
	r, _ := utf8.DecodeRuneInString(rest)
	if !unicode.IsUpper(r) && !unicode.IsDigit(r) && !isQuoteMark(r) && !strings.HasPrefix(rest, "http") {
		return "", false
	}
	return label, true
}

// linkItem reports whether a line after a label is one of its links: a
// short line (a headline, a date, a read time) without a final full stop.
func linkItem(doc *article.Document, l textLine) bool {
	text := l.text(doc)
	if len(text) > 200 {
		return false
	}
	key, n := lineKey(text)
	if n == 0 || n > 20 || relatedLabel(key) || pageChrome(doc, l) {
		return false
	}
	return !fullStop(text)
}

// fullStop reports whether text ends with a full stop (not an ellipsis),
// closing quotes and brackets aside.
func fullStop(text string) bool {
	t := strings.TrimRight(text, " \"'\u201d\u2019)")
	return strings.HasSuffix(t, ".") && !strings.HasSuffix(t, "..")
}

// trailingHeadlines finds a list of at least three title-case lines
// without final full stops at the end of the article that shares almost
// no words with the story above it.
func trailingHeadlines(doc *article.Document, lines []textLine, covered int) (Diagnostic, bool) {
	// The article ends before any page furniture at its foot ("Follow us
	// on Twitter"), which share-chrome reports.
	end := len(lines)
	for end > covered+1 && pageChrome(doc, lines[end-1]) {
		end--
	}
	start := end
	for start > covered+1 && start > 1 && end-start <= 10 && headlineLike(lines[start-1].text(doc)) &&
		(start == end || !commentBetween(doc, lines[start-1], lines[start])) {
		start--
	}
	items := end - start
	// More than ten title-case lines are the story's own (a ranking, a
	// line-up); so is a numbered list.
	if items < 3 || items > 10 || start < 2 {
		return Diagnostic{}, false
	}
	numbered := 0
	for _, l := range lines[start:end] {
		if t := l.text(doc); t != "" && isDigitByte(t[0]) {
			numbered++
		}
	}
	if numbered*2 >= items {
		return Diagnostic{}, false
	}
	// The story: every line before the list but the headline.
	body := map[string]bool{}
	for _, l := range lines[:start] {
		if doc.Blocks[l.block].Kind == article.Headline {
			continue
		}
		for _, w := range contentWords(l.text(doc)) {
			body[w] = true
		}
	}
	if len(body) < 10 {
		return Diagnostic{}, false
	}
	related := 0
	for _, l := range lines[start:end] {
		ws := contentWords(l.text(doc))
		shared := 0
		for _, w := range ws {
			if body[w] {
				shared++
			}
		}
		if len(ws) == 0 || shared*2 >= len(ws) {
			related++
		}
	}
	if related*3 >= items {
		return Diagnostic{}, false
	}
	s, _ := lines[start].srcRange(doc)
	_, e := lines[end-1].srcRange(doc)
	return Diagnostic{Start: s, End: e,
		Message: fmt.Sprintf("trailing list of %d headlines unrelated to the story (a related-links block without its label): delete it", items)}, true
}

// headlineLike: three to fifteen words, no final full stop, most words
// capitalised (title case).
func headlineLike(text string) bool {
	if len(text) > 150 {
		return false
	}
	t := strings.TrimRight(text, " \"'\u201d\u2019)")
	if strings.HasSuffix(t, ".") || strings.HasSuffix(t, ",") || strings.HasSuffix(t, ";") || strings.HasSuffix(t, ":") {
		return false
	}
	ws := lineWords(text)
	if len(ws) < 3 || len(ws) > 15 {
		return false
	}
	long, caps, numbers := 0, 0, 0
	for _, w := range ws {
		if isDigits(w) {
			numbers++
		}
		if utf8.RuneCountInString(w) < 4 {
			continue
		}
		long++
		if isCapitalWord(w) {
			caps++
		}
	}
	// Two numbers make a result or a table row ("Arsenal 2 Chelsea 1"),
	// not a headline.
	return long >= 2 && caps*10 >= long*8 && numbers < 2
}

// stopWords are left out when comparing an item's words with the story's.
var stopWords = splitSet("that|this|with|from|have|will|your|what|when|where|which|their|there|they|them|then|than|into|over|about|after|"+
	"before|more|most|best|just|like|make|makes|made|says|said|were|been|being|does|here|these|those|while|why|how|who|would|could|should|"+
	"every|year|years|first|last|new|now|week|today", "|")

// contentWords are the lower-cased words of four letters or more of s,
// without stop words.
func contentWords(s string) []string {
	var out []string
	for _, w := range lineWords(s) {
		if utf8.RuneCountInString(w) < 4 {
			continue
		}
		w = strings.ToLower(strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s"))
		if !stopWords[w] {
			out = append(out, w)
		}
	}
	return out
}

// pageChrome reports a line that share-chrome reports, or a social media
// plug ("Follow Maria on Twitter @maria").
func pageChrome(doc *article.Document, l textLine) bool {
	text := l.text(doc)
	if quickWords(text, 12) > 12 && (!longChromeSignal(text) || quickWords(text, 60) > 60) {
		return false
	}
	if chromeLine(text, doc.Blocks[l.block].Kind) != "" {
		return true
	}
	key, n := lineKey(text)
	return n <= 12 && strings.HasPrefix(key, "follow ") && (strings.Contains(key, " twitter") || strings.Contains(key, " instagram") ||
		strings.Contains(key, " facebook") || strings.Contains(text, "@"))
}
