package rules

import (
	"fmt"
	"strconv"

	"github.com/copydesk/copydesk/rules/article"
	"github.com/copydesk/copydesk/rules/match"
)

type awkwardPhrase struct{}

func (awkwardPhrase) Meta() Meta {
	return Meta{
		Name:     "awkward-phrase",
		Category: Style,
		Severity: Warning,
		Default:  true,
		Summary:  "Phrasing that marks careless, padded or machine-rewritten copy: generated-text filler, misused idioms, redundant pairs",
		Doc: `A list the copydesk team wrote of phrases an editor changes on sight, in
three groups:

- filler typical of generated or machine-rewritten text ("it is important to
  note that", "plays a pivotal role", "stands as a testament", "a rich
  tapestry", "delve into", "navigate the complexities", "in today's
  fast-paced world", "in conclusion,"): a warning, since published copy
  that reads like a chatbot's loses readers' trust;
- misused idioms and eggcorns ("free reign", "tow the line", "for all
  intensive purposes", "could care less", "In real time," as a sentence
  adverb for "now"): a warning, with the correct idiom as a fix;
- redundant or self-contradictory pairs ("past history", "future plans",
  "added bonus", "end result", "unexpected surprise", "completely
  destroyed", "close proximity", "new and ongoing"): a suggestion, with the
  shorter form as a fix where there is one.

Each finding says why the phrase is flagged and what to write instead. The
rule reads headlines, headings, paragraphs, list items and captions, but
stays quiet inside direct quotations, block quotations and bylines: a
reporter must not rewrite what a source said. Phrases are matched on words,
ignoring case, so "End result" and "end result" are the same; "PIN number"
and "ATM machine" match only in capitals.

The lists are in rules/match/lists/awkward-*.txt.`,
		Examples: []Example{
			{Text: "It is important to note that the council has not yet voted.", Fires: true},
			{Text: "The new barrier plays a pivotal role in the town's defences.", Fires: true},
			{Text: "The end result was a 3-1 win.", Fires: true},
			{Text: "The harbour wall was completely destroyed in the storm.", Fires: true},
			{Text: "The mayor was given free reign over the budget.", Fires: true},
			{Text: "The result was a 3-1 win.", Fires: false},
			{Text: "\"It is important to note that we have not voted,\" the mayor said.", Fires: false},
			{Text: "The firm's history goes back to 1890, and its plans are ambitious.", Fires: false},
			{Text: "Enter your PIN at the machine.", Fires: false},
		},
	}
}

// awkwardGroups are the lists of the rule, each with its severity.
var awkwardGroups = []struct {
	list     string
	severity Severity
}{
	{"awkward-filler", Warning},
	{"awkward-idioms", Warning},
	{"awkward-redundant", Suggestion},
}

// awkwardEntries are the entries of every group; an entry's ID is
// awkwardKind and its group's index in awkwardGroups.
func awkwardEntries() []match.Entry {
	var all []match.Entry
	for g, grp := range awkwardGroups {
		for _, e := range match.MustList(grp.list) {
			e.ID = string(awkwardKind) + strconv.Itoa(g)
			// "PIN number", "ATM machine": only the capitalised acronym.
			if e.Phrase == "PIN number" || e.Phrase == "ATM machine" {
				e.Flags |= match.CaseSensitive
			}
			all = append(all, e)
		}
	}
	return all
}

func (awkwardPhrase) Check(doc *article.Document) []Diagnostic {
	var out []Diagnostic
	for sb := range styleBlocks(doc) {
		for _, m := range sb.phrases(awkwardKind) {
			if match.Overlaps(sb.quotes, m.TextStart, m.TextEnd) {
				continue
			}
			out = append(out, awkwardDiagnostic(sb.b, m))
		}
	}
	return out
}

func awkwardDiagnostic(b *article.Block, m match.Match) Diagnostic {
	e := m.Entry
	// A phrase that ends in punctuation ("In conclusion,") is reported
	// without it.
	end := m.TextEnd
	for end > m.TextStart && isPunctByte(b.Text[end-1]) {
		end--
	}
	text := b.Text[m.TextStart:end]
	msg := fmt.Sprintf("%q %s", text, e.Reason)
	s, en := b.SrcRange(m.TextStart, end)
	d := Diagnostic{Start: s, End: en}
	if e.Replacement != "" {
		repl := matchCase(e.Replacement, text)
		msg += fmt.Sprintf("; write %q", repl)
		d.Fixes = []Fix{{Message: fmt.Sprintf("replace with %q", repl), Edits: []Edit{{Start: s, End: en, New: repl}}}}
	}
	d.Message = msg
	g, _ := strconv.Atoi(e.ID[1:])
	d.Severity = awkwardGroups[g].severity
	return d
}

func isPunctByte(c byte) bool { return c == ',' || c == '.' || c == ';' || c == ':' }
