package rules

import "testing"

func TestRepeatedBlock(t *testing.T) { runFixtures(t, repeatedBlock{}) }
