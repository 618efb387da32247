package article

import (
	"math/rand/v2"
	"strings"
	"testing"
)

func TestClassifyLineFirstByteFilter(t *testing.T) {
	// classifyLine as it was before its first-byte test.
	oracle := func(s string) Kind {
		if len(s) > 120 || strings.ContainsAny(s, "\n") {
			return Paragraph
		}
		if isDateline(s) {
			return Dateline
		}
		l := strings.ToLower(s)
		for _, p := range []string{"by ", "written by", "posted by", "reporting by", "words by"} {
			if strings.HasPrefix(l, p) || l == strings.TrimSpace(p) {
				if len(strings.Fields(s)) <= 10 && !strings.HasSuffix(s, ".") {
					return Byline
				}
			}
		}
		return Paragraph
	}
	pieces := []string{"By", "BY", "by", " ", "Written", "wrİtten", "Posted", "REPORTING", "Words", "by", "Jane Doe", ".", "İ", "K", "March 3, 2024", "12", "\n", "x"}
	r := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		var b strings.Builder
		for k := r.IntN(6); k >= 0; k-- {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		s := strings.TrimSpace(b.String())
		if got, want := classifyLine(s), oracle(s); got != want {
			t.Errorf("classifyLine(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestParseTextSharedBlockText(t *testing.T) {
	src := "Headline here\n\nOne line paragraph.\n\nFirst line\nsecond line &amp; more.\n\n  Indented line.  \n"
	doc, err := ParseFormat("a.txt", []byte(src), Text)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Headline here", "One line paragraph.", "First line second line &amp; more.", "Indented line."}
	if len(doc.Blocks) != len(want) {
		t.Fatalf("got %d blocks, want %d", len(doc.Blocks), len(want))
	}
	for i, b := range doc.Blocks {
		if b.Text != want[i] {
			t.Errorf("block %d text = %q, want %q", i, b.Text, want[i])
		}
		// Every byte of the text maps back to the same byte of the source,
		// but the space that stands for a line break.
		for j := 0; j < len(b.Text); j++ {
			s, e := b.SrcRange(j, j+1)
			if got := src[s:e]; got != b.Text[j:j+1] && (b.Text[j] != ' ' || got != "\n") {
				t.Errorf("block %d byte %d %q maps to %q", i, j, b.Text[j:j+1], got)
			}
		}
	}
}

func TestBlockSpansAreTheirOwn(t *testing.T) {
	for f, src := range map[Format]string{
		Text:     "Head\n\nOne.\n\nTwo.\n\nThree.\n",
		Markdown: "# Head\n\nOne.\n\nTwo.\n\nThree.\n",
		HTML:     "<h1>Head</h1><p>One.</p><p>Two.</p><p>Three.</p>",
	} {
		doc, err := ParseFormat("a", []byte(src), f)
		if err != nil {
			t.Fatal(err)
		}
		if len(doc.Blocks) < 3 {
			t.Fatalf("%v: %d blocks, want at least 3", f, len(doc.Blocks))
		}
		// Spans share one array between blocks: growing one block's must
		// leave the next block's alone.
		next := doc.Blocks[2].Spans[0]
		_ = append(doc.Blocks[1].Spans, Span{-1, -1, -1, -1})
		if doc.Blocks[2].Spans[0] != next {
			t.Errorf("%v: appending to block 1's spans changed block 2's", f)
		}
	}
}
