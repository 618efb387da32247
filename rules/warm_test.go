package rules

import "testing"

// TestWarmNames keeps Warm's table in step with the registry: a renamed
// rule would otherwise lose its warm start without any test noticing.
func TestWarmNames(t *testing.T) {
	known := map[string]bool{}
	for _, r := range All() {
		known[r.Meta().Name] = true
	}
	used := map[string]bool{}
	for rule, set := range phraseSetOf {
		if !known[rule] {
			t.Errorf("phraseSetOf names %q, which is no registered rule", rule)
		}
		if phraseSets[set] == nil {
			t.Errorf("phraseSetOf gives %q the set %q, which phraseSets does not have", rule, set)
		}
		used[set] = true
	}
	for set := range phraseSets {
		if !used[set] {
			t.Errorf("phrase set %q is used by no rule in phraseSetOf", set)
		}
	}
	Warm("no-such-rule") // names without a set are passed over
	names := make([]string, 0, len(known))
	for name := range known {
		names = append(names, name)
	}
	Warm(names...)
	if chatbotPhrases() == nil || placeholderLabels() == nil || stylePhrases() == nil {
		t.Fatal("a phrase set is nil after Warm")
	}
}
