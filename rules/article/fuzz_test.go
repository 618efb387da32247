package article

import (
	"fmt"
	"runtime"
	"testing"
	"time"
	"unicode/utf8"
)

var fuzzSeeds = []string{
	"",
	"Title\n\nBy Jane Doe\n\nA paragraph — with “quotes”.\r\n",
	"\xEF\xBB\xBF---\ntitle: T\n---\n# Head\n\n*a* **b** [c](d) `e` ![f](g) <h> &amp; \\* <!-- want \"x\" -->\n",
	"+++\ntitle = \"T\"\n+++\n> q\n> - l\n\n| a | b |\n|---|---|\n| c | d |\n",
	"<html><head><title>T</title><meta name=author content=J></head><body><h1>H</h1><p>a&nbsp;b<br>c<code>d</code></p></body></html>",
	"<div><p>x<b>y<p>z</b></div><li>w</span><blockquote>q</div>",
	"caf\xE9 \x92quoted\x92\r\n",
	"<!-- copydesk-disable-next-line rule -- reason -->\n",
	"- a\n  - b\n\n  c\n\n1. d\n",
	"<p>&#x; &#0; &#1114112; &ampx &copy2024</p>",
}

func fuzzParse(f *testing.F, path string) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		// A parse that hangs would stall the fuzzer without a report: crash
		// with every goroutine's stack instead, so the input is kept.
		watchdog := time.AfterFunc(10*time.Second, func() {
			buf := make([]byte, 1<<20)
			n := runtime.Stack(buf, true)
			panic(fmt.Sprintf("Parse(%s) of %d bytes took over 10s:\n%s", path, len(src), buf[:n]))
		})
		defer watchdog.Stop()
		doc, err := Parse(path, src)
		if err != nil {
			if err == ErrBinary {
				return
			}
			t.Fatalf("Parse: %v", err)
		}
		if err := invariantError(doc); err != nil {
			t.Fatalf("%v\n%s", err, dump(doc))
		}
		for i := range doc.Blocks {
			b := &doc.Blocks[i]
			if !utf8.ValidString(b.Text) && utf8.Valid(src) {
				t.Fatalf("block %d text is not valid UTF-8: %q", i, b.Text)
			}
			s, e := b.SrcRange(0, len(b.Text))
			if s < 0 || e > len(src) || s > e {
				t.Fatalf("block %d range [%d,%d) outside [0,%d]", i, s, e, len(src))
			}
		}
	})
}

func FuzzParseText(f *testing.F)     { fuzzParse(f, "a.txt") }
func FuzzParseMarkdown(f *testing.F) { fuzzParse(f, "a.md") }
func FuzzParseHTML(f *testing.F)     { fuzzParse(f, "a.html") }

func FuzzLineIndex(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s), false)
	}
	f.Add([]byte("caf\xE9\r\nx"), true)
	f.Fuzz(func(t *testing.T, src []byte, single bool) {
		if !single && !utf8.Valid(src) {
			single = true // how Parse indexes such a source
		}
		li := NewLineIndex(src, single)
		bom := 0
		if !single && len(src) >= 3 && string(src[:3]) == "\xEF\xBB\xBF" {
			bom = 3
		}
		for off := 0; off <= len(src); off++ {
			if off < len(src) && !single && !utf8.RuneStart(src[off]) {
				continue
			}
			line, col := li.Position(off)
			if line < 1 || line > li.Lines() || col < 1 {
				t.Fatalf("Position(%d) = %d:%d", off, line, col)
			}
			if off < bom {
				continue
			}
			got := li.Offset(line, col)
			if got != off && !(got < off && isLineTerm(src, got, off)) {
				t.Fatalf("Offset(Position(%d) = %d:%d) = %d", off, line, col, got)
			}
		}
	})
}
