package discord

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/discord/fakediscord"
)

var whoSaidCeasefire = fakediscord.InteractionEvent{Command: "who-said", Options: []fakediscord.Option{{Name: "term", Value: "ceasefire"}}}

// TestTheEditIsRetried meets a rate limit, then 5xx answers, on the edit of the
// response: it is retried (after the wait asked for; with backoff) and delivered.
func TestTheEditIsRetried(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name     string
		faults   []fakediscord.Fault
		statuses []int
		limited  int
	}{
		{"429 with Retry-After", []fakediscord.Fault{{Status: 429, RetryAfter: 50 * time.Millisecond}}, []int{429, 200}, 1},
		{"a 500 and a 502", []fakediscord.Fault{{Status: 500}, {Status: 502}}, []int{500, 502, 200}, 0},
		{"a 500 that did edit", []fakediscord.Fault{{Status: 500, Applied: true}}, []int{500, 200}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newAdapterFixture(t, adapterOptions{})
			f.run(t)
			for _, fl := range tc.faults {
				f.fake.Fault(fakediscord.OpEdit, fl)
			}
			in := f.interact(t, whoSaidCeasefire)
			f.waitCount(t, "command discord who-said ok", 1)
			if !strings.Contains(text(*in.Original), "Donald Trump") {
				t.Errorf("the answer is not there:\n%s", text(*in.Original))
			}
			if got := statuses(f.fake.Requests(fakediscord.OpEdit)); !equalInts(got, tc.statuses) {
				t.Errorf("edit statuses %v, want %v", got, tc.statuses)
			}
			if n := f.metrics.Count("rate_limited discord"); n != tc.limited {
				t.Errorf("rate_limited discord = %d, want %d", n, tc.limited)
			}
			if n := f.metrics.Count("failed discord edit"); n != 0 {
				t.Errorf("failed discord edit = %d, want 0", n)
			}
		})
	}
}

// TestTheAcknowledgementIsRetried meets a 5xx on the deferral: it is retried within
// the deadline, and a retry told that the first attempt got through takes it as done.
func TestTheAcknowledgementIsRetried(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name     string
		fault    fakediscord.Fault
		statuses []int
	}{
		{"not applied", fakediscord.Fault{Status: 503}, []int{503, 204}},
		{"applied", fakediscord.Fault{Status: 500, Applied: true}, []int{500, 400}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newAdapterFixture(t, adapterOptions{})
			f.run(t)
			f.fake.Fault(fakediscord.OpCallback, tc.fault)
			in := f.interact(t, whoSaidCeasefire)
			if got := statuses(f.fake.Requests(fakediscord.OpCallback)); !equalInts(got, tc.statuses) {
				t.Errorf("callback statuses %v, want %v", got, tc.statuses)
			}
			if in.Callback != fakediscord.CallbackDeferredMessage || !strings.Contains(text(*in.Original), "Donald Trump") {
				t.Errorf("interaction %+v", in)
			}
		})
	}
}

// slowQuoter is a Quoter that answers only when released, or fails when its context
// ends first.
func slowQuoter(release <-chan struct{}) bot.Quoter {
	return bot.QuoterFunc(func(ctx context.Context, snap *bot.Snapshot, q bot.Query) (*bot.WhoSaid, error) {
		select {
		case <-release:
			return &bot.WhoSaid{Term: q.Term, Articles: len(snap.Corpus.Docs)}, nil
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	})
}

// TestAnAnswerThatOutlivesTheReplyTimeout ends in an edited apology, not in Discord's
// "The application did not respond".
func TestAnAnswerThatOutlivesTheReplyTimeout(t *testing.T) {
	t.Parallel()
	f := newAdapterFixture(t, adapterOptions{bot: func(o *bot.Options) {
		o.ReplyTimeout = 150 * time.Millisecond
		o.Quoter = slowQuoter(nil)
	}})
	f.run(t)
	in := f.interact(t, whoSaidCeasefire)
	if got := text(*in.Original); got != "Sorry, that took too long. Please try again." || !in.Original.Ephemeral() {
		t.Errorf("the response is %q (ephemeral %v), want the apology for the user", got, in.Original.Ephemeral())
	}
	f.waitCount(t, "command discord who-said error", 1)
}

// TestAFailedEditEndsInAnApology: Discord refuses the answer's edit; the apology edits
// the response instead.
func TestAFailedEditEndsInAnApology(t *testing.T) {
	t.Parallel()
	f := newAdapterFixture(t, adapterOptions{})
	f.run(t)
	f.fake.Fault(fakediscord.OpEdit, fakediscord.Fault{Status: 400})
	sent, err := f.fake.SendInteraction(fakediscord.InteractionEvent{Command: "brief"})
	if err != nil {
		t.Fatal(err)
	}
	in, err := f.fake.WaitInteraction(testContext(t), sent.ID, func(in fakediscord.Interaction) bool { return in.Edited })
	if err != nil {
		t.Fatal(err)
	}
	if got := text(*in.Original); !strings.HasPrefix(got, "Sorry, something went wrong") {
		t.Errorf("the response is %q, want the apology", got)
	}
	f.waitCount(t, "command discord brief undelivered", 1)
	if n := f.metrics.Count("failed discord reply"); n != 1 {
		t.Errorf("failed discord reply = %d, want 1", n)
	}
}

// TestAGatewayCloseInTheMiddleOfASession: the connection closes while an answer is in
// the works; the answer still arrives (REST needs no gateway), the session resumes,
// readiness shows the outage and the recovery, and the next command is answered.
func TestAGatewayCloseInTheMiddleOfASession(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	f := newAdapterFixture(t, adapterOptions{bot: func(o *bot.Options) { o.Quoter = slowQuoter(release) }})
	f.run(t)
	ctx := testContext(t)
	sent, err := f.fake.SendInteraction(whoSaidCeasefire)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.fake.WaitInteraction(ctx, sent.ID, func(in fakediscord.Interaction) bool { return in.Callback != 0 }); err != nil {
		t.Fatal(err)
	}
	if err := f.fake.CloseGateway(4000, "unknown error"); err != nil {
		t.Fatal(err)
	}
	close(release)
	in, err := f.fake.WaitInteraction(ctx, sent.ID, func(in fakediscord.Interaction) bool { return in.Edited })
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text(*in.Original), "No one in the 5 articles") {
		t.Errorf("the answer across the outage: %q", text(*in.Original))
	}
	if _, err := f.fake.WaitResumes(ctx, 1); err != nil {
		t.Fatal(err)
	}
	if err := f.fake.WaitConnections(ctx, 2); err != nil {
		t.Fatal(err)
	}
	msg := waitReadyIs(t, f.a, true)
	if !strings.Contains(msg, "recovered from 1 outage") || !strings.Contains(msg, "commands in 1 guild") {
		t.Errorf("Ready() after the outage = %q", msg)
	}
	if next := f.interact(t, fakediscord.InteractionEvent{Command: "help"}); !strings.Contains(text(*next.Original), "/who-said TERM") {
		t.Errorf("the command after the outage: %q", text(*next.Original))
	}
}

// waitReadyIs waits until the adapter's readiness is want, and returns its text.
func waitReadyIs(t *testing.T, a *Adapter, want bool) string {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		ok, msg := a.Ready()
		if ok == want {
			return msg
		}
		if time.Now().After(deadline) {
			t.Fatalf("Ready() = %v, %q; want %v", ok, msg, want)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestADrainingBotAnswersAtOnce: once the bot drains, a command gets the apology as
// the callback itself, for its user alone.
func TestADrainingBotAnswersAtOnce(t *testing.T) {
	t.Parallel()
	f := newAdapterFixture(t, adapterOptions{})
	f.run(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	if err := f.bot.Drain(ctx); err != nil {
		t.Fatal(err)
	}
	in := f.interact(t, whoSaidCeasefire)
	if in.Callback != fakediscord.CallbackMessage || !in.Original.Ephemeral() || !strings.Contains(in.Original.Content, "restarting") {
		t.Errorf("interaction %+v, want an ephemeral apology at once", in)
	}
	if _, err := f.fake.SendMessage(fakediscord.MessageEvent{Content: botMention + " brief"}); err != nil {
		t.Fatal(err)
	}
	msgs, err := f.fake.WaitMessages(testContext(t), fakediscord.ChannelID, 2)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(msgs[1].Content, "restarting") {
		t.Errorf("the reply to a mention while draining: %q", msgs[1].Content)
	}
}

// TestAnExpiredTokenIsNotUsed: an answer that comes when the token has less than a
// minute left fails at once, counted.
func TestAnExpiredTokenIsNotUsed(t *testing.T) {
	t.Parallel()
	f := newAdapterFixture(t, adapterOptions{})
	r := &interactionResponder{a: f.a, i: nil, received: time.Now().Add(-editWindow)}
	err := r.Respond(testContext(t), bot.Reply{Command: bot.CommandBrief, Text: "late"})
	if err == nil || !strings.Contains(err.Error(), "token expires") {
		t.Errorf("Respond = %v", err)
	}
	if n := f.metrics.Count("failed discord edit"); n != 1 {
		t.Errorf("failed discord edit = %d, want 1", n)
	}
}
