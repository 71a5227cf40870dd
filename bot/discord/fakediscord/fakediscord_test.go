package fakediscord

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// call sends a REST request to the fake with the bot token and returns the status, the
// headers and the decoded body.
func call(t *testing.T, s *Server, method, path string, body any) (int, http.Header, map[string]any) {
	t.Helper()
	var r io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		r = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, s.APIURL+path, r)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bot "+Token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := s.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	var out map[string]any
	if len(data) > 0 && data[0] == '{' {
		if err := json.Unmarshal(data, &out); err != nil {
			t.Fatalf("%s %s: %v: %s", method, path, err, data)
		}
	}
	return resp.StatusCode, resp.Header, out
}

func newServer(t *testing.T) *Server {
	t.Helper()
	s := New()
	t.Cleanup(s.Close)
	return s
}

func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return c
}

// clock is a settable clock.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func TestRESTNeedsTheBotToken(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	req, _ := http.NewRequest(http.MethodGet, s.APIURL+"users/@me", nil)
	req.Header.Set("Authorization", "Bot not-the-token")
	resp, err := s.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("users/@me with another token: %d, want 401", resp.StatusCode)
	}
	if status, _, me := call(t, s, http.MethodGet, "users/@me", nil); status != 200 || me["id"] != BotUserID {
		t.Errorf("users/@me: %d %v", status, me)
	}
}

func TestNonceDedup(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	c := &clock{now: time.Date(2026, 12, 2, 7, 0, 0, 0, time.UTC)}
	s.SetClock(c.Now)
	post := func(nonce string, enforce bool) string {
		t.Helper()
		status, _, m := call(t, s, http.MethodPost, "channels/"+ChannelID+"/messages",
			map[string]any{"content": "briefing", "nonce": nonce, "enforce_nonce": enforce})
		if status != 200 {
			t.Fatalf("post: %d %v", status, m)
		}
		return m["id"].(string)
	}
	first := post("n1", true)
	if again := post("n1", true); again != first {
		t.Errorf("the same nonce with enforce_nonce made message %s, want %s", again, first)
	}
	if other := post("n2", true); other == first {
		t.Errorf("another nonce returned the first message")
	}
	if loose := post("n1", false); loose == first {
		t.Errorf("the same nonce without enforce_nonce returned the first message")
	}
	c.Add(NonceWindow)
	if late := post("n1", true); late == first {
		t.Errorf("a nonce after the window returned the first message")
	}
	if n := len(s.Messages(ChannelID)); n != 4 {
		t.Errorf("%d messages, want 4", n)
	}
	resp, _ := s.Client().Do(mustRequest(t, s, "channels/"+ChannelID+"/messages?limit=2"))
	var msgs []map[string]any
	json.NewDecoder(resp.Body).Decode(&msgs)
	resp.Body.Close()
	if len(msgs) != 2 || msgs[0]["id"].(string) <= msgs[1]["id"].(string) {
		t.Errorf("history = %v, want the 2 newest, newest first", msgs)
	}
	for _, m := range msgs {
		if _, ok := m["nonce"]; ok {
			t.Errorf("the history shows a nonce")
		}
	}
}

func mustRequest(t *testing.T, s *Server, path string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, s.APIURL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bot "+Token)
	return req
}

func TestMessageLimits(t *testing.T) {
	t.Parallel()
	embeds := func(n, size int) []map[string]any {
		var out []map[string]any
		for range n {
			out = append(out, map[string]any{"description": strings.Repeat("d", size)})
		}
		return out
	}
	fields := func(n int) []map[string]any {
		var out []map[string]any
		for range n {
			out = append(out, map[string]any{"name": "n", "value": "v"})
		}
		return out
	}
	tests := []struct {
		name   string
		body   map[string]any
		status int
		code   float64
	}{
		{"content at the limit", map[string]any{"content": strings.Repeat("é", MaxContent)}, 200, 0},
		{"content over", map[string]any{"content": strings.Repeat("a", MaxContent+1)}, 400, 50035},
		{"trailing white space not counted", map[string]any{"content": strings.Repeat("a", MaxContent) + "   \n"}, 200, 0},
		{"empty", map[string]any{"content": "  "}, 400, 50006},
		{"10 embeds", map[string]any{"embeds": embeds(10, 10)}, 200, 0},
		{"11 embeds", map[string]any{"embeds": embeds(11, 10)}, 400, 50035},
		{"description over", map[string]any{"embeds": embeds(1, MaxEmbedDescription+1)}, 400, 50035},
		{"6000 in all", map[string]any{"embeds": embeds(2, 3000)}, 200, 0},
		{"over 6000 in all", map[string]any{"embeds": embeds(2, 3001)}, 400, 50035},
		{"title over", map[string]any{"embeds": []map[string]any{{"title": strings.Repeat("t", 257)}}}, 400, 50035},
		{"26 fields", map[string]any{"embeds": []map[string]any{{"fields": fields(26)}}}, 400, 50035},
		{"suppress embeds", map[string]any{"content": "x", "flags": FlagSuppressEmbeds}, 200, 0},
		{"ephemeral in a channel", map[string]any{"content": "x", "flags": FlagEphemeral}, 400, 50035},
		{"nonce too long", map[string]any{"content": "x", "nonce": strings.Repeat("n", 26)}, 400, 50035},
		{"reply to no message", map[string]any{"content": "x", "message_reference": map[string]any{"message_id": "1"}}, 400, 50035},
		{"reply to no message, allowed", map[string]any{"content": "x", "message_reference": map[string]any{"message_id": "1", "fail_if_not_exists": false}}, 200, 0},
	}
	s := newServer(t)
	for _, tt := range tests {
		status, _, body := call(t, s, http.MethodPost, "channels/"+ChannelID+"/messages", tt.body)
		if status != tt.status || (tt.code != 0 && body["code"] != tt.code) {
			t.Errorf("%s: %d %v, want %d code %v", tt.name, status, body, tt.status, tt.code)
		}
	}
}

func TestMentionsOfBotMessages(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	content := "@everyone <@" + UserID + "> <@&456> <#789>"
	call(t, s, http.MethodPost, "channels/"+ChannelID+"/messages", map[string]any{"content": content, "allowed_mentions": map[string]any{"parse": []string{}}})
	call(t, s, http.MethodPost, "channels/"+ChannelID+"/messages", map[string]any{"content": content})
	call(t, s, http.MethodPost, "channels/"+ChannelID+"/messages", map[string]any{"content": content, "allowed_mentions": map[string]any{"parse": []string{"roles"}}})
	msgs := s.Messages(ChannelID)
	if m := msgs[0]; len(m.Mentions) != 0 || len(m.MentionRoles) != 0 || m.MentionEveryone {
		t.Errorf("with parse [] the message pings %v, roles %v, everyone %v", m.Mentions, m.MentionRoles, m.MentionEveryone)
	}
	if m := msgs[1]; len(m.Mentions) != 1 || len(m.MentionRoles) != 1 || !m.MentionEveryone {
		t.Errorf("with no allowed_mentions the message pings %v, roles %v, everyone %v; want all", m.Mentions, m.MentionRoles, m.MentionEveryone)
	}
	if m := msgs[2]; len(m.Mentions) != 0 || len(m.MentionRoles) != 1 || m.MentionRoles[0] != "456" || m.MentionEveryone {
		t.Errorf("with parse [roles] the message pings %v, roles %v, everyone %v; want the role alone", m.Mentions, m.MentionRoles, m.MentionEveryone)
	}
}

func TestFaults(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	s.Fault(OpMessage, Fault{Status: 429, RetryAfter: 1500 * time.Millisecond})
	s.Fault(OpMessage, Fault{Status: 502, Applied: true})
	path := "channels/" + ChannelID + "/messages"
	status, h, body := call(t, s, http.MethodPost, path, map[string]any{"content": "a"})
	if status != 429 || h.Get("Retry-After") != "2" || h.Get("X-RateLimit-Reset-After") != "1.500" ||
		h.Get("X-RateLimit-Remaining") != "0" || body["retry_after"] != 1.5 || body["global"] != false {
		t.Errorf("429: %d %v %v", status, h, body)
	}
	if status, _, _ = call(t, s, http.MethodPost, path, map[string]any{"content": "b"}); status != 502 {
		t.Errorf("second request: %d, want 502", status)
	}
	if status, _, _ = call(t, s, http.MethodPost, path, map[string]any{"content": "c"}); status != 200 {
		t.Errorf("third request: %d, want 200", status)
	}
	msgs := s.Messages(ChannelID)
	if len(msgs) != 2 || msgs[0].Content != "b" || msgs[1].Content != "c" {
		t.Errorf("messages %v: want the applied 502's and the third", msgs)
	}
	reqs := s.Requests(OpMessage)
	if len(reqs) != 3 || reqs[0].Status != 429 || reqs[0].Message.Content != "a" {
		t.Errorf("requests %+v", reqs)
	}
	s.Fault(OpMe, Fault{Status: 429, Global: true, RetryAfter: 10 * time.Millisecond})
	if _, h, _ := call(t, s, http.MethodGet, "users/@me", nil); h.Get("X-RateLimit-Global") != "true" || h.Get("X-RateLimit-Scope") != "global" {
		t.Errorf("global 429 headers: %v", h)
	}
}

func TestRateLimitBuckets(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	c := &clock{now: time.Date(2026, 12, 2, 7, 0, 0, 0, time.UTC)}
	s.SetClock(c.Now)
	s.SetRateLimit(OpMessage, 2, time.Second)
	path := "channels/" + ChannelID + "/messages"
	want := []int{200, 200, 429}
	for i, w := range want {
		status, h, _ := call(t, s, http.MethodPost, path, map[string]any{"content": "x"})
		if status != w {
			t.Errorf("request %d: %d, want %d", i, status, w)
		}
		if i == 1 && h.Get("X-RateLimit-Remaining") != "0" {
			t.Errorf("request %d: remaining %q", i, h.Get("X-RateLimit-Remaining"))
		}
	}
	if status, _, _ := call(t, s, http.MethodPost, "channels/"+DMChannelID+"/messages", map[string]any{"content": "x"}); status != 200 {
		t.Errorf("another channel: %d, want its own bucket", status)
	}
	c.Add(time.Second)
	if status, _, _ := call(t, s, http.MethodPost, path, map[string]any{"content": "x"}); status != 200 {
		t.Errorf("after the window: %d", status)
	}
}

func TestCommands(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	good := []map[string]any{
		{"name": "brief", "description": "Today's briefing"},
		{"name": "who-said", "description": "Who said it", "options": []map[string]any{
			{"type": 3, "name": "term", "description": "A word", "required": true},
			{"type": 5, "name": "share", "description": "Show everyone"},
		}},
	}
	status, _, _ := call(t, s, http.MethodPut, "applications/"+AppID+"/guilds/"+GuildID+"/commands", good)
	if status != 200 || len(s.Commands(GuildID)) != 2 || len(s.Commands("")) != 0 {
		t.Errorf("guild overwrite: %d, %d commands", status, len(s.Commands(GuildID)))
	}
	for name, bad := range map[string][]map[string]any{
		"upper case":          {{"name": "Brief", "description": "d"}},
		"space":               {{"name": "who said", "description": "d"}},
		"no description":      {{"name": "brief", "description": ""}},
		"required after":      {{"name": "x", "description": "d", "options": []map[string]any{{"type": 5, "name": "a", "description": "d"}, {"type": 3, "name": "b", "description": "d", "required": true}}}},
		"twice the same name": {{"name": "x", "description": "d"}, {"name": "x", "description": "d"}},
	} {
		if status, _, _ := call(t, s, http.MethodPut, "applications/"+AppID+"/commands", bad); status != 400 {
			t.Errorf("%s: %d, want 400", name, status)
		}
	}
}
