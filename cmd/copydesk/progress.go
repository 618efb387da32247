package main

import (
	"fmt"
	"io"
	"time"

	"github.com/copydesk/copydesk/rules/engine"
)

// showProgress reports whether a run may draw a progress line: only on a
// terminal, with text output, and never in CI.
func showProgress(e *env, format string) bool {
	if format != "text" || !isTerminal(e.stderr) {
		return false
	}
	for _, v := range []string{"CI", "GITHUB_ACTIONS", "GITLAB_CI", "BUILDKITE", "JENKINS_URL", "TF_BUILD"} {
		if e.getenv(v) != "" {
			return false
		}
	}
	return true
}

// progressLine draws "checked N/M files, X MB/s, about Ts left" on w every
// quarter second, starting after a second (short runs show nothing), until
// stop is closed; then it clears the line.
func progressLine(w io.Writer, p *engine.Progress, stop <-chan struct{}, done chan<- struct{}) {
	defer close(done)
	start := time.Now()
	delay := time.NewTimer(time.Second)
	defer delay.Stop()
	select {
	case <-stop:
		return
	case <-delay.C:
	}
	tick := time.NewTicker(250 * time.Millisecond)
	defer tick.Stop()
	for {
		fmt.Fprintf(w, "\r\x1b[K%s", progressText(p, time.Since(start)))
		select {
		case <-stop:
			fmt.Fprint(w, "\r\x1b[K")
			return
		case <-tick.C:
		}
	}
}

// progressText renders the counters.
func progressText(p *engine.Progress, elapsed time.Duration) string {
	done, total, bytes := p.Done.Load(), p.Total.Load(), p.Bytes.Load()
	secs := elapsed.Seconds()
	if secs <= 0 {
		secs = 1e-9
	}
	mbps := float64(bytes) / 1e6 / secs
	s := fmt.Sprintf("checked %d", done)
	if total > 0 {
		s += fmt.Sprintf("/%d", total)
	}
	s += fmt.Sprintf(" files, %.1f MB/s", mbps)
	if total > 0 && done > 0 && done < total {
		left := time.Duration(float64(elapsed) * float64(total-done) / float64(done)).Round(time.Second)
		s += fmt.Sprintf(", about %s left", left)
	}
	return s
}
