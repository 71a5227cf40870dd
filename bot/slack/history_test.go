package slack

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/slack/fakeslack"
)

// TestPostErrorKinds: the errors of Post say whether Slack surely holds no message (a
// final 429: ErrRateLimited, with the wait it asked for) or may hold one (a 5xx:
// ErrUnreachable alone), and a refusal is neither.
func TestPostErrorKinds(t *testing.T) {
	limited := fakeslack.Reply{Status: http.StatusTooManyRequests, Header: http.Header{"Retry-After": {"7"}}, Body: `{"ok":false,"error":"ratelimited"}`}
	for _, tc := range []struct {
		name                 string
		reply                fakeslack.Reply
		limited, unreachable bool
		retryAfter           time.Duration
		retries              int
		maxRetryWait         time.Duration
	}{
		{name: "429 after the retries", reply: limited, limited: true, unreachable: true, retryAfter: 7 * time.Second},
		{name: "429 with no retries", reply: limited, limited: true, unreachable: true, retryAfter: 7 * time.Second, retries: -1},
		{name: "429 longer than the bot waits", reply: limited, limited: true, unreachable: true, retryAfter: 7 * time.Second, maxRetryWait: time.Second},
		{name: "ratelimited in a 200", reply: fakeslack.Reply{Body: `{"ok":false,"error":"ratelimited"}`}, limited: true, unreachable: true},
		{name: "500", reply: fakeslack.Reply{Status: 500, Body: "oops"}, unreachable: true},
		{name: "internal_error", reply: fakeslack.Reply{Body: `{"ok":false,"error":"internal_error"}`}, unreachable: true},
		{name: "refused", reply: fakeslack.Reply{Body: `{"ok":false,"error":"not_in_channel"}`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t, fixtureOptions{})
			if tc.retries != 0 {
				f.a.cfg.MaxRetries = 0
			}
			if tc.maxRetryWait != 0 {
				f.a.cfg.MaxRetryWait = tc.maxRetryWait
			}
			f.fake.HandlePost(func(fakeslack.Post) fakeslack.Reply { return tc.reply })
			_, err := f.a.Post(context.Background(), "C1", bot.Reply{Command: "brief", Text: "hello"}, "k")
			if err == nil {
				t.Fatal("Post succeeded")
			}
			if errors.Is(err, ErrRateLimited) != tc.limited || errors.Is(err, ErrUnreachable) != tc.unreachable {
				t.Errorf("%v: rate limited %v, unreachable %v; want %v, %v", err, errors.Is(err, ErrRateLimited), errors.Is(err, ErrUnreachable), tc.limited, tc.unreachable)
			}
			var ra interface{ RetryAfter() time.Duration }
			switch {
			case tc.limited && (!errors.As(err, &ra) || ra.RetryAfter() != tc.retryAfter):
				t.Errorf("%v: RetryAfter not %v", err, tc.retryAfter)
			case !tc.limited && errors.As(err, &ra):
				t.Errorf("%v has a RetryAfter", err)
			}
			if strings.Contains(err.Error(), fakeslack.BotToken) {
				t.Errorf("the error shows the token: %v", err)
			}
		})
	}
}

// TestFind looks for posts by their key in the fake Slack's history: a post with the
// key is found whatever came after it, a key that was never posted is not, nor one
// posted before since, nor another app's message that merely mentions the key.
func TestFind(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	ctx := context.Background()
	start := time.Now()
	ref, err := f.a.Post(ctx, "C1", bot.Reply{Command: "brief", Text: "the briefing"}, "slack/C1/2026-03-02T07:00:00Z")
	if err != nil {
		t.Fatal(err)
	}
	for i := range 250 { // more than a page
		f.fake.AddMessage("C1", fmt.Sprintf("chatter %d about slack/C1/2026-03-03T07:00:00Z", i), "")
	}
	f.fake.AddMessage("C1", "another app", `{"event_type":"other","event_payload":{"key":"slack/C1/2026-03-04T07:00:00Z"}}`)
	for _, tc := range []struct {
		name  string
		key   string
		since time.Time
		found bool
	}{
		{"posted", "slack/C1/2026-03-02T07:00:00Z", start.Add(-time.Minute), true},
		{"never posted", "slack/C1/2026-03-05T07:00:00Z", start.Add(-time.Minute), false},
		{"mentioned in text only", "slack/C1/2026-03-03T07:00:00Z", start.Add(-time.Minute), false},
		{"another event type", "slack/C1/2026-03-04T07:00:00Z", start.Add(-time.Minute), false},
		{"posted before since", "slack/C1/2026-03-02T07:00:00Z", time.Now().Add(time.Minute), false},
		{"no since", "slack/C1/2026-03-02T07:00:00Z", time.Time{}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, found, err := f.a.Find(ctx, "C1", tc.key, tc.since)
			if err != nil {
				t.Fatal(err)
			}
			if found != tc.found || (found && got != ref) {
				t.Errorf("Find = %+v, %v; want %v (%+v)", got, found, tc.found, ref)
			}
		})
	}
	if n := f.fake.Stats().Calls["conversations.history"]; n < 3 {
		t.Errorf("%d calls of conversations.history, want the pages read", n)
	}
}

// TestFindCannotSearch: a history the bot may not read (no history scope, not in the
// channel) is ErrCannotSearch with the scope named; a Slack that fails is not.
func TestFindCannotSearch(t *testing.T) {
	for _, tc := range []struct {
		code, want string
		cannot     bool
	}{
		{"missing_scope", "channels:history", true},
		{"not_in_channel", "not_in_channel", true},
		{"channel_not_found", "channel_not_found", true},
		{"internal_error", "internal_error", false},
	} {
		t.Run(tc.code, func(t *testing.T) {
			f := newFixture(t, fixtureOptions{})
			f.fake.SetHistoryError(tc.code)
			_, found, err := f.a.Find(context.Background(), "C1", "k", time.Now())
			if err == nil || found {
				t.Fatalf("Find: %v, %v; want an error", found, err)
			}
			if errors.Is(err, ErrCannotSearch) != tc.cannot || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("%v: cannot search %v, want %v and %q", err, errors.Is(err, ErrCannotSearch), tc.cannot, tc.want)
			}
			if f.metrics.Count("failed slack history") != 1 {
				t.Errorf("failure not counted:\n%s", f.metrics)
			}
		})
	}
}
