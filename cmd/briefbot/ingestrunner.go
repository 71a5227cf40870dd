package main

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/briefbot/briefbot/bot/feeds"
)

// ingestRunnerName is the ingestion's name among serve's runners, in /readyz.
const ingestRunnerName = "ingest"

// briefingRefresh bounds the pass over the feeds before a scheduled briefing: past it,
// the briefing is made of what the store holds.
const briefingRefresh = time.Minute

// newIngester returns the ingester of the config's feeds and pages into db, with the
// clock now (nil: time.Now).
func newIngester(c *config, db feeds.Store, log *slog.Logger, skipped func(string), progress func(feeds.Report), now func() time.Time) (*feeds.Ingester, error) {
	in := c.News.Ingest
	pace := in.Pace
	if pace == 0 {
		pace = -1 // the config's 0 is no pause; the client's is its default
	}
	client := feeds.NewClient(feeds.ClientOptions{
		UserAgent:    in.UserAgent,
		Timeout:      in.Timeout,
		MaxBytes:     in.MaxBytes,
		PerHost:      in.PerHost,
		Pace:         pace,
		AllowPrivate: in.AllowPrivate,
	})
	return feeds.New(feeds.Options{
		Store:     db,
		Fetcher:   client,
		Logger:    log,
		MaxAge:    in.MaxAge,
		SeedAge:   in.SeedAge,
		SeedItems: in.SeedItems,
		Workers:   in.Workers,
		Skipped:   skipped,
		Progress:  progress,
		Now:       now,
	})
}

// An ingestRunner reads the feeds and pages into the store on an interval, and when a
// scheduled briefing asks (refresh).
type ingestRunner struct {
	in       *feeds.Ingester
	sources  []feeds.Source
	interval time.Duration
	log      *slog.Logger

	mu     sync.Mutex
	last   feeds.Report
	lastAt time.Time
	err    error
}

// newIngestRunner returns serve's runner of the ingestion, or nil when no feed or page
// is configured; now is the clock of what it stores (nil: time.Now).
func newIngestRunner(c *config, db feeds.Store, log *slog.Logger, m *promMetrics, now func() time.Time) (*ingestRunner, error) {
	sources := c.ingestSources()
	if len(sources) == 0 {
		return nil, nil
	}
	var skipped func(string)
	if m != nil {
		skipped = m.ingestSkip
	}
	in, err := newIngester(c, db, log, skipped, nil, now)
	if err != nil {
		return nil, err
	}
	return &ingestRunner{in: in, sources: sources, interval: c.News.Ingest.Interval, log: log.With("component", "ingest")}, nil
}

// runner returns it as one of serve's runners.
func (r *ingestRunner) runner() *runner {
	return &runner{name: ingestRunnerName, ready: r, run: r.run}
}

// run makes a pass at once, then one every interval, until ctx ends.
func (r *ingestRunner) run(ctx context.Context) error {
	t := time.NewTicker(r.interval)
	defer t.Stop()
	for {
		r.pass(ctx, r.interval)
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}

// refresh makes a pass before a scheduled briefing of the news until until, within
// briefingRefresh: what it finds belongs to that briefing (feeds.Ingester.RunAsOf).
func (r *ingestRunner) refresh(ctx context.Context, until time.Time) {
	r.passAsOf(ctx, briefingRefresh, until)
}

// pass reads every source once, within bound, and logs what it did.
func (r *ingestRunner) pass(ctx context.Context, bound time.Duration) {
	r.passAsOf(ctx, bound, time.Time{})
}

// passAsOf is pass for a briefing until asOf (the zero time: none).
func (r *ingestRunner) passAsOf(ctx context.Context, bound time.Duration, asOf time.Time) {
	ctx, cancel := context.WithTimeout(ctx, bound)
	defer cancel()
	start := time.Now()
	rep, err := r.in.RunAsOf(ctx, r.sources, asOf)
	r.mu.Lock()
	r.last, r.lastAt, r.err = rep, time.Now(), err
	r.mu.Unlock()
	if err != nil {
		r.log.Warn("ingest pass ended early", "error", err, "report", rep.String(), "duration", time.Since(start).Round(time.Millisecond))
		return
	}
	r.log.Info("ingest pass", "new", rep.New, "copies", rep.Copies, "seeded", rep.Seeded, "skipped", rep.Skipped,
		"failed", rep.Failed, "pruned", rep.Pruned, "duration", time.Since(start).Round(time.Millisecond))
}

// Ready says what the last pass did. Ingestion never makes serve unready: the bot
// answers from what the store holds, single feeds fail all the time, and a failing
// store shows in the scheduler's line and in the log.
func (r *ingestRunner) Ready() (bool, string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	switch {
	case r.lastAt.IsZero():
		return true, fmt.Sprintf("reading %d %s for the first time", len(r.sources), plural(len(r.sources), "source", "sources"))
	case r.err != nil:
		return true, fmt.Sprintf("the last pass, at %s, ended early: %v (%s)", r.lastAt.UTC().Format(time.RFC3339), r.err, r.last)
	}
	return true, fmt.Sprintf("last pass at %s: %s", r.lastAt.UTC().Format(time.RFC3339), r.last)
}
