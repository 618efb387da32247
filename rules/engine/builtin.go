package engine

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	"github.com/copydesk/copydesk/rules"
	"github.com/copydesk/copydesk/rules/article"
	"github.com/copydesk/copydesk/rules/similar"
)

// engineRule is a rule whose findings the engine makes itself (it has no
// per-document check of its own): listed, documented, and switched on and
// off like any other.
type engineRule struct{ meta rules.Meta }

func (r engineRule) Meta() rules.Meta                         { return r.meta }
func (engineRule) Check(*article.Document) []rules.Diagnostic { return nil }

// Builtin returns fresh instances of every rule copydesk has: the rules
// package's registry, the duplicate rules of rules/similar and the rules the
// engine implements, sorted by name.
func Builtin() []rules.Rule { return BuiltinWith(nil) }

// BuiltinWith is Builtin with the duplicate rules also comparing every
// checked story with an archive index (check --index); nil for none. Run
// such a rule set with Options.Corpus, so that one story is compared too.
func BuiltinWith(archive similar.Archive) []rules.Rule {
	all := rules.All()
	if archive != nil {
		all = append(all, similar.RulesWith(archive)...)
	} else {
		all = append(all, similar.Rules()...)
	}
	all = append(all, engineRule{unusedDirectiveMeta})
	sortRules(all)
	return all
}

func sortRules(rs []rules.Rule) {
	for i := 1; i < len(rs); i++ {
		for j := i; j > 0 && rs[j].Meta().Name < rs[j-1].Meta().Name; j-- {
			rs[j], rs[j-1] = rs[j-1], rs[j]
		}
	}
}

// DefaultRuleSet returns the rules that are on by default, at their default
// severities.
func DefaultRuleSet(all []rules.Rule) *RuleSet {
	rs := &RuleSet{Severity: map[string]rules.Severity{}}
	for _, r := range all {
		if r.Meta().Default {
			rs.Rules = append(rs.Rules, r)
		}
	}
	return rs
}

// RulesetVersion identifies a rule set: a short hash of every rule's name,
// category, default severity and default state. Reports and history record
// it so that a change in the rules explains a change in the numbers.
func RulesetVersion(all []rules.Rule) string {
	h := sha256.New()
	for _, r := range all {
		m := r.Meta()
		fmt.Fprintf(h, "%s\x00%s\x00%s\x00%t\n", m.Name, m.Category, m.Severity, m.Default)
	}
	return hex.EncodeToString(h.Sum(nil))[:12]
}
