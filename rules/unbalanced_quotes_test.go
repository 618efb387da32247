package rules

import "testing"

func TestUnbalancedQuotes(t *testing.T) { runFixtures(t, unbalancedQuotes{}) }
