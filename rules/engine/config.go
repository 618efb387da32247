package engine

import (
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"github.com/bmatcuk/doublestar/v4"
	"go.yaml.in/yaml/v3"

	"github.com/copydesk/copydesk/rules"
)

// ConfigNames are the file names FindConfig looks for, in order.
var ConfigNames = []string{".copydesk.yml", ".copydesk.yaml"}

// Config is a loaded .copydesk.yml with everything it includes: which rules
// run at which severity (per path, after overrides), which files are
// ignored, the house rules it defines and the Vale styles it loads.
//
// A rule that takes options gets a copy of its value (a shallow copy of the
// struct it points to) for each distinct set of options, configured with
// Configure; so Configure must replace, not mutate, what the copy shares
// with the original.
type Config struct {
	// Path is the configuration file ("" for the defaults, --no-config).
	Path string
	// Dir is the directory that relative paths are relative to: the
	// configuration file's, or the working directory.
	Dir string
	// FailOn is the fail_on severity; 0 when the file does not set it.
	FailOn rules.Severity
	// House are the house rules (from house: and styles:), sorted by name.
	House []rules.Rule
	// Warnings name what was read but not used: Vale rules of kinds or with
	// fields copydesk does not support.
	Warnings []string

	all       []rules.Rule // built-in and house rules, sorted by name
	sources   map[string]string
	settings  map[string]*ruleSetting
	ignore    []string
	overrides []override

	known map[string]bool // names of all, read-only after loading

	forced map[string]bool // --enable and --disable: win over every layer

	mu        sync.Mutex
	sets      map[string]*RuleSet
	instances map[string]rules.Rule

	// wd is the working directory when Rel first needed it: filepath.Abs
	// asks the system (two stat calls) for every file otherwise, and
	// copydesk never changes directory.
	wdOnce sync.Once
	wd     string
	wdErr  error
}

// ruleSetting is what one layer (the top level, or an override) says about
// a rule.
type ruleSetting struct {
	enabled  *bool
	severity rules.Severity
	options  []mapEntry // merged key by key; later files win
}

type override struct {
	files []string
	rules map[string]*ruleSetting
}

// FindConfig looks for .copydesk.yml (or .copydesk.yaml) in startDir and
// its parents, and returns the first found, or "" when there is none.
func FindConfig(startDir string) (string, error) {
	dir, err := filepath.Abs(startDir)
	if err != nil {
		return "", fmt.Errorf("find configuration: %w", err)
	}
	for {
		for _, name := range ConfigNames {
			p := filepath.Join(dir, name)
			info, err := os.Stat(p)
			if err == nil && !info.IsDir() {
				return p, nil
			}
			if err != nil && !errors.Is(err, os.ErrNotExist) {
				return "", fmt.Errorf("find configuration: %w", err)
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", nil
		}
		dir = parent
	}
}

// DefaultConfig is the configuration without a file: every rule of all at
// its defaults, nothing ignored, relative to the working directory.
func DefaultConfig(all []rules.Rule) *Config {
	dir, _ := os.Getwd()
	c := &Config{Dir: dir, settings: map[string]*ruleSetting{}}
	c.all = append([]rules.Rule(nil), all...)
	sortRules(c.all)
	c.index()
	return c
}

// DisplayPath shortens a path for messages: relative to the working
// directory when that is shorter.
func DisplayPath(p string) string {
	if wd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(wd, p); err == nil && len(rel) < len(p) {
			return rel
		}
	}
	return p
}

// loader reads a configuration file and the files it includes.
type loader struct {
	c       *Config
	builtin map[string]rules.Rule
	stack   []string // absolute paths of the files being read, for cycles
	// house rules as written, with where, until all files are read
	house []houseEntry
	// rule entries to validate once every house rule is known
	named []namedSetting
}

type houseEntry struct {
	name   string
	file   string
	key    *yaml.Node
	spec   rules.HouseSpec
	fromVS bool // from a Vale style folder: problems are warnings
}

type namedSetting struct {
	file string
	key  *yaml.Node
	set  *ruleSetting
	// options given in this layer alone, validated on their own so that an
	// error names the right file
	options []mapEntry
}

// LoadConfig reads the configuration file at path and the files it
// includes. all are the built-in rules, to check rule names and options
// against. Any problem is an error that names the file, line and key.
//
// The file's keys (every one optional):
//
//	fail_on: warning            # exit 1 at or above this severity
//	rules:                      # per rule: true/false, a severity, off, or
//	  placeholder: error        # {enabled, severity, options}; options are
//	  repeated-word:            # decoded strictly into the rule's own type
//	    options: {ignore: [had]}
//	ignore: [drafts/**]         # doublestar globs; a folder covers its files
//	overrides:                  # in order, a later one wins
//	  - files: ["wire/**"]
//	    rules: {placeholder: error}
//	include: [house.yml]        # read first; this file wins over them
//	house:                      # house rules (rules.HouseSpec, Vale's fields)
//	  Hype: {extends: existence, tokens: [unprecedented]}
//	styles: [styles/Newsroom]   # Vale style folders, one rule per .yml file
//
// Paths and globs are relative to the file that names them (globs: to the
// top configuration file's folder, where checked paths are matched). A key
// whose value is empty (every entry commented out) counts as absent.
func LoadConfig(path string, all []rules.Rule) (*Config, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("read configuration %s: %w", path, err)
	}
	c := &Config{Path: abs, Dir: filepath.Dir(abs), settings: map[string]*ruleSetting{}}
	l := &loader{c: c, builtin: map[string]rules.Rule{}}
	for _, r := range all {
		l.builtin[r.Meta().Name] = r
	}
	if err := l.file(abs, nil, ""); err != nil {
		return nil, err
	}
	if err := l.finish(all); err != nil {
		return nil, err
	}
	return c, nil
}

func (l *loader) file(abs string, from *yaml.Node, fromFile string) error {
	shown := DisplayPath(abs)
	for i, p := range l.stack {
		if p == abs {
			chain := make([]string, 0, len(l.stack)-i+1)
			for _, q := range l.stack[i:] {
				chain = append(chain, DisplayPath(q))
			}
			chain = append(chain, shown)
			return errAt(fromFile, from, "include cycle: %s", strings.Join(chain, " -> "))
		}
	}
	src, err := os.ReadFile(abs)
	if err != nil {
		if from != nil {
			return errAt(fromFile, from, "include %s: %v", shown, describe(err))
		}
		return fmt.Errorf("read configuration %s: %w", shown, describe(err))
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return yamlSyntaxError(shown, err)
	}
	if len(doc.Content) == 0 {
		return nil // an empty file
	}
	root := doc.Content[0]
	if resolve(root).Kind == yaml.ScalarNode && resolve(root).ShortTag() == "!!null" {
		return nil
	}
	es, err := entries(shown, root)
	if err != nil {
		return err
	}
	l.stack = append(l.stack, abs)
	defer func() { l.stack = l.stack[:len(l.stack)-1] }()

	// Includes first, so that what this file says wins.
	for _, e := range es {
		if v := resolve(e.value); e.key.Value != "include" || (v.Kind == yaml.ScalarNode && v.ShortTag() == "!!null") {
			continue
		}
		items, err := stringList(shown, e.value, "include")
		if err != nil {
			return err
		}
		for _, it := range items {
			p := it.value
			if !filepath.IsAbs(p) {
				p = filepath.Join(filepath.Dir(abs), filepath.FromSlash(p))
			}
			if err := l.file(filepath.Clean(p), it.node, shown); err != nil {
				return err
			}
		}
	}
	for _, e := range es {
		if v := resolve(e.value); v.Kind == yaml.ScalarNode && v.ShortTag() == "!!null" && e.key.Value != "include" {
			if !knownTopKey(e.key.Value) {
				return errAt(shown, e.key, "unknown key %q (known: %s)", e.key.Value, topKeys)
			}
			continue // "rules:" with every entry commented out
		}
		var err error
		switch e.key.Value {
		case "include":
		case "rules":
			err = l.rules(shown, e.value, l.c.settings, "rules")
		case "ignore":
			err = l.globs(shown, e.value, "ignore", &l.c.ignore)
		case "overrides":
			err = l.overrides(shown, e.value)
		case "fail_on":
			err = l.failOn(shown, e.value)
		case "house":
			err = l.houseRules(shown, e.value)
		case "styles":
			err = l.styles(shown, filepath.Dir(abs), e.value)
		default:
			err = errAt(shown, e.key, "unknown key %q (known: %s)", e.key.Value, topKeys)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// topKeys are the keys of a configuration file.
const topKeys = "fail_on, house, ignore, include, overrides, rules, styles"

func knownTopKey(k string) bool {
	for _, t := range strings.Split(topKeys, ", ") {
		if t == k {
			return true
		}
	}
	return false
}

var yamlLineRE = strings.NewReplacer("yaml: ", "")

// yamlSyntaxError turns "yaml: line 3: mapping values are not allowed" into
// "file:3: mapping values are not allowed".
func yamlSyntaxError(file string, err error) error {
	msg := yamlLineRE.Replace(err.Error())
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if num, tail, ok := strings.Cut(rest, ": "); ok {
			if n, aerr := strconv.Atoi(num); aerr == nil {
				return &posError{file: file, line: n, msg: "malformed YAML: " + tail}
			}
		}
	}
	return &posError{file: file, msg: "malformed YAML: " + strings.ReplaceAll(msg, "\n", "; ")}
}

type listItem struct {
	value string
	node  *yaml.Node
}

// stringList reads a string or a list of strings.
func stringList(file string, n *yaml.Node, what string) ([]listItem, error) {
	n = resolve(n)
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!str" {
		return []listItem{{n.Value, n}}, nil
	}
	if n.Kind != yaml.SequenceNode {
		return nil, errAt(file, n, "%s: want a string or a list of strings, found %s", what, describeNode(n))
	}
	var out []listItem
	for _, c := range n.Content {
		c = resolve(c)
		if c.Kind != yaml.ScalarNode || c.ShortTag() != "!!str" || c.Value == "" {
			return nil, errAt(file, c, "%s: want a non-empty string, found %s", what, describeNode(c))
		}
		out = append(out, listItem{c.Value, c})
	}
	return out, nil
}

func (l *loader) globs(file string, n *yaml.Node, what string, into *[]string) error {
	items, err := stringList(file, n, what)
	if err != nil {
		return err
	}
	for _, it := range items {
		p := strings.TrimPrefix(strings.TrimPrefix(it.value, "./"), "/")
		if p == "" || !doublestar.ValidatePattern(p) {
			return errAt(file, it.node, "%s: bad glob %q", what, it.value)
		}
		*into = append(*into, p)
	}
	return nil
}

func (l *loader) failOn(file string, n *yaml.Node) error {
	n = resolve(n)
	if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!str" {
		return errAt(file, n, "fail_on: want error, warning or suggestion, found %s", describeNode(n))
	}
	s, err := rules.ParseSeverity(n.Value)
	if err != nil {
		return errAt(file, n, "fail_on: %v", err)
	}
	l.c.FailOn = s
	return nil
}

// rules reads a rules: mapping into settings. An entry is a mapping
// (enabled, severity, options), a boolean (enabled), or a severity name or
// "off".
func (l *loader) rules(file string, n *yaml.Node, settings map[string]*ruleSetting, where string) error {
	es, err := entries(file, n)
	if err != nil {
		return err
	}
	for _, e := range es {
		name := e.key.Value
		set := settings[name]
		if set == nil {
			set = &ruleSetting{}
			settings[name] = set
		}
		ns := namedSetting{file: file, key: e.key, set: set}
		v := resolve(e.value)
		switch {
		case v.Kind == yaml.ScalarNode && v.ShortTag() == "!!bool":
			var b bool
			if err := v.Decode(&b); err != nil {
				return errAt(file, v, "%s.%s: %v", where, name, err)
			}
			set.enabled = &b
		case v.Kind == yaml.ScalarNode && v.ShortTag() == "!!str":
			if strings.EqualFold(v.Value, "off") {
				f := false
				set.enabled = &f
				break
			}
			s, err := rules.ParseSeverity(v.Value)
			if err != nil {
				return errAt(file, v, "%s.%s: %v (or off)", where, name, err)
			}
			t := true
			set.enabled, set.severity = &t, s
		case v.Kind == yaml.MappingNode:
			fields, err := entries(file, v)
			if err != nil {
				return err
			}
			for _, f := range fields {
				fv := resolve(f.value)
				switch f.key.Value {
				case "enabled":
					if fv.Kind != yaml.ScalarNode || fv.ShortTag() != "!!bool" {
						return errAt(file, fv, "%s.%s.enabled: want true or false, found %s", where, name, describeNode(fv))
					}
					var b bool
					_ = fv.Decode(&b)
					set.enabled = &b
				case "severity":
					if fv.Kind != yaml.ScalarNode || fv.ShortTag() != "!!str" {
						return errAt(file, fv, "%s.%s.severity: want error, warning or suggestion, found %s", where, name, describeNode(fv))
					}
					s, err := rules.ParseSeverity(fv.Value)
					if err != nil {
						return errAt(file, fv, "%s.%s.severity: %v", where, name, err)
					}
					set.severity = s
				case "options":
					opts, err := entries(file, fv)
					if err != nil {
						return err
					}
					ns.options = opts
					set.options = mergeEntries(set.options, opts)
				default:
					return errAt(file, f.key, "unknown key %q in %s.%s (known: enabled, severity, options)", f.key.Value, where, name)
				}
			}
		default:
			return errAt(file, v, "%s.%s: want a mapping (enabled, severity, options), true/false, or a severity, found %s", where, name, describeNode(v))
		}
		l.named = append(l.named, ns)
	}
	return nil
}

// mergeEntries returns base with each key of top replacing base's.
func mergeEntries(base, top []mapEntry) []mapEntry {
	out := append([]mapEntry(nil), base...)
	for _, t := range top {
		replaced := false
		for i := range out {
			if out[i].key.Value == t.key.Value {
				out[i] = t
				replaced = true
			}
		}
		if !replaced {
			out = append(out, t)
		}
	}
	return out
}

func (l *loader) overrides(file string, n *yaml.Node) error {
	n = resolve(n)
	if n.Kind != yaml.SequenceNode {
		return errAt(file, n, "overrides: want a list of {files, rules}, found %s", describeNode(n))
	}
	for i, item := range n.Content {
		es, err := entries(file, item)
		if err != nil {
			return err
		}
		o := override{rules: map[string]*ruleSetting{}}
		where := fmt.Sprintf("overrides[%d]", i)
		hasFiles := false
		for _, e := range es {
			switch e.key.Value {
			case "files":
				hasFiles = true
				if err := l.globs(file, e.value, where+".files", &o.files); err != nil {
					return err
				}
			case "rules":
				if err := l.rules(file, e.value, o.rules, where+".rules"); err != nil {
					return err
				}
			default:
				return errAt(file, e.key, "unknown key %q in %s (known: files, rules)", e.key.Value, where)
			}
		}
		if !hasFiles {
			return errAt(file, item, "%s: missing files (the globs it applies to)", where)
		}
		l.c.overrides = append(l.c.overrides, o)
	}
	return nil
}

func (l *loader) houseRules(file string, n *yaml.Node) error {
	es, err := entries(file, n)
	if err != nil {
		return err
	}
	for _, e := range es {
		var spec rules.HouseSpec
		if err := decodeHouse(file, e.value, &spec, "house."+e.key.Value); err != nil {
			return err
		}
		l.house = append(l.house, houseEntry{name: e.key.Value, file: file, key: e.key, spec: spec})
	}
	return nil
}

// decodeHouse decodes a house rule spec strictly; scope may be one string.
func decodeHouse(file string, n *yaml.Node, spec *rules.HouseSpec, what string) error {
	es, err := entries(file, n)
	if err != nil {
		return err
	}
	for i, e := range es {
		if e.key.Value == "scope" {
			if v := resolve(e.value); v.Kind == yaml.ScalarNode && v.ShortTag() == "!!str" {
				es[i].value = &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: v.Line, Column: v.Column, Content: []*yaml.Node{v}}
			}
		}
	}
	return decodeEntries(es, spec, what)
}

// finish builds the house rules and checks every rule entry against the
// known rules, and each layer's options against its rule.
func (l *loader) finish(builtin []rules.Rule) error {
	c := l.c
	seen := map[string]houseEntry{}
	for _, h := range l.house {
		if _, ok := l.builtin[h.name]; ok {
			return errAt(h.file, h.key, "house rule %q has the name of a built-in rule", h.name)
		}
		if prev, ok := seen[h.name]; ok {
			return errAt(h.file, h.key, "house rule %q is already defined at %s:%d", h.name, prev.file, prev.key.Line)
		}
		r, err := rules.NewHouseRule(h.name, h.spec)
		if err != nil {
			if h.fromVS {
				c.Warnings = append(c.Warnings, fmt.Sprintf("%s: cannot load Vale rule: %v; skipped", h.file, err))
				continue
			}
			return errAt(h.file, h.key, "house rule %s: %v", h.name, err)
		}
		seen[h.name] = h
		c.House = append(c.House, r)
		if c.sources == nil {
			c.sources = map[string]string{}
		}
		c.sources[h.name] = h.file
		if !h.fromVS {
			c.sources[h.name] = fmt.Sprintf("%s:%d:%d", h.file, h.key.Line, h.key.Column)
		}
	}
	sortRules(c.House)
	c.all = append(append([]rules.Rule(nil), builtin...), c.House...)
	sortRules(c.all)
	c.index()
	known := map[string]rules.Rule{}
	for _, r := range c.all {
		known[r.Meta().Name] = r
	}
	for _, ns := range l.named {
		name := ns.key.Value
		r, ok := known[name]
		if !ok {
			return errAt(ns.file, ns.key, "unknown rule %q%s", name, suggest(name, c.all))
		}
		if len(ns.options) == 0 {
			continue
		}
		if _, ok := r.(rules.Configurable); !ok {
			return errAt(ns.file, ns.key, "rule %s takes no options", name)
		}
		if _, err := configure(r, ns.options, name); err != nil {
			return err
		}
	}
	return nil
}

// suggest names the closest known rule, if one is close.
func suggest(name string, all []rules.Rule) string {
	best, bestD := "", 4
	for _, r := range all {
		n := r.Meta().Name
		if d := editDistance(strings.ToLower(name), strings.ToLower(n)); d < bestD {
			best, bestD = n, d
		}
	}
	if best == "" {
		return " (see 'copydesk rules')"
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// cloneRule copies a rule that is a pointer to a struct, so that
// configuring the copy leaves the original as it was.
func cloneRule(r rules.Rule) rules.Rule {
	v := reflect.ValueOf(r)
	if v.Kind() == reflect.Pointer && !v.IsNil() && v.Elem().Kind() == reflect.Struct {
		c := reflect.New(v.Elem().Type())
		c.Elem().Set(v.Elem())
		if cr, ok := c.Interface().(rules.Rule); ok {
			return cr
		}
	}
	return r
}

// configure returns a copy of r configured with the option entries.
func configure(r rules.Rule, opts []mapEntry, name string) (rules.Rule, error) {
	cr := cloneRule(r)
	cf, ok := cr.(rules.Configurable)
	if !ok {
		return nil, fmt.Errorf("rule %s takes no options", name)
	}
	var decodeErr error
	err := cf.Configure(func(into any) error {
		decodeErr = decodeEntries(opts, into, "rules."+name+".options")
		return decodeErr
	})
	if err != nil {
		if decodeErr != nil && errors.Is(err, decodeErr) {
			return nil, decodeErr
		}
		file := opts[0].file
		return nil, errAt(file, opts[0].key, "rules.%s.options: %v", name, err)
	}
	return cr, nil
}

// Rel turns a path as the engine has it (relative to the working directory,
// or absolute) into the slash-separated path relative to Dir that ignore
// and override globs match.
func (c *Config) Rel(p string) string {
	if p == "-" || p == "" {
		return p
	}
	var abs string
	switch {
	case runtime.GOOS == "windows":
		// Drive-relative paths need the system's own resolution.
		a, err := filepath.Abs(p)
		if err != nil {
			return filepath.ToSlash(p)
		}
		abs = a
	case filepath.IsAbs(p):
		abs = filepath.Clean(p)
	default:
		c.wdOnce.Do(func() { c.wd, c.wdErr = os.Getwd() })
		if c.wdErr != nil {
			return filepath.ToSlash(p)
		}
		abs = filepath.Join(c.wd, p)
	}
	rel, err := filepath.Rel(c.Dir, abs)
	if err != nil {
		return filepath.ToSlash(abs)
	}
	return filepath.ToSlash(rel)
}

// matchGlobs reports whether a relative path, or one of the folders it is
// in, matches one of the globs ("drafts" and "drafts/**" both cover
// drafts/a.md).
func matchGlobs(globs []string, rel string) bool {
	rel = strings.TrimPrefix(path.Clean(rel), "./")
	if rel == "." || strings.HasPrefix(rel, "../") || rel == ".." {
		return false
	}
	for _, g := range globs {
		for p := rel; p != "." && p != "/" && p != ""; p = path.Dir(p) {
			if ok, _ := doublestar.Match(g, p); ok {
				return true
			}
		}
	}
	return false
}

// Ignored reports whether a file (slash-separated, relative to Dir) is
// ignored by the ignore globs.
func (c *Config) Ignored(relPath string) bool { return matchGlobs(c.ignore, relPath) }

// IgnoredPath is Ignored for a path as the engine has it (for
// engine.Options.Ignored).
func (c *Config) IgnoredPath(p string) bool {
	if len(c.ignore) == 0 {
		return false // no pattern to match: the path need not be made relative
	}
	return c.Ignored(c.Rel(p))
}

// RuleSetFor is RuleSet for a path as the engine has it (for
// engine.Options.RuleSetFor).
func (c *Config) RuleSetFor(p string) (*RuleSet, error) {
	if len(c.overrides) == 0 {
		return c.RuleSet("") // no override can match: every file has the same set
	}
	return c.RuleSet(c.Rel(p))
}

// Known reports whether name is a rule of this configuration (built-in or
// house), for suppression comments.
func (c *Config) Known(name string) bool { return c.known[name] }

// index records the names of c.all, once the rules are known.
func (c *Config) index() {
	c.known = make(map[string]bool, len(c.all))
	for _, r := range c.all {
		c.known[r.Meta().Name] = true
	}
}

// Source tells where a house rule is defined: "file:line:col" for one in a
// configuration file, the rule file for one from a Vale style; "" for
// built-in rules.
func (c *Config) Source(name string) string { return c.sources[name] }

// Rules returns every rule the configuration knows, built-in and house,
// sorted by name.
func (c *Config) Rules() []rules.Rule { return append([]rules.Rule(nil), c.all...) }

// RuleSet returns the rules that run on a file (slash-separated, relative
// to Dir) with the severities configured for them (a rule left at its
// default has no entry), after the overrides whose globs match it,
// in order (a later override wins). Files with the same matching overrides
// share one RuleSet and the same rule values.
func (c *Config) RuleSet(relPath string) (*RuleSet, error) {
	var matched []int
	for i, o := range c.overrides {
		if matchGlobs(o.files, relPath) {
			matched = append(matched, i)
		}
	}
	key := fmt.Sprint(matched)
	c.mu.Lock()
	defer c.mu.Unlock()
	if rs, ok := c.sets[key]; ok {
		return rs, nil
	}
	rs := &RuleSet{Severity: map[string]rules.Severity{}}
	for _, r := range c.all {
		m := r.Meta()
		// sev stays 0 unless configured, so that a rule's own per-diagnostic
		// severities still apply (RuleSet.severity).
		on, sev := m.Default, rules.Severity(0)
		var layers []*ruleSetting
		var ids []string
		if s := c.settings[m.Name]; s != nil {
			layers, ids = append(layers, s), append(ids, "top")
		}
		for _, i := range matched {
			if s := c.overrides[i].rules[m.Name]; s != nil {
				layers, ids = append(layers, s), append(ids, strconv.Itoa(i))
			}
		}
		var opts []mapEntry
		var optIDs []string
		for k, s := range layers {
			if s.enabled != nil {
				on = *s.enabled
			}
			if s.severity != 0 {
				sev = s.severity
			}
			if len(s.options) > 0 {
				opts = mergeEntries(opts, s.options)
				optIDs = append(optIDs, ids[k])
			}
		}
		if f, ok := c.forced[m.Name]; ok {
			on = f
		}
		if !on {
			continue
		}
		inst := r
		if len(opts) > 0 {
			ikey := m.Name + "\x00" + strings.Join(optIDs, ",")
			if cached, ok := c.instances[ikey]; ok {
				inst = cached
			} else {
				cr, err := configure(r, opts, m.Name)
				if err != nil {
					return nil, err
				}
				if c.instances == nil {
					c.instances = map[string]rules.Rule{}
				}
				c.instances[ikey] = cr
				inst = cr
			}
		}
		rs.Rules = append(rs.Rules, inst)
		if sev != 0 {
			rs.Severity[m.Name] = sev
		}
	}
	if c.sets == nil {
		c.sets = map[string]*RuleSet{}
	}
	c.sets[key] = rs
	return rs, nil
}

// Force turns rules on (true) or off (false) for every file, over the
// configuration and its overrides: the command line's --enable and
// --disable. Names must be known (see Known). A forced-on rule keeps the
// options the configuration gives it.
func (c *Config) Force(states map[string]bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.forced = make(map[string]bool, len(states))
	for k, v := range states {
		c.forced[k] = v
	}
	c.sets = nil // rule sets built before no longer hold
}

// RuleState is how the configuration leaves one rule for files that no
// override matches, for `copydesk rules`.
type RuleState struct {
	Rule     rules.Rule
	Enabled  bool
	Severity rules.Severity
	// Overridden is true when some override changes the rule for some paths.
	Overridden bool
	House      bool
}

// States describes every known rule as configured (before overrides).
func (c *Config) States() []RuleState {
	house := map[string]bool{}
	for _, r := range c.House {
		house[r.Meta().Name] = true
	}
	var out []RuleState
	for _, r := range c.all {
		m := r.Meta()
		st := RuleState{Rule: r, Enabled: m.Default, Severity: m.Severity, House: house[m.Name]}
		if s := c.settings[m.Name]; s != nil {
			if s.enabled != nil {
				st.Enabled = *s.enabled
			}
			if s.severity != 0 {
				st.Severity = s.severity
			}
		}
		for _, o := range c.overrides {
			if o.rules[m.Name] != nil {
				st.Overridden = true
			}
		}
		if f, ok := c.forced[m.Name]; ok {
			st.Enabled, st.Overridden = f, false
		}
		out = append(out, st)
	}
	return out
}
