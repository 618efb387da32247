// Package rules defines what a copydesk rule is (Rule, Meta, Diagnostic),
// the findings the engine makes of diagnostics (Finding, Result), the
// explicit registry of built-in rules (All), and the built-in rules
// themselves, one file per rule.
//
// Rules never print and never read files: they get a parsed
// article.Document and return byte ranges into its source.
package rules

import (
	"fmt"
	"strings"

	"github.com/copydesk/copydesk/rules/article"
)

// Severity of a finding. Higher is more severe.
type Severity int

// Severities, in increasing order.
const (
	Suggestion Severity = iota + 1
	Warning
	Error
)

func (s Severity) String() string {
	switch s {
	case Suggestion:
		return "suggestion"
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return "none"
}

// MarshalText writes the severity's name.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads a severity's name.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// ParseSeverity reads "error", "warning" or "suggestion" (any case; "info"
// and "hint" mean suggestion).
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "error":
		return Error, nil
	case "warning", "warn":
		return Warning, nil
	case "suggestion", "info", "hint":
		return Suggestion, nil
	}
	return 0, fmt.Errorf("unknown severity %q (want error, warning or suggestion)", s)
}

// Category groups rules by what kind of problem they find.
type Category string

// Categories (DESIGN.md).
const (
	Leftover  Category = "leftover"  // text meant to be replaced before publishing
	Residue   Category = "residue"   // text the CMS, template or scraper left behind
	Style     Category = "style"     // awkward, redundant, editorializing or vague phrasing
	Mechanics Category = "mechanics" // repeated words, quotes, a/an, dates, spacing, invisible characters
	Duplicate Category = "duplicate" // cross-document findings
	Internal  Category = "internal"  // problems with copydesk's own directives or a rule's failure
)

// Example is a piece of copy in a rule's documentation, with whether the
// rule fires on it. The rule's tests run every example.
type Example struct {
	Text  string
	Fires bool
	// Format of Text; plain text by default.
	Format article.Format
}

// Meta describes a rule. Rule docs (rules/RULES.md, `copydesk explain`) are
// generated from it.
type Meta struct {
	Name     string   // kebab-case, stable
	Category Category // see the constants
	Severity Severity // default severity
	Default  bool     // on by default
	Summary  string   // one line, no final period
	Doc      string   // paragraphs of explanation: what, why, what to do
	Examples []Example
	// Options documents the rule's configuration options, name -> meaning
	// (with its default).
	Options map[string]string
}

// Edit replaces Src[Start:End] with New.
type Edit struct {
	Start, End int
	New        string
}

// Fix is a set of edits that together repair a diagnostic.
type Fix struct {
	Message string
	Edits   []Edit
}

// Related is another location that explains a diagnostic: the first copy of
// a repeated byline, the other article of a near-duplicate pair. Path is
// empty for a location in the same document.
type Related struct {
	Path       string
	Start, End int
	Message    string
}

// Diagnostic is what a rule reports: a byte range of the document's Src and
// a message. The engine fills in the rule name, severity, path, line and
// column.
type Diagnostic struct {
	Start, End int
	Message    string
	Fixes      []Fix
	Related    []Related
	// Severity overrides the rule's severity for this diagnostic when set.
	Severity Severity
}

// Rule checks one document. Check must be pure and safe to call from many
// goroutines at once.
type Rule interface {
	Meta() Meta
	Check(doc *article.Document) []Diagnostic
}

// Configurable is implemented by rules that take options. decode fills the
// rule's own typed options struct (a pointer) from the configuration and
// rejects unknown keys and wrong types.
type Configurable interface {
	Configure(decode func(into any) error) error
}

// CorpusRule is implemented by cross-document rules. The engine calls
// NewCorpus once per run, adds every checked document to it, and collects
// its diagnostics at the end. A corpus keeps what it needs (fingerprints),
// not the documents.
type CorpusRule interface {
	Rule
	NewCorpus() Corpus
}

// Corpus gathers documents for a cross-document rule. Add is called from
// several goroutines at once.
type Corpus interface {
	Add(doc *article.Document)
	Finish() []CorpusDiagnostic
}

// CorpusDiagnostic is a diagnostic in one of a corpus's documents.
type CorpusDiagnostic struct {
	Path string
	Diagnostic
}

// Lookup returns the built-in rule with that name from rs.
func Lookup(rs []Rule, name string) (Rule, bool) {
	for _, r := range rs {
		if r.Meta().Name == name {
			return r, true
		}
	}
	return nil, false
}
