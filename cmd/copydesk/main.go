// Command copydesk checks news and editorial copy for leftovers, residue,
// awkward phrasing, mechanical slips and near-duplicate stories.
package main

import "os"

func main() {
	tuneGC()
	os.Exit(run(os.Args, os.Stdin, os.Stdout, os.Stderr))
}
