package match

import (
	"fmt"
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

// expand turns the alternatives of a phrase into the whole phrases they
// stand for: the test oracle for Compile, which walks the alternatives into
// the trie without expanding them.
func expand(p string) ([]string, error) {
	open := strings.IndexByte(p, '(')
	if open < 0 {
		if strings.ContainsAny(p, ")") {
			return nil, fmt.Errorf("unbalanced \")\"")
		}
		return []string{p}, nil
	}
	closing := strings.IndexByte(p[open:], ')')
	if closing < 0 {
		return nil, fmt.Errorf("unbalanced \"(\"")
	}
	closing += open
	if strings.IndexByte(p[open+1:closing], '(') >= 0 {
		return nil, fmt.Errorf("nested \"(\"")
	}
	rest, err := expand(p[closing+1:])
	if err != nil {
		return nil, err
	}
	var out []string
	for _, alt := range strings.Split(p[open+1:closing], "/") {
		for _, r := range rest {
			out = append(out, p[:open]+" "+strings.TrimSpace(alt)+" "+r)
		}
	}
	return out, nil
}

// phraseSegments refuses every phrase expand refuses, and also a stray ")"
// before a group, which expand lets through.
func TestSegmentsRefuseMalformedPhrases(t *testing.T) {
	for _, p := range []string{"a (b/c) d", "(a/) b", "a) b", "a (b", "a (b (c)) d", "plain words", "(x/y) (z/)"} {
		_, errE := expand(p)
		_, errS := phraseSegments(p)
		if (errE == nil) != (errS == nil) {
			t.Errorf("%q: expand error %v, phraseSegments error %v", p, errE, errS)
		}
	}
	if _, err := phraseSegments(") a (b)"); err == nil {
		t.Error(`phraseSegments accepts ") a (b)"`)
	}
}
