package rules

import (
	"testing"

	"github.com/copydesk/copydesk/rules/article"
)

func TestLineKeyAndHash(t *testing.T) {
	tests := []struct {
		in    string
		key   string
		words int
	}{
		{"", "", 0},
		{"The barrier will  PROTECT homes.", "the barrier will protect homes", 5},
		{"“Don’t go,” she said — don't!", "dont go she said dont", 5},
		{"Café in São Paulo, 3,000 seats", "café in são paulo 3 000 seats", 7},
		{"'quoted' words", "quoted words", 2},
	}
	for _, tt := range tests {
		key, n := lineKey(tt.in)
		if key != tt.key || n != tt.words {
			t.Errorf("lineKey(%q) = %q, %d; want %q, %d", tt.in, key, n, tt.key, tt.words)
		}
		h, hn := lineHash(tt.in, 100)
		kh, _ := lineHash(tt.key, 100)
		if h != kh || hn != n {
			t.Errorf("lineHash(%q) = %x, %d; want the hash of its key %q (%x), %d", tt.in, h, hn, tt.key, kh, n)
		}
	}
	if a, _ := lineHash("the barrier", 100); a == func() uint64 { h, _ := lineHash("the barriers", 100); return h }() {
		t.Error("lineHash: different keys collide")
	}
	// A capped hash covers the first words only and says there are more.
	a, an := lineHash("One two three four five", 3)
	b, bn := lineHash("one two three SIX", 3)
	if a != b || an != 4 || bn != 4 {
		t.Errorf("lineHash with a cap of 3: %x/%d and %x/%d, want equal hashes and 4 words", a, an, b, bn)
	}
}

func TestBlockLines(t *testing.T) {
	tests := []struct {
		name string
		src  string
		f    article.Format
		want []string
	}{
		{"text lines", "Headline\n\nShare this article\nFacebook Twitter\n\nA paragraph\nwrapped here.", article.Text,
			[]string{"Headline", "Share this article", "Facebook Twitter", "A paragraph", "wrapped here."}},
		{"crlf", "Headline\r\n\r\nOne\r\nTwo\r\n", article.Text, []string{"Headline", "One", "Two"}},
		{"trailing spaces", "Headline\n\nOne  \n  Two", article.Text, []string{"Headline", "One", "Two"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := article.ParseFormat("x", []byte(tt.src), tt.f)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, l := range docLines(doc) {
				got = append(got, l.text(doc))
				s, e := l.srcRange(doc)
				if string(doc.Src[s:e]) != l.text(doc) {
					t.Errorf("line %q maps to source %q", l.text(doc), doc.Src[s:e])
				}
			}
			if len(got) != len(tt.want) {
				t.Fatalf("lines = %q, want %q", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("line %d = %q, want %q", i, got[i], tt.want[i])
				}
			}
		})
	}
}
