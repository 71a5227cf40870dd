package discord

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/bottest"
	"github.com/briefbot/briefbot/bot/discord/fakediscord"
	"github.com/briefbot/briefbot/summarize"
)

// slotKey is a scheduled slot's ID, as the scheduler makes it.
const slotKey = "discord/" + fakediscord.ChannelID + "/2026-12-02T07:00:00Z"

// TestSlotLine checks the line that carries a key: the slot's time in UTC when the key
// ends with one, the key as it is; and the keys a message cannot carry.
func TestSlotLine(t *testing.T) {
	for _, tc := range []struct{ key, want string }{
		{slotKey, "briefbot · slot 2026-12-02 07:00 UTC · " + slotKey},
		{slotKey + "#2", "briefbot · slot 2026-12-02 07:00 UTC · " + slotKey + "#2"},
		{"discord/1/manual/2026-12-02T07:03:27Z", "briefbot · slot 2026-12-02 07:03:27 UTC · discord/1/manual/2026-12-02T07:03:27Z"},
		{"morning-2026", "briefbot · slot morning-2026"},
	} {
		t.Run(tc.key, func(t *testing.T) {
			if err := checkKey(tc.key); err != nil {
				t.Fatal(err)
			}
			if got := slotLine(tc.key); got != tc.want {
				t.Errorf("slotLine = %q, want %q", got, tc.want)
			}
		})
	}
	for _, key := range []string{strings.Repeat("a", maxKey+1), "a*b*", "a_b", "a\nb", "<@123>", "a b", "\xff", "é", "https://evil.example"} {
		if err := checkKey(key); err == nil {
			t.Errorf("checkKey(%q) = nil, want an error", key)
		}
	}
}

// postBriefing posts the bot's briefing with key.
func postBriefing(t *testing.T, f *adapterFixture, key string) bot.MessageRef {
	t.Helper()
	b, err := f.bot.Briefing(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	ref, err := f.a.Post(testContext(t), fakediscord.ChannelID, bot.Reply{Command: bot.CommandBrief, Visibility: bot.InChannel, Briefing: b}, key)
	if err != nil {
		t.Fatal(err)
	}
	return ref
}

// longBriefing makes the fixture's briefings run to several messages.
func longBriefing(o *bot.Options) {
	o.Source = bottest.Articles(hostileArticles(100)...)
	o.Summary = summarize.Options{Words: 100_000}
}

// TestPostCarriesTheKey posts a briefing with a key in both styles, in one message and
// in several: each message carries its key's slot line where Find reads it (the last
// line of the last embed's footer, or of the content as subtext), within Discord's
// limits (the fake refuses a message over them), with the briefing's footer kept.
func TestPostCarriesTheKey(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		style Style
		bot   func(*bot.Options)
	}{
		{"embeds", StyleEmbeds, nil},
		{"plain", StylePlain, nil},
		{"embeds, several messages", StyleEmbeds, longBriefing},
		{"plain, several messages", StylePlain, longBriefing},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newAdapterFixture(t, adapterOptions{bot: tc.bot, config: func(c *Config) { c.Style = tc.style }})
			postBriefing(t, f, slotKey)
			msgs := f.fake.Messages(fakediscord.ChannelID)
			if tc.bot != nil && len(msgs) < 2 {
				t.Fatalf("%d messages, want several", len(msgs))
			}
			for i, m := range msgs {
				key := slotKey
				if i > 0 {
					key += "#" + strconv.Itoa(i+1)
				}
				want := slotLine(key)
				var last string
				if tc.style == StylePlain {
					lines := strings.Split(m.Content, "\n")
					last = strings.TrimPrefix(lines[len(lines)-1], subtext)
				} else {
					footer := m.Embeds[len(m.Embeds)-1].Footer
					if footer == nil {
						t.Fatalf("message %d has no footer", i)
					}
					lines := strings.Split(footer.Text, "\n")
					last = lines[len(lines)-1]
				}
				if last != want {
					t.Errorf("message %d ends with %q, want %q", i, last, want)
				}
				if m.Nonce != nonceFor(key) {
					t.Errorf("message %d has the nonce %q, want that of %s", i, m.Nonce, key)
				}
			}
			if !strings.Contains(text(msgs[len(msgs)-1]), "articles from") {
				t.Errorf("the last message lacks the briefing's footer:\n%s", text(msgs[len(msgs)-1]))
			}
		})
	}
}

// TestPostRefusesAKeyItCannotCarry: a key with markdown or too long is refused before
// anything is sent.
func TestPostRefusesAKeyItCannotCarry(t *testing.T) {
	t.Parallel()
	f := newAdapterFixture(t, adapterOptions{})
	_, err := f.a.Post(testContext(t), fakediscord.ChannelID, bot.Reply{Command: bot.CommandHelp, Help: &bot.Help{Intro: "hi"}}, "**loud**")
	if err == nil || !strings.Contains(err.Error(), "not one a message can carry") {
		t.Errorf("Post = %v, want the key refused", err)
	}
	if n := len(f.fake.Requests(fakediscord.OpMessage)); n != 0 {
		t.Errorf("%d posts, want none", n)
	}
}

// TestFind looks for a keyed post in a channel's history: found, among others' messages
// and pages of them; not found, when only others carry the line, when the message is
// older than since, or when the channel is empty; ErrCannotSearch when the channel is
// forbidden, gone, its history unreadable (an empty list of a channel with messages),
// or longer than Find reads; another failure with its kind.
func TestFind(t *testing.T) {
	t.Parallel()
	line := slotLine(slotKey)
	botLine := func(f *adapterFixture, key string, at time.Time) fakediscord.Message {
		return f.fake.AddMessage(fakediscord.Message{AuthorID: fakediscord.BotUserID, Created: at,
			Embeds: []fakediscord.Embed{{Description: "a briefing", Footer: &fakediscord.EmbedFooter{Text: "3 articles\n" + slotLine(key)}}}})
	}
	others := func(f *adapterFixture, n int) {
		for range n {
			f.fake.AddMessage(fakediscord.Message{Content: "chatter"})
		}
	}
	now := time.Now()
	for _, tc := range []struct {
		name   string
		setup  func(f *adapterFixture) string // the ID Find must return, or ""
		since  time.Time
		err    string // in the error; "" for none
		kind   error
		found  bool
		reads  int // GET channels/{id}/messages
		wantCh int // GET channels/{id}
	}{
		{name: "posted", setup: func(f *adapterFixture) string {
			return postBriefing(t, f, slotKey).ID
		}, found: true, reads: 1},
		{name: "plain style", setup: func(f *adapterFixture) string {
			return f.fake.AddMessage(fakediscord.Message{AuthorID: fakediscord.BotUserID, Content: "**Briefing**\n*3 articles*\n" + subtext + line}).ID
		}, found: true, reads: 1},
		{name: "three pages back", setup: func(f *adapterFixture) string {
			id := botLine(f, slotKey, now).ID
			others(f, 250)
			return id
		}, found: true, reads: 3},
		{name: "only others carry it", setup: func(f *adapterFixture) string {
			f.fake.AddMessage(fakediscord.Message{Content: subtext + line})
			f.fake.AddMessage(fakediscord.Message{Embeds: []fakediscord.Embed{{Footer: &fakediscord.EmbedFooter{Text: line}}}, AuthorBot: true, AuthorID: "1400000000000000009"})
			botLine(f, slotKey+"#2", now)
			f.fake.AddMessage(fakediscord.Message{AuthorID: fakediscord.BotUserID, Content: "quoting " + line})
			return ""
		}, reads: 1},
		{name: "older than since", setup: func(f *adapterFixture) string {
			botLine(f, slotKey, now.Add(-time.Hour))
			for range 150 {
				f.fake.AddMessage(fakediscord.Message{Content: "later", Created: now.Add(-30 * time.Minute)})
			}
			return ""
		}, since: now.Add(-40 * time.Minute), reads: 2},
		{name: "an empty channel", setup: func(*adapterFixture) string { return "" }, reads: 1, wantCh: 1},
		{name: "forbidden", setup: func(f *adapterFixture) string {
			f.fake.Forbid(fakediscord.ChannelID, true)
			return ""
		}, err: "the bot needs the View Channel and Read Message History permissions in the channel", kind: ErrCannotSearch, reads: 1},
		{name: "no such channel", setup: func(f *adapterFixture) string {
			f.fake.Fault(fakediscord.OpHistory, fakediscord.Fault{Status: 404})
			return ""
		}, err: "Discord knows no such channel", kind: ErrCannotSearch, reads: 1},
		{name: "no Read Message History", setup: func(f *adapterFixture) string {
			botLine(f, slotKey, now)
			f.fake.DenyHistory(fakediscord.ChannelID, true)
			return ""
		}, err: "the bot needs the Read Message History permission in the channel", kind: ErrCannotSearch, reads: 1, wantCh: 1},
		{name: "more than Find reads", setup: func(f *adapterFixture) string {
			botLine(f, slotKey, now)
			others(f, historyPages*historyPageSize)
			return ""
		}, err: "more than 1000 messages since", kind: ErrCannotSearch, reads: historyPages},
		{name: "discord fails", setup: func(f *adapterFixture) string {
			f.fake.Fault(fakediscord.OpHistory, fakediscord.Fault{Status: 502})
			return ""
		}, err: "502", kind: ErrUnreachable, reads: 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newAdapterFixture(t, adapterOptions{})
			want := tc.setup(f)
			since := tc.since
			if since.IsZero() {
				since = now.Add(-time.Hour)
			}
			ref, found, err := f.a.Find(testContext(t), fakediscord.ChannelID, slotKey, since)
			switch {
			case tc.err == "" && err != nil:
				t.Fatalf("Find: %v", err)
			case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err) || !errors.Is(err, tc.kind)):
				t.Fatalf("Find: %v, want an error with %q and %v", err, tc.err, tc.kind)
			case tc.kind != ErrCannotSearch && errors.Is(err, ErrCannotSearch):
				t.Errorf("Find: %v, want no ErrCannotSearch", err)
			}
			if found != tc.found || ref.ID != want || (found && (ref.Platform != Platform || ref.ChannelID != fakediscord.ChannelID)) {
				t.Errorf("Find = %+v, %v; want %q, %v", ref, found, want, tc.found)
			}
			reads := f.fake.Requests(fakediscord.OpHistory)
			if len(reads) != tc.reads || len(f.fake.Requests(fakediscord.OpChannel)) != tc.wantCh {
				t.Errorf("%d reads of the history and %d of the channel, want %d and %d", len(reads), len(f.fake.Requests(fakediscord.OpChannel)), tc.reads, tc.wantCh)
			}
			for i, r := range reads {
				if r.Query.Get("limit") != "100" || (i == 0) != (r.Query.Get("before") == "") {
					t.Errorf("read %d: %v", i, r.Query)
				}
			}
			if n := len(f.fake.Requests(fakediscord.OpMe)); n != 1 {
				t.Errorf("%d calls of users/@me, want 1 (the bot's ID, unknown before)", n)
			}
		})
	}
}

// TestPostRateLimited: a post refused as rate limited beyond the retries is
// ErrRateLimited, with Discord's wait, only when it surely made nothing: not after a
// 5xx that may have posted it, nor after the first of several messages.
func TestPostRateLimited(t *testing.T) {
	t.Parallel()
	limited := fakediscord.Fault{Status: 429, RetryAfter: 7 * time.Second}
	for _, tc := range []struct {
		name    string
		bot     func(*bot.Options)
		faults  []fakediscord.Fault
		limited bool
	}{
		{"at once", nil, []fakediscord.Fault{limited}, true},
		{"after a 500", nil, []fakediscord.Fault{{Status: 500}, limited}, false},
		{"after a message", longBriefing, []fakediscord.Fault{{}, limited}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newAdapterFixture(t, adapterOptions{bot: tc.bot, config: func(c *Config) { c.MaxRetries = -1 }})
			for _, fl := range tc.faults {
				f.fake.Fault(fakediscord.OpMessage, fl)
			}
			b, err := f.bot.Briefing(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			_, err = f.a.Post(testContext(t), fakediscord.ChannelID, bot.Reply{Command: bot.CommandBrief, Visibility: bot.InChannel, Briefing: b}, slotKey)
			var ra interface{ RetryAfter() time.Duration }
			if err == nil || !errors.Is(err, ErrUnreachable) || !errors.As(err, &ra) || ra.RetryAfter() != 7*time.Second {
				t.Fatalf("Post: %v, want ErrUnreachable with a wait of 7s", err)
			}
			if errors.Is(err, ErrRateLimited) != tc.limited {
				t.Errorf("Post: %v; ErrRateLimited %v, want %v", err, errors.Is(err, ErrRateLimited), tc.limited)
			}
		})
	}
}

// BenchmarkHoldsLine looks for a slot line in the largest message Discord holds, made
// of the lines hardest to tell from it: every one the line but its last character.
func BenchmarkHoldsLine(b *testing.B) {
	line := slotLine(longestKey)
	near := strings.TrimSuffix(line, "Z")
	fill := func(limit int) string {
		return strings.Repeat(near+"\n", limit/(len([]rune(near))+1))
	}
	m := &discordgo.Message{Content: fill(MaxContent)}
	for range MaxEmbeds {
		m.Embeds = append(m.Embeds, &discordgo.MessageEmbed{Footer: &discordgo.MessageEmbedFooter{Text: fill(MaxEmbedsTotal / MaxEmbeds)}})
	}
	b.ReportAllocs()
	for b.Loop() {
		if holdsLine(m, line) {
			b.Fatal("found a line that is not there")
		}
	}
}
