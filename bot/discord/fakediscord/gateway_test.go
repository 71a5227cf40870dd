package fakediscord

import (
	"encoding/json"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// client is a bare gateway client for testing the fake.
type client struct {
	t  *testing.T
	ws *websocket.Conn
}

// payload is a gateway payload as read.
type payload struct {
	Op int             `json:"op"`
	D  json.RawMessage `json:"d"`
	S  int64           `json:"s"`
	T  string          `json:"t"`
}

func dial(t *testing.T, s *Server) *client {
	t.Helper()
	ws, _, err := s.Dialer().Dial(s.GatewayURL+"/?v=9&encoding=json", nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ws.Close() })
	c := &client{t: t, ws: ws}
	if p := c.read(); p.Op != 10 {
		t.Fatalf("first payload op %d, want Hello", p.Op)
	}
	return c
}

func (c *client) send(op int, d any) {
	c.t.Helper()
	if err := c.ws.WriteJSON(map[string]any{"op": op, "d": d}); err != nil {
		c.t.Fatal(err)
	}
}

func (c *client) read() payload {
	c.t.Helper()
	c.ws.SetReadDeadline(time.Now().Add(5 * time.Second))
	var p payload
	if err := c.ws.ReadJSON(&p); err != nil {
		c.t.Fatalf("reading: %v", err)
	}
	return p
}

// closed reads until the connection ends and returns its close code.
func (c *client) closed() int {
	c.t.Helper()
	c.ws.SetReadDeadline(time.Now().Add(5 * time.Second))
	for {
		_, _, err := c.ws.ReadMessage()
		var ce *websocket.CloseError
		if errors.As(err, &ce) {
			return ce.Code
		}
		if err != nil {
			c.t.Fatalf("the connection ended without a close frame: %v", err)
		}
	}
}

func (c *client) identify(intents int) payload {
	c.t.Helper()
	c.send(2, map[string]any{"token": "Bot " + Token, "intents": intents, "properties": map[string]string{"os": "linux"}})
	p := c.read()
	if p.T != "READY" {
		c.t.Fatalf("after Identify: %+v, want READY", p)
	}
	return p
}

const botIntents = IntentGuilds | IntentGuildMessages | IntentDirectMessages

func TestIdentifyIsRefused(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		token   string
		intents int
		code    int
	}{
		{"another token", "Bot nope", botIntents, 4004},
		{"message content, not allowed", "Bot " + Token, botIntents | IntentMessageContent, 4014},
		{"intents out of range", "Bot " + Token, 1 << 30, 4013},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := newServer(t)
			c := dial(t, s)
			c.send(2, map[string]any{"token": tt.token, "intents": tt.intents})
			if code := c.closed(); code != tt.code {
				t.Errorf("close code %d, want %d", code, tt.code)
			}
		})
	}
}

func TestResumeReplaysTheMissedEvents(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	c := dial(t, s)
	var ready struct {
		SessionID string `json:"session_id"`
		User      struct {
			ID string `json:"id"`
		} `json:"user"`
	}
	p := c.identify(botIntents)
	json.Unmarshal(p.D, &ready)
	if ready.User.ID != BotUserID || ready.SessionID == "" {
		t.Fatalf("READY %s", p.D)
	}
	c.send(1, p.S)
	if ack := c.read(); ack.Op != 11 {
		t.Errorf("heartbeat answered with op %d", ack.Op)
	}
	first, err := s.SendInteraction(InteractionEvent{Command: "brief"})
	if err != nil {
		t.Fatal(err)
	}
	got := c.read()
	c.ws.Close()
	if err := s.wait(ctx(t), func() bool { return s.gw.conn == nil }); err != nil {
		t.Fatal(err)
	}
	missed, err := s.SendInteraction(InteractionEvent{Command: "help", DM: true})
	if err != nil {
		t.Fatal(err)
	}
	c = dial(t, s)
	c.send(6, map[string]any{"token": "Bot " + Token, "session_id": ready.SessionID, "seq": got.S})
	replayed := c.read()
	var in struct {
		ID   string `json:"id"`
		User *struct {
			ID string `json:"id"`
		} `json:"user"`
	}
	json.Unmarshal(replayed.D, &in)
	if replayed.T != "INTERACTION_CREATE" || in.ID != missed.ID || in.ID == first.ID || in.User == nil {
		t.Errorf("replayed %s %s, want the missed DM interaction %s", replayed.T, replayed.D, missed.ID)
	}
	if r := c.read(); r.T != "RESUMED" || r.S != replayed.S+1 {
		t.Errorf("after the replay: %+v, want RESUMED", r)
	}
	if st := s.GatewayStats(); st.Resumes != 1 || st.Identifies != 1 || !st.Live {
		t.Errorf("stats %+v", st)
	}
	// A resume of a session the gateway forgot gets op 9.
	s.InvalidateSession()
	c = dial(t, s)
	c.send(6, map[string]any{"token": "Bot " + Token, "session_id": ready.SessionID, "seq": replayed.S})
	if p := c.read(); p.Op != 9 || string(p.D) != "false" {
		t.Errorf("resume of a forgotten session: %+v, want op 9 false", p)
	}
	if _, err := s.SendInteraction(InteractionEvent{Command: "brief"}); !errors.Is(err, ErrNoSession) {
		t.Errorf("an event without a session: %v, want ErrNoSession", err)
	}
}

func TestMessageContentNeedsAMentionOrADM(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	c := dial(t, s)
	c.identify(botIntents)
	s.SetEcho(false)
	for _, tt := range []struct {
		ev   MessageEvent
		want string
	}{
		{MessageEvent{Content: "who said ceasefire"}, ""},
		{MessageEvent{Content: "<@" + BotUserID + "> who said ceasefire"}, "<@" + BotUserID + "> who said ceasefire"},
		{MessageEvent{Content: "<@!" + BotUserID + "> brief"}, "<@!" + BotUserID + "> brief"},
		{MessageEvent{Content: "help", DM: true}, "help"},
	} {
		if _, err := s.SendMessage(tt.ev); err != nil {
			t.Fatal(err)
		}
		var m struct {
			Content string `json:"content"`
			GuildID string `json:"guild_id"`
		}
		p := c.read()
		json.Unmarshal(p.D, &m)
		if p.T != "MESSAGE_CREATE" || m.Content != tt.want || (m.GuildID == "") != tt.ev.DM {
			t.Errorf("%q: %s %s, want content %q", tt.ev.Content, p.T, p.D, tt.want)
		}
	}
	// Without GUILD_MESSAGES a guild message is not sent at all.
	s2 := newServer(t)
	dial(t, s2).identify(IntentGuilds)
	if _, err := s2.SendMessage(MessageEvent{Content: "x"}); !errors.Is(err, ErrNotSubscribed) {
		t.Errorf("a guild message without the intent: %v, want ErrNotSubscribed", err)
	}
}

func TestTheBotsMessagesAreEchoed(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	c := dial(t, s)
	c.identify(botIntents)
	status, _, _ := call(t, s, http.MethodPost, "channels/"+ChannelID+"/messages", map[string]any{"content": "hello", "nonce": "n1"})
	if status != 200 {
		t.Fatal(status)
	}
	var m struct {
		Content, Nonce string
		Author         struct{ ID string }
	}
	p := c.read()
	json.Unmarshal(p.D, &m)
	if p.T != "MESSAGE_CREATE" || m.Author.ID != BotUserID || m.Content != "hello" || m.Nonce != "n1" {
		t.Errorf("echo %s %s", p.T, p.D)
	}
}

func TestInteractionRules(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	c := &clock{now: time.Date(2026, 12, 2, 7, 0, 0, 0, time.UTC)}
	s.SetClock(c.Now)
	dial(t, s).identify(botIntents)
	s.SetEcho(false)
	send := func() Interaction {
		in, err := s.SendInteraction(InteractionEvent{Command: "who-said", Options: []Option{{"term", "ceasefire"}, {"share", true}}})
		if err != nil {
			t.Fatal(err)
		}
		return in
	}
	callback := func(in Interaction, body any) (int, map[string]any) {
		status, _, b := call(t, s, http.MethodPost, "interactions/"+in.ID+"/"+in.Token+"/callback", body)
		return status, b
	}
	webhook := func(method, suffix string, in Interaction, body any) (int, map[string]any) {
		status, _, b := call(t, s, method, "webhooks/"+AppID+"/"+in.Token+suffix, body)
		return status, b
	}
	deferral := map[string]any{"type": 5, "data": map[string]any{"flags": FlagEphemeral}}

	in := send()
	if status, b := webhook(http.MethodPatch, "/messages/@original", in, map[string]any{"content": "x"}); status != 404 || b["code"] != 10008.0 {
		t.Errorf("edit before the callback: %d %v", status, b)
	}
	if status, _ := callback(in, deferral); status != 204 {
		t.Errorf("deferral: %d", status)
	}
	if status, b := callback(in, deferral); status != 400 || b["code"] != 40060.0 {
		t.Errorf("second callback: %d %v", status, b)
	}
	// A follow-up right after the deferral stands for the edit of the response.
	if status, _ := webhook(http.MethodPost, "?wait=true", in, map[string]any{"content": "first"}); status != 200 {
		t.Errorf("follow-up: %d", status)
	}
	if status, _ := webhook(http.MethodPost, "?wait=true", in, map[string]any{"content": "second"}); status != 200 {
		t.Errorf("follow-up: %d", status)
	}
	got, _ := s.Interaction(in.ID)
	if got.Original == nil || got.Original.Content != "first" || !got.Original.Ephemeral() || got.Original.Flags&FlagLoading != 0 || len(got.Followups) != 1 {
		t.Errorf("interaction %+v", got)
	}

	late := send()
	c.Add(AckDeadline + time.Millisecond)
	if status, b := callback(late, deferral); status != 404 || b["code"] != 10062.0 {
		t.Errorf("late callback: %d %v", status, b)
	}
	if status, b := callback(send(), map[string]any{"type": 5, "data": map[string]any{"flags": FlagSuppressEmbeds}}); status != 400 {
		t.Errorf("a deferral with SUPPRESS_EMBEDS: %d %v", status, b)
	}
	old := send()
	callback(old, map[string]any{"type": 5})
	c.Add(TokenLifetime + time.Second)
	if status, b := webhook(http.MethodPatch, "/messages/@original", old, map[string]any{"content": "x"}); status != 401 || b["code"] != 50027.0 {
		t.Errorf("edit after the token's lifetime: %d %v", status, b)
	}
	if status, b := callback(Interaction{ID: "1", Token: "t"}, deferral); status != 404 || b["code"] != 10062.0 {
		t.Errorf("unknown interaction: %d %v", status, b)
	}
}
