package discord

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/briefbot/briefbot/bot/discord/fakediscord"
)

func TestCheckTellsARejectedTokenFromAnUnreachableDiscord(t *testing.T) {
	t.Parallel()
	const wrong = "wrong-token-0123456789abcdef"
	tests := []struct {
		name     string
		config   func(*Config, *fakediscord.Server)
		setup    func(*fakediscord.Server)
		rejected bool
		away     bool
	}{
		{name: "good token"},
		{name: "rejected token", config: func(c *Config, _ *fakediscord.Server) { c.Token = wrong }, rejected: true},
		{name: "rejected token with its prefix", config: func(c *Config, _ *fakediscord.Server) { c.Token = "Bot " + wrong }, rejected: true},
		{name: "network down", setup: func(f *fakediscord.Server) { f.SetDown(true) }, away: true},
		{name: "500", setup: func(f *fakediscord.Server) {
			f.Fault(fakediscord.OpMe, fakediscord.Fault{Status: 500})
		}, away: true},
		{name: "rate limited beyond the bounds", config: func(c *Config, _ *fakediscord.Server) { c.MaxRetryWait = time.Second },
			setup: func(f *fakediscord.Server) {
				f.Fault(fakediscord.OpMe, fakediscord.Fault{Status: 429, RetryAfter: time.Minute})
			}, away: true},
		{name: "timeout", config: func(c *Config, f *fakediscord.Server) {
			c.HTTPClient = f.Client()
			c.HTTPClient.Timeout = 100 * time.Millisecond
		}, setup: func(f *fakediscord.Server) {
			f.Fault(fakediscord.OpMe, fakediscord.Fault{Delay: time.Second})
		}, away: true},
		{name: "not Discord's API", config: func(c *Config, f *fakediscord.Server) { c.APIURL = f.URL + "/elsewhere/" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fake := fakediscord.New()
			f := newFixtureOn(t, fake, func(c *Config) {
				if tt.config != nil {
					tt.config(c, fake)
				}
			})
			if tt.setup != nil {
				tt.setup(fake)
			}
			err := f.s.Check(testContext(t))
			if got := errors.Is(err, ErrTokenRejected); got != tt.rejected {
				t.Errorf("errors.Is(%v, ErrTokenRejected) = %v, want %v", err, got, tt.rejected)
			}
			if got := errors.Is(err, ErrUnreachable); got != tt.away {
				t.Errorf("errors.Is(%v, ErrUnreachable) = %v, want %v", err, got, tt.away)
			}
			wantOK := tt.name == "good token"
			if (err == nil) != wantOK {
				t.Fatalf("Check() = %v", err)
			}
			if err != nil {
				if strings.Contains(err.Error(), wrong) || strings.Contains(err.Error(), fakediscord.Token) {
					t.Errorf("the error shows the token: %v", err)
				}
				if n := f.metrics.Count("failed discord auth"); n != 1 {
					t.Errorf("failed discord auth = %d, want 1", n)
				}
				return
			}
			if f.s.botUserID() != fakediscord.BotUserID || !strings.Contains(f.logs.String(), "authenticated") {
				t.Errorf("the check did not learn the bot user: %q", f.s.botUserID())
			}
		})
	}
}

func TestConnectWaitsOutAnUnreachableDiscord(t *testing.T) {
	t.Parallel()
	f := newFixture(t, nil)
	f.fake.SetDown(true)
	var (
		mu     sync.Mutex
		sleeps []time.Duration
		ready  []string
	)
	f.s.sleep = func(ctx context.Context, d time.Duration) error {
		mu.Lock()
		defer mu.Unlock()
		sleeps = append(sleeps, d)
		_, msg := f.s.Ready()
		ready = append(ready, msg)
		if len(sleeps) == 2 {
			f.fake.SetDown(false)
		}
		return ctx.Err()
	}
	if err := f.s.Connect(testContext(t)); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(sleeps) != 2 || sleeps[0] != ConnectMinWait || sleeps[1] != 2*ConnectMinWait {
		t.Errorf("waits = %v, want 1s then 2s", sleeps)
	}
	for _, msg := range ready {
		if !strings.HasPrefix(msg, "connecting to discord (retrying: ") {
			t.Errorf("Ready() while retrying = %q", msg)
		}
	}
	if n := strings.Count(f.logs.String(), "discord is unreachable; retrying"); n != 2 {
		t.Errorf("%d retries logged, want 2", n)
	}
	waitReady(t, f.s, true)
}

func TestConnectGivesUpAtOnceOnARejectedToken(t *testing.T) {
	t.Parallel()
	f := newFixture(t, func(c *Config) { c.Token = "wrong-token-0123456789abcdef" })
	f.s.sleep = func(context.Context, time.Duration) error {
		t.Errorf("Connect waited to retry a rejected token")
		return nil
	}
	err := f.s.Connect(testContext(t))
	if !errors.Is(err, ErrTokenRejected) {
		t.Fatalf("Connect() = %v, want ErrTokenRejected", err)
	}
	if ok, msg := f.s.Ready(); ok || !strings.HasPrefix(msg, "could not connect to discord: ") {
		t.Errorf("Ready() = %v, %q", ok, msg)
	}
	if n := len(f.fake.Requests(fakediscord.OpGateway)); n != 0 {
		t.Errorf("the gateway was asked for with a rejected token")
	}
}

func TestConnectStopsWithItsContext(t *testing.T) {
	t.Parallel()
	f := newFixture(t, nil)
	f.fake.SetDown(true)
	ctx, cancel := context.WithCancel(testContext(t))
	f.s.sleep = func(context.Context, time.Duration) error {
		cancel()
		return context.Canceled
	}
	err := f.s.Connect(ctx)
	if !errors.Is(err, context.Canceled) || !errors.Is(err, ErrUnreachable) {
		t.Fatalf("Connect() = %v, want it to wrap context.Canceled and the last attempt's ErrUnreachable", err)
	}
	if _, msg := f.s.Ready(); msg != "stopped connecting to discord" {
		t.Errorf("Ready() = %q", msg)
	}
}

func TestCloseKinds(t *testing.T) {
	t.Parallel()
	tests := []struct {
		code int
		want error
	}{
		{4000, ErrUnreachable}, {4004, ErrTokenRejected}, {4009, ErrUnreachable},
		{4013, errIntents}, {4014, errIntents}, {4012, nil}, {1006, ErrUnreachable},
	}
	for _, tt := range tests {
		err := &websocket.CloseError{Code: tt.code}
		if got := kindOf(err, 0); got != tt.want {
			t.Errorf("kindOf(close %d) = %v, want %v", tt.code, got, tt.want)
		}
	}
}
