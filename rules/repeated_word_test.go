package rules

import "testing"

func TestRepeatedWord(t *testing.T) { runFixtures(t, repeatedWord{}) }
