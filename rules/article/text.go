package article

import (
	"bytes"
	"strings"
)

// parseText reads plain text: the first non-empty line is the headline,
// blank lines separate paragraphs, and the line breaks inside a paragraph
// become spaces. A line that is only an HTML comment (a suppression
// directive) is kept as a Comment, not prose.
func parseText(doc *Document, content []byte) {
	var bb blockBuilder
	headline := true
	flush := func() {
		kind := Paragraph
		if headline {
			kind = Headline
		}
		if b, ok := bb.block(kind); ok {
			if !headline {
				b.Kind = classifyLine(b.Text)
			} else {
				b.Level = 1
				if doc.Meta.Title == "" {
					doc.Meta.Title = b.Text
				}
			}
			doc.Blocks = append(doc.Blocks, b)
			headline = false
		}
	}
	for pos := 0; pos < len(content); {
		end := pos
		for end < len(content) && content[end] != '\n' && content[end] != '\r' {
			end++
		}
		next := end
		if next < len(content) {
			if content[next] == '\r' && next+1 < len(content) && content[next+1] == '\n' {
				next += 2
			} else {
				next++
			}
		}
		lo, hi := pos, end
		for lo < hi && isSpaceByte(content[lo]) {
			lo++
		}
		for hi > lo && isSpaceByte(content[hi-1]) {
			hi--
		}
		line := content[lo:hi]
		switch {
		case lo == hi:
			flush()
		case bytes.HasPrefix(line, []byte("<!--")) && bytes.HasSuffix(line, []byte("-->")) && len(line) >= 7:
			flush()
			doc.Comments = append(doc.Comments, Comment{
				Body: strings.TrimSpace(string(line[4 : len(line)-3])),
				Src:  lo, SrcEnd: hi,
			})
		default:
			if bb.len() > 0 {
				if headline {
					// The headline is one line.
					flush()
				} else {
					bb.addMapped(" ", bb.spans[len(bb.spans)-1].SrcEnd, lo)
				}
			}
			bb.addSrc(content, lo, hi)
			if headline {
				flush()
			}
		}
		pos = next
	}
	flush()
}

// classifyLine tells bylines from paragraphs in plain text: a short line that
// starts with "By " (or "Written by", "Posted by") and has no sentence end.
func classifyLine(s string) Kind {
	if len(s) > 120 || strings.ContainsAny(s, "\n") {
		return Paragraph
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
