package article

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadabilityMetadata compares the HTML parser's headline and byline
// with the title and byline Mozilla Readability extracts from the same
// pages (expected-metadata.json). The two need not agree everywhere (a
// page's <h1> may differ from its og:title), but most pages must.
func TestReadabilityMetadata(t *testing.T) {
	files := corpusFiles(t, "readability/pages/*/source.html")
	var pages, titled, titleOK, bylined, bylineOK int
	for _, f := range files {
		raw, err := os.ReadFile(filepath.Join(filepath.Dir(f), "expected-metadata.json"))
		if err != nil {
			continue
		}
		var want struct{ Title, Byline string }
		if err := json.Unmarshal(raw, &want); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatalf("read %s: %v", f, err)
		}
		doc, err := Parse(f, src)
		if err != nil {
			continue
		}
		pages++
		norm := func(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }
		if want.Title != "" {
			titled++
			wt := norm(want.Title)
			ok := norm(doc.Meta.Title) == wt
			for _, b := range doc.Blocks {
				if b.Kind == Headline && norm(b.Text) == wt {
					ok = true
				}
			}
			if ok {
				titleOK++
			} else if testing.Verbose() {
				t.Logf("%s: title %q, headline not found (meta title %q)", filepath.Base(filepath.Dir(f)), want.Title, doc.Meta.Title)
			}
		}
		if want.Byline != "" {
			bylined++
			wb := norm(want.Byline)
			ok := strings.Contains(norm(doc.Meta.Author), wb)
			for _, b := range doc.Blocks {
				if b.Kind == Byline && strings.Contains(norm(b.Text), wb) {
					ok = true
				}
			}
			if ok {
				bylineOK++
			} else if testing.Verbose() {
				t.Logf("%s: byline %q not found", filepath.Base(filepath.Dir(f)), want.Byline)
			}
		}
	}
	t.Logf("%d pages: title found in %d of %d, byline in %d of %d", pages, titleOK, titled, bylineOK, bylined)
	if titleOK*10 < titled*8 {
		t.Errorf("title found in only %d of %d pages", titleOK, titled)
	}
	if bylineOK*10 < bylined*5 {
		t.Errorf("byline found in only %d of %d pages", bylineOK, bylined)
	}
}
