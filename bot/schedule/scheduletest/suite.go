package scheduletest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/schedule"
)

// T0 is the time StoreSuite's records start at: a whole second, like every slot.
var T0 = time.Date(2026, 12, 2, 7, 0, 0, 0, time.UTC)

// StoreSuite runs the tests every schedule.Store must pass, each on a new empty store
// from open. A PostgreSQL store runs the same suite as the SQLite one.
func StoreSuite(t *testing.T, open func(t *testing.T) schedule.Store) {
	tests := []struct {
		name string
		run  func(t *testing.T, st schedule.Store)
	}{
		{"claim once", testClaimOnce},
		{"claim under a lease", testClaimLease},
		{"claimed, retried, postponed, marked", testLifecycle},
		{"final records are never overwritten", testFinal},
		{"missed", testMiss},
		{"last and last posted", testLast},
		{"unmarked, oldest first", testUnmarked},
		{"lease", testLease},
		{"one claim wins a race", testClaimRace},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.run(t, open(t)) })
	}
}

func slotAt(channel string, t time.Time, kind schedule.Kind) schedule.Slot {
	return schedule.Slot{Platform: "slack", Channel: channel, Time: t, Kind: kind}
}

func mustClaim(t *testing.T, st schedule.Store, s schedule.Slot, owner string, at time.Time) {
	t.Helper()
	if err := st.Claim(context.Background(), schedule.Claim{Slot: s, Owner: owner, At: at}); err != nil {
		t.Fatalf("Claim(%s): %v", s, err)
	}
}

func only(t *testing.T, st schedule.Store, channel string) schedule.Record {
	t.Helper()
	r, ok, err := st.Last(context.Background(), "slack", channel, "")
	if err != nil || !ok {
		t.Fatalf("Last(%s) = %v, %v", channel, ok, err)
	}
	return r
}

func testClaimOnce(t *testing.T, st schedule.Store) {
	ctx := context.Background()
	s := slotAt("C1", T0, schedule.Scheduled)
	mustClaim(t, st, s, "a", T0.Add(time.Second))
	err := st.Claim(ctx, schedule.Claim{Slot: s, Owner: "b", At: T0.Add(2 * time.Second)})
	if !errors.Is(err, schedule.ErrExists) {
		t.Fatalf("second Claim = %v, want ErrExists", err)
	}
	want := schedule.Record{Slot: s, State: schedule.Claimed, Owner: "a", Attempts: 1, MaybePosted: true,
		ClaimedAt: T0.Add(time.Second), UpdatedAt: T0.Add(time.Second)}
	if got := only(t, st, "C1"); !equal(got, want) {
		t.Fatalf("record = %+v, want %+v", got, want)
	}
}

func testClaimLease(t *testing.T, st schedule.Store) {
	ctx := context.Background()
	claim := func(owner string, at time.Time) error {
		return st.Claim(ctx, schedule.Claim{Slot: slotAt("C1", at, schedule.Scheduled), Owner: owner, At: at, Lease: schedule.LeaseName})
	}
	if err := claim("a", T0); !errors.Is(err, schedule.ErrLeaseLost) {
		t.Fatalf("claim with no lease = %v, want ErrLeaseLost", err)
	}
	if _, err := st.AcquireLease(ctx, schedule.LeaseName, "a", T0, time.Minute); err != nil {
		t.Fatal(err)
	}
	if err := claim("a", T0.Add(time.Second)); err != nil {
		t.Fatalf("claim by the holder = %v", err)
	}
	if err := claim("b", T0.Add(2*time.Second)); !errors.Is(err, schedule.ErrLeaseLost) {
		t.Fatalf("claim by another owner = %v, want ErrLeaseLost", err)
	}
	if err := claim("a", T0.Add(time.Minute)); !errors.Is(err, schedule.ErrLeaseLost) {
		t.Fatalf("claim on an expired lease = %v, want ErrLeaseLost", err)
	}
	if n := len(mustUnmarked(t, st, "C1")); n != 1 {
		t.Fatalf("%d claimed slots, want 1", n)
	}
}

func testLifecycle(t *testing.T, st schedule.Store) {
	ctx := context.Background()
	s := slotAt("C1", T0, schedule.Scheduled)
	id := s.ID()
	mustClaim(t, st, s, "a", T0)
	p := schedule.Postponement{At: T0.Add(time.Minute), RetryAt: T0.Add(2 * time.Minute), Reason: "posting: 429"}
	if err := st.Postpone(ctx, id, p); err != nil {
		t.Fatal(err)
	}
	want := schedule.Record{Slot: s, State: schedule.Claimed, Owner: "a", Attempts: 1, RetryAt: p.RetryAt,
		Reason: "posting: 429", ClaimedAt: T0, UpdatedAt: p.At}
	if got := only(t, st, "C1"); !equal(got, want) {
		t.Fatalf("after Postpone: %+v, want %+v", got, want)
	}
	if err := st.Retry(ctx, id, "b", T0.Add(3*time.Minute)); err != nil {
		t.Fatal(err)
	}
	want.Owner, want.Attempts, want.MaybePosted, want.RetryAt, want.UpdatedAt = "b", 2, true, time.Time{}, T0.Add(3*time.Minute)
	if got := only(t, st, "C1"); !equal(got, want) {
		t.Fatalf("after Retry: %+v, want %+v", got, want)
	}
	m := schedule.Mark{State: schedule.Posted, MessageID: "1765000000.000100", At: T0.Add(4 * time.Minute)}
	if err := st.Mark(ctx, id, m); err != nil {
		t.Fatal(err)
	}
	want.State, want.MessageID, want.MaybePosted, want.Reason, want.UpdatedAt = schedule.Posted, m.MessageID, false, "", m.At
	if got := only(t, st, "C1"); !equal(got, want) {
		t.Fatalf("after Mark: %+v, want %+v", got, want)
	}
}

func testFinal(t *testing.T, st schedule.Store) {
	ctx := context.Background()
	s := slotAt("C1", T0, schedule.Scheduled)
	for name, call := range map[string]func() error{
		"Retry":    func() error { return st.Retry(ctx, s.ID(), "a", T0) },
		"Postpone": func() error { return st.Postpone(ctx, s.ID(), schedule.Postponement{At: T0}) },
		"Mark":     func() error { return st.Mark(ctx, s.ID(), schedule.Mark{State: schedule.Failed, At: T0}) },
	} {
		if err := call(); !errors.Is(err, schedule.ErrNotClaimed) {
			t.Errorf("%s of an unknown slot = %v, want ErrNotClaimed", name, err)
		}
	}
	mustClaim(t, st, s, "a", T0)
	if err := st.Mark(ctx, s.ID(), schedule.Mark{State: schedule.Posted, MessageID: "m1", At: T0}); err != nil {
		t.Fatal(err)
	}
	if err := st.Mark(ctx, s.ID(), schedule.Mark{State: schedule.Failed, Reason: "late", At: T0}); !errors.Is(err, schedule.ErrNotClaimed) {
		t.Fatalf("Mark of a posted slot = %v, want ErrNotClaimed", err)
	}
	if err := st.Retry(ctx, s.ID(), "a", T0); !errors.Is(err, schedule.ErrNotClaimed) {
		t.Fatalf("Retry of a posted slot = %v, want ErrNotClaimed", err)
	}
	if got := only(t, st, "C1"); got.State != schedule.Posted || got.MessageID != "m1" {
		t.Fatalf("record = %+v, want posted m1", got)
	}
}

func testMiss(t *testing.T, st schedule.Store) {
	ctx := context.Background()
	s := slotAt("C1", T0, schedule.Scheduled)
	ok, err := st.Miss(ctx, s, "the grace window ran out", T0.Add(3*time.Hour))
	if err != nil || !ok {
		t.Fatalf("Miss = %v, %v", ok, err)
	}
	if ok, err := st.Miss(ctx, s, "again", T0.Add(4*time.Hour)); err != nil || ok {
		t.Fatalf("second Miss = %v, %v, want false", ok, err)
	}
	if err := st.Claim(ctx, schedule.Claim{Slot: s, Owner: "a", At: T0}); !errors.Is(err, schedule.ErrExists) {
		t.Fatalf("Claim of a missed slot = %v, want ErrExists", err)
	}
	want := schedule.Record{Slot: s, State: schedule.Missed, Reason: "the grace window ran out", UpdatedAt: T0.Add(3 * time.Hour)}
	if got := only(t, st, "C1"); !equal(got, want) {
		t.Fatalf("record = %+v, want %+v", got, want)
	}
	s2 := slotAt("C1", T0.Add(24*time.Hour), schedule.Scheduled)
	mustClaim(t, st, s2, "a", s2.Time)
	if ok, err := st.Miss(ctx, s2, "late", s2.Time); err != nil || ok {
		t.Fatalf("Miss of a claimed slot = %v, %v, want false", ok, err)
	}
}

func testLast(t *testing.T, st schedule.Store) {
	ctx := context.Background()
	day := 24 * time.Hour
	s1 := slotAt("C1", T0, schedule.Scheduled)
	s2 := slotAt("C1", T0.Add(day), schedule.Scheduled)
	m := slotAt("C1", T0.Add(day+time.Hour), schedule.Manual)
	other := slotAt("C2", T0.Add(9*day), schedule.Scheduled)
	for _, s := range []schedule.Slot{s2, s1, m, other} {
		mustClaim(t, st, s, "a", s.Time)
	}
	if err := st.Mark(ctx, s1.ID(), schedule.Mark{State: schedule.Posted, MessageID: "m1", At: T0}); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		get  func() (schedule.Record, bool, error)
		want string
	}{
		{"scheduled", func() (schedule.Record, bool, error) { return st.Last(ctx, "slack", "C1", schedule.Scheduled) }, s2.ID()},
		{"any kind", func() (schedule.Record, bool, error) { return st.Last(ctx, "slack", "C1", "") }, m.ID()},
		{"manual", func() (schedule.Record, bool, error) { return st.Last(ctx, "slack", "C1", schedule.Manual) }, m.ID()},
		{"posted", func() (schedule.Record, bool, error) { return st.LastPosted(ctx, "slack", "C1") }, s1.ID()},
		{"other platform", func() (schedule.Record, bool, error) { return st.Last(ctx, "discord", "C1", "") }, ""},
		{"none posted", func() (schedule.Record, bool, error) { return st.LastPosted(ctx, "slack", "C2") }, ""},
	}
	for _, c := range cases {
		r, ok, err := c.get()
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		got := ""
		if ok {
			got = r.ID()
		}
		if got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}

func mustUnmarked(t *testing.T, st schedule.Store, channel string) []schedule.Record {
	t.Helper()
	rs, err := st.Unmarked(context.Background(), "slack", channel)
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

func testUnmarked(t *testing.T, st schedule.Store) {
	ctx := context.Background()
	var want []string
	for i := range 3 {
		s := slotAt("C1", T0.Add(time.Duration(2-i)*time.Hour), schedule.Scheduled)
		mustClaim(t, st, s, "a", T0)
		want = append([]string{s.ID()}, want...)
	}
	done := slotAt("C1", T0.Add(-time.Hour), schedule.Scheduled)
	mustClaim(t, st, done, "a", T0)
	if err := st.Mark(ctx, done.ID(), schedule.Mark{State: schedule.Failed, Reason: "403", At: T0}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Miss(ctx, slotAt("C1", T0.Add(-2*time.Hour), schedule.Scheduled), "late", T0); err != nil {
		t.Fatal(err)
	}
	mustClaim(t, st, slotAt("C2", T0, schedule.Scheduled), "a", T0)
	var got []string
	for _, r := range mustUnmarked(t, st, "C1") {
		got = append(got, r.ID())
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("Unmarked = %v, want %v", got, want)
	}
}

func testLease(t *testing.T, st schedule.Store) {
	ctx := context.Background()
	acquire := func(owner string, at time.Time) schedule.Lease {
		t.Helper()
		l, err := st.AcquireLease(ctx, schedule.LeaseName, owner, at, time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		return l
	}
	steps := []struct {
		name, owner string
		at          time.Time
		release     bool
		holder      string
		expires     time.Time
	}{
		{"free: a takes it", "a", T0, false, "a", T0.Add(time.Minute)},
		{"held: b is refused", "b", T0.Add(30 * time.Second), false, "a", T0.Add(time.Minute)},
		{"a renews", "a", T0.Add(50 * time.Second), false, "a", T0.Add(110 * time.Second)},
		{"still held: b is refused", "b", T0.Add(100 * time.Second), false, "a", T0.Add(110 * time.Second)},
		{"expired: b takes it", "b", T0.Add(110 * time.Second), false, "b", T0.Add(170 * time.Second)},
		{"a, late, is refused", "a", T0.Add(120 * time.Second), false, "b", T0.Add(170 * time.Second)},
		{"a cannot release b's", "a", T0.Add(121 * time.Second), true, "b", T0.Add(170 * time.Second)},
		{"b releases; a takes it", "b", T0.Add(122 * time.Second), true, "a", T0.Add(183 * time.Second)},
	}
	for _, s := range steps {
		var l schedule.Lease
		if s.release {
			if err := st.ReleaseLease(ctx, schedule.LeaseName, s.owner); err != nil {
				t.Fatal(err)
			}
			next := s.at.Add(time.Second)
			l = acquire("a", next)
		} else {
			l = acquire(s.owner, s.at)
		}
		if l.Owner != s.holder || !l.Expires.Equal(s.expires) || l.Name != schedule.LeaseName {
			t.Errorf("%s: lease %+v, want %s until %s", s.name, l, s.holder, s.expires)
		}
	}
}

func testClaimRace(t *testing.T, st schedule.Store) {
	s := slotAt("C1", T0, schedule.Scheduled)
	const n = 8
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = st.Claim(context.Background(), schedule.Claim{Slot: s, Owner: fmt.Sprint(i), At: T0})
		}()
	}
	wg.Wait()
	won := 0
	for _, err := range errs {
		switch {
		case err == nil:
			won++
		case !errors.Is(err, schedule.ErrExists):
			t.Errorf("Claim: %v", err)
		}
	}
	if won != 1 {
		t.Fatalf("%d claims won, want 1", won)
	}
}

// equal compares records, their times as instants.
func equal(a, b schedule.Record) bool {
	return a.Slot.Platform == b.Slot.Platform && a.Slot.Channel == b.Slot.Channel &&
		a.Slot.Time.Equal(b.Slot.Time) && a.Slot.Kind == b.Slot.Kind && a.State == b.State &&
		a.Owner == b.Owner && a.Attempts == b.Attempts && a.MaybePosted == b.MaybePosted &&
		a.RetryAt.Equal(b.RetryAt) && a.MessageID == b.MessageID && a.Reason == b.Reason &&
		a.ClaimedAt.Equal(b.ClaimedAt) && a.UpdatedAt.Equal(b.UpdatedAt)
}
