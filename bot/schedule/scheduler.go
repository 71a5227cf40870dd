package schedule

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/robfig/cron/v3"
)

// Defaults of Options.
const (
	DefaultGrace          = 2 * time.Hour
	DefaultWindow         = 24 * time.Hour
	DefaultInterval       = time.Minute
	DefaultLeaseTTL       = 3 * time.Minute
	DefaultAttemptTimeout = 2 * time.Minute
	DefaultLookBack       = 7 * 24 * time.Hour
)

// maxSlots bounds the slots one pass records for one channel.
const maxSlots = 32

// storeTimeout bounds a ledger write that must happen even when the pass is being
// cancelled (the outcome of a post that was made).
const storeTimeout = 30 * time.Second

// Options configure a Scheduler. Store, Briefer, and a Poster for the platform of each
// channel are required; zero durations take their defaults.
type Options struct {
	Store    Store
	Briefer  Briefer
	Posters  map[string]Poster // by platform name
	Channels []Channel

	// Owner names this scheduler in the lease and the ledger. Empty means
	// "host/pid/random", unique to the process.
	Owner string
	// Grace is how late a slot may still be posted (DefaultGrace); later, it is
	// recorded as missed. Retries happen inside it.
	Grace time.Duration
	// Interval is the time between passes (DefaultInterval).
	Interval time.Duration
	// LeaseTTL is how long the lease lasts without renewal (DefaultLeaseTTL); a
	// standby scheduler takes over at most this long after the holder died. It must be
	// longer than Interval, which renews it.
	LeaseTTL time.Duration
	// AttemptTimeout bounds one attempt: building the briefing and posting it
	// (DefaultAttemptTimeout).
	AttemptTimeout time.Duration
	// LookBack bounds how far back a pass records missed slots after a long outage
	// (DefaultLookBack).
	LookBack time.Duration

	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// NewTicker returns the channel Run waits on between passes and its stop
	// function; nil means a time.Ticker.
	NewTicker func(d time.Duration) (<-chan time.Time, func())
	Logger    *slog.Logger
	Metrics   Metrics
}

// Metrics receives the outcome of every slot. Methods must be safe for concurrent use.
type Metrics interface {
	// SlotDone records a slot's final state (Posted, Failed, Missed, Skipped).
	SlotDone(platform string, st State)
	// SlotRetried records an attempt that is to be tried again.
	SlotRetried(platform string)
}

// NopMetrics records nothing.
type NopMetrics struct{}

// SlotDone does nothing.
func (NopMetrics) SlotDone(string, State) {}

// SlotRetried does nothing.
func (NopMetrics) SlotRetried(string) {}

// A Scheduler posts each channel's briefings, once per slot, recorded in a Store. Run
// makes a pass at start and every Interval; each pass renews the lease and, when
// this scheduler holds it, starts one job per channel that resolves the channel's
// unfinished slots and posts the one that is due. A job that is still running when the
// next pass comes is skipped (cron's SkipIfStillRunning), and a panic in one is
// recovered and logged (cron's Recover), so a slow or failing channel never delays
// another.
type Scheduler struct {
	store    Store
	briefer  Briefer
	channels []*channel
	byKey    map[string]*channel
	owner    string
	policy   policy
	interval time.Duration
	ttl      time.Duration
	timeout  time.Duration // of one attempt
	now      func() time.Time
	ticker   func(time.Duration) (<-chan time.Time, func())
	log      *slog.Logger
	metrics  Metrics

	wg       sync.WaitGroup
	mu       sync.Mutex
	passCtx  context.Context
	status   Status
	inflight map[string]bool // slot IDs with an attempt running in this process
}

type channel struct {
	Channel
	poster Poster
	job    cron.Job
	log    *slog.Logger
}

// New returns a Scheduler, or an error naming the first option or channel that is
// not valid.
func New(o Options) (*Scheduler, error) {
	if o.Store == nil || o.Briefer == nil {
		return nil, errors.New("schedule: a Store and a Briefer are required")
	}
	s := &Scheduler{
		store:    o.Store,
		briefer:  o.Briefer,
		byKey:    make(map[string]*channel),
		owner:    o.Owner,
		interval: orDefault(o.Interval, DefaultInterval),
		ttl:      orDefault(o.LeaseTTL, DefaultLeaseTTL),
		timeout:  orDefault(o.AttemptTimeout, DefaultAttemptTimeout),
		now:      o.Now,
		ticker:   o.NewTicker,
		log:      o.Logger,
		metrics:  o.Metrics,
		inflight: make(map[string]bool),
	}
	s.policy = policy{
		grace:    orDefault(o.Grace, DefaultGrace),
		lookBack: orDefault(o.LookBack, DefaultLookBack),
		maxSlots: maxSlots,
	}
	if s.ttl <= s.interval {
		return nil, fmt.Errorf("schedule: the lease TTL (%s) must be longer than the interval (%s) that renews it", s.ttl, s.interval)
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.ticker == nil {
		s.ticker = func(d time.Duration) (<-chan time.Time, func()) {
			t := time.NewTicker(d)
			return t.C, t.Stop
		}
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	s.log = s.log.With("component", "schedule")
	if s.metrics == nil {
		s.metrics = NopMetrics{}
	}
	if s.owner == "" {
		s.owner = defaultOwner()
	}
	for i, ch := range o.Channels {
		c, err := s.newChannel(ch, o.Posters)
		if err != nil {
			return nil, fmt.Errorf("schedule: channel %d: %w", i, err)
		}
		if s.byKey[c.Key()] != nil {
			return nil, fmt.Errorf("schedule: channel %d: %s is listed twice", i, c.Key())
		}
		s.byKey[c.Key()] = c
		s.channels = append(s.channels, c)
	}
	return s, nil
}

func (s *Scheduler) newChannel(ch Channel, posters map[string]Poster) (*channel, error) {
	if err := checkName("platform", ch.Platform); err != nil {
		return nil, err
	}
	if err := checkName("channel ID", ch.ID); err != nil {
		return nil, err
	}
	if ch.Schedule == nil {
		return nil, fmt.Errorf("%s has no schedule", ch.Key())
	}
	p := posters[ch.Platform]
	if p == nil {
		return nil, fmt.Errorf("%s: no poster for platform %q", ch.Key(), ch.Platform)
	}
	if ch.Window <= 0 {
		ch.Window = DefaultWindow
	}
	c := &channel{Channel: ch, poster: p}
	c.log = s.log.With("platform", ch.Platform, "channel_id", ch.ID)
	l := cronLogger{c.log}
	c.job = cron.NewChain(cron.SkipIfStillRunning(l), cron.Recover(l)).Then(cron.FuncJob(func() {
		s.runChannel(s.currentPass(), c)
	}))
	return c, nil
}

// checkName refuses what cannot be a part of a slot ID.
func checkName(what, v string) error {
	if v == "" {
		return fmt.Errorf("empty %s", what)
	}
	if len(v) > 100 || strings.ContainsFunc(v, func(r rune) bool {
		return r == '/' || unicode.IsSpace(r) || !unicode.IsPrint(r)
	}) {
		return fmt.Errorf("%s %q: at most 100 printable characters without spaces or slashes", what, v)
	}
	return nil
}

func orDefault(d, def time.Duration) time.Duration {
	if d > 0 {
		return d
	}
	return def
}

func defaultOwner() string {
	host, _ := os.Hostname()
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	return fmt.Sprintf("%s/%d/%s", host, os.Getpid(), hex.EncodeToString(b))
}

// Owner returns the name this scheduler uses in the lease and the ledger.
func (s *Scheduler) Owner() string { return s.owner }

// Run makes a pass at once and one every Interval until ctx ends, then waits for the
// running jobs and releases the lease, so that a standby scheduler takes over at its
// next pass. It returns nil: failures are logged and counted, never fatal.
func (s *Scheduler) Run(ctx context.Context) error {
	ticks, stop := s.ticker(s.interval)
	defer stop()
	s.Tick(ctx)
	for {
		select {
		case <-ctx.Done():
			s.Wait()
			s.release(ctx)
			return nil
		case <-ticks:
			s.Tick(ctx)
		}
	}
}

// Tick makes one pass: it renews the lease (or tries to take it) and, when this
// scheduler holds it, starts the job of every channel. It returns without waiting for
// the jobs; Wait does.
func (s *Scheduler) Tick(ctx context.Context) {
	if !s.lead(ctx) {
		return
	}
	s.mu.Lock()
	s.passCtx = ctx
	s.mu.Unlock()
	for _, c := range s.channels {
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			c.job.Run()
		}()
	}
}

// Wait waits for the jobs that the passes started.
func (s *Scheduler) Wait() { s.wg.Wait() }

func (s *Scheduler) currentPass() context.Context {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.passCtx
}

func (s *Scheduler) release(ctx context.Context) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), storeTimeout)
	defer cancel()
	if err := s.store.ReleaseLease(ctx, LeaseName, s.owner); err != nil {
		s.log.Error("releasing the scheduler lease", "owner", s.owner, "error", err)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.status.Leader {
		s.log.Info("released the scheduler lease", "owner", s.owner)
	}
	s.status.Leader = false
	s.status.Lease = Lease{}
}

// cronLogger gives cron's wrappers a slog.Logger; cron's notices ("skip") are debug.
type cronLogger struct{ l *slog.Logger }

func (c cronLogger) Info(msg string, kv ...any) { c.l.Debug("cron: "+msg, kv...) }

func (c cronLogger) Error(err error, msg string, kv ...any) {
	c.l.Error("cron: "+msg, append(kv, "error", err)...)
}
