package article

import (
	"strings"
	"testing"
	"time"
)

func TestParseHTML(t *testing.T) {
	const o = string(Opaque)
	runParseCases(t, []parseCase{
		{
			name:   "entities and white space",
			path:   "a.html",
			src:    "<p>Caf&eacute; &amp; bar&#8217;s&nbsp;menu   has\n\t <b>bold <i>nested</i></b> words</p>",
			blocks: []blockWant{{Paragraph, 0, false, "Café & bar’s\u00a0menu has bold nested words"}},
			pos: []posWant{
				{0, "é", "&eacute;", 1, 7},
				{0, "&", "&amp;", 1, 16},
				{0, "’", "&#8217;", 1, 25},
				{0, "\u00a0", "&nbsp;", 1, 33},
				{0, "menu has", "menu   has", 1, 39},
				{0, "has bold", "has\n\t <b>bold", 1, 46},
				{0, "nested", "nested", 2, 14},
			},
		},
		{
			name:   "line breaks and inline code",
			path:   "a.html",
			src:    "<p>One<br>two<br/>\n three <code>x = 1</code> end</p>",
			blocks: []blockWant{{Paragraph, 0, false, "One\ntwo\nthree " + o + " end"}},
			pos: []posWant{
				{0, "\n", "<br>", 1, 7},
				{0, "two", "two", 1, 11},
				{0, o, "<code>x = 1</code>", 2, 8},
			},
		},
		{
			name: "head, meta, scripts and hidden content",
			path: "a.html",
			src: `<html><head><title>Page &amp; Title | Site</title>
<meta property="og:title" content="Page &amp; Title">
<meta name="author" content="Jane Doe"><meta property="article:section" content="World">
<meta property="article:published_time" content="2024-03-05T10:00:00Z">
<meta name="description" content="A summary.">
<style>p { color: red }</style><script>document.write("<p>no</p>")</script>
</head><body>
<noscript>Enable JavaScript</noscript><template><p>tmpl</p></template>
<h1>Page &amp; Title</h1>
<div hidden><p>hidden</p></div><div style="display: none">gone</div>
<p>Body text.</p><svg><title>Share icon</title></svg><pre>code block</pre>
</body></html>`,
			blocks: []blockWant{
				{Headline, 1, false, "Page & Title"},
				{Paragraph, 0, false, "Body text."},
			},
			pos: []posWant{{0, "Title", "Title", 9, 16}, {1, "Body", "Body", 11, 4}},
			meta: &FrontMatter{Title: "Page & Title", Author: "Jane Doe", Section: "World", Date: "2024-03-05T10:00:00Z",
				Fields: map[string]string{"description": "A summary.", "title": "Page & Title | Site"}},
		},
		{
			name: "kinds",
			path: "a.html",
			src: `<article><h2>Kicker</h2><h1>The headline</h1>
<div class="article-byline">By <a rel="author" href="/j">Jane Doe</a></div>
<p>Lead <span class="byline">not a byline block</span> paragraph that is long enough.</p>
<blockquote><p>Quoted words.</p>Bare quote</blockquote>
<ul><li>One<li>Two<ol><li>Inner</ol></ul>
<figure><img src="x.jpg" alt="Jane Doe avatar"><figcaption>A caption</figcaption></figure>
<table><tr><th>Head<td>Cell</table>
<p class="wp-caption-text">Photo: Someone</p>
<h3>Sub</h3></article>`,
			blocks: []blockWant{
				{Heading, 2, false, "Kicker"},
				{Headline, 1, false, "The headline"},
				{Byline, 0, false, "By Jane Doe"},
				{Byline, 0, false, "Lead not a byline block paragraph that is long enough."},
				{Quote, 0, true, "Quoted words."},
				{Quote, 0, true, "Bare quote"},
				{ListItem, 1, false, "One"},
				{ListItem, 1, false, "Two"},
				{ListItem, 2, false, "Inner"},
				{Caption, 0, false, "A caption"},
				{TableCell, 0, false, "Head"},
				{TableCell, 0, false, "Cell"},
				{Caption, 0, false, "Photo: Someone"},
				{Heading, 3, false, "Sub"},
			},
		},
		{
			name:     "comments",
			path:     "a.html",
			src:      "<p>Text [source]. <!-- want \"placeholder\" --></p>\n<!-- copydesk-disable-file style -->",
			blocks:   []blockWant{{Paragraph, 0, false, "Text [source]."}},
			comments: []string{"want \"placeholder\"", "copydesk-disable-file style"},
		},
		{
			name:   "Windows-1252",
			path:   "a.html",
			src:    "<p>It\x92s the caf\xE9 &amp; more</p>",
			blocks: []blockWant{{Paragraph, 0, false, "It’s the café & more"}},
			pos:    []posWant{{0, "’", "\x92", 1, 6}, {0, "café", "caf\xE9", 1, 13}, {0, "&", "&amp;", 1, 18}},
		},
		{
			name:   "CRLF and BOM",
			path:   "a.html",
			src:    "\xEF\xBB\xBF<h1>T\u00edtulo</h1>\r\n<p>one\r\ntwo</p>\r\n",
			blocks: []blockWant{{Headline, 1, false, "T\u00edtulo"}, {Paragraph, 0, false, "one two"}},
			pos:    []posWant{{0, "\u00edtulo", "\u00edtulo", 1, 6}, {1, "one two", "one\r\ntwo", 2, 4}},
		},
		{
			name: "mis-nested and unclosed tags",
			path: "a.html",
			src:  "<div><p>One <b>bold<p>Two</b> three</div><li>Four</span></li><blockquote><p>Q</div></blockquote><p>After",
			blocks: []blockWant{
				{Paragraph, 0, false, "One bold"},
				{Paragraph, 0, false, "Two three"},
				{ListItem, 1, false, "Four"},
				{Quote, 0, true, "Q"},
				{Paragraph, 0, false, "After"},
			},
		},
		{
			name:   "heading that matches the title",
			path:   "a.html",
			src:    "<title>Storm hits the coast - Example News</title><h2>Storm hits the coast</h2><p>Text.</p>",
			blocks: []blockWant{{Headline, 2, false, "Storm hits the coast"}, {Paragraph, 0, false, "Text."}},
		},
	})
}

// TestParseHTMLPathological checks that deep nesting and a huge single line
// parse in linear time without exhausting the stack.
func TestParseHTMLPathological(t *testing.T) {
	cases := map[string]string{
		"deep divs":      strings.Repeat("<div>", 100000) + "deep text" + strings.Repeat("</div>", 100000),
		"deep unclosed":  strings.Repeat("<span><p><li>", 50000) + "text" + strings.Repeat("</div></td>", 50000),
		"huge line":      "<p>" + strings.Repeat("word &amp; ", 1000000) + "</p>",
		"deep markdown":  strings.Repeat(">", 10000) + " quote\n" + strings.Repeat("- ", 5000) + "item\n",
		"deep emphasis":  strings.Repeat("*a ", 20000) + strings.Repeat("b*", 20000) + "\n",
		"many brackets":  strings.Repeat("[", 100000) + strings.Repeat("](x)", 1000) + "\n",
		"long text line": strings.Repeat("word ", 2000000) + "\n",
	}
	for name, src := range cases {
		t.Run(name, func(t *testing.T) {
			for _, path := range []string{"a.html", "a.md", "a.txt"} {
				begin := time.Now()
				doc, err := Parse(path, []byte(src))
				if err != nil {
					t.Fatalf("%s: %v", path, err)
				}
				checkInvariants(t, doc)
				if d := time.Since(begin); d > 20*time.Second {
					t.Errorf("%s: %d bytes took %v", path, len(src), d)
				}
			}
		})
	}
}
