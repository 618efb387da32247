package engine

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/copydesk/copydesk/rules"
	"github.com/copydesk/copydesk/rules/article"
)

var updateConfigGolden = flag.Bool("update-config", false, "rewrite testdata/config/desk/findings.golden")

// optRule is a test rule that flags its words in prose; it takes options.
type optRule struct {
	meta rules.Meta
	opts wordOptions
}

type wordOptions struct {
	Words  []string          `yaml:"words"`
	MinLen int               `yaml:"min_len"`
	Ratio  float64           `yaml:"ratio"`
	Labels map[string]string `yaml:"labels"`
	Nested struct {
		Flag bool `yaml:"flag"`
	} `yaml:"nested"`
	Level rules.Severity `yaml:"level"`
}

func newOptRule(name string, sev rules.Severity, on bool, words ...string) *optRule {
	return &optRule{
		meta: rules.Meta{Name: name, Category: rules.Style, Severity: sev, Default: on, Summary: "flags " + name},
		opts: wordOptions{Words: words},
	}
}

func (r *optRule) Meta() rules.Meta { return r.meta }

func (r *optRule) Configure(decode func(into any) error) error {
	o := r.opts
	if err := decode(&o); err != nil {
		return err
	}
	if o.MinLen < 0 {
		return errors.New("min_len must not be negative")
	}
	r.opts = o
	return nil
}

func (r *optRule) Check(doc *article.Document) []rules.Diagnostic {
	var out []rules.Diagnostic
	for i := range doc.Blocks {
		b := &doc.Blocks[i]
		for _, w := range r.opts.Words {
			for off := 0; ; {
				j := strings.Index(b.Text[off:], w)
				if j < 0 {
					break
				}
				s, e := b.SrcRange(off+j, off+j+len(w))
				out = append(out, rules.Diagnostic{Start: s, End: e, Message: fmt.Sprintf("%q found", w)})
				off += j + len(w)
			}
		}
	}
	return out
}

// plainRule takes no options.
type plainRule struct{ meta rules.Meta }

func (r plainRule) Meta() rules.Meta                         { return r.meta }
func (plainRule) Check(*article.Document) []rules.Diagnostic { return nil }

func configRules() []rules.Rule {
	return []rules.Rule{
		newOptRule("editorializing", rules.Warning, true, "shocking"),
		newOptRule("placeholder", rules.Warning, true, "TK"),
		newOptRule("rare", rules.Suggestion, false, "very"),
		plainRule{rules.Meta{Name: "plain", Category: rules.Mechanics, Severity: rules.Error, Default: true}},
	}
}

func TestLoadConfigErrors(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  string // the whole error line
	}{
		{"unknown top-level key", map[string]string{".copydesk.yml": "rules: {}\nfail_onn: error\n"},
			`.copydesk.yml:2:1: unknown key "fail_onn" (known: fail_on, house, ignore, include, overrides, rules, styles)`},
		{"unknown key in a rule", map[string]string{".copydesk.yml": "rules:\n  placeholder:\n    severty: error\n"},
			`.copydesk.yml:3:5: unknown key "severty" in rules.placeholder (known: enabled, severity, options)`},
		{"unknown rule", map[string]string{".copydesk.yml": "rules:\n  plaecholder: off\n"},
			`.copydesk.yml:2:3: unknown rule "plaecholder" (did you mean "placeholder"?)`},
		{"unknown rule far from any", map[string]string{".copydesk.yml": "rules:\n  zzzzzzzzzz: off\n"},
			`.copydesk.yml:2:3: unknown rule "zzzzzzzzzz" (see 'copydesk rules')`},
		{"unknown rule in an override", map[string]string{".copydesk.yml": "overrides:\n  - files: a/**\n    rules:\n      nopenopenope: off\n"},
			`.copydesk.yml:4:7: unknown rule "nopenopenope" (see 'copydesk rules')`},
		{"bad severity", map[string]string{".copydesk.yml": "rules:\n  placeholder:\n    severity: fatal\n"},
			`.copydesk.yml:3:15: rules.placeholder.severity: unknown severity "fatal" (want error, warning or suggestion)`},
		{"enabled not a bool", map[string]string{".copydesk.yml": "rules:\n  placeholder:\n    enabled: yes please\n"},
			`.copydesk.yml:3:14: rules.placeholder.enabled: want true or false, found string "yes please"`},
		{"rule entry wrong type", map[string]string{".copydesk.yml": "rules:\n  placeholder: [a]\n"},
			`.copydesk.yml:2:16: rules.placeholder: want a mapping (enabled, severity, options), true/false, or a severity, found a list`},
		{"unknown option", map[string]string{".copydesk.yml": "rules:\n  placeholder:\n    options:\n      wordz: [x]\n"},
			`.copydesk.yml:4:7: unknown key "wordz" in rules.placeholder.options (known: labels, level, min_len, nested, ratio, words)`},
		{"option wrong type: string for int", map[string]string{".copydesk.yml": "rules:\n  placeholder:\n    options:\n      min_len: \"3\"\n"},
			`.copydesk.yml:4:16: rules.placeholder.options.min_len: want a whole number, found string "3"`},
		{"option wrong type: scalar for list", map[string]string{".copydesk.yml": "rules:\n  placeholder:\n    options:\n      words: TK\n"},
			`.copydesk.yml:4:14: rules.placeholder.options.words: want a list, found string "TK"`},
		{"option wrong type: number for string in list", map[string]string{".copydesk.yml": "rules:\n  placeholder:\n    options:\n      words: [TK, 3]\n"},
			`.copydesk.yml:4:19: rules.placeholder.options.words[1]: want a string, found number 3`},
		{"option unknown nested key", map[string]string{".copydesk.yml": "rules:\n  placeholder:\n    options:\n      nested: {flg: true}\n"},
			`.copydesk.yml:4:16: unknown key "flg" in rules.placeholder.options.nested (known: flag)`},
		{"option bad severity value", map[string]string{".copydesk.yml": "rules:\n  placeholder:\n    options:\n      level: loud\n"},
			`.copydesk.yml:4:14: rules.placeholder.options.level: unknown severity "loud" (want error, warning or suggestion)`},
		{"option rejected by the rule", map[string]string{".copydesk.yml": "rules:\n  placeholder:\n    options:\n      min_len: -1\n"},
			`.copydesk.yml:4:7: rules.placeholder.options: min_len must not be negative`},
		{"options for a rule without options", map[string]string{".copydesk.yml": "rules:\n  plain:\n    options: {x: 1}\n"},
			`.copydesk.yml:2:3: rule plain takes no options`},
		{"options not a mapping", map[string]string{".copydesk.yml": "rules:\n  placeholder:\n    options: [1]\n"},
			`.copydesk.yml:3:14: expected a mapping, found a list`},
		{"bad ignore glob", map[string]string{".copydesk.yml": "ignore:\n  - \"drafts/[a-\"\n"},
			`.copydesk.yml:2:5: ignore: bad glob "drafts/[a-"`},
		{"ignore not a list", map[string]string{".copydesk.yml": "ignore: {a: b}\n"},
			`.copydesk.yml:1:9: ignore: want a string or a list of strings, found a mapping`},
		{"bad override glob", map[string]string{".copydesk.yml": "overrides:\n  - files: [\"wire/{a\"]\n    rules: {placeholder: error}\n"},
			`.copydesk.yml:2:13: overrides[0].files: bad glob "wire/{a"`},
		{"override without files", map[string]string{".copydesk.yml": "overrides:\n  - rules: {placeholder: error}\n"},
			`.copydesk.yml:2:5: overrides[0]: missing files (the globs it applies to)`},
		{"override unknown key", map[string]string{".copydesk.yml": "overrides:\n  - files: a\n    rule: {}\n"},
			`.copydesk.yml:3:5: unknown key "rule" in overrides[0] (known: files, rules)`},
		{"overrides not a list", map[string]string{".copydesk.yml": "overrides: {files: a}\n"},
			`.copydesk.yml:1:12: overrides: want a list of {files, rules}, found a mapping`},
		{"bad fail_on", map[string]string{".copydesk.yml": "fail_on: always\n"},
			`.copydesk.yml:1:10: fail_on: unknown severity "always" (want error, warning or suggestion)`},
		{"duplicate key", map[string]string{".copydesk.yml": "rules:\n  placeholder: off\n  placeholder: error\n"},
			`.copydesk.yml:3:3: duplicate key "placeholder"`},
		// yaml.v3 places an unclosed flow list at the line it starts from.
		{"malformed YAML", map[string]string{".copydesk.yml": "rules:\n  placeholder: [off\n"},
			`.copydesk.yml:1: malformed YAML: did not find expected ',' or ']'`},
		{"malformed YAML indentation", map[string]string{".copydesk.yml": "rules:\n  placeholder: off\n   plain: off\n"},
			`.copydesk.yml:3: malformed YAML: mapping values are not allowed in this context`},
		{"malformed YAML tab", map[string]string{".copydesk.yml": "rules:\n\tplaceholder: off\n"},
			`.copydesk.yml:2: malformed YAML: found character that cannot start any token`},
		{"top level not a mapping", map[string]string{".copydesk.yml": "- a\n- b\n"},
			`.copydesk.yml:1:1: expected a mapping, found a list`},
		{"missing include", map[string]string{".copydesk.yml": "include: [house/terms.yml]\n"},
			`.copydesk.yml:1:11: include house/terms.yml: no such file`},
		{"bad include type", map[string]string{".copydesk.yml": "include: 3\n"},
			`.copydesk.yml:1:10: include: want a string or a list of strings, found number 3`},
		{"error inside an include", map[string]string{".copydesk.yml": "include: shared/base.yml\n", "shared/base.yml": "rules:\n  placeholder:\n    severity: loud\n"},
			`shared/base.yml:3:15: rules.placeholder.severity: unknown severity "loud" (want error, warning or suggestion)`},
		{"include cycle", map[string]string{".copydesk.yml": "include: a.yml\n", "a.yml": "include: [b.yml]\n", "b.yml": "include: a.yml\n"},
			`b.yml:1:10: include cycle: a.yml -> b.yml -> a.yml`},
		{"include itself", map[string]string{".copydesk.yml": "include: .copydesk.yml\n"},
			`.copydesk.yml:1:10: include cycle: .copydesk.yml -> .copydesk.yml`},
		{"house rule unknown key", map[string]string{".copydesk.yml": "house:\n  Hype:\n    extends: existence\n    tokenz: [a]\n"},
			`.copydesk.yml:4:5: unknown key "tokenz" in house.Hype (known: action, append, capitalize, category, description, either, examples, exceptions, extends, first, ignorecase, level, link, match, max, message, min, nonword, raw, scope, second, severity, style, swap, token, tokens)`},
		{"house rule bad kind", map[string]string{".copydesk.yml": "house:\n  Hype:\n    extends: spelling\n"},
			`.copydesk.yml:2:3: house rule Hype: extends: unknown kind "spelling" (want one of existence, substitution, occurrence, consistency, conditional, capitalization)`},
		{"house rule bad regexp", map[string]string{".copydesk.yml": "house:\n  Hype:\n    extends: existence\n    tokens: ['(a']\n"},
			`.copydesk.yml:2:3: house rule Hype: tokens: error parsing regexp: missing closing ) in ` + "`(?m)\\b(?:(a)\\b`"},
		{"house rule bad scope", map[string]string{".copydesk.yml": "house:\n  Hype:\n    extends: existence\n    tokens: [a]\n    scope: code\n"},
			`.copydesk.yml:2:3: house rule Hype: scope: "code" is not supported`},
		{"house rule wrong field type", map[string]string{".copydesk.yml": "house:\n  Hype:\n    extends: occurrence\n    max: many\n"},
			`.copydesk.yml:4:10: house.Hype.max: want a whole number, found string "many"`},
		{"house rule named like a built-in", map[string]string{".copydesk.yml": "house:\n  placeholder:\n    extends: existence\n    tokens: [a]\n"},
			`.copydesk.yml:2:3: house rule "placeholder" has the name of a built-in rule`},
		{"house rule defined twice", map[string]string{".copydesk.yml": "include: more.yml\nhouse:\n  Hype:\n    extends: existence\n    tokens: [a]\n", "more.yml": "house:\n  Hype:\n    extends: existence\n    tokens: [b]\n"},
			`.copydesk.yml:3:3: house rule "Hype" is already defined at more.yml:2`},
		{"house rule bad name", map[string]string{".copydesk.yml": "house:\n  \"no spaces\":\n    extends: existence\n    tokens: [a]\n"},
			`house rule no spaces: house rule name "no spaces": use letters, digits`},
		{"missing style folder", map[string]string{".copydesk.yml": "styles: [styles/Nope]\n"},
			`.copydesk.yml:1:10: styles: styles/Nope: no such file`},
		{"malformed Vale rule", map[string]string{".copydesk.yml": "styles: [styles/S]\n", "styles/S/A.yml": "extends: existence\ntokens: a: b\n"},
			`styles/S/A.yml:2: malformed YAML: mapping values are not allowed in this context`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeFiles(t, tt.files)
			chdir(t, dir)
			_, err := LoadConfig(".copydesk.yml", configRules())
			if err == nil {
				t.Fatalf("no error, want %q", tt.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error spans lines: %q", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error\n  %s\nwant it to contain\n  %s", err, tt.want)
			}
		})
	}
}

func TestLoadConfigMissingFile(t *testing.T) {
	chdir(t, t.TempDir())
	_, err := LoadConfig("nope.yml", configRules())
	if err == nil || err.Error() != "read configuration nope.yml: no such file or directory" {
		t.Errorf("got %v", err)
	}
}

func TestFindConfig(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		".copydesk.yml":       "fail_on: warning\n",
		"a/b/c/story.md":      "x",
		"y/.copydesk.yaml":    "",
		"y/z/.keep":           "",
		"q/.copydesk.yml/x.x": "", // a folder named like the file is not it
	})
	tests := []struct{ start, want string }{
		{".", ".copydesk.yml"},
		{"a/b/c", ".copydesk.yml"},
		{"y/z", "y/.copydesk.yaml"},
		{"q", ".copydesk.yml"},
	}
	for _, tt := range tests {
		got, err := FindConfig(filepath.Join(dir, tt.start))
		if err != nil {
			t.Fatal(err)
		}
		if want := filepath.Join(dir, tt.want); got != want {
			t.Errorf("FindConfig(%s) = %s, want %s", tt.start, got, want)
		}
	}
	empty := t.TempDir()
	// Only meaningful when no parent of the temp folder has a config.
	if p, _ := FindConfig(filepath.Dir(empty)); p == "" {
		if got, err := FindConfig(empty); err != nil || got != "" {
			t.Errorf("FindConfig(empty) = %q, %v; want none", got, err)
		}
	}
}

// state renders a rule set as "name:severity" in rule order.
func state(rs *RuleSet) string {
	var parts []string
	for _, r := range rs.Rules {
		n := r.Meta().Name
		sev, ok := rs.Severity[n]
		if !ok {
			sev = r.Meta().Severity
			n += "(default)"
		}
		parts = append(parts, n+":"+sev.String())
	}
	return strings.Join(parts, " ")
}

func TestRuleSetOverrides(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"base.yml": `rules:
  placeholder: {severity: suggestion}
  rare: {enabled: true, options: {words: [very], min_len: 2}}
overrides:
  - files: "opinion/**"
    rules: {editorializing: false}
`,
		".copydesk.yml": `include: base.yml
rules:
  placeholder: warning   # wins over base.yml
  plain: off
overrides:
  - files: ["wire/**", "*.txt"]
    rules:
      placeholder: error
  - files: wire/urgent
    rules:
      placeholder: {severity: suggestion}
      rare: {options: {words: [really]}}
  - files: opinion/guest/**
    rules:
      editorializing: {enabled: true, severity: error}
`,
	})
	c, err := LoadConfig(filepath.Join(dir, ".copydesk.yml"), configRules())
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ path, want string }{
		{"news/a.md", "editorializing(default):warning placeholder:warning rare(default):suggestion"},
		{"opinion/a.md", "placeholder:warning rare(default):suggestion"},
		{"opinion/guest/b.md", "editorializing:error placeholder:warning rare(default):suggestion"},
		{"wire/a.md", "editorializing(default):warning placeholder:error rare(default):suggestion"},
		{"wire/urgent/a.md", "editorializing(default):warning placeholder:suggestion rare(default):suggestion"},
		{"top.txt", "editorializing(default):warning placeholder:error rare(default):suggestion"},
		{"sub/top.txt", "editorializing(default):warning placeholder:warning rare(default):suggestion"},
	}
	for _, tt := range tests {
		rs, err := c.RuleSet(tt.path)
		if err != nil {
			t.Fatal(err)
		}
		if got := state(rs); got != tt.want {
			t.Errorf("%s: %s, want %s", tt.path, got, tt.want)
		}
	}
	// Options: top level everywhere; the override's replace words there.
	words := func(p string) []string {
		rs, _ := c.RuleSet(p)
		for _, r := range rs.Rules {
			if r.Meta().Name == "rare" {
				w := r.(*optRule)
				return append(w.opts.Words, fmt.Sprint(w.opts.MinLen))
			}
		}
		return nil
	}
	if got := fmt.Sprint(words("news/a.md")); got != "[very 2]" {
		t.Errorf("rare options in news: %s", got)
	}
	if got := fmt.Sprint(words("wire/urgent/x.md")); got != "[really 2]" {
		t.Errorf("rare options in wire/urgent (merged key by key): %s", got)
	}
	// Files with the same overrides share a rule set and its rule values.
	a, _ := c.RuleSet("news/a.md")
	b, _ := c.RuleSet("sports/b.md")
	if a != b {
		t.Error("files matching no override got different rule sets")
	}
	u, _ := c.RuleSet("wire/urgent/a.md")
	if rareOf(a) == rareOf(u) {
		t.Error("different options share one rule value")
	}
	o, _ := c.RuleSet("opinion/a.md")
	if rareOf(a) != rareOf(o) {
		t.Error("the same options gave two rule values")
	}
	if orig := configRules()[2].(*optRule); len(orig.opts.Words) != 1 || orig.opts.Words[0] != "very" || orig.opts.MinLen != 0 {
		t.Errorf("configuring changed a fresh rule: %+v", orig.opts)
	}
}

func rareOf(rs *RuleSet) rules.Rule {
	for _, r := range rs.Rules {
		if r.Meta().Name == "rare" {
			return r
		}
	}
	return nil
}

func TestRuleSetConcurrent(t *testing.T) {
	dir := writeFiles(t, map[string]string{".copydesk.yml": "overrides:\n  - files: a/**\n    rules: {rare: {enabled: true, options: {words: [x]}}}\n"})
	c, err := LoadConfig(filepath.Join(dir, ".copydesk.yml"), configRules())
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	sets := make([]*RuleSet, 16)
	for i := range sets {
		wg.Go(func() {
			rs, err := c.RuleSet(fmt.Sprintf("a/%d.md", i))
			if err != nil {
				t.Error(err)
			}
			sets[i] = rs
		})
	}
	wg.Wait()
	for _, rs := range sets[1:] {
		if rs != sets[0] {
			t.Fatal("concurrent calls built separate rule sets")
		}
	}
}

func TestIgnored(t *testing.T) {
	dir := writeFiles(t, map[string]string{".copydesk.yml": `ignore:
  - drafts
  - "archive/**/*.html"
  - "**/*.tmp.md"
  - ./vendor/**
`})
	c, err := LoadConfig(filepath.Join(dir, ".copydesk.yml"), configRules())
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path string
		want bool
	}{
		{"drafts/a.md", true},
		{"drafts/deep/a.md", true},
		{"drafts", true},
		{"news/drafts/a.md", false},
		{"archive/2020/x.html", true},
		{"archive/x.html", true},
		{"archive/x.md", false},
		{"x.tmp.md", true},
		{"a/b/x.tmp.md", true},
		{"vendor/lib/x.md", true},
		{"./drafts/a.md", true},
		{"../drafts/a.md", false},
		{"news/a.md", false},
	}
	for _, tt := range tests {
		if got := c.Ignored(tt.path); got != tt.want {
			t.Errorf("Ignored(%q) = %v, want %v", tt.path, got, tt.want)
		}
	}
	chdir(t, dir)
	if !c.IgnoredPath(filepath.Join(dir, "drafts", "a.md")) || !c.IgnoredPath("drafts/x.md") || c.IgnoredPath("news/x.md") {
		t.Error("IgnoredPath does not resolve paths against the config folder")
	}
}

func TestDefaultConfig(t *testing.T) {
	c := DefaultConfig(configRules())
	rs, err := c.RuleSet("any/file.md")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := state(rs), "editorializing(default):warning placeholder(default):warning plain(default):error"; got != want {
		t.Errorf("default rule set %s, want %s", got, want)
	}
	if c.Ignored("x.md") || c.FailOn != 0 || c.Path != "" {
		t.Error("default config ignores files or sets fail_on")
	}
	if !c.Known("rare") || c.Known("Hype") {
		t.Error("Known does not list exactly the rules")
	}
}

func TestEmptyConfigAndFailOn(t *testing.T) {
	dir := writeFiles(t, map[string]string{".copydesk.yml": "# nothing yet\n", "b.yml": "include: [c.yml]\nfail_on: warning\n", "c.yml": "fail_on: error\n"})
	c, err := LoadConfig(filepath.Join(dir, ".copydesk.yml"), configRules())
	if err != nil {
		t.Fatal(err)
	}
	if c.FailOn != 0 {
		t.Errorf("empty config: FailOn %v", c.FailOn)
	}
	c, err = LoadConfig(filepath.Join(dir, "b.yml"), configRules())
	if err != nil {
		t.Fatal(err)
	}
	if c.FailOn != rules.Warning {
		t.Errorf("FailOn %v, want warning (the including file wins)", c.FailOn)
	}
}

// TestConfigChangesFindings is the configuration's acceptance test: a config
// that disables a rule, changes a severity, adds an existence and a
// substitution house rule, and overrides by path gives exactly the findings
// it describes.
func TestConfigChangesFindings(t *testing.T) {
	dir := filepath.Join("testdata", "config", "desk")
	all := append(configRules(), newOptRule("cliche", rules.Suggestion, true, "At the end of the day"))
	c, err := LoadConfig(filepath.Join(dir, ".copydesk.yml"), all)
	if err != nil {
		t.Fatal(err)
	}
	abs, _ := filepath.Abs(dir)
	chdir(t, abs)
	res := Run(context.Background(), []string{"."}, Options{
		RuleSetFor: c.RuleSetFor,
		Ignored:    c.IgnoredPath,
		Known:      c.Known,
		Jobs:       1,
	})
	if len(res.Errors) > 0 {
		t.Fatalf("errors: %v", res.Errors)
	}
	// Without the configuration, the disabled rule and the ignored folder
	// do give findings: the configuration is what removes them.
	plain := Run(context.Background(), []string{"."}, Options{Rules: DefaultRuleSet(all), Jobs: 1})
	seen := map[string]bool{}
	for _, f := range plain.Findings {
		seen[f.Rule] = true
		seen[f.Path] = true
	}
	if !seen["cliche"] || !seen["drafts/x.md"] {
		t.Fatal("the fixture does not exercise the disabled rule and the ignored folder")
	}
	var got []string
	for _, f := range res.Findings {
		got = append(got, fmt.Sprintf("%s:%d:%d: %s: %s [%s]", f.Path, f.Line, f.Column, f.Severity, f.Message, f.Rule))
		for _, fx := range f.Fixes {
			for _, e := range fx.Edits {
				got = append(got, fmt.Sprintf("  fix %d:%d-%d:%d %q", e.Line, e.Column, e.EndLine, e.EndColumn, e.New))
			}
		}
	}
	if !c.Known("Hype") || !c.Known("cliche") || c.Known("nope") {
		t.Error("Known does not list the built-in and house rules")
	}
	g := strings.Join(got, "\n") + "\n"
	if *updateConfigGolden {
		if err := os.WriteFile("findings.golden", []byte(g), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile("findings.golden")
	if err != nil {
		t.Fatal(err)
	}
	if g != string(want) {
		t.Errorf("findings differ\n--- got\n%s--- want\n%s", g, want)
	}
}

func TestForce(t *testing.T) {
	dir := writeFiles(t, map[string]string{".copydesk.yml": `rules:
  rare: {enabled: false, options: {words: [x]}}
overrides:
  - files: wire/**
    rules: {editorializing: {enabled: true, severity: error}}
`})
	c, err := LoadConfig(filepath.Join(dir, ".copydesk.yml"), configRules())
	if err != nil {
		t.Fatal(err)
	}
	before, _ := c.RuleSet("wire/a.md")
	c.Force(map[string]bool{"rare": true, "editorializing": false})
	after, err := c.RuleSet("wire/a.md")
	if err != nil {
		t.Fatal(err)
	}
	if before == after {
		t.Error("Force kept a rule set built before it")
	}
	if got, want := state(after), "placeholder(default):warning plain(default):error rare(default):suggestion"; got != want {
		t.Errorf("forced rule set %s, want %s", got, want)
	}
	if w := rareOf(after).(*optRule).opts.Words; len(w) != 1 || w[0] != "x" {
		t.Errorf("a forced-on rule lost its configured options: %v", w)
	}
	for _, st := range c.States() {
		switch st.Rule.Meta().Name {
		case "rare":
			if !st.Enabled {
				t.Error("States: rare not on")
			}
		case "editorializing":
			if st.Enabled || st.Overridden {
				t.Error("States: editorializing not off everywhere")
			}
		}
	}
}
