package engine

import (
	"fmt"
	"strings"

	"github.com/copydesk/copydesk/rules"
	"github.com/copydesk/copydesk/rules/article"
)

// directiveKind is what a suppression comment does.
type directiveKind uint8

const (
	disableNextLine directiveKind = iota + 1
	disableRange
	enableRange
	disableFile
)

// directive is one parsed copydesk-* comment.
type directive struct {
	kind        directiveKind
	text        string   // the comment body, for messages
	rules       []string // empty: every rule
	src, srcEnd int      // the comment's range in Src
	line        int      // line of the comment's end (for next-line)
	// where is the comment's place in the file, for an unused-directive
	// finding made after the document is gone.
	where rules.Location
	until int // for disableRange: offset where it stops (enable's start or EOF)
	used  bool
}

// badDirective is a copydesk-* comment that cannot be understood.
type badDirective struct {
	src, srcEnd int
	message     string
}

const directivePrefix = "copydesk-"

// parseDirectives reads the suppression comments of a document. known
// reports whether a rule name exists.
func parseDirectives(doc *article.Document, known func(string) bool) ([]*directive, []badDirective) {
	var ds []*directive
	var bad []badDirective
	var open []*directive // disableRange waiting for enable
	for _, c := range doc.Comments {
		body := strings.TrimSpace(c.Body)
		if !strings.HasPrefix(body, directivePrefix) {
			continue
		}
		head, _, _ := strings.Cut(body, "--")
		fields := strings.Fields(strings.ReplaceAll(head, ",", " "))
		if len(fields) == 0 {
			continue
		}
		d := &directive{text: body, src: c.Src, srcEnd: c.SrcEnd, rules: fields[1:]}
		d.line, _ = doc.Lines.Position(c.SrcEnd)
		d.where = rules.Location{Path: doc.Path, Offset: c.Src, EndOffset: c.SrcEnd}
		d.where.Line, d.where.Column = doc.Lines.Position(c.Src)
		d.where.EndLine, d.where.EndColumn = doc.Lines.Position(c.SrcEnd)
		switch fields[0] {
		case "copydesk-disable-next-line":
			d.kind = disableNextLine
		case "copydesk-disable":
			d.kind = disableRange
			d.until = len(doc.Src)
		case "copydesk-enable":
			d.kind = enableRange
		case "copydesk-disable-file":
			d.kind = disableFile
		default:
			bad = append(bad, badDirective{c.Src, c.SrcEnd, fmt.Sprintf("unknown directive %q: use copydesk-disable-next-line, copydesk-disable, copydesk-enable or copydesk-disable-file", fields[0])})
			continue
		}
		unknown := false
		for _, r := range d.rules {
			if !known(r) {
				bad = append(bad, badDirective{c.Src, c.SrcEnd, fmt.Sprintf("directive names unknown rule %q", r)})
				unknown = true
			}
		}
		if unknown {
			continue
		}
		if d.kind == enableRange {
			// Close the open ranges it names (all of them when it names none).
			closed := false
			for i := len(open) - 1; i >= 0; i-- {
				o := open[i]
				if len(d.rules) == 0 || sameRules(o.rules, d.rules) {
					o.until = c.Src
					open = append(open[:i], open[i+1:]...)
					closed = true
				}
			}
			if !closed {
				bad = append(bad, badDirective{c.Src, c.SrcEnd, "copydesk-enable without a matching copydesk-disable before it"})
			}
			continue
		}
		if d.kind == disableRange {
			open = append(open, d)
		}
		ds = append(ds, d)
	}
	return ds, bad
}

func sameRules(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for _, x := range a {
		found := false
		for _, y := range b {
			if x == y {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func (d *directive) names(rule string) bool {
	if len(d.rules) == 0 {
		return true
	}
	for _, r := range d.rules {
		if r == rule {
			return true
		}
	}
	return false
}

// suppresses reports whether d silences a finding of rule starting at
// offset off on line.
func (d *directive) suppresses(rule string, off, line int) bool {
	if !d.names(rule) {
		return false
	}
	switch d.kind {
	case disableNextLine:
		return line == d.line+1
	case disableRange:
		return off >= d.srcEnd && off < d.until
	case disableFile:
		return true
	}
	return false
}
