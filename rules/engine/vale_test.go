package engine

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/rules/article"
)

// valeAlert is the part of Vale's JSON output the parity test compares.
type valeAlert struct {
	Check    string
	Message  string
	Severity string
	Match    string
	Line     int
	Span     [2]int // 1-based columns, end inclusive
}

func (a valeAlert) String() string {
	return fmt.Sprintf("%d:%d-%d %s %s %q %s", a.Line, a.Span[0], a.Span[1], a.Check, a.Severity, a.Match, a.Message)
}

// TestValeParity loads the sample Vale style folder and checks that the
// house rules report what Vale v3.21.0 reported on the sample story
// (vale.golden.json, written by testdata/bench/vale-parity.sh).
func TestValeParity(t *testing.T) {
	dir := filepath.Join("testdata", "config", "vale")
	raw, err := os.ReadFile(filepath.Join(dir, "vale.golden.json"))
	if err != nil {
		t.Fatal(err)
	}
	var golden map[string][]valeAlert
	if err := json.Unmarshal(raw, &golden); err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, a := range golden["story.md"] {
		want = append(want, a.String())
	}
	sort.Strings(want)
	if len(want) == 0 {
		t.Fatal("golden file has no alerts for story.md")
	}

	c, err := LoadConfig(filepath.Join(dir, ".copydesk.yml"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Warnings) != 0 {
		t.Errorf("warnings loading a fully supported style: %q", c.Warnings)
	}
	if len(c.House) != 8 {
		t.Errorf("loaded %d house rules, want 8 (one per .yml file)", len(c.House))
	}
	src, err := os.ReadFile(filepath.Join(dir, "story.md"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := article.Parse("story.md", src)
	if err != nil {
		t.Fatal(err)
	}
	rs, err := c.RuleSet("story.md")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rs.Rules {
		m := r.Meta()
		for _, d := range r.Check(doc) {
			line, col := doc.Position(d.Start)
			eline, ecol := doc.Position(d.End)
			if eline != line {
				t.Errorf("%s: match spans lines %d-%d", m.Name, line, eline)
			}
			got = append(got, valeAlert{
				Check: m.Name, Message: d.Message, Severity: m.Severity.String(),
				Match: string(doc.Src[d.Start:d.End]), Line: line, Span: [2]int{col, ecol - 1},
			}.String())
		}
	}
	sort.Strings(got)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("copydesk and Vale differ\n--- copydesk\n%s\n--- Vale\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestValeUnsupported checks that what copydesk cannot load from a Vale
// style folder is named, and the rest loads.
func TestValeUnsupported(t *testing.T) {
	dir := filepath.Join("testdata", "config", "vale-unsupported")
	c, err := LoadConfig(filepath.Join(dir, ".copydesk.yml"), nil)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, r := range c.House {
		names = append(names, r.Meta().Name)
	}
	if got, want := strings.Join(names, " "), "Odd.Fine"; got != want {
		t.Errorf("loaded %q, want %q", got, want)
	}
	wants := []string{
		`BadRegex.yml: cannot load Vale rule: tokens: error parsing regexp: `,
		`Limited.yml: Vale field "limit" (limits the number of alerts) is not supported; skipped`,
		`Readability.yml: Vale rule kind "readability" is not supported; skipped`,
		`Spelling.yml: Vale rule kind "spelling" is not supported; skipped`,
		`Upper.yml: Vale capitalization with match "$upper" is not supported (only $title and $sentence); skipped`,
	}
	all := strings.Join(c.Warnings, "\n")
	if len(c.Warnings) != len(wants) {
		t.Errorf("got %d warnings, want %d:\n%s", len(c.Warnings), len(wants), all)
	}
	for _, w := range wants {
		if !strings.Contains(all, w) {
			t.Errorf("no warning containing %q in:\n%s", w, all)
		}
	}
}
