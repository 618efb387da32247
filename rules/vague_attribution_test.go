package rules

import "testing"

func TestVagueAttribution(t *testing.T) { runFixtures(t, vagueAttribution{}) }
