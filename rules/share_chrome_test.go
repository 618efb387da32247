package rules

import "testing"

func TestShareChrome(t *testing.T) { runFixtures(t, shareChrome{}) }
