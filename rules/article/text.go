package article

import (
	"bytes"
	"strings"
)

// parseText reads plain text: the first non-empty line is the headline,
// blank lines separate paragraphs, and the line breaks inside a paragraph
// become spaces. A line that is only an HTML comment (a suppression
// directive) is kept as a Comment, not prose. A file that opens with "---"
// may carry YAML front matter.
func parseText(doc *Document, content []byte) {
	bb := blockBuilder{shared: string(content)}
	// Room for one block per two lines (a paragraph and the blank line
	// after it, as news text files are laid out), up to a bound, so that
	// the list of blocks is not grown four times for a short story.
	doc.Blocks = make([]Block, 0, min(doc.Lines.Lines()/2+1, 64))
	bb.arena = make([]Span, 0, cap(doc.Blocks)) // a span a block, most of them
	lines := newLineWalker(doc, content)
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
	for pos := parseFrontMatter(doc, content, false); pos < len(content); {
		raw, next := lines.at(pos)
		lo, hi := pos, pos+len(raw)
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
		case bytes.HasPrefix(line, []byte("<!--")) && bytes.HasSuffix(line, []byte("-->")) && len(line) >= 7 &&
			bytes.Index(line[4:], []byte("-->")) == len(line)-7:
			flush()
			doc.Comments = append(doc.Comments, Comment{
				Body: strings.TrimSpace(string(line[4 : len(line)-3])),
				Src:  lo, SrcEnd: hi,
			})
		default:
			// A comment at the end of a line (a test annotation) is kept
			// out of the prose.
			if k := trailingComment(line); k > 0 {
				doc.Comments = append(doc.Comments, Comment{
					Body: strings.TrimSpace(string(line[k+4 : len(line)-3])),
					Src:  lo + k, SrcEnd: hi,
				})
				hi = lo + k
				for hi > lo && isSpaceByte(content[hi-1]) {
					hi--
				}
			}
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

// classifyLine tells bylines and datelines from paragraphs: a byline is a
// short line that starts with "By " (or "Written by", "Posted by") and has no
// sentence end; a dateline is a short line that is only a date.
func classifyLine(s string) Kind {
	if s == "" || len(s) > 120 || strings.ContainsAny(s, "\n") {
		return Paragraph
	}
	if isDateline(s) {
		return Dateline
	}
	// Every prefix starts with b, p, r or w, and no letter outside ASCII
	// lower-cases to one of them: most lines are told without ToLower.
	switch s[0] | 0x20 {
	case 'b', 'p', 'r', 'w':
	default:
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

// dateWords are the words a dateline may hold besides numbers.
var dateWords = map[string]bool{
	"jan": true, "january": true, "feb": true, "february": true, "mar": true, "march": true,
	"apr": true, "april": true, "may": true, "jun": true, "june": true, "jul": true, "july": true,
	"aug": true, "august": true, "sep": true, "sept": true, "september": true, "oct": true,
	"october": true, "nov": true, "november": true, "dec": true, "december": true,
	"mon": true, "monday": true, "tue": true, "tues": true, "tuesday": true, "wed": true,
	"wednesday": true, "thu": true, "thurs": true, "thursday": true, "fri": true, "friday": true,
	"sat": true, "saturday": true, "sun": true, "sunday": true,
}

// dateFiller are words a dateline may hold that do not make it one alone.
var dateFiller = map[string]bool{
	"updated": true, "published": true, "posted": true, "last": true, "on": true, "at": true,
	"am": true, "pm": true, "a": true, "m": true, "p": true, "gmt": true, "utc": true, "bst": true,
	"et": true, "est": true, "edt": true, "pt": true, "pst": true, "pdt": true, "cet": true,
	"st": true, "nd": true, "rd": true, "th": true, "of": true, "t": true, "z": true,
}

// isDateline reports whether s is only a date, such as "March 3, 2024",
// "Updated: Tue 5 Mar 2024 10.30 GMT" or "2024-03-05". It is conservative:
// it needs a number and a month or weekday name, or an ISO date, and nothing
// but date words.
func isDateline(s string) bool {
	if len(s) > 60 {
		return false
	}
	named, digits, iso := false, 0, false
	words := 0
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			j := i
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			if j-i == 4 && j+6 <= len(s) && s[j] == '-' && s[j+3] == '-' {
				iso = true
			}
			digits++
			i = j
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			j := i
			for j < len(s) && (s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z') {
				j++
			}
			w := strings.ToLower(s[i:j])
			words++
			switch {
			case dateWords[w]:
				named = true
			case dateFiller[w]:
			default:
				return false
			}
			i = j
		case c == ' ' || c == ',' || c == '.' || c == ':' || c == '-' || c == '/' || c == '|' || c == '+' || c == '(' || c == ')':
			i++
		default:
			return false
		}
	}
	return digits > 0 && (named || iso) && words <= 8
}

// lineWalker returns the lines of a text file's content as lineAt does,
// in order, from the line starts that the document's LineIndex found
// already: no second search for each line's end. Content decoded from
// Windows-1252 has other offsets than Src; its lines are searched for.
type lineWalker struct {
	content []byte
	li      *LineIndex // nil: lineAt
	base    int        // content[i] is li.src[i+base] (a byte-order mark)
	k       int        // the 0-based line of the last position asked for
}

func newLineWalker(doc *Document, content []byte) lineWalker {
	w := lineWalker{content: content}
	if li := doc.Lines; li != nil && !li.single && len(li.src) >= len(content) {
		w.li, w.base = li, len(li.src)-len(content)
	}
	return w
}

// at is lineAt(content, pos) for positions asked in increasing order.
func (w *lineWalker) at(pos int) ([]byte, int) {
	if w.li == nil {
		return lineAt(w.content, pos)
	}
	off := pos + w.base
	for w.k+1 < len(w.li.starts) && w.li.starts[w.k+1] <= off {
		w.k++
	}
	return w.content[pos : w.li.LineEnd(w.k+1)-w.base], w.li.LineStart(w.k+2) - w.base
}

// lineEnd returns the index of the first '\n' or '\r' in content at or
// after pos, or len(content): two IndexByte scans, which are vectorised,
// instead of a loop over every byte.
func lineEnd(content []byte, pos int) int {
	end := len(content)
	if i := bytes.IndexByte(content[pos:], '\n'); i >= 0 {
		end = pos + i
	}
	if i := bytes.IndexByte(content[pos:end], '\r'); i >= 0 {
		end = pos + i
	}
	return end
}

// trailingComment returns where the "<!-- ... -->" that ends line starts,
// or -1. The suffix test comes first: most lines have no comment.
func trailingComment(line []byte) int {
	if !bytes.HasSuffix(line, []byte("-->")) {
		return -1
	}
	if k := bytes.LastIndex(line, []byte("<!--")); k > 0 && len(line)-k >= 7 && bytes.Index(line[k+4:], []byte("-->")) == len(line)-k-7 {
		return k
	}
	return -1
}
