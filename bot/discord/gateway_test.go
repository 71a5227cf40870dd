package discord

import (
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/discord/fakediscord"
)

func TestConnectIdentifiesWithTheBotsIntents(t *testing.T) {
	t.Parallel()
	f := newFixture(t, nil)
	f.connect(t)
	ids, err := f.fake.WaitIdentifies(testContext(t), 1)
	if err != nil {
		t.Fatal(err)
	}
	if got := ids[0].Intents; got != 4609 {
		t.Errorf("Identify intents = %d, want 4609 (guilds | guild messages | direct messages)", got)
	}
	if got := ids[0].Intents & fakediscord.IntentMessageContent; got != 0 {
		t.Errorf("Identify asks for the privileged MESSAGE_CONTENT intent")
	}
	if ids[0].Token != "Bot "+fakediscord.Token {
		t.Errorf("Identify token = %q, want the bot token", ids[0].Token)
	}
	// The session addresses discord.com; the fake sees the calls because the session's
	// HTTP client rewrote them, token and all.
	reqs := f.fake.Requests()
	if len(reqs) < 2 || reqs[0].Op != fakediscord.OpMe || reqs[1].Op != fakediscord.OpGateway {
		t.Fatalf("requests = %v, want users/@me then gateway", ops(reqs))
	}
	if got := reqs[0].Header.Get("Authorization"); got != "Bot "+fakediscord.Token {
		t.Errorf("users/@me Authorization = %q", got)
	}
	if ok, msg := f.s.Ready(); !ok || !strings.HasPrefix(msg, "gateway: connected") {
		t.Errorf("Ready() = %v, %q; want connected", ok, msg)
	}
	if got := f.s.botUserID(); got != fakediscord.BotUserID {
		t.Errorf("botUserID = %q, want %q", got, fakediscord.BotUserID)
	}
	if got := f.s.applicationID(); got != fakediscord.AppID {
		t.Errorf("applicationID = %q, want %q", got, fakediscord.AppID)
	}
	if discordgo.EndpointAPI != DefaultAPIURL {
		t.Errorf("discordgo.EndpointAPI = %q: something changed discordgo's package variables", discordgo.EndpointAPI)
	}
}

func ops(reqs []fakediscord.Request) []string {
	var out []string
	for _, r := range reqs {
		out = append(out, r.Method+" "+r.Op)
	}
	return out
}

// interactions registers a handler that passes on the ID of every interaction.
func interactions(s *session) <-chan string {
	ch := make(chan string, 16)
	s.dg.AddHandler(func(_ *discordgo.Session, i *discordgo.InteractionCreate) { ch <- i.ID })
	return ch
}

func receive(t *testing.T, ch <-chan string, want string) {
	t.Helper()
	select {
	case got := <-ch:
		if got != want {
			t.Errorf("received interaction %s, want %s", got, want)
		}
	case <-time.After(10 * time.Second):
		t.Fatalf("interaction %s never arrived", want)
	}
}

func TestGatewayResumesAfterADisconnect(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		before func(*fakediscord.Server)
		fault  func(*testing.T, *fakediscord.Server)
	}{
		{name: "close frame 4000", fault: func(t *testing.T, fake *fakediscord.Server) {
			if err := fake.CloseGateway(4000, "Unknown error."); err != nil {
				t.Fatal(err)
			}
		}},
		{name: "connection dropped", fault: func(_ *testing.T, fake *fakediscord.Server) { fake.DropGateway() }},
		{name: "op 7 reconnect", fault: func(t *testing.T, fake *fakediscord.Server) {
			if err := fake.SendReconnect(); err != nil {
				t.Fatal(err)
			}
		}},
		{
			name:   "zombied connection: no heartbeat acks",
			before: func(fake *fakediscord.Server) { fake.SetHeartbeatInterval(100 * time.Millisecond) },
			fault: func(t *testing.T, fake *fakediscord.Server) {
				if err := fake.StopHeartbeatAcks(); err != nil {
					t.Fatal(err)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t, nil)
			if tt.before != nil {
				tt.before(f.fake)
			}
			got := interactions(f.s)
			f.connect(t)
			session := f.fake.GatewayStats().SessionID
			tt.fault(t, f.fake)
			ctx := testContext(t)
			resumes, err := f.fake.WaitResumes(ctx, 1)
			if err != nil {
				t.Fatal(err)
			}
			if r := resumes[0]; !r.Accepted || r.SessionID != session || r.Seq < 1 {
				t.Errorf("resume = %+v, want session %s resumed from its last event", r, session)
			}
			if err := f.fake.WaitConnections(ctx, 2); err != nil {
				t.Fatal(err)
			}
			msg := waitReady(t, f.s, true)
			if !strings.Contains(msg, "recovered from 1 outage") {
				t.Errorf("Ready() = %q, want it to tell the outage it recovered from", msg)
			}
			if n := f.fake.GatewayStats().Identifies; n != 1 {
				t.Errorf("%d Identifies, want 1: the session was resumed, not started anew", n)
			}
			in, err := f.fake.SendInteraction(fakediscord.InteractionEvent{Command: "brief"})
			if err != nil {
				t.Fatal(err)
			}
			receive(t, got, in.ID)
			if n := f.metrics.Count("failed discord gateway"); n != 1 {
				t.Log(f.logs.String())
				t.Errorf("failed discord gateway = %d, want 1", n)
			}
			logs := f.logs.String()
			for _, want := range []string{"gateway connection lost", "gateway session resumed", "gateway connection recovered"} {
				if !strings.Contains(logs, want) {
					t.Errorf("logs lack %q:\n%s", want, logs)
				}
			}
		})
	}
}

func TestReadinessShowsAnOutageAndTheRecovery(t *testing.T) {
	t.Parallel()
	f := newFixture(t, nil)
	got := interactions(f.s)
	f.connect(t)
	f.fake.SetDown(true)
	msg := waitReady(t, f.s, false)
	if !strings.Contains(msg, "disconnected") || !strings.Contains(msg, "reconnecting (outage 1)") {
		t.Errorf("Ready() during the outage = %q", msg)
	}
	// An event sent while the bot is away is replayed when its session resumes.
	in, err := f.fake.SendInteraction(fakediscord.InteractionEvent{Command: "help"})
	if err != nil {
		t.Fatal(err)
	}
	f.fake.SetDown(false)
	msg = waitReady(t, f.s, true)
	if !strings.Contains(msg, "recovered from 1 outage") {
		t.Errorf("Ready() after the outage = %q", msg)
	}
	receive(t, got, in.ID)
	if st := f.fake.GatewayStats(); st.Identifies != 1 || st.Resumes != 1 {
		t.Errorf("gateway stats %+v, want 1 identify and 1 resume", st)
	}
}

func TestGatewayIdentifiesAgainAfterAnInvalidSession(t *testing.T) {
	t.Parallel()
	for _, resumable := range []bool{false, true} {
		t.Run(map[bool]string{false: "not resumable", true: "resumable"}[resumable], func(t *testing.T) {
			t.Parallel()
			f := newFixture(t, nil)
			got := interactions(f.s)
			f.connect(t)
			first := f.fake.GatewayStats().SessionID
			if err := f.fake.SendInvalidSession(resumable); err != nil {
				t.Fatal(err)
			}
			// discordgo v0.29.0 answers op 9 with a new Identify on the same connection,
			// whether the session is resumable or not.
			ctx := testContext(t)
			ids, err := f.fake.WaitIdentifies(ctx, 2)
			if err != nil {
				t.Fatal(err)
			}
			if ids[1].Intents != 4609 {
				t.Errorf("second Identify intents = %d", ids[1].Intents)
			}
			if err := f.fake.WaitConnections(ctx, 1); err != nil {
				t.Fatal(err)
			}
			if st := f.fake.GatewayStats(); st.SessionID == first {
				t.Errorf("session %s kept; want a new one", st.SessionID)
			}
			in, err := f.fake.SendInteraction(fakediscord.InteractionEvent{Command: "brief"})
			if err != nil {
				t.Fatal(err)
			}
			receive(t, got, in.ID)
			waitReady(t, f.s, true)
			if !strings.Contains(f.logs.String(), "gateway session started anew") {
				t.Errorf("logs lack the new session:\n%s", f.logs)
			}
		})
	}
}

func TestGatewayIdentifiesWhenTheResumeIsRefused(t *testing.T) {
	t.Parallel()
	f := newFixture(t, nil)
	got := interactions(f.s)
	f.connect(t)
	f.fake.InvalidateSession()
	if err := f.fake.CloseGateway(4000, "Unknown error."); err != nil {
		t.Fatal(err)
	}
	ctx := testContext(t)
	if _, err := f.fake.WaitIdentifies(ctx, 2); err != nil {
		t.Fatal(err)
	}
	resumes, err := f.fake.WaitResumes(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if resumes[0].Accepted {
		t.Errorf("the resume of an invalidated session was accepted")
	}
	if err := f.fake.WaitConnections(ctx, 2); err != nil {
		t.Fatal(err)
	}
	in, err := f.fake.SendInteraction(fakediscord.InteractionEvent{Command: "brief"})
	if err != nil {
		t.Fatal(err)
	}
	receive(t, got, in.ID)
	waitReady(t, f.s, true)
}

func TestMentionsArriveWithTheirContent(t *testing.T) {
	t.Parallel()
	f := newFixture(t, nil)
	got := make(chan *discordgo.MessageCreate, 4)
	f.s.dg.AddHandler(func(_ *discordgo.Session, m *discordgo.MessageCreate) {
		if m.Author != nil && m.Author.ID != f.s.botUserID() {
			got <- m
		}
	})
	f.connect(t)
	mention := "<@" + fakediscord.BotUserID + "> who said ceasefire"
	for _, ev := range []fakediscord.MessageEvent{
		{Content: "no mention here"},
		{Content: mention},
		{Content: "brief", DM: true},
	} {
		if _, err := f.fake.SendMessage(ev); err != nil {
			t.Fatal(err)
		}
	}
	want := []string{"", mention, "brief"}
	for i, w := range want {
		select {
		case m := <-got:
			if m.Content != w {
				t.Errorf("message %d content = %q, want %q", i, m.Content, w)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("message %d never arrived", i)
		}
	}
}

func TestCloseEndsTheSession(t *testing.T) {
	t.Parallel()
	f := newFixture(t, nil)
	f.connect(t)
	if err := f.s.Close(); err != nil {
		t.Fatal(err)
	}
	if ok, msg := f.s.Ready(); ok || msg != "gateway: closed" {
		t.Errorf("Ready() after Close = %v, %q", ok, msg)
	}
	if n := f.metrics.Count("failed discord gateway"); n != 0 {
		t.Errorf("Close counted as %d gateway failures", n)
	}
	if err := f.s.open(testContext(t)); err == nil {
		t.Errorf("open after Close succeeded")
	}
}

// TestCloseStopsAReconnectInProgress closes the session while discordgo is trying to
// reconnect after an outage: discordgo v0.29.0 keeps trying until an attempt succeeds,
// so its next attempts must end its loop rather than reach Discord (or go on for ever).
func TestCloseStopsAReconnectInProgress(t *testing.T) {
	t.Parallel()
	f := newFixture(t, nil)
	f.connect(t)
	f.fake.SetDown(true)
	waitReady(t, f.s, false)
	time.Sleep(200 * time.Millisecond) // the first attempt, at once, has failed
	if err := f.s.Close(); err != nil {
		t.Fatal(err)
	}
	before := f.fake.GatewayStats().Connections
	gets := len(f.fake.Requests(fakediscord.OpGateway))
	f.fake.SetDown(false)
	// discordgo waits 1 s, then 2 s, between attempts.
	time.Sleep(3500 * time.Millisecond)
	if st := f.fake.GatewayStats(); st.Connections != before || len(f.fake.Requests(fakediscord.OpGateway)) != gets {
		t.Errorf("after Close, discordgo reconnected: %d connections (was %d), %d GET gateway (was %d)",
			st.Connections, before, len(f.fake.Requests(fakediscord.OpGateway)), gets)
	}
	if ok, msg := f.s.Ready(); ok || msg != "gateway: closed" {
		t.Errorf("Ready() = %v, %q", ok, msg)
	}
}
