package rules

import (
	"fmt"
	"strings"

	"github.com/copydesk/copydesk/rules/article"
	"github.com/copydesk/copydesk/rules/match"
)

type repeatedWord struct{}

func (repeatedWord) Meta() Meta {
	return Meta{
		Name:     "repeated-word",
		Category: Mechanics,
		Severity: Warning,
		Default:  true,
		Summary:  "A word typed twice in a row: \"the the\", \"in in\", also across a line break",
		Doc: `A word printed twice in a row ("the the council", "could could reject") is
the commonest slip that survives editing: the eye reads over it, and a
line break between the two copies hides it further. The rule compares each
word with the next one (ignoring case, but only when nothing but white space
lies between them) and offers to remove the second copy.

It leaves alone the repeats that English and news copy use on purpose:
"had had", "that that", "is is" ("what it is is"), "do do", a particle
followed by a preposition ("placed in in the past", "waiting for for
years"), intensifiers and interjections ("very very", "really really",
"far far away", "pretty pretty", "bye bye", "no no"), a word that ends a
hyphenated compound ("a business-present present"), three or more copies in a row (a
chant: "no no no"), and repeats where the second copy is capitalised,
which are names and titles ("Duran Duran", "Bora Bora", "Walla Walla",
"Soldier Soldier", "Boing Boing"). Words separated by punctuation ("New
York, New York") are not repeats. The rule looks inside quotations too: a
doubled word there is a transcription slip, not the speaker's.

Delete one copy.`,
		Examples: []Example{
			{Text: "Ofcom has said the the commercially funded broadcaster must change.", Fires: true},
			{Text: "The judge could could reject all of the evidence.", Fires: true},
			{Text: "The the council met on Monday.", Fires: true},
			{Text: "We had had offers to turn it into flats.", Fires: false},
			{Text: "He said that that decision was final.", Fires: false},
			{Text: "Duran Duran played Bora Bora before flying to Walla Walla.", Fires: false},
			{Text: "She was born in New York, New York, in 1970.", Fires: false},
			{Text: "The crowd chanted \"no no no\" until the end.", Fires: false},
			{Text: "It has been placed in in the past.", Fires: false},
		},
	}
}

// deliberateRepeats are words whose doubling is normal English: auxiliaries
// ("had had"), demonstratives ("that that"), particles followed by a
// preposition ("placed in in the past"), intensifiers and interjections.
var deliberateRepeats = toSet("had that is was do does did this " +
	"in on for up out off over down with through around along " +
	"no yes bye ha ho la very really so far many much long now there well oh go tut knock night " +
	"boo hip chop choo ooh yeah wait never bla blah yada tick tock ding dong woof quack " +
	"pretty sweet little teeny tiny wee big super way")

func (repeatedWord) Check(doc *article.Document) []Diagnostic {
	var out []Diagnostic
	eachBlockTokens(doc, func(b *article.Block, toks []match.Token) {
		// skip is decided on the first repeat, as most blocks have none:
		// German "die die" is right, and mayRepeatWord, the byte-level test
		// that used to filter every block, still rules out what it did.
		skip := -1
		for j := nextSameFold(toks, 0); j >= 0; j = nextSameFold(toks, j+1) {
			if !isRepeatedWord(b.Text, toks, j) {
				continue
			}
			if skip < 0 {
				skip = 0
				if !mayRepeatWord(b.Text) || foreignBlock(b.Text, toks) {
					skip = 1
				}
			}
			if skip == 1 {
				break
			}
			first, second := toks[j], toks[j+1]
			s, e := b.SrcRange(first.Start, second.End)
			fs, fe := b.SrcRange(first.End, second.End)
			w := first.Text(b.Text)
			out = append(out, Diagnostic{
				Start:   s,
				End:     e,
				Message: fmt.Sprintf("repeated word %q", w),
				Fixes:   []Fix{{Message: fmt.Sprintf("remove the second %q", w), Edits: []Edit{{Start: fs, End: fe}}}},
			})
			j++ // the second copy starts no repeat of its own
		}
	})
	return out
}

// nextSameFold returns the first j >= from at which toks[j] and toks[j+1]
// have the same Fold, or -1. Most neighbours differ, nearly all of them in
// length or first byte, which it tests first; a loop of its own keeps the
// scan of every token in registers, away from the rule's judgement.
func nextSameFold(toks []match.Token, from int) int {
	for j := from; j+1 < len(toks); j++ {
		if f, g := toks[j].Fold, toks[j+1].Fold; len(f) == len(g) && (f == "" || f[0] == g[0]) && f == g {
			return j
		}
	}
	return -1
}

// isRepeatedWord reports whether toks[j] and toks[j+1] are the same word
// typed twice by mistake.
func isRepeatedWord(text string, toks []match.Token, j int) bool {
	a, b := toks[j], toks[j+1]
	if a.Kind != match.Word || b.Kind != match.Word || !b.SpaceBefore || a.Fold != b.Fold {
		return false
	}
	if !hasLetter(a.Fold) || len(a.Fold) < 2 && a.Fold != "a" {
		return false
	}
	if deliberateRepeats[a.Fold] || oneLetterRepeated(a.Fold) {
		return false
	}
	// A capitalised second copy is a name or title: "Duran Duran".
	if b.IsCapitalized(text) {
		return false
	}
	// "Sha la" and the like: a capital only where a sentence starts.
	if a.IsCapitalized(text) && !a.SentenceStart {
		return false
	}
	// "a business-present present": the first copy ends a compound.
	if j > 0 && !a.SpaceBefore && toks[j-1].Fold == "-" {
		return false
	}
	// Three or more in a row is a chant or a song title.
	if j > 0 && sameWordBefore(toks, j) || j+2 < len(toks) && sameWordBefore(toks, j+2) {
		return false
	}
	return true
}

// mayRepeatWord is a fast filter before tokenizing: some word (a run of
// letters) is followed, after white space only, by the same letters in any
// case. It may say yes too often, never too rarely.
func mayRepeatWord(text string) bool {
	prevStart, prevEnd := -1, -1
	for i := 0; i < len(text); {
		if !isWordStartByte(text[i]) {
			i++
			continue
		}
		j := i
		for j < len(text) && isWordStartByte(text[j]) {
			j++
		}
		if prevEnd >= 0 && j-i == prevEnd-prevStart && onlySpace(text[prevEnd:i]) && strings.EqualFold(text[i:j], text[prevStart:prevEnd]) {
			return true
		}
		prevStart, prevEnd = i, j
		i = j
	}
	return false
}

// isWordStartByte: letters, digits, apostrophes and any byte of a
// non-ASCII character.
func isWordStartByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '\'' || c >= 0x80
}

func onlySpace(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] != ' ' && s[i] != '\n' && s[i] != '\t' && s[i] != '\r' {
			return false
		}
	}
	return true
}

// sameWordBefore reports whether toks[k] repeats toks[k-1] with only
// white space between.
func sameWordBefore(toks []match.Token, k int) bool {
	return toks[k].Kind == match.Word && toks[k-1].Kind == match.Word && toks[k].SpaceBefore && toks[k].Fold == toks[k-1].Fold
}

// oneLetterRepeated reports whether w is one letter typed over and over:
// "yyyy yyyy" in a date format, "zzz zzz".
func oneLetterRepeated(w string) bool {
	return len(w) > 1 && strings.Count(w, w[:1]) == len(w)
}

func hasLetter(s string) bool {
	for _, r := range s {
		if r >= 'a' && r <= 'z' || r > 0x7f {
			return true
		}
	}
	return false
}
