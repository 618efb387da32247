package article

import (
	"fmt"
	"testing"
)

func TestParseFrontMatter(t *testing.T) {
	tests := []struct {
		name   string
		src    string
		toml   bool
		end    int
		want   FrontMatter
		fields map[string]string
	}{
		{
			name: "YAML scalars",
			src:  "---\r\nTitle: 'It''s here'\r\nbyline: \"Jane \\u00c9 Doe\"\r\ndesk: Metro # city\r\npubDate: 2024-03-05\r\ngenre: !!str review\r\n---\r\nbody",
			end:  120,
			want: FrontMatter{Title: "It's here", Author: "Jane É Doe", Section: "Metro", Date: "2024-03-05", Type: "review"},
			fields: map[string]string{"title": "It's here", "desk": "Metro", "pubdate": "2024-03-05",
				"genre": "review"},
		},
		{
			name:   "YAML block scalar, lists and nested maps",
			src:    "---\nsummary: >\n  folded\n  text\nauthor:\n  name: Nested\ncategories:\n- Sport\n- Tennis\ntitle: T\n...\n",
			end:    96,
			want:   FrontMatter{Title: "T", Section: "Sport"},
			fields: map[string]string{"summary": "folded text", "title": "T"},
		},
		{
			name: "no closing delimiter",
			src:  "---\ntitle: T\n",
		},
		{
			name: "not at the start",
			src:  "\n---\ntitle: T\n---\n",
		},
		{
			name: "TOML only when allowed",
			src:  "+++\ntitle = \"T\"\n+++\n",
		},
		{
			name: "TOML",
			src:  "+++\ntitle = \"\"\"\nLong\ntitle\"\"\"\nauthors = [ 'Ann', 'Bo' ]\ndate = 2024-03-05T10:00:00Z\n+++\n",
			toml: true,
			end:  88,
			want: FrontMatter{Title: "Long\ntitle", Author: "Ann", Date: "2024-03-05T10:00:00Z"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := &Document{}
			end := parseFrontMatter(doc, []byte(tt.src), tt.toml)
			if end != tt.end {
				t.Fatalf("end = %d, want %d", end, tt.end)
			}
			m := doc.Meta
			got := fmt.Sprint(m.Title, "|", m.Author, "|", m.Section, "|", m.Date, "|", m.Type)
			want := fmt.Sprint(tt.want.Title, "|", tt.want.Author, "|", tt.want.Section, "|", tt.want.Date, "|", tt.want.Type)
			if got != want {
				t.Errorf("front matter = %q, want %q", got, want)
			}
			if end > 0 && (m.Src != 0 || m.SrcEnd != end) {
				t.Errorf("range = [%d,%d), want [0,%d)", m.Src, m.SrcEnd, end)
			}
			for k, v := range tt.fields {
				if m.Fields[k] != v {
					t.Errorf("Fields[%q] = %q, want %q", k, m.Fields[k], v)
				}
			}
			if _, ok := m.Fields["categories"]; ok {
				t.Errorf("a list is not a scalar field: %q", m.Fields["categories"])
			}
		})
	}
}
