package slack

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	slackgo "github.com/slack-go/slack"

	"github.com/briefbot/briefbot/bot/slack/fakeslack"
)

func TestErrorKinds(t *testing.T) {
	post := func(err error) error { return &url.Error{Op: "Post", URL: "https://slack.com/api/auth.test", Err: err} }
	for _, tc := range []struct {
		name                  string
		err                   error
		rejected, unreachable bool
	}{
		{"connection refused", post(&net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}), false, true},
		{"dns", post(&net.DNSError{Err: "no such host", Name: "slack.com", IsNotFound: true}), false, true},
		{"timeout", post(context.DeadlineExceeded), false, true},
		{"reset", post(syscall.ECONNRESET), false, true},
		{"500", slackgo.StatusCodeError{Code: 500, Status: "500 Internal Server Error"}, false, true},
		{"503", slackgo.StatusCodeError{Code: 503, Status: "503 Service Unavailable"}, false, true},
		{"429", &slackgo.RateLimitedError{RetryAfter: time.Second}, false, true},
		{"slack internal_error", slackgo.SlackErrorResponse{Err: "internal_error"}, false, true},
		{"slack fatal_error", slackgo.SlackErrorResponse{Err: "fatal_error"}, false, true},
		{"invalid_auth", slackgo.SlackErrorResponse{Err: "invalid_auth"}, true, false},
		{"not_authed", slackgo.SlackErrorResponse{Err: "not_authed"}, true, false},
		{"account_inactive", slackgo.SlackErrorResponse{Err: "account_inactive"}, true, false},
		{"token_revoked", slackgo.SlackErrorResponse{Err: "token_revoked"}, true, false},
		{"token_expired", slackgo.SlackErrorResponse{Err: "token_expired"}, true, false},
		{"404: a wrong URL", slackgo.StatusCodeError{Code: 404, Status: "404 Not Found"}, false, false},
		{"unknown_method", slackgo.SlackErrorResponse{Err: "unknown_method"}, false, false},
		{"a bad URL", &url.Error{Op: "parse", URL: "%zz", Err: errors.New("invalid URL escape")}, false, false},
		{"canceled", post(context.Canceled), false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := withKind(fmt.Errorf("wrapped: %w", tc.err))
			if got := errors.Is(err, ErrTokenRejected); got != tc.rejected {
				t.Errorf("errors.Is(%v, ErrTokenRejected) = %v", err, got)
			}
			if got := errors.Is(err, ErrUnreachable); got != tc.unreachable {
				t.Errorf("errors.Is(%v, ErrUnreachable) = %v", err, got)
			}
			if err.Error() != "wrapped: "+tc.err.Error() {
				t.Errorf("the message changed: %q", err)
			}
		})
	}
}

func TestCheckErrorKinds(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	f.a.cfg.APIURL = "http://" + closedPort(t) + "/api/"
	f.a.api = f.a.newClient()
	if err := f.a.Check(context.Background()); !errors.Is(err, ErrUnreachable) || errors.Is(err, ErrTokenRejected) {
		t.Errorf("Check with nothing listening: %v, want ErrUnreachable", err)
	}
	f.a.cfg.APIURL, f.a.cfg.BotToken = f.fake.APIURL, "xoxb-wrong"
	f.a.api = f.a.newClient()
	if err := f.a.Check(context.Background()); !errors.Is(err, ErrTokenRejected) || errors.Is(err, ErrUnreachable) {
		t.Errorf("Check with a wrong token: %v, want ErrTokenRejected", err)
	}
}

// recordSleeps replaces the adapter's sleep: it records each wait and calls during,
// which may end the wait with an error.
func recordSleeps(a *Adapter, during func(n int) error) *[]time.Duration {
	var mu sync.Mutex
	waits := &[]time.Duration{}
	a.sleep = func(ctx context.Context, d time.Duration) error {
		mu.Lock()
		*waits = append(*waits, d)
		n := len(*waits)
		mu.Unlock()
		if err := during(n); err != nil {
			return err
		}
		return ctx.Err()
	}
	return waits
}

// TestConnectRetriesUntilReachable starts with Slack unreachable: Connect waits 1, 2 and
// 4 s, says so in the log and in Ready, and succeeds once Slack answers.
func TestConnectRetriesUntilReachable(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	f.fake.SetDown(true)
	waits := recordSleeps(f.a, func(n int) error {
		if ok, state := f.a.Ready(); ok || !strings.HasPrefix(state, "connecting to slack (retrying: ") {
			t.Errorf("Ready() = %v, %q while retrying", ok, state)
		}
		if n == 3 {
			f.fake.SetDown(false)
		}
		return nil
	})
	if err := f.a.Connect(waitCtx(t)); err != nil {
		t.Fatalf("Connect: %v", err)
	}
	if !equalDurations(*waits, []time.Duration{time.Second, 2 * time.Second, 4 * time.Second}) {
		t.Errorf("waited %v, want 1s 2s 4s", *waits)
	}
	if n := strings.Count(f.logs.String(), "slack is unreachable; retrying"); n != 3 {
		t.Errorf("%d log lines of a retry, want 3:\n%s", n, f.logs)
	}
	if !strings.Contains(f.logs.String(), "retry_in=2s") || !strings.Contains(f.logs.String(), "error=") {
		t.Errorf("the retry lines lack the wait or the error:\n%s", f.logs)
	}
	if !strings.Contains(f.logs.String(), "bot_user=briefbot") {
		t.Errorf("no log of the identity once connected:\n%s", f.logs)
	}
	f.a.Handler()
	if ok, state := f.a.Ready(); !ok {
		t.Errorf("not ready after Connect: %s", state)
	}
}

// TestConnectBackoffCapped keeps Slack unreachable: the waits double up to
// ConnectMaxWait, and Connect returns when its context ends, with both the context's
// error and the last attempt's.
func TestConnectBackoffCapped(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	f.fake.SetDown(true)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	waits := recordSleeps(f.a, func(n int) error {
		if n == 9 {
			cancel()
		}
		return nil
	})
	err := f.a.Connect(ctx)
	if !errors.Is(err, context.Canceled) || !errors.Is(err, ErrUnreachable) {
		t.Errorf("Connect: %v, want context.Canceled and ErrUnreachable", err)
	}
	want := []time.Duration{1, 2, 4, 8, 16, 32, 60, 60, 60}
	for i := range want {
		want[i] *= time.Second
	}
	if !equalDurations(*waits, want) {
		t.Errorf("waited %v, want %v", *waits, want)
	}
}

func TestConnectReturnsAtOnce(t *testing.T) {
	for _, tc := range []struct {
		name     string
		token    string
		path     string
		rejected bool
	}{
		{"rejected token", "xoxb-wrong", "/api/", true},
		{"wrong API URL", fakeslack.BotToken, "/not-the-api/", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t, fixtureOptions{})
			f.a.cfg.BotToken, f.a.cfg.APIURL = tc.token, f.fake.URL+tc.path
			f.a.api = f.a.newClient()
			waits := recordSleeps(f.a, func(int) error { return nil })
			err := f.a.Connect(waitCtx(t))
			if err == nil || errors.Is(err, ErrTokenRejected) != tc.rejected || errors.Is(err, ErrUnreachable) {
				t.Errorf("Connect: %v", err)
			}
			if len(*waits) != 0 {
				t.Errorf("waited %v, want no retry", *waits)
			}
			if ok, state := f.a.Ready(); ok || !strings.Contains(state, "slack") {
				t.Errorf("Ready() = %v, %q after a failed Connect", ok, state)
			}
		})
	}
}

// TestSocketModeSurvivesNetworkDrop takes the network down under a connected Socket
// Mode client, then brings it back: the adapter reconnects, says so in Ready meanwhile,
// and answers commands again; RunSocketMode does not return.
func TestSocketModeSurvivesNetworkDrop(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	f.runSocket(t)
	ctx := waitCtx(t)
	f.fake.SetDown(true)
	waitFor(t, func() bool {
		ok, state := f.a.Ready()
		return !ok && strings.HasPrefix(state, "socket mode: connecting (retrying: ")
	})
	f.fake.SetDown(false)
	if err := f.fake.WaitConnections(ctx, 2); err != nil {
		t.Fatal(err)
	}
	waitFor(t, func() bool { ok, _ := f.a.Ready(); return ok })
	id, err := f.fake.SendCommand(fakeslack.Command{Command: "/help"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.fake.WaitAck(ctx, id); err != nil {
		t.Fatal(err)
	}
	if _, err := f.fake.WaitResponses(ctx, 1); err != nil {
		t.Fatal(err)
	}
}
