package rules

import "github.com/copydesk/copydesk/rules/article"

// fakeRule is a rule with given Meta and diagnostics, for testing the docs
// and the harness.
type fakeRule struct {
	meta  Meta
	check func(doc *article.Document) []Diagnostic
}

func (r fakeRule) Meta() Meta { return r.meta }

func (r fakeRule) Check(doc *article.Document) []Diagnostic {
	if r.check == nil {
		return nil
	}
	return r.check(doc)
}
