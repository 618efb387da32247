package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The problem matcher in .github must parse every line of the text format.
func TestProblemMatcherParsesTextOutput(t *testing.T) {
	data, err := os.ReadFile("../../.github/copydesk-matcher.json")
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		ProblemMatcher []struct {
			Pattern []struct {
				Regexp                                      string
				File, Line, Column, Severity, Message, Code int
			}
		}
	}
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	p := m.ProblemMatcher[0].Pattern[0]
	re := regexp.MustCompile(p.Regexp)
	var out, errb bytes.Buffer
	code := run([]string{"copydesk", "check", "--fail-on", "none", "../../testdata/articles"}, nil, &out, &errb)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) < 3 {
		t.Fatalf("want findings on the sample articles, got %q", out.String())
	}
	for _, l := range lines {
		g := re.FindStringSubmatch(l)
		if g == nil {
			t.Errorf("matcher does not parse %q", l)
			continue
		}
		if !strings.HasPrefix(g[p.File], "../../testdata/articles/") || g[p.Line] == "" || g[p.Column] == "" || g[p.Code] == "" {
			t.Errorf("bad captures for %q: %q", l, g)
		}
	}
	// A path with a colon and a message with brackets still parse.
	g := re.FindStringSubmatch("desk/a:b.md:3:7: warning: placeholder \"[source]\" left [x] [placeholder]")
	if g == nil || g[p.File] != "desk/a:b.md" || g[p.Code] != "placeholder" || g[p.Message] != `placeholder "[source]" left [x]` {
		t.Errorf("captures %q", g)
	}
}

// The composite action's command line must be one copydesk accepts.
func TestActionRunsCheck(t *testing.T) {
	data, err := os.ReadFile("../../action.yml")
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	if !strings.Contains(text, `go install "github.com/copydesk/copydesk/cmd/copydesk@${{ inputs.version }}"`) {
		t.Error("action does not install with go install")
	}
	i := strings.Index(text, `copydesk" check `)
	if i < 0 {
		t.Fatal("action does not run copydesk check")
	}
	line := text[i+len(`copydesk" `):]
	line = line[:strings.IndexByte(line, '\n')]
	// Substitute the inputs' defaults as the runner would.
	dir := t.TempDir()
	sarif := filepath.Join(dir, "copydesk.sarif")
	story := filepath.Join(dir, "story.md")
	if err := os.WriteFile(story, []byte("# Head\n\nAccording to [source], it rose.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := strings.NewReplacer(`"${out[@]}"`, "--output sarif="+sarif, `"${{ inputs.fail-on }}"`, "error",
		"${{ inputs.args }}", "", "${{ inputs.paths }}", story)
	args := append([]string{"copydesk"}, strings.Fields(r.Replace(line))...)
	var out, errb bytes.Buffer
	code := run(args, nil, &out, &errb)
	if code != exitFindings {
		t.Fatalf("%v: exit %d, stderr %s", args, code, errb.String())
	}
	if !strings.HasPrefix(out.String(), "::error file=") {
		t.Errorf("want annotations, got %q", out.String())
	}
	if _, err := os.Stat(sarif); err != nil {
		t.Errorf("SARIF not written: %v", err)
	}
}

func TestPreCommitHook(t *testing.T) {
	data, err := os.ReadFile("../../.pre-commit-hooks.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"- id: copydesk", "entry: copydesk check", "language: golang"} {
		if !strings.Contains(string(data), want) {
			t.Errorf(".pre-commit-hooks.yaml lacks %q", want)
		}
	}
}
