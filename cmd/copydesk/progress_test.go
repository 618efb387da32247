package main

import (
	"testing"
	"time"

	"github.com/copydesk/copydesk/rules/engine"
)

func TestProgressText(t *testing.T) {
	p := &engine.Progress{}
	p.Total.Store(400)
	p.Done.Store(100)
	p.Bytes.Store(50_000_000)
	got := progressText(p, 2*time.Second)
	want := "checked 100/400 files, 25.0 MB/s, about 6s left"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	p.Done.Store(400)
	if got := progressText(p, 2*time.Second); got != "checked 400/400 files, 25.0 MB/s" {
		t.Errorf("finished: %q", got)
	}
}

func TestNoProgressOffTerminalOrInCI(t *testing.T) {
	e := &env{getenv: func(string) string { return "" }}
	if showProgress(e, "text") {
		t.Error("progress on a non-terminal stderr")
	}
}
