package main

import (
	"bytes"
	"context"
	"io"
	"log"
	"log/slog"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/bottest"
	"github.com/briefbot/briefbot/bot/discord/fakediscord"
	"github.com/briefbot/briefbot/bot/slack/fakeslack"
)

// discordYAML is a discord section for a fake Discord, with extra keys.
func discordYAML(fake *fakediscord.Server, extra string) string {
	return "discord:\n  api_url: " + fake.APIURL + "\n  guilds: [\"" + fakediscord.GuildID + "\"]\n" + extra
}

// discordOnlyConfig returns a config with a discord section alone, on free loopback
// ports.
func discordOnlyConfig(t *testing.T, fake *fakediscord.Server, extra string) *config {
	t.Helper()
	yaml := "http:\n  addr: 127.0.0.1:0\nadmin:\n  addr: 127.0.0.1:0\nshutdown_timeout: 5s\n" + discordYAML(fake, extra)
	c, err := parseConfig([]byte(yaml), "test.yaml", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if err := c.validate("test.yaml"); err != nil {
		t.Fatal(err)
	}
	return c
}

// waitMetrics polls /metrics until it holds want, and returns it.
func (s *server) waitMetrics(t *testing.T, want string) string {
	t.Helper()
	var metrics string
	for range 500 {
		if _, metrics = s.get(t, "/metrics"); strings.Contains(metrics, want) {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	return metrics
}

// TestServeDiscord runs serve against a fake Discord alone: the commands registered, a
// slash command deferred and edited, a mention answered with a reply, /readyz and the
// discord lines of /metrics, and a gateway outage shown on /readyz and recovered.
func TestServeDiscord(t *testing.T) {
	fake := fakediscord.New()
	t.Cleanup(fake.Close)
	s := startServe(t, discordOnlyConfig(t, fake, "  channel_styles: {\""+fakediscord.DMChannelID+"\": plain}\n"), testEnv)
	ctx := wait(t)
	body := s.waitReady(t)
	if !strings.HasPrefix(body, "discord: ready (gateway: connected for ") || !strings.Contains(body, "; commands in 1 guild)\nnews: ready (5 articles)\n") {
		t.Errorf("/readyz: %q", body)
	}
	if got := len(fake.Commands(fakediscord.GuildID)); got != 3 {
		t.Errorf("%d commands registered in the guild, want 3", got)
	}

	sent, err := fake.SendInteraction(fakediscord.InteractionEvent{Command: "brief"})
	if err != nil {
		t.Fatal(err)
	}
	in, err := fake.WaitInteraction(ctx, sent.ID, func(in fakediscord.Interaction) bool { return in.Edited })
	if err != nil {
		t.Fatal(err)
	}
	if in.Callback != fakediscord.CallbackDeferredMessage || in.Original.Ephemeral() || !strings.Contains(in.Original.Content, "Putin") {
		t.Errorf("/brief: callback %d, ephemeral %v, content %q", in.Callback, in.Original.Ephemeral(), in.Original.Content)
	}
	m, err := fake.SendMessage(fakediscord.MessageEvent{Content: "who said ceasefire", DM: true})
	if err != nil {
		t.Fatal(err)
	}
	msgs, err := fake.WaitMessages(ctx, fakediscord.DMChannelID, 1)
	if err != nil {
		t.Fatal(err)
	}
	if r := msgs[0]; r.Reference == nil || r.Reference.MessageID != m.ID || !strings.Contains(r.Content, "Donald Trump") || len(r.Embeds) != 0 {
		t.Errorf("the reply in the DM (plain style): %+v", r)
	}
	for _, r := range fake.Requests(fakediscord.OpEdit, fakediscord.OpMessage) {
		if am := r.Message.AllowedMentions; am == nil || am.Parse == nil || len(am.Parse) != 0 {
			t.Errorf("%s went with allowed_mentions %+v", r.Op, am)
		}
	}

	whoSaid := `briefbot_commands_total{command="who-said",outcome="ok",platform="discord"} 1`
	metrics := s.waitMetrics(t, whoSaid)
	for _, want := range []string{
		`briefbot_commands_total{command="brief",outcome="ok",platform="discord"} 1`,
		whoSaid,
		`briefbot_command_duration_seconds_count{command="brief",platform="discord"} 1`,
		`briefbot_ack_duration_seconds_count{platform="discord"} 1`,
		`briefbot_posts_total{platform="discord"} 2`,
	} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}

	// An outage: the gateway drops, /readyz says so, and then that it recovered.
	fake.DropGateway()
	var outage string
	for range 500 {
		if _, outage = s.get(t, "/readyz"); strings.Contains(outage, "recovered") || strings.Contains(outage, "not ready") {
			break
		}
		time.Sleep(2 * time.Millisecond)
	}
	if !strings.Contains(outage, "discord: not ready (gateway: disconnected") && !strings.Contains(outage, "recovered from 1 outage") {
		t.Errorf("/readyz during the outage: %q", outage)
	}
	if err := fake.WaitConnections(ctx, 2); err != nil {
		t.Fatal(err)
	}
	var after string
	for range 500 {
		if _, after = s.get(t, "/readyz"); strings.Contains(after, "recovered") {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if !strings.Contains(after, "discord: ready (gateway: connected for") || !strings.Contains(after, "recovered from 1 outage") {
		t.Errorf("/readyz after the outage: %q", after)
	}
	if _, err := s.stop(t); err != nil {
		t.Errorf("serve: %v", err)
	}
	for _, want := range []string{"component=discord", "registered the commands", "gateway connection lost", "gateway connection recovered"} {
		if !strings.Contains(s.logs.String(), want) {
			t.Errorf("the log lacks %q", want)
		}
	}
}

// TestServeSlackAndDiscord runs both platforms from one config: both are ready, each
// answers its command, and the metrics carry each platform.
func TestServeSlackAndDiscord(t *testing.T) {
	slackFake := fakeslack.New()
	t.Cleanup(slackFake.Close)
	discordFake := fakediscord.New()
	t.Cleanup(discordFake.Close)
	s := startServe(t, testConfig(t, slackFake, discordYAML(discordFake, "")), testEnv)
	ctx := wait(t)
	body := s.waitReady(t)
	if !strings.Contains(body, "discord: ready (gateway: connected") || !strings.Contains(body, "slack: ready (socket mode: connected)") {
		t.Errorf("/readyz: %q", body)
	}
	if _, err := slackFake.SendCommand(fakeslack.Command{Command: "/help"}); err != nil {
		t.Fatal(err)
	}
	if _, err := slackFake.WaitResponses(ctx, 1); err != nil {
		t.Fatal(err)
	}
	sent, err := discordFake.SendInteraction(fakediscord.InteractionEvent{Command: "help"})
	if err != nil {
		t.Fatal(err)
	}
	in, err := discordFake.WaitInteraction(ctx, sent.ID, func(in fakediscord.Interaction) bool { return in.Edited })
	if err != nil {
		t.Fatal(err)
	}
	if !in.Original.Ephemeral() || len(in.Original.Embeds) != 1 {
		t.Errorf("/help on Discord: %+v", in.Original)
	}
	metrics := s.waitMetrics(t, `briefbot_commands_total{command="help",outcome="ok",platform="discord"} 1`)
	for _, want := range []string{
		`briefbot_commands_total{command="help",outcome="ok",platform="discord"} 1`,
		`briefbot_commands_total{command="help",outcome="ok",platform="slack"} 1`,
		`briefbot_ack_duration_seconds_count{platform="discord"} 1`,
		`briefbot_ack_duration_seconds_count{platform="slack"} 1`,
	} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	if _, err := s.stop(t); err != nil {
		t.Errorf("serve: %v", err)
	}
}

// TestServeDiscordFailsToStart: a missing or rejected token, and a guild the bot may
// not register commands in, each stop serve at start with an error that says what to
// fix.
func TestServeDiscordFailsToStart(t *testing.T) {
	fake := fakediscord.New()
	t.Cleanup(fake.Close)
	env := func(token string) func(string) string {
		return func(k string) string {
			if k == envDiscordBotToken {
				return token
			}
			return testEnv(k)
		}
	}
	for _, tc := range []struct {
		name   string
		getenv func(string) string
		fault  bool
		err    string
	}{
		{"missing token", env(""), false, "DISCORD_BOT_TOKEN is not set; the discord section needs it"},
		{"rejected token", env("not-the-token-of-this-bot"), false, "(Discord rejected the token: is DISCORD_BOT_TOKEN right?"},
		{"commands refused", testEnv, true, "registering the commands in guild " + fakediscord.GuildID},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.fault {
				fake.Fault(fakediscord.OpCommands, fakediscord.Fault{Status: http.StatusForbidden})
			}
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			err := serve(ctx, discordOnlyConfig(t, fake, ""), serveDeps{getenv: tc.getenv, log: slog.New(slog.NewTextHandler(io.Discard, nil)),
				discordHTTP: &http.Client{Timeout: 2 * time.Second, Transport: fakediscord.LoopbackTransport{}}, discordDialer: fakediscord.LoopbackDialer()})
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("serve: %v, want an error with %q", err, tc.err)
			}
			if err != nil && strings.Contains(err.Error(), "not-the-token-of-this-bot") {
				t.Errorf("the error shows the token: %v", err)
			}
		})
	}
}

// TestStdLogGoesThroughTheRedactingLogger: discordgo logs with the standard log
// package; serve routes it to its own logger, which masks credentials.
func TestStdLogGoesThroughTheRedactingLogger(t *testing.T) {
	prevOut, prevFlags, prevDefault := log.Writer(), log.Flags(), slog.Default()
	t.Cleanup(func() {
		slog.SetDefault(prevDefault)
		log.SetOutput(prevOut)
		log.SetFlags(prevFlags)
	})
	t.Setenv(envDiscordBotToken, "MTIzNDU2Nzg5MDEyMzQ1Njc4.GaBcDe.this-is-the-secret-part-of-a-token")
	var buf bottest.LogBuffer
	logger, err := newLogger(&buf, "warn", "text")
	if err != nil {
		t.Fatal(err)
	}
	routeStdLog(logger)
	log.Printf("[DG0] wsapi.go:82:Open() error connecting to gateway with Bot %s", os.Getenv(envDiscordBotToken))
	out := buf.String()
	if !strings.Contains(out, "level=WARN") || !strings.Contains(out, "error connecting to gateway") {
		t.Errorf("the standard log's line is not in the logger's output: %q", out)
	}
	if strings.Contains(out, "secret-part") {
		t.Errorf("the token is shown: %q", out)
	}
	if bytes.Contains([]byte(out), []byte("\n\n")) {
		t.Errorf("blank lines: %q", out)
	}
}
