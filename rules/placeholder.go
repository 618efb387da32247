package rules

import (
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/copydesk/copydesk/rules/article"
	"github.com/copydesk/copydesk/rules/match"
)

type placeholder struct{}

func (placeholder) Meta() Meta {
	return Meta{
		Name:     "placeholder",
		Category: Leftover,
		Severity: Error,
		Default:  true,
		Summary:  "Editorial placeholders left in the copy: [source], TK, XX percent, lorem ipsum, TODO, {{ name }}",
		Doc: `Reporters and editors mark what is still missing with placeholders: a
bracketed note ("[source]", "[citation needed]", "[link]", "[insert name]",
"[TK]"), the newsroom's TK or TKTK ("to come"), XX for a number not yet known
("XX percent", "$XX million", "XX,000 people"), dummy "lorem ipsum" text, a
TODO, FIXME or TBD in capitals, "INSERT NAME HERE", or a template variable
that was never filled in ("{{ name }}", "{% if %}", "${var}", "%s"). Any of
them in published copy tells readers the story was not finished.

The rule looks at the prose of every block, including quotations, headlines
and captions. It leaves alone what only looks like a placeholder: "[sic]",
footnote markers such as "[1]", an editor's insertion inside a quote ("[the
mayor]"), Roman numerals and titles such as "Super Bowl XXX", and words such
as "TKO".

Fill in the missing material, or cut the placeholder and rework the
sentence.`,
		Examples: []Example{
			{Text: "The council approved the plan, according to [source].", Fires: true},
			{Text: "Turnout rose to XX percent this year.", Fires: true},
			{Text: "The mayor, TK, did not return calls.", Fires: true},
			{Text: "Dear {{ first_name }}, thanks for reading.", Fires: true},
			{Text: "Lorem ipsum dolor sit amet.", Fires: true},
			{Text: "\"He [the mayor] never said that,\" she said.", Fires: false},
			{Text: "The result was, in his words, \"the most greatest\" [sic].", Fires: false},
			{Text: "The halftime show at Super Bowl XXX drew record ratings.", Fires: false},
			{Text: "He won by TKO in the third round.", Fires: false},
			{Text: "Read the [full report](https://example.com/report) online.", Fires: false, Format: article.Markdown},
		},
	}
}

// placeholderLabels are the texts that, alone in square brackets, are
// placeholders; each entry's Reason is the advice.
var placeholderLabels = sync.OnceValue(func() *match.Set {
	return match.MustCompile(match.MustList("placeholder-labels"))
})

// hit is a finding in a block's text.
type hit struct {
	start, end int // byte range in the block's Text
	msg        string
}

func (placeholder) Check(doc *article.Document) []Diagnostic {
	var out []Diagnostic
	var hits []hit
	facts := blockFactsOf(doc)
	bi := -1
	eachBlockTokens(doc, func(b *article.Block, toks []match.Token) {
		bi++
		if !facts[bi].placeholder && !facts[bi].opener {
			return // no word, label or template variable to find
		}
		hits = findPlaceholders(hits[:0], b.Text, toks, facts[bi].placeholder)
		for _, h := range hits {
			s, e := b.SrcRange(h.start, h.end)
			out = append(out, Diagnostic{Start: s, End: e, Message: h.msg})
		}
	})
	if doc.Meta.SrcEnd > doc.Meta.Src {
		out = append(out, frontMatterPlaceholders(doc)...)
		sort.SliceStable(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	}
	return out
}

// frontMatterPlaceholders finds placeholders in the values of front
// matter ("author: TK", "title: Budget [TK]"), which is not prose but is
// printed as the byline and headline.
func frontMatterPlaceholders(doc *article.Document) []Diagnostic {
	var out []Diagnostic
	fm := string(doc.Src[doc.Meta.Src:doc.Meta.SrcEnd])
	var toks []match.Token
	for off := 0; off < len(fm); {
		end := strings.IndexByte(fm[off:], '\n')
		if end < 0 {
			end = len(fm)
		} else {
			end += off
		}
		line := fm[off:end]
		if k := strings.IndexAny(line, ":="); k >= 0 {
			value := line[k+1:]
			base := doc.Meta.Src + off + k + 1
			toks = match.Tokenize(value, toks)
			for _, h := range findPlaceholders(nil, value, toks, factsOf(value).placeholder) {
				out = append(out, Diagnostic{Start: base + h.start, End: base + h.end, Message: h.msg})
			}
		}
		off = end + 1
	}
	return out
}

func placeholderMsg(p, advice string) string {
	return fmt.Sprintf("placeholder %q left in the copy: %s", shown(p), advice)
}

// shown is matched text as a message quotes it: runs of white space
// (line breaks, no-break spaces) become one space.
func shown(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == ' ' && (i+1 == len(s) || s[i+1] == ' ') || c == '\n' || c == '\t' || c == '\r' || c >= 0x80 {
			return strings.Join(strings.Fields(s), " ")
		}
	}
	return s
}

// findPlaceholders appends the placeholders of one block's text to hits, in
// order, without overlaps. mayHaveWord is what the byte-level filter says
// of text (blockFacts.placeholder).
func findPlaceholders(hits []hit, text string, toks []match.Token, mayHaveWord bool) []hit {
	if strings.IndexByte(text, '[') >= 0 {
		hits = bracketPlaceholders(hits, text)
	}
	if mayHaveWord {
		hits = wordPlaceholders(hits, text, toks)
	}
	if hasTemplateOpener(text) && !looksLikeTemplateListing(text) {
		hits = templateVariables(hits, text)
	}
	if len(hits) < 2 {
		return hits
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].start < hits[j].start })
	out := hits[:1]
	for _, h := range hits[1:] {
		if h.start >= out[len(out)-1].end {
			out = append(out, h)
		}
	}
	return out
}

// mediaLabels, alone in capitals or at the end of a block, label a
// headline rather than stand for a missing item.
var mediaLabels = toSet("photo photos image images picture pictures pic pics video videos graphic graphics chart map gallery infographic audio podcast slideshow")

// afterTitleCase reports whether the two words before the end of s are
// capitalised, as in a headline written in title case.
func afterTitleCase(s string) bool {
	toks := match.Tokenize(s[max(0, len(s)-80):], nil)
	n := 0
	for k := len(toks) - 1; k >= 0 && n < 2; k-- {
		if toks[k].Kind != match.Word || !toks[k].IsCapitalized(s[max(0, len(s)-80):]) {
			return false
		}
		n++
	}
	return n == 2
}

// insertVerbs open a bracketed instruction: "[insert quote]", "[add link]".
var insertVerbs = map[string]bool{"insert": true, "add": true, "paste": true, "fill": true}

// bracketPlaceholders finds "[label]" placeholders.
func bracketPlaceholders(hits []hit, text string) []hit {
	var inner []match.Token
	for i := 0; i < len(text); i++ {
		if text[i] != '[' {
			continue
		}
		j := i + 1
		for j < len(text) && j-i < 80 && text[j] != ']' && text[j] != '[' && text[j] != '\n' {
			j++
		}
		if j >= len(text) || text[j] != ']' {
			continue
		}
		// Markdown link and image syntax, when the parser leaves it in the
		// text: "[text](url)", "[text][ref]", "[ref]: url", "![alt]".
		if j+1 < len(text) && (text[j+1] == '(' || text[j+1] == '[' || text[j+1] == ':') || i > 0 && text[i-1] == '!' {
			i = j
			continue
		}
		// Code and URLs: "p[title]=x", "args[name]".
		if i > 0 && isWordByte(text[i-1]) || j+1 < len(text) && text[j+1] == '=' {
			i = j
			continue
		}
		label := text[i+1 : j]
		inner = match.Tokenize(label, inner)
		if len(inner) == 0 {
			continue
		}
		advice := ""
		for _, m := range placeholderLabels().Find(label, inner) {
			if m.Start == 0 && m.End == len(inner) {
				advice = m.Entry.Reason
				break
			}
		}
		if advice != "" && len(inner) == 1 && mediaLabels[inner[0].Fold] && (inner[0].IsUpper(label) || strings.TrimSpace(text[j+1:]) == "" || afterTitleCase(text[:i])) {
			// "Fest [VIDEO]", "Flood damage [Photos]", "Excited About
			// Vectorization [Video]": a headline's label for what the link
			// holds, not a missing item.
			advice = ""
		}
		if advice == "" && len(inner) >= 2 && insertVerbs[inner[0].Fold] && inner[1].Kind == match.Word {
			advice = "fill in the missing text or cut it"
		}
		if advice != "" {
			hits = append(hits, hit{i, j + 1, placeholderMsg(text[i:j+1], advice)})
		}
		i = j
	}
	return hits
}

// numberWords follow an XX that stands for a number: "XX percent", "XX
// people".
var numberWords = toSet("percent per cent pc % million millions billion billions trillion thousand thousands hundred hundreds dozen m bn mn k km miles mph kg lb lbs tonnes tons " +
	"people persons years year months month weeks week days day hours hour minutes minute seconds times points votes seats jobs members staff employees " +
	"workers deaths dead killed injured cases patients users customers students children residents homes houses cars pounds dollars euros cents pence yen " +
	"yuan rupees degrees feet metres meters inches acres hectares games goals runs wickets percentage-points basis")

func toSet(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// wordPlaceholders finds TK, XX, TODO, lorem ipsum and INSERT ... HERE.
func wordPlaceholders(hits []hit, text string, toks []match.Token) []hit {
	lorem := false
	for i := 0; i < len(toks); i++ {
		t := &toks[i]
		if t.Kind != match.Word || !mayBePlaceholderWord(t.Fold) {
			continue
		}
		w := t.Text(text)
		switch {
		case w == "TK" || w == "TKTK" || w == "TKTKTK":
			// "TK Maxx", "TK Elevator": a name, not "to come".
			if i+1 < len(toks) && toks[i+1].SpaceBefore && toks[i+1].IsCapitalized(text) && !toks[i+1].SentenceStart {
				continue
			}
			hits = append(hits, hit{t.Start, t.End, placeholderMsg(w, "fill in the material to come or cut it")})
		case w == "TODO" || w == "FIXME" || w == "TBD":
			hits = append(hits, hit{t.Start, t.End, placeholderMsg(w, "resolve the note and cut it")})
		case isXs(w) && standsForNumber(text, toks, i):
			hits = append(hits, hit{t.Start, t.End, placeholderMsg(w, "fill in the missing number or cut it")})
		case t.Fold == "lorem" && i+1 < len(toks) && toks[i+1].Fold == "ipsum":
			if lorem {
				continue // one finding per block of dummy text
			}
			lorem = true
			hits = append(hits, hit{t.Start, toks[i+1].End, placeholderMsg(text[t.Start:toks[i+1].End], "replace the dummy text with the real copy")})
			i++
		case t.Fold == "insert":
			if end, ok := insertHere(text, toks, i); ok {
				hits = append(hits, hit{t.Start, toks[end].End, placeholderMsg(text[t.Start:toks[end].End], "fill in the missing text or cut it")})
				i = end
			}
		}
	}
	return hits
}

// mayBePlaceholderWord reports whether a folded word can start one of the
// cases of wordPlaceholders, so that most words are passed over on a byte
// or two ("the", "to", "in" share a first letter with "tk" and "insert").
func mayBePlaceholderWord(fold string) bool {
	switch fold[0] {
	case 'x':
		return true
	case 't':
		return len(fold) >= 2 && (fold[1] == 'k' || fold[1] == 'o' || fold[1] == 'b')
	case 'f':
		return fold == "fixme"
	case 'l':
		return fold == "lorem"
	case 'i':
		return fold == "insert"
	}
	return false
}

// placeholderPairList are the byte pairs at which the placeholder
// filter (blockFacts.placeholder) looks.
var placeholderPairList = []bytePair{
	{"T", "K", pairUpper}, {"X", "X", pairUpper}, {"x", "x", pairUpper}, {"I", "X", pairUpper},
	{"O", "D", pairUpper}, {"B", "D", pairUpper}, {"eE", "mM", pairLorem}, {"nN", "sS", pairNs},
}

// placeholderPairHit judges a stop of the placeholder filter: the pair
// text[i-1:i+1] with the pair bits.
func placeholderPairHit(text string, i int, bits pairBits) bool {
	return bits&pairUpper != 0 ||
		bits&pairLorem != 0 && i >= 4 && hasPrefixFold(text[i-4:], "lorem") ||
		bits&pairNs != 0 && hasPrefixFold(text[i-1:], "nsert")
}

// hasTemplateOpener reports whether text has one of the openings that
// templateVariables looks for: "{{", "{%", "${", "%s" or "%d".
func hasTemplateOpener(text string) bool {
	for off := 0; ; {
		k := strings.IndexByte(text[off:], '{')
		if k < 0 {
			break
		}
		i := off + k
		if i > 0 && text[i-1] == '$' || i+1 < len(text) && (text[i+1] == '{' || text[i+1] == '%') {
			return true
		}
		off = i + 1
	}
	for off := 0; ; {
		k := strings.IndexByte(text[off:], '%')
		if k < 0 {
			return false
		}
		i := off + k
		if i+1 < len(text) && (text[i+1] == 's' || text[i+1] == 'd') {
			return true
		}
		off = i + 1
	}
}

// isXs reports whether w is XX, XXX or XXXX (or lower case), optionally
// with a unit suffix: "XXm", "XXbn".
func isXs(w string) bool {
	n := 0
	for n < len(w) && (w[n] == 'X' || w[n] == 'x') {
		n++
	}
	if n < 2 || n > 4 || strings.Contains(w[:n], "X") && strings.Contains(w[:n], "x") {
		return false
	}
	switch w[n:] {
	case "", "m", "bn", "k":
		return true
	}
	return false
}

// standsForNumber reports whether the XX at toks[i] is used as a number:
// after a currency sign, before a unit or "%", as "XX,000", "XX.5",
// "XX:XX" or "XX-year-old".
func standsForNumber(text string, toks []match.Token, i int) bool {
	t := toks[i]
	if w := t.Text(text); w[len(w)-1] != 'X' && w[len(w)-1] != 'x' {
		return i > 0 && isCurrency(toks[i-1].Fold) && !t.SpaceBefore // "$XXm"
	}
	if i > 0 && !t.SpaceBefore && isCurrency(toks[i-1].Fold) {
		return true
	}
	if i+1 >= len(toks) {
		return false
	}
	n := toks[i+1]
	switch {
	case n.Kind == match.Word && numberWords[n.Fold]:
		return true
	case n.Kind == match.Punct && n.Fold == "%":
		return true
	case n.Kind == match.Punct && !n.SpaceBefore && i+2 < len(toks) && !toks[i+2].SpaceBefore:
		nn := toks[i+2]
		switch n.Fold {
		case ",", ".", ":":
			return nn.IsNumber(text) || isXs(nn.Text(text))
		case "-":
			return numberWords[nn.Fold]
		}
	}
	return false
}

func isCurrency(p string) bool {
	switch p {
	case "$", "£", "€", "¥", "₹":
		return true
	}
	return false
}

// insertHere finds "INSERT NAME HERE" (in capitals) or "(insert name
// here)" and returns the index of the "here" token.
func insertHere(text string, toks []match.Token, i int) (int, bool) {
	upper := toks[i].IsUpper(text)
	opened := i > 0 && !toks[i].SpaceBefore && (toks[i-1].Fold == "(" || toks[i-1].Fold == "<" || toks[i-1].Fold == "{")
	if !upper && !opened {
		return 0, false
	}
	for j := i + 1; j < len(toks) && j <= i+8; j++ {
		if toks[j].Kind != match.Word {
			return 0, false
		}
		if toks[j].Fold == "here" && (!upper || toks[j].IsUpper(text)) {
			return j, j > i+1
		}
	}
	return 0, false
}

// looksLikeTemplateListing reports whether a block is source code flattened into
// prose (a tutorial's template listing), where "{{ x }}" is the point of
// the text, not a leftover: many of "<>;=" for its length.
func looksLikeTemplateListing(text string) bool {
	n := 0
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '<', '>', ';', '=':
			n++
		}
	}
	return n >= 6 && n*30 > len(text)
}

// templateVariables finds "{{ x }}", "{% x %}", "${x}" and "%s".
func templateVariables(hits []hit, text string) []hit {
	for i := 0; i+1 < len(text); i++ {
		var closing string
		switch text[i : i+2] {
		case "{{":
			closing = "}}"
		case "{%":
			closing = "%}"
		case "${":
			closing = "}"
		case "%s", "%d":
			if (i == 0 || proseBefore(text[i-1])) && (i+2 == len(text) || proseAfter(text[i+2])) {
				hits = append(hits, hit{i, i + 2, fmt.Sprintf("unfilled template variable %q left in the copy: fill it in or fix the template", text[i:i+2])})
			}
			continue
		default:
			continue
		}
		end := strings.Index(text[i+2:min(len(text), i+2+100)], closing)
		if end < 0 {
			continue
		}
		end += i + 2 + len(closing)
		body := strings.TrimSpace(text[i+2 : end-len(closing)])
		if body == "" || strings.ContainsAny(body, "\n") {
			continue
		}
		if closing == "}" && !isIdentifier(body) {
			continue
		}
		// In code, a variable sits against quotes, tags or operators.
		if i > 0 && !proseBefore(text[i-1]) || end < len(text) && !proseAfter(text[end]) {
			continue
		}
		hits = append(hits, hit{i, end, fmt.Sprintf("unfilled template variable %q left in the copy: fill it in or fix the template", shown(text[i:end]))})
		i = end - 1
	}
	return hits
}

// proseBefore and proseAfter report whether a byte next to a template
// variable is what prose puts there: a space or a punctuation mark, not a
// quote, tag bracket, slash or operator as in code.
func proseBefore(c byte) bool {
	return c == ' ' || c == '\n' || c == '(' || c >= 0x80
}

func proseAfter(c byte) bool {
	return strings.IndexByte(" \n,.;:!?)", c) >= 0 || c >= 0x80
}

func isWordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_'
}

func isIdentifier(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isWordByte(s[i]) && s[i] != '.' {
			return false
		}
	}
	return s != ""
}
