package engine

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/copydesk/copydesk/rules"
)

// Vale rule kinds copydesk loads, and the fields of Vale rule files that
// change what a rule matches in ways copydesk does not reproduce. A rule
// using one is skipped with a warning that names it, never half-loaded.
var (
	valeUnsupportedKinds = map[string]bool{
		"spelling": true, "repetition": true, "metric": true, "script": true,
		"sequence": true, "readability": true,
	}
	valeUnsupportedFields = map[string]string{
		"limit":      "limits the number of alerts",
		"code":       "checks code",
		"selector":   "selects by NLP tags",
		"matchcase":  "re-cases replacements",
		"in":         "reads a scope defined by a View",
		"pos":        "matches part-of-speech tags",
		"indicators": "changes sentence-case detection",
		"threshold":  "changes case-style tolerance",
		"prefix":     "changes case-style detection",
	}
	// Vale fields that do not change matching here: vocab adds the
	// project's Vale vocabulary to exceptions, and copydesk has none.
	valeIgnoredFields = map[string]bool{"vocab": true}
)

// styles loads the rules of each Vale style folder listed under styles:,
// relative to the configuration file's folder. Each YAML file is one rule,
// named Style.File as Vale names it.
func (l *loader) styles(file, dir string, n *yaml.Node) error {
	items, err := stringList(file, n, "styles")
	if err != nil {
		return err
	}
	for _, it := range items {
		folder := it.value
		if !filepath.IsAbs(folder) {
			folder = filepath.Join(dir, filepath.FromSlash(folder))
		}
		ents, err := os.ReadDir(folder)
		if err != nil {
			return errAt(file, it.node, "styles: %s: %v", DisplayPath(folder), describe(err))
		}
		style := filepath.Base(filepath.Clean(folder))
		var names []string
		for _, e := range ents {
			ext := strings.ToLower(filepath.Ext(e.Name()))
			if !e.IsDir() && (ext == ".yml" || ext == ".yaml") {
				names = append(names, e.Name())
			}
		}
		sort.Strings(names)
		if len(names) == 0 {
			l.c.Warnings = append(l.c.Warnings, fmt.Sprintf("%s: no Vale rules (.yml files) in this style folder", DisplayPath(folder)))
		}
		for _, name := range names {
			if err := l.valeRule(filepath.Join(folder, name), style+"."+strings.TrimSuffix(name, filepath.Ext(name))); err != nil {
				return err
			}
		}
	}
	return nil
}

// valeRule reads one Vale rule file. Malformed YAML is an error, as it is
// for Vale; a kind or field copydesk cannot reproduce is a warning, and the
// rule is skipped.
func (l *loader) valeRule(path, name string) error {
	shown := DisplayPath(path)
	src, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("read Vale rule %s: %w", shown, describe(err))
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return yamlSyntaxError(shown, err)
	}
	skip := func(format string, args ...any) error {
		l.c.Warnings = append(l.c.Warnings, shown+": "+fmt.Sprintf(format, args...)+"; skipped")
		return nil
	}
	if len(doc.Content) == 0 {
		return skip("empty Vale rule")
	}
	es, err := entries(shown, doc.Content[0])
	if err != nil {
		return err
	}
	kept := es[:0:0]
	kind := ""
	for _, e := range es {
		k := e.key.Value
		if why, ok := valeUnsupportedFields[k]; ok {
			return skip("Vale field %q (%s) is not supported", k, why)
		}
		if valeIgnoredFields[k] {
			continue
		}
		if k == "extends" {
			kind = resolve(e.value).Value
		}
		kept = append(kept, e)
	}
	if valeUnsupportedKinds[kind] {
		return skip("Vale rule kind %q is not supported", kind)
	}
	if kind == "" {
		return skip("no extends: not a Vale rule")
	}
	var spec rules.HouseSpec
	n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: doc.Content[0].Line, Column: doc.Content[0].Column}
	for _, e := range kept {
		n.Content = append(n.Content, e.key, e.value)
	}
	if derr := decodeHouse(shown, n, &spec, name); derr != nil {
		// Not a field copydesk knows, or a value Vale would read loosely:
		// name it and go on without the rule.
		l.c.Warnings = append(l.c.Warnings, derr.Error()+"; skipped")
		return nil //nolint:nilerr // reported as a warning, by design
	}
	if kind == "capitalization" && spec.Match != "$title" && spec.Match != "$sentence" {
		return skip("Vale capitalization with match %q is not supported (only $title and $sentence)", spec.Match)
	}
	l.house = append(l.house, houseEntry{name: name, file: shown, key: doc.Content[0], spec: spec, fromVS: true})
	return nil
}
