package rules

import "testing"

func TestSpacing(t *testing.T) { runFixtures(t, spacing{}) }
