package discord

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/discord/fakediscord"
)

// statuses returns the statuses the fake answered the requests with.
func statuses(reqs []fakediscord.Request) []int {
	var out []int
	for _, r := range reqs {
		out = append(out, r.Status)
	}
	return out
}

func equalInts(a, b []int) bool {
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

func TestSendRetriesARateLimitedPost(t *testing.T) {
	t.Parallel()
	f := newFixture(t, nil)
	f.fake.Fault(fakediscord.OpMessage, fakediscord.Fault{Status: 429, RetryAfter: 50 * time.Millisecond, Times: 2})
	msg, err := f.s.send(testContext(t), "post", fakediscord.ChannelID, outgoing{Content: "morning"}, "")
	if err != nil {
		t.Fatal(err)
	}
	reqs := f.fake.Requests(fakediscord.OpMessage)
	if got := statuses(reqs); !equalInts(got, []int{429, 429, 200}) {
		t.Errorf("statuses = %v, want two 429s then 200", got)
	}
	if msgs := f.fake.Messages(fakediscord.ChannelID); len(msgs) != 1 || msgs[0].ID != msg.ID {
		t.Errorf("channel holds %d messages; want the one returned (%s)", len(msgs), msg.ID)
	}
	if n := f.metrics.Count("rate_limited discord"); n != 2 {
		t.Errorf("rate_limited discord = %d, want 2", n)
	}
	if n := strings.Count(f.logs.String(), "rate limited; waiting before a retry"); n != 2 {
		t.Errorf("%d logged waits, want 2:\n%s", n, f.logs)
	}
}

func TestRateLimitRetriesAreBounded(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		config   func(*Config)
		fault    fakediscord.Fault
		requests int
		waits    int
		want     string
	}{
		{
			name:   "retries",
			config: func(c *Config) { c.MaxRetries = 2 },
			fault:  fakediscord.Fault{Status: 429, RetryAfter: 20 * time.Millisecond, Times: -1},
			// Two retries: three requests.
			requests: 3, waits: 2, want: "still rate limited after 2 retries",
		},
		{
			name:     "no retries",
			config:   func(c *Config) { c.MaxRetries = -1 },
			fault:    fakediscord.Fault{Status: 429, RetryAfter: 20 * time.Millisecond, Times: -1},
			requests: 1, waits: 0, want: "still rate limited after 0 retries",
		},
		{
			name:     "a wait too long",
			config:   func(c *Config) { c.MaxRetryWait = time.Second },
			fault:    fakediscord.Fault{Status: 429, RetryAfter: 30 * time.Second, Times: -1},
			requests: 1, waits: 0, want: "longer than the 1s this bot waits",
		},
		{
			name:     "the waits together too long",
			config:   func(c *Config) { c.MaxRetries, c.MaxTotalWait = 10, 250*time.Millisecond },
			fault:    fakediscord.Fault{Status: 429, RetryAfter: 100 * time.Millisecond, Times: -1},
			requests: 3, waits: 2, want: "beyond the 250ms this bot waits in all",
		},
		{
			name:     "global",
			config:   func(c *Config) { c.MaxRetries = 1 },
			fault:    fakediscord.Fault{Status: 429, RetryAfter: 20 * time.Millisecond, Global: true, Times: -1},
			requests: 2, waits: 1, want: "still rate limited after 1 retry",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t, tt.config)
			f.fake.Fault(fakediscord.OpMessage, tt.fault)
			start := time.Now()
			_, err := f.s.send(testContext(t), "post", fakediscord.ChannelID, outgoing{Content: "x"}, "")
			if err == nil {
				t.Fatal("send succeeded against a rate limit that never ends")
			}
			if elapsed := time.Since(start); elapsed > 5*time.Second {
				t.Errorf("send took %s", elapsed)
			}
			if !errors.Is(err, ErrUnreachable) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v; want ErrUnreachable saying %q", err, tt.want)
			}
			var rl *discordgo.RateLimitError
			if !errors.As(err, &rl) {
				t.Errorf("error %v does not wrap discordgo's RateLimitError", err)
			}
			if n := len(f.fake.Requests(fakediscord.OpMessage)); n != tt.requests {
				t.Errorf("%d requests, want %d", n, tt.requests)
			}
			if n := f.metrics.Count("rate_limited discord"); n != tt.waits {
				t.Errorf("rate_limited discord = %d, want %d", n, tt.waits)
			}
			if n := f.metrics.Count("failed discord post"); n != 1 {
				t.Errorf("failed discord post = %d, want 1", n)
			}
			if len(f.fake.Messages(fakediscord.ChannelID)) != 0 {
				t.Errorf("a message was posted")
			}
		})
	}
}

func TestSendWaitsOutAUsedUpBucket(t *testing.T) {
	t.Parallel()
	f := newFixture(t, nil)
	f.fake.SetRateLimit(fakediscord.OpMessage, 1, 300*time.Millisecond)
	ctx := testContext(t)
	for i := range 2 {
		if _, err := f.s.send(ctx, "post", fakediscord.ChannelID, outgoing{Content: "x"}, ""); err != nil {
			t.Fatalf("send %d: %v", i, err)
		}
	}
	// The first answer said the bucket was used up: the second call waited before it
	// went, and never met a 429.
	if got := statuses(f.fake.Requests(fakediscord.OpMessage)); !equalInts(got, []int{200, 200}) {
		t.Errorf("statuses = %v, want 200 200", got)
	}
	if n := f.metrics.Count("rate_limited discord"); n != 1 {
		t.Errorf("rate_limited discord = %d, want 1", n)
	}
	if !strings.Contains(f.logs.String(), "rate limit used up; waiting before the call") {
		t.Errorf("the wait was not logged:\n%s", f.logs)
	}
}

func TestSendRefusesABucketWaitBeyondTheBounds(t *testing.T) {
	t.Parallel()
	f := newFixture(t, func(c *Config) { c.MaxRetryWait = time.Second })
	f.fake.SetRateLimit(fakediscord.OpMessage, 1, time.Minute)
	ctx := testContext(t)
	if _, err := f.s.send(ctx, "post", fakediscord.ChannelID, outgoing{Content: "x"}, ""); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err := f.s.send(ctx, "post", fakediscord.ChannelID, outgoing{Content: "x"}, "")
	if err == nil || !errors.Is(err, ErrUnreachable) {
		t.Fatalf("error = %v, want ErrUnreachable", err)
	}
	if elapsed := time.Since(start); elapsed > time.Second {
		t.Errorf("the refused call took %s: it waited inside discordgo", elapsed)
	}
	if n := len(f.fake.Requests(fakediscord.OpMessage)); n != 1 {
		t.Errorf("%d requests, want 1: the second call must not go", n)
	}
}

func TestSendWithAKeyIsIdempotent(t *testing.T) {
	t.Parallel()
	for _, status := range []int{500, 502, 503} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			t.Parallel()
			f := newFixture(t, nil)
			// Discord posts the message, then fails to answer: the retry must find it.
			f.fake.Fault(fakediscord.OpMessage, fakediscord.Fault{Status: status, Applied: true})
			const key = "discord:1300000000000000001:2026-12-02:morning"
			msg, err := f.s.send(testContext(t), "post", fakediscord.ChannelID, outgoing{Content: "briefing"}, key)
			if err != nil {
				t.Fatal(err)
			}
			msgs := f.fake.Messages(fakediscord.ChannelID)
			if len(msgs) != 1 || msgs[0].ID != msg.ID {
				t.Fatalf("channel holds %d messages, want exactly the one returned (%s)", len(msgs), msg.ID)
			}
			reqs := f.fake.Requests(fakediscord.OpMessage)
			if got := statuses(reqs); !equalInts(got, []int{status, 200}) {
				t.Errorf("statuses = %v", got)
			}
			for _, r := range reqs {
				if string(r.Message.Nonce) != nonceFor(key) || !r.Message.EnforceNonce {
					t.Errorf("request nonce %q enforce %v, want %q with enforce_nonce", r.Message.Nonce, r.Message.EnforceNonce, nonceFor(key))
				}
			}
			// A second post with the same key, as after a restart, is the same message.
			again, err := f.s.send(testContext(t), "post", fakediscord.ChannelID, outgoing{Content: "briefing"}, key)
			if err != nil {
				t.Fatal(err)
			}
			if again.ID != msg.ID || len(f.fake.Messages(fakediscord.ChannelID)) != 1 {
				t.Errorf("the same key posted again: %s, %d messages", again.ID, len(f.fake.Messages(fakediscord.ChannelID)))
			}
			other, err := f.s.send(testContext(t), "post", fakediscord.ChannelID, outgoing{Content: "briefing"}, key+":2")
			if err != nil || other.ID == msg.ID {
				t.Errorf("another key: %v, %v; want a new message", other, err)
			}
		})
	}
}

func TestSendWithoutAKeyDoesNotRetryA5xx(t *testing.T) {
	t.Parallel()
	f := newFixture(t, nil)
	f.fake.Fault(fakediscord.OpMessage, fakediscord.Fault{Status: 502, Applied: true})
	_, err := f.s.send(testContext(t), "post", fakediscord.ChannelID, outgoing{Content: "x"}, "")
	if !errors.Is(err, ErrUnreachable) {
		t.Fatalf("error = %v, want ErrUnreachable", err)
	}
	if n := len(f.fake.Requests(fakediscord.OpMessage)); n != 1 {
		t.Errorf("%d requests, want 1: without a nonce a retry may post twice", n)
	}
}

func TestSendBody(t *testing.T) {
	t.Parallel()
	f := newFixture(t, nil)
	ctx := testContext(t)
	f.connect(t)
	user, err := f.fake.SendMessage(fakediscord.MessageEvent{Content: "<@" + fakediscord.BotUserID + "> brief"})
	if err != nil {
		t.Fatal(err)
	}
	m := outgoing{
		Content:   "Morning briefing @everyone <@" + fakediscord.UserID + ">",
		Embeds:    []*discordgo.MessageEmbed{{Title: "Ceasefire talks", Description: "Both sides met.", URL: "https://example.com/a"}},
		Flags:     discordgo.MessageFlagsSuppressEmbeds,
		Reference: &discordgo.MessageReference{MessageID: user.ID, ChannelID: user.ChannelID},
	}
	msg, err := f.s.send(ctx, "reply", user.ChannelID, m, "")
	if err != nil {
		t.Fatal(err)
	}
	reqs := f.fake.Requests(fakediscord.OpMessage)
	b := reqs[0].Message
	if am, ok := b.Fields["allowed_mentions"]; !ok || string(am) != `{"parse":[]}` {
		t.Errorf("allowed_mentions = %s, want {\"parse\":[]}", am)
	}
	if b.Flags != fakediscord.FlagSuppressEmbeds || len(b.Embeds) != 1 || b.Embeds[0].Title != "Ceasefire talks" {
		t.Errorf("body = %+v", b)
	}
	if b.Has("nonce") || b.Has("enforce_nonce") {
		t.Errorf("a post without a key carries a nonce: %s", reqs[0].Body)
	}
	if msg.MessageReference == nil || msg.MessageReference.MessageID != user.ID {
		t.Errorf("the reply does not refer to the message: %+v", msg.MessageReference)
	}
	stored := f.fake.Messages(user.ChannelID)
	if last := stored[len(stored)-1]; len(last.Mentions) != 0 {
		t.Errorf("the message pings %v", last.Mentions)
	}
}

func TestSendRefusesAChannelThatIsNotAnID(t *testing.T) {
	t.Parallel()
	f := newFixture(t, nil)
	for _, ch := range []string{"", "general", "../../users/@me", "1/messages", "123456789012345678901"} {
		if _, err := f.s.send(testContext(t), "post", ch, outgoing{Content: "x"}, ""); err == nil {
			t.Errorf("send to channel %q succeeded", ch)
		}
	}
	if n := len(f.fake.Requests()); n != 0 {
		t.Errorf("%d requests reached Discord", n)
	}
}

// fakeClock is a clock that sleeping moves on.
type fakeClock struct {
	mu     sync.Mutex
	now    time.Time
	sleeps []time.Duration
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	c.sleeps = append(c.sleeps, d)
	return ctx.Err()
}

func TestDoRetriesFailuresUntilItsDeadline(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		fault    fakediscord.Fault
		until    time.Duration
		wantErr  bool
		requests int
		sleeps   []time.Duration
	}{
		{name: "recovers", fault: fakediscord.Fault{Status: 500, Times: 3}, until: time.Minute,
			requests: 4, sleeps: []time.Duration{10 * time.Millisecond, 20 * time.Millisecond, 40 * time.Millisecond}},
		{name: "deadline passes", fault: fakediscord.Fault{Status: 502, Times: -1}, until: 35 * time.Millisecond,
			wantErr: true, requests: 3, sleeps: []time.Duration{10 * time.Millisecond, 20 * time.Millisecond}},
		{name: "no deadline, no retry", fault: fakediscord.Fault{Status: 500, Times: -1},
			wantErr: true, requests: 1},
		{name: "a 4xx is not retried", fault: fakediscord.Fault{Status: 404, Times: -1}, until: time.Minute,
			wantErr: true, requests: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			clock := &fakeClock{now: time.Date(2026, 12, 2, 7, 0, 0, 0, time.UTC)}
			f := newFixture(t, func(c *Config) { c.Now = clock.Now })
			f.s.sleep = clock.Sleep
			f.fake.Fault(fakediscord.OpMessage, tt.fault)
			c := call{op: "edit", what: "editing"}
			if tt.until > 0 {
				c.until = clock.Now().Add(tt.until)
			}
			err := f.s.requestJSON(testContext(t), c, http.MethodPost, discordgo.EndpointChannelMessages(fakediscord.ChannelID), outgoing{Content: "x"}, nil)
			if (err != nil) != tt.wantErr {
				t.Fatalf("error = %v, want an error: %v", err, tt.wantErr)
			}
			if n := len(f.fake.Requests(fakediscord.OpMessage)); n != tt.requests {
				t.Errorf("%d requests, want %d", n, tt.requests)
			}
			if len(clock.sleeps) != len(tt.sleeps) {
				t.Fatalf("sleeps = %v, want %v", clock.sleeps, tt.sleeps)
			}
			for i := range tt.sleeps {
				if clock.sleeps[i] != tt.sleeps[i] {
					t.Errorf("sleeps = %v, want %v", clock.sleeps, tt.sleeps)
				}
			}
			if tt.wantErr && f.metrics.Count("failed discord edit") != 1 {
				t.Errorf("failed discord edit = %d, want 1", f.metrics.Count("failed discord edit"))
			}
		})
	}
}

func TestNonceFor(t *testing.T) {
	t.Parallel()
	if nonceFor("") != "" {
		t.Errorf("no key gave a nonce")
	}
	a, b := nonceFor("k1"), nonceFor("k2")
	if len(a) > fakediscord.MaxNonce || a == b || a != nonceFor("k1") {
		t.Errorf("nonces %q %q: want stable, distinct, at most 25 characters", a, b)
	}
}

func TestOutgoingAlwaysTurnsMentionsOff(t *testing.T) {
	t.Parallel()
	b, err := json.Marshal(outgoing{})
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != `{"allowed_mentions":{"parse":[]}}` {
		t.Errorf("empty outgoing = %s", b)
	}
}

func TestAnInteractionIsDeferredThenEditedThroughTheSession(t *testing.T) {
	t.Parallel()
	f := newFixture(t, nil)
	got := make(chan *discordgo.Interaction, 1)
	f.s.dg.AddHandler(func(_ *discordgo.Session, i *discordgo.InteractionCreate) { got <- i.Interaction })
	f.connect(t)
	ctx := testContext(t)
	sent, err := f.fake.SendInteraction(fakediscord.InteractionEvent{Command: "who-said",
		Options: []fakediscord.Option{{Name: "term", Value: "ceasefire"}, {Name: "share", Value: false}}})
	if err != nil {
		t.Fatal(err)
	}
	var i *discordgo.Interaction
	select {
	case i = <-got:
	case <-ctx.Done():
		t.Fatal("no interaction")
	}
	data := i.ApplicationCommandData()
	if i.Type != discordgo.InteractionApplicationCommand || data.Name != "who-said" ||
		data.Options[0].StringValue() != "ceasefire" || data.Options[1].BoolValue() || i.Member == nil {
		t.Fatalf("interaction %+v, data %+v", i, data)
	}
	deferral := discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral}}
	err = f.s.requestJSON(ctx, call{op: "ack", what: "acknowledging"}, http.MethodPost,
		discordgo.EndpointInteractionResponse(i.ID, i.Token), deferral, nil)
	if err != nil {
		t.Fatal(err)
	}
	// The edit meets a 500 and a 502, and is retried within the token's lifetime.
	f.fake.Fault(fakediscord.OpEdit, fakediscord.Fault{Status: 500})
	f.fake.Fault(fakediscord.OpEdit, fakediscord.Fault{Status: 502})
	var msg discordgo.Message
	edit := call{op: "edit", what: "editing the response", until: time.Now().Add(15 * time.Minute)}
	err = f.s.requestJSON(ctx, edit, http.MethodPatch, discordgo.EndpointWebhookMessage(f.s.applicationID(), i.Token, "@original"),
		outgoing{Content: "Nobody said ceasefire."}, &msg)
	if err != nil {
		t.Fatal(err)
	}
	state, _ := f.fake.Interaction(sent.ID)
	if state.Callback != fakediscord.CallbackDeferredMessage || state.Original == nil ||
		state.Original.Content != "Nobody said ceasefire." || !state.Original.Ephemeral() || msg.ID != state.Original.ID {
		t.Errorf("interaction state %+v, edit answer %+v", state, msg)
	}
	if got := statuses(f.fake.Requests(fakediscord.OpEdit)); !equalInts(got, []int{500, 502, 200}) {
		t.Errorf("edit statuses = %v", got)
	}
}
