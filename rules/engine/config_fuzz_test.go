package engine

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzLoadConfig feeds arbitrary bytes to the configuration loader: it must
// never panic, every error must be one line, and a loaded configuration
// must give rule sets.
func FuzzLoadConfig(f *testing.F) {
	for _, seed := range []string{
		"",
		"rules:\n  placeholder: off\n",
		"rules:\n  placeholder:\n    severity: error\n    options: {words: [a], min_len: 2}\n",
		"ignore: [drafts/**]\noverrides:\n  - files: wire/**\n    rules: {placeholder: error}\n",
		"house:\n  Hype:\n    extends: existence\n    tokens: [a, b]\n    scope: heading\n",
		"house:\n  T:\n    extends: substitution\n    swap: {a: b}\n",
		"fail_on: warning\ninclude: [x.yml]\n",
		"a: &x [1]\nrules: *x\n",
		"rules: {placeholder: {options: &o {words: *o}}}\n",
		"- 1\n",
		"rules:\n\t- x",
	} {
		f.Add([]byte(seed))
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(dir, "fuzz.yml")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		c, err := LoadConfig(p, configRules())
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("error spans lines: %q", err)
			}
			return
		}
		for _, rel := range []string{"a.md", "wire/b.md", "opinion/c/d.md"} {
			if _, err := c.RuleSet(rel); err != nil && strings.Contains(err.Error(), "\n") {
				t.Fatalf("error spans lines: %q", err)
			}
			c.Ignored(rel)
		}
	})
}
