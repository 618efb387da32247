package rules

import "testing"

func TestAwkwardPhrase(t *testing.T) { runFixtures(t, awkwardPhrase{}) }
