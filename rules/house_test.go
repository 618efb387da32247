package rules

import (
	"fmt"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/rules/article"
)

// render lists diagnostics as "line:col-line:col message", with fixes.
func render(doc *article.Document, ds []Diagnostic) string {
	var out []string
	for _, d := range ds {
		l, c := doc.Position(d.Start)
		el, ec := doc.Position(d.End)
		s := fmt.Sprintf("%d:%d-%d:%d %s", l, c, el, ec, d.Message)
		for _, f := range d.Fixes {
			for _, e := range f.Edits {
				s += fmt.Sprintf(" => %q", e.New)
			}
		}
		out = append(out, s)
	}
	return strings.Join(out, "\n")
}

// tb is a block for buildDoc.
type tb struct {
	kind  article.Kind
	level int
	quote bool
	text  string
}

// buildDoc makes a document of one-line blocks separated by blank lines,
// so scope tests do not depend on a parser.
func buildDoc(bs ...tb) *article.Document {
	var src strings.Builder
	doc := &article.Document{Path: "t"}
	for i, b := range bs {
		if i > 0 {
			src.WriteString("\n\n")
		}
		start := src.Len()
		src.WriteString(b.text)
		doc.Blocks = append(doc.Blocks, article.Block{Kind: b.kind, Level: b.level, InQuote: b.quote, Text: b.text,
			Spans: []article.Span{{Text: 0, TextEnd: len(b.text), Src: start, SrcEnd: start + len(b.text)}}})
	}
	doc.Src = []byte(src.String())
	doc.Lines = article.NewLineIndex(doc.Src, false)
	return doc
}

// entityDoc is "AT&amp;T bid" whose text is "AT&T bid".
func entityDoc() *article.Document {
	src := "AT&amp;T bid"
	doc := &article.Document{Path: "t", Src: []byte(src), Lines: article.NewLineIndex([]byte(src), false)}
	doc.Blocks = []article.Block{{Kind: article.Paragraph, Text: "AT&T bid", Spans: []article.Span{
		{Text: 0, TextEnd: 2, Src: 0, SrcEnd: 2}, {Text: 2, TextEnd: 3, Src: 2, SrcEnd: 7}, {Text: 3, TextEnd: 8, Src: 7, SrcEnd: 12}}}}
	return doc
}

func TestHouseRules(t *testing.T) {
	tests := []struct {
		name   string
		spec   HouseSpec
		text   string // plain text, or:
		blocks []tb   // blocks of given kinds, one per line pair
		want   string
	}{
		{
			name: "existence: word-bounded, case-insensitive",
			spec: HouseSpec{Extends: "existence", Message: "Avoid '%s'.", IgnoreCase: true, Tokens: []string{"sort of", "arguably"}},
			text: "Headline\n\nIt was sort of fine. Arguably, resort off-season is not sorta.\n",
			want: "3:8-3:15 Avoid 'sort of'.\n3:22-3:30 Avoid 'Arguably'.",
		},
		{
			name: "existence: case-sensitive by default",
			spec: HouseSpec{Extends: "existence", Message: "Avoid '%s'.", Tokens: []string{"arguably"}},
			text: "Headline\n\nArguably not; arguably yes.\n",
			want: "3:15-3:23 Avoid 'arguably'.",
		},
		{
			name: "existence: exceptions",
			spec: HouseSpec{Extends: "existence", Message: "'%s' needs spelling out.", Tokens: []string{`[A-Z]{3,}`}, Exceptions: []string{"NASA", "FBI"}},
			text: "Headline\n\nThe FBI and NASA told the CDC.\n",
			want: "3:27-3:30 'CDC' needs spelling out.",
		},
		{
			name: "existence: raw pattern without word boundaries",
			spec: HouseSpec{Extends: "existence", Message: "Placeholder %s.", Nonword: true, Raw: []string{`\[(?:TK|source)\]`}},
			text: "Headline\n\nHe said[source] that x[TK].\n",
			want: "3:8-3:16 Placeholder [source].\n3:23-3:27 Placeholder [TK].",
		},
		{
			name: "existence: lookaround, as Vale's engine has it",
			spec: HouseSpec{Extends: "existence", Message: "'%s' needs a year.", Tokens: []string{`June(?! \d{4})`}},
			text: "Headline\n\nIn June 2024 and in June we met.\n",
			want: "3:21-3:25 'June' needs a year.",
		},
		{
			name: "existence: word boundaries know non-ASCII letters",
			spec: HouseSpec{Extends: "existence", Message: "'%s'", Tokens: []string{"café", "über"}},
			text: "Headline\n\nLe café, des cafés, über alles, Düber.\n",
			want: "3:4-3:8 'café'\n3:21-3:25 'über'",
		},
		{
			name: "existence: headline scope only",
			spec: HouseSpec{Extends: "existence", Message: "No '%s' in headlines.", Scope: []string{"headline"}, IgnoreCase: true, Tokens: []string{"slams"}},
			text: "Mayor slams council\n\nThe mayor slams the council.\n",
			want: "1:7-1:12 No 'slams' in headlines.",
		},
		{
			name: "existence: quote scope",
			spec: HouseSpec{Extends: "existence", Message: "'%s' in a quote.", Scope: []string{"quote"}, Tokens: []string{"damn"}},
			blocks: []tb{{kind: article.Headline, text: "Damn title"}, {text: "No damn here."}, {kind: article.Quote, text: "A damn good quote."},
				{kind: article.ListItem, quote: true, text: "A damn list in a quote."}},
			want: "5:3-5:7 'damn' in a quote.\n7:3-7:7 'damn' in a quote.",
		},
		{
			name: "existence: heading.h2 scope",
			spec: HouseSpec{Extends: "existence", Scope: []string{"heading.h2"}, Tokens: []string{"Update"}},
			blocks: []tb{{kind: article.Headline, level: 1, text: "Update one"}, {kind: article.Heading, level: 2, text: "Update two"},
				{kind: article.Heading, level: 3, text: "Update three"}, {text: "Update four"}},
			want: "3:1-3:7 Avoid 'Update'.",
		},
		{
			name: "existence: list and paragraph scopes",
			spec: HouseSpec{Extends: "existence", Scope: []string{"list", "paragraph"}, Tokens: []string{"TK"}},
			blocks: []tb{{kind: article.Headline, text: "TK"}, {text: "TK"}, {kind: article.ListItem, text: "TK"},
				{kind: article.Caption, text: "TK"}, {kind: article.Byline, text: "TK"}},
			want: "3:1-3:3 Avoid 'TK'.\n5:1-5:3 Avoid 'TK'.",
		},
		{
			name: "substitution: message, fix keeps the capital",
			spec: HouseSpec{Extends: "substitution", Message: "Use '%s' instead of '%s'.", IgnoreCase: true,
				Swap: map[string]string{"e-mail": "email", "web site": "website", "utilise": "use"}},
			text: "Headline\n\nE-mail the web site. We utilise it. Email is fine.\n",
			want: "3:1-3:7 Use 'email' instead of 'E-mail'. => \"Email\"\n3:12-3:20 Use 'website' instead of 'web site'. => \"website\"\n3:25-3:32 Use 'use' instead of 'utilise'. => \"use\"",
		},
		{
			name: "substitution: the right spelling is not flagged",
			spec: HouseSpec{Extends: "substitution", Message: "Use '%s' instead of '%s'.", IgnoreCase: true, Swap: map[string]string{"(?:okay|OK)": "OK"}},
			text: "Headline\n\nOK, it is okay.\n",
			want: "3:11-3:15 Use 'OK' instead of 'okay'. => \"OK\"",
		},
		{
			name: "substitution: alternatives with action replace",
			spec: HouseSpec{Extends: "substitution", Message: "Prefer '%s' over '%s'.", IgnoreCase: true, Action: &HouseAction{Name: "replace"},
				Swap: map[string]string{"at this point in time": "now|today"}},
			text: "Headline\n\nAt this point in time we wait.\n",
			want: "3:1-3:22 Prefer 'now' or 'today' over 'At this point in time'. => \"Now\" => \"Today\"",
		},
		{
			name: "substitution: group references and capitalize",
			spec: HouseSpec{Extends: "substitution", Message: "Write '%s', not '%s'.", Capitalize: true,
				Swap: map[string]string{`(\d+) per cent`: "$1 percent", "internet": "internet"}},
			text: "Headline\n\nUp 5 per cent. The Internet and the internet.\n",
			want: "3:4-3:14 Write '5 percent', not '5 per cent'. => \"5 percent\"",
		},
		{
			name: "substitution: longest key first",
			spec: HouseSpec{Extends: "substitution", Swap: map[string]string{"in order": "orderly", "in order to": "to"}},
			text: "Headline\n\nWe came in order to win.\n",
			want: "3:9-3:20 Use 'to' instead of 'in order to'. => \"to\"",
		},
		{
			name: "occurrence: too many per paragraph, at the first",
			spec: HouseSpec{Extends: "occurrence", Message: "'very' %d times.", Scope: []string{"paragraph"}, Max: 2, Token: `\bvery\b`},
			text: "Very very very\n\nIt was very, very good.\n\nA very very very bad day.\n",
			want: "5:3-5:7 'very' 3 times.",
		},
		{
			name: "occurrence: sentences too long",
			spec: HouseSpec{Extends: "occurrence", Message: "Sentence of more than 6 words.", Scope: []string{"sentence"}, Max: 6, Token: `\S+`},
			text: "Headline\n\nShort one here. This sentence has far too many words in it. Fine.\n",
			want: "3:17-3:21 Sentence of more than 6 words.",
		},
		{
			name: "occurrence: per block with text scope, across blocks with document scope",
			spec: HouseSpec{Extends: "occurrence", Message: "'very' %d times.", Max: 3, Token: `\bvery\b`},
			text: "Headline\n\nIt was very, very good.\n\nA very very bad day.\n",
			want: "",
		},
		{
			name: "occurrence: document scope",
			spec: HouseSpec{Extends: "occurrence", Message: "'very' %d times.", Scope: []string{"document"}, Max: 3, Token: `\bvery\b`},
			text: "Headline\n\nIt was very, very good.\n\nA very very bad day.\n",
			want: "3:8-3:12 'very' 4 times.",
		},
		{
			name: "occurrence: document scope, too few",
			spec: HouseSpec{Extends: "occurrence", Message: "Only %d datelines.", Scope: []string{"document"}, Min: 1, Token: `^[A-Z]{3,} —`},
			text: "Headline\n\nBody text.\n",
			want: "1:1-1:9 Only 0 datelines.",
		},
		{
			name: "occurrence: too few",
			spec: HouseSpec{Extends: "occurrence", Message: "No attribution (%d).", Scope: []string{"paragraph"}, Min: 1, Token: `\bsaid\b`, IgnoreCase: true},
			text: "Headline\n\nThe mayor said so.\n\nPrices rose.\n",
			want: "5:1-5:7 No attribution (0).",
		},
		{
			name: "consistency: the second spelling, and later uses",
			spec: HouseSpec{Extends: "consistency", Message: "Inconsistent spelling of '%s'.", IgnoreCase: true, Either: map[string]string{"advisor": "adviser"}},
			text: "Headline\n\nThe advisor spoke.\n\nThe adviser agreed.\n\nNothing here.\n\nThe advisor left.\n",
			want: "5:5-5:12 Inconsistent spelling of 'adviser'.\n9:5-9:12 Inconsistent spelling of 'advisor'.",
		},
		{
			name: "consistency: one spelling is fine",
			spec: HouseSpec{Extends: "consistency", Either: map[string]string{"advisor": "adviser"}},
			text: "Headline\n\nThe advisor spoke. The advisor left.\n",
			want: "",
		},
		{
			name: "conditional: an acronym before its definition",
			spec: HouseSpec{Extends: "conditional", Message: "'%s' has no definition.", First: `\b[A-Z]{3,5}\b`,
				Second: `(?:\b[A-Z][a-z]+ )+\(([A-Z]{3,5})\)`, Exceptions: []string{"NASA"}},
			text: "Headline\n\nThe WHO said.\n\nThe World Health Organization (WHO) and NASA agreed. The WHO and the CDC.\n",
			want: "3:5-3:8 'WHO' has no definition.\n5:70-5:73 'CDC' has no definition.",
		},
		{
			name: "conditional: definition without a group clears the unit",
			spec: HouseSpec{Extends: "conditional", Message: "'%s' first.", First: `\bCEO\b`, Second: `chief executive`},
			text: "Headline\n\nThe CEO spoke.\n\nThe chief executive, the CEO, spoke.\n",
			want: "3:5-3:8 'CEO' first.",
		},
		{
			name: "capitalization: AP title case",
			spec: HouseSpec{Extends: "capitalization", Message: "'%s' should be in title case.", Match: "$title", Scope: []string{"heading"}},
			blocks: []tb{{kind: article.Headline, text: "Council Approves Budget for the Year"}, {kind: article.Heading, text: "Council approves budget"},
				{kind: article.Heading, text: "Budget Is Passed at Last"}, {kind: article.Heading, text: "Vote For The Plan"},
				{kind: article.Heading, text: "NASA Picks iPhone Maker in 5G Deal: A Win"}, {text: "a paragraph in lower case"}},
			want: "3:1-3:24 'Council approves budget' should be in title case.\n7:1-7:18 'Vote For The Plan' should be in title case.",
		},
		{
			name: "capitalization: sentence case",
			spec: HouseSpec{Extends: "capitalization", Message: "'%s' should be in sentence case.", Match: "$sentence", Exceptions: []string{"Paris"}, Scope: []string{"heading"}},
			blocks: []tb{{kind: article.Headline, text: "Council approves budget in Paris"}, {kind: article.Heading, text: "Council Approves New Budget Plan"},
				{kind: article.Heading, text: "council meets"}, {kind: article.Heading, text: "NASA and the FBI sign deal with Microsoft"}},
			want: "3:1-3:33 'Council Approves New Budget Plan' should be in sentence case.\n5:1-5:14 'council meets' should be in sentence case.",
		},
		{
			name: "positions through a mapped span (an entity)",
			spec: HouseSpec{Extends: "existence", Message: "'%s'", Tokens: []string{"AT&T bid"}},
			want: "1:1-1:13 'AT&T bid'",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := NewHouseRule("Test", tt.spec)
			if err != nil {
				t.Fatal(err)
			}
			var doc *article.Document
			switch {
			case tt.blocks != nil:
				doc = buildDoc(tt.blocks...)
			case tt.text == "":
				doc = entityDoc()
			default:
				doc, err = article.ParseFormat("t", []byte(tt.text), article.Text)
				if err != nil {
					t.Fatal(err)
				}
			}
			if got := render(doc, r.Check(doc)); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestHouseRuleMeta(t *testing.T) {
	r, err := NewHouseRule("Newsroom.Hype", HouseSpec{
		Extends: "existence", Tokens: []string{"unprecedented"}, Level: "error", Link: "https://example.org/style#hype",
		Examples: HouseExamples{Fire: []string{"An unprecedented move."}, Pass: []string{"A move."}},
	})
	if err != nil {
		t.Fatal(err)
	}
	m := r.Meta()
	if m.Name != "Newsroom.Hype" || m.Category != Style || m.Severity != Error || !m.Default {
		t.Errorf("meta %+v", m)
	}
	if !strings.Contains(m.Doc, "https://example.org/style#hype") || m.Summary == "" {
		t.Errorf("doc %q summary %q", m.Doc, m.Summary)
	}
	if len(m.Examples) != 2 || !m.Examples[0].Fires || m.Examples[1].Fires {
		t.Errorf("examples %+v", m.Examples)
	}
	if f := ExampleFailures(r); len(f) != 0 {
		t.Errorf("examples fail: %q", f)
	}
	r2, _ := NewHouseRule("Bad", HouseSpec{Extends: "existence", Tokens: []string{"x"}, Severity: "suggestion", Category: "leftover",
		Examples: HouseExamples{Fire: []string{"no match"}, Pass: []string{"an x here"}}})
	if m := r2.Meta(); m.Severity != Suggestion || m.Category != Leftover {
		t.Errorf("meta %+v", m)
	}
	want := []string{`example "no match" should fire but does not`, `example "an x here" should pass but fires`}
	if got := ExampleFailures(r2); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("failures %q, want %q", got, want)
	}
}

func TestNewHouseRuleErrors(t *testing.T) {
	tests := []struct {
		name string
		spec HouseSpec
		want string
	}{
		{"no kind", HouseSpec{}, "extends: missing"},
		{"unknown kind", HouseSpec{Extends: "spelling"}, `extends: unknown kind "spelling"`},
		{"existence without tokens", HouseSpec{Extends: "existence"}, "tokens: an existence rule needs tokens or raw"},
		{"bad token", HouseSpec{Extends: "existence", Tokens: []string{"(x"}}, "tokens: error parsing regexp"},
		{"substitution without swap", HouseSpec{Extends: "substitution"}, "swap: a substitution rule needs"},
		{"bad swap key", HouseSpec{Extends: "substitution", Swap: map[string]string{"a[": "b"}}, "swap key a[: error parsing regexp"},
		{"occurrence without token", HouseSpec{Extends: "occurrence", Max: 1}, "token: an occurrence rule needs a token"},
		{"occurrence without bounds", HouseSpec{Extends: "occurrence", Token: "x"}, "max: an occurrence rule needs max or min"},
		{"consistency without pairs", HouseSpec{Extends: "consistency"}, "either: a consistency rule needs"},
		{"conditional half", HouseSpec{Extends: "conditional", First: "x"}, "first, second: a conditional rule needs both"},
		{"conditional bad second", HouseSpec{Extends: "conditional", First: "x", Second: "(?<=a b"}, "second: error parsing regexp"},
		{"capitalization without match", HouseSpec{Extends: "capitalization"}, "match: a capitalization rule needs $title or $sentence"},
		{"capitalization regex", HouseSpec{Extends: "capitalization", Match: "$upper"}, `match: "$upper" is not supported`},
		{"capitalization Chicago", HouseSpec{Extends: "capitalization", Match: "$title", Style: "Chicago"}, `style: only AP title case is supported`},
		{"level and severity", HouseSpec{Extends: "existence", Tokens: []string{"x"}, Level: "error", Severity: "warning"}, "level and severity: set one of them"},
		{"bad level", HouseSpec{Extends: "existence", Tokens: []string{"x"}, Level: "fatal"}, `level: unknown severity "fatal"`},
		{"bad category", HouseSpec{Extends: "existence", Tokens: []string{"x"}, Category: "duplicate"}, `category: unknown category "duplicate"`},
		{"bad scope", HouseSpec{Extends: "existence", Tokens: []string{"x"}, Scope: []string{"~code"}}, `scope: "~code" is not supported`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewHouseRule("R", tt.spec)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want it to contain %q", err, tt.want)
			}
		})
	}
	if _, err := NewHouseRule("two words", HouseSpec{Extends: "existence", Tokens: []string{"x"}}); err == nil {
		t.Error("a name with a space was accepted")
	}
}

func TestValeFormat(t *testing.T) {
	tests := []struct {
		msg  string
		args []any
		want string
	}{
		{"Avoid '%s'.", []any{"x"}, "Avoid 'x'."},
		{"No placeholder.", []any{"x"}, "No placeholder."},
		{"Use '%s' instead of '%s'.", []any{"a", "b"}, "Use 'a' instead of 'b'."},
		{"Count %d.", []any{3}, "Count 3."},
	}
	for _, tt := range tests {
		if got := valeFormat(tt.msg, tt.args...); got != tt.want {
			t.Errorf("valeFormat(%q) = %q, want %q", tt.msg, got, tt.want)
		}
	}
}
