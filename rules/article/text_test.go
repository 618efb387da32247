package article

import "testing"

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
