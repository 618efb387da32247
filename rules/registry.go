package rules

// All returns a fresh instance of every built-in rule, in alphabetical order
// of name. Registration is this explicit list: no init() side effects.
// Each call returns new values, so configuring one run's rules never touches
// another's.
func All() []Rule {
	return []Rule{
		aAn{},
		dateWeekday{},
		invisibleChar{},
		placeholder{},
		repeatedWord{},
		spacing{},
		unbalancedQuotes{},
	}
}
