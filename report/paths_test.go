package report

import "testing"

func TestRepoPath(t *testing.T) {
	tests := []struct {
		base, path, want string
		ok               bool
	}{
		{"", "stories/a.md", "stories/a.md", true},
		{"", "./stories/../a.md", "a.md", true},
		{"", "/abs/a.md", "/abs/a.md", false},
		{"/repo", "/repo/stories/a.md", "stories/a.md", true},
		{"/repo/", "/repo/a b.md", "a b.md", true},
		{"/repo", "/repository/a.md", "/repository/a.md", false},
		{"/repo", "/other/a.md", "/other/a.md", false},
		{"/repo", "/repo/..x/a.md", "..x/a.md", true},
	}
	for _, tc := range tests {
		got, ok := repoPath(tc.base, tc.path)
		if got != tc.want || ok != tc.ok {
			t.Errorf("repoPath(%q, %q) = %q, %v; want %q, %v", tc.base, tc.path, got, ok, tc.want, tc.ok)
		}
	}
}

func TestFileURI(t *testing.T) {
	tests := []struct {
		path     string
		relative bool
		want     string
	}{
		{"stories/my story.md", true, "stories/my%20story.md"},
		{"a:b.md", true, "./a:b.md"},
		{"100%.md", true, "100%25.md"},
		{"Straße/ü.md", true, "Stra%C3%9Fe/%C3%BC.md"},
		{"/abs/x y.md", false, "file:///abs/x%20y.md"},
		{"C:/x.md", false, "file:///C:/x.md"},
	}
	for _, tc := range tests {
		if got := fileURI(tc.path, tc.relative); got != tc.want {
			t.Errorf("fileURI(%q, %v) = %q, want %q", tc.path, tc.relative, got, tc.want)
		}
	}
}
