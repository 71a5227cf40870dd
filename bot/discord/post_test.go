package discord

import (
	"context"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/bottest"
	"github.com/briefbot/briefbot/bot/discord/fakediscord"
	"github.com/briefbot/briefbot/summarize"
)

// TestPostIsIdempotentByKey posts a briefing unprompted: the message ID comes back, each
// message carries its key's nonce with enforce_nonce, and a retry with the same key
// after a 500 that did post (or after a restart) posts nothing twice.
func TestPostIsIdempotentByKey(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		bot   func(*bot.Options)
		parts int
	}{
		{"one message", nil, 1},
		{"several", func(o *bot.Options) {
			o.Source = bottest.Articles(hostileArticles(100)...)
			o.Summary = summarize.Options{Words: 100_000}
		}, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newAdapterFixture(t, adapterOptions{bot: tc.bot})
			if err := f.a.Check(testContext(t)); err != nil {
				t.Fatal(err)
			}
			b, err := f.bot.Briefing(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			reply := bot.Reply{Command: bot.CommandBrief, Visibility: bot.InChannel, Briefing: b}
			const key = "discord:1300000000000000001:2026-12-02:morning"
			f.fake.Fault(fakediscord.OpMessage, fakediscord.Fault{Status: 500, Applied: true})
			ref, err := f.a.Post(testContext(t), fakediscord.ChannelID, reply, key)
			if err != nil {
				t.Fatal(err)
			}
			msgs := f.fake.Messages(fakediscord.ChannelID)
			if len(msgs) < tc.parts || ref.ID != msgs[0].ID || ref.Platform != Platform || ref.ChannelID != fakediscord.ChannelID {
				t.Fatalf("ref %+v; the channel holds %d messages", ref, len(msgs))
			}
			again, err := f.a.Post(testContext(t), fakediscord.ChannelID, reply, key)
			if err != nil {
				t.Fatal(err)
			}
			if again.ID != ref.ID || len(f.fake.Messages(fakediscord.ChannelID)) != len(msgs) {
				t.Errorf("the same key posted again: %s, %d messages (was %d)", again.ID, len(f.fake.Messages(fakediscord.ChannelID)), len(msgs))
			}
			nonces := map[string]bool{}
			for _, r := range f.fake.Requests(fakediscord.OpMessage) {
				if !mentionsOff(r) || !r.Message.EnforceNonce || r.Message.Nonce == "" {
					t.Errorf("a post went without mentions off or a nonce: %+v", r.Message)
				}
				nonces[string(r.Message.Nonce)] = true
			}
			if len(nonces) != len(msgs) {
				t.Errorf("%d nonces for %d messages", len(nonces), len(msgs))
			}
			if !strings.Contains(text(msgs[len(msgs)-1]), "articles from") {
				t.Errorf("the last message lacks the footer")
			}
		})
	}
}
