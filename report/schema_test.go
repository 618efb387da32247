package report

import (
	"bytes"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// referenceDir holds the schemas the project validates against, shared by
// the team and not copied into the repository.
const referenceDir = "../../shared/reference"

var schemas sync.Map // file name -> *jsonschema.Schema

// schema compiles the reference schema file once, or skips the test when
// ../shared is absent.
func schema(t *testing.T, file string) *jsonschema.Schema {
	t.Helper()
	if s, ok := schemas.Load(file); ok {
		return s.(*jsonschema.Schema)
	}
	path := filepath.Join(referenceDir, file)
	if _, err := os.Stat(path); err != nil {
		t.Skipf("../shared/reference not found: %v", err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	s, err := c.Compile(path)
	if err != nil {
		t.Fatalf("compile %s: %v", file, err)
	}
	schemas.Store(file, s)
	return s
}

// validate fails when the JSON document doc does not satisfy the schema.
func validate(t *testing.T, file string, doc []byte) {
	t.Helper()
	s := schema(t, file)
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, doc)
	}
	if err := s.Validate(inst); err != nil {
		t.Errorf("output does not satisfy %s: %v\n%s", file, err, doc)
	}
}

// TestSchemaRejects makes sure the validation can fail.
func TestSchemaRejects(t *testing.T) {
	s := schema(t, "sarif-schema-2.1.0.json")
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader([]byte(`{"version": "2.1.0", "runs": [{"tool": {}}]}`)))
	if err != nil {
		t.Fatal(err)
	}
	if s.Validate(inst) == nil {
		t.Error("SARIF schema accepted a run without tool.driver")
	}
}
