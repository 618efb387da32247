// Package report holds copydesk's output formats, one file each. A
// formatter writes a rules.Result to an io.Writer; it never runs the engine.
package report

import (
	"io"

	"github.com/copydesk/copydesk/rules"
)

// Formatter writes a run's result in one output format.
type Formatter interface {
	Format(w io.Writer, res *rules.Result) error
}
