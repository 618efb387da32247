package rules

import "testing"

func TestRelatedLinks(t *testing.T) { runFixtures(t, relatedLinks{}) }
