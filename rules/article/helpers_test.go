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

// blockWant is the expected kind, level, quote flag and text of a block.
type blockWant struct {
	kind  Kind
	level int
	quote bool
	text  string
}

// posWant pins where a piece of a block's text comes from: the first
// occurrence of sub in block's Text must map to the source bytes src, which
// start at line:col.
type posWant struct {
	block     int
	sub       string
	src       string
	line, col int
}

type parseCase struct {
	name     string
	path     string
	src      string
	blocks   []blockWant
	pos      []posWant
	comments []string // comment bodies, in order
	meta     *FrontMatter
}

func runParseCases(t *testing.T, cases []parseCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := Parse(tc.path, []byte(tc.src))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			checkInvariants(t, doc)
			if tc.blocks != nil {
				got := make([]blockWant, len(doc.Blocks))
				for i, b := range doc.Blocks {
					got[i] = blockWant{b.Kind, b.Level, b.InQuote, b.Text}
				}
				if fmt.Sprint(got) != fmt.Sprint(tc.blocks) {
					t.Errorf("blocks:\n got %v\nwant %v\n%s", got, tc.blocks, dump(doc))
				}
			}
			for _, p := range tc.pos {
				checkPos(t, doc, p)
			}
			if tc.comments != nil {
				var got []string
				for _, c := range doc.Comments {
					got = append(got, c.Body)
					if raw := string(doc.Src[c.Src:c.SrcEnd]); !strings.HasPrefix(raw, "<!--") || !strings.HasSuffix(raw, "-->") {
						t.Errorf("comment %q: source range holds %q", c.Body, raw)
					}
				}
				if fmt.Sprint(got) != fmt.Sprint(tc.comments) {
					t.Errorf("comments: got %q, want %q", got, tc.comments)
				}
			}
			if tc.meta != nil {
				m := doc.Meta
				if m.Title != tc.meta.Title || m.Author != tc.meta.Author || m.Section != tc.meta.Section ||
					m.Date != tc.meta.Date || m.Type != tc.meta.Type || m.SrcEnd != tc.meta.SrcEnd {
					t.Errorf("front matter:\n got %+v\nwant %+v", m, *tc.meta)
				}
				for k, v := range tc.meta.Fields {
					if m.Fields[k] != v {
						t.Errorf("front matter field %q = %q, want %q", k, m.Fields[k], v)
					}
				}
			}
		})
	}
}

func checkPos(t *testing.T, doc *Document, p posWant) {
	t.Helper()
	if p.block >= len(doc.Blocks) {
		t.Errorf("no block %d for %q\n%s", p.block, p.sub, dump(doc))
		return
	}
	b := &doc.Blocks[p.block]
	i := strings.Index(b.Text, p.sub)
	if i < 0 {
		t.Errorf("block %d text %q does not contain %q", p.block, b.Text, p.sub)
		return
	}
	s, e := b.SrcRange(i, i+len(p.sub))
	if got := string(doc.Src[s:e]); got != p.src {
		t.Errorf("block %d %q maps to source %q, want %q\n%s", p.block, p.sub, got, p.src, dump(doc))
	}
	if line, col := doc.Position(s); line != p.line || col != p.col {
		t.Errorf("block %d %q starts at %d:%d, want %d:%d", p.block, p.sub, line, col, p.line, p.col)
	}
}
