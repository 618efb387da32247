package report

import (
	"encoding/json"
	"io"
	"strings"

	"github.com/copydesk/copydesk/rules"
)

// SARIF 2.1.0 (OASIS), the format GitHub code scanning and most IDEs read.
const (
	sarifVersion       = "2.1.0"
	sarifSchema        = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	sarifSrcRoot       = "%SRCROOT%"
	sarifFingerprint   = "copydeskFingerprint/v1"
	toolName           = "copydesk"
	toolInformationURI = "https://github.com/copydesk/copydesk"
)

type sarifLog struct {
	Version string     `json:"version"`
	Schema  string     `json:"$schema"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool               sarifTool                        `json:"tool"`
	Invocations        []sarifInvocation                `json:"invocations"`
	OriginalURIBaseIDs map[string]sarifArtifactLocation `json:"originalUriBaseIds,omitempty"`
	ColumnKind         string                           `json:"columnKind"`
	Results            []sarifResult                    `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string              `json:"id"`
	ShortDescription     *sarifMessage       `json:"shortDescription,omitempty"`
	FullDescription      *sarifMessage       `json:"fullDescription,omitempty"`
	Help                 *sarifMessage       `json:"help,omitempty"`
	DefaultConfiguration *sarifConfiguration `json:"defaultConfiguration,omitempty"`
	Properties           *sarifRuleProps     `json:"properties,omitempty"`
}

type sarifConfiguration struct {
	Enabled bool   `json:"enabled"`
	Level   string `json:"level"`
}

type sarifRuleProps struct {
	Category string   `json:"category"`
	Tags     []string `json:"tags"`
}

// sarifMessage is SARIF's message and multiformatMessageString.
type sarifMessage struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level     string          `json:"level"`
	Message   sarifMessage    `json:"message"`
	Locations []sarifLocation `json:"locations,omitempty"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifMessage      `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	RelatedLocations    []sarifLocation   `json:"relatedLocations,omitempty"`
	Fixes               []sarifFix        `json:"fixes,omitempty"`
	PartialFingerprints map[string]string `json:"partialFingerprints,omitempty"`
	Properties          *sarifResultProps `json:"properties,omitempty"`
}

type sarifResultProps struct {
	Category string `json:"category,omitempty"`
}

type sarifLocation struct {
	ID               *int                  `json:"id,omitempty"`
	PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
	Message          *sarifMessage         `json:"message,omitempty"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           *sarifRegion          `json:"region,omitempty"`
}

type sarifArtifactLocation struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

// sarifRegion gives line and column (code points, as columnKind says) and
// the byte range; SARIF's charOffset would count characters, so it is not
// used.
type sarifRegion struct {
	StartLine   int  `json:"startLine,omitempty"`
	StartColumn int  `json:"startColumn,omitempty"`
	EndLine     int  `json:"endLine,omitempty"`
	EndColumn   int  `json:"endColumn,omitempty"`
	ByteOffset  *int `json:"byteOffset,omitempty"`
	ByteLength  *int `json:"byteLength,omitempty"`
}

type sarifFix struct {
	Description     *sarifMessage         `json:"description,omitempty"`
	ArtifactChanges []sarifArtifactChange `json:"artifactChanges"`
}

type sarifArtifactChange struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Replacements     []sarifReplacement    `json:"replacements"`
}

type sarifReplacement struct {
	DeletedRegion   sarifRegion   `json:"deletedRegion"`
	InsertedContent *sarifMessage `json:"insertedContent,omitempty"`
}

// newSARIF writes one SARIF run: the rules that ran (from Options.RuleMetas,
// plus a bare descriptor for any other rule a finding names), the findings
// as results, and file errors and notes as tool notifications.
func newSARIF(opts Options) Formatter {
	return formatterFunc(func(w io.Writer, res *rules.Result) error {
		s := sarifWriter{opts: opts, index: map[string]int{}, rules: []sarifRule{}}
		run := sarifRun{
			Tool:       sarifTool{Driver: sarifDriver{Name: toolName, Version: opts.ToolVersion, InformationURI: toolInformationURI}},
			ColumnKind: "unicodeCodePoints",
			Results:    make([]sarifResult, 0, len(res.Findings)),
		}
		for _, m := range opts.RuleMetas {
			s.addRule(sarifRuleFromMeta(m))
		}
		for i := range res.Findings {
			run.Results = append(run.Results, s.result(&res.Findings[i]))
		}
		run.Tool.Driver.Rules = s.rules
		run.Invocations = []sarifInvocation{s.invocation(res)}
		if opts.BaseDir != "" {
			run.OriginalURIBaseIDs = map[string]sarifArtifactLocation{sarifSrcRoot: {URI: dirURI(opts.BaseDir)}}
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(sarifLog{Version: sarifVersion, Schema: sarifSchema, Runs: []sarifRun{run}})
	})
}

type sarifWriter struct {
	opts  Options
	rules []sarifRule
	index map[string]int // rule id -> index in rules
}

func (s *sarifWriter) addRule(r sarifRule) int {
	if i, ok := s.index[r.ID]; ok {
		return i
	}
	s.index[r.ID] = len(s.rules)
	s.rules = append(s.rules, r)
	return len(s.rules) - 1
}

func (s *sarifWriter) result(f *rules.Finding) sarifResult {
	r := sarifResult{
		RuleID:    f.Rule,
		RuleIndex: s.addRule(sarifRule{ID: f.Rule}),
		Level:     sarifLevel(f.Severity),
		Message:   sarifMessage{Text: f.Message},
		Locations: []sarifLocation{{PhysicalLocation: s.physical(location(f))}},
	}
	if f.Category != "" {
		r.Properties = &sarifResultProps{Category: string(f.Category)}
	}
	if f.Fingerprint != "" {
		r.PartialFingerprints = map[string]string{sarifFingerprint: f.Fingerprint}
	}
	for i, rel := range f.Related {
		id := i + 1
		loc := sarifLocation{ID: &id, PhysicalLocation: s.physical(rel)}
		if rel.Message != "" {
			loc.Message = &sarifMessage{Text: rel.Message}
		}
		r.RelatedLocations = append(r.RelatedLocations, loc)
	}
	for _, fx := range f.Fixes {
		r.Fixes = append(r.Fixes, s.fix(fx))
	}
	return r
}

// fix groups a fix's edits by file, in the order the files first appear.
func (s *sarifWriter) fix(fx rules.FindingFix) sarifFix {
	out := sarifFix{ArtifactChanges: []sarifArtifactChange{}}
	if fx.Message != "" {
		out.Description = &sarifMessage{Text: fx.Message}
	}
	byPath := map[string]int{}
	for _, e := range fx.Edits {
		i, ok := byPath[e.Path]
		if !ok {
			i = len(out.ArtifactChanges)
			byPath[e.Path] = i
			out.ArtifactChanges = append(out.ArtifactChanges, sarifArtifactChange{ArtifactLocation: s.artifact(e.Path)})
		}
		off, n := e.Offset, e.EndOffset-e.Offset
		rep := sarifReplacement{DeletedRegion: sarifRegion{ByteOffset: &off, ByteLength: &n}}
		if e.New != "" { // no insertedContent: a pure deletion
			rep.InsertedContent = &sarifMessage{Text: e.New}
		}
		out.ArtifactChanges[i].Replacements = append(out.ArtifactChanges[i].Replacements, rep)
	}
	return out
}

func (s *sarifWriter) artifact(path string) sarifArtifactLocation {
	rel, ok := repoPath(s.opts.BaseDir, path)
	if !ok {
		return sarifArtifactLocation{URI: fileURI(rel, false)}
	}
	return sarifArtifactLocation{URI: fileURI(rel, true), URIBaseID: sarifSrcRoot}
}

func (s *sarifWriter) physical(l rules.Location) sarifPhysicalLocation {
	p := sarifPhysicalLocation{ArtifactLocation: s.artifact(l.Path)}
	if l.Line > 0 {
		reg := &sarifRegion{StartLine: l.Line, StartColumn: l.Column, EndLine: l.EndLine, EndColumn: l.EndColumn}
		if l.EndOffset >= l.Offset {
			off, n := l.Offset, l.EndOffset-l.Offset
			reg.ByteOffset, reg.ByteLength = &off, &n
		}
		p.Region = reg
	}
	return p
}

func (s *sarifWriter) invocation(res *rules.Result) sarifInvocation {
	inv := sarifInvocation{ExecutionSuccessful: len(res.Errors) == 0}
	for _, e := range res.Errors {
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, sarifNotification{
			Level:     "error",
			Message:   sarifMessage{Text: e.Error()},
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysicalLocation{ArtifactLocation: s.artifact(e.Path)}}},
		})
	}
	for _, n := range res.Notes {
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, sarifNotification{
			Level: "note", Message: sarifMessage{Text: n},
		})
	}
	return inv
}

func sarifLevel(s rules.Severity) string {
	switch s {
	case rules.Error:
		return "error"
	case rules.Warning:
		return "warning"
	}
	return "note"
}

// sarifRuleFromMeta carries a rule's documentation into SARIF, where GitHub
// shows it as the alert's help.
func sarifRuleFromMeta(m rules.Meta) sarifRule {
	r := sarifRule{
		ID:                   m.Name,
		DefaultConfiguration: &sarifConfiguration{Enabled: m.Default, Level: sarifLevel(m.Severity)},
		Properties:           &sarifRuleProps{Category: string(m.Category), Tags: []string{string(m.Category)}},
	}
	if m.Summary != "" {
		r.ShortDescription = &sarifMessage{Text: m.Summary}
	}
	full := strings.TrimSpace(m.Doc)
	if full == "" {
		full = m.Summary
	}
	if full != "" {
		r.FullDescription = &sarifMessage{Text: full}
	}
	if text, md := ruleHelp(m); text != "" {
		r.Help = &sarifMessage{Text: text, Markdown: md}
	}
	return r
}

// ruleHelp renders a rule's summary, doc and examples as plain text and as
// Markdown.
func ruleHelp(m rules.Meta) (text, markdown string) {
	var t, md strings.Builder
	if m.Summary != "" {
		t.WriteString(m.Summary + ".\n")
		md.WriteString("**" + markdownEscape(m.Summary) + ".**\n")
	}
	if doc := strings.TrimSpace(m.Doc); doc != "" {
		t.WriteString("\n" + doc + "\n")
		md.WriteString("\n" + doc + "\n")
	}
	for _, ex := range m.Examples {
		label := "Does not fire on:"
		if ex.Fires {
			label = "Fires on:"
		}
		t.WriteString("\n" + label + "\n    " + strings.ReplaceAll(ex.Text, "\n", "\n    ") + "\n")
		fence := codeFence(ex.Text)
		md.WriteString("\n" + label + "\n\n" + fence + "\n" + ex.Text + "\n" + fence + "\n")
	}
	return strings.TrimSpace(t.String()), strings.TrimSpace(md.String())
}

// codeFence returns a backtick fence longer than any backtick run in s.
func codeFence(s string) string {
	longest, run := 0, 0
	for _, r := range s {
		if r == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	return strings.Repeat("`", max(3, longest+1))
}

// markdownEscape backslash-escapes the characters that Markdown (and
// GitHub's table cells) would read as markup.
func markdownEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\\', '`', '*', '_', '[', ']', '<', '>', '|', '#', '&':
			b.WriteByte('\\')
		case '\n', '\r':
			b.WriteByte(' ')
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
