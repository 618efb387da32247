package rules

import (
	"fmt"
	"time"

	"github.com/dlclark/regexp2/v2"
)

// patternTimeout bounds one search of a house-rule pattern: a backtracking
// engine can be made to run for ever by a careless pattern.
const patternTimeout = 2 * time.Second

// pattern is a compiled house-rule expression. It uses regexp2 in RE2
// compatibility mode, the engine Vale uses, so a Vale rule matches here as
// it does in Vale: lookarounds work and \b knows non-ASCII letters.
type pattern struct {
	re *regexp2.Regexp
}

func compilePattern(expr string) (*pattern, error) {
	re, err := regexp2.Compile(expr, regexp2.RE2)
	if err != nil {
		return nil, err
	}
	re.MatchTimeout = patternTimeout
	return &pattern{re: re}, nil
}

// patternError is what Check panics with when a pattern cannot finish (a
// timeout, too much backtracking): the engine reports a rule's panic as an
// internal-error finding on the document, which is the honest outcome.
type patternError struct {
	expr string
	err  error
}

func (e patternError) Error() string {
	return fmt.Sprintf("house rule pattern %q: %v", e.expr, e.err)
}

// findAll returns every non-overlapping match of p in s as byte offsets:
// [start, end, group1 start, group1 end, ...], -1 for groups that did not
// take part.
func (p *pattern) findAll(s string) [][]int {
	var out [][]int
	m, err := p.re.FindStringMatch(s)
	for ; err == nil && m != nil; m, err = p.re.FindNextMatch(m) {
		groups := m.Groups()
		loc := make([]int, 0, 2*len(groups))
		for i := range groups {
			g := &groups[i]
			if len(g.Captures) == 0 {
				loc = append(loc, -1, -1)
				continue
			}
			start, n := g.ByteRange()
			loc = append(loc, start, start+n)
		}
		out = append(out, loc)
	}
	if err != nil {
		panic(patternError{p.re.String(), err})
	}
	return out
}

// matches reports whether p matches anywhere in s.
func (p *pattern) matches(s string) bool {
	ok, err := p.re.MatchString(s)
	if err != nil {
		panic(patternError{p.re.String(), err})
	}
	return ok
}

// replace is regexp2's Replace ($1 names a group).
func (p *pattern) replace(s, repl string) string {
	out, err := p.re.Replace(s, repl, -1, -1)
	if err != nil {
		return repl
	}
	return out
}
