// Package fakeslack is a fake Slack for tests and local runs: an HTTP server on
// 127.0.0.1 that answers the Web API methods briefbot calls (auth.test,
// apps.connections.open, chat.postMessage), serves a Socket Mode websocket, and plays
// the response_url of slash commands. It records what it receives, so that a test can
// send a slash command envelope and check the acknowledgement and the reply.
//
// Point an adapter at it with its APIURL. Nothing here talks to the network beyond the
// loopback interface.
//
// To test a burst against a slow Slack: SetDelay makes every Web API call and
// response_url message wait before its answer (each is recorded when it arrives, before
// the wait, so a call whose client gave up is still counted, as Slack would have acted
// on it); SetDown makes the server drop every connection, as a network that is down.
// Stats counts what arrived: Web API calls by method, posts by channel, response_url
// messages by command ID, commands sent, acknowledgements, connections, and the most
// requests answered at once. Sending each command of a burst in a channel of its own
// (Command.ChannelID) lets a test check that every command got exactly one answer: its
// channel's posts plus its ID's responses add up to one.
package fakeslack

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gorilla/websocket"
)

// Tokens the server accepts.
const (
	BotToken = "xoxb-fake-bot-token"
	AppToken = "xapp-fake-app-token"
)

// A Post is a chat.postMessage call the server received.
type Post struct {
	Channel string
	Text    string
	// Blocks is the JSON of the blocks, as sent.
	Blocks string
	// TS is the message's ts, which the default answer returns (see Message).
	TS string
	// Metadata is the message metadata as posted (JSON), or "".
	Metadata string
	Form     url.Values
}

// A Response is a message sent to a response_url.
type Response struct {
	// ID is the command's envelope ID, from the response_url's path.
	ID           string
	ResponseType string          `json:"response_type"`
	Text         string          `json:"text"`
	Blocks       json.RawMessage `json:"blocks"`
	UnfurlLinks  *bool           `json:"unfurl_links"`
	Raw          []byte          `json:"-"`
}

// An Ack is an acknowledgement received over the websocket.
type Ack struct {
	EnvelopeID string          `json:"envelope_id"`
	Payload    json.RawMessage `json:"payload"`
	At         time.Time       `json:"-"`
}

// A Reply is what a handler set with HandlePost returns for one chat.postMessage call.
type Reply struct {
	Status int
	Header http.Header
	Body   string
}

// Server is a fake Slack.
type Server struct {
	// URL is the server's base URL; APIURL is the Web API base (URL + "/api/").
	URL, APIURL string

	srv *httptest.Server

	mu        sync.Mutex
	changed   chan struct{} // closed and replaced whenever something is recorded
	posts     []Post
	responses []Response
	acks      map[string]Ack
	sent      map[string]time.Time
	conn      *wsConn // the current Socket Mode connection
	onPost    func(Post) Reply
	nextID    atomic.Int64
	stats     Stats
	inFlight  int
	webDelay  time.Duration // before answering a Web API call
	respDelay time.Duration // before answering a response_url message
	down      atomic.Bool

	history    map[string][]Message // by channel, oldest first
	lastTS     int64                // the last ts given, in microseconds
	clock      func() time.Time     // nil: time.Now
	historyErr string               // what conversations.history fails with, if anything
}

// New starts a fake Slack; Close stops it.
func New() *Server {
	s := &Server{changed: make(chan struct{}), acks: map[string]Ack{}, sent: map[string]time.Time{}, history: map[string][]Message{},
		stats: Stats{Calls: map[string]int{}, Posts: map[string]int{}, Responses: map[string]int{}, PostsAnswered: map[string]int{}, ResponsesAnswered: map[string]int{}}}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /api/auth.test", s.authTest)
	mux.HandleFunc("POST /api/apps.connections.open", s.connectionsOpen)
	mux.HandleFunc("POST /api/chat.postMessage", s.postMessage)
	mux.HandleFunc("POST /api/conversations.history", s.conversationsHistory)
	mux.HandleFunc("GET /ws", s.websocket)
	mux.HandleFunc("POST /response/{id}", s.response)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]any{"ok": false, "error": "unknown_method"})
	})
	s.srv = httptest.NewServer(s.middleware(mux))
	s.URL = s.srv.URL
	s.APIURL = s.srv.URL + "/api/"
	return s
}

// Close stops the server and closes its connections.
func (s *Server) Close() {
	s.mu.Lock()
	if s.conn != nil {
		s.conn.close()
		s.conn = nil
	}
	s.mu.Unlock()
	s.srv.CloseClientConnections()
	s.srv.Close()
}

// HandlePost sets what chat.postMessage answers (after recording the call); nil
// restores the default, {"ok":true} with the message's channel and ts. The post enters
// the channel's history once fn returns, unless fn refused it (see Message).
func (s *Server) HandlePost(fn func(Post) Reply) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.onPost = fn
}

// ResponseURL returns the response_url of the command with the given ID.
func (s *Server) ResponseURL(id string) string { return s.URL + "/response/" + id }

// A Command is a slash command to send.
type Command struct {
	Command, Text, ChannelID, UserID string
}

// SendCommand sends a slash command envelope over the current Socket Mode connection
// and returns its envelope ID. The command's response_url points at this server.
func (s *Server) SendCommand(c Command) (string, error) {
	id := fmt.Sprintf("env-%d", s.nextID.Add(1))
	if c.ChannelID == "" {
		c.ChannelID = "C0FAKE"
	}
	if c.UserID == "" {
		c.UserID = "U0FAKE"
	}
	payload := map[string]string{
		"command": c.Command, "text": c.Text, "channel_id": c.ChannelID, "channel_name": "general",
		"user_id": c.UserID, "user_name": "someone", "team_id": "T0FAKE", "team_domain": "fake",
		"response_url": s.ResponseURL(id), "trigger_id": "trigger-" + id, "api_app_id": "A0FAKE",
	}
	env, err := json.Marshal(map[string]any{
		"type": "slash_commands", "envelope_id": id, "payload": payload, "accepts_response_payload": true,
	})
	if err != nil {
		return "", err
	}
	s.mu.Lock()
	conn := s.conn
	if conn == nil {
		s.mu.Unlock()
		return "", fmt.Errorf("fakeslack: no socket mode connection")
	}
	s.sent[id] = time.Now()
	s.stats.Commands++
	s.mu.Unlock()
	select {
	case conn.out <- env:
	case <-conn.closed:
		return "", fmt.Errorf("fakeslack: the socket mode connection closed")
	case <-time.After(5 * time.Second):
		return "", fmt.Errorf("fakeslack: the websocket writer is stuck")
	}
	return id, nil
}

// Sent returns when the envelope with the given ID was handed to the websocket writer.
func (s *Server) Sent(id string) time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sent[id]
}

// WaitConnected waits until a Socket Mode client is connected.
func (s *Server) WaitConnected(ctx context.Context) error {
	return s.wait(ctx, func() bool { return s.conn != nil })
}

// WaitConnections waits until n Socket Mode connections were opened in all, and one is
// connected: after a drop, n is one more than before it.
func (s *Server) WaitConnections(ctx context.Context, n int) error {
	return s.wait(ctx, func() bool { return s.conn != nil && s.stats.Connections >= n })
}

// WaitAck waits for the acknowledgement of an envelope.
func (s *Server) WaitAck(ctx context.Context, id string) (Ack, error) {
	var a Ack
	err := s.wait(ctx, func() bool {
		var ok bool
		a, ok = s.acks[id]
		return ok
	})
	return a, err
}

// WaitPosts waits until at least n chat.postMessage calls arrived, and returns them.
func (s *Server) WaitPosts(ctx context.Context, n int) ([]Post, error) {
	var p []Post
	err := s.wait(ctx, func() bool {
		p = append([]Post(nil), s.posts...)
		return len(p) >= n
	})
	return p, err
}

// WaitResponses waits until at least n response_url messages arrived, and returns them.
func (s *Server) WaitResponses(ctx context.Context, n int) ([]Response, error) {
	var r []Response
	err := s.wait(ctx, func() bool {
		r = append([]Response(nil), s.responses...)
		return len(r) >= n
	})
	return r, err
}

// Posts returns the chat.postMessage calls so far.
func (s *Server) Posts() []Post {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Post(nil), s.posts...)
}

// Responses returns the response_url messages so far.
func (s *Server) Responses() []Response {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Response(nil), s.responses...)
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
			return fmt.Errorf("fakeslack: waiting: %w", ctx.Err())
		}
	}
}

// notify wakes the waiters; s.mu must be held.
func (s *Server) notify() {
	close(s.changed)
	s.changed = make(chan struct{})
}

func (s *Server) authTest(w http.ResponseWriter, r *http.Request) {
	if web, _ := s.delays(); !wait(r, web) {
		return
	}
	if token(r) != BotToken {
		writeJSON(w, http.StatusOK, map[string]any{"ok": false, "error": "invalid_auth"})
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"ok": true, "url": "https://fake.slack.com/", "team": "Fake", "team_id": "T0FAKE", "user": "briefbot", "user_id": "U0BOT"})
}

func (s *Server) connectionsOpen(w http.ResponseWriter, r *http.Request) {
	if web, _ := s.delays(); !wait(r, web) {
		return
	}
	if token(r) != AppToken {
		writeJSON(w, http.StatusOK, map[string]any{"ok": false, "error": "invalid_auth"})
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"ok": true, "url": "ws" + strings.TrimPrefix(s.URL, "http") + "/ws"})
}

func (s *Server) postMessage(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		writeJSON(w, http.StatusOK, map[string]any{"ok": false, "error": "invalid_form_data"})
		return
	}
	if token(r) != BotToken {
		writeJSON(w, http.StatusOK, map[string]any{"ok": false, "error": "invalid_auth"})
		return
	}
	p := Post{Channel: r.PostForm.Get("channel"), Text: r.PostForm.Get("text"), Blocks: r.PostForm.Get("blocks"),
		Metadata: r.PostForm.Get("metadata"), Form: r.PostForm}
	s.mu.Lock()
	p.TS = s.nextTS()
	s.posts = append(s.posts, p)
	s.stats.Posts[p.Channel]++
	fn, delay := s.onPost, s.webDelay
	if fn == nil {
		s.keep(p) // Slack keeps it, whether or not its answer arrives
	}
	s.notify()
	s.mu.Unlock()
	if !wait(r, delay) {
		return
	}
	s.mu.Lock()
	s.stats.PostsAnswered[p.Channel]++
	s.mu.Unlock()
	if fn != nil {
		rep := fn(p)
		if !refused(rep) {
			s.mu.Lock()
			s.keep(p)
			s.mu.Unlock()
		}
		for k, v := range rep.Header {
			w.Header()[k] = v
		}
		if rep.Status == 0 {
			rep.Status = http.StatusOK
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(rep.Status)
		io.WriteString(w, rep.Body)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"ok": true, "channel": p.Channel, "ts": p.TS})
}

func (s *Server) response(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	var resp Response
	if err := json.Unmarshal(body, &resp); err != nil {
		http.Error(w, "bad json", http.StatusBadRequest)
		return
	}
	resp.ID, resp.Raw = r.PathValue("id"), body
	s.mu.Lock()
	s.responses = append(s.responses, resp)
	s.stats.Responses[resp.ID]++
	delay := s.respDelay
	s.notify()
	s.mu.Unlock()
	if !wait(r, delay) {
		return
	}
	s.mu.Lock()
	s.stats.ResponsesAnswered[resp.ID]++
	s.mu.Unlock()
	io.WriteString(w, "ok")
}

// wsConn is one websocket connection's queue of envelopes.
type wsConn struct {
	ws     *websocket.Conn
	out    chan []byte
	closed chan struct{}
	once   sync.Once
}

// close ends the connection with a close frame.
func (c *wsConn) close() { c.once.Do(func() { close(c.closed) }) }

// abort ends the connection without a close frame, as a failing network does.
func (c *wsConn) abort() { c.ws.Close() }

var upgrader = websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}

// websocket serves one Socket Mode connection: hello first, then the envelopes of
// SendCommand, pings every second; it records the acknowledgements it reads.
func (s *Server) websocket(w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	defer conn.Close()
	c := &wsConn{ws: conn, out: make(chan []byte, 256), closed: make(chan struct{})}
	s.mu.Lock()
	if s.conn != nil {
		s.conn.close()
	}
	s.conn = c
	s.stats.Connections++
	s.notify()
	s.mu.Unlock()

	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			_, data, err := conn.ReadMessage()
			if err != nil {
				return
			}
			var a Ack
			if json.Unmarshal(data, &a) != nil || a.EnvelopeID == "" {
				continue
			}
			a.At = time.Now()
			s.mu.Lock()
			s.acks[a.EnvelopeID] = a
			s.stats.Acks++
			s.notify()
			s.mu.Unlock()
		}
	}()
	hello := `{"type":"hello","num_connections":1,"debug_info":{"host":"fakeslack"},"connection_info":{"app_id":"A0FAKE"}}`
	if err := conn.WriteMessage(websocket.TextMessage, []byte(hello)); err != nil {
		return
	}
	ping := time.NewTicker(time.Second)
	defer ping.Stop()
	defer func() {
		s.mu.Lock()
		if s.conn == c {
			s.conn = nil
		}
		s.mu.Unlock()
	}()
	for {
		select {
		case <-c.closed:
			conn.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(websocket.CloseNormalClosure, ""), time.Now().Add(time.Second))
			return
		case env := <-c.out:
			if err := conn.WriteMessage(websocket.TextMessage, env); err != nil {
				return
			}
		case <-ping.C:
			if err := conn.WriteControl(websocket.PingMessage, []byte("ping"), time.Now().Add(time.Second)); err != nil {
				return
			}
		case <-done:
			return
		}
	}
}

// token returns the token of a Web API call: the Authorization header's bearer token,
// or the token form field.
func token(r *http.Request) string {
	if t, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok {
		return t
	}
	r.ParseForm()
	return r.PostForm.Get("token")
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}
