package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/bottest"
	"github.com/briefbot/briefbot/bot/discord"
	"github.com/briefbot/briefbot/bot/discord/fakediscord"
	"github.com/briefbot/briefbot/bot/schedule"
	"github.com/briefbot/briefbot/bot/store"
)

// discordNewYork is a Discord channel of the fake's guild with New York's schedule and
// keywords (as newYorkChannel on Slack).
const discordNewYork = "  - platform: discord\n    id: \"" + fakediscord.ChannelID + "\"\n    schedule: \"0 7 * * *\"\n    time_zone: America/New_York\n    include: [budget]\n    exclude: [football]\n"

// discordSlotID is the ID of the slot of discordNewYork on 10 March 2026.
const discordSlotID = "discord/" + fakediscord.ChannelID + "/2026-03-10T11:00:00Z"

// discordSlotLine is the slot line a briefing of that slot carries (bot/discord's
// slotLine, written out here as the README shows it).
const discordSlotLine = "briefbot · slot 2026-03-10 11:00 UTC · " + discordSlotID

// newDiscordSchedFixture is newSchedFixture with a discord section for a fake Discord
// whose clock is the fixture's, and the given schedule section (or none).
func newDiscordSchedFixture(t *testing.T, now, channels, schedule string) (*schedFixture, *fakediscord.Server) {
	t.Helper()
	fake := fakediscord.New()
	t.Cleanup(fake.Close)
	f := newSchedFixture(t, now, channels, discordYAML(fake, "")+schedule)
	fake.SetClock(f.clock.Now)
	return f, fake
}

// discordScheduler returns the scheduler serve would run on the fixture's config, with
// a Discord adapter on the fake (no gateway: posts and history are REST calls).
func (f *schedFixture) discordScheduler(owner string, fake *fakediscord.Server) (*schedule.Scheduler, *store.DB, *discord.Adapter) {
	f.t.Helper()
	a, err := discord.New(bottest.MustNewBot(f.t), discord.Config{
		Token: fakediscord.Token, APIURL: fake.APIURL, HTTPClient: fake.Client(), MaxRetries: -1, Logger: f.logs.Logger(),
	})
	if err != nil {
		f.t.Fatal(err)
	}
	s, db := f.schedulerWith(owner, map[string]schedule.Poster{discord.Platform: scheduledPoster(a)})
	return s, db, a
}

// botMessages returns the messages of the bot in the fake's channel.
func botMessages(fake *fakediscord.Server) []fakediscord.Message {
	var out []fakediscord.Message
	for _, m := range fake.Messages(fakediscord.ChannelID) {
		if m.AuthorID == fakediscord.BotUserID {
			out = append(out, m)
		}
	}
	return out
}

// footerLines returns the lines of the footer of a message's last embed.
func footerLines(t *testing.T, m fakediscord.Message) []string {
	t.Helper()
	if len(m.Embeds) == 0 || m.Embeds[len(m.Embeds)-1].Footer == nil {
		t.Fatalf("the message has no footer: %+v", m)
	}
	return strings.Split(m.Embeds[len(m.Embeds)-1].Footer.Text, "\n")
}

// TestScheduledDiscordBriefing runs a due slot end to end on the fake Discord: the
// scheduler built from the config posts the briefing of the window's articles that
// pass the keywords, as embeds (golden), with the slot's key on the slot line under the
// footer, its dates in the channel's zone, a nonce with enforce_nonce and mentions off;
// records it with the message's ID; and covers only the news since then at the next
// slot, whose nonce and line are its own.
func TestScheduledDiscordBriefing(t *testing.T) {
	f, fake := newDiscordSchedFixture(t, "2026-03-10T11:00:20Z", discordNewYork, "") // 07:00:20 in New York (EDT)
	budgetNews(f)
	s, db, _ := f.discordScheduler("one", fake)
	pass(s)
	msgs := botMessages(fake)
	if len(msgs) != 1 {
		t.Fatalf("%d messages, want 1\n%s", len(msgs), f.logs)
	}
	m := msgs[0]
	lines := footerLines(t, m)
	if got := lines[len(lines)-1]; got != discordSlotLine {
		t.Errorf("the footer ends with %q, want %q", got, discordSlotLine)
	}
	if !strings.Contains(lines[0], "2 articles from Daily Star, Evening Post · 9 March 2026") {
		t.Errorf("the footer %q lacks the articles and the date in New York", lines[0])
	}
	all := m.Content + fmt.Sprint(m.Embeds)
	for _, unwanted := range []string{"10 March", "Sports Daily", "last year"} {
		if strings.Contains(all, unwanted) {
			t.Errorf("the message holds %q: %s", unwanted, all)
		}
	}
	embeds, err := json.MarshalIndent(m.Embeds, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	bottest.Golden(t, "schedule-discord.golden", fmt.Appendf(nil, "content: %s\nflags: %d\nembeds: %s\n", m.Content, m.Flags, embeds))
	reqs := fake.Requests(fakediscord.OpMessage)
	first := reqs[0].Message
	if len(reqs) != 1 || first.Nonce == "" || len(first.Nonce) > fakediscord.MaxNonce || !first.EnforceNonce ||
		first.AllowedMentions == nil || first.AllowedMentions.Parse == nil || len(first.AllowedMentions.Parse) != 0 {
		t.Errorf("%d posts; the first with nonce %q, enforce_nonce %v, allowed_mentions %+v", len(reqs), first.Nonce, first.EnforceNonce, first.AllowedMentions)
	}
	if r := lastOf(t, db, discord.Platform, fakediscord.ChannelID); r.State != schedule.Posted || r.MessageID != m.ID || r.Slot.ID() != discordSlotID {
		t.Errorf("record %+v, want %s posted with the message's ID %s", r, discordSlotID, m.ID)
	}

	pass(s) // the same slot again: nothing
	f.clock.Set(mustTime(t, "2026-03-11T11:00:05Z"))
	f.article("c.txt", "The budget is signed", "Evening Post", "2026-03-10T15:00:00Z",
		"The mayor signed the budget on Tuesday morning. The schools will get new buses in the autumn.\n")
	pass(s)
	msgs = botMessages(fake)
	if len(msgs) != 2 {
		t.Fatalf("%d messages after the second slot, want 2\n%s", len(msgs), f.logs)
	}
	lines = footerLines(t, msgs[1])
	if lines[len(lines)-1] != "briefbot · slot 2026-03-11 11:00 UTC · discord/"+fakediscord.ChannelID+"/2026-03-11T11:00:00Z" ||
		!strings.Contains(lines[0], "1 article from Evening Post · 10 March 2026") {
		t.Errorf("second message's footer: %q", lines)
	}
	if reqs = fake.Requests(fakediscord.OpMessage); len(reqs) != 2 || reqs[1].Message.Nonce == first.Nonce {
		t.Errorf("%d posts; the second slot's nonce %q, the first's %q", len(reqs), reqs[len(reqs)-1].Message.Nonce, first.Nonce)
	}
}

// TestDiscordScheduleRecovery: a slot claimed by a process that died before it recorded
// the outcome is resolved through the channel's messages: found (the bot's message
// with the slot line), it is recorded as posted with the message's ID and not posted
// again; absent, it is posted once; when the channel cannot be read (no View Channel,
// no Read Message History, no such channel), it is skipped with the reason naming what
// the bot needs, and nothing is posted.
func TestDiscordScheduleRecovery(t *testing.T) {
	for _, tc := range []struct {
		name   string
		posted bool // the dead process's message is in the channel
		setup  func(fake *fakediscord.Server)
		state  schedule.State
		posts  int
		reason string
	}{
		{name: "found", posted: true, state: schedule.Posted, reason: "found in the channel"},
		{name: "not there", state: schedule.Posted, posts: 1},
		{name: "another's copy of the line is not it", setup: func(fake *fakediscord.Server) {
			fake.AddMessage(fakediscord.Message{Content: "-# " + discordSlotLine})
		}, state: schedule.Posted, posts: 1},
		{name: "no View Channel", posted: true, setup: func(fake *fakediscord.Server) { fake.Forbid(fakediscord.ChannelID, true) },
			state: schedule.Skipped, reason: "the bot needs the View Channel and Read Message History permissions in the channel"},
		{name: "no Read Message History", posted: true, setup: func(fake *fakediscord.Server) { fake.DenyHistory(fakediscord.ChannelID, true) },
			state: schedule.Skipped, reason: "the bot needs the Read Message History permission in the channel"},
		{name: "no such channel", setup: func(fake *fakediscord.Server) { fake.Fault(fakediscord.OpHistory, fakediscord.Fault{Status: 404}) },
			state: schedule.Skipped, reason: "Discord knows no such channel"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, fake := newDiscordSchedFixture(t, "2026-03-10T11:00:01Z", discordNewYork, "")
			budgetNews(f)
			slot := schedule.Slot{Platform: discord.Platform, Channel: fakediscord.ChannelID, Time: mustTime(t, "2026-03-10T11:00:00Z"), Kind: schedule.Scheduled}
			s, db, _ := f.discordScheduler("two", fake)
			if err := db.Claim(context.Background(), schedule.Claim{Slot: slot, Owner: "dead", At: f.clock.Now()}); err != nil {
				t.Fatal(err)
			}
			var earlier fakediscord.Message
			if tc.posted {
				earlier = fake.AddMessage(fakediscord.Message{AuthorID: fakediscord.BotUserID, Content: "**The briefing**",
					Embeds: []fakediscord.Embed{{Description: "• a point", Footer: &fakediscord.EmbedFooter{Text: "2 articles from Daily Star\n" + discordSlotLine}}}})
			}
			fake.AddMessage(fakediscord.Message{Content: "good morning"})
			if tc.setup != nil {
				tc.setup(fake)
			}
			f.clock.Add(schedule.DefaultAttemptTimeout + time.Second) // the dead process's attempt is over
			pass(s)
			r := lastOf(t, db, discord.Platform, fakediscord.ChannelID)
			if r.State != tc.state || !strings.Contains(r.Reason, tc.reason) {
				t.Errorf("record %+v, want %s with %q\n%s", r, tc.state, tc.reason, f.logs)
			}
			if tc.posted && tc.state == schedule.Posted && r.MessageID != earlier.ID {
				t.Errorf("message %s, want the one in the channel, %s", r.MessageID, earlier.ID)
			}
			if n := len(fake.Requests(fakediscord.OpMessage)); n != tc.posts {
				t.Errorf("%d posts, want %d", n, tc.posts)
			}
			if tc.state == schedule.Skipped && !strings.Contains(f.logs.String(), "slot skipped") {
				t.Errorf("the skip is not logged:\n%s", f.logs)
			}
			pass(s)
			if n := len(fake.Requests(fakediscord.OpMessage)); n != tc.posts {
				t.Errorf("%d posts after another pass, want %d", n, tc.posts)
			}
		})
	}
}

// TestDiscordScheduleRetries: a post Discord rate-limits made no message, so it is
// retried at the next attempt without a search; a post answered with 500s until the
// attempt's time ran out may exist (the fake made it), so the next attempt reads the
// channel, finds it, and posts nothing more.
func TestDiscordScheduleRetries(t *testing.T) {
	t.Run("429", func(t *testing.T) {
		f, fake := newDiscordSchedFixture(t, "2026-03-10T11:00:01Z", discordNewYork, "")
		budgetNews(f)
		fake.Fault(fakediscord.OpMessage, fakediscord.Fault{Status: 429, RetryAfter: 50 * time.Millisecond})
		s, db, _ := f.discordScheduler("one", fake)
		pass(s)
		r := lastOf(t, db, discord.Platform, fakediscord.ChannelID)
		if r.State != schedule.Claimed || r.MaybePosted || !r.RetryAt.Equal(f.clock.Now().Add(30*time.Second)) {
			t.Fatalf("after the 429: %+v, want claimed, surely not posted, retry in 30s", r)
		}
		f.clock.Add(31 * time.Second)
		pass(s)
		if r := lastOf(t, db, discord.Platform, fakediscord.ChannelID); r.State != schedule.Posted || len(botMessages(fake)) != 1 {
			t.Errorf("after the retry: %+v, %d messages", r, len(botMessages(fake)))
		}
		if n := len(fake.Requests(fakediscord.OpHistory)); n != 0 {
			t.Errorf("%d reads of the channel after a 429, want none", n)
		}
	})
	t.Run("500", func(t *testing.T) {
		f, fake := newDiscordSchedFixture(t, "2026-03-10T11:00:01Z", discordNewYork, "schedule:\n  attempt_timeout: 1s\n")
		budgetNews(f)
		fake.Fault(fakediscord.OpMessage, fakediscord.Fault{Status: 500, Applied: true})
		fake.Fault(fakediscord.OpMessage, fakediscord.Fault{Status: 500, Times: -1})
		s, db, _ := f.discordScheduler("one", fake)
		pass(s)
		if r := lastOf(t, db, discord.Platform, fakediscord.ChannelID); r.State != schedule.Claimed || !r.MaybePosted {
			t.Fatalf("after the 500s: %+v, want claimed and maybe posted", r)
		}
		fake.ClearFaults()
		f.clock.Add(time.Minute)
		pass(s)
		r := lastOf(t, db, discord.Platform, fakediscord.ChannelID)
		msgs := botMessages(fake)
		if r.State != schedule.Posted || len(msgs) != 1 || r.MessageID != msgs[0].ID || !strings.Contains(r.Reason, "found in the channel") {
			t.Errorf("after the search: %+v, %d messages", r, len(msgs))
		}
		if n := len(fake.Requests(fakediscord.OpHistory)); n != 1 {
			t.Errorf("%d reads of the channel, want 1", n)
		}
	})
}

// TestDiscordKinds maps Discord's errors to the scheduler's: a 429 that made nothing is
// temporary, surely not posted, with Discord's wait; a 5xx is temporary and may have
// posted; a refused post (403) or token (401) is final; a channel Find may not read is
// ErrCannotAsk, and a failed read temporary.
func TestDiscordKinds(t *testing.T) {
	reply := bot.Reply{Command: bot.CommandHelp, Help: &bot.Help{Intro: "hello"}}
	for _, tc := range []struct {
		name                 string
		find                 bool
		fault                *fakediscord.Fault
		forbid               bool
		temporary, notPosted bool
		cannotAsk            bool
		wait                 time.Duration
	}{
		{name: "429", fault: &fakediscord.Fault{Status: 429, RetryAfter: 7 * time.Second}, temporary: true, notPosted: true, wait: 7 * time.Second},
		{name: "500", fault: &fakediscord.Fault{Status: 500, Times: -1}, temporary: true},
		{name: "403", forbid: true},
		{name: "401", fault: &fakediscord.Fault{Status: 401}},
		{name: "find: 403", find: true, forbid: true, cannotAsk: true},
		{name: "find: 502", find: true, fault: &fakediscord.Fault{Status: 502}, temporary: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fake := fakediscord.New()
			t.Cleanup(fake.Close)
			a, err := discord.New(bottest.MustNewBot(t), discord.Config{Token: fakediscord.Token, APIURL: fake.APIURL, HTTPClient: fake.Client(), MaxRetries: -1})
			if err != nil {
				t.Fatal(err)
			}
			p := scheduledPoster(a)
			if tc.find {
				if err := a.Check(context.Background()); err != nil {
					t.Fatal(err)
				}
			}
			if tc.fault != nil {
				op := fakediscord.OpMessage
				if tc.find {
					op = fakediscord.OpHistory
				}
				fake.Fault(op, *tc.fault)
			}
			fake.Forbid(fakediscord.ChannelID, tc.forbid)
			ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
			defer cancel()
			if tc.find {
				_, _, err = p.(schedule.Finder).Find(ctx, fakediscord.ChannelID, discordSlotID, time.Now().Add(-time.Hour))
			} else {
				_, err = p.Post(ctx, fakediscord.ChannelID, schedule.Message{Body: reply}, discordSlotID)
			}
			var ra interface{ RetryAfter() time.Duration }
			var wait time.Duration
			if errors.As(err, &ra) {
				wait = ra.RetryAfter()
			}
			if err == nil || errors.Is(err, schedule.ErrTemporary) != tc.temporary || errors.Is(err, schedule.ErrNotPosted) != tc.notPosted ||
				errors.Is(err, schedule.ErrCannotAsk) != tc.cannotAsk || wait != tc.wait {
				t.Errorf("%v: temporary %v, not posted %v, cannot ask %v, wait %s; want %v, %v, %v, %s", err,
					errors.Is(err, schedule.ErrTemporary), errors.Is(err, schedule.ErrNotPosted), errors.Is(err, schedule.ErrCannotAsk), wait,
					tc.temporary, tc.notPosted, tc.cannotAsk, tc.wait)
			}
		})
	}
}

// TestServeScheduleDiscordAndSlack runs serve with a Slack and a Discord channel on the
// same schedule: one scheduler posts the due slot in both, each through its platform's
// poster, and counts both.
func TestServeScheduleDiscordAndSlack(t *testing.T) {
	f, fake := newDiscordSchedFixture(t, "2026-03-10T11:00:20Z", newYorkChannel+discordNewYork, "")
	budgetNews(f)
	s := serveScheduled(t, f, make(chan time.Time))
	msgs, err := fake.WaitMessages(wait(t), fakediscord.ChannelID, 1)
	if err != nil {
		t.Fatalf("%v\n%s", err, s.logs)
	}
	if lines := footerLines(t, msgs[0]); lines[len(lines)-1] != discordSlotLine {
		t.Errorf("the Discord briefing's footer: %q", lines)
	}
	posts, err := f.fake.WaitPosts(wait(t), 1)
	if err != nil {
		t.Fatalf("%v\n%s", err, s.logs)
	}
	if key := metadataKey(t, posts[0]); key != "slack/C0NEWYORK/2026-03-10T11:00:00Z" {
		t.Errorf("the Slack briefing's key: %q", key)
	}
	s.waitMetric(t, `briefbot_slots_total{platform="discord",state="posted"} 1`)
	s.waitMetric(t, `briefbot_slots_total{platform="slack",state="posted"} 1`)
	if body := s.waitReadyz(t, "schedule: ready (leader ("); !strings.Contains(body, "posting in 2 channels") {
		t.Errorf("/readyz: %s", body)
	}
}

// TestPostCommandDiscord: briefbot post posts a Discord channel's briefing now, as a
// manual slot whose line shows its time to the second, with DISCORD_BOT_TOKEN alone
// (no gateway); without the token it says which variable is missing.
func TestPostCommandDiscord(t *testing.T) {
	f, fake := newDiscordSchedFixture(t, "2026-03-10T11:00:20Z", discordNewYork, "")
	undatedNews(f)
	t.Setenv(envDiscordBotToken, "")
	if r := runMain(t, "post", "--config", f.file, fakediscord.ChannelID); r.code != exitError || !strings.Contains(r.stderr, "DISCORD_BOT_TOKEN is not set; posting in Discord needs the bot token") {
		t.Errorf("without the token: exit %d, stderr %q", r.code, r.stderr)
	}
	t.Setenv(envDiscordBotToken, fakediscord.Token)
	r := runMain(t, "post", "--config", f.file, "discord/"+fakediscord.ChannelID)
	msgs := botMessages(fake)
	if r.code != exitOK || len(msgs) != 1 || !strings.HasPrefix(r.stdout, "Posted discord/"+fakediscord.ChannelID+"/manual/") || !strings.Contains(r.stdout, "message "+msgs[0].ID) {
		t.Fatalf("post: exit %d, %d messages\n%s%s", r.code, len(msgs), r.stdout, r.stderr)
	}
	key := strings.Fields(strings.TrimPrefix(r.stdout, "Posted "))[0]
	lines := footerLines(t, msgs[0])
	if line := lines[len(lines)-1]; !strings.HasPrefix(line, "briefbot · slot 20") || !strings.HasSuffix(line, " UTC · "+key) {
		t.Errorf("the manual slot's line %q, want its time and %s", line, key)
	}
	if n := fake.GatewayStats(); n.Connections != 0 {
		t.Errorf("briefbot post opened the gateway: %+v", n)
	}
}
