package rules

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/copydesk/copydesk/rules/article"
	"github.com/copydesk/copydesk/rules/match"
)

type chatbotLeftover struct{}

func (chatbotLeftover) Meta() Meta {
	return Meta{
		Name:     "chatbot-leftover",
		Category: Leftover,
		Severity: Error,
		Default:  true,
		Summary:  "Chatbot chatter and citation debris pasted into the copy",
		Doc: `Text drafted or edited with an AI assistant sometimes keeps what the
assistant said to its user: a disclaimer ("As an AI language model"), a
refusal ("I cannot fulfill this request"), an opener ("Certainly! Here is a
rewritten version"), a closer ("I hope this helps", "Let me know if you need
any further changes"), a remark about its training ("As of my last knowledge
update"), or interface text ("Regenerate response"). Chat tools also leave
debris in the copy and its links: "utm_source=chatgpt.com" tracking tags,
citation markers such as "turn0search0", "oaicite" and
":contentReference[oaicite:0]{index=0}".

Readers take any of these as proof that nobody read the story before it ran.
The rule also looks inside quotations, and it reads the raw source for the
debris markers, so it finds them in link addresses too.

Cut the chatter, and read the passage again: the text around it may be
unchecked machine output. For debris, the rule offers a fix that removes the
tracking tag or marker; replace a citation marker with the real source.`,
		Examples: []Example{
			{Text: "As an AI language model, I cannot verify these figures.", Fires: true},
			{Text: "Certainly! Here is a rewritten version of the article.", Fires: true},
			{Text: "The plant will close in March. I hope this helps!", Fires: true},
			{Text: "Read the [report](https://example.com/report?utm_source=chatgpt.com).", Fires: true, Format: article.Markdown},
			{Text: "Exports fell 3% last year. citeturn0search2", Fires: true},
			{Text: "\"I hope this helps the families,\" the mayor said.", Fires: false},
			{Text: "The company said its AI language model would be released next year.", Fires: false},
			{Text: "Certainly the council has a case to answer.", Fires: false},
		},
	}
}

var chatbotPhrases = sync.OnceValue(func() *match.Set {
	return match.MustCompile(match.MustList("chatbot"))
})

func (chatbotLeftover) Check(doc *article.Document) []Diagnostic {
	var out []Diagnostic
	set := chatbotPhrases()
	eachBlockTokens(doc, func(b *article.Block, toks []match.Token) {
		for _, m := range match.Longest(set.Find(b.Text, toks)) {
			s, e := b.SrcRange(m.TextStart, m.TextEnd)
			out = append(out, Diagnostic{
				Start: s, End: e,
				Message: fmt.Sprintf("%s %q left in the copy: cut it and check the text around it", m.Entry.Reason, shown(b.Text[m.TextStart:m.TextEnd])),
			})
		}
	})
	out = append(out, chatDebris(doc)...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

// chatSources are utm_source values chat tools add to the links they cite.
var chatSources = []string{"chatgpt.com", "chatgpt", "openai.com", "openai", "perplexity.ai", "perplexity", "copilot.com", "gemini.google.com", "claude.ai"}

// chatDebris finds what chat tools leave besides words: utm_source tags in
// links, read from the raw source (a link address is in no block's text;
// the tag is an exact ASCII token, so this is safe) outside HTML comments;
// and citation markers (turn0search0, oaicite, contentReference) in the
// prose, so that a script or a code block never counts.
func chatDebris(doc *article.Document) []Diagnostic {
	src := doc.Src
	var out []Diagnostic
	for off := 0; ; {
		i := indexUTMSource(src, off)
		if i < 0 {
			break
		}
		off = i + 1
		if inComment(doc, i) {
			continue
		}
		if d, ok := utmSource(src, i); ok {
			out = append(out, d)
			off = d.End
		}
	}
	facts := blockFactsOf(doc)
	for bi := range doc.Blocks {
		b := &doc.Blocks[bi]
		if !facts[bi].marker {
			continue
		}
		text := []byte(b.Text)
		for off := 0; off < len(text); {
			k := indexMarker(text[off:])
			if k < 0 {
				break
			}
			i := off + k
			off = i + 1
			var start, end int
			var ok bool
			if bytes.HasPrefix(text[i:], []byte("turn")) {
				start, end, ok = turnMarker(text, i)
			} else {
				start, end, ok = oaiMarker(text, i)
			}
			if !ok {
				continue
			}
			off = end
			s, e := b.SrcRange(start, end)
			out = append(out, Diagnostic{
				Start: s, End: e,
				Message: fmt.Sprintf("chatbot citation marker %q left in the copy: cut it and cite the real source", strings.Map(visible, string(text[start:end]))),
				Fixes:   []Fix{{Message: "remove the marker", Edits: []Edit{removal(src, s, e)}}},
			})
		}
	}
	return out
}

// indexUTMSource returns the offset of the first "utm_source=" in src at
// or after from, or -1. It looks for "_source=", whose underscore is rare
// in prose and in markup, so that the search runs at the speed of
// bytes.IndexByte instead of stopping at every "u".
func indexUTMSource(src []byte, from int) int {
	for off := from + len("utm"); off <= len(src); {
		k := bytes.Index(src[off:], []byte("_source="))
		if k < 0 {
			return -1
		}
		j := off + k
		if bytes.Equal(src[j-len("utm"):j], []byte("utm")) {
			return j - len("utm")
		}
		off = j + 1
	}
	return -1
}

func inComment(doc *article.Document, off int) bool {
	for _, c := range doc.Comments {
		if c.Src <= off && off < c.SrcEnd {
			return true
		}
	}
	return false
}

// indexMarker returns the offset of the first byte that may start a
// citation marker: "turn" and a digit, "contentReference[" or "oaicite".
func indexMarker[T string | []byte](b T) int {
	for i := 0; i < len(b); i++ {
		switch b[i] {
		case 't':
			if hasPrefix(b[i:], "turn") && i+4 < len(b) && isASCIIDigit(b[i+4]) {
				return i
			}
		case 'c':
			if hasPrefix(b[i:], "contentReference[") {
				return i
			}
		case 'o':
			if hasPrefix(b[i:], "oaicite") {
				return i
			}
		}
	}
	return -1
}

// hasPrefix is strings.HasPrefix for a string or a byte slice.
func hasPrefix[T string | []byte](b T, prefix string) bool {
	return len(b) >= len(prefix) && string(b[:len(prefix)]) == prefix
}

// markerPairHit judges a stop of the citation-marker filter
// (blockFacts.marker) at text[i-1:i+1]: found is set for "turn" and a
// digit or for "oaicite", turn for any "turn".
func markerPairHit(text string, i int) (found, turn bool) {
	switch {
	case hasPrefix(text[i-1:], "turn"):
		return i+3 < len(text) && isASCIIDigit(text[i+3]), true
	case hasPrefix(text[i-1:], "oaicite"):
		return true, false
	}
	return false, false
}

// markerPairList finds the "tu" of "turn" and the "oa" of "oaicite", with
// a bit each: with one, "ta" and "ou" would match too.
var markerPairList = []bytePair{{"t", "u", pairTurn}, {"o", "a", pairOaicite}}

func isASCIIDigit(c byte) bool { return '0' <= c && c <= '9' }

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// utmSource reports "utm_source=chatgpt.com" and offers to remove the
// parameter from its link.
func utmSource(src []byte, i int) (Diagnostic, bool) {
	v := i + len("utm_source=")
	end := v
	for end < len(src) && (isASCIILetter(src[end]) || isASCIIDigit(src[end]) || src[end] == '.' || src[end] == '-' || src[end] == '_') {
		end++
	}
	value := strings.ToLower(string(src[v:end]))
	known := false
	for _, s := range chatSources {
		if value == s {
			known = true
			break
		}
	}
	if !known {
		return Diagnostic{}, false
	}
	// The edit removes the parameter with one separator: "?utm...&b" keeps
	// "?b", "&utm..." drops its "&" (or "&amp;" in HTML).
	es, ee := i, end
	switch {
	case i > 0 && src[i-1] == '?' && end < len(src) && src[end] == '&':
		ee = end + 1
		if bytes.HasPrefix(src[end:], []byte("&amp;")) {
			ee = end + len("&amp;")
		}
	case i > 0 && src[i-1] == '?':
		es = i - 1
	case i >= 5 && bytes.Equal(src[i-5:i], []byte("&amp;")):
		es = i - 5
	case i > 0 && src[i-1] == '&':
		es = i - 1
	}
	marker := string(src[i:end])
	return Diagnostic{
		Start: i, End: end,
		Message: fmt.Sprintf("chatbot tracking tag %q left in a link: remove it", marker),
		Fixes:   []Fix{{Message: "remove the tracking tag", Edits: []Edit{{Start: es, End: ee}}}},
	}, true
}

// turnMarker finds a citation marker such as "turn0search0" at i, with
// the "cite" and private-use brackets some exports put around it.
func turnMarker(src []byte, i int) (start, end int, ok bool) {
	if i > 0 && (isASCIILetter(src[i-1]) || isASCIIDigit(src[i-1])) && !bytes.HasSuffix(src[:i], []byte("cite")) && !endsInMarker(src[:i]) {
		return 0, 0, false
	}
	end = i
	for {
		n := turnUnit(src, end)
		if n == 0 {
			break
		}
		end += n
		for end < len(src) && isPrivateUse(src[end:]) {
			end += 3
		}
	}
	if end == i {
		return 0, 0, false
	}
	start = i
	for {
		switch {
		case start >= 3 && isPrivateUse(src[start-3:]):
			start -= 3
			continue
		case bytes.HasSuffix(src[:start], []byte("cite")):
			start -= 4
			continue
		}
		break
	}
	return start, end, true
}

// turnUnit returns the length of one "turn<digits><letters><digits>" at i,
// or 0.
func turnUnit(src []byte, i int) int {
	if !bytes.HasPrefix(src[i:], []byte("turn")) {
		return 0
	}
	j := i + 4
	d := j
	for j < len(src) && isASCIIDigit(src[j]) {
		j++
	}
	if j == d {
		return 0
	}
	l := j
	for j < len(src) && src[j] >= 'a' && src[j] <= 'z' {
		j++
	}
	if j-l < 3 {
		return 0
	}
	d = j
	for j < len(src) && isASCIIDigit(src[j]) {
		j++
	}
	if j == d || j < len(src) && (isASCIILetter(src[j]) && !bytes.HasPrefix(src[j:], []byte("turn"))) {
		return 0
	}
	return j - i
}

// isPrivateUse reports whether b starts with a character of U+E200-U+E2FF,
// which chat exports use to bracket citations.
func isPrivateUse(b []byte) bool {
	return len(b) >= 3 && b[0] == 0xEE && b[1] >= 0x88 && b[1] <= 0x8B
}

func endsInMarker(b []byte) bool {
	return len(b) >= 3 && isPrivateUse(b[len(b)-3:])
}

// visible drops private-use characters from a marker for the message.
func visible(r rune) rune {
	if r >= 0xE000 && r <= 0xF8FF {
		return -1
	}
	return r
}

// oaiMarker finds ":contentReference[oaicite:0]{index=0}" or a bare
// "oaicite" marker at i.
func oaiMarker(src []byte, i int) (start, end int, ok bool) {
	start = i
	if bytes.HasPrefix(src[i:], []byte("contentReference[")) {
		end = i + len("contentReference[")
		for end < len(src) && end-i < 80 && src[end] != ']' && src[end] != '\n' {
			end++
		}
		if end >= len(src) || src[end] != ']' {
			return 0, 0, false
		}
		end++
		if start > 0 && src[start-1] == ':' {
			start--
		}
	} else {
		if i > 0 && isASCIILetter(src[i-1]) {
			return 0, 0, false
		}
		end = i + len("oaicite")
		for end < len(src) && (src[end] == ':' || isASCIIDigit(src[end])) {
			end++
		}
		if start > 0 && src[start-1] == '[' && end < len(src) && src[end] == ']' {
			start--
			end++
		}
	}
	// "{index=0}" follows in most exports.
	if end < len(src) && src[end] == '{' {
		if k := bytes.IndexByte(src[end:min(len(src), end+40)], '}'); k > 0 && bytes.HasPrefix(src[end+1:], []byte("index=")) {
			end += k + 1
		}
	}
	return start, end, true
}

// removal deletes src[start:end] with the space before it, so that cutting
// a marker leaves no double space or space before punctuation.
func removal(src []byte, start, end int) Edit {
	if start > 0 && src[start-1] == ' ' {
		start--
	}
	return Edit{Start: start, End: end}
}
