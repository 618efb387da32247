package main

import "testing"

func TestGCPercentFor(t *testing.T) {
	tests := []struct {
		live uint64
		want int
	}{
		{0, gcMaxPercent},
		{1 << 20, gcMaxPercent},   // small heap: full headroom
		{32 << 20, 200},           // headroom capped at 64 MB
		{512 << 20, gcMinPercent}, // large heap: never below the default
		{8 << 30, gcMinPercent},
	}
	for _, tt := range tests {
		if got := gcPercentFor(tt.live); got != tt.want {
			t.Errorf("gcPercentFor(%d MB) = %d, want %d", tt.live>>20, got, tt.want)
		}
	}
}
