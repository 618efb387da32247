package rules

import "testing"

func TestInvisibleChar(t *testing.T) { runFixtures(t, invisibleChar{}) }
