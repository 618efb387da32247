package rules

import (
	"fmt"

	"github.com/copydesk/copydesk/rules/article"
	"github.com/copydesk/copydesk/rules/match"
)

// defaultMaxWords is long-sentence's limit when no option sets one.
const defaultMaxWords = 45

type longSentence struct {
	maxWords int // 0: defaultMaxWords
}

// longSentenceOptions are the options of long-sentence.
type longSentenceOptions struct {
	MaxWords int `yaml:"max_words"`
}

func (r *longSentence) Meta() Meta {
	return Meta{
		Name:     "long-sentence",
		Category: Style,
		Severity: Suggestion,
		Default:  false,
		Summary:  "Sentences longer than a set number of words (45 by default)",
		Doc: `A sentence that runs past 45 words asks readers to hold too much at once;
news copy averages well under half that. The rule counts the words of each
sentence of running copy (paragraphs, list items, table cells and
captions) and flags those over the limit, from their first word to their
last.

Words inside direct quotations are not counted: a reporter cannot shorten
what a source said, though the attribution around it can be split off.
Headlines, headings, bylines and block quotations are not checked.
Sentences end at ".", "!", "?" or "…" before a capital, a digit or an
opening quote (not after "Mr." or an initial), and at a line break.

The rule is off by default. Turn it on and set the limit in the
configuration:

    rules:
      long-sentence:
        enabled: true
        options:
          max_words: 35

Split the sentence where its clauses join, or move detail into a sentence
of its own.`,
		Examples: []Example{
			{Text: "Barrier approved\n\nThe council, which had argued for three years with the harbour board, the environment agency, two neighbouring councils and a group of residents over who should pay for the barrier, how high it should be, where the walkway should run and whether the old sea wall should stay, voted on Tuesday night to build it.", Fires: true},
			{Text: "Barrier approved\n\nThe council voted on Tuesday night to build the barrier. It had argued about the cost for three years.", Fires: false},
			{Text: "Barrier approved\n\n\"We argued with the harbour board, the environment agency, two neighbouring councils and a group of residents over who should pay for the barrier, how high it should be, where the walkway should run and whether the old sea wall should stay,\" she said.", Fires: false},
		},
		Options: map[string]string{
			"max_words": fmt.Sprintf("the most words a sentence may have, outside quotations (default %d)", defaultMaxWords),
		},
	}
}

// Configure reads the max_words option.
func (r *longSentence) Configure(decode func(into any) error) error {
	o := longSentenceOptions{MaxWords: r.limit()}
	if err := decode(&o); err != nil {
		return err
	}
	if o.MaxWords < 1 {
		return fmt.Errorf("max_words must be at least 1, got %d", o.MaxWords)
	}
	r.maxWords = o.MaxWords
	return nil
}

func (r *longSentence) limit() int {
	if r.maxWords > 0 {
		return r.maxWords
	}
	return defaultMaxWords
}

func (r *longSentence) Check(doc *article.Document) []Diagnostic {
	limit := r.limit()
	var out []Diagnostic
	for sb := range styleBlocks(doc) {
		b, toks, quotes := sb.b, sb.toks, sb.quotes
		switch b.Kind {
		case article.Headline, article.Heading:
			continue
		}
		for s := 0; s < len(toks); {
			e := nextSentence(toks, s)
			words := 0
			for i := s; i < e; i++ {
				if toks[i].Kind == match.Word && !match.Overlaps(quotes, toks[i].Start, toks[i].End) {
					words++
				}
			}
			if words > limit {
				st, en := b.SrcRange(toks[s].Start, toks[e-1].End)
				out = append(out, Diagnostic{Start: st, End: en,
					Message: fmt.Sprintf("sentence of %d words, more than %d: split it", words, limit)})
			}
			s = e
		}
	}
	return out
}
