package article

import (
	"sync"
	"testing"
)

type keyA struct{}
type keyB struct{ n int }

func TestMemo(t *testing.T) {
	d := &Document{}
	if _, ok := d.Memoized(keyA{}); ok {
		t.Fatal("Memoized found a value before any Memo")
	}
	calls := 0
	compute := func() any { calls++; return calls }
	if got := d.Memo(keyA{}, compute); got != 1 {
		t.Fatalf("first Memo = %v, want 1", got)
	}
	if got := d.Memo(keyA{}, compute); got != 1 || calls != 1 {
		t.Fatalf("second Memo = %v after %d computations, want the stored 1 after 1", got, calls)
	}
	if got, ok := d.Memoized(keyA{}); !ok || got != 1 {
		t.Fatalf("Memoized = %v, %v; want 1, true", got, ok)
	}
	// Keys are told apart by type and by value.
	for i := range 20 {
		if got := d.Memo(keyB{i}, func() any { return i * 10 }); got != i*10 {
			t.Fatalf("Memo(keyB{%d}) = %v, want %d", i, got, i*10)
		}
	}
	if got := d.Memo(keyB{3}, func() any { return -1 }); got != 30 {
		t.Fatalf("Memo(keyB{3}) again = %v, want the stored 30", got)
	}
}

// Concurrent callers all get the one stored value (run with -race).
func TestMemoConcurrent(t *testing.T) {
	d := &Document{}
	var wg sync.WaitGroup
	got := make([]any, 8)
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i] = d.Memo(keyA{}, func() any { return new(int) })
		}()
	}
	wg.Wait()
	for i := range got {
		if got[i] != got[0] {
			t.Fatalf("caller %d got another value than caller 0", i)
		}
	}
}
