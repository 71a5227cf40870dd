package slack

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/slack/fakeslack"
)

// ackBound is the time Slack gives an app to acknowledge a command.
const ackBound = 3 * time.Second

// TestSocketModeEndToEnd connects over Socket Mode to a fake Slack on loopback, sends
// each command as an envelope, and checks the acknowledgement (within Slack's 3 s) and
// the reply: /brief posted in the channel, the rest ephemeral through the response_url.
func TestSocketModeEndToEnd(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	f.runSocket(t)
	ctx := waitCtx(t)

	for _, tc := range []struct {
		name     string
		cmd      fakeslack.Command
		inPost   bool   // the reply is a chat.postMessage; otherwise a response_url message
		contains string // in the reply's fallback text
		respType string // response_type of a response_url reply
	}{
		{"brief", fakeslack.Command{Command: "/brief", ChannelID: "C1"}, true, "Putin", ""},
		{"who-said", fakeslack.Command{Command: "/who-said", Text: "ceasefire", ChannelID: "C1"}, false, "/who-said is not available yet", "ephemeral"},
		{"help", fakeslack.Command{Command: "/help", ChannelID: "C1"}, false, "/who-said TERM", "ephemeral"},
		{"a topic of no story", fakeslack.Command{Command: "/brief", Text: "what is up", ChannelID: "C1"}, false, "No story in the 5 articles is about “what is up”.", "ephemeral"},
		{"a wordless topic", fakeslack.Command{Command: "/brief", Text: "***", ChannelID: "C1"}, false, "Usage: /brief", "ephemeral"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			posts, responses := len(f.fake.Posts()), len(f.fake.Responses())
			id, err := f.fake.SendCommand(tc.cmd)
			if err != nil {
				t.Fatal(err)
			}
			ack, err := f.fake.WaitAck(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if d := ack.At.Sub(f.fake.Sent(id)); d > ackBound {
				t.Errorf("acknowledged after %v, over Slack's %v", d, ackBound)
			}
			if len(ack.Payload) != 0 && string(ack.Payload) != "null" {
				t.Errorf("ack payload %s, want none", ack.Payload)
			}
			var text string
			if tc.inPost {
				p, err := f.fake.WaitPosts(ctx, posts+1)
				if err != nil {
					t.Fatal(err)
				}
				post := p[len(p)-1]
				text = post.Text
				if post.Channel != tc.cmd.ChannelID {
					t.Errorf("posted in %q, want %q", post.Channel, tc.cmd.ChannelID)
				}
				checkPostForm(t, post)
			} else {
				r, err := f.fake.WaitResponses(ctx, responses+1)
				if err != nil {
					t.Fatal(err)
				}
				resp := r[len(r)-1]
				text = resp.Text
				if resp.ID != id || resp.ResponseType != tc.respType {
					t.Errorf("response to %q with type %q, want %q and %q", resp.ID, resp.ResponseType, id, tc.respType)
				}
				if resp.UnfurlLinks == nil || *resp.UnfurlLinks {
					t.Errorf("response_url message does not turn unfurls off: %s", resp.Raw)
				}
				var blocks []map[string]any
				if err := json.Unmarshal(resp.Blocks, &blocks); err != nil || len(blocks) == 0 {
					t.Errorf("response blocks %s: %v", resp.Blocks, err)
				}
			}
			if !strings.Contains(text, tc.contains) {
				t.Errorf("reply text lacks %q:\n%s", tc.contains, text)
			}
		})
	}
	// The bot records a command once its reply is delivered: after the fake saw it.
	// A topic of no story is answered (ok) too.
	waitFor(t, func() bool { return f.metrics.Count("command slack brief ok") == 2 })
	if n := f.metrics.Count("ack slack"); n != 5 {
		t.Errorf("%d acks counted, want 5", n)
	}
}

// checkPostForm checks the fields of a chat.postMessage call: fallback text, blocks,
// unfurls off, names not linked.
func checkPostForm(t *testing.T, p fakeslack.Post) {
	t.Helper()
	if p.Text == "" {
		t.Error("no fallback text")
	}
	var blocks []map[string]any
	if err := json.Unmarshal([]byte(p.Blocks), &blocks); err != nil || len(blocks) == 0 {
		t.Errorf("blocks %q: %v", p.Blocks, err)
	} else if blocks[0]["type"] != "header" {
		t.Errorf("first block is %v, want a header", blocks[0]["type"])
	}
	for key, want := range map[string]string{"unfurl_links": "false", "unfurl_media": "false", "link_names": "false"} {
		if got := p.Form.Get(key); got != want {
			t.Errorf("%s=%q, want %q", key, got, want)
		}
	}
}

// TestSocketModeWhoSaidShared checks that a shared /who-said answer goes to the channel.
func TestSocketModeWhoSaidShared(t *testing.T) {
	f := newFixture(t, fixtureOptions{quoter: sampleQuoter})
	f.runSocket(t)
	ctx := waitCtx(t)
	id, err := f.fake.SendCommand(fakeslack.Command{Command: "/who-said", Text: "--share ceasefire", ChannelID: "C7"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.fake.WaitAck(ctx, id); err != nil {
		t.Fatal(err)
	}
	p, err := f.fake.WaitPosts(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if p[0].Channel != "C7" || !strings.Contains(p[0].Blocks, "Who said") || strings.Contains(p[0].Blocks, "Only you can see this") {
		t.Errorf("shared answer posted in %q with blocks %s", p[0].Channel, p[0].Blocks)
	}
}

func TestSocketModeBadAppToken(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	f.a.cfg.AppToken = "xapp-wrong"
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err := f.a.RunSocketMode(ctx)
	if err == nil || !strings.Contains(err.Error(), "invalid_auth") || !errors.Is(err, ErrTokenRejected) {
		t.Errorf("RunSocketMode with a bad app token: %v, want invalid_auth, ErrTokenRejected", err)
	}
	if ok, state := f.a.Ready(); ok {
		t.Errorf("ready (%s) after a refused connection", state)
	}
}

// sampleQuoter answers every term with the sample answer.
var sampleQuoter = bot.QuoterFunc(func(_ context.Context, snap *bot.Snapshot, query bot.Query) (*bot.WhoSaid, error) {
	term := query.Term
	w := sampleWhoSaid()
	w.Term, w.Articles = term, len(snap.Corpus.Docs)
	return w, nil
})

// sampleWhoSaid is an answer with two speakers, one of them quoted saying things that
// try to ping the channel or hide a link.
func sampleWhoSaid() *bot.WhoSaid {
	return &bot.WhoSaid{Term: "ceasefire", Articles: 5, Speakers: []bot.Speaker{
		{Name: "Vladimir Putin", Quotes: []bot.Quotation{
			{Text: "We are ready to work with Ukraine on a memorandum about a possible future peace treaty",
				Sentence: "Putin said: “We are ready to work with Ukraine on a memorandum about a possible future peace treaty.”",
				Sources:  []bot.Citation{{Outlet: "Reuters", URL: "https://www.reuters.com/world/putin"}, {Outlet: "CNN"}}},
			{Text: "<!channel> a ceasefire now & @everyone <@U123> <https://evil.example|click>",
				Sources: []bot.Citation{{Outlet: "Myind <!here>", URL: "javascript:alert(1)"}}},
		}},
		{Name: "Donald *Trump*", Quotes: []bot.Quotation{
			{Text: "The conditions for that will be negotiated between the two parties", Sources: []bot.Citation{{Outlet: "The Guardian", URL: "https://www.theguardian.com/x?a=1&b=<2>|3"}}},
		}},
	}}
}
