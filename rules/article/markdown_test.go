package article

import "testing"

func TestParseMarkdown(t *testing.T) {
	const o = string(Opaque)
	runParseCases(t, []parseCase{
		{
			name: "inline markup",
			path: "a.md",
			src:  "# Head “one”\n\nSome *emph* and **strong** with a [link text](http://x.com) and `code` here.\n",
			blocks: []blockWant{
				{Headline, 1, false, "Head “one”"},
				{Paragraph, 0, false, "Some emph and strong with a link text and " + o + " here."},
			},
			pos: []posWant{
				{0, "one", "one", 1, 9},
				{1, "emph", "emph", 3, 7},
				{1, "link text", "link text", 3, 36},
				{1, o, "`code`", 3, 65},
				{1, "emph and strong", "emph* and **strong", 3, 7},
			},
			meta: &FrontMatter{Title: "Head “one”"},
		},
		{
			name:   "entities and escapes",
			path:   "a.md",
			src:    "Tom &amp; Jerry&#8217;s \\*star\\* &copy; 2024 &bogus; &#x2014;\n",
			blocks: []blockWant{{Paragraph, 0, false, "Tom & Jerry’s *star* © 2024 &bogus; —"}},
			pos: []posWant{
				{0, "&", "&amp;", 1, 5},
				{0, "’", "&#8217;", 1, 16},
				{0, "*star*", "\\*star\\*", 1, 25},
				{0, "©", "&copy;", 1, 34},
				{0, "&bogus;", "&bogus;", 1, 46},
				{0, "—", "&#x2014;", 1, 54},
			},
		},
		{
			name:   "soft and hard breaks with CRLF",
			path:   "a.md",
			src:    "One line\r\nnext line  \r\nhard\\\r\nend\r\n",
			blocks: []blockWant{{Paragraph, 0, false, "One line next line\nhard\nend"}},
			pos: []posWant{
				{0, "line next", "line\r\nnext", 1, 5},
				{0, "line\nhard", "line  \r\nhard", 2, 6},
				{0, "end", "end", 4, 1},
			},
		},
		{
			name: "lists",
			path: "a.md",
			src:  "- one\n- two\n  - nested\n\n  para two\n\n1. first\n",
			blocks: []blockWant{
				{ListItem, 1, false, "one"},
				{ListItem, 1, false, "two"},
				{ListItem, 2, false, "nested"},
				{ListItem, 1, false, "para two"},
				{ListItem, 1, false, "first"},
			},
			pos: []posWant{{2, "nested", "nested", 3, 5}, {3, "para", "para", 5, 3}},
		},
		{
			name: "block quotes",
			path: "a.md",
			src:  "> quoted *text*\n> more\n>\n> - item\n\nAfter.\n",
			blocks: []blockWant{
				{Quote, 0, true, "quoted text more"},
				{ListItem, 1, true, "item"},
				{Paragraph, 0, false, "After."},
			},
			pos: []posWant{
				{0, "text more", "text*\n> more", 1, 11},
				{1, "item", "item", 4, 5},
			},
		},
		{
			name: "tables",
			path: "a.md",
			src:  "| a | b |\n|---|---|\n| c \\| d | `x` |\n",
			blocks: []blockWant{
				{TableCell, 0, false, "a"},
				{TableCell, 0, false, "b"},
				{TableCell, 0, false, "c | d"},
				{TableCell, 0, false, o},
			},
			pos: []posWant{{2, "|", "\\|", 3, 5}, {3, o, "`x`", 3, 12}},
		},
		{
			name: "YAML front matter",
			path: "a.md",
			src: "---\ntitle: \"Quoted: title\"\nauthors: [Jane Doe, John]\ncategories:\n  - World\n" +
				"date: 2024-03-05\nkind: opinion # a column\n---\n## Starts with h2\n\n# Real h1\n",
			blocks: []blockWant{
				{Headline, 2, false, "Starts with h2"},
				{Heading, 1, false, "Real h1"},
			},
			pos: []posWant{{0, "Starts", "Starts", 9, 4}, {1, "Real", "Real", 11, 3}},
			meta: &FrontMatter{Title: "Quoted: title", Author: "Jane Doe", Section: "World", Date: "2024-03-05",
				Type: "opinion", SrcEnd: 121, Fields: map[string]string{"date": "2024-03-05", "kind": "opinion"}},
		},
		{
			name: "TOML front matter",
			path: "a.md",
			src: "+++\ntitle = \"T \\\"q\\\"\"\nAuthor = 'A'\ntags = [\"x\",\n  \"y\"]\nsection = \"News\" # c\n" +
				"[extra]\ntype = \"no\"\n+++\nText.\n",
			blocks: []blockWant{{Paragraph, 0, false, "Text."}},
			pos:    []posWant{{0, "Text", "Text", 10, 1}},
			meta: &FrontMatter{Title: "T \"q\"", Author: "A", Section: "News", SrcEnd: 100,
				Fields: map[string]string{"author": "A"}},
		},
		{
			name: "comments as blocks and inline",
			path: "a.md",
			src: "<!-- copydesk-disable-next-line placeholder -- reason -->\nText with [source]. <!-- want \"placeholder\" -->\n\n" +
				"<!--\nmulti\n-->\n\n> <!-- in quote -->\n> Quoted.\n",
			blocks: []blockWant{
				{Paragraph, 0, false, "Text with [source]."},
				{Quote, 0, true, "Quoted."},
			},
			comments: []string{"copydesk-disable-next-line placeholder -- reason", "want \"placeholder\"", "multi", "in quote"},
			pos:      []posWant{{0, "[source]", "[source]", 2, 11}},
		},
		{
			name:   "images autolinks and raw HTML",
			path:   "a.md",
			src:    "An ![alt *x*](a.png \"t (1)\") and <https://a.b/c> and <b>bold</b>.\n",
			blocks: []blockWant{{Paragraph, 0, false, "An " + o + " and https://a.b/c and " + o + "bold" + o + "."}},
			pos: []posWant{
				{0, o, "![alt *x*](a.png \"t (1)\")", 1, 4},
				{0, "https", "https", 1, 35},
				{0, o + "bold", "<b>bold", 1, 54},
			},
		},
		{
			name:   "code blocks are not prose",
			path:   "a.md",
			src:    "Para.\n\n```go\ncode here\n```\n\n    indented code\n\nEnd.\n",
			blocks: []blockWant{{Paragraph, 0, false, "Para."}, {Paragraph, 0, false, "End."}},
		},
		{
			name: "HTML blocks keep their prose",
			path: "a.md",
			src:  "<div class=\"note\">\n<p>Inside &amp; out</p>\n</div>\n\nAfter.\n",
			blocks: []blockWant{
				{Paragraph, 0, false, "Inside & out"},
				{Paragraph, 0, false, "After."},
			},
			pos: []posWant{{0, "&", "&amp;", 2, 11}, {0, "out", "out", 2, 17}},
		},
		{
			name: "one-line HTML blocks in lists and quotes",
			path: "a.md",
			src:  "- <div>In a list</div>\n\n> <p>In a quote</p>\n",
			blocks: []blockWant{
				{ListItem, 1, false, "In a list"},
				{Quote, 0, true, "In a quote"},
			},
			pos: []posWant{{0, "list", "list", 1, 13}, {1, "quote", "quote", 3, 11}},
		},
		{
			name: "Windows-1252",
			path: "a.md",
			src:  "# Caf\xE9\n\nIt\x92s *here*.\n",
			blocks: []blockWant{
				{Headline, 1, false, "Café"},
				{Paragraph, 0, false, "It’s here."},
			},
			pos: []posWant{{1, "’", "\x92", 3, 3}, {1, "here", "here", 3, 7}},
		},
		{
			name:   "BOM",
			path:   "a.md",
			src:    "\xEF\xBB\xBF# Title\n\nBy Jane Doe\n",
			blocks: []blockWant{{Headline, 1, false, "Title"}, {Byline, 0, false, "By Jane Doe"}},
			pos:    []posWant{{0, "Title", "Title", 1, 3}},
		},
		{
			name: "setext headings and first h1",
			path: "a.md",
			src:  "Intro para.\n\nTitle\n=====\n\nSub\n---\n",
			blocks: []blockWant{
				{Paragraph, 0, false, "Intro para."},
				{Headline, 1, false, "Title"},
				{Heading, 2, false, "Sub"},
			},
		},
	})
}
