package report

import (
	"net/url"
	"path/filepath"
	"strings"
)

// repoPath returns p relative to base, with forward slashes, and whether it
// is relative. With no base, a relative p is taken as relative to the
// repository root already; a p outside base is returned cleaned and
// absolute, with ok false.
func repoPath(base, p string) (rel string, ok bool) {
	if base == "" {
		return filepath.ToSlash(filepath.Clean(p)), !filepath.IsAbs(p)
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return filepath.ToSlash(filepath.Clean(p)), false
	}
	absBase, err := filepath.Abs(base)
	if err != nil {
		return filepath.ToSlash(abs), false
	}
	r, err := filepath.Rel(absBase, abs)
	if err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return filepath.ToSlash(abs), false
	}
	return filepath.ToSlash(r), true
}

// relPath is repoPath without the flag, for formats that take either kind.
func relPath(base, p string) string {
	r, _ := repoPath(base, p)
	return r
}

// fileURI percent-encodes a slash-separated path as a URI reference:
// relative paths stay relative ("my story.md" -> "my%20story.md"),
// absolute ones become file URIs.
func fileURI(p string, relative bool) string {
	if relative {
		return (&url.URL{Path: p}).String()
	}
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // a Windows path with a volume: /C:/x
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

// dirURI is fileURI for a directory, with the trailing slash SARIF's
// originalUriBaseIds require.
func dirURI(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		abs = dir
	}
	u := fileURI(filepath.ToSlash(abs), false)
	if !strings.HasSuffix(u, "/") {
		u += "/"
	}
	return u
}
