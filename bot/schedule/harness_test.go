package schedule_test

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/schedule"
	"github.com/briefbot/briefbot/bot/schedule/scheduletest"
)

func utc(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

// An env is a scheduler on a MemStore with a hand-set clock and fake platforms.
type env struct {
	t      *testing.T
	clock  *scheduletest.Clock
	store  *scheduletest.MemStore
	slack  *scheduletest.Poster
	s      *schedule.Scheduler
	logs   *syncBuffer
	counts *counts
}

// setup changes a new env and its options.
type setup func(e *env, o *schedule.Options)

func channel(t testing.TB, platform, id, spec, zone string) schedule.Channel {
	t.Helper()
	loc, err := time.LoadLocation(zone)
	if err != nil {
		t.Fatal(err)
	}
	s, err := schedule.Parse(spec, loc)
	if err != nil {
		t.Fatal(err)
	}
	return schedule.Channel{Platform: platform, ID: id, Schedule: s}
}

// newEnv returns an env at now with one Slack channel C1 on the default schedule in
// UTC, and a Poster that is no Finder, unless the setups change that.
func newEnv(t *testing.T, now string, setups ...setup) *env {
	t.Helper()
	e := &env{t: t, clock: scheduletest.NewClock(utc(now)), store: scheduletest.NewMemStore(),
		slack: &scheduletest.Poster{}, logs: &syncBuffer{}, counts: &counts{}}
	o := schedule.Options{
		Store:    e.store,
		Briefer:  scheduletest.Briefer(),
		Posters:  map[string]schedule.Poster{"slack": e.slack},
		Channels: []schedule.Channel{channel(t, "slack", "C1", schedule.DefaultSpec, "UTC")},
		Owner:    "one",
		Now:      e.clock.Now,
		Logger:   slog.New(slog.NewTextHandler(e.logs, nil)),
		Metrics:  e.counts,
	}
	for _, f := range setups {
		f(e, &o)
	}
	s, err := schedule.New(o)
	if err != nil {
		t.Fatal(err)
	}
	e.s = s
	return e
}

// options changes the options alone.
func options(f func(o *schedule.Options)) setup { return func(_ *env, o *schedule.Options) { f(o) } }

// beside makes the env share other's store and clock: a second scheduler on the same
// database and machine.
func beside(other *env) setup {
	return func(e *env, o *schedule.Options) {
		e.store, e.clock = other.store, other.clock
		o.Store, o.Now = other.store, other.clock.Now
	}
}

func withOwner(owner string) setup { return options(func(o *schedule.Options) { o.Owner = owner }) }

func withChannels(cs ...schedule.Channel) setup {
	return options(func(o *schedule.Options) { o.Channels = cs })
}

// withFinder makes the Slack poster a Finder that searches its own posts; err, if
// set, is what every Find returns.
func withFinder(e **scheduletest.Finder, err error) setup {
	return func(_ *env, o *schedule.Options) {
		f := &scheduletest.Finder{Poster: o.Posters["slack"].(*scheduletest.Poster), Err: err}
		o.Posters["slack"] = f
		*e = f
	}
}

// tick makes a pass at the given time and waits for its jobs.
func (e *env) tick(at string) {
	e.t.Helper()
	e.clock.Set(utc(at))
	e.s.Tick(context.Background())
	e.s.Wait()
}

// record returns the ledger's record of a slot of C1.
func (e *env) record(at string, kind schedule.Kind) schedule.Record {
	e.t.Helper()
	s := schedule.Slot{Platform: "slack", Channel: "C1", Time: utc(at), Kind: kind}
	r, ok := e.store.Records()[s.ID()]
	if !ok {
		e.t.Fatalf("no record of %s; ledger: %v", s.ID(), e.store.Records())
	}
	return r
}

func (e *env) wantKeys(want string) {
	e.t.Helper()
	if got := e.slack.Keys(); got != want {
		e.t.Fatalf("posted %q, want %q\nlogs:\n%s", got, want, e.logs)
	}
}

func (e *env) wantState(at string, st schedule.State, reason string) schedule.Record {
	e.t.Helper()
	r := e.record(at, schedule.Scheduled)
	if r.State != st || !strings.Contains(r.Reason, reason) {
		e.t.Fatalf("slot %s: %s (%q), want %s with a reason containing %q", at, r.State, r.Reason, st, reason)
	}
	return r
}

// syncBuffer is a bytes.Buffer safe for concurrent writes (the logs of parallel jobs).
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// counts is a schedule.Metrics that counts outcomes by "platform state".
type counts struct {
	mu sync.Mutex
	m  map[string]int
}

func (c *counts) add(k string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = make(map[string]int)
	}
	c.m[k]++
}

func (c *counts) SlotDone(platform string, st schedule.State) { c.add(platform + " " + string(st)) }
func (c *counts) SlotRetried(platform string)                 { c.add(platform + " retried") }

func (c *counts) get(k string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.m[k]
}
