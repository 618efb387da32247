package article

import (
	"math/rand/v2"
	"strings"
	"testing"
)

func TestParseText(t *testing.T) {
	runParseCases(t, []parseCase{
		{
			name: "headline byline paragraphs",
			path: "a.txt",
			src:  "Storm hits “coast”\n\nBy Jane Doe\n\nThe storm — the worst in years —\nhit the café.\n",
			blocks: []blockWant{
				{Headline, 1, false, "Storm hits “coast”"},
				{Byline, 0, false, "By Jane Doe"},
				{Paragraph, 0, false, "The storm — the worst in years — hit the café."},
			},
			pos: []posWant{
				{0, "coast", "coast", 1, 13},
				{2, "years — hit", "years —\nhit", 5, 26},
				{2, "café", "café", 6, 9},
			},
		},
		{
			name: "CRLF BOM tabs",
			path: "a.txt",
			src:  "\xEF\xBB\xBFTitle\r\n\r\n\tFirst\tline\r\nsecond ’line’\r\n",
			blocks: []blockWant{
				{Headline, 1, false, "Title"},
				{Paragraph, 0, false, "First\tline second ’line’"},
			},
			pos: []posWant{
				{0, "Title", "Title", 1, 1},
				{1, "line second", "line\r\nsecond", 3, 8},
				{1, "’line’", "’line’", 4, 8},
			},
		},
		{
			name: "Windows-1252",
			path: "a.txt",
			src:  "Caf\xE9 news\n\nIt\x92s the caf\xE9\x92s day.\n",
			blocks: []blockWant{
				{Headline, 1, false, "Café news"},
				{Paragraph, 0, false, "It’s the café’s day."},
			},
			pos: []posWant{
				{0, "é", "\xE9", 1, 4},
				{1, "’s the", "\x92s the", 3, 3},
				{1, "café’s", "caf\xE9\x92s", 3, 10},
				{1, "day", "day", 3, 17},
			},
		},
		{
			name:     "comment lines",
			path:     "a.txt",
			src:      "Title\n<!-- copydesk-disable-next-line placeholder -- quoted -->\nText [source].\n",
			blocks:   []blockWant{{Headline, 1, false, "Title"}, {Paragraph, 0, false, "Text [source]."}},
			comments: []string{"copydesk-disable-next-line placeholder -- quoted"},
		},
		{
			name: "comment at the end of a line",
			path: "a.txt",
			src:  "Title\n\nText [source]. <!-- want \"placeholder\" -->\nmore <!-- a --> text\n",
			blocks: []blockWant{
				{Headline, 1, false, "Title"},
				{Paragraph, 0, false, "Text [source]. more <!-- a --> text"},
			},
			comments: []string{"want \"placeholder\""},
			pos:      []posWant{{1, "more", "more", 4, 1}},
		},
		{
			name: "datelines",
			path: "a.txt",
			src:  "Title\n\nMarch 3, 2024\n\nUpdated: Tue 5 Mar 2024 10.30 GMT\n\n2024-03-05\n\nMay I go?\n\nOn Monday 3 people came.\n",
			blocks: []blockWant{
				{Headline, 1, false, "Title"},
				{Dateline, 0, false, "March 3, 2024"},
				{Dateline, 0, false, "Updated: Tue 5 Mar 2024 10.30 GMT"},
				{Dateline, 0, false, "2024-03-05"},
				{Paragraph, 0, false, "May I go?"},
				{Paragraph, 0, false, "On Monday 3 people came."},
			},
		},
		{
			name: "YAML front matter",
			path: "a.txt",
			src:  "---\ntitle: Hello\nauthor: Jane\n---\nHeadline here\n\nBody.\n",
			blocks: []blockWant{
				{Headline, 1, false, "Headline here"},
				{Paragraph, 0, false, "Body."},
			},
			pos:  []posWant{{0, "here", "here", 5, 10}},
			meta: &FrontMatter{Title: "Hello", Author: "Jane", SrcEnd: 34},
		},
		{
			name: "a rule is not front matter",
			path: "a.txt",
			src:  "---\nJust a line.\n---\n",
			blocks: []blockWant{
				{Headline, 1, false, "---"},
				{Paragraph, 0, false, "Just a line. ---"},
			},
		},
	})
}

// TestLineWalkerAgreesWithLineAt checks that the lines parseText takes
// from the line index are the lines lineAt finds, for every kind of line
// end, with and without a byte-order mark.
func TestLineWalkerAgreesWithLineAt(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	pieces := []string{"a", "word ", "\n", "\r", "\r\n", "\n\n", "\r\r\n", "é", " ", "---"}
	for n := 0; n < 20000; n++ {
		var b strings.Builder
		bom := r.IntN(3) == 0
		if bom {
			b.WriteString("\xEF\xBB\xBF")
		}
		for k := r.IntN(12); k >= 0; k-- {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		src := []byte(b.String())
		content := src
		if bom {
			content = src[3:]
		}
		doc := &Document{Src: src, Lines: NewLineIndex(src, false)}
		w := newLineWalker(doc, content)
		if w.li == nil {
			t.Fatalf("%q: the walker does not use the line index", src)
		}
		// From the start, or from a line start (parseFrontMatter ends at one).
		pos := 0
		if skip := r.IntN(3); skip > 0 {
			for ; skip > 0 && pos < len(content); skip-- {
				_, pos = lineAt(content, pos)
			}
		}
		for pos < len(content) {
			got, gotNext := w.at(pos)
			want, wantNext := lineAt(content, pos)
			if string(got) != string(want) || gotNext != wantNext {
				t.Fatalf("%q at %d: walker gives %q, %d; lineAt %q, %d", src, pos, got, gotNext, want, wantNext)
			}
			pos = gotNext
		}
	}
}
