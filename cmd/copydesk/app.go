package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/mattn/go-isatty"
	"github.com/urfave/cli/v2"
)

// Exit codes (DESIGN.md).
const (
	exitOK       = 0 // nothing at or above --fail-on
	exitFindings = 1 // findings at or above --fail-on
	exitError    = 2 // usage, configuration, I/O or internal error
)

// exitCode is returned by actions to set the process's exit code without
// printing anything more.
type exitCode int

func (e exitCode) Error() string { return fmt.Sprintf("exit %d", int(e)) }

// usageError is a mistake in the command line: printed as one line, exit 2.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }

func usagef(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

// env is what a command needs from the process.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	return isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd())
}

// version returns copydesk's version: the module version it was built at,
// or "devel".
func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}

// run is the whole program: it parses args, runs the command, and returns
// the exit code. main only calls it, so deferred cleanup runs and it can be
// tested.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr, getenv: os.Getenv}
	app := newApp(e)
	if len(args) > 1 {
		args = append(args[:2:2], permuteArgs(app, args[1], args[2:])...)
	}
	err := app.Run(args)
	var code exitCode
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &code):
		return int(code)
	default:
		msg := err.Error()
		var ue usageError
		if errors.As(err, &ue) || isFlagError(msg) {
			fmt.Fprintf(stderr, "copydesk: %s (see 'copydesk help')\n", msg)
		} else {
			fmt.Fprintf(stderr, "copydesk: %s\n", msg)
		}
		return exitError
	}
}

func isFlagError(msg string) bool {
	return strings.Contains(msg, "flag provided but not defined") || strings.Contains(msg, "flag needs an argument") ||
		strings.Contains(msg, "invalid value") || strings.Contains(msg, "invalid boolean")
}

func newApp(e *env) *cli.App {
	app := &cli.App{
		Name:      "copydesk",
		Usage:     "check news copy for leftovers, residue, awkward phrasing, slips and duplicates",
		Version:   version(),
		Writer:    e.stdout,
		ErrWriter: e.stderr,
		// The exit code is ours to set: never let the library exit.
		ExitErrHandler:       func(*cli.Context, error) {},
		HideVersion:          true,
		EnableBashCompletion: false,
		OnUsageError: func(_ *cli.Context, err error, _ bool) error {
			return usageError{err}
		},
		Commands: []*cli.Command{
			checkCommand(e),
			dupesCommand(e),
			indexCommand(e),
			historyCommand(e),
			reportCommand(e),
			rulesCommand(e),
			explainCommand(e),
			initCommand(e),
			configCommand(e),
			versionCommand(e),
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usagef("unknown command %q", c.Args().First())
			}
			return cli.ShowAppHelp(c)
		},
	}
	for _, c := range app.Commands {
		c.OnUsageError = app.OnUsageError
	}
	return app
}

// permuteArgs moves a command's flags before its positional arguments, so
// that `copydesk check story.md --format json` works as users expect
// (urfave/cli stops at the first positional argument). Everything after
// "--" stays positional.
func permuteArgs(app *cli.App, name string, rest []string) []string {
	var cmd *cli.Command
	for _, c := range app.Commands {
		if c.Name == name || contains(c.Aliases, name) {
			cmd = c
		}
	}
	if cmd == nil {
		return rest
	}
	return permuteFlags(cmd, rest)
}

// permuteFlags is permuteArgs for one command; a command with subcommands
// (copydesk config check) permutes the named subcommand's arguments.
func permuteFlags(cmd *cli.Command, rest []string) []string {
	if len(cmd.Subcommands) > 0 {
		if len(rest) > 0 {
			for _, sc := range cmd.Subcommands {
				if sc.Name == rest[0] || contains(sc.Aliases, rest[0]) {
					return append([]string{rest[0]}, permuteFlags(sc, rest[1:])...)
				}
			}
		}
		return rest
	}
	takesValue := map[string]bool{}
	for _, f := range cmd.Flags {
		_, isBool := f.(*cli.BoolFlag)
		for _, n := range f.Names() {
			takesValue[n] = !isBool
		}
	}
	var flags, pos []string
	for i := 0; i < len(rest); i++ {
		a := rest[i]
		if a == "--" {
			pos = append(pos, rest[i+1:]...)
			break
		}
		if len(a) > 1 && a[0] == '-' {
			flags = append(flags, a)
			name := strings.TrimLeft(a, "-")
			if !strings.Contains(name, "=") && takesValue[name] && i+1 < len(rest) {
				flags = append(flags, rest[i+1])
				i++
			}
			continue
		}
		pos = append(pos, a)
	}
	if len(pos) > 0 {
		flags = append(flags, "--")
	}
	return append(flags, pos...)
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}
