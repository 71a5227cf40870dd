package discord

import (
	"bytes"
	"context"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/bottest"
	"github.com/briefbot/briefbot/bot/discord/fakediscord"
)

// syncBuffer is a bytes.Buffer safe for concurrent writes, for logs.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// fixture is a session wired to a fake Discord.
type fixture struct {
	fake    *fakediscord.Server
	s       *session
	metrics *bottest.Metrics
	logs    *syncBuffer
}

// newFixture starts a fake Discord and a session for it; change edits the config
// before the session is made. Both are closed when the test ends.
func newFixture(t testing.TB, change func(*Config)) *fixture {
	t.Helper()
	return newFixtureOn(t, fakediscord.New(), change)
}

// newFixtureOn is newFixture on a fake Discord of the test's.
func newFixtureOn(t testing.TB, fake *fakediscord.Server, change func(*Config)) *fixture {
	t.Helper()
	t.Cleanup(fake.Close)
	f := &fixture{fake: fake, metrics: &bottest.Metrics{}, logs: &syncBuffer{}}
	c := Config{
		Token: fakediscord.Token, APIURL: fake.APIURL, HTTPClient: fake.Client(), Dialer: fake.Dialer(),
		Logger:  slog.New(slog.NewTextHandler(f.logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
		Metrics: f.metrics,
	}
	if change != nil {
		change(&c)
	}
	s, err := newSession(c)
	if err != nil {
		t.Fatalf("newSession: %v", err)
	}
	s.retryMinWait = 10 * time.Millisecond
	f.s = s
	t.Cleanup(func() { s.Close() })
	return f
}

// connect connects the fixture's session and waits until the fake sees it live and
// heartbeating. (A fault before the first heartbeat can make discordgo v0.29.0 reconnect
// twice: its heartbeat goroutine, writing to the connection its reader already closed,
// starts a reconnect of its own.)
func (f *fixture) connect(t testing.TB) {
	t.Helper()
	ctx := testContext(t)
	if err := f.s.Connect(ctx); err != nil {
		t.Fatalf("Connect: %v", err)
	}
	if err := f.fake.WaitConnections(ctx, 1); err != nil {
		t.Fatalf("the fake saw no live connection: %v", err)
	}
	if err := f.fake.WaitHeartbeats(ctx, 1); err != nil {
		t.Fatalf("the fake saw no heartbeat: %v", err)
	}
}

// testContext returns a context that ends with the test, or after 20 seconds.
func testContext(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// waitReady waits until the session's readiness is want, and returns its text.
func waitReady(t testing.TB, s *session, want bool) string {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		ok, msg := s.Ready()
		if ok == want {
			return msg
		}
		if time.Now().After(deadline) {
			t.Fatalf("Ready() = %v, %q; want %v", ok, msg, want)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
