package rules

import "testing"

func TestAAn(t *testing.T) { runFixtures(t, aAn{}) }
