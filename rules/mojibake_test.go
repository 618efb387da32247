package rules

import "testing"

func TestMojibake(t *testing.T) { runFixtures(t, mojibake{}) }
