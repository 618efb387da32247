package rules

import "testing"

func TestPlaceholder(t *testing.T) { runFixtures(t, placeholder{}) }
