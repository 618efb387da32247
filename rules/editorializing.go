package rules

import (
	"fmt"
	"strings"

	"github.com/copydesk/copydesk/rules/article"
	"github.com/copydesk/copydesk/rules/match"
)

type editorializing struct{}

func (editorializing) Meta() Meta {
	return Meta{
		Name:     "editorializing",
		Category: Style,
		Severity: Warning,
		Default:  true,
		Summary:  "The writer's own voice in news copy: first person outside quotes, opinion adverbs that assert instead of report",
		Doc: `News copy reports; it does not take part or take sides. The rule flags,
outside direct quotations:

- the first person taking part or taking sides, as a warning: "we must",
  "we should", "we need", "let's", "our allies", "our troops", "our
  country", "most of us", "I believe", "I doubt", "I'm not sure",
  "personally, I", "in my view", "for me,"; once per sentence;
- opinion adverbs that assert what the copy should show, as a suggestion
  (analysis may use them; news should not): "obviously", "undoubtedly",
  "unquestionably", "undeniably", "indisputably", "needless to say", and
  "clearly" where it comments on the whole statement ("Clearly, the plan
  failed", "the minister clearly misjudged the mood", "is clearly wrong"),
  not where it means "in a clear way" ("spoke clearly", "clearly visible",
  "clearly marked", "pictures clearly showed", "more clearly").

It stays quiet:

- in direct quotations, block quotations and bylines;
- in a clause that attributes what it says ("he said", "according to",
  "she argued"): reported speech is the source's voice, not the writer's
  (clauses split at ";", ":" and ", and", ", but", ", while"), unless the
  adverb asserts the attribution itself ("he clearly believes");
- on the newsroom's own people and work ("our correspondent", "our
  political editor", "our survey");
- on titles and names in capitals ("Shall We Dance?", "World War I", "the
  US");
- in opinion pieces: front matter that marks the piece as opinion, a
  column, an editorial, comment, a review, analysis, a blog or letters
  (type or section), and pieces written in the first person throughout
  (three or more sentences in the writer's own first person: a column, a
  review, readers' comments). Configuration can switch the rule off for
  other paths.

Attribute the judgement to a named source, show the evidence that makes it
obvious, or cut the adverb.`,
		Examples: []Example{
			{Text: "We must not abandon our allies in the region.", Fires: true},
			{Text: "The minister clearly misjudged the mood of the chamber.", Fires: true},
			{Text: "Obviously, the plan will fail.", Fires: true},
			{Text: "Needless to say, the council voted against it.", Fires: true},
			{Text: "\"We must not abandon our allies,\" the minister said.", Fires: false},
			{Text: "The exits were clearly marked and the speaker spoke clearly.", Fires: false},
			{Text: "Our correspondent says the talks have stalled.", Fires: false},
			{Text: "The minister clearly misjudged the mood, critics said.", Fires: false},
			{Text: "The exits were clearly marked.", Fires: false},
		},
	}
}

// firstPerson reports whether a folded word is a first-person pronoun. A
// switch, not a map: it runs on every token.
func firstPerson(fold string) bool {
	// Most words fail on their first byte, before the string switch.
	if fold == "" {
		return false
	}
	switch fold[0] {
	case 'i', 'm', 'w', 'u', 'o', 'l':
	default:
		return false
	}
	switch fold {
	case "i", "me", "my", "myself", "i'm", "i've", "i'd", "i'll",
		"we", "us", "our", "ours", "ourselves", "we're", "we've", "we'd", "we'll", "let's":
		return true
	}
	return false
}

// newsroomNouns follow "our" when the newsroom names its own people or
// work: "our correspondent", "our political editor".
var newsroomNouns = toSet("correspondent correspondents reporter reporters editor editors analyst analysts producer producers " +
	"team website site programme program newsroom readers viewers listeners poll polls survey surveys reporting coverage " +
	"sister colleague colleagues panel")

// usVerbs before "us" make a call to action, not a voice: "contact us".
var usVerbs = toSet("contact email e-mail tell join follow write call message")

// degreeWords before an adverb make "clearly" one of manner ("more
// clearly", "not clearly") and "obviously" one of degree ("most obviously").
var degreeWords = toSet("more most less least very so too how as quite fairly pretty not never all much reasonably " +
	"sufficiently perfectly extremely really")

// clearVerbs are the words that "clearly" qualifies as "in a clear way",
// before or after them: "spoke clearly", "clearly marked", "clearly showed".
var clearVerbs = toSet("speak speaks spoke spoken speaking see sees saw seen seeing hear hears heard hearing show shows showed " +
	"shown showing state states stated stating explain explains explained explaining write writes wrote written writing " +
	"understand understands understood read reads express expresses expressed expressing set laid define defines " +
	"defined mark marks marked label labels labelled labeled signpost signposted sign signed display displays displayed " +
	"visible invisible audible legible readable identifiable identified identify recognisable recognizable " +
	"distinguishable distinguished separated delineated outlined outline articulated articulate communicated communicate " +
	"demonstrate demonstrates demonstrated demonstrating illustrate illustrates illustrated indicate indicates indicated " +
	"printed lit spelled spelt specified described documented enunciated signalled signaled flagged crossed remember " +
	"remembers remembered recall recalls recalled reflect reflects reflected announced presented evident apparent and or " +
	"document documents record records recorded describe label explain list lists listed")

// attributionWords put a sentence in a source's mouth: "he said", "she
// argued", "according to".
var attributionWords = toSet("said says told tells stated states added adds argued argues claimed claims insisted insists " +
	"believes believed warned warns wrote writes explained explains suggested suggests noted notes admitted admits " +
	"acknowledged acknowledges conceded concedes maintained maintains contended contends asserted asserts thinks " +
	"insisting arguing saying telling according say argue claim insist suggest warn")

func (editorializing) Check(doc *article.Document) []Diagnostic {
	if doc.IsOpinion() {
		return nil
	}
	var out []Diagnostic
	for sb := range styleBlocks(doc) {
		ms := sb.phrases(editorialKind)
		if len(ms) == 0 {
			continue
		}
		b, toks, quotes := sb.b, sb.toks, sb.quotes
		lastFirst := -1 // sentence of the last first-person finding
		for _, m := range ms {
			if match.Overlaps(quotes, m.TextStart, m.TextEnd) {
				continue
			}
			s := sentenceStartOf(toks, m.Start)
			text := b.Text[m.TextStart:m.TextEnd]
			adverb := m.Entry.Reason == "adverb"
			switch {
			case adverb && !adverbAsserts(toks, m):
				continue
			case !adverb && (s == lastFirst || !pronounIsFirstPerson(b.Text, toks, m)):
				continue
			case attributed(toks, clause(toks, s, nextSentence(toks, s), m.Start), quotes, m.End):
				// An attribution verb right after the adverb is what the
				// adverb asserts ("he clearly believes"): it does not count.
				continue
			}
			if adverb {
				d := editorialDiagnostic(b, m.TextStart, m.TextEnd,
					fmt.Sprintf("%q asserts instead of reporting: show the evidence, attribute the judgement or cut it", text))
				d.Severity = Suggestion
				out = append(out, d)
				continue
			}
			// "For me," is reported without its comma.
			text = strings.TrimRight(text, " ,")
			out = append(out, editorialDiagnostic(b, m.TextStart, m.TextStart+len(text),
				fmt.Sprintf("first person %q outside a quotation: news copy reports and does not take part; attribute it or rephrase", text)))
			lastFirst = s
		}
	}
	// Counting first-person sentences reads every token of the document:
	// it is done only when there is something it could silence.
	if len(out) > 0 && firstPersonSentences(doc, 3) >= 3 {
		return nil // a first-person piece: a column, a review, readers' comments
	}
	return out
}

// sentenceStartOf returns the index of the first token of the sentence that
// holds toks[i].
func sentenceStartOf(toks []match.Token, i int) int {
	for i > 0 && !toks[i].SentenceStart {
		i--
	}
	return i
}

// firstPersonSentences counts the sentences of doc's style blocks that
// have a first-person pronoun outside quotations and no attribution,
// stopping once it reaches limit.
func firstPersonSentences(doc *article.Document, limit int) int {
	n := 0
	for sb := range styleBlocks(doc) {
		b, toks, quotes := sb.b, sb.toks, sb.quotes
		for s := 0; s < len(toks); {
			e := nextSentence(toks, s)
			for i := s; i < e; i++ {
				if firstPerson(toks[i].Fold) && !match.Overlaps(quotes, toks[i].Start, toks[i].End) && isFirstPerson(b.Text, toks, i) {
					if !attributed(toks, [2]int{s, e}, quotes, -1) {
						n++
						if n >= limit {
							return n
						}
					}
					break
				}
			}
			s = e
		}
	}
	return n
}

// pronounIsFirstPerson checks the pronoun of a first-person match with
// isFirstPerson.
func pronounIsFirstPerson(text string, toks []match.Token, m match.Match) bool {
	for i := m.Start; i < m.End; i++ {
		if firstPerson(toks[i].Fold) {
			return isFirstPerson(text, toks, i)
		}
	}
	return false
}

func editorialDiagnostic(b *article.Block, start, end int, msg string) Diagnostic {
	s, e := b.SrcRange(start, end)
	return Diagnostic{Start: s, End: e, Message: msg}
}

// nextSentence returns the index of the token that starts the sentence
// after the one that starts at s, or len(toks).
func nextSentence(toks []match.Token, s int) int {
	for i := s + 1; i < len(toks); i++ {
		if toks[i].SentenceStart {
			return i
		}
	}
	return len(toks)
}

// clauseJoiners after a comma start a new clause: "..., and the minister
// clearly misjudged it".
var clauseJoiners = toSet("and but while although though yet whereas")

// clause returns the token range [lo, hi) of the clause of toks[s:e] (a
// sentence) that holds toks[at]: clauses end at a semicolon or colon, and
// at a comma followed by a joining word. An attribution in one clause
// ("Critics argue that ..., and the minister clearly misjudged the mood")
// does not cover the others.
func clause(toks []match.Token, s, e, at int) [2]int {
	isBreak := func(j int) bool {
		switch toks[j].Fold {
		case ";", ":":
			return true
		case ",":
			return j+1 < e && clauseJoiners[toks[j+1].Fold]
		}
		return false
	}
	lo, hi := at, at
	for lo > s && !isBreak(lo-1) {
		lo--
	}
	for hi < e && !isBreak(hi) {
		hi++
	}
	return [2]int{lo, hi}
}

// attributed reports whether the tokens toks[span[0]:span[1]] attribute
// what they say to a source: an attribution word ("said", "argued",
// "according to") outside quotations, other than toks[skip].
func attributed(toks []match.Token, span [2]int, quotes []match.Range, skip int) bool {
	for i := span[0]; i < span[1]; i++ {
		t := toks[i]
		if i == skip || t.Kind != match.Word || !attributionWords[t.Fold] || match.Overlaps(quotes, t.Start, t.End) {
			continue
		}
		switch {
		case t.Fold == "according" && (i+1 >= span[1] || toks[i+1].Fold != "to"):
			continue
		case t.Fold == "say" && i >= 2 && toks[i-2].Fold == "needless":
			continue
		}
		return true
	}
	return false
}

// isFirstPerson reports whether the pronoun at toks[i] is the writer's
// voice: not a title or name in capitals ("Shall We Dance?", "My Family",
// "World War I", "I Heart Huckabees"), not "US", not the newsroom's own
// staff ("our correspondent"), not a call to action ("contact us").
func isFirstPerson(text string, toks []match.Token, i int) bool {
	t := toks[i]
	w := t.Text(text)
	startsSent := startsSentence(toks, i)
	var prev, next *match.Token
	if i > 0 {
		prev = &toks[i-1]
	}
	if i+1 < len(toks) {
		next = &toks[i+1]
	}
	switch t.Fold {
	case "i", "i'm", "i've", "i'd", "i'll":
		if prev != nil && !startsSent && prev.IsCapitalized(text) {
			return false // World War I, Elizabeth I
		}
		if next != nil && next.IsCapitalized(text) && !next.SentenceStart {
			return false // a title or an initial: I Heart Huckabees, I Fullarton
		}
		if next != nil && !next.SpaceBefore && (next.Fold == "." || next.Fold == "-") {
			return false // an initial, World War I-era
		}
		return true
	}
	if t.IsUpper(text) && len(w) > 1 {
		return false // US, ME, WE in capitals
	}
	if t.IsCapitalized(text) && !startsSent {
		return false // a title: Shall We Dance?, My Summer of Love
	}
	switch t.Fold {
	case "let's":
		if next != nil && next.Fold == "know" {
			return false // "let's know": a call to action
		}
	case "our":
		for j := i + 1; j < len(toks) && j <= i+3 && toks[j].Kind == match.Word; j++ {
			if newsroomNouns[toks[j].Fold] {
				return false
			}
		}
	case "us":
		if prev != nil && (usVerbs[prev.Fold] || prev.Fold == "let" && next != nil && next.Fold == "know") {
			return false // "contact us", "let us know": a call to action
		}
	}
	return true
}

// startsSentence reports whether toks[i] begins a sentence, allowing for
// opening quotes and brackets before it.
func startsSentence(toks []match.Token, i int) bool {
	for i > 0 && !toks[i].SentenceStart {
		p := toks[i-1]
		if p.Kind != match.Punct || p.Fold != "\"" && p.Fold != "'" && p.Fold != "(" && p.Fold != "[" {
			return false
		}
		i--
	}
	return toks[i].SentenceStart
}

// adverbAsserts reports whether an opinion adverb comments on the
// statement: not after a degree word ("most obviously", "not clearly"), not
// in a compound ("clearly-defined"), and for "clearly" not where it means
// "in a clear way" (see clearlyAsserts).
func adverbAsserts(toks []match.Token, m match.Match) bool {
	i := m.Start
	if i > 0 && !startsSentence(toks, i) && degreeWords[toks[i-1].Fold] {
		return false
	}
	if m.End < len(toks) && toks[m.End].Fold == "-" && !toks[m.End].SpaceBefore {
		return false
	}
	if toks[i].Fold != "clearly" {
		return true
	}
	return clearlyAsserts(toks, i)
}

// clearlyAsserts tells "clearly" as a sentence adverb ("Clearly, the plan
// failed", "the minister clearly misjudged", "it is clearly wrong", "but,
// clearly, ...") from "clearly" as "in a clear way" ("spoke clearly",
// "clearly visible", "pictures clearly showed"): it asserts at the start of
// a sentence or between commas, and between two words when neither is a
// word it qualifies (clearVerbs).
func clearlyAsserts(toks []match.Token, i int) bool {
	var prev, next *match.Token
	if i > 0 {
		prev = &toks[i-1]
	}
	if i+1 < len(toks) && !toks[i+1].SentenceStart {
		next = &toks[i+1]
	}
	if next != nil && next.Kind == match.Word && clearVerbs[next.Fold] {
		return false
	}
	if startsSentence(toks, i) {
		return next != nil && (next.Kind == match.Word || next.Fold == ",")
	}
	if prev.Kind == match.Word && clearVerbs[prev.Fold] {
		return false
	}
	if next == nil || next.Kind != match.Word {
		// "spoke clearly." asserts nothing; ", clearly," does.
		return prev.Kind == match.Punct && prev.Fold == "," && next != nil && next.Fold == ","
	}
	return true
}
