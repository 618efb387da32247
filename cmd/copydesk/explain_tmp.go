package main

import (
	"fmt"
	"io"

	"github.com/copydesk/copydesk/rules"
)

func explainRule(w io.Writer, r rules.Rule) error {
	m := r.Meta()
	_, err := fmt.Fprintf(w, "%s (%s, %s)\n%s\n\n%s\n", m.Name, m.Category, m.Severity, m.Summary, m.Doc)
	return err
}
