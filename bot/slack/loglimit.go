package slack

import (
	"context"
	"log/slog"
	"slices"
	"sync"
	"time"
)

// refusalLogInterval is the longest that the log limiters keep a count before they
// write it: at most one line an interval for each kind of refusal, however many come.
const refusalLogInterval = time.Minute

// maxLoggedText bounds any text from a request that a log line holds.
const maxLoggedText = 200

// A logLimiter writes the first of a run of events as a line of its own, then counts the
// events of the next interval by reason and writes them as one summary line when the
// interval ends, for as long as they go on. A flood of refused requests costs one line an
// interval, not one a request. Reasons must come from a fixed set (they become keys).
type logLimiter struct {
	log      *slog.Logger
	level    slog.Level
	msg      string // the line of the first event
	summary  string // the line that counts the others
	interval time.Duration
	now      func() time.Time
	after    func(time.Duration, func()) // time.AfterFunc; tests fire it themselves

	mu      sync.Mutex
	quiet   time.Time      // until then, events are counted, not written
	counts  map[string]int // events not written yet, by reason
	pending bool           // a summary is scheduled
}

func newLogLimiter(log *slog.Logger, level slog.Level, msg, summary string) *logLimiter {
	return &logLimiter{
		log: log, level: level, msg: msg, summary: summary, interval: refusalLogInterval,
		now: time.Now, after: func(d time.Duration, fn func()) { time.AfterFunc(d, fn) },
		counts: map[string]int{},
	}
}

// event records an event: written at once with attrs when the limiter is quiet, counted
// under reason otherwise.
func (l *logLimiter) event(reason string, attrs ...any) {
	l.mu.Lock()
	now := l.now()
	if !l.pending && !now.Before(l.quiet) {
		l.quiet = now.Add(l.interval)
		l.mu.Unlock()
		l.log.Log(context.Background(), l.level, l.msg, append([]any{"reason", reason}, attrs...)...)
		return
	}
	l.counts[reason]++
	if !l.pending {
		l.pending = true
		l.after(l.quiet.Sub(now), l.flush)
	}
	l.mu.Unlock()
}

// flush writes the summary of the events counted, and keeps the limiter counting for
// another interval.
func (l *logLimiter) flush() {
	l.mu.Lock()
	counts := l.counts
	l.counts = map[string]int{}
	l.pending = false
	l.quiet = l.now().Add(l.interval)
	l.mu.Unlock()
	total := 0
	reasons := make([]string, 0, len(counts))
	for r, n := range counts {
		total += n
		reasons = append(reasons, r)
	}
	if total == 0 {
		return
	}
	slices.Sort(reasons)
	by := make([]any, len(reasons))
	for i, r := range reasons {
		by[i] = slog.Int(r, counts[r])
	}
	l.log.Log(context.Background(), l.level, l.summary, "suppressed", total, "interval", l.interval, slog.Group("by_reason", by...))
}

// clipText returns s cut to maxLoggedText bytes, at the start of a character, marked
// with "…" when cut.
func clipText(s string) string {
	if len(s) <= maxLoggedText {
		return s
	}
	return clipBytes(s, maxLoggedText) + "…"
}
