package rules

import "testing"

func TestChatbotLeftover(t *testing.T) { runFixtures(t, chatbotLeftover{}) }
