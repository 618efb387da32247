package engine

import (
	"bytes"
	"flag"
	"os"
	"testing"

	"github.com/copydesk/copydesk/rules"
)

var updateDocs = flag.Bool("update-docs", false, "rewrite rules/RULES.md")

// TestRulesDoc fails when rules/RULES.md is not what the rules' own Meta
// says: every built-in rule, the duplicate rules and the engine's own.
func TestRulesDoc(t *testing.T) {
	var buf bytes.Buffer
	if err := rules.WriteDocs(&buf, Builtin()); err != nil {
		t.Fatal(err)
	}
	const path = "../RULES.md"
	if *updateDocs {
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	have, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(have, buf.Bytes()) {
		t.Errorf("rules/RULES.md is stale: run go test ./rules/engine -run RulesDoc -update-docs")
	}
}
