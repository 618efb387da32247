package rules

import "testing"

func TestRepeatedHeadline(t *testing.T) { runFixtures(t, repeatedHeadline{}) }
