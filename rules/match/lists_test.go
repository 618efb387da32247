package match

import (
	"strings"
	"testing"
)

// Every phrase of every embedded list is found in its own text: an entry
// that cannot match (a contraction split differently by the tokenizer, a
// stray flag) is dead weight that a list writer would not notice.
func TestListPhrasesMatchThemselves(t *testing.T) {
	for _, name := range ListNames() {
		entries := MustList(name)
		set := MustCompile(entries)
		for i := range entries {
			e := &entries[i]
			phrases, err := expand(e.Phrase)
			if err != nil {
				t.Fatalf("%s: %q: %v", name, e.Phrase, err)
			}
			for _, p := range phrases {
				p = strings.Join(strings.Fields(p), " ")
				if strings.Contains(p, "*") {
					continue
				}
				text := p
				if e.Flags&SentenceEnd != 0 {
					text += "."
				}
				found := false
				for _, m := range set.Find(text, Tokenize(text, nil)) {
					if m.Entry.Phrase == e.Phrase && m.TextStart == 0 {
						found = true
					}
				}
				if !found {
					t.Errorf("list %s: entry %q does not match its phrase %q", name, e.Phrase, p)
				}
			}
		}
	}
}
