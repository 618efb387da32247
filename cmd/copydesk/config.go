package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/copydesk/copydesk/rules"
	"github.com/copydesk/copydesk/rules/engine"
)

// configFlags choose the configuration file.
func configFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "config", Usage: "read this configuration file instead of the nearest .copydesk.yml"},
		&cli.BoolFlag{Name: "no-config", Usage: "read no configuration file: built-in defaults only"},
	}
}

// loadConfig reads the configuration the flags name: --config PATH, none
// with --no-config, else the nearest .copydesk.yml above the working
// directory (the defaults when there is none). Warnings go to stderr.
func loadConfig(c *cli.Context, e *env, all []rules.Rule) (*engine.Config, error) {
	path := c.String("config")
	if c.Bool("no-config") {
		if path != "" {
			return nil, usagef("--config and --no-config: give one of them")
		}
		return engine.DefaultConfig(all), nil
	}
	if path == "" {
		wd, err := os.Getwd()
		if err != nil {
			return nil, fmt.Errorf("find configuration: %w", err)
		}
		if path, err = engine.FindConfig(wd); err != nil {
			return nil, err
		}
		if path == "" {
			return engine.DefaultConfig(all), nil
		}
	}
	cfg, err := engine.LoadConfig(path, all)
	if err != nil {
		return nil, err
	}
	for _, w := range cfg.Warnings {
		fmt.Fprintf(e.stderr, "copydesk: warning: %s\n", w)
	}
	return cfg, nil
}

// applySelection reads --enable and --disable (rule name -> forced state;
// "all" names every rule the configuration knows) and forces them on the
// configuration, over the file.
func applySelection(c *cli.Context, cfg *engine.Config) error {
	sel := map[string]bool{}
	for _, f := range []struct {
		flag string
		on   bool
	}{{"enable", true}, {"disable", false}} {
		for _, item := range c.StringSlice(f.flag) {
			for _, name := range strings.Split(item, ",") {
				name = strings.TrimSpace(name)
				switch {
				case name == "":
				case name == "all":
					for _, r := range cfg.Rules() {
						sel[r.Meta().Name] = f.on
					}
				case cfg.Known(name):
					sel[name] = f.on
				default:
					return usagef("--%s: unknown rule %q (see 'copydesk rules')", f.flag, name)
				}
			}
		}
	}
	cfg.Force(sel)
	return nil
}

// activeMetas lists the rules that may run on some file (on at the top
// level or in an override), for formatters that describe the rules.
func activeMetas(cfg *engine.Config) []rules.Meta {
	var out []rules.Meta
	for _, st := range cfg.States() {
		if st.Enabled || st.Overridden {
			out = append(out, st.Rule.Meta())
		}
	}
	return out
}

func initCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "init",
		Usage:     "write a commented starter .copydesk.yml in the current folder (never overwrites one)",
		ArgsUsage: " ",
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usagef("init: takes no arguments")
			}
			return writeStarterConfig(e, ".copydesk.yml")
		},
	}
}

// writeStarterConfig writes the starter configuration to path, atomically,
// and refuses when a file is already there.
func writeStarterConfig(e *env, path string) error {
	dir := filepath.Dir(path)
	for _, name := range engine.ConfigNames {
		p := filepath.Join(dir, name)
		if _, err := os.Lstat(p); err == nil {
			return fmt.Errorf("init: %s already exists; not overwriting it (check it with 'copydesk config check')", p)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("init: %w", err)
		}
	}
	tmp, err := os.CreateTemp(dir, ".copydesk.yml.tmp*")
	if err != nil {
		return fmt.Errorf("init: %w", err)
	}
	name := tmp.Name()
	defer os.Remove(name) // after a successful link it is already gone
	if _, err := tmp.WriteString(starterConfig); err != nil {
		tmp.Close()
		return fmt.Errorf("init: write %s: %w", path, err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return fmt.Errorf("init: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("init: write %s: %w", path, err)
	}
	// A hard link, unlike a rename, fails when the target appeared
	// meanwhile: init never overwrites a file, even in a race.
	if err := os.Link(name, path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("init: %s already exists; not overwriting it", path)
		}
		if err := os.Rename(name, path); err != nil {
			return fmt.Errorf("init: write %s: %w", path, err)
		}
	}
	fmt.Fprintf(e.stdout, "wrote %s: edit it, then run 'copydesk config check'\n", path)
	return nil
}

func configCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "config",
		Usage: "work with the configuration file",
		Subcommands: []*cli.Command{{
			Name:      "check",
			Usage:     "validate the configuration and run every house rule's examples as tests",
			ArgsUsage: " ",
			Flags:     configFlags(),
			Action: func(c *cli.Context) error {
				if c.NArg() > 0 {
					return usagef("config check: takes no arguments (use --config PATH)")
				}
				return runConfigCheck(c, e)
			},
		}},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usagef("config: unknown subcommand %q (want check)", c.Args().First())
			}
			return cli.ShowSubcommandHelp(c)
		},
	}
}

// runConfigCheck loads the configuration (an error exits 2) and runs the
// house rules' examples: any failure is reported and exits 1.
func runConfigCheck(c *cli.Context, e *env) error {
	cfg, err := loadConfig(c, e, engine.Builtin())
	if err != nil {
		return err
	}
	if cfg.Path == "" {
		fmt.Fprintln(e.stdout, "no configuration file: copydesk uses its defaults (create one with 'copydesk init')")
		return nil
	}
	where := engine.DisplayPath(cfg.Path)
	examples, failures := 0, 0
	for _, r := range cfg.House {
		m := r.Meta()
		examples += len(m.Examples)
		for _, f := range rules.ExampleFailures(r) {
			failures++
			fmt.Fprintf(e.stdout, "%s: house rule %s: %s\n", cfg.Source(m.Name), m.Name, f)
		}
	}
	states := cfg.States()
	on := 0
	for _, st := range states {
		if st.Enabled {
			on++
		}
	}
	if failures > 0 {
		fmt.Fprintf(e.stdout, "%s: %d of %d house rule examples failed\n", where, failures, examples)
		return exitCode(exitFindings)
	}
	fmt.Fprintf(e.stdout, "%s: ok (%d rules on of %d, %d house rules, %d examples passed)\n", where, on, len(states), len(cfg.House), examples)
	return nil
}

// starterConfig is what `copydesk init` writes. Explanations are comment
// lines of prose; examples are commented YAML that a desk uncomments.
const starterConfig = `# copydesk configuration. Check it with 'copydesk config check'.
# copydesk finds this file by walking up from the working directory.
# Paths and globs below are relative to this file's folder.

# Exit with status 1 when a finding is at or above this severity
# (error, warning or suggestion). The --fail-on flag wins over it.
fail_on: error

# Turn rules on or off and change their severity. 'copydesk rules' lists
# them, 'copydesk explain RULE' explains one. An entry is true or false, a
# severity, off, or a mapping with enabled, severity and options.
rules:
#  placeholder: error
#  editorializing: false
#  repeated-word:
#    enabled: true
#    severity: warning

# Files never checked (globs; ** crosses folders; a folder covers its files).
ignore:
#  - drafts/**
#  - "**/*.tmp.md"

# Settings for some paths only. Later overrides win over earlier ones.
overrides:
#  - files: ["opinion/**"]
#    rules:
#      editorializing: false
#  - files: ["wire/**"]
#    rules:
#      placeholder: error

# Other configuration files to read first (this file wins over them).
include:
#  - house-style.yml

# House rules, written here without Go. Kinds are existence, substitution,
# occurrence, consistency, conditional and capitalization; the field names
# are Vale's. Each rule's examples are run by 'copydesk config check'.
house:
#  Hype:
#    extends: existence
#    message: "'%s' is hype; say what happened."
#    level: warning
#    ignorecase: true
#    tokens: [game-changer, unprecedented, "sort of"]
#    examples:
#      fire: ["An unprecedented move."]
#      pass: ["A move without precedent."]
#  Terms:
#    extends: substitution
#    message: "Use '%s' instead of '%s'."
#    level: error
#    ignorecase: true
#    swap:
#      e-mail: email
#      web site: website
#    examples:
#      fire: ["Send an e-mail."]
#      pass: ["Send an email."]
#  Acronyms:
#    extends: conditional
#    message: "Spell out '%s' before using it."
#    first: '\b[A-Z]{3,5}\b'
#    second: '(?:\b[A-Z][a-z]+ )+\(([A-Z]{3,5})\)'
#    exceptions: [NASA, FBI]
#  Headlines:
#    extends: capitalization
#    message: "'%s' should be in sentence case."
#    match: $sentence
#    scope: headline

# Vale style folders to load as they are (each .yml file is one rule, named
# Style.File). What copydesk cannot load is named when it starts.
styles:
#  - styles/Newsroom
`
