package match_test

import (
	"fmt"

	"github.com/copydesk/copydesk/rules/match"
)

// A rule compiles its phrases once and matches every block's tokens in one
// pass.
func ExampleSet_Find() {
	set := match.MustCompile([]match.Entry{
		{Phrase: "in order to", Replacement: "to", Reason: "wordy"},
		{Phrase: "(at this/at that) point in time", Replacement: "now", Reason: "wordy"},
		{Phrase: "TK", Reason: "placeholder", Flags: match.CaseSensitive},
	})
	text := "At this point in time, the council met in order to vote on TK."
	toks := match.Tokenize(text, nil)
	for _, m := range set.Find(text, toks) {
		fmt.Printf("%d-%d %q: %s, use %q\n", m.TextStart, m.TextEnd, text[m.TextStart:m.TextEnd], m.Entry.Reason, m.Entry.Replacement)
	}
	// Output:
	// 0-21 "At this point in time": wordy, use "now"
	// 39-50 "in order to": wordy, use "to"
	// 59-61 "TK": placeholder, use ""
}

// Word lists are embedded text files, one phrase a line.
func ExampleParseList() {
	entries, err := match.ParseList("example", []byte(`
# phrase | replacement | reason | flags
utilize | use | plain words
I hope this helps | | chatbot closer | end
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, e := range entries {
		fmt.Printf("%q -> %q (%s) flags=%d\n", e.Phrase, e.Replacement, e.Reason, e.Flags)
	}
	// Output:
	// "utilize" -> "use" (plain words) flags=0
	// "I hope this helps" -> "" (chatbot closer) flags=4
}
