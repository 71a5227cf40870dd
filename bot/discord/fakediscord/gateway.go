package fakediscord

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/gorilla/websocket"
)

// Gateway intents the server knows.
const (
	IntentGuilds          = 1 << 0
	IntentGuildMembers    = 1 << 1
	IntentGuildPresences  = 1 << 8
	IntentGuildMessages   = 1 << 9
	IntentDirectMessages  = 1 << 12
	IntentMessageContent  = 1 << 15
	privilegedIntents     = IntentGuildMembers | IntentGuildPresences | IntentMessageContent
	maxIntent             = 1 << 26
	defaultHeartbeat      = 41250 * time.Millisecond
	maxLoggedDispatches   = 1000
	gatewayWriteTimeout   = 5 * time.Second
	gatewayCloseWait      = 2 * time.Second
	gatewayOutgoingFrames = 1024
)

// ErrNoSession is the error of sending an event while the gateway has no session (no
// client identified, or its session was invalidated).
var ErrNoSession = errors.New("fakediscord: no gateway session")

// ErrNotSubscribed is the error of sending an event the session's intents do not
// subscribe to: Discord would not have sent it.
var ErrNotSubscribed = errors.New("fakediscord: the session's intents do not cover the event")

// An Identify is an Identify (op 2) the gateway received.
type Identify struct {
	Token          string            `json:"token"`
	Intents        int               `json:"intents"`
	Properties     map[string]string `json:"properties"`
	Compress       bool              `json:"compress"`
	LargeThreshold int               `json:"large_threshold"`
	Shard          *[2]int           `json:"shard"`
	At             time.Time         `json:"-"`
}

// A Resume is a Resume (op 6) the gateway received; Accepted reports whether the
// session was resumed (otherwise the client got op 9).
type Resume struct {
	Token     string    `json:"token"`
	SessionID string    `json:"session_id"`
	Seq       int64     `json:"seq"`
	At        time.Time `json:"-"`
	Accepted  bool      `json:"-"`
}

// GatewayStats describes the gateway's connections and session.
type GatewayStats struct {
	// Connections counts the websocket connections opened; Identifies and Resumes the
	// ops received (Resumes those accepted); Heartbeats the heartbeats.
	Connections, Identifies, Resumes, Heartbeats int
	// Live reports whether a session is established on the current connection (READY
	// or RESUMED sent).
	Live bool
	// SessionID, Seq and Intents are the current session's.
	SessionID string
	Seq       int64
	Intents   int
}

// gatewayState is the gateway's state; Server.mu guards it.
type gatewayState struct {
	conn                    *gwConn
	connections, heartbeats int
	identifies              []Identify
	resumes                 []Resume
	sessions                int
	sessionID               string
	valid                   bool // the session exists and can be resumed
	intents                 int
	seq                     int64
	log                     []dispatched // the session's dispatches, for replay
	interval                time.Duration
	noEcho                  bool
	privileged              int // the privileged intents the app may use
}

type dispatched struct {
	seq   int64
	frame []byte
}

func (g *gatewayState) init() { g.interval = defaultHeartbeat }

// gwConn is one gateway connection.
type gwConn struct {
	ws   *websocket.Conn
	out  chan outFrame
	done chan struct{} // closed when the reader ends
	// identified, live (READY or RESUMED sent) and zombie (heartbeats not
	// acknowledged) are guarded by Server.mu.
	identified, live, zombie bool
}

// outFrame is a frame to write, or a close frame to end the connection with.
type outFrame struct {
	data  []byte
	close *websocket.CloseError
}

// send queues a frame; a connection too slow to take it is dropped.
func (c *gwConn) send(data []byte) {
	select {
	case c.out <- outFrame{data: data}:
	default:
		c.abort()
	}
}

// closeWith ends the connection with a close frame, after the frames queued before it.
func (c *gwConn) closeWith(code int, reason string) {
	select {
	case c.out <- outFrame{close: &websocket.CloseError{Code: code, Text: reason}}:
	default:
		c.abort()
	}
}

// abort ends the connection without a close frame, as a failing network does.
func (c *gwConn) abort() { c.ws.Close() }

func (c *gwConn) writeLoop() {
	for {
		select {
		case f := <-c.out:
			if f.close != nil {
				msg := websocket.FormatCloseMessage(f.close.Code, f.close.Text)
				c.ws.WriteControl(websocket.CloseMessage, msg, time.Now().Add(gatewayWriteTimeout))
				select {
				case <-c.done:
				case <-time.After(gatewayCloseWait):
				}
				c.ws.Close()
				return
			}
			c.ws.SetWriteDeadline(time.Now().Add(gatewayWriteTimeout))
			if err := c.ws.WriteMessage(websocket.TextMessage, f.data); err != nil {
				c.ws.Close()
				return
			}
		case <-c.done:
			return
		}
	}
}

var upgrader = websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}

// frame encodes a gateway payload.
func frame(op int, d any, seq int64, typ string) []byte {
	p := map[string]any{"op": op, "d": d, "s": nil, "t": nil}
	if op == 0 {
		p["s"], p["t"] = seq, typ
	}
	b, _ := json.Marshal(p)
	return b
}

// gateway serves one gateway connection: Hello, then the client's ops.
func (s *Server) gateway(w http.ResponseWriter, r *http.Request) {
	ws, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	c := &gwConn{ws: ws, out: make(chan outFrame, gatewayOutgoingFrames), done: make(chan struct{})}
	s.mu.Lock()
	if old := s.gw.conn; old != nil {
		old.abort()
	}
	s.gw.conn = c
	s.gw.connections++
	c.send(frame(10, map[string]any{"heartbeat_interval": s.gw.interval.Milliseconds()}, 0, ""))
	s.notify()
	s.mu.Unlock()
	go c.writeLoop()
	for {
		_, data, err := ws.ReadMessage()
		if err != nil {
			break
		}
		s.onFrame(c, data)
	}
	close(c.done)
	ws.Close()
	s.mu.Lock()
	if s.gw.conn == c {
		s.gw.conn = nil
	}
	s.notify()
	s.mu.Unlock()
}

// onFrame handles one payload from the client.
func (s *Server) onFrame(c *gwConn, data []byte) {
	var p struct {
		Op int             `json:"op"`
		D  json.RawMessage `json:"d"`
	}
	if err := json.Unmarshal(data, &p); err != nil {
		c.closeWith(4002, "Decode error.")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	switch p.Op {
	case 1:
		s.gw.heartbeats++
		s.notify()
		if !c.zombie {
			c.send(frame(11, nil, 0, ""))
		}
	case 2:
		s.identifyLocked(c, p.D)
	case 6:
		s.resumeLocked(c, p.D)
	case 3, 4, 8:
		if !c.identified {
			c.closeWith(4003, "Not authenticated.")
		}
	default:
		c.closeWith(4001, "Unknown opcode.")
	}
}

// goodToken reports whether an Identify or Resume token is the bot's, with or without
// the "Bot " prefix.
func goodToken(t string) bool { return strings.TrimPrefix(t, "Bot ") == Token }

func (s *Server) identifyLocked(c *gwConn, d json.RawMessage) {
	var id Identify
	if err := json.Unmarshal(d, &id); err != nil {
		c.closeWith(4002, "Decode error.")
		return
	}
	id.At = s.now()
	s.gw.identifies = append(s.gw.identifies, id)
	s.notify()
	switch {
	case !goodToken(id.Token):
		c.closeWith(4004, "Authentication failed.")
		return
	case c.identified:
		c.closeWith(4005, "Already authenticated.")
		return
	case id.Intents < 0 || id.Intents >= maxIntent:
		c.closeWith(4013, "Invalid intent(s).")
		return
	case id.Intents&privilegedIntents&^s.gw.privileged != 0:
		c.closeWith(4014, "Disallowed intent(s).")
		return
	}
	s.gw.sessions++
	s.gw.sessionID = fmt.Sprintf("fake-session-%d", s.gw.sessions)
	s.gw.valid, s.gw.intents, s.gw.seq, s.gw.log = true, id.Intents, 0, nil
	c.identified = true
	user := userObject(BotUserID, BotName, true)
	user["verified"] = true
	s.dispatchLocked("READY", map[string]any{
		"v": 9, "user": user, "session_id": s.gw.sessionID, "resume_gateway_url": s.GatewayURL,
		"guilds": []map[string]any{{"id": GuildID, "unavailable": true}}, "shard": []int{0, 1},
		"application": map[string]any{"id": AppID, "flags": 0}, "session_type": "normal",
		"private_channels": []any{}, "relationships": []any{},
	})
	c.live = true
}

func (s *Server) resumeLocked(c *gwConn, d json.RawMessage) {
	var rs Resume
	if err := json.Unmarshal(d, &rs); err != nil {
		c.closeWith(4002, "Decode error.")
		return
	}
	rs.At = s.now()
	defer func() {
		s.gw.resumes = append(s.gw.resumes, rs)
		s.notify()
	}()
	if !goodToken(rs.Token) {
		c.closeWith(4004, "Authentication failed.")
		return
	}
	replayable := len(s.gw.log) == 0 || rs.Seq >= s.gw.log[0].seq-1
	if !s.gw.valid || rs.SessionID != s.gw.sessionID || rs.Seq > s.gw.seq || !replayable {
		s.gw.valid = false
		c.send(frame(9, false, 0, ""))
		return
	}
	c.identified = true
	for _, e := range s.gw.log {
		if e.seq > rs.Seq {
			c.send(e.frame)
		}
	}
	s.dispatchLocked("RESUMED", map[string]any{"_trace": []string{"fakediscord"}})
	c.live = true
	rs.Accepted = true
}

// dispatchLocked sends an event in the session: at once on a connection with the
// session established, or on the next resume. s.mu must be held.
func (s *Server) dispatchLocked(typ string, d any) error {
	if !s.gw.valid {
		return ErrNoSession
	}
	s.gw.seq++
	f := frame(0, d, s.gw.seq, typ)
	s.gw.log = append(s.gw.log, dispatched{seq: s.gw.seq, frame: f})
	if len(s.gw.log) > maxLoggedDispatches {
		s.gw.log = s.gw.log[len(s.gw.log)-maxLoggedDispatches:]
	}
	if c := s.gw.conn; c != nil && c.identified {
		c.send(f)
	}
	s.notify()
	return nil
}

// withConn calls fn with the current connection, if there is one, with s.mu held.
func (s *Server) withConn(fn func(c *gwConn)) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.gw.conn == nil {
		return errors.New("fakediscord: no gateway connection")
	}
	fn(s.gw.conn)
	return nil
}

// CloseGateway ends the current gateway connection with a close frame of the given code
// (4000 "Unknown error" lets a client resume); the session stays resumable.
func (s *Server) CloseGateway(code int, reason string) error {
	return s.withConn(func(c *gwConn) {
		c.live = false
		c.closeWith(code, reason)
	})
}

// DropGateway ends the current gateway connection without a close frame, if there is
// one; the session stays resumable.
func (s *Server) DropGateway() {
	s.withConn(func(c *gwConn) {
		c.live = false
		c.abort()
	})
}

// SendReconnect sends op 7 Reconnect: the client should reconnect and resume.
func (s *Server) SendReconnect() error {
	return s.withConn(func(c *gwConn) { c.send(frame(7, nil, 0, "")) })
}

// SendInvalidSession sends op 9 Invalid Session. Unless resumable, the session ends:
// the client must identify again, and a resume of it gets op 9.
func (s *Server) SendInvalidSession(resumable bool) error {
	return s.withConn(func(c *gwConn) {
		if !resumable {
			s.gw.valid = false
		}
		c.identified, c.live = false, false
		c.send(frame(9, resumable, 0, ""))
	})
}

// InvalidateSession ends the session without telling the client: its next resume gets
// op 9, and events cannot be sent until it identifies again.
func (s *Server) InvalidateSession() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.gw.valid = false
}

// StopHeartbeatAcks makes the current gateway connection stop acknowledging
// heartbeats, as a zombied connection does; the next connection acknowledges them again.
func (s *Server) StopHeartbeatAcks() error {
	return s.withConn(func(c *gwConn) { c.zombie = true })
}

// SetHeartbeatInterval sets the heartbeat_interval of the next Hello (41.25 s by
// default).
func (s *Server) SetHeartbeatInterval(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.gw.interval = d
}

// SetEcho makes the gateway dispatch the bot's own messages to it as MESSAGE_CREATE
// (the default, as Discord does) or not.
func (s *Server) SetEcho(on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.gw.noEcho = !on
}

// AllowPrivilegedIntents sets the privileged intents (IntentMessageContent, …) the app
// may identify with; by default none, and an Identify asking for one is closed with 4014.
func (s *Server) AllowPrivilegedIntents(mask int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.gw.privileged = mask & privilegedIntents
}

// GatewayStats returns the gateway's counts and session.
func (s *Server) GatewayStats() GatewayStats {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.gatewayStatsLocked()
}

func (s *Server) gatewayStatsLocked() GatewayStats {
	st := GatewayStats{
		Connections: s.gw.connections, Identifies: len(s.gw.identifies), Heartbeats: s.gw.heartbeats,
		Live: s.gw.conn != nil && s.gw.conn.live, SessionID: s.gw.sessionID, Seq: s.gw.seq, Intents: s.gw.intents,
	}
	for _, r := range s.gw.resumes {
		if r.Accepted {
			st.Resumes++
		}
	}
	return st
}

// WaitConnections waits until n gateway connections were opened in all and a session is
// established on the current one: after a drop, n is one more than before it.
func (s *Server) WaitConnections(ctx context.Context, n int) error {
	return s.wait(ctx, func() bool {
		st := s.gatewayStatsLocked()
		return st.Live && st.Connections >= n
	})
}

// WaitIdentifies waits until n Identifies arrived, and returns them.
func (s *Server) WaitIdentifies(ctx context.Context, n int) ([]Identify, error) {
	var out []Identify
	err := s.wait(ctx, func() bool {
		out = append([]Identify(nil), s.gw.identifies...)
		return len(out) >= n
	})
	return out, err
}

// WaitResumes waits until n Resumes arrived, accepted or not, and returns them.
func (s *Server) WaitResumes(ctx context.Context, n int) ([]Resume, error) {
	var out []Resume
	err := s.wait(ctx, func() bool {
		out = append([]Resume(nil), s.gw.resumes...)
		return len(out) >= n
	})
	return out, err
}

// WaitHeartbeats waits until n heartbeats arrived in all.
func (s *Server) WaitHeartbeats(ctx context.Context, n int) error {
	return s.wait(ctx, func() bool { return s.gw.heartbeats >= n })
}
