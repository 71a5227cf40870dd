package schedule_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/schedule"
	"github.com/briefbot/briefbot/bot/schedule/scheduletest"
)

// signalling is a Poster that tells when it has posted.
type signalling struct {
	*scheduletest.Poster
	done chan string
}

func (p signalling) Post(ctx context.Context, channelID string, m schedule.Message, key string) (schedule.Ref, error) {
	ref, err := p.Poster.Post(ctx, channelID, m, key)
	p.done <- key
	return ref, err
}

// TestOneChannelDoesNotDelayAnother holds one channel's post in flight and checks that
// another platform's channel posts meanwhile, that the next pass skips the held one,
// and that it posts once released.
func TestOneChannelDoesNotDelayAnother(t *testing.T) {
	slow := &scheduletest.Poster{Gate: make(chan struct{})}
	fast := signalling{&scheduletest.Poster{}, make(chan string, 4)}
	e := newEnv(t, slot0700,
		withChannels(channel(t, "slack", "C1", schedule.DefaultSpec, "UTC"), channel(t, "discord", "D1", schedule.DefaultSpec, "UTC")),
		options(func(o *schedule.Options) {
			o.Posters = map[string]schedule.Poster{"slack": slow, "discord": fast}
		}))
	e.clock.Set(utc(slot0700))
	e.s.Tick(context.Background())
	select {
	case key := <-fast.done:
		if key != "discord/D1/2026-12-02T07:00:00Z" {
			t.Fatalf("posted %s", key)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the Discord channel waited for the Slack one")
	}
	if slow.Calls() != 0 || len(slow.Posts()) != 0 {
		t.Fatal("the held post went through")
	}
	e.clock.Set(utc("2026-12-02T07:01:00Z"))
	e.s.Tick(context.Background()) // the Slack job is still running: skipped
	close(slow.Gate)
	e.s.Wait()
	if got := slow.Keys(); got != key0700 {
		t.Fatalf("Slack posts %q, want %q", got, key0700)
	}
	if n := len(fast.Posts()); n != 1 {
		t.Fatalf("%d Discord posts, want 1", n)
	}
}

// TestPanicIsContained makes one channel's briefing panic and checks that the other
// channel posts, the process lives on, and the slot is not posted on a guess.
func TestPanicIsContained(t *testing.T) {
	briefer := schedule.BrieferFunc(func(_ context.Context, ch schedule.Channel, since, until time.Time) (schedule.Message, error) {
		if ch.ID == "C1" {
			panic("index out of range")
		}
		return scheduletest.Briefer().Brief(context.Background(), ch, since, until)
	})
	e := newEnv(t, slot0700,
		withChannels(channel(t, "slack", "C1", schedule.DefaultSpec, "UTC"), channel(t, "slack", "C2", schedule.DefaultSpec, "UTC")),
		options(func(o *schedule.Options) { o.Briefer = briefer }))
	e.tick(slot0700)
	e.wantKeys("slack/C2/2026-12-02T07:00:00Z")
	if logs := e.logs.String(); !strings.Contains(logs, "cron: panic") || !strings.Contains(logs, "channel_id=C1") {
		t.Fatalf("the panic is not logged with its channel:\n%s", logs)
	}
	e.tick("2026-12-02T07:01:00Z")
	e.wantState(slot0700, schedule.Skipped, "cannot be asked")
}

// TestConcurrentTicks runs two passes at the same time; the slot is posted once.
func TestConcurrentTicks(t *testing.T) {
	e := newEnv(t, slot0700)
	e.slack.Gate = make(chan struct{})
	e.s.Tick(context.Background())
	e.s.Tick(context.Background())
	close(e.slack.Gate)
	e.s.Wait()
	e.wantKeys(key0700)
}

func TestLeaseTakenOnlyAfterRelease(t *testing.T) {
	a := newEnv(t, slot0700)
	b := newEnv(t, slot0700, beside(a), withOwner("two"))
	if ok, msg := a.s.Ready(); ok || msg != "starting" {
		t.Fatalf("Ready before the first pass = %v %q", ok, msg)
	}
	a.tick("2026-12-02T06:59:00Z")
	b.tick("2026-12-02T06:59:30Z")
	if !a.s.Status().Leader || b.s.Status().Leader {
		t.Fatalf("leaders: a %v, b %v; want a alone", a.s.Status().Leader, b.s.Status().Leader)
	}
	if ok, msg := b.s.Ready(); !ok || !strings.Contains(msg, "standby; the scheduler lease is held by one until 2026-12-02T07:02:00Z") {
		t.Fatalf("b Ready = %v %q", ok, msg)
	}
	if !strings.Contains(b.logs.String(), "another scheduler holds the lease; standing by") {
		t.Fatalf("b does not log that it stands by:\n%s", b.logs)
	}
	b.tick(slot0700)
	a.tick(slot0700)
	b.tick("2026-12-02T07:00:30Z")
	a.wantKeys(key0700)
	if b.slack.Calls() != 0 {
		t.Fatal("the standby posted")
	}

	// a stops: Run returns and releases the lease; b takes it at its next pass.
	ticks := make(chan time.Time)
	ctx, cancel := context.WithCancel(context.Background())
	a2 := newEnv(t, slot0700, beside(a), options(func(o *schedule.Options) {
		o.NewTicker = func(time.Duration) (<-chan time.Time, func()) { return ticks, func() {} }
	}))
	done := make(chan error)
	go func() { done <- a2.s.Run(ctx) }()
	ticks <- time.Time{} // Run has made its first pass and waits for the next tick
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Run = %v", err)
	}
	if a2.s.Status().Leader || !strings.Contains(a2.logs.String(), "released the scheduler lease") {
		t.Fatalf("after Run: leader %v; logs:\n%s", a2.s.Status().Leader, a2.logs)
	}
	b.tick("2026-12-02T07:01:00Z")
	if ok, msg := b.s.Ready(); !ok || !strings.HasPrefix(msg, "posting; lease held until 2026-12-02T07:04:00Z") {
		t.Fatalf("b after the release: %v %q", ok, msg)
	}
}

func TestLeaseTakenAfterExpiry(t *testing.T) {
	a := newEnv(t, slot0700)
	b := newEnv(t, slot0700, beside(a), withOwner("two"))
	a.tick("2026-12-02T06:59:00Z") // then a dies without releasing
	for _, at := range []string{"2026-12-02T07:00:00Z", "2026-12-02T07:01:59Z"} {
		b.tick(at)
		if b.s.Status().Leader || b.slack.Calls() != 0 {
			t.Fatalf("at %s b leads (%v) or posted (%d) before the lease expired", at, b.s.Status().Leader, b.slack.Calls())
		}
	}
	b.tick("2026-12-02T07:02:00Z")
	if !b.s.Status().Leader {
		t.Fatal("b did not take the expired lease")
	}
	b.wantKeys(key0700)
	// a wakes up: its lease is gone, so it stands by and posts nothing.
	a.tick("2026-12-02T07:02:30Z")
	if a.s.Status().Leader || a.slack.Calls() != 0 {
		t.Fatal("a, woken, still leads")
	}
}

func TestStoreDownIsNotReady(t *testing.T) {
	e := newEnv(t, slot0700)
	e.store.SetErr("", errors.New("disk I/O error"))
	e.tick(slot0700)
	if ok, msg := e.s.Ready(); ok || !strings.Contains(msg, "disk I/O error") {
		t.Fatalf("Ready = %v %q", ok, msg)
	}
	if e.slack.Calls() != 0 {
		t.Fatal("posted without a lease")
	}
	e.store.SetErr("", nil)
	e.tick("2026-12-02T07:01:00Z")
	e.wantKeys(key0700)
}

// entering is a Poster that says when a post starts, then waits for release.
type entering struct {
	*scheduletest.Poster
	entered, release chan struct{}
}

func (p entering) Post(ctx context.Context, channelID string, m schedule.Message, key string) (schedule.Ref, error) {
	p.entered <- struct{}{}
	<-p.release
	return p.Poster.Post(ctx, channelID, m, key)
}

// TestPostNowBesideAPass runs a pass while a manual post of the same channel is in
// flight in the same process: the pass leaves the manual slot alone.
func TestPostNowBesideAPass(t *testing.T) {
	p := entering{&scheduletest.Poster{}, make(chan struct{}), make(chan struct{})}
	e := newEnv(t, "2026-12-02T10:15:00Z", options(func(o *schedule.Options) {
		o.Posters = map[string]schedule.Poster{"slack": p}
	}))
	type result struct {
		o   schedule.Outcome
		err error
	}
	done := make(chan result)
	go func() {
		o, err := e.s.PostNow(context.Background(), "slack", "C1")
		done <- result{o, err}
	}()
	<-p.entered
	e.clock.Set(utc("2026-12-02T10:20:00Z"))
	e.s.Tick(context.Background())
	e.s.Wait()
	close(p.release)
	r := <-done
	if r.err != nil || r.o.State != schedule.Posted {
		t.Fatalf("PostNow = %+v, %v; logs:\n%s", r.o, r.err, e.logs)
	}
	if got := p.Keys(); got != "slack/C1/manual/2026-12-02T10:15:00Z" {
		t.Fatalf("posted %q", got)
	}
}
