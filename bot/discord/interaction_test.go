package discord

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/bottest"
	"github.com/briefbot/briefbot/bot/discord/fakediscord"
	"github.com/briefbot/briefbot/summarize"
)

func TestRunRegistersTheCommandsWithABulkOverwrite(t *testing.T) {
	t.Parallel()
	const other = "1200000000000000002"
	for _, tc := range []struct {
		name   string
		guilds []string
		scopes []string // "" for global
	}{
		{"guilds", []string{fakediscord.GuildID, other}, []string{fakediscord.GuildID, other}},
		{"global", nil, []string{""}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			fake := fakediscord.New()
			// A command of an older version, to be removed by the overwrite.
			seed := newFixtureOn(t, fake, nil)
			seed.connect(t)
			for _, scope := range tc.scopes {
				stale := []commandSpec{{Type: 1, Name: "old-command", Description: "gone"}}
				endpoint := "https://discord.com/api/v9/applications/" + fakediscord.AppID + "/commands"
				if scope != "" {
					endpoint = "https://discord.com/api/v9/applications/" + fakediscord.AppID + "/guilds/" + scope + "/commands"
				}
				if err := seed.s.requestJSON(testContext(t), call{op: "commands", what: "seeding"}, "PUT", endpoint, stale, nil); err != nil {
					t.Fatal(err)
				}
			}
			seed.s.Close()
			// Two starts: the second overwrites the first, so no command is there twice.
			for range 2 {
				f := newAdapterFixture(t, adapterOptions{fake: fake, config: func(c *Config) { c.Guilds = tc.guilds }})
				f.run(t)
				if err := f.stop(t); err != nil {
					t.Fatal(err)
				}
			}
			for _, scope := range tc.scopes {
				cmds := fake.Commands(scope)
				var names []string
				for _, c := range cmds {
					names = append(names, c.Name)
				}
				if strings.Join(names, " ") != "brief who-said help" {
					t.Errorf("scope %q: commands %v, want brief who-said help", scope, names)
				}
				ws := cmds[1]
				if len(ws.Options) != 3 || ws.Options[0].Name != "term" || ws.Options[0].Type != 3 || ws.Options[0].Required ||
					ws.Options[1].Name != "from" || ws.Options[1].Type != 3 || ws.Options[1].Required ||
					ws.Options[2].Name != "share" || ws.Options[2].Type != 5 || ws.Options[2].Required {
					t.Errorf("who-said options %+v, want optional strings term and from and an optional bool share", ws.Options)
				}
				if global := scope == ""; global != (len(cmds[0].Contexts) == 2) {
					t.Errorf("scope %q: contexts %v", scope, cmds[0].Contexts)
				}
			}
			var puts int
			for _, r := range fake.Requests(fakediscord.OpCommands) {
				if r.Method == "PUT" && r.Status == 200 {
					puts++
				}
			}
			if want := 3 * len(tc.scopes); puts != want {
				t.Errorf("%d bulk overwrites, want %d (a seed and two starts a scope)", puts, want)
			}
		})
	}
}

func TestRegistrationFailureIsFatalAndShown(t *testing.T) {
	t.Parallel()
	f := newAdapterFixture(t, adapterOptions{})
	f.fake.Fault(fakediscord.OpCommands, fakediscord.Fault{Status: 403, Times: -1})
	err := f.a.Run(testContext(t))
	if err == nil || !strings.Contains(err.Error(), "registering the commands in guild "+fakediscord.GuildID) {
		t.Fatalf("Run = %v, want an error naming the guild", err)
	}
	if ok, msg := f.a.Ready(); ok || !strings.Contains(msg, "could not register commands") {
		t.Errorf("Ready() = %v, %q", ok, msg)
	}
}

// TestSlashCommands sends each command and checks the deferral (type 5, within the
// deadline, ephemeral unless shared or /brief), the edit of @original, and that every
// message went with allowed_mentions {"parse": []}.
func TestSlashCommands(t *testing.T) {
	t.Parallel()
	f := newAdapterFixture(t, adapterOptions{})
	f.run(t)
	for _, tc := range []struct {
		name      string
		ev        fakediscord.InteractionEvent
		ephemeral bool
		want      string
	}{
		{"brief", fakediscord.InteractionEvent{Command: "brief"}, false, "Putin"},
		{"who-said", fakediscord.InteractionEvent{Command: "who-said", Options: []fakediscord.Option{{Name: "term", Value: "ceasefire"}}}, true, "Donald Trump"},
		{"who-said shared", fakediscord.InteractionEvent{Command: "who-said", Options: []fakediscord.Option{{Name: "term", Value: "ceasefire"}, {Name: "share", Value: true}}}, false, "Donald Trump"},
		{"who-said --share in the term", fakediscord.InteractionEvent{Command: "who-said", Options: []fakediscord.Option{{Name: "term", Value: "--share ceasefire"}}}, false, "Donald Trump"},
		{"who-said nobody", fakediscord.InteractionEvent{Command: "who-said", Options: []fakediscord.Option{{Name: "term", Value: "zeppelin"}}}, true, "No one in the 5 articles"},
		{"help", fakediscord.InteractionEvent{Command: "help"}, true, "/who-said TERM"},
		{"help in a DM", fakediscord.InteractionEvent{Command: "help", DM: true}, true, "/who-said TERM"},
		{"a blank term", fakediscord.InteractionEvent{Command: "who-said", Options: []fakediscord.Option{{Name: "term", Value: "  "}}}, true, "Give a word or a name"},
		{"an old command", fakediscord.InteractionEvent{Command: "digest"}, true, "Try /brief"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := f.interact(t, tc.ev)
			if in.Callback != fakediscord.CallbackDeferredMessage {
				t.Errorf("callback type %d, want 5 (deferred)", in.Callback)
			}
			if d := in.AckedAt.Sub(in.Received); d > fakediscord.AckDeadline {
				t.Errorf("acknowledged after %s", d)
			}
			o := in.Original
			if o.Ephemeral() != tc.ephemeral {
				t.Errorf("ephemeral = %v, want %v", o.Ephemeral(), tc.ephemeral)
			}
			if !strings.Contains(text(*o), tc.want) {
				t.Errorf("the answer lacks %q:\n%s", tc.want, text(*o))
			}
			if o.Flags&fakediscord.FlagLoading != 0 {
				t.Errorf("the response is still loading")
			}
			if tc.name == "who-said" && !strings.Contains(text(*o), "Only you can see this; /who-said term:ceasefire share:True posts it") {
				t.Errorf("a private answer without the share hint:\n%s", text(*o))
			}
			if tc.name == "who-said shared" && strings.Contains(text(*o), "Only you") {
				t.Errorf("a shared answer with the share hint:\n%s", text(*o))
			}
		})
	}
	for _, r := range f.fake.Requests(fakediscord.OpEdit, fakediscord.OpFollowup, fakediscord.OpMessage) {
		if !mentionsOff(r) {
			t.Errorf("%s %s went with allowed_mentions %+v", r.Method, r.Op, r.Message.AllowedMentions)
		}
	}
	f.waitCount(t, "command discord help ok", 2)
	if n := f.metrics.Count("ack discord"); n != 9 {
		t.Errorf("ack discord = %d, want 9", n)
	}
}

// hostileArticles are articles that try to ping everyone, a user, a role and a
// channel, and to hide links, in every field.
func hostileArticles(n int) []summarize.Article {
	const hostile = "Officials told @everyone and @here that <@123> and <@&456> would meet in <#789>, " +
		"see [the docs](https://evil.example/x) or https://evil.example/y ||now|| **loud** `code` > quote."
	stories := []string{"budget", "election", "flood", "strike", "trial", "summit", "vaccine"}
	out := make([]summarize.Article, n)
	for i := range out {
		story := stories[i%len(stories)]
		var sb strings.Builder
		sb.WriteString("The " + story + " dominated the news, officials in the capital said on Monday. ")
		sb.WriteString(hostile + " The " + story + " was discussed by ministers at length. ")
		if i%3 == 0 {
			sb.WriteString("The report on the " + story + " ran to " + strings.Repeat("many pages and annexes about the "+story+" and its costs, ", 60) + "ending there. ")
		}
		sb.WriteString("\"We will not accept a " + story + " like this,\" said Minister Ana Lopez @everyone. ")
		sb.WriteString("Residents told reporters the " + story + " would change their lives, and some said they had waited years. ")
		sb.WriteString("Experts warned that the " + story + " could last for weeks, with costs rising every day. ")
		sb.WriteString(uniqueSentence(i) + "\n")
		out[i] = summarize.Article{
			ID:        fmt.Sprintf("a%03d.txt", i),
			Title:     "The " + story + " <@&456> @everyone " + strings.Repeat("very long headline words ", i%4*8),
			Outlet:    "Outlet " + strconv.Itoa(i%13) + " <@123>",
			URL:       "https://www.example.com/" + story + "/" + strconv.Itoa(i) + "?a=(1)&b=<2>",
			Published: time.Date(2025, 5, 1+i%20, 8, 0, 0, 0, time.UTC),
			Text:      sb.String(),
		}
	}
	return out
}

// TestALongAnswerContinuesInFollowups answers /brief of many articles with every
// sentence: the edit carries the first message, follow-ups the rest, all within
// Discord's limits (the fake refuses anything over them) and as public as the
// deferral.
func TestALongAnswerContinuesInFollowups(t *testing.T) {
	t.Parallel()
	for _, style := range []Style{StyleEmbeds, StylePlain} {
		t.Run(string(style), func(t *testing.T) {
			t.Parallel()
			f := newAdapterFixture(t, adapterOptions{
				config: func(c *Config) { c.Style = style },
				bot: func(o *bot.Options) {
					o.Source = bottest.Articles(hostileArticles(100)...)
					o.Summary = summarize.Options{Words: 100_000}
				},
			})
			f.run(t)
			in := f.interact(t, fakediscord.InteractionEvent{Command: "brief"})
			if len(in.Followups) == 0 {
				// The follow-ups go after the edit; wait for them.
				got, err := f.fake.WaitInteraction(testContext(t), in.ID, func(x fakediscord.Interaction) bool { return len(x.Followups) > 0 })
				if err != nil {
					t.Fatalf("no follow-up: %v\n%s", err, f.logs)
				}
				in = got
			}
			f.waitCount(t, "command discord brief ok", 1)
			in, _ = f.fake.Interaction(in.ID)
			if n := 1 + len(in.Followups); n < 2 || n > MaxMessages {
				t.Errorf("%d messages, want 2 to %d", n, MaxMessages)
			}
			for _, m := range append([]fakediscord.Message{*in.Original}, in.Followups...) {
				if m.Ephemeral() {
					t.Errorf("a message of /brief is ephemeral")
				}
				if m.MentionEveryone || len(m.Mentions) > 0 || len(m.MentionRoles) > 0 {
					t.Errorf("a message pings: everyone %v, users %v, roles %v", m.MentionEveryone, m.Mentions, m.MentionRoles)
				}
				if style == StylePlain && (len(m.Embeds) > 0 || m.Flags&fakediscord.FlagSuppressEmbeds == 0) {
					t.Errorf("a plain message has %d embeds, flags %d", len(m.Embeds), m.Flags)
				}
			}
			last := in.Followups[len(in.Followups)-1]
			if !strings.Contains(text(last), "100 articles from") {
				t.Errorf("the last message lacks the footer:\n%s", text(last))
			}
			if f.metrics.Count("failed discord followup") != 0 || f.metrics.Count("failed discord edit") != 0 {
				t.Errorf("failures: %s", f.metrics)
			}
		})
	}
}

// uniqueSentence returns a sentence of words no other article of hostileArticles uses
// together, so that a briefing of many of them has many different points to make.
func uniqueSentence(i int) string {
	syllables := []string{"ba", "ko", "ren", "ta", "mi", "lo", "sar", "ve", "du", "pin", "gal", "tor"}
	word := func(n int) string {
		w := ""
		for range 3 {
			w += syllables[n%len(syllables)]
			n /= len(syllables)
		}
		return w
	}
	name := strings.ToUpper(word(i)[:1]) + word(i)[1:]
	return "Councillor " + name + " of " + strings.ToUpper(word(i + 7)[:1]) + word(i + 7)[1:] + " proposed a " + word(i*3+1) + " plan for the " + word(i*5+2) + " and the " + word(i*11+3) + "."
}
