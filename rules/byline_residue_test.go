package rules

import "testing"

func TestBylineResidue(t *testing.T) { runFixtures(t, bylineResidue{}) }
