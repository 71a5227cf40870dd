package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/discord/fakediscord"
	"github.com/briefbot/briefbot/bot/slack/fakeslack"
)

// slackCrash is the crash test's fake Slack.
type slackCrash struct{ fake *fakeslack.Server }

func newSlackCrash(t *testing.T) crashPlatform {
	fake := fakeslack.New()
	t.Cleanup(fake.Close)
	return slackCrash{fake}
}

func (slackCrash) name() string       { return "slack" }
func (slackCrash) channels() []string { return []string{"C0CRASHA", "C0CRASHB", "C0CRASHC"} }

func (p slackCrash) section() string {
	return fmt.Sprintf("slack:\n  mode: http\n  api_url: %s\n  max_retries: 0\n  http_timeout: 5s\n", p.fake.APIURL)
}

func (slackCrash) env() []string {
	return []string{envSlackBotToken + "=" + fakeslack.BotToken, envSlackSigningSecret + "=" + testSigningSecret}
}

// hold holds each post in the fake's handler; the post enters the history as the
// handler returns, so release waits until every post of the run is there, twice in a
// row.
func (p slackCrash) hold(t *testing.T) (<-chan struct{}, func() int) {
	arrived := make(chan struct{}, 16)
	release := make(chan struct{})
	p.fake.HandlePost(func(post fakeslack.Post) fakeslack.Reply {
		arrived <- struct{}{}
		select {
		case <-release:
		case <-time.After(30 * time.Second):
		}
		return fakeslack.Reply{Body: `{"ok":true,"channel":"` + post.Channel + `","ts":"` + post.TS + `"}`}
	})
	posts, kept := len(p.fake.Posts()), p.historyLen()
	return arrived, func() int {
		defer p.fake.HandlePost(nil)
		close(release)
		for stable, deadline := 0, time.Now().Add(10*time.Second); stable < 2; time.Sleep(50 * time.Millisecond) {
			stable++
			if p.historyLen()-kept != len(p.fake.Posts())-posts {
				stable = 0
			}
			if time.Now().After(deadline) {
				t.Fatal("the held posts did not enter the history")
			}
		}
		return len(p.fake.Posts()) - posts
	}
}

// historyLen counts the messages of the channels.
func (p slackCrash) historyLen() int {
	n := 0
	for _, ch := range p.channels() {
		n += len(p.fake.History(ch))
	}
	return n
}

// messages reads each message's key from its metadata.
func (p slackCrash) messages(t *testing.T) map[string][]string {
	out := map[string][]string{}
	for _, ch := range p.channels() {
		for _, m := range p.fake.History(ch) {
			var meta struct {
				EventPayload map[string]string `json:"event_payload"`
			}
			if err := json.Unmarshal([]byte(m.Metadata), &meta); err != nil {
				t.Errorf("a message without metadata: %+v", m)
				continue
			}
			key := meta.EventPayload["key"]
			out[key] = append(out[key], m.TS)
		}
	}
	return out
}

// discordCrash is the crash test's fake Discord.
type discordCrash struct{ fake *fakediscord.Server }

func newDiscordCrash(t *testing.T) crashPlatform {
	fake := fakediscord.New()
	t.Cleanup(fake.Close)
	return discordCrash{fake}
}

func (discordCrash) name() string { return "discord" }

func (discordCrash) channels() []string {
	return []string{"1300000000000000101", "1300000000000000102", "1300000000000000103"}
}

func (p discordCrash) section() string {
	return fmt.Sprintf("discord:\n  api_url: %s\n  guilds: [%q]\n  max_retries: 0\n  http_timeout: 5s\n", p.fake.APIURL, fakediscord.GuildID)
}

func (discordCrash) env() []string { return []string{envDiscordBotToken + "=" + fakediscord.Token} }

// hold makes the fake create each message, then hold its answer (Fault.Hold); the
// messages are in the channels before the process dies.
func (p discordCrash) hold(t *testing.T) (<-chan struct{}, func() int) {
	release := make(chan struct{})
	before := len(p.fake.Requests(fakediscord.OpMessage))
	p.fake.Fault(fakediscord.OpMessage, fakediscord.Fault{Hold: release, Times: -1})
	arrived := make(chan struct{})
	stop := make(chan struct{})
	go func() {
		for len(p.fake.Requests(fakediscord.OpMessage)) == before {
			select {
			case <-stop:
				return
			case <-time.After(10 * time.Millisecond):
			}
		}
		close(arrived)
	}()
	return arrived, func() int {
		close(stop)
		close(release)
		p.fake.ClearFaults()
		return len(p.fake.Requests(fakediscord.OpMessage)) - before
	}
}

// messages reads each message's key from its slot line, the last line of its last
// embed's footer.
func (p discordCrash) messages(t *testing.T) map[string][]string {
	out := map[string][]string{}
	for _, ch := range p.channels() {
		for _, m := range p.fake.Messages(ch) {
			if m.AuthorID != fakediscord.BotUserID {
				continue
			}
			key := ""
			if n := len(m.Embeds); n > 0 && m.Embeds[n-1].Footer != nil {
				lines := strings.Split(m.Embeds[n-1].Footer.Text, "\n")
				if line := lines[len(lines)-1]; strings.HasPrefix(line, "briefbot · slot ") {
					key = line[strings.LastIndex(line, " · ")+len(" · "):]
				}
			}
			if key == "" {
				t.Errorf("a message without a slot line: %+v", m)
				continue
			}
			out[key] = append(out[key], m.ID)
		}
	}
	return out
}
