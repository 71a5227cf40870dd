package main

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/briefbot/briefbot/bot/schedule"
	"github.com/briefbot/briefbot/bot/store"
	"github.com/briefbot/briefbot/summarize"
)

// scheduleRunnerName is the scheduler's name among serve's runners, in /readyz.
const scheduleRunnerName = "schedule"

// storeOpenTimeout bounds opening the store and running its migrations at start.
const storeOpenTimeout = time.Minute

// newScheduleRunner builds the scheduler of the configured channels on the store, which
// posts through the posters of the platform runners, and reads the news again first with
// refresh (nil: no feeds). Its run makes the scheduler's passes until serve stops, and
// releases the lease.
func newScheduleRunner(c *config, db *store.DB, refresh func(context.Context, time.Time), d serveDeps, m schedule.Metrics, platforms []*runner) (*runner, error) {
	posters := make(map[string]schedule.Poster)
	for _, r := range platforms {
		if r.poster != nil {
			posters[r.name] = scheduledPoster(r.poster)
		}
	}
	s, err := newScheduler(c, db, posters, schedulerDeps{log: d.log, metrics: m, now: d.now, ticker: d.ticker, refresh: refresh})
	if err != nil {
		return nil, err
	}
	return &runner{
		name:  scheduleRunnerName,
		ready: scheduleReadiness{s, len(c.Channels)},
		run:   s.Run,
	}, nil
}

// openStore opens the database at store.path and runs its migrations.
func openStore(c *config) (*store.DB, error) {
	ctx, cancel := context.WithTimeout(context.Background(), storeOpenTimeout)
	defer cancel()
	db, err := store.Open(ctx, c.storePath(), store.Options{BusyTimeout: c.Store.BusyTimeout})
	if err != nil {
		return nil, fmt.Errorf("%w (store.path)", err)
	}
	return db, nil
}

// schedulerDeps are what a scheduler takes besides the config; zero values are the
// real ones (the clock, a ticker, no metrics).
type schedulerDeps struct {
	log     *slog.Logger
	metrics schedule.Metrics
	now     func() time.Time
	ticker  func(time.Duration) (<-chan time.Time, func())
	owner   string
	// refresh, if set, reads the feeds before each briefing.
	refresh func(context.Context, time.Time)
}

// newScheduler returns the scheduler of the configured channels on db.
func newScheduler(c *config, db schedule.Store, posters map[string]schedule.Poster, d schedulerDeps) (*schedule.Scheduler, error) {
	sc := c.Schedule
	news, _ := db.(articleStore) // a store in memory (tests) holds no articles
	return schedule.New(schedule.Options{
		Store: db,
		Briefer: &scheduleBriefer{
			source:   hintingSource{newsSource(c, d.log, news), c.News.limits(), "news.max_bytes", "news.max_articles"},
			channels: c.channelSources(d.log, news),
			refresh:  d.refresh,
			summary:  c.Briefing.options(),
			stories:  c.Briefing.Stories,
		},
		Posters:        posters,
		Channels:       c.scheduleChannels(),
		Owner:          d.owner,
		Grace:          sc.Grace,
		Interval:       sc.Interval,
		LeaseTTL:       sc.LeaseTTL,
		AttemptTimeout: sc.AttemptTimeout,
		LookBack:       sc.LookBack,
		Now:            d.now,
		NewTicker:      d.ticker,
		Logger:         d.log,
		Metrics:        d.metrics,
	})
}

// scheduleReadiness is the scheduler's line in /readyz: ready as the leader that posts
// and as a standby behind another process that holds the lease.
type scheduleReadiness struct {
	s        *schedule.Scheduler
	channels int
}

// Ready says "leader (OWNER): posting in N channels; lease until T", or the standby's
// "standby; the scheduler lease is held by X until T", or why the scheduler is not
// ready.
func (r scheduleReadiness) Ready() (bool, string) {
	ok, state := r.s.Ready()
	if st := r.s.Status(); ok && st.Leader {
		return true, fmt.Sprintf("leader (%s): posting in %d %s; lease until %s", r.s.Owner(), r.channels,
			plural(r.channels, "channel", "channels"), st.Lease.Expires.UTC().Format(time.RFC3339))
	}
	return ok, state
}

// options returns the briefing section's summary options.
func (b briefingConfig) options() summarize.Options {
	return summarize.Options{
		Words:     b.Words,
		Sentences: b.Sentences,
		Algorithm: summarize.Algorithm(b.Algorithm),
	}
}
