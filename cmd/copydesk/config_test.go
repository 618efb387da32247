package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/rules"
	"github.com/copydesk/copydesk/rules/article"
	"github.com/copydesk/copydesk/rules/engine"
)

type stubRule struct{ name string }

func (r stubRule) Meta() rules.Meta {
	return rules.Meta{Name: r.name, Category: rules.Style, Severity: rules.Warning, Default: true}
}
func (stubRule) Check(*article.Document) []rules.Diagnostic { return nil }

// TestStarterConfigExamples uncomments every example in the starter
// configuration (the "#  " lines) and loads the result, so the examples a
// desk copies are valid. Rule names the examples use that are not built in
// yet stand in as stubs.
func TestStarterConfigExamples(t *testing.T) {
	var lines []string
	examples := 0
	for _, l := range strings.Split(starterConfig, "\n") {
		if rest, ok := strings.CutPrefix(l, "#  "); ok {
			l = "  " + rest
			examples++
		}
		lines = append(lines, l)
	}
	if examples < 20 {
		t.Fatalf("only %d example lines found: the marker convention changed?", examples)
	}
	dir := t.TempDir()
	files := map[string]string{
		".copydesk.yml":              strings.Join(lines, "\n"),
		"house-style.yml":            "fail_on: warning\n",
		"styles/Newsroom/Hedge.yml":  "extends: existence\nmessage: \"'%s'\"\ntokens: [arguably]\n",
		"styles/Newsroom/README.txt": "not a rule",
	}
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	all := engine.Builtin()
	for _, n := range []string{"placeholder", "editorializing", "repeated-word"} {
		if _, ok := rules.Lookup(all, n); !ok {
			all = append(all, stubRule{n})
		}
	}
	cfg, err := engine.LoadConfig(filepath.Join(dir, ".copydesk.yml"), all)
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Warnings) != 0 {
		t.Errorf("warnings: %q", cfg.Warnings)
	}
	if cfg.FailOn != rules.Error {
		t.Errorf("fail_on %v, want error (the file wins over its include)", cfg.FailOn)
	}
	var names []string
	for _, r := range cfg.House {
		names = append(names, r.Meta().Name)
		if f := rules.ExampleFailures(r); len(f) > 0 {
			t.Errorf("%s: %q", r.Meta().Name, f)
		}
	}
	if got, want := strings.Join(names, " "), "Acronyms Headlines Hype Newsroom.Hedge Terms"; got != want {
		t.Errorf("house rules %q, want %q", got, want)
	}
	if !cfg.Ignored("drafts/a.md") {
		t.Error("the ignore example does not ignore drafts")
	}
	rs, err := cfg.RuleSet("wire/a.md")
	if err != nil {
		t.Fatal(err)
	}
	if rs.Severity["placeholder"] != rules.Error {
		t.Errorf("wire placeholder severity %v", rs.Severity["placeholder"])
	}
	// The starter as written (examples commented out) is the defaults.
	if err := os.WriteFile(filepath.Join(dir, "plain.yml"), []byte(starterConfig), 0o644); err != nil {
		t.Fatal(err)
	}
	plain, err := engine.LoadConfig(filepath.Join(dir, "plain.yml"), all)
	if err != nil {
		t.Fatal(err)
	}
	if len(plain.House) != 0 || plain.Ignored("drafts/a.md") || plain.FailOn != rules.Error {
		t.Error("the starter configuration is not the defaults with fail_on: error")
	}
}
