package schedule_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/schedule"
	"github.com/briefbot/briefbot/bot/schedule/scheduletest"
)

// minutes returns a pass every minute from from to to, both included.
func minutes(from, to string) []string {
	var out []string
	for t := utc(from); !t.After(utc(to)); t = t.Add(time.Minute) {
		out = append(out, t.Format(time.RFC3339))
	}
	return out
}

func posted(at string) schedule.Record {
	return schedule.Record{Slot: schedule.Slot{Platform: "slack", Channel: "C1", Time: utc(at), Kind: schedule.Scheduled},
		State: schedule.Posted, MessageID: "old", UpdatedAt: utc(at)}
}

// TestDue runs passes at the given times over a ledger and checks what was posted
// and what the ledger says of the other slots.
func TestDue(t *testing.T) {
	tests := []struct {
		name, spec, zone string
		ledger           []schedule.Record
		ticks            []string
		posted           string            // slot IDs posted, in order
		states           map[string]string // slot time → "state: part of the reason"
	}{
		{name: "normal day", spec: schedule.DefaultSpec, zone: "UTC",
			ledger: []schedule.Record{posted("2026-12-01T07:00:00Z")},
			ticks:  []string{"2026-12-02T06:58:00Z", "2026-12-02T06:59:59Z", "2026-12-02T07:00:00Z", "2026-12-02T07:00:30Z", "2026-12-02T07:01:00Z", "2026-12-02T12:00:00Z"},
			posted: "slack/C1/2026-12-02T07:00:00Z"},
		{name: "late start", spec: schedule.DefaultSpec, zone: "UTC",
			ledger: []schedule.Record{posted("2026-12-01T07:00:00Z")},
			ticks:  []string{"2026-12-02T08:45:00Z", "2026-12-02T08:46:00Z"},
			posted: "slack/C1/2026-12-02T07:00:00Z"},
		{name: "grace window ran out", spec: schedule.DefaultSpec, zone: "UTC",
			ledger: []schedule.Record{posted("2026-12-01T07:00:00Z")},
			ticks:  []string{"2026-12-02T09:00:01Z", "2026-12-02T09:01:00Z"},
			states: map[string]string{"2026-12-02T07:00:00Z": "missed: the grace window ran out: due 2026-12-02T07:00:00Z, 2h0m1s late"}},
		{name: "suspended over a weekend", spec: schedule.DefaultSpec, zone: "UTC",
			ledger: []schedule.Record{posted("2026-12-03T07:00:00Z")},
			ticks:  []string{"2026-12-03T07:01:00Z", "2026-12-07T07:10:00Z"},
			posted: "slack/C1/2026-12-07T07:00:00Z",
			states: map[string]string{"2026-12-04T07:00:00Z": "missed: grace window"}},
		{name: "double tick", spec: schedule.DefaultSpec, zone: "UTC",
			ticks:  []string{"2026-12-02T07:00:00Z", "2026-12-02T07:00:00Z", "2026-12-02T07:00:01Z"},
			posted: "slack/C1/2026-12-02T07:00:00Z"},
		{name: "clock set back", spec: schedule.DefaultSpec, zone: "UTC",
			ticks:  []string{"2026-12-02T07:00:00Z", "2026-12-01T07:00:30Z", "2026-12-02T07:00:30Z"},
			posted: "slack/C1/2026-12-02T07:00:00Z"},
		{name: "New York spring, 07:00 EDT", spec: "0 7 * * *", zone: "America/New_York",
			ledger: []schedule.Record{posted("2026-03-07T12:00:00Z")},
			ticks:  minutes("2026-03-08T10:55:00Z", "2026-03-08T12:05:00Z"),
			posted: "slack/C1/2026-03-08T11:00:00Z"},
		{name: "New York spring, no 02:30", spec: "30 2 * * *", zone: "America/New_York",
			ledger: []schedule.Record{posted("2026-03-07T07:30:00Z")},
			ticks:  minutes("2026-03-08T06:00:00Z", "2026-03-08T08:00:00Z")},
		{name: "New York fall, 01:30 twice, posted once", spec: "30 1 * * *", zone: "America/New_York",
			ledger: []schedule.Record{posted("2026-10-31T05:30:00Z")},
			ticks:  minutes("2026-11-01T05:00:00Z", "2026-11-01T07:00:00Z"),
			posted: "slack/C1/2026-11-01T05:30:00Z"},
		{name: "Berlin spring, no 02:30", spec: "30 2 * * *", zone: "Europe/Berlin",
			ledger: []schedule.Record{posted("2026-03-28T01:30:00Z")},
			ticks:  minutes("2026-03-29T00:00:00Z", "2026-03-29T02:00:00Z")},
		{name: "Berlin fall, 02:30 twice, posted once", spec: "30 2 * * *", zone: "Europe/Berlin",
			ledger: []schedule.Record{posted("2026-10-24T00:30:00Z")},
			ticks:  minutes("2026-10-25T00:00:00Z", "2026-10-25T02:00:00Z"),
			posted: "slack/C1/2026-10-25T00:30:00Z"},
		{name: "Sydney fall, 02:30 twice, posted once", spec: "30 2 * * *", zone: "Australia/Sydney",
			ledger: []schedule.Record{posted("2026-04-03T15:30:00Z")},
			ticks:  minutes("2026-04-04T15:00:00Z", "2026-04-04T17:00:00Z"),
			posted: "slack/C1/2026-04-04T15:30:00Z"},
		{name: "Sydney spring, no 02:30", spec: "30 2 * * *", zone: "Australia/Sydney",
			ledger: []schedule.Record{posted("2026-10-02T16:30:00Z")},
			ticks:  minutes("2026-10-03T15:00:00Z", "2026-10-03T17:00:00Z")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, tt.ticks[0], withChannels(channel(t, "slack", "C1", tt.spec, tt.zone)))
			for _, r := range tt.ledger {
				e.store.Put(r)
			}
			for _, at := range tt.ticks {
				e.tick(at)
			}
			e.wantKeys(tt.posted)
			for at, want := range tt.states {
				st, reason, _ := strings.Cut(want, ": ")
				e.wantState(at, schedule.State(st), reason)
			}
			// Nothing but the ledger given, the posts and the states listed.
			if n, want := len(e.store.Records()), len(tt.ledger)+strings.Count(tt.posted, "slack/")+len(tt.states); n != want {
				t.Fatalf("%d records, want %d: %v", n, want, e.store.Records())
			}
		})
	}
}

// TestBriefingWindow checks the articles' window: since the last posted slot, or the
// channel's window before the first, until the slot's time however late the attempt:
// consecutive windows meet without overlapping.
func TestBriefingWindow(t *testing.T) {
	type window struct{ since, until time.Time }
	var (
		mu   sync.Mutex
		seen []window
	)
	briefer := schedule.BrieferFunc(func(_ context.Context, _ schedule.Channel, since, until time.Time) (schedule.Message, error) {
		mu.Lock()
		defer mu.Unlock()
		seen = append(seen, window{since, until})
		return schedule.Message{Text: "news"}, nil
	})
	ch := channel(t, "slack", "C1", schedule.DefaultSpec, "UTC")
	ch.Window = 6 * time.Hour
	e := newEnv(t, "2026-12-02T07:00:05Z", withChannels(ch), options(func(o *schedule.Options) { o.Briefer = briefer }))
	e.tick("2026-12-02T07:00:05Z")
	e.tick("2026-12-03T07:30:00Z")
	want := []window{
		{utc("2026-12-02T01:00:00Z"), utc("2026-12-02T07:00:00Z")},
		{utc("2026-12-02T07:00:00Z"), utc("2026-12-03T07:00:00Z")},
	}
	if len(seen) != len(want) {
		t.Fatalf("windows %v, want %v", seen, want)
	}
	for i := range want {
		if !seen[i].since.Equal(want[i].since) || !seen[i].until.Equal(want[i].until) {
			t.Errorf("window %d = %v, want %v", i, seen[i], want[i])
		}
	}
}

func TestNewRefuses(t *testing.T) {
	ch := func(platform, id string) schedule.Channel { return channel(t, platform, id, "@daily", "UTC") }
	tests := []struct {
		name string
		f    setup
		err  string
	}{
		{"no store", options(func(o *schedule.Options) { o.Store = nil }), "a Store and a Briefer are required"},
		{"no poster", withChannels(ch("discord", "123")), `no poster for platform "discord"`},
		{"twice", withChannels(ch("slack", "C1"), ch("slack", "C1")), "slack/C1 is listed twice"},
		{"slash", withChannels(ch("slack", "C/1")), "without spaces or slashes"},
		{"empty ID", withChannels(ch("slack", "")), "empty channel ID"},
		{"no schedule", withChannels(schedule.Channel{Platform: "slack", ID: "C1"}), "has no schedule"},
		{"lease shorter than the interval", options(func(o *schedule.Options) { o.LeaseTTL = time.Minute }), "must be longer than the interval"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := schedule.Options{Store: scheduletest.NewMemStore(), Briefer: scheduletest.Briefer(),
				Posters: map[string]schedule.Poster{"slack": &scheduletest.Poster{}}}
			tt.f(nil, &o)
			_, err := schedule.New(o)
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Fatalf("New: %v, want an error containing %q", err, tt.err)
			}
		})
	}
}

func TestPostNow(t *testing.T) {
	e := newEnv(t, "2026-12-02T10:15:00.5Z")
	// Another scheduler holds the lease: a manual post needs none.
	if _, err := e.store.AcquireLease(context.Background(), schedule.LeaseName, "other", e.clock.Now(), time.Hour); err != nil {
		t.Fatal(err)
	}
	o, err := e.s.PostNow(context.Background(), "slack", "C1")
	if err != nil || o.State != schedule.Posted || o.MessageID != "m1" {
		t.Fatalf("PostNow = %+v, %v", o, err)
	}
	e.wantKeys("slack/C1/manual/2026-12-02T10:15:00Z")
	if _, err := e.s.PostNow(context.Background(), "slack", "C1"); !errors.Is(err, schedule.ErrExists) {
		t.Fatalf("second PostNow in the same second: %v, want ErrExists", err)
	}
	if _, err := e.s.PostNow(context.Background(), "slack", "C9"); err == nil || !strings.Contains(err.Error(), "no channel slack/C9") {
		t.Fatalf("PostNow of an unknown channel: %v", err)
	}
	// The next briefing covers the time since the manual one.
	ov, err := e.s.Overview(context.Background())
	if err != nil || len(ov) != 1 {
		t.Fatalf("Overview = %v, %v", ov, err)
	}
	if ov[0].Last == nil || ov[0].Last.Slot.Kind != schedule.Manual || !ov[0].Next.Equal(utc("2026-12-03T07:00:00Z")) {
		t.Fatalf("Overview = %+v", ov[0])
	}
}

func TestPostNowFails(t *testing.T) {
	e := newEnv(t, "2026-12-02T10:15:00Z")
	e.slack.Fail = failing(2, fmt.Errorf("slack: 429: %w: %w", schedule.ErrTemporary, schedule.ErrNotPosted), false)
	o, err := e.s.PostNow(context.Background(), "slack", "C1")
	if err == nil || !strings.Contains(err.Error(), "slack: 429") || o.State != schedule.Claimed {
		t.Fatalf("PostNow = %+v, %v; want a pending retry and the error", o, err)
	}
	// The scheduler finishes the manual slot at its passes.
	e.tick("2026-12-02T10:16:00Z")
	e.tick("2026-12-02T10:17:00Z")
	if r := e.record("2026-12-02T10:15:00Z", schedule.Manual); r.State != schedule.Posted || r.Attempts != 3 {
		t.Fatalf("manual slot: %+v", r)
	}
	e.slack.Fail = failing(1000, errors.New("slack: channel_not_found"), false)
	e.clock.Add(time.Hour)
	if o, err := e.s.PostNow(context.Background(), "slack", "C1"); err == nil || o.State != schedule.Failed {
		t.Fatalf("PostNow refused = %+v, %v", o, err)
	}
}

func TestOverviewInZone(t *testing.T) {
	e := newEnv(t, "2026-12-02T10:00:00Z", withChannels(channel(t, "slack", "C1", "0 7 * * *", "Europe/Berlin")))
	ov, err := e.s.Overview(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if got := ov[0].Next.Format(time.RFC3339); got != "2026-12-03T07:00:00+01:00" || ov[0].Last != nil {
		t.Fatalf("next %s, last %v; want 2026-12-03T07:00:00+01:00 and none", got, ov[0].Last)
	}
}
