package rules

import (
	"fmt"

	"github.com/copydesk/copydesk/rules/article"
	"github.com/copydesk/copydesk/rules/match"
)

type vagueAttribution struct{}

func (vagueAttribution) Meta() Meta {
	return Meta{
		Name:     "vague-attribution",
		Category: Style,
		Severity: Suggestion,
		Default:  true,
		Summary:  "Claims put in no one's mouth: \"some say\", \"critics argue\", \"experts believe\", \"it is widely believed\", with no named source in the sentence",
		Doc: `A claim needs a source readers can weigh. "Critics argue", "some say",
"experts believe", "many people feel", "it is widely believed", "reports
suggest" and "studies show" put a claim in no one's mouth: the reader
cannot tell whether the critics are a party, a think-tank or the writer.

The rule flags such a phrase, outside direct quotations, when no source is
named for it. A source is named when, outside quotations, a proper name is
tied to the claim:

- in the same sentence, after "according to" ("according to the Institute
  for Fiscal Studies");
- right after the phrase, after a word that narrows the vague subject:
  "including", "such as", "like", "led by", "among", "at", "from", "of"
  ("critics argue, among them Labour, that ...", "experts believe,
  including those at Imperial College, that ..."); a subject narrowed
  before its verb ("experts at Imperial College believe", "critics,
  including Labour, say") is not a vague phrase at all;
- right before the vague subject ("Labour critics say", "City experts
  say");
- next to a speech verb, in the same sentence or the one before or after
  it, as news copy often states a claim and then names who makes it
  ("said Tom Reyes", "Ms Lopez told the BBC", "the IFS said", "Tom Reyes,
  the harbour master, said").

A proper name is a capitalised word that does not start its sentence and is
not a weekday, a month, a pronoun or a title on its own ("Mr", "Dr").
"It is thought" and "it is understood", the usual wording for sources a
newsroom knows but cannot name, are not flagged; "it is widely believed" is.
The rule is a suggestion: edited news copy uses "critics say" and "reports
say" often, and the editor decides whether readers need the name.

Name the critics, experts or reports, or cut the claim.`,
		Examples: []Example{
			{Text: "Critics argue that the money would be better spent elsewhere.", Fires: true},
			{Text: "It is widely believed that the minister will resign.", Fires: true},
			{Text: "Some say the barrier is too small.", Fires: true},
			{Text: "Experts believe the wall could fail within a decade.", Fires: true},
			{Text: "Critics argue the plan is too costly, according to the Institute for Fiscal Studies.", Fires: false},
			{Text: "Experts believe the wall could fail, said Professor Ann Hale of Leeds University.", Fires: false},
			{Text: "\"Some say we waited too long,\" the mayor said.", Fires: false},
			{Text: "It is thought the deal is worth £1bn.", Fires: false},
		},
	}
}

// sourceMarkers are followed by the name of a source: "according to the
// IFS", "critics, including Labour", "experts at Imperial College".
var sourceMarkers = toSet("to including include includes such like led among at from of by")

// speechVerbs sit next to a named source: "said Tom Reyes", "the IFS said".
var speechVerbs = toSet("said says told tells wrote writes added adds argued argues claimed claims warned warns " +
	"stated states insisted insists believes believed thinks suggested suggests noted notes explained explains " +
	"according reported reports found finds concluded concludes estimated estimates predicted predicts")

// notNames are capitalised words that name no source.
var notNames = toSet("i he she it they we you this that these those the a an some many most critics experts observers " +
	"analysts people reports studies there mr mrs ms dr prof professor sir lord lady monday tuesday wednesday thursday " +
	"friday saturday sunday january february march april may june july august september october november december " +
	"but and or so yet")

func (vagueAttribution) Check(doc *article.Document) []Diagnostic {
	var out []Diagnostic
	for sb := range styleBlocks(doc) {
		b, toks, quotes := sb.b, sb.toks, sb.quotes
		for _, m := range sb.phrases(vagueKind) {
			if match.Overlaps(quotes, m.TextStart, m.TextEnd) {
				continue
			}
			// "not many people think": no claim is put in anyone's mouth.
			if m.Start > 0 && toks[m.Start-1].Fold == "not" {
				continue
			}
			// A name right before the vague subject narrows it: "Labour
			// critics say", "City experts say", "Envisional reports said".
			if m.Start > 0 && nameWithin(b.Text, toks, max(sentenceStart(toks, m.Start), m.Start-2), m.Start, sentenceStart(toks, m.Start)) {
				continue
			}
			s := sentenceStart(toks, m.Start)
			e := nextSentence(toks, m.Start)
			if namesSource(b.Text, toks, s, e, m, quotes, true) {
				continue
			}
			// The sentence before or after, when it names a source with a
			// speech verb: the claim, then who makes it.
			if s > 0 {
				ps := sentenceStart(toks, s-1)
				if namesSource(b.Text, toks, ps, s, match.Match{Start: s, End: s}, quotes, false) {
					continue
				}
			}
			if e < len(toks) && namesSource(b.Text, toks, e, nextSentence(toks, e), match.Match{Start: e, End: e}, quotes, false) {
				continue
			}
			text := b.Text[m.TextStart:m.TextEnd]
			st, en := b.SrcRange(m.TextStart, m.TextEnd)
			out = append(out, Diagnostic{Start: st, End: en,
				Message: fmt.Sprintf("%q %s and the sentence names no source: say who", text, m.Entry.Reason)})
		}
	}
	return out
}

// sentenceStart returns the index of the first token of the sentence that
// holds toks[i].
func sentenceStart(toks []match.Token, i int) int {
	for i > 0 && !toks[i].SentenceStart {
		i--
	}
	return i
}

// namesSource reports whether the sentence toks[s:e] ties a proper name to
// the claim of match m (see the rule's doc). Words that narrow the vague
// subject ("critics including Labour") count only in the match's own
// sentence (near).
func namesSource(text string, toks []match.Token, s, e int, m match.Match, quotes []match.Range, near bool) bool {
	for i := s; i < e; i++ {
		t := toks[i]
		if t.Kind != match.Word || match.Overlaps(quotes, t.Start, t.End) {
			continue
		}
		switch {
		case t.Fold == "according":
			if i+1 < e && toks[i+1].Fold == "to" && nameWithin(text, toks, i+2, min(e, i+8), s) {
				return true
			}
		case near && sourceMarkers[t.Fold] && t.Fold != "to" && (i == m.End || i == m.End+1 && toks[m.End].Fold == ","):
			// A word that narrows the vague subject, right after it:
			// "critics argue, among them Labour, ...".
			if nameWithin(text, toks, i+1, min(e, i+5), s) {
				return true
			}
		case speechVerbs[t.Fold] && (i < m.Start || i >= m.End):
			// "said Tom Reyes", "the IFS said", "Tom Reyes, the harbour
			// master, said".
			if nameWithin(text, toks, i+1, min(e, i+4), s) || nameWithin(text, toks, max(s, i-8), i, s) {
				return true
			}
		}
	}
	return false
}

// nameWithin reports whether toks[lo:hi] holds a proper name: a
// capitalised word that does not start the sentence at s, and is not in
// notNames. A quotation mark or a sentence end stops the search.
func nameWithin(text string, toks []match.Token, lo, hi, s int) bool {
	for j := lo; j < hi; j++ {
		t := toks[j]
		if t.Kind == match.Punct && (t.Fold == "\"" || t.Fold == "." || t.Fold == "?" || t.Fold == "!") {
			return false
		}
		if t.Kind != match.Word || j == s || notNames[t.Fold] {
			continue
		}
		if t.IsCapitalized(text) || t.IsUpper(text) {
			return true
		}
	}
	return false
}
