package slack

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// caseVariants returns sig, a "v0=" signature, with its hex in upper and mixed case:
// each decodes to the same bytes and so verifies.
func caseVariants(sig string) []string {
	hex := strings.TrimPrefix(sig, "v0=")
	mixed := []byte(hex)
	for i := range mixed {
		if i%2 == 0 {
			mixed[i] = strings.ToUpper(string(mixed[i]))[0]
		}
	}
	return []string{sig, "v0=" + strings.ToUpper(hex), "v0=" + string(mixed)}
}

// TestReplayCaseVariants replays one captured request with its signature's hex in other
// cases: the first is accepted, every variant is a replay, and the bot answers once.
func TestReplayCaseVariants(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	h := f.a.Handler()
	body := commandForm("/help", "", f.fake.ResponseURL("once"))
	captured := signed(body, time.Now(), testSecret)
	variants := caseVariants(captured.Header.Get("X-Slack-Signature"))
	for i, sig := range append(variants, variants...) {
		r := signed(body, time.Now(), testSecret)
		r.Header = captured.Header.Clone()
		r.Header.Set("X-Slack-Signature", sig)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		want := http.StatusConflict
		if i == 0 {
			want = http.StatusOK
		}
		if w.Code != want {
			t.Errorf("request %d (signature %s): status %d, want %d", i, sig, w.Code, want)
		}
	}
	if _, err := f.fake.WaitResponses(waitCtx(t), 1); err != nil {
		t.Fatal(err)
	}
	f.bot.Drain(waitCtx(t))
	if n := len(f.fake.Responses()); n != 1 {
		t.Errorf("%d answers to one command replayed %d times, want 1", n, 2*len(variants)-1)
	}
	if n := f.metrics.Count("failed slack replay"); n != 2*len(variants)-1 {
		t.Errorf("%d replays counted, want %d:\n%s", n, 2*len(variants)-1, f.metrics)
	}
}

// manualTimers replaces the timers of the adapter's log limiters: a test fires them.
type manualTimers struct{ pending []func() }

func (m *manualTimers) after(_ time.Duration, fn func()) { m.pending = append(m.pending, fn) }

func (m *manualTimers) fire() {
	p := m.pending
	m.pending = nil
	for _, fn := range p {
		fn()
	}
}

// fakeClock is a clock a test moves.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time          { return c.t }
func (c *fakeClock) advance(d time.Duration) { c.t = c.t.Add(d) }

// limitLogs makes the adapter's log limiters run on a fake clock and manual timers.
func limitLogs(a *Adapter) (*fakeClock, *manualTimers) {
	clock, timers := &fakeClock{t: time.Now()}, &manualTimers{}
	for _, l := range a.limiters() {
		l.now, l.after = clock.now, timers.after
	}
	return clock, timers
}

// TestReplayFloodLogsOncePerInterval replays one request many times: the first replay
// is logged, the rest are counted in one summary line per interval.
func TestReplayFloodLogsOncePerInterval(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	h := f.a.Handler()
	clock, timers := limitLogs(f.a)
	body := commandForm("/help", "", f.fake.ResponseURL("flood"))
	captured := signed(body, time.Now(), testSecret)
	send := func() int {
		r := signed(body, time.Now(), testSecret)
		r.Header = captured.Header.Clone()
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w.Code
	}
	if got := send(); got != http.StatusOK {
		t.Fatalf("first request: %d", got)
	}
	const replays = 2000
	for range replays {
		if got := send(); got != http.StatusConflict {
			t.Fatalf("replay: status %d, want 409", got)
		}
	}
	if n := strings.Count(f.logs.String(), "refused a replayed request"); n != 1 {
		t.Errorf("%d log lines for %d replays within an interval, want 1:\n%s", n, replays, f.logs)
	}
	clock.advance(refusalLogInterval)
	timers.fire()
	want := fmt.Sprintf("suppressed=%d", replays-1)
	if n := strings.Count(f.logs.String(), "replayed requests refused"); n != 1 || !strings.Contains(f.logs.String(), want) {
		t.Errorf("want one summary line with %s:\n%s", want, f.logs)
	}
	// The next interval: the flood goes on, and gets one summary more.
	for range 10 {
		send()
	}
	clock.advance(refusalLogInterval)
	timers.fire()
	if n := strings.Count(f.logs.String(), "replayed requests refused"); n != 2 || !strings.Contains(f.logs.String(), "suppressed=10") {
		t.Errorf("want a second summary with suppressed=10:\n%s", f.logs)
	}
	// A quiet interval, then a replay is logged at once again.
	timers.fire()
	clock.advance(2 * refusalLogInterval)
	send()
	if n := strings.Count(f.logs.String(), "refused a replayed request"); n != 2 {
		t.Errorf("after a quiet interval, %d lines, want 2:\n%s", n, f.logs)
	}
}

// TestReplayMemoryFull fills the replay memory with valid requests: a new valid request
// is still accepted, the request closest to expiry is forgotten, and the others are still
// refused as replays.
func TestReplayMemoryFull(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	f.a.replays = newReplayCache(3)
	h := f.a.Handler()
	now := time.Now()
	send := func(i int) int {
		body := commandForm("/help", "", f.fake.ResponseURL(fmt.Sprint("full", i)))
		// Older requests first: request 0 expires first.
		w := httptest.NewRecorder()
		h.ServeHTTP(w, signed(body, now.Add(time.Duration(i-5)*time.Second), testSecret))
		return w.Code
	}
	for i := range 5 {
		if got := send(i); got != http.StatusOK {
			t.Errorf("valid request %d with a full memory: status %d, want 200", i, got)
		}
	}
	for _, i := range []int{2, 3, 4} {
		if got := send(i); got != http.StatusConflict {
			t.Errorf("replay of remembered request %d: status %d, want 409", i, got)
		}
	}
	if !strings.Contains(f.logs.String(), "the replay memory is full") {
		t.Errorf("no log of the full memory:\n%s", f.logs)
	}
}

func TestReplayCache(t *testing.T) {
	c := newReplayCache(2)
	t0 := time.Unix(1_000_000, 0)
	exp := t0.Add(MaxSkew)
	key := func(s string) replayKey {
		var k replayKey
		copy(k[:], s)
		return k
	}
	for _, tc := range []struct {
		name    string
		sig     string
		expires time.Time
		now     time.Time
		fresh   bool
		evicted int
	}{
		{"first", "a", exp, t0, true, 0},
		{"again", "a", exp, t0.Add(time.Minute), false, 0},
		{"second", "b", exp.Add(time.Second), t0, true, 0},
		{"full: the first to expire is forgotten", "c", exp.Add(2 * time.Second), t0, true, 1},
		{"the forgotten one is new again", "a", exp, t0, true, 1},
		{"the later ones are remembered", "c", exp, t0, false, 0},
		{"at its expiry an entry is still remembered", "c", exp, exp.Add(2 * time.Second), false, 0},
		{"after its expiry it is new again", "c", exp.Add(3 * time.Minute), exp.Add(3 * time.Second), true, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fresh, evicted := c.add(key(tc.sig), tc.expires, tc.now)
			if fresh != tc.fresh || evicted != tc.evicted {
				t.Errorf("add(%q) = %v, %d evicted; want %v, %d", tc.sig, fresh, evicted, tc.fresh, tc.evicted)
			}
		})
	}
}
