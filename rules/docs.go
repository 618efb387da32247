package rules

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strings"
)

// WriteDocs writes the Markdown reference for rs, in the order given: an
// index table, then one section per rule with its summary, explanation,
// examples that fire and must not fire, and options. rules/RULES.md is
// WriteDocs(engine.Builtin()): these rules, the duplicate rules of
// rules/similar and the engine's own.
func WriteDocs(w io.Writer, rs []Rule) error {
	bw := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }
	p("# copydesk rules\n\n")
	p("<!-- Generated from each rule's Meta by `go test ./rules/engine -run RulesDoc -update-docs`. Do not edit by hand. -->\n\n")
	p("| rule | category | severity | default | summary |\n| --- | --- | --- | --- | --- |\n")
	for _, r := range rs {
		m := r.Meta()
		p("| [`%s`](#%s) | %s | %s | %s | %s |\n", m.Name, m.Name, m.Category, m.Severity, onOff(m.Default), tableCell(m.Summary))
	}
	for _, r := range rs {
		m := r.Meta()
		p("\n## %s\n\n", m.Name)
		p("%s. Category `%s`, severity `%s`, %s by default.\n", m.Summary, m.Category, m.Severity, onOff(m.Default))
		if doc := strings.TrimSpace(m.Doc); doc != "" {
			p("\n%s\n", doc)
		}
		for _, fires := range []bool{true, false} {
			ex := examples(m, fires)
			if len(ex) == 0 {
				continue
			}
			if fires {
				p("\nFires on:\n")
			} else {
				p("\nDoes not fire on:\n")
			}
			for _, e := range ex {
				fence := codeFence(e.Text)
				p("\n%s%s\n%s\n%s\n", fence, e.Format, strings.TrimRight(e.Text, "\n"), fence)
			}
		}
		if len(m.Options) > 0 {
			p("\nOptions:\n\n| option | meaning |\n| --- | --- |\n")
			for _, k := range sortedKeys(m.Options) {
				p("| `%s` | %s |\n", k, tableCell(m.Options[k]))
			}
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write rule docs: %w", err)
	}
	return nil
}

// Explain writes a rule's documentation as plain text, for
// `copydesk explain RULE`.
func Explain(w io.Writer, r Rule) error {
	m := r.Meta()
	bw := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }
	p("%s (%s, %s, %s by default)\n\n%s.\n", m.Name, m.Category, m.Severity, onOff(m.Default), m.Summary)
	if doc := strings.TrimSpace(m.Doc); doc != "" {
		p("\n%s\n", doc)
	}
	for _, fires := range []bool{true, false} {
		ex := examples(m, fires)
		if len(ex) == 0 {
			continue
		}
		if fires {
			p("\nFires on:\n")
		} else {
			p("\nDoes not fire on:\n")
		}
		for _, e := range ex {
			for i, line := range strings.Split(strings.TrimRight(e.Text, "\n"), "\n") {
				mark := "  "
				if i == 0 {
					mark = "- "
				}
				p("  %s%s\n", mark, line)
			}
		}
	}
	if len(m.Options) > 0 {
		p("\nOptions:\n")
		for _, k := range sortedKeys(m.Options) {
			p("  %s: %s\n", k, m.Options[k])
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("explain %s: %w", m.Name, err)
	}
	return nil
}

func onOff(on bool) string {
	if on {
		return "on"
	}
	return "off"
}

func examples(m Meta, fires bool) []Example {
	var out []Example
	for _, e := range m.Examples {
		if e.Fires == fires {
			out = append(out, e)
		}
	}
	return out
}

// tableCell keeps text on one line of a Markdown table.
func tableCell(s string) string {
	s = strings.ReplaceAll(s, "|", "\\|")
	return strings.Join(strings.Fields(s), " ")
}

// codeFence returns a backtick fence longer than any run of backticks in s.
func codeFence(s string) string {
	longest, run := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	return strings.Repeat("`", max(3, longest+1))
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
