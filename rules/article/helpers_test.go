package article

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

// dump renders a document's blocks and comments, one per line, for test
// failure messages.
func dump(doc *Document) string {
	var b strings.Builder
	for i, bl := range doc.Blocks {
		fmt.Fprintf(&b, "%d %s L%d q=%v %q\n", i, bl.Kind, bl.Level, bl.InQuote, bl.Text)
		for _, s := range bl.Spans {
			fmt.Fprintf(&b, "    %q -> %q\n", bl.Text[s.Text:s.TextEnd], doc.Src[s.Src:s.SrcEnd])
		}
	}
	for _, c := range doc.Comments {
		fmt.Fprintf(&b, "comment %q %q\n", c.Body, doc.Src[c.Src:c.SrcEnd])
	}
	return b.String()
}

// checkInvariants verifies what every parser promises about positions.
func checkInvariants(t testing.TB, doc *Document) {
	t.Helper()
	if err := invariantError(doc); err != nil {
		t.Fatalf("%s: %v", doc.Path, err)
	}
}

// invariantError returns the first broken position invariant of doc.
func invariantError(doc *Document) error {
	n := len(doc.Src)
	for bi, b := range doc.Blocks {
		prevText, prevSrc := 0, -1
		for si, s := range b.Spans {
			if s.Text < 0 || s.TextEnd > len(b.Text) || s.Text > s.TextEnd {
				return fmt.Errorf("block %d span %d: text range [%d,%d) outside [0,%d]", bi, si, s.Text, s.TextEnd, len(b.Text))
			}
			if s.Src < 0 || s.SrcEnd > n || s.Src > s.SrcEnd {
				return fmt.Errorf("block %d span %d: source range [%d,%d) outside [0,%d]", bi, si, s.Src, s.SrcEnd, n)
			}
			if s.Text < prevText {
				return fmt.Errorf("block %d span %d: text ranges overlap or are out of order", bi, si)
			}
			if s.Src < prevSrc {
				return fmt.Errorf("block %d span %d: source ranges overlap or are out of order: %d < %d", bi, si, s.Src, prevSrc)
			}
			prevText, prevSrc = s.TextEnd, s.SrcEnd
			if doc.Encoding == "utf-8" && s.TextEnd-s.Text == s.SrcEnd-s.Src {
				got, want := b.Text[s.Text:s.TextEnd], string(doc.Src[s.Src:s.SrcEnd])
				if got != want && !mappedUnit(got, want) {
					return fmt.Errorf("block %d span %d: linear span text %q != source %q", bi, si, got, want)
				}
			}
		}
	}
	for i, c := range doc.Comments {
		if c.Src < 0 || c.SrcEnd > n || c.Src > c.SrcEnd {
			return fmt.Errorf("comment %d: range [%d,%d) outside [0,%d]", i, c.Src, c.SrcEnd, n)
		}
	}
	if m := doc.Meta; m.Src < 0 || m.SrcEnd > n || m.Src > m.SrcEnd {
		return fmt.Errorf("front matter range [%d,%d) outside [0,%d]", m.Src, m.SrcEnd, n)
	}
	if doc.Encoding == "utf-8" && !utf8.Valid(doc.Src) {
		return fmt.Errorf("encoding utf-8 for invalid UTF-8 input")
	}
	return nil
}

// mappedUnit reports whether a same-length span whose text differs from its
// source is one rewritten unit: a line break or collapsed white space, an
// Opaque stand-in, an entity or a backslash escape.
func mappedUnit(text, src string) bool {
	if strings.Trim(text, " \n") == "" && strings.Trim(src, " \t\r\n\f") == "" {
		return true
	}
	if text == string(Opaque) {
		return true
	}
	return strings.HasPrefix(src, "&") || strings.HasPrefix(src, "\\")
}
