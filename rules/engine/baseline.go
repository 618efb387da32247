package engine

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/copydesk/copydesk/rules"
)

// Baseline is a set of known findings, by fingerprint, that a run does not
// report again: how an archive adopts copydesk without drowning in old
// findings. The file lists each finding's fingerprint with its path, rule
// and message so that a reviewer can read what was accepted.
type Baseline struct {
	Version  int             `json:"version"`
	Findings []BaselineEntry `json:"findings"`
}

// BaselineEntry is one accepted finding.
type BaselineEntry struct {
	Fingerprint string `json:"fingerprint"`
	Path        string `json:"path"`
	Rule        string `json:"rule"`
	Line        int    `json:"line"`
	Message     string `json:"message"`
}

// NewBaseline makes a baseline of every finding of a result.
func NewBaseline(res *rules.Result) *Baseline {
	b := &Baseline{Version: 1, Findings: []BaselineEntry{}}
	for _, f := range res.Findings {
		b.Findings = append(b.Findings, BaselineEntry{f.Fingerprint, f.Path, f.Rule, f.Line, f.Message})
	}
	return b
}

// Write writes the baseline as indented JSON.
func (b *Baseline) Write(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(b)
}

// ReadBaseline reads a baseline file.
func ReadBaseline(path string) (*Baseline, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("baseline %s: %w", path, describe(err))
	}
	var b Baseline
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&b); err != nil {
		return nil, fmt.Errorf("baseline %s: not a copydesk baseline: %v", path, err)
	}
	if b.Version != 1 {
		return nil, fmt.Errorf("baseline %s: unsupported version %d (want 1)", path, b.Version)
	}
	return &b, nil
}

// Filter drops the findings whose fingerprint is in the baseline and
// recomputes the summary. It returns how many were dropped.
func (b *Baseline) Filter(res *rules.Result) int {
	known := make(map[string]bool, len(b.Findings))
	for _, e := range b.Findings {
		known[e.Fingerprint] = true
	}
	return filterFindings(res, func(f *rules.Finding) bool { return !known[f.Fingerprint] })
}

// filterFindings keeps the findings keep accepts and recomputes the
// summary's finding counts.
func filterFindings(res *rules.Result, keep func(*rules.Finding) bool) int {
	kept := res.Findings[:0]
	for i := range res.Findings {
		if keep(&res.Findings[i]) {
			kept = append(kept, res.Findings[i])
		}
	}
	dropped := len(res.Findings) - len(kept)
	res.Findings = kept
	res.Summary.Findings = len(kept)
	res.Summary.BySeverity = map[string]int{}
	res.Summary.ByRule = map[string]int{}
	for _, f := range kept {
		res.Summary.BySeverity[f.Severity.String()]++
		res.Summary.ByRule[f.Rule]++
	}
	return dropped
}

// ChangedLines is, for each file (absolute, cleaned path), the lines added
// or changed since a git revision; a nil slice means the whole file is new.
type ChangedLines map[string][][2]int

// GitChangedLines asks the git on PATH which lines changed between rev and
// the working tree (untracked files count as wholly new), in the repository
// that holds dir.
func GitChangedLines(dir, rev string) (ChangedLines, error) {
	if _, err := exec.LookPath("git"); err != nil {
		return nil, errors.New("--new-from-rev needs git on PATH")
	}
	top, err := gitOutput(dir, "rev-parse", "--show-toplevel")
	if err != nil {
		return nil, fmt.Errorf("--new-from-rev: %s is not in a git repository", dir)
	}
	top = strings.TrimSpace(top)
	if _, err := gitOutput(dir, "rev-parse", "--verify", "--quiet", rev+"^{commit}"); err != nil {
		return nil, fmt.Errorf("--new-from-rev: unknown revision %q", rev)
	}
	diff, err := gitOutput(top, "diff", "--no-color", "--no-ext-diff", "--no-renames", "-U0", rev, "--")
	if err != nil {
		return nil, fmt.Errorf("--new-from-rev: git diff: %v", err)
	}
	cl := parseUnifiedDiff(top, diff)
	untracked, err := gitOutput(top, "ls-files", "--others", "--exclude-standard", "-z")
	if err != nil {
		return nil, fmt.Errorf("--new-from-rev: git ls-files: %v", err)
	}
	for _, p := range strings.Split(untracked, "\x00") {
		if p != "" {
			cl[filepath.Join(top, filepath.FromSlash(p))] = nil
		}
	}
	return cl, nil
}

func gitOutput(dir string, args ...string) (string, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		if i := strings.IndexByte(msg, '\n'); i >= 0 {
			msg = msg[:i]
		}
		return "", errors.New(msg)
	}
	return string(out), nil
}

// parseUnifiedDiff reads `git diff -U0` output into the new-side line
// ranges of each file.
func parseUnifiedDiff(top, diff string) ChangedLines {
	cl := ChangedLines{}
	var cur string
	sc := bufio.NewScanner(strings.NewReader(diff))
	sc.Buffer(make([]byte, 1<<20), 1<<30)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "+++ "):
			name := strings.TrimPrefix(line, "+++ ")
			if name == "/dev/null" {
				cur = ""
				continue
			}
			if unq, err := strconv.Unquote(name); err == nil {
				name = unq
			}
			name = strings.TrimPrefix(name, "b/")
			cur = filepath.Join(top, filepath.FromSlash(name))
			if _, ok := cl[cur]; !ok {
				cl[cur] = [][2]int{}
			}
		case strings.HasPrefix(line, "@@ ") && cur != "":
			// @@ -a,b +c,d @@
			fields := strings.Fields(line)
			if len(fields) < 3 || !strings.HasPrefix(fields[2], "+") {
				continue
			}
			start, count := parseRange(fields[2][1:])
			if count > 0 {
				cl[cur] = append(cl[cur], [2]int{start, start + count - 1})
			}
		}
	}
	for k := range cl {
		sort.Slice(cl[k], func(i, j int) bool { return cl[k][i][0] < cl[k][j][0] })
	}
	return cl
}

func parseRange(s string) (start, count int) {
	a, b, ok := strings.Cut(s, ",")
	start, _ = strconv.Atoi(a)
	count = 1
	if ok {
		count, _ = strconv.Atoi(b)
	}
	return start, count
}

// Filter keeps only the findings that touch a changed line. Paths are
// resolved against cwd.
func (cl ChangedLines) Filter(res *rules.Result, cwd string) int {
	return filterFindings(res, func(f *rules.Finding) bool {
		p := f.Path
		if !filepath.IsAbs(p) {
			p = filepath.Join(cwd, p)
		}
		p = filepath.Clean(p)
		if real, err := filepath.EvalSymlinks(p); err == nil {
			p = real
		}
		ranges, ok := cl[p]
		if !ok {
			return false
		}
		if ranges == nil {
			return true
		}
		end := f.EndLine
		if end < f.Line {
			end = f.Line
		}
		for _, r := range ranges {
			if r[0] <= end && f.Line <= r[1] {
				return true
			}
		}
		return false
	})
}
