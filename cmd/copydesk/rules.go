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
		Flags: append(ruleSelectionFlags(), configFlags()...),
		Action: func(c *cli.Context) error {
			cfg, err := loadConfig(c, e, engine.Builtin())
			if err != nil {
				return err
			}
			if err := applySelection(c, cfg); err != nil {
				return err
			}
			tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "NAME\tCATEGORY\tSEVERITY\tSTATE\tSUMMARY")
			for _, st := range cfg.States() {
				m := st.Rule.Meta()
				state := "off"
				if st.Enabled {
					state = "on"
				}
				if st.Overridden {
					state += "*" // changed by an override for some paths
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", m.Name, m.Category, st.Severity, state, m.Summary)
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
		Flags:     configFlags(),
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usagef("explain: name one rule (see 'copydesk rules')")
			}
			name := c.Args().First()
			cfg, err := loadConfig(c, e, engine.Builtin())
			if err != nil {
				return err
			}
			r, ok := rules.Lookup(cfg.Rules(), name)
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
