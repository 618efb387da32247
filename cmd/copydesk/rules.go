package main

import (
	"fmt"
	"runtime"
	"text/tabwriter"

	"github.com/urfave/cli/v2"

	"github.com/copydesk/copydesk/rules"
	"github.com/copydesk/copydesk/rules/engine"
)

func rulesCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "rules",
		Usage: "list the rules: name, category, severity, on/off, summary",
		Flags: ruleSelectionFlags(),
		Action: func(c *cli.Context) error {
			all := engine.Builtin()
			rs, err := selectRules(c, all)
			if err != nil {
				return err
			}
			on := map[string]bool{}
			for _, r := range rs.Rules {
				on[r.Meta().Name] = true
			}
			tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "NAME\tCATEGORY\tSEVERITY\tSTATE\tSUMMARY")
			for _, r := range all {
				m := r.Meta()
				state := "off"
				if on[m.Name] {
					state = "on"
				}
				sev := m.Severity
				if s, ok := rs.Severity[m.Name]; ok && s != 0 {
					sev = s
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", m.Name, m.Category, sev, state, m.Summary)
			}
			return tw.Flush()
		},
	}
}

func explainCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "explain",
		Usage:     "explain a rule: what it finds, why, what to do, with examples",
		ArgsUsage: "RULE",
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usagef("explain: name one rule (see 'copydesk rules')")
			}
			name := c.Args().First()
			r, ok := rules.Lookup(engine.Builtin(), name)
			if !ok {
				return usagef("explain: unknown rule %q (see 'copydesk rules')", name)
			}
			return rules.Explain(e.stdout, r)
		},
	}
}

func versionCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "version",
		Usage: "print copydesk's version",
		Action: func(*cli.Context) error {
			all := engine.Builtin()
			fmt.Fprintf(e.stdout, "copydesk %s (%s, %d rules, rule set %s)\n", version(), runtime.Version(), len(all), engine.RulesetVersion(all))
			return nil
		},
	}
}
