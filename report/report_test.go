package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/rogpeppe/go-internal/diff"

	"github.com/copydesk/copydesk/rules"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// escapeMessage holds every character that some format must escape: %, CR,
// LF, comma, colon, <, >, &, double and single quotes.
const escapeMessage = "template variable \"{{ price }}\" left in: 100% <b>&</b>, it's here\r\nsecond line"

// fixture is the one result every format's golden file is made from:
// several files (one clean, one with a space in its path), all three
// severities, related locations in the same and in another file, fixes with
// edits, non-ASCII messages, a message that needs escaping everywhere, a
// rule without metadata, two findings sharing a fingerprint, a file error
// and a note.
func fixture() *rules.Result {
	const a, b, c, d = "stories/a.md", "stories/b.txt", "stories/clean.md", "stories/my story.md"
	loc := func(path string, line, col, endLine, endCol, off, endOff int) rules.Location {
		return rules.Location{Path: path, Line: line, Column: col, EndLine: endLine, EndColumn: endCol, Offset: off, EndOffset: endOff}
	}
	return &rules.Result{
		Findings: []rules.Finding{
			{
				Path: a, Rule: "avatar-byline", Category: rules.Residue, Severity: rules.Warning,
				Message: "byline \"Zoë Müller\" repeated from line 2",
				Line:    5, Column: 1, EndLine: 5, EndColumn: 11, Offset: 120, EndOffset: 132,
				Match: "Zoë Müller", Fingerprint: "3f2a9c0e51b7d846",
				Related: []rules.Location{func() rules.Location {
					l := loc(a, 2, 4, 2, 14, 14, 26)
					l.Message = "first byline"
					return l
				}()},
				Fixes: []rules.FindingFix{{
					Message: "delete the repeated byline",
					Edits:   []rules.FindingEdit{{Location: loc(a, 5, 1, 5, 11, 120, 132), New: ""}},
				}},
			},
			{
				Path: a, Rule: "placeholder", Category: rules.Leftover, Severity: rules.Error,
				Message: "placeholder \"[source]\" left in the copy",
				Line:    19, Column: 273, EndLine: 19, EndColumn: 281, Offset: 1710, EndOffset: 1718,
				Match: "[source]", Fingerprint: "9b1c4e7a20d3f558",
			},
			{
				Path: a, Rule: "redundant-modifier", Category: rules.Style, Severity: rules.Suggestion,
				Message: "“very unique” is redundant; write “unique”",
				Line:    19, Column: 300, EndLine: 19, EndColumn: 311, Offset: 1737, EndOffset: 1748,
				Match: "very unique", Fingerprint: "c0ffee0123456789",
				Fixes: []rules.FindingFix{{
					Message: "write “unique”",
					Edits:   []rules.FindingEdit{{Location: loc(a, 19, 300, 19, 311, 1737, 1748), New: "unique"}},
				}},
			},
			{
				Path: b, Rule: "template-variable", Category: rules.Leftover, Severity: rules.Error,
				Message: escapeMessage,
				Line:    3, Column: 1, EndLine: 3, EndColumn: 14, Offset: 40, EndOffset: 53,
				Match: "{{ price }}", Fingerprint: "5e5e5e5e00000001",
				Fixes: []rules.FindingFix{{
					Message: "fill in: <price> & \"currency\", 100%",
					Edits: []rules.FindingEdit{
						{Location: loc(b, 3, 1, 3, 3, 40, 42), New: ""},
						{Location: loc(b, 3, 12, 3, 14, 51, 53), New: " €"},
					},
				}},
			},
			{
				Path: b, Rule: "unused-directive", Category: rules.Internal, Severity: rules.Warning,
				Message: "copydesk-disable-next-line placeholder suppresses nothing",
				Line:    3, Column: 1, EndLine: 3, EndColumn: 40, Offset: 40, EndOffset: 79,
				Match: "<!-- copydesk-disable-next-line placeholder -->", Fingerprint: "77aa77aa77aa77aa",
			},
			{
				Path: d, Rule: "near-duplicate", Category: rules.Duplicate, Severity: rules.Warning,
				Message: "near-duplicate of stories/a.md (Jaccard 0.91, containment 0.95)",
				Line:    1, Column: 1, EndLine: 12, EndColumn: 40, Offset: 0, EndOffset: 1904,
				Fingerprint: "ddd0000000000001",
				Related: []rules.Location{func() rules.Location {
					l := loc(a, 1, 1, 20, 5, 0, 1900)
					l.Message = "the other article"
					return l
				}()},
			},
			{
				Path: d, Rule: "repeated-word", Category: rules.Mechanics, Severity: rules.Suggestion,
				Message: "repeated word „die die“ in „Straße“ quote",
				Line:    8, Column: 5, EndLine: 8, EndColumn: 12, Offset: 700, EndOffset: 707,
				Match: "die die", Fingerprint: "abcabcabcabcabc0",
				Fixes: []rules.FindingFix{{
					Message: "delete the second „die“",
					Edits:   []rules.FindingEdit{{Location: loc(d, 8, 8, 8, 12, 703, 707), New: ""}},
				}},
			},
			{
				Path: d, Rule: "repeated-word", Category: rules.Mechanics, Severity: rules.Suggestion,
				Message: "repeated word „die die“ in „Straße“ quote",
				Line:    9, Column: 5, EndLine: 9, EndColumn: 12, Offset: 760, EndOffset: 767,
				Match: "die die", Fingerprint: "abcabcabcabcabc0",
			},
		},
		Documents: []rules.DocumentInfo{
			{Path: a, Hash: "aa", Words: 412, Title: "Council votes"},
			{Path: b, Hash: "bb", Words: 230},
			{Path: c, Hash: "cc", Words: 3100},
			{Path: d, Hash: "dd", Words: 468},
		},
		Summary: rules.Summary{
			Files: 4, Words: 4210, Findings: 8,
			BySeverity: map[string]int{"error": 2, "warning": 3, "suggestion": 3},
			ByRule: map[string]int{
				"avatar-byline": 1, "near-duplicate": 1, "placeholder": 1, "redundant-modifier": 1,
				"repeated-word": 2, "template-variable": 1, "unused-directive": 1,
			},
		},
		Errors: []rules.FileError{{Path: "stories/broken.md", Err: errors.New("open stories/broken.md: permission denied")}},
		Notes:  []string{"stories/c.bin: binary file skipped"},
	}
}

// fixtureMetas describe the fixture's rules, except unused-directive, so
// that formats must cope with a rule they have no metadata for.
func fixtureMetas() []rules.Meta {
	return []rules.Meta{
		{Name: "avatar-byline", Category: rules.Residue, Severity: rules.Warning, Default: true,
			Summary: "Byline or avatar text printed twice",
			Doc:     "A scraper or template printed the byline again.\n\nDelete the copy; keep the first."},
		{Name: "near-duplicate", Category: rules.Duplicate, Severity: rules.Warning, Default: true,
			Summary: "Story is a near-duplicate of another",
			Doc:     "Two stories share most of their text."},
		{Name: "placeholder", Category: rules.Leftover, Severity: rules.Error, Default: true,
			Summary: "Placeholder left in the copy",
			Doc:     "Placeholders such as [source], TK or XX mark text meant to be replaced before publishing.",
			Examples: []rules.Example{
				{Text: "The mayor said [source] on Monday.", Fires: true},
				{Text: "The mayor said on Monday.", Fires: false},
			}},
		{Name: "redundant-modifier", Category: rules.Style, Severity: rules.Suggestion,
			Summary: "Redundant modifier such as “very unique”",
			Doc:     "Absolute adjectives take no intensifier: <unique> & \"final\" are 100% absolute."},
		{Name: "repeated-word", Category: rules.Mechanics, Severity: rules.Suggestion, Default: true,
			Summary: "Word repeated by accident"},
		{Name: "template-variable", Category: rules.Leftover, Severity: rules.Error, Default: true,
			Summary: "Template variable left in the copy",
			Doc:     "A {{ variable }} the CMS did not fill in."},
	}
}

func fixtureOptions() Options {
	return Options{ToolVersion: "1.2.3", RuleMetas: fixtureMetas()}
}

// emptyResult is a run that checked two files and found nothing.
func emptyResult() *rules.Result {
	return &rules.Result{
		Documents: []rules.DocumentInfo{{Path: "a.md", Words: 10}, {Path: "b.md", Words: 5}},
		Summary:   rules.Summary{Files: 2, Words: 15},
	}
}

func render(t *testing.T, name string, opts Options, res *rules.Result) []byte {
	t.Helper()
	f, err := New(name, opts)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Format(&buf, res); err != nil {
		t.Fatalf("%s: Format: %v", name, err)
	}
	return buf.Bytes()
}

// checkGolden compares got with testdata/name.golden, or rewrites the file
// under -update.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./report -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from golden file (go test ./report -update rewrites it):\n%s",
			name, diff.Diff(path, want, "got", got))
	}
}

func TestGolden(t *testing.T) {
	for _, name := range Names() {
		t.Run(name, func(t *testing.T) {
			checkGolden(t, name, render(t, name, fixtureOptions(), fixture()))
		})
	}
}

// TestDoesNotModifyResult guards the shared result: formatters run one after
// another over the same value.
func TestDoesNotModifyResult(t *testing.T) {
	for _, name := range Names() {
		res := fixture()
		render(t, name, fixtureOptions(), res)
		want, _ := json.Marshal(fixture())
		got, _ := json.Marshal(res)
		if !bytes.Equal(got, want) {
			t.Errorf("%s modified the result", name)
		}
	}
}

// TestValidOutput checks that every format writes well-formed output for
// the fixture and for runs without findings, with and without options.
func TestValidOutput(t *testing.T) {
	for _, name := range Names() {
		for _, tc := range []struct {
			what string
			res  *rules.Result
		}{
			{"fixture", fixture()},
			{"no findings", emptyResult()},
			{"zero value", &rules.Result{}},
		} {
			for _, o := range []struct {
				what string
				opts Options
			}{
				{"options", fixtureOptions()},
				{"no options", Options{}},
			} {
				t.Run(name+"/"+tc.what+"/"+o.what, func(t *testing.T) {
					checkWellFormed(t, name, render(t, name, o.opts, tc.res))
				})
			}
		}
	}
}

// checkWellFormed fails when out is not what format name promises.
func checkWellFormed(t *testing.T, name string, out []byte) {
	t.Helper()
	switch name {
	case "checkstyle", "junit":
		checkXML(t, out)
	case "codeclimate":
		checkCodeClimate(t, out)
	case "github":
		checkAnnotations(t, out)
	case "json":
		if !json.Valid(out) {
			t.Errorf("json output is not valid JSON:\n%s", out)
		}
	case "rdjsonl":
		checkRDJSONL(t, out)
	case "sarif":
		validate(t, "sarif-schema-2.1.0.json", out)
	case "text":
		if bytes.Contains(out, []byte("\x1b")) {
			t.Errorf("text output without Color has escape codes:\n%q", out)
		}
	default:
		t.Fatalf("no well-formedness check for format %q", name)
	}
}

func TestNewUnknown(t *testing.T) {
	_, err := New("yaml", Options{})
	if err == nil {
		t.Fatal("New(yaml) succeeded")
	}
}

func TestNamesSorted(t *testing.T) {
	if names := Names(); !slices.IsSorted(names) || len(names) == 0 {
		t.Errorf("Names() = %v, want a sorted, non-empty list", names)
	}
}
