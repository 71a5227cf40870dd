package slack

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	slackgo "github.com/slack-go/slack"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/slack/fakeslack"
)

func TestPostMessageFields(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	b, err := f.bot.Briefing(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	ref, err := f.a.Post(context.Background(), "C42", bot.Reply{Command: "brief", Briefing: b, Visibility: bot.InChannel}, "slack/C42/2026-12-02T07:00:00Z")
	if err != nil {
		t.Fatal(err)
	}
	p := f.fake.Posts()
	if len(p) != 1 {
		t.Fatalf("%d posts, want 1", len(p))
	}
	checkPostForm(t, p[0])
	if ref.Platform != Platform || ref.ChannelID != "C42" || ref.ID == "" {
		t.Errorf("Post returned %+v, want slack, C42 and the message's ts", ref)
	}
	var meta struct {
		EventType    string            `json:"event_type"`
		EventPayload map[string]string `json:"event_payload"`
	}
	if err := json.Unmarshal([]byte(p[0].Form.Get("metadata")), &meta); err != nil || meta.EventType != MetadataEventType || meta.EventPayload["key"] != "slack/C42/2026-12-02T07:00:00Z" {
		t.Errorf("metadata %q (%v), want the event type and the key", p[0].Form.Get("metadata"), err)
	}
	if p[0].Channel != "C42" || !strings.HasPrefix(p[0].Text, b.Headline) {
		t.Errorf("posted in %q with text %q", p[0].Channel, p[0].Text)
	}
	if got := plainJSON(t, render(bot.Reply{Briefing: b})); !strings.Contains(got, b.Items()[0].Text[:40]) {
		t.Errorf("blocks lack the first point")
	}
	if f.metrics.Count("post slack") != 1 {
		t.Errorf("metrics:\n%s", f.metrics)
	}
}

// status answers chat.postMessage with a status, headers and a body.
func status(code int, header http.Header, body string) fakeslack.Reply {
	return fakeslack.Reply{Status: code, Header: header, Body: body}
}

func TestPostRateLimited(t *testing.T) {
	ok := `{"ok":true,"channel":"C1","ts":"1.2"}`
	limited := func(after string) fakeslack.Reply {
		h := http.Header{}
		if after != "" {
			h.Set("Retry-After", after)
		}
		return status(http.StatusTooManyRequests, h, `{"ok":false,"error":"ratelimited"}`)
	}
	for _, tc := range []struct {
		name     string
		replies  []fakeslack.Reply // in order; the last repeats
		calls    int
		sleeps   []time.Duration
		wantErr  string
		rateLim  int
		wantPost int
	}{
		{name: "one 429 then ok", replies: []fakeslack.Reply{limited("2"), status(200, nil, ok)}, calls: 2, sleeps: []time.Duration{2 * time.Second}, rateLim: 1, wantPost: 1},
		{name: "429 without Retry-After waits a second", replies: []fakeslack.Reply{limited(""), status(200, nil, ok)}, calls: 2, sleeps: []time.Duration{time.Second}, rateLim: 1, wantPost: 1},
		{name: "always 429: bounded retries", replies: []fakeslack.Reply{limited("1")}, calls: 1 + DefaultMaxRetries, sleeps: []time.Duration{time.Second, time.Second, time.Second}, rateLim: 3, wantErr: "still rate limited after 3 retries"},
		{name: "Retry-After too long", replies: []fakeslack.Reply{limited("3600")}, calls: 1, wantErr: "longer than the 1m0s this bot waits"},
		{name: "500 is not retried", replies: []fakeslack.Reply{status(http.StatusInternalServerError, nil, "<html>oops</html>")}, calls: 1, wantErr: "500"},
		{name: "api error", replies: []fakeslack.Reply{status(200, nil, `{"ok":false,"error":"channel_is_archived"}`)}, calls: 1, wantErr: "channel_is_archived"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t, fixtureOptions{})
			var calls atomic.Int32
			f.fake.HandlePost(func(fakeslack.Post) fakeslack.Reply {
				i := int(calls.Add(1)) - 1
				return tc.replies[min(i, len(tc.replies)-1)]
			})
			_, err := f.a.Post(context.Background(), "C1", bot.Reply{Command: "brief", Text: "hello"}, "")
			if tc.wantErr == "" && err != nil || tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)) {
				t.Fatalf("Post: %v, want error %q", err, tc.wantErr)
			}
			if got := int(calls.Load()); got != tc.calls {
				t.Errorf("%d calls, want %d", got, tc.calls)
			}
			if got := *f.sleeps; !equalDurations(got, tc.sleeps) {
				t.Errorf("waited %v, want %v", got, tc.sleeps)
			}
			if got := f.metrics.Count("rate_limited slack"); got != tc.rateLim {
				t.Errorf("%d rate-limit waits counted, want %d", got, tc.rateLim)
			}
			if got := f.metrics.Count("post slack"); got != tc.wantPost {
				t.Errorf("%d posts counted, want %d", got, tc.wantPost)
			}
			if tc.wantErr != "" && f.metrics.Count("failed slack post") != 1 {
				t.Errorf("failure not counted:\n%s", f.metrics)
			}
			if tc.name == "always 429: bounded retries" {
				var rl *slackgo.RateLimitedError
				if !errors.As(err, &rl) || rl.RetryAfter != time.Second {
					t.Errorf("error %v does not wrap the RateLimitedError", err)
				}
			}
		})
	}
}

func equalDurations(a, b []time.Duration) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestFailedPostApologizes checks that a /brief whose post fails is logged with the
// channel and the command, and that the user gets an apology through the response_url.
func TestFailedPostApologizes(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	f.fake.HandlePost(func(fakeslack.Post) fakeslack.Reply {
		return status(http.StatusInternalServerError, nil, "<html>down</html>")
	})
	f.runSocket(t)
	ctx := waitCtx(t)
	id, err := f.fake.SendCommand(fakeslack.Command{Command: "/brief", ChannelID: "C9"})
	if err != nil {
		t.Fatal(err)
	}
	r, err := f.fake.WaitResponses(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if r[0].ID != id || r[0].ResponseType != "ephemeral" || !strings.HasPrefix(r[0].Text, "Sorry") {
		t.Errorf("response %+v, want an ephemeral apology", r[0])
	}
	waitFor(t, func() bool { return f.metrics.Count("command slack brief undelivered") == 1 })
	for _, want := range []string{"delivering a reply", "channel_id=C9", "command=brief", "500"} {
		if !strings.Contains(f.logs.String(), want) {
			t.Errorf("the log lacks %q:\n%s", want, f.logs)
		}
	}
}

// TestNotInChannelFallsBackToResponseURL checks that a /brief in a channel the bot may not
// post in (a DM, a private channel) is posted through the response_url for the channel.
func TestNotInChannelFallsBackToResponseURL(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	f.fake.HandlePost(func(fakeslack.Post) fakeslack.Reply {
		return status(200, nil, `{"ok":false,"error":"not_in_channel"}`)
	})
	f.runSocket(t)
	ctx := waitCtx(t)
	if _, err := f.fake.SendCommand(fakeslack.Command{Command: "/brief", ChannelID: "D1"}); err != nil {
		t.Fatal(err)
	}
	r, err := f.fake.WaitResponses(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if r[0].ResponseType != "in_channel" || !strings.Contains(r[0].Text, "Putin") {
		t.Errorf("response %+v, want the briefing in the channel", r[0])
	}
	waitFor(t, func() bool { return f.metrics.Count("command slack brief ok") == 1 })
}

func TestCheck(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	if err := f.a.Check(context.Background()); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(f.logs.String(), "bot_user=briefbot") {
		t.Errorf("the log lacks the bot's identity:\n%s", f.logs)
	}
	f.a.cfg.BotToken = "xoxb-wrong"
	f.a.api = f.a.newClient()
	if err := f.a.Check(context.Background()); err == nil || !strings.Contains(err.Error(), "invalid_auth") {
		t.Errorf("Check with a wrong token: %v, want invalid_auth", err)
	}
}

// waitFor polls cond for up to 10 s.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for range 1000 {
		if cond() {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("condition not met within 10s")
}
