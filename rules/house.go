package rules

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/copydesk/copydesk/rules/article"
)

// HouseSpec describes a house rule: a desk's own terms and checks, written in
// YAML in the configuration (or a Vale style folder) instead of Go. Field
// names follow Vale's where the meaning is the same, so a Vale rule file
// decodes into a HouseSpec as it is.
type HouseSpec struct {
	// Extends is the kind: existence, substitution, occurrence, consistency,
	// conditional or capitalization.
	Extends string `yaml:"extends"`
	// Message is the diagnostic's text; "%s" stands for the match (for
	// substitution: the replacement, then the match; for occurrence: "%d" is
	// the count).
	Message     string `yaml:"message"`
	Description string `yaml:"description"`
	Link        string `yaml:"link"`
	// Level is Vale's name for the severity; Severity is copydesk's. Either
	// may be set (not both); the default is warning, as in Vale.
	Level    string `yaml:"level"`
	Severity string `yaml:"severity"`
	// Category is a copydesk category (default style).
	Category string `yaml:"category"`
	// Scope lists the parts of the article the rule reads: text (default,
	// every block on its own, as in Vale), document (the whole text as one:
	// an occurrence rule counts across it), headline, heading (headline and
	// headings), heading.h1 ... heading.h6, paragraph, list, quote (also
	// blockquote), byline, caption, table (also table.cell), sentence.
	Scope []string `yaml:"scope"`

	// existence
	Tokens []string `yaml:"tokens"`
	Raw    []string `yaml:"raw"`
	Append bool     `yaml:"append"`
	// existence, substitution, conditional, capitalization
	Exceptions []string `yaml:"exceptions"`
	// existence, substitution, occurrence, consistency
	IgnoreCase bool `yaml:"ignorecase"`
	Nonword    bool `yaml:"nonword"`

	// substitution: pattern -> replacement ("a|b" offers two).
	Swap       map[string]string `yaml:"swap"`
	Capitalize bool              `yaml:"capitalize"`
	// Action is Vale's fix hint; only {name: replace} changes anything (the
	// message lists the replacements as Vale does).
	Action *HouseAction `yaml:"action"`

	// occurrence
	Max   int    `yaml:"max"`
	Min   int    `yaml:"min"`
	Token string `yaml:"token"`

	// consistency: spelling -> other spelling.
	Either map[string]string `yaml:"either"`

	// conditional: First is the use (an acronym), Second the definition;
	// its capture group names what it defines.
	First  string `yaml:"first"`
	Second string `yaml:"second"`

	// capitalization: $title (AP title case) or $sentence.
	Match string `yaml:"match"`
	Style string `yaml:"style"`

	// Examples are run as tests by `copydesk config check`.
	Examples HouseExamples `yaml:"examples"`
}

// HouseAction is Vale's action field.
type HouseAction struct {
	Name   string   `yaml:"name"`
	Params []string `yaml:"params"`
}

// HouseExamples are texts a house rule must flag (Fire) and must leave
// alone (Pass). Each is read as Markdown, so "# Title" is a headline.
type HouseExamples struct {
	Fire []string `yaml:"fire"`
	Pass []string `yaml:"pass"`
}

// HouseKinds are the kinds a house rule can extend.
var HouseKinds = []string{"existence", "substitution", "occurrence", "consistency", "conditional", "capitalization"}

// Vale's regular-expression templates: word-bounded and not.
const (
	valeWordTemplate    = `(?m)\b(?:%s)\b`
	valeNonwordTemplate = `(?m)(?:%s)`
)

var houseNameRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_.-]*$`) })

// NewHouseRule builds the rule a HouseSpec describes. Its regular
// expressions are compiled once, here; an error names the field at fault.
func NewHouseRule(name string, spec HouseSpec) (Rule, error) {
	if !houseNameRE().MatchString(name) {
		return nil, fmt.Errorf("house rule name %q: use letters, digits, '.', '-' and '_', starting with a letter", name)
	}
	r := &houseRule{kind: spec.Extends, message: spec.Message}
	sev, err := houseSeverity(spec)
	if err != nil {
		return nil, err
	}
	cat := Style
	if spec.Category != "" {
		cat = Category(spec.Category)
		switch cat {
		case Leftover, Residue, Style, Mechanics:
		default:
			return nil, fmt.Errorf("category: unknown category %q (want leftover, residue, style or mechanics)", spec.Category)
		}
	}
	if r.scope, err = parseScopes(spec.Scope); err != nil {
		return nil, err
	}
	if r.except, err = exceptionsRE(spec.Exceptions); err != nil {
		return nil, fmt.Errorf("exceptions: %w", err)
	}
	switch spec.Extends {
	case "existence":
		err = r.initExistence(spec)
	case "substitution":
		err = r.initSubstitution(spec)
	case "occurrence":
		err = r.initOccurrence(spec)
	case "consistency":
		err = r.initConsistency(spec)
	case "conditional":
		err = r.initConditional(spec)
	case "capitalization":
		err = r.initCapitalization(spec)
	case "":
		err = fmt.Errorf("extends: missing (want one of %s)", strings.Join(HouseKinds, ", "))
	default:
		err = fmt.Errorf("extends: unknown kind %q (want one of %s)", spec.Extends, strings.Join(HouseKinds, ", "))
	}
	if err != nil {
		return nil, err
	}
	if r.message == "" {
		r.message = defaultHouseMessage(spec.Extends)
	}
	summary := spec.Description
	if summary == "" {
		summary = fmt.Sprintf("house rule (%s): %s", spec.Extends, strings.TrimSuffix(strings.ReplaceAll(r.message, "%s", "…"), "."))
	}
	doc := spec.Description
	if spec.Link != "" {
		doc = strings.TrimSpace(doc + "\n\nSee " + spec.Link)
	}
	r.meta = Meta{Name: name, Category: cat, Severity: sev, Default: true, Summary: summary, Doc: doc}
	for _, t := range spec.Examples.Fire {
		r.meta.Examples = append(r.meta.Examples, Example{Text: t, Fires: true, Format: article.Markdown})
	}
	for _, t := range spec.Examples.Pass {
		r.meta.Examples = append(r.meta.Examples, Example{Text: t, Format: article.Markdown})
	}
	return r, nil
}

func houseSeverity(spec HouseSpec) (Severity, error) {
	if spec.Level != "" && spec.Severity != "" {
		return 0, fmt.Errorf("level and severity: set one of them, not both")
	}
	s, field := spec.Severity, "severity"
	if s == "" {
		s, field = spec.Level, "level"
	}
	if s == "" {
		return Warning, nil
	}
	v, err := ParseSeverity(s)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", field, err)
	}
	return v, nil
}

func defaultHouseMessage(kind string) string {
	switch kind {
	case "substitution":
		return "Use '%s' instead of '%s'."
	case "occurrence":
		return "Too many occurrences (%d)."
	case "consistency":
		return "Inconsistent spelling of '%s'."
	case "conditional":
		return "'%s' is used before it is spelled out."
	case "capitalization":
		return "'%s' is not capitalized as the house style wants."
	}
	return "Avoid '%s'."
}

// houseRule is a rule built from a HouseSpec. It is immutable after
// NewHouseRule, so Check is safe to call concurrently.
type houseRule struct {
	meta    Meta
	kind    string
	message string
	scope   scopeSet
	except  *pattern

	re *pattern // existence, substitution, occurrence
	// substitution
	repl       []string
	swapKeys   []string
	ignoreCase bool
	capitalize bool
	replace    bool // action: replace
	// occurrence
	max, min int
	// consistency
	pairs []*pattern // each with two groups
	// conditional
	first, second  *pattern
	secondHasGroup bool
	// capitalization
	sentence bool
	minor    map[string]bool
	keep     map[string]bool
}

func (r *houseRule) Meta() Meta { return r.meta }

func compileField(field, expr string) (*pattern, error) {
	p, err := compilePattern(expr)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", field, err)
	}
	return p, nil
}

func (r *houseRule) initExistence(spec HouseSpec) error {
	var tokens []string
	for _, t := range spec.Tokens {
		if strings.TrimSpace(t) != "" {
			tokens = append(tokens, t)
		}
	}
	if len(tokens) == 0 && len(spec.Raw) == 0 {
		return fmt.Errorf("tokens: an existence rule needs tokens or raw")
	}
	// Built as Vale builds it, so the same rule matches the same text.
	tmpl := valeNonwordTemplate
	if !spec.Nonword && len(tokens) > 0 {
		tmpl = valeWordTemplate
	}
	raw := strings.ReplaceAll(strings.Join(spec.Raw, ""), "%", "%%")
	if spec.Append {
		tmpl += raw
	} else {
		tmpl = raw + tmpl
	}
	if spec.IgnoreCase {
		tmpl = "(?i)" + tmpl
	}
	var err error
	r.re, err = compileField("tokens", fmt.Sprintf(tmpl, strings.Join(tokens, "|")))
	return err
}

// nonCapturing turns a pattern's capture groups into non-capturing ones, so
// that the substitution's own groups tell which key matched.
func nonCapturing(expr string) string {
	var b strings.Builder
	for i := 0; i < len(expr); i++ {
		c := expr[i]
		if c == '\\' && i+1 < len(expr) {
			b.WriteByte(c)
			b.WriteByte(expr[i+1])
			i++
			continue
		}
		b.WriteByte(c)
		if c == '(' && (i+1 >= len(expr) || expr[i+1] != '?') {
			b.WriteString("?:")
		}
	}
	return b.String()
}

func (r *houseRule) initSubstitution(spec HouseSpec) error {
	if len(spec.Swap) == 0 {
		return fmt.Errorf("swap: a substitution rule needs at least one pattern")
	}
	keys := make([]string, 0, len(spec.Swap))
	for k := range spec.Swap {
		keys = append(keys, k)
	}
	// Longest first, as Vale does, so that alternation prefers the longer
	// phrase; ties alphabetically, so the order is deterministic.
	sort.Slice(keys, func(i, j int) bool {
		if len(keys[i]) != len(keys[j]) {
			return len(keys[i]) > len(keys[j])
		}
		return keys[i] < keys[j]
	})
	var alts []string
	for _, k := range keys {
		if _, err := compileField("swap key "+k, k); err != nil {
			return err
		}
		alts = append(alts, "("+nonCapturing(k)+")")
		r.repl = append(r.repl, spec.Swap[k])
	}
	tmpl := valeWordTemplate
	if spec.Nonword {
		tmpl = valeNonwordTemplate
	}
	if spec.IgnoreCase {
		tmpl = "(?i)" + tmpl
	}
	var err error
	if r.re, err = compileField("swap", fmt.Sprintf(tmpl, strings.Join(alts, "|"))); err != nil {
		return err
	}
	r.swapKeys = keys
	r.ignoreCase = spec.IgnoreCase
	r.capitalize = spec.Capitalize
	r.replace = spec.Action != nil && spec.Action.Name == "replace" && len(spec.Action.Params) == 0
	return nil
}

func (r *houseRule) initOccurrence(spec HouseSpec) error {
	if spec.Token == "" {
		return fmt.Errorf("token: an occurrence rule needs a token")
	}
	if spec.Max <= 0 && spec.Min <= 0 {
		return fmt.Errorf("max: an occurrence rule needs max or min above 0")
	}
	expr := "(?:" + spec.Token + ")"
	if spec.IgnoreCase {
		expr = "(?i)" + expr
	}
	var err error
	r.re, err = compileField("token", expr)
	r.max, r.min = spec.Max, spec.Min
	return err
}

func (r *houseRule) initConsistency(spec HouseSpec) error {
	if len(spec.Either) == 0 {
		return fmt.Errorf("either: a consistency rule needs at least one pair")
	}
	keys := make([]string, 0, len(spec.Either))
	for k := range spec.Either {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	tmpl := valeWordTemplate
	if spec.Nonword {
		tmpl = valeNonwordTemplate
	}
	if spec.IgnoreCase {
		tmpl = "(?i)" + tmpl
	}
	for _, k := range keys {
		re, err := compileField("either", fmt.Sprintf(tmpl, "("+nonCapturing(k)+")|("+nonCapturing(spec.Either[k])+")"))
		if err != nil {
			return err
		}
		r.pairs = append(r.pairs, re)
	}
	return nil
}

func (r *houseRule) initConditional(spec HouseSpec) error {
	if spec.First == "" || spec.Second == "" {
		return fmt.Errorf("first, second: a conditional rule needs both")
	}
	var err error
	if r.first, err = compileField("first", spec.First); err != nil {
		return err
	}
	if r.second, err = compileField("second", spec.Second); err != nil {
		return err
	}
	r.secondHasGroup = hasCaptureGroup(spec.Second)
	return nil
}

// AP title case leaves articles, conjunctions and prepositions of three
// letters or fewer in lower case (unless first or last).
var apMinorWords = []string{"a", "an", "and", "as", "at", "but", "by", "en", "for", "if", "in", "nor", "of", "off", "on", "or", "out", "per", "so", "the", "to", "up", "via", "vs", "yet"}

func (r *houseRule) initCapitalization(spec HouseSpec) error {
	switch spec.Match {
	case "$title":
		if spec.Style != "" && !strings.EqualFold(spec.Style, "AP") {
			return fmt.Errorf("style: only AP title case is supported, not %q", spec.Style)
		}
	case "$sentence":
		r.sentence = true
	case "":
		return fmt.Errorf("match: a capitalization rule needs $title or $sentence")
	default:
		return fmt.Errorf("match: %q is not supported (want $title or $sentence)", spec.Match)
	}
	r.minor = map[string]bool{}
	for _, w := range apMinorWords {
		r.minor[w] = true
	}
	r.keep = map[string]bool{}
	for _, w := range spec.Exceptions {
		r.keep[w] = true
	}
	return nil
}

// exceptionsRE is Vale's exception matcher: case-sensitive unless a term
// starts with (?i), longest first.
// hasCaptureGroup is Vale's test for a pattern with a capturing group.
func hasCaptureGroup(expr string) bool {
	return strings.Count(expr, "(") > strings.Count(expr, "(?")+strings.Count(expr, `\(`)
}

func exceptionsRE(exc []string) (*pattern, error) {
	if len(exc) == 0 {
		return nil, nil
	}
	terms := append([]string(nil), exc...)
	sort.SliceStable(terms, func(i, j int) bool { return len(terms[i]) > len(terms[j]) })
	for i, t := range terms {
		if !strings.HasPrefix(t, "(?i)") {
			terms[i] = "(?-i)" + t
		}
	}
	return compilePattern(fmt.Sprintf(valeWordTemplate, strings.Join(terms, "|")))
}

func (r *houseRule) excepted(s string) bool {
	return r.except != nil && r.except.matches(s)
}

// scopeSet selects blocks. A nil kinds map means every block.
type scopeSet struct {
	kinds    map[article.Kind]bool
	levels   map[int]bool // heading levels, when only some are wanted
	quote    bool         // blocks inside a quotation
	sentence bool         // split blocks into sentences
	document bool         // occurrence counts over the whole document
}

func parseScopes(names []string) (scopeSet, error) {
	var s scopeSet
	add := func(ks ...article.Kind) {
		if s.kinds == nil {
			s.kinds = map[article.Kind]bool{}
		}
		for _, k := range ks {
			s.kinds[k] = true
		}
	}
	all := false
	for _, n := range names {
		switch n {
		case "text", "":
			all = true
		case "document":
			all, s.document = true, true
		case "sentence":
			all, s.sentence = true, true
		case "headline", "title":
			add(article.Headline)
		case "heading":
			add(article.Headline, article.Heading)
		case "heading.h1", "heading.h2", "heading.h3", "heading.h4", "heading.h5", "heading.h6":
			add(article.Headline, article.Heading)
			if s.levels == nil {
				s.levels = map[int]bool{}
			}
			s.levels[int(n[len(n)-1]-'0')] = true
		case "paragraph":
			add(article.Paragraph)
		case "list":
			add(article.ListItem)
		case "quote", "blockquote":
			add(article.Quote)
			s.quote = true
		case "byline":
			add(article.Byline)
		case "caption":
			add(article.Caption)
		case "table", "table.cell":
			add(article.TableCell)
		default:
			return s, fmt.Errorf("scope: %q is not supported (want text, document, sentence, headline, heading, heading.h1-h6, paragraph, list, quote, byline, caption or table)", n)
		}
	}
	if all {
		s.kinds, s.levels, s.quote = nil, nil, false
	}
	return s, nil
}

func (s scopeSet) has(b *article.Block) bool {
	if s.kinds == nil {
		return true
	}
	if s.quote && b.InQuote {
		return true
	}
	if !s.kinds[b.Kind] {
		return false
	}
	if s.levels != nil && (b.Kind == article.Headline || b.Kind == article.Heading) {
		return s.levels[b.Level]
	}
	return true
}

// unit is a piece of text a house rule reads: a block, or a sentence of one.
type unit struct {
	b          *article.Block
	start, end int // byte range of b.Text
}

func (u unit) text() string { return u.b.Text[u.start:u.end] }

var sentenceEnd = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`[.!?]["'”’)]*\s+`) })

func (r *houseRule) units(doc *article.Document) []unit {
	var us []unit
	for i := range doc.Blocks {
		b := &doc.Blocks[i]
		if !r.scope.has(b) {
			continue
		}
		if !r.scope.sentence {
			us = append(us, unit{b, 0, len(b.Text)})
			continue
		}
		start := 0
		for _, loc := range sentenceEnd().FindAllStringIndex(b.Text, -1) {
			us = append(us, unit{b, start, loc[1]})
			start = loc[1]
		}
		if start < len(b.Text) {
			us = append(us, unit{b, start, len(b.Text)})
		}
	}
	return us
}

// diag builds a diagnostic for text range [s, e) of the unit.
func (u unit) diag(s, e int, msg string) Diagnostic {
	a, b := u.b.SrcRange(u.start+s, u.start+e)
	return Diagnostic{Start: a, End: b, Message: msg}
}

// valeFormat is Vale's message formatting: Sprintf with the arguments, and
// no "%!(EXTRA ...)" noise when the message uses fewer of them.
func valeFormat(msg string, args ...any) string {
	args = append(args, "")
	return fmt.Sprintf(msg+fmt.Sprintf("%%[%d]s", len(args)), args...)
}

func (r *houseRule) Check(doc *article.Document) []Diagnostic {
	switch r.kind {
	case "existence":
		return r.checkExistence(doc)
	case "substitution":
		return r.checkSubstitution(doc)
	case "occurrence":
		return r.checkOccurrence(doc)
	case "consistency":
		return r.checkConsistency(doc)
	case "conditional":
		return r.checkConditional(doc)
	case "capitalization":
		return r.checkCapitalization(doc)
	}
	return nil
}

func (r *houseRule) checkExistence(doc *article.Document) []Diagnostic {
	var out []Diagnostic
	for _, u := range r.units(doc) {
		txt := u.text()
		for _, loc := range r.re.findAll(txt) {
			m := txt[loc[0]:loc[1]]
			if r.excepted(strings.TrimSpace(m)) {
				continue
			}
			out = append(out, u.diag(loc[0], loc[1], valeFormat(r.message, m)))
		}
	}
	return out
}

// isPhrase is Vale's test for a replacement that is plain words rather than
// a pattern.
func isPhrase(s string) bool {
	for _, c := range s {
		if !unicode.IsLetter(c) && !unicode.IsDigit(c) && c != ' ' && c != '-' {
			return false
		}
	}
	return true
}

// replacementOptions splits "a|b" into its alternatives (a "\|" is a pipe).
func replacementOptions(s string) []string {
	var out []string
	cur := strings.Builder{}
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\\' && i+1 < len(s) && s[i+1] == '|':
			cur.WriteByte('|')
			i++
		case s[i] == '|':
			if cur.Len() > 0 {
				out = append(out, cur.String())
			}
			cur.Reset()
		default:
			cur.WriteByte(s[i])
		}
	}
	if cur.Len() > 0 {
		out = append(out, cur.String())
	}
	return out
}

func capFirst(s string) string {
	c, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(c)) + s[n:]
}

func quotedList(words []string) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return "'" + words[0] + "'"
	case 2:
		return "'" + words[0] + "' or '" + words[1] + "'"
	}
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = "'" + w + "'"
	}
	q[len(q)-1] = "or " + q[len(q)-1]
	return strings.Join(q, ", ")
}

// unquoteFormat turns "Use '%s' instead of '%s'." into "Use %s instead of
// '%s'." when the replacement is already a quoted list, as Vale does.
func unquoteFormat(s string) string {
	for _, spec := range []string{"'%s'", "\"%s\""} {
		if strings.Count(s, spec) == 2 {
			s = strings.Replace(s, spec, "%s", 1)
		}
	}
	return s
}

var groupRef = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\$\d+`) })

func (r *houseRule) checkSubstitution(doc *article.Document) []Diagnostic {
	var out []Diagnostic
	for _, u := range r.units(doc) {
		txt := u.text()
		for _, sub := range r.re.findAll(txt) {
			i := 1
			for ; 2*i < len(sub) && sub[2*i] < 0; i++ {
			}
			if 2*i >= len(sub) {
				continue
			}
			s, e := sub[2*i], sub[2*i+1]
			observed := txt[s:e]
			expected := r.repl[i-1]
			if r.capitalize && observed == capFirst(observed) {
				expected = capFirst(expected)
			}
			if groupRef().MatchString(expected) {
				key := r.swapKeys[i-1]
				if r.ignoreCase {
					key = "(?i)" + key
				}
				if kre, err := compilePattern(key); err == nil {
					expected = kre.replace(observed, expected)
				}
			}
			opts := replacementOptions(expected)
			var same bool
			if r.replace {
				same = contains(opts, observed)
			} else if isPhrase(expected) {
				same = expected == observed
			} else if tre, err := compilePattern("^(?:" + expected + ")$"); err == nil {
				same = tre.matches(observed)
			} else {
				same = expected == observed
			}
			if same || r.excepted(observed) {
				continue
			}
			msg := r.message
			shown := expected
			if r.replace {
				shown = quotedList(opts)
				msg = unquoteFormat(msg)
			}
			d := u.diag(s, e, valeFormat(msg, shown, observed))
			for _, o := range opts {
				if strings.ContainsAny(o, `\[](){}*+?^$|`) {
					continue // a pattern, not a replacement text
				}
				if observed == capFirst(observed) && observed != strings.ToLower(observed) {
					o = capFirst(o)
				}
				d.Fixes = append(d.Fixes, Fix{Message: fmt.Sprintf("replace with %q", o), Edits: []Edit{{Start: d.Start, End: d.End, New: o}}})
			}
			out = append(out, d)
		}
	}
	return out
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

var firstWord = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\S+`) })

func (r *houseRule) checkOccurrence(doc *article.Document) []Diagnostic {
	if r.scope.document {
		return r.checkOccurrenceDocument(doc)
	}
	var out []Diagnostic
	for _, u := range r.units(doc) {
		txt := u.text()
		locs := r.re.findAll(txt)
		n := len(locs)
		if !r.outOfBounds(n) {
			continue
		}
		msg := valeFormat(r.message, n)
		if n == 0 {
			if w := firstWord().FindStringIndex(txt); w != nil {
				out = append(out, u.diag(w[0], w[1], msg))
			}
			continue
		}
		for _, loc := range locs {
			if strings.TrimSpace(txt[loc[0]:loc[1]]) != "" {
				out = append(out, u.diag(loc[0], loc[1], msg))
				break
			}
		}
	}
	return out
}

// outOfBounds reports whether an occurrence count is above max or below
// min (each when set).
func (r *houseRule) outOfBounds(n int) bool {
	return (r.max > 0 && n > r.max) || (r.min > 0 && n < r.min)
}

// checkOccurrenceDocument counts over every block together and reports
// at the first match (or the first word when there is none).
func (r *houseRule) checkOccurrenceDocument(doc *article.Document) []Diagnostic {
	n := 0
	var first *Diagnostic
	var firstWordAt *Diagnostic
	for _, u := range r.units(doc) {
		txt := u.text()
		if firstWordAt == nil {
			if w := firstWord().FindStringIndex(txt); w != nil {
				d := u.diag(w[0], w[1], "")
				firstWordAt = &d
			}
		}
		for _, loc := range r.re.findAll(txt) {
			if strings.TrimSpace(txt[loc[0]:loc[1]]) == "" {
				continue
			}
			n++
			if first == nil {
				d := u.diag(loc[0], loc[1], "")
				first = &d
			}
		}
	}
	if !r.outOfBounds(n) {
		return nil
	}
	at := first
	if at == nil {
		at = firstWordAt
	}
	if at == nil {
		return nil
	}
	at.Message = valeFormat(r.message, n)
	return []Diagnostic{*at}
}

// checkConsistency flags, as Vale does, the last use of either spelling in
// each unit once both spellings have appeared (in this unit or earlier).
func (r *houseRule) checkConsistency(doc *article.Document) []Diagnostic {
	var out []Diagnostic
	seen := make([][2]bool, len(r.pairs))
	for _, u := range r.units(doc) {
		txt := u.text()
		for pi, re := range r.pairs {
			matches := re.findAll(txt)
			var loc []int
			for _, sub := range matches {
				for g := 1; g <= 2; g++ {
					if sub[2*g] >= 0 {
						loc = sub[2*g : 2*g+2]
						seen[pi][g-1] = true
					}
				}
			}
			if matches != nil && loc != nil && seen[pi][0] && seen[pi][1] {
				out = append(out, u.diag(loc[0], loc[1], valeFormat(r.message, txt[loc[0]:loc[1]])))
			}
		}
	}
	return out
}

// checkConditional flags uses (First) that no definition (Second) in this
// or an earlier unit has spelled out.
func (r *houseRule) checkConditional(doc *article.Document) []Diagnostic {
	var out []Diagnostic
	defined := map[string]bool{}
	for _, u := range r.units(doc) {
		txt := u.text()
		if !r.secondHasGroup {
			if r.second.matches(txt) {
				continue
			}
		} else {
			for _, m := range r.second.findAll(txt) {
				for g := 2; g+1 < len(m); g += 2 {
					if m[g] >= 0 && m[g+1] > m[g] {
						defined[txt[m[g]:m[g+1]]] = true
					}
				}
			}
		}
		for _, loc := range r.first.findAll(txt) {
			s := txt[loc[0]:loc[1]]
			if (r.secondHasGroup && defined[s]) || r.excepted(s) {
				continue
			}
			out = append(out, u.diag(loc[0], loc[1], valeFormat(r.message, s)))
		}
	}
	return out
}

var headlineWord = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`[\p{L}\p{N}][\p{L}\p{N}'’.-]*`) })

// checkCapitalization checks each unit against AP title case or sentence
// case. Words in all capitals, with digits or with inner capitals (NASA,
// 5G, iPhone) and the rule's exceptions are left as written.
func (r *houseRule) checkCapitalization(doc *article.Document) []Diagnostic {
	var out []Diagnostic
	for _, u := range r.units(doc) {
		txt := u.text()
		words := headlineWord().FindAllStringIndex(txt, -1)
		if len(words) == 0 {
			continue
		}
		var bad bool
		if r.sentence {
			bad = r.notSentenceCase(txt, words)
		} else {
			bad = r.notTitleCase(txt, words)
		}
		if bad {
			s, e := words[0][0], words[len(words)-1][1]
			out = append(out, u.diag(s, e, valeFormat(r.message, txt[s:e])))
		}
	}
	return out
}

// casing says how a word is written: 'U' starts upper-case, 'l' all lower,
// 'x' leave alone (acronym, digits, inner capitals, exception).
func (r *houseRule) casing(w string) byte {
	if r.keep[w] {
		return 'x'
	}
	first, n := utf8.DecodeRuneInString(w)
	rest := w[n:]
	hasUpperRest := strings.IndexFunc(rest, unicode.IsUpper) >= 0
	if strings.IndexFunc(w, unicode.IsDigit) >= 0 || (hasUpperRest) {
		return 'x'
	}
	if unicode.IsUpper(first) {
		return 'U'
	}
	return 'l'
}

// afterColon reports whether the word at position start follows a colon
// (AP capitalizes the first word after one).
func afterColon(txt string, start int) bool {
	t := strings.TrimRight(txt[:start], " \t\"'“‘")
	return strings.HasSuffix(t, ":")
}

func (r *houseRule) notTitleCase(txt string, words [][]int) bool {
	for i, loc := range words {
		w := txt[loc[0]:loc[1]]
		c := r.casing(w)
		if c == 'x' {
			continue
		}
		edge := i == 0 || i == len(words)-1 || afterColon(txt, loc[0])
		minor := r.minor[strings.ToLower(w)]
		switch {
		case edge || !minor:
			if c != 'U' {
				return true
			}
		case minor:
			if c != 'l' {
				return true
			}
		}
	}
	return false
}

// notSentenceCase flags a unit whose first word is lower-case, or most of
// whose later ordinary words (four letters or more) are capitalized: a
// headline written in title case. Names alone rarely make a majority.
func (r *houseRule) notSentenceCase(txt string, words [][]int) bool {
	if r.casing(txt[words[0][0]:words[0][1]]) == 'l' {
		return true
	}
	upper, total := 0, 0
	for _, loc := range words[1:] {
		w := txt[loc[0]:loc[1]]
		if utf8.RuneCountInString(w) < 4 || afterColon(txt, loc[0]) {
			continue
		}
		switch r.casing(w) {
		case 'U':
			upper++
			total++
		case 'l':
			total++
		}
	}
	return total >= 2 && upper*2 > total
}

// ExampleFailures runs a rule's Meta examples and describes each one that
// does not behave as documented (fires when it must pass, or the reverse).
func ExampleFailures(r Rule) []string {
	var out []string
	for _, ex := range r.Meta().Examples {
		doc, err := article.ParseFormat("example", []byte(ex.Text), ex.Format)
		if err != nil {
			out = append(out, fmt.Sprintf("example %q: %v", ex.Text, err))
			continue
		}
		fired := len(r.Check(doc)) > 0
		switch {
		case ex.Fires && !fired:
			out = append(out, fmt.Sprintf("example %q should fire but does not", ex.Text))
		case !ex.Fires && fired:
			out = append(out, fmt.Sprintf("example %q should pass but fires", ex.Text))
		}
	}
	return out
}
