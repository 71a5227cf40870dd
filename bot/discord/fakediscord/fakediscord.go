// Package fakediscord is a fake Discord for tests and local runs: an HTTP server on
// 127.0.0.1 that answers the REST routes briefbot calls, and a gateway websocket on the
// same server. It records what it receives, so that a test can send an interaction or a
// message mentioning the bot and check the acknowledgement and the reply.
//
// REST (under APIURL, which is URL + "/api/v9/"): GET gateway and gateway/bot, GET
// users/@me (the bot token checked: 401 otherwise), PUT applications/{app}/commands and
// applications/{app}/guilds/{guild}/commands (a bulk overwrite), POST
// interactions/{id}/{token}/callback, PATCH webhooks/{app}/{token}/messages/@original, POST
// webhooks/{app}/{token} (a follow-up), POST and GET channels/{id}/messages (the history
// newest first, with limit, before and after, without nonces), and GET channels/{id}
// (its last_message_id). Forbid makes a channel answer 403 Missing Access, DenyHistory
// makes its history read empty, as Discord answers a bot without Read Message History,
// and AddMessage puts a message in a history without an event. Each
// request is recorded (Requests, WaitRequests) with its body parsed: content, embeds,
// flags, allowed_mentions, message_reference, nonce and enforce_nonce. Message bodies are
// checked against Discord's limits (content 2000 characters; 10 embeds; title 256,
// description 4096, 25 fields of 256 and 1024, footer 2048, author 256; 6000 over all
// embeds; the allowed flags) and refused with Discord's 400 (code 50035) when over them,
// or 50006 when empty. A message of the bot records whom it pings (Message.Mentions,
// MentionRoles, MentionEveryone): the users, roles and @everyone/@here its content
// mentions that its allowed_mentions allow (all of them when it has none); embeds ping
// no one. A created message with a nonce and enforce_nonce returns the
// message first created with that nonce by the same author in the last NonceWindow, as
// Discord does, instead of creating another. Interactions keep Discord's rules: one
// callback, within AckDeadline of the event (10062 Unknown interaction after it, 40060
// when acknowledged twice), a token valid for TokenLifetime (50027 after it), and a
// follow-up sent after a deferral before any edit edits the original response.
//
// Faults: Fault makes the next requests of a route (an Op) answer 429 with Retry-After
// and the X-RateLimit headers discordgo reads, a 5xx, or answer late, after acting on the
// request or not, or hold the answer of a request it acted on until the test lets it go
// (Fault.Hold); SetRateLimit gives a route a bucket of N requests a window, answered
// with the X-RateLimit headers and 429 beyond them; SetDown drops every connection, as a
// network that is down.
//
// The gateway (GatewayURL, the URL that GET gateway returns) speaks JSON text frames:
// Hello (its heartbeat_interval set with SetHeartbeatInterval), Identify (its token and intents recorded; close 4004 for
// another token, 4014 for a privileged intent, 4013 for an invalid one), READY (the bot's
// user, a session_id, resume_gateway_url), Heartbeat ACKs, RESUME (the events the session
// missed replayed, then RESUMED; op 9 when the session is unknown), and the events a test
// sends: SendInteraction (INTERACTION_CREATE) and SendMessage (MESSAGE_CREATE, its
// content blank unless the bot is mentioned, it is a DM, or the intents hold
// MESSAGE_CONTENT, as Discord does). Messages the bot posts are dispatched back to it as
// MESSAGE_CREATE too (SetEcho). Faults: CloseGateway (a close frame with a code),
// DropGateway (no close frame), SendReconnect (op 7), SendInvalidSession (op 9,
// resumable or not), InvalidateSession, and StopHeartbeatAcks for a zombied
// connection. WaitConnections, WaitIdentifies and WaitResumes wait for the client.
//
// Nothing here talks to the network beyond the loopback interface: Client and Dialer
// refuse any other host.
package fakediscord

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Identities of the fake.
const (
	// Token is the bot token the server accepts; clients send "Bot " + Token.
	Token = "fake-discord-bot-token-for-tests"
	// AppID is the application's ID; BotUserID the bot user's, the same, as for every
	// bot created since 2019.
	AppID     = "1100000000000000001"
	BotUserID = AppID
	// BotName is the bot user's name.
	BotName = "briefbot"
	// GuildID, ChannelID and UserID are the defaults of the events a test sends: a
	// guild, a text channel in it, and a user; DMChannelID is that user's DM channel.
	GuildID     = "1200000000000000001"
	ChannelID   = "1300000000000000001"
	DMChannelID = "1300000000000000002"
	UserID      = "1400000000000000001"
)

// The routes, by name: Request.Op, and the op of Fault and SetRateLimit.
const (
	OpGateway    = "gateway"     // GET gateway
	OpGatewayBot = "gateway/bot" // GET gateway/bot
	OpMe         = "users/@me"   // GET users/@me
	OpCommands   = "commands"    // PUT applications/{app}[/guilds/{guild}]/commands
	OpCallback   = "callback"    // POST interactions/{id}/{token}/callback
	OpEdit       = "edit"        // PATCH webhooks/{app}/{token}/messages/@original
	OpFollowup   = "followup"    // POST webhooks/{app}/{token}
	OpMessage    = "message"     // POST channels/{channel}/messages
	OpHistory    = "history"     // GET channels/{channel}/messages
	OpChannel    = "channel"     // GET channels/{channel}
)

// Discord's timing rules, as the server keeps them.
const (
	// AckDeadline is how long after its event an interaction may be acknowledged.
	AckDeadline = 3 * time.Second
	// TokenLifetime is how long an interaction token lets the app edit and follow up.
	TokenLifetime = 15 * time.Minute
	// NonceWindow is how long a nonce with enforce_nonce stays taken.
	NonceWindow = 5 * time.Minute
)

// A Request is a REST request the server received.
type Request struct {
	// Op names the route (OpMessage, …); "" for a route the fake does not know.
	Op           string
	Method, Path string
	Query        url.Values
	Header       http.Header
	Body         []byte
	// Status is what the server answered; 0 while it has not, or when it dropped the
	// connection or the client gave up first.
	Status int
	At     time.Time
	// The route's parameters, where it has them.
	ChannelID, GuildID, InteractionID, Token string
	// Message is the parsed body of a message (OpMessage, OpEdit, OpFollowup), or the
	// data of a callback; Callback the parsed callback; Commands the parsed commands
	// of a bulk overwrite. Each is nil when the body did not parse.
	Message  *MessageBody
	Callback *Callback
	Commands []Command
}

// Server is a fake Discord.
type Server struct {
	// URL is the server's base URL; APIURL the REST base (URL + "/api/v9/");
	// GatewayURL the gateway's websocket URL.
	URL, APIURL, GatewayURL string

	srv  *httptest.Server
	down atomic.Bool
	ids  atomic.Int64

	mu           sync.Mutex
	changed      chan struct{} // closed and replaced whenever something is recorded
	now          func() time.Time
	requests     []*Request
	faults       map[string][]*Fault
	buckets      map[string]*bucket
	messages     map[string][]*Message // by channel, oldest first
	nonces       map[string]nonceEntry // by author + nonce
	interactions map[string]*interaction
	byToken      map[string]*interaction
	commands     map[string][]Command // the last overwrite, by guild ("" for global)
	cmdIDs       map[string]string    // command IDs by guild + "/" + name
	forbidden    map[string]bool      // channels the bot may not see
	noHistory    map[string]bool      // channels whose history the bot may not read
	dms          map[string]bool      // DM channels
	gw           gatewayState
}

// New starts a fake Discord; Close stops it.
func New() *Server {
	s := &Server{
		changed: make(chan struct{}), now: time.Now,
		faults: map[string][]*Fault{}, buckets: map[string]*bucket{},
		messages: map[string][]*Message{}, nonces: map[string]nonceEntry{},
		interactions: map[string]*interaction{}, byToken: map[string]*interaction{},
		commands: map[string][]Command{}, cmdIDs: map[string]string{},
		forbidden: map[string]bool{}, noHistory: map[string]bool{}, dms: map[string]bool{DMChannelID: true},
	}
	s.ids.Store(1500000000000000000)
	s.gw.init()
	mux := http.NewServeMux()
	s.routes(mux)
	s.srv = httptest.NewServer(s.middleware(mux))
	s.URL = s.srv.URL
	s.APIURL = s.srv.URL + "/api/v9/"
	s.GatewayURL = "ws" + strings.TrimPrefix(s.srv.URL, "http") + "/gw"
	return s
}

// Close stops the server and closes its connections.
func (s *Server) Close() {
	s.mu.Lock()
	conn := s.gw.conn
	s.mu.Unlock()
	if conn != nil {
		conn.abort()
	}
	s.srv.CloseClientConnections()
	s.srv.Close()
}

// SetClock sets the server's clock, which the interaction deadlines, the nonce window
// and the rate-limit windows read; nil restores time.Now.
func (s *Server) SetClock(now func() time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if now == nil {
		now = time.Now
	}
	s.now = now
}

// SetDown takes the server's network down or brings it back. While it is down, every
// request (REST or gateway) has its connection closed without an answer, and
// SetDown(true) drops the current gateway connection without a close frame.
func (s *Server) SetDown(down bool) {
	s.down.Store(down)
	if down {
		s.DropGateway()
	}
}

// Requests returns the REST requests received so far, of the given ops (all when none
// is given), oldest first.
func (s *Server) Requests(ops ...string) []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.requestsLocked(ops)
}

// WaitRequests waits until at least n requests of the given ops (all when none is
// given) were answered, and returns them.
func (s *Server) WaitRequests(ctx context.Context, n int, ops ...string) ([]Request, error) {
	var got []Request
	err := s.wait(ctx, func() bool {
		got = s.requestsLocked(ops)
		answered := 0
		for _, r := range got {
			if r.Status != 0 {
				answered++
			}
		}
		return answered >= n
	})
	return got, err
}

func (s *Server) requestsLocked(ops []string) []Request {
	var out []Request
	for _, r := range s.requests {
		if len(ops) == 0 || contains(ops, r.Op) {
			out = append(out, *r)
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// wait calls cond, with s.mu held, until it holds or ctx ends.
func (s *Server) wait(ctx context.Context, cond func() bool) error {
	for {
		s.mu.Lock()
		ok := cond()
		ch := s.changed
		s.mu.Unlock()
		if ok {
			return nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return fmt.Errorf("fakediscord: waiting: %w", ctx.Err())
		}
	}
}

// notify wakes the waiters; s.mu must be held.
func (s *Server) notify() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// newID returns a new snowflake-shaped ID, greater than every ID before it.
func (s *Server) newID() string { return strconv.FormatInt(s.ids.Add(1), 10) }

// middleware drops every connection while the server is down.
func (s *Server) middleware(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.down.Load() {
			if conn, _, err := w.(http.Hijacker).Hijack(); err == nil {
				conn.Close()
			}
			return
		}
		h.ServeHTTP(w, r)
	})
}

// authorized reports whether r carries the bot token.
func authorized(r *http.Request) bool {
	return r.Header.Get("Authorization") == "Bot "+Token
}
