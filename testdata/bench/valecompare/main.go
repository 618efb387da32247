// Command valecompare compares Vale's JSON output with copydesk's on the
// same files: alerts are equal when file, line, column, rule and message
// are. It prints the counts and the first differences.
//
//	go run ./testdata/bench/valecompare vale.json copydesk.json
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

type key struct {
	file       string
	line, col  int
	rule, text string
}

func (k key) String() string {
	return fmt.Sprintf("%s:%d:%d %s: %s", k.file, k.line, k.col, k.rule, k.text)
}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: valecompare vale.json copydesk.json")
		os.Exit(2)
	}
	var vale map[string][]struct {
		Check, Message string
		Line           int
		Span           [2]int
	}
	var cd struct {
		Findings []struct {
			Path, Rule, Message string
			Line, Column        int
		}
	}
	read(os.Args[1], &vale)
	read(os.Args[2], &cd)
	v, c := map[key]bool{}, map[key]bool{}
	for path, alerts := range vale {
		for _, a := range alerts {
			v[key{filepath.Base(path), a.Line, a.Span[0], a.Check, a.Message}] = true
		}
	}
	styles := map[string]bool{}
	for k := range v {
		styles[strings.SplitN(k.rule, ".", 2)[0]] = true
	}
	for _, f := range cd.Findings {
		// Only the rules loaded from the Vale style: Style.Rule names.
		if !styles[strings.SplitN(f.Rule, ".", 2)[0]] || !strings.Contains(f.Rule, ".") {
			continue
		}
		c[key{filepath.Base(f.Path), f.Line, f.Column, f.Rule, f.Message}] = true
	}
	both := 0
	var onlyV, onlyC []string
	for k := range v {
		if c[k] {
			both++
		} else {
			onlyV = append(onlyV, k.String())
		}
	}
	for k := range c {
		if !v[k] {
			onlyC = append(onlyC, k.String())
		}
	}
	sort.Strings(onlyV)
	sort.Strings(onlyC)
	fmt.Printf("Vale %d alerts, copydesk %d, identical %d, only Vale %d, only copydesk %d\n", len(v), len(c), both, len(onlyV), len(onlyC))
	show := func(title string, xs []string) {
		for i, x := range xs {
			if i == 20 {
				fmt.Printf("  ... %d more\n", len(xs)-20)
				break
			}
			fmt.Printf("  %s %s\n", title, x)
		}
	}
	show("only Vale:", onlyV)
	show("only copydesk:", onlyC)
	if len(onlyV)+len(onlyC) > 0 {
		os.Exit(1)
	}
}

func read(path string, into any) {
	b, err := os.ReadFile(path)
	if err == nil {
		err = json.Unmarshal(b, into)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "valecompare: %s: %v\n", path, err)
		os.Exit(2)
	}
}
