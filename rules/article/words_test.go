package article

import (
	"testing"
	"unicode"
)

// wordsReference is the plain definition Words implements faster: a word is
// a run of non-space characters with a letter or digit in it.
func wordsReference(d *Document) int {
	n := 0
	for i := range d.Blocks {
		counted := false
		for _, r := range d.Blocks[i].Text {
			if unicode.IsSpace(r) {
				counted = false
				continue
			}
			if !counted && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
				n++
				counted = true
			}
		}
	}
	return n
}

func TestWordsMatchesDefinition(t *testing.T) {
	texts := []string{
		"", "one", "two words", "  lead and trail  ", "e-mail, U.S. and 3.5%", "-- ... !!", "a-- --b",
		"naïve café — déjà vu", "tab\tand\nnewline", "nbsp\u00a0split", "emoji 🎉 party", "\xff\xfe bad bytes x",
		"中文 words", "(quoted) [x] {y}",
	}
	for _, text := range texts {
		d := &Document{Blocks: []Block{{Text: text}, {Text: text + " tail"}}}
		if got, want := d.Words(), wordsReference(d); got != want {
			t.Errorf("Words(%q) = %d, want %d", text, got, want)
		}
	}
}
