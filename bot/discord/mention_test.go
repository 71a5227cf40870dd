package discord

import (
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/discord/fakediscord"
)

const botMention = "<@" + fakediscord.BotUserID + ">"

// TestMentionsAreAnsweredWithAReply mentions the bot in a channel and in a DM: each
// gets the command's answer as a reply to the message, with mentions off.
func TestMentionsAreAnsweredWithAReply(t *testing.T) {
	t.Parallel()
	f := newAdapterFixture(t, adapterOptions{})
	f.run(t)
	const other = "1300000000000000009"
	for i, tc := range []struct {
		name    string
		ev      fakediscord.MessageEvent
		want    []string
		wantNot string
	}{
		{"who said", fakediscord.MessageEvent{Content: botMention + " who said ceasefire"}, []string{"Who said “ceasefire”", "Donald Trump", mentionHint}, "Only you"},
		{"who-said", fakediscord.MessageEvent{Content: botMention + " who-said ceasefire"}, []string{"Donald Trump", mentionHint}, ""},
		{"who said, shared", fakediscord.MessageEvent{Content: botMention + " who said --share ceasefire"}, []string{"Donald Trump"}, mentionHint},
		{"the nickname form", fakediscord.MessageEvent{Content: "<@!" + fakediscord.BotUserID + "> brief"}, []string{"Putin"}, ""},
		{"brief", fakediscord.MessageEvent{Content: botMention + "  /brief ", ChannelID: other}, []string{"Putin"}, ""},
		{"help", fakediscord.MessageEvent{Content: botMention + " help"}, []string{"/who-said TERM"}, ""},
		{"nothing asked", fakediscord.MessageEvent{Content: botMention}, []string{"Try /brief"}, ""},
		{"a DM without a mention", fakediscord.MessageEvent{Content: "who said ceasefire", DM: true}, []string{"Donald Trump"}, mentionHint},
		{"a DM with one", fakediscord.MessageEvent{Content: botMention + " help", DM: true}, []string{"/who-said TERM"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			channel := tc.ev.ChannelID
			if channel == "" {
				channel = fakediscord.ChannelID
				if tc.ev.DM {
					channel = fakediscord.DMChannelID
				}
			}
			before := len(botMessages(f.fake.Messages(channel)))
			sent, err := f.fake.SendMessage(tc.ev)
			if err != nil {
				t.Fatal(err)
			}
			msgs, err := f.fake.WaitMessages(testContext(t), channel, before+1)
			if err != nil {
				t.Fatalf("no reply: %v\n%s", err, f.logs)
			}
			reply := msgs[before]
			if reply.Reference == nil || reply.Reference.MessageID != sent.ID || reply.Type != 19 {
				t.Errorf("reply %d: reference %+v, type %d; want a reply to %s", i, reply.Reference, reply.Type, sent.ID)
			}
			for _, w := range tc.want {
				if !strings.Contains(text(reply), w) {
					t.Errorf("the reply lacks %q:\n%s", w, text(reply))
				}
			}
			if tc.wantNot != "" && strings.Contains(text(reply), tc.wantNot) {
				t.Errorf("the reply holds %q:\n%s", tc.wantNot, text(reply))
			}
		})
	}
	for _, r := range f.fake.Requests(fakediscord.OpMessage) {
		if !mentionsOff(r) {
			t.Errorf("a reply went with allowed_mentions %+v", r.Message.AllowedMentions)
		}
		if len(r.Message.Nonce) == 0 || !r.Message.EnforceNonce {
			t.Errorf("a reply went without a nonce")
		}
	}
}

// botMessages returns the bot's messages among msgs.
func botMessages(msgs []fakediscord.Message) []fakediscord.Message {
	var out []fakediscord.Message
	for _, m := range msgs {
		if m.AuthorID == fakediscord.BotUserID {
			out = append(out, m)
		}
	}
	return out
}

// TestMessagesTheBotDoesNotAnswer: its own, other bots', and guild messages that do not
// mention it in their text. The bot's replies are echoed to it (as Discord does), and
// hold the mention of nobody, so no loop can start.
func TestMessagesTheBotDoesNotAnswer(t *testing.T) {
	t.Parallel()
	f := newAdapterFixture(t, adapterOptions{})
	f.run(t)
	sent := map[string]bool{}
	for _, ev := range []fakediscord.MessageEvent{
		{Content: botMention + " help", AuthorBot: true, AuthorID: "1400000000000000077"},
		{Content: botMention + " help", AuthorID: fakediscord.BotUserID},
		{Content: "briefbot help"},
		{Content: "<@1400000000000000002> help"},
	} {
		m, err := f.fake.SendMessage(ev)
		if err != nil {
			t.Fatal(err)
		}
		sent[m.ID] = true
	}
	// A message that is answered, after the others: once its reply is there, the others
	// were read and passed over.
	if _, err := f.fake.SendMessage(fakediscord.MessageEvent{Content: botMention + " help"}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.fake.WaitMessages(testContext(t), fakediscord.ChannelID, 2); err != nil {
		t.Fatal(err)
	}
	time.Sleep(200 * time.Millisecond) // and the echo of the reply was read too
	var posted []fakediscord.Message
	for _, m := range botMessages(f.fake.Messages(fakediscord.ChannelID)) {
		if !sent[m.ID] {
			posted = append(posted, m)
		}
	}
	if len(posted) != 1 {
		t.Errorf("the bot posted %d messages, want 1: %+v", len(posted), posted)
	}
}

func TestParseMention(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		text  string
		name  string
		term  string
		share bool
		err   bool
	}{
		{"who said ceasefire", bot.CommandWhoSaid, "ceasefire", false, false},
		{"Who Said: ceasefire deal", bot.CommandWhoSaid, "ceasefire deal", false, false},
		{"who said --share ceasefire", bot.CommandWhoSaid, "ceasefire", true, false},
		{"who-said ceasefire", bot.CommandWhoSaid, "ceasefire", false, false},
		{"/who-said “ceasefire”", bot.CommandWhoSaid, "ceasefire", false, false},
		{"who said", bot.CommandWhoSaid, "", false, true},
		{"brief", bot.CommandBrief, "", false, false},
		{"/brief now", bot.CommandBrief, "", false, false},
		{"/brief ***", bot.CommandBrief, "", false, true},
		{"help", bot.CommandHelp, "", false, false},
		{"", bot.CommandUnknown, "", false, true},
		{"who is it", bot.CommandUnknown, "", false, true},
	} {
		t.Run(tc.text, func(t *testing.T) {
			c := parseMention(tc.text)
			if c.Name != tc.name || c.Term != tc.term || c.Share != tc.share || (c.Err != nil) != tc.err {
				t.Errorf("parseMention(%q) = %+v", tc.text, c)
			}
		})
	}
}

func TestMentionText(t *testing.T) {
	t.Parallel()
	const id = "42"
	for _, tc := range []struct {
		content string
		dm      bool
		want    string
		ok      bool
	}{
		{"<@42> brief", false, "brief", true},
		{"<@!42>  who said  x <@42>", false, "who said  x", true},
		{"brief", false, "", false},
		{"<@421> brief", false, "", false},
		{"brief", true, "brief", true},
		{"<@42>", false, "", true},
	} {
		got, ok := mentionText(tc.content, id, tc.dm)
		if got != tc.want || ok != tc.ok {
			t.Errorf("mentionText(%q, dm %v) = %q, %v; want %q, %v", tc.content, tc.dm, got, ok, tc.want, tc.ok)
		}
	}
	if _, ok := mentionText("<@> brief", "", false); ok {
		t.Errorf("a bot with no ID yet answered")
	}
}
