package rules

import "github.com/copydesk/copydesk/rules/match"

// phraseSets are the compiled phrase sets of the built-in rules, by name,
// and phraseSetOf names the one each rule's Check uses.
var (
	phraseSets = map[string]func() *match.Set{
		"chatbot":     chatbotPhrases,
		"placeholder": placeholderLabels,
		"style":       stylePhrases,
	}
	phraseSetOf = map[string]string{
		"chatbot-leftover":  "chatbot",
		"placeholder":       "placeholder",
		"awkward-phrase":    "style",
		"editorializing":    "style",
		"vague-attribution": "style",
		"long-sentence":     "style",
	}
)

// Warm starts building the compiled phrase sets of the named rules on
// goroutines of their own, so that a one-story check overlaps that one-time
// work with reading and parsing instead of paying for it on the first
// document's path. Sets that no named rule uses are not built: a run with a
// few rules switched on spends no start-up on the others' lists. A rule
// that needs a set before it is ready waits for it; calling Warm more than
// once costs nothing.
func Warm(names ...string) {
	started := map[string]bool{}
	for _, name := range names {
		if set, ok := phraseSetOf[name]; ok && !started[set] {
			started[set] = true
			go phraseSets[set]()
		}
	}
}
