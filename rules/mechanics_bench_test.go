package rules

import (
	"strings"
	"testing"

	"github.com/copydesk/copydesk/rules/article"
)

// benchStory is a team-written article of about 1,000 words with a few
// mechanical slips in it, for the per-rule benchmarks.
func benchStory() []byte {
	paras := []string{
		`Councillors in Eastmouth voted on Tuesday night to build a £40m tidal barrier across the harbour mouth, ending a dispute that has run since the floods of 2019. The decision, taken after a four-hour debate, was welcomed by residents of the low-lying streets near the quay.`,
		`"We have waited long enough," said harbour master Tom Reyes. "Every winter we fill sandbags and hope. This year, for the first time, we can plan for something better."`,
		`The barrier, which will be built by a consortium of local contractors, is expected to protect about 3,000 homes from storm surges. Work will start in the spring (weather permitting) and take 18 months, according to the council's own timetable.`,
		`Critics said the money would be better spent elsewhere. An opposition councillor, Jane Holt, said the the plan had been rushed and that an honest look at the figures showed a 12% overspend was likely. She asked for an independent review by an MBA-qualified auditor.`,
		`The first phase is due to finish on Friday, March 8, 2024, with a public consultation on the design of the walkway. A second phase, covering the eastern breakwater, will follow in 2025 if the government grant is confirmed.`,
		`Local businesses were divided. The owner of a café on the quay said trade had fallen by a third since the last flood,while a fishing co-operative warned that the barrier's gates must open fast enough for boats to leave on the tide.`,
		`An engineer who worked on a similar scheme in the Netherlands said the design was sound. "It is a well-proven approach, and the modelling is careful," she said, adding that maintenance costs, about £400,000 a year, had been set aside.`,
	}
	var b strings.Builder
	b.WriteString("Harbour council approves flood barrier after years of delay\n\n")
	for b.Len() < 6200 {
		for _, p := range paras {
			b.WriteString(p)
			b.WriteString("\n\n")
		}
	}
	return []byte(b.String())
}

func mechanicsRules() []Rule {
	return []Rule{aAn{}, dateWeekday{}, invisibleChar{}, repeatedWord{}, spacing{}, unbalancedQuotes{}}
}

// BenchmarkMechanics checks one ~1,000-word article with each mechanics
// rule.
func BenchmarkMechanics(b *testing.B) {
	src := benchStory()
	doc, err := article.ParseFormat("story.txt", src, article.Text)
	if err != nil {
		b.Fatal(err)
	}
	if n := doc.Words(); n < 900 || n > 1300 {
		b.Fatalf("bench article has %d words, want about 1,000", n)
	}
	for _, r := range mechanicsRules() {
		b.Run(r.Meta().Name, func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				r.Check(doc)
			}
		})
	}
}

// BenchmarkMechanicsBBC runs all mechanics rules over the parsed BBC
// corpus (parsing not timed).
func BenchmarkMechanicsBBC(b *testing.B) {
	docs, size := parsedBBC(b)
	rs := mechanicsRules()
	b.SetBytes(int64(size))
	for b.Loop() {
		for _, d := range docs {
			for _, r := range rs {
				r.Check(d)
			}
		}
	}
}
