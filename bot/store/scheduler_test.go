package store_test

import (
	"bytes"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/schedule"
	"github.com/briefbot/briefbot/bot/schedule/scheduletest"
	"github.com/briefbot/briefbot/bot/store"
)

// A process is one briefbot serve: a scheduler on its own handle to the database file.
type process struct {
	db   *store.DB
	s    *schedule.Scheduler
	logs *bytes.Buffer
}

func start(t *testing.T, path, owner string, clock *scheduletest.Clock, poster schedule.Poster, o store.Options) *process {
	t.Helper()
	d := mustOpen(t, path, o)
	sched, err := schedule.Parse(schedule.DefaultSpec, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	p := &process{db: d, logs: &bytes.Buffer{}}
	p.s, err = schedule.New(schedule.Options{
		Store:    d,
		Briefer:  scheduletest.Briefer(),
		Posters:  map[string]schedule.Poster{"slack": poster},
		Channels: []schedule.Channel{{Platform: "slack", ID: "C1", Schedule: sched}},
		Owner:    owner,
		Now:      clock.Now,
		Logger:   slog.New(slog.NewTextHandler(p.logs, nil)),
	})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func (p *process) tick(clock *scheduletest.Clock, at string) {
	clock.Set(parse(at))
	p.s.Tick(ctx)
	p.s.Wait()
}

func parse(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

const key = "slack/C1/2026-12-02T07:00:00Z"

// TestRestartOnSQLite posts, stops, and starts again on the same file: no second post.
func TestRestartOnSQLite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "briefbot.db")
	clock := scheduletest.NewClock(parse("2026-12-02T07:00:00Z"))
	poster := &scheduletest.Poster{}
	a := start(t, path, "one", clock, poster, store.Options{})
	a.tick(clock, "2026-12-02T07:00:00Z")
	a.db.Close()
	b := start(t, path, "two", clock, poster, store.Options{})
	for _, at := range []string{"2026-12-02T07:03:00Z", "2026-12-02T07:04:00Z", "2026-12-02T08:00:00Z"} {
		b.tick(clock, at)
	}
	if got := poster.Keys(); got != key {
		t.Fatalf("posted %q, want %q once", got, key)
	}
}

// TestCrashRecoveryOnSQLite leaves a slot claimed by a process that died after its
// post reached the channel; the next process finds the message and records it.
func TestCrashRecoveryOnSQLite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "briefbot.db")
	clock := scheduletest.NewClock(parse("2026-12-02T07:00:00Z"))
	f := &scheduletest.Finder{Poster: &scheduletest.Poster{}}
	dead := mustOpen(t, path, store.Options{})
	s := schedule.Slot{Platform: "slack", Channel: "C1", Time: parse("2026-12-02T07:00:00Z"), Kind: schedule.Scheduled}
	if err := dead.Claim(ctx, schedule.Claim{Slot: s, Owner: "dead", At: clock.Now()}); err != nil {
		t.Fatal(err)
	}
	ref := f.Add("C1", key)
	dead.Close()

	p := start(t, path, "two", clock, f, store.Options{})
	p.tick(clock, "2026-12-02T07:05:00Z")
	r, ok, err := p.db.LastPosted(ctx, "slack", "C1")
	if err != nil || !ok || r.MessageID != ref.ID || f.Calls() != 0 {
		t.Fatalf("after recovery: %+v %v %v, %d posts; want %s found, none posted", r, ok, err, f.Calls(), ref.ID)
	}
}

// TestTwoProcessesOneFile runs two schedulers on two handles to one file: one posts,
// the other stands by until the first releases the lease.
func TestTwoProcessesOneFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "briefbot.db")
	clock := scheduletest.NewClock(parse("2026-12-02T06:59:00Z"))
	pa, pb := &scheduletest.Poster{}, &scheduletest.Poster{}
	a := start(t, path, "one", clock, pa, store.Options{})
	b := start(t, path, "two", clock, pb, store.Options{})
	a.tick(clock, "2026-12-02T06:59:00Z")
	b.tick(clock, "2026-12-02T06:59:30Z")
	b.tick(clock, "2026-12-02T07:00:00Z")
	a.tick(clock, "2026-12-02T07:00:10Z")
	if ok, msg := b.s.Ready(); !ok || !strings.Contains(msg, "standby; the scheduler lease is held by one") {
		t.Fatalf("b: %v %q", ok, msg)
	}
	if pa.Keys() != key || pb.Calls() != 0 {
		t.Fatalf("a posted %q, b %d times", pa.Keys(), pb.Calls())
	}
	if err := a.db.ReleaseLease(ctx, schedule.LeaseName, "one"); err != nil {
		t.Fatal(err)
	}
	b.tick(clock, "2026-12-02T07:00:40Z")
	if !b.s.Status().Leader {
		t.Fatal("b did not take the released lease")
	}
	if pb.Calls() != 0 {
		t.Fatal("b posted a slot a had posted")
	}
}

// TestFullDiskScheduler runs a scheduler on a database with no room left for a
// claim: it posts nothing, and logs why with the slot.
func TestFullDiskScheduler(t *testing.T) {
	path := filepath.Join(t.TempDir(), "briefbot.db")
	full := store.WithPragma(store.Options{}, "max_page_count(18)")
	filler := mustOpen(t, path, full)
	i := 0
	for _, size := range []int{200, 20, 0} { // until not even a short row fits
		for ; ; i++ {
			s := schedule.Slot{Platform: "slack", Channel: "C9", Time: scheduletest.T0.Add(time.Duration(i) * time.Hour), Kind: schedule.Scheduled}
			if _, err := filler.Miss(ctx, s, strings.Repeat("r", size), scheduletest.T0); err != nil {
				break
			}
		}
	}
	clock := scheduletest.NewClock(parse("2026-12-02T07:00:00Z"))
	poster := &scheduletest.Poster{}
	p := start(t, path, "one", clock, poster, full)
	p.tick(clock, "2026-12-02T07:00:00Z")
	if poster.Calls() != 0 {
		t.Fatal("posted on a full database")
	}
	if logs := p.logs.String(); !strings.Contains(logs, "claiming the slot; not posting") ||
		!strings.Contains(logs, "slot="+key) || !strings.Contains(logs, "no room left") {
		t.Fatalf("logs:\n%s", logs)
	}
}
