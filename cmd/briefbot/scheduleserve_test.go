package main

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// waitReadyz polls the admin listener's /readyz until its body holds want.
func (s *server) waitReadyz(t *testing.T, want string) string {
	t.Helper()
	var body string
	for range 1000 {
		if _, body = s.get(t, "/readyz"); strings.Contains(body, want) {
			return body
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("/readyz never said %q: %s\n%s", want, body, s.logs)
	return ""
}

// waitMetric polls /metrics until it has the line want.
func (s *server) waitMetric(t *testing.T, want string) {
	t.Helper()
	var metrics string
	for range 1000 {
		if _, metrics = s.get(t, "/metrics"); strings.Contains(metrics, want+"\n") {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("/metrics never had %q:\n%s", want, grepLines(metrics, "briefbot_slot"))
}

// serveScheduled starts serve on the fixture's config with its clock and the ticks of
// ticks as the scheduler's passes.
func serveScheduled(t *testing.T, f *schedFixture, ticks chan time.Time) *server {
	t.Helper()
	return startServeDeps(t, f.c, testEnv, func(d *serveDeps) {
		d.now = f.clock.Now
		d.ticker = func(time.Duration) (<-chan time.Time, func()) { return ticks, func() {} }
	})
}

// TestServeSchedule runs two serves on one database: the first posts the due slot and
// says it leads in /readyz, with the slot counted in /metrics; the second stands by,
// says so in its log and its /readyz, posts nothing, and takes over when the first
// exits.
func TestServeSchedule(t *testing.T) {
	f := newSchedFixture(t, "2026-03-10T11:00:20Z", newYorkChannel, "")
	budgetNews(f)
	ticksA, ticksB := make(chan time.Time), make(chan time.Time)
	a := serveScheduled(t, f, ticksA)
	if _, err := f.fake.WaitPosts(wait(t), 1); err != nil {
		t.Fatalf("%v\n%s", err, a.logs)
	}
	readyA := a.waitReadyz(t, "schedule: ready (leader (")
	if !strings.Contains(readyA, "posting in 1 channel; lease until 2026-03-10T11:03:20Z") {
		t.Errorf("/readyz of the leader: %s", readyA)
	}
	owner := regexp.MustCompile(`leader \(([^)]+)\)`).FindStringSubmatch(readyA)[1]
	a.waitMetric(t, `briefbot_slots_total{platform="slack",state="posted"} 1`)

	b := serveScheduled(t, f, ticksB)
	readyB := b.waitReadyz(t, "schedule: ready (standby; the scheduler lease is held by "+owner+" until 2026-03-10T11:03:20Z)")
	if !strings.Contains(b.logs.String(), "another scheduler holds the lease; standing by") {
		t.Errorf("the standby's log lacks the notice:\n%s", b.logs)
	}
	if body := b.waitReady(t); !strings.Contains(body, "schedule: ready (standby") { // a standby is ready: 200
		t.Errorf("/readyz of the standby: %s (before: %s)", body, readyB)
	}

	if _, err := a.stop(t); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.logs.String(), "released the scheduler lease") {
		t.Errorf("the first serve did not release the lease:\n%s", a.logs)
	}
	f.clock.Add(time.Minute)
	ticksB <- f.clock.Now()
	b.waitReadyz(t, "schedule: ready (leader (")
	f.clock.Set(mustTime(t, "2026-03-11T11:00:30Z"))
	f.article("c.txt", "The budget is signed", "Evening Post", "2026-03-10T15:00:00Z",
		"The mayor signed the budget on Tuesday morning. The schools will get new buses in the autumn.\n")
	ticksB <- f.clock.Now()
	posts, err := f.fake.WaitPosts(wait(t), 2)
	if err != nil {
		t.Fatalf("%v\n%s", err, b.logs)
	}
	if len(posts) != 2 || metadataKey(t, posts[0]) == metadataKey(t, posts[1]) {
		t.Errorf("posts %v, want two slots once each", posts)
	}
	if !strings.Contains(b.logs.String(), "took the scheduler lease; posting") {
		t.Errorf("the second serve's log lacks the takeover:\n%s", b.logs)
	}
}

// TestServeScheduleBadStore: serve refuses to start on a store it cannot open, naming
// the key.
func TestServeScheduleBadStore(t *testing.T) {
	f := newSchedFixture(t, "2026-03-10T11:00:20Z", newYorkChannel, "store:\n  path: "+filepath.Join(t.TempDir(), "no", "such", "folder", "x.db")+"\n")
	err := serve(t.Context(), f.c, serveDeps{getenv: testEnv, log: f.logs.Logger()})
	if err == nil || !strings.Contains(err.Error(), "store.path") {
		t.Errorf("serve: %v, want an error naming store.path", err)
	}
}

// grepLines returns the lines of s that hold sub.
func grepLines(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
