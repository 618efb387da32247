package engine

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// Pathological inputs: every case must finish and give sensible output with
// the full built-in rule set. The largest sizes run without -short (the
// README's test command); `go test -short` uses smaller ones.

func builtinRules() *RuleSet {
	rs := &RuleSet{}
	rs.Rules = append(rs.Rules, Builtin()...)
	return rs
}

func size(short, full int) int {
	if testing.Short() {
		return short
	}
	return full
}

func runOn(t *testing.T, paths ...string) (*resultSummary, time.Duration) {
	t.Helper()
	start := time.Now()
	res := Run(context.Background(), paths, Options{Rules: builtinRules()})
	d := time.Since(start)
	for _, f := range res.Findings {
		if f.Rule == InternalError {
			t.Fatalf("internal error: %s", f.Message)
		}
		if f.Line < 1 || f.Column < 1 || f.EndLine < f.Line || f.Offset > f.EndOffset {
			t.Fatalf("bad position: %+v", f)
		}
	}
	return &resultSummary{files: res.Summary.Files, findings: len(res.Findings), errors: len(res.Errors)}, d
}

type resultSummary struct{ files, findings, errors int }

func writeBig(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const storyPara = "The council voted on Tuesday to approve the budget, which had been delayed by months of argument. " +
	"“We are pleased,” said the leader, Jane Smith. Critics of the plan said it did not go far enough.\n\n"

func TestStressHugeFile(t *testing.T) {
	n := size(5<<20, 50<<20)
	var b bytes.Buffer
	b.WriteString("A headline for a very long file\n\n")
	for b.Len() < n {
		b.WriteString(storyPara)
	}
	b.WriteString("The total was XX percent.\n")
	p := writeBig(t, "huge.txt", b.Bytes())
	s, _ := runOn(t, p)
	if s.files != 1 || s.findings < 1 {
		t.Errorf("summary %+v: want the placeholder at the end found", s)
	}
}

func TestStressSingleLine(t *testing.T) {
	n := size(1<<20, 10<<20)
	line := strings.Repeat("word and more words, ", n/21) + "[source]"
	for _, name := range []string{"line.txt", "line.md", "line.html"} {
		t.Run(name, func(t *testing.T) {
			p := writeBig(t, name, []byte(line))
			s, _ := runOn(t, p)
			if s.files != 1 || s.findings < 1 {
				t.Errorf("summary %+v: want the placeholder found", s)
			}
		})
	}
}

func TestStressDeepHTML(t *testing.T) {
	depth := size(10_000, 100_000)
	var b bytes.Buffer
	b.WriteString("<html><body>")
	for range depth {
		b.WriteString("<div><span>")
	}
	b.WriteString("<p>Deep text with [source] in it.</p>")
	for range depth {
		b.WriteString("</span></div>")
	}
	b.WriteString("</body></html>")
	p := writeBig(t, "deep.html", b.Bytes())
	s, _ := runOn(t, p)
	if s.findings < 1 {
		t.Errorf("summary %+v: want the placeholder found", s)
	}
}

func TestStressTinyParagraphs(t *testing.T) {
	n := size(100_000, 1_000_000)
	var b bytes.Buffer
	b.WriteString("Headline\n\n")
	for i := range n {
		if i%2 == 0 {
			b.WriteString("Yes.\n\n")
		} else {
			b.WriteString("No.\n\n")
		}
	}
	p := writeBig(t, "tiny.md", b.Bytes())
	if _, d := runOn(t, p); d > 5*time.Minute {
		t.Errorf("took %v", d)
	}
}

func TestStressManyFiles(t *testing.T) {
	n := size(2_000, 100_000)
	dir := t.TempDir()
	for i := range n {
		body := fmt.Sprintf("Story %d\n\nA short item about item %d in the borough.\n", i, i)
		if i%1000 == 7 {
			body += "\nSee [link].\n"
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("s%06d.txt", i)), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s, _ := runOn(t, dir)
	if s.files != n || s.errors != 0 {
		t.Errorf("summary %+v, want %d files", s, n)
	}
	if want := (n + 992) / 1000; s.findings < want {
		t.Errorf("findings = %d, want at least %d", s.findings, want)
	}
}

func TestStressOddNames(t *testing.T) {
	dir := t.TempDir()
	names := []string{"with space.txt", "ünïcode.md", "bad\xff\xfename.txt", "-dash.txt"}
	for _, n := range names {
		if err := os.WriteFile(filepath.Join(dir, n), []byte("Head\n\nA [source] here.\n"), 0o644); err != nil {
			t.Skipf("file system refuses %q: %v", n, err)
		}
	}
	s, _ := runOn(t, dir)
	if s.files != len(names) || s.findings != len(names) {
		t.Errorf("summary %+v, want %d files with one finding each", s, len(names))
	}
}

func TestStressUnreadableFolder(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads every folder")
	}
	dir := writeFiles(t, map[string]string{"ok/a.txt": "Head\n\nA [source].\n", "locked/b.txt": "Head\n\nB.\n"})
	if err := os.Chmod(filepath.Join(dir, "locked"), 0); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(filepath.Join(dir, "locked"), 0o755)
	res := Run(context.Background(), []string{dir}, Options{Rules: builtinRules()})
	if len(res.Errors) != 1 || res.Summary.Files != 1 {
		t.Errorf("errors %v, files %d", res.Errors, res.Summary.Files)
	}
}

func TestStressFileDeletedDuringWalk(t *testing.T) {
	dir := writeFiles(t, map[string]string{"a.txt": "Head\n\nA [source].\n", "b.txt": "Head\n\nB [source].\n", "c.txt": "Head\n\nC.\n"})
	var once atomic.Bool
	res := Run(context.Background(), []string{dir}, Options{
		Rules: builtinRules(),
		// The walk has listed the folder when it asks about a.txt: remove
		// b.txt then, as another process might.
		Ignored: func(p string) bool {
			if filepath.Base(p) == "a.txt" && once.CompareAndSwap(false, true) {
				_ = os.Remove(filepath.Join(dir, "b.txt"))
			}
			return false
		},
	})
	if len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Error(), "b.txt: no such file or directory") {
		t.Errorf("errors = %v", res.Errors)
	}
	if res.Summary.Files != 2 {
		t.Errorf("files = %d, want 2", res.Summary.Files)
	}
}
