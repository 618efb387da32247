package main

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/copydesk/copydesk/rules/engine"
	"github.com/copydesk/copydesk/rules/similar/archive"
)

func indexFlag() cli.Flag {
	return &cli.StringFlag{Name: "index", Value: archive.DefaultPath, Usage: "the archive index file"}
}

func indexCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "index",
		Usage: "keep an archive index of published stories for duplicate checks (check --index, dupes --index)",
		Subcommands: []*cli.Command{{
			Name:      "add",
			Usage:     "add or update the stories under these paths (changed files are re-read, removed ones dropped)",
			ArgsUsage: "path ...",
			Flags:     []cli.Flag{indexFlag()},
			Action: func(c *cli.Context) error {
				args := c.Args().Slice()
				if len(args) == 0 {
					return usagef("index add: name the files or folders of the archive")
				}
				for _, a := range args {
					if a == "-" {
						return usagef("index add: standard input cannot be indexed")
					}
				}
				var files []string
				failed := false
				engine.Walk(args, nil, func(in engine.Input) { files = append(files, in.Path) }, func(path string, err error) {
					fmt.Fprintf(e.stderr, "copydesk: %s: %v\n", path, err)
					failed = true
				})
				idx, err := archive.Open(c.String("index"), true)
				if err != nil {
					return err
				}
				defer idx.Close()
				st, errs, err := idx.Add(args, files)
				for _, fe := range errs {
					fmt.Fprintf(e.stderr, "copydesk: %v\n", fe)
					failed = true
				}
				if err != nil {
					return err
				}
				n, err := idx.Len()
				if err != nil {
					return err
				}
				fmt.Fprintf(e.stdout, "%s: %d stories (%d added, %d updated, %d removed, %d unchanged, %d skipped)\n",
					c.String("index"), n, st.Added, st.Updated, st.Removed, st.Unchanged, st.Skipped)
				if failed {
					return exitCode(exitError)
				}
				return nil
			},
		}},
	}
}
