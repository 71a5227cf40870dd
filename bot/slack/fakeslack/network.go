package fakeslack

import (
	"maps"
	"net/http"
	"strings"
	"time"
)

// Stats counts what the server received.
type Stats struct {
	// Calls counts the Web API calls by method ("auth.test", "chat.postMessage", …),
	// refused ones included.
	Calls map[string]int
	// Posts counts the chat.postMessage calls by channel.
	Posts map[string]int
	// Responses counts the response_url messages by command ID.
	Responses map[string]int
	// PostsAnswered and ResponsesAnswered count the same once answered: a call whose
	// client gave up during a delay is in Posts (Slack would have acted on it) but not
	// here (its sender never learnt that it did).
	PostsAnswered, ResponsesAnswered map[string]int
	// Commands is the number of commands SendCommand sent; Acks the number of
	// acknowledgements received.
	Commands, Acks int
	// Connections is the number of Socket Mode connections opened so far.
	Connections int
	// Dropped is the number of requests SetDown dropped.
	Dropped int
	// MaxInFlight is the most Web API calls and response_url messages the server was
	// answering at once.
	MaxInFlight int
}

// SetDelay sets how long the server waits before it answers a Web API call (web) and a
// response_url message (response); 0, the default, answers at once. A wait ends early
// when the client gives up.
func (s *Server) SetDelay(web, response time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.webDelay, s.respDelay = web, response
}

// SetDown takes the server's network down or brings it back. While it is down, every
// request (Web API, response_url, websocket) has its connection closed without an
// answer, and SetDown(true) drops the current Socket Mode connection without a close
// frame, as a network that fails does.
func (s *Server) SetDown(down bool) {
	s.down.Store(down)
	if !down {
		return
	}
	s.mu.Lock()
	conn := s.conn
	s.mu.Unlock()
	if conn != nil {
		conn.abort()
	}
}

// Stats returns the counts of what the server received so far.
func (s *Server) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.stats
	st.Calls, st.Posts, st.Responses = maps.Clone(st.Calls), maps.Clone(st.Posts), maps.Clone(st.Responses)
	st.PostsAnswered, st.ResponsesAnswered = maps.Clone(st.PostsAnswered), maps.Clone(st.ResponsesAnswered)
	return st
}

// middleware drops requests while the server is down, counts Web API calls, and keeps
// the count of requests being answered.
func (s *Server) middleware(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.down.Load() {
			s.mu.Lock()
			s.stats.Dropped++
			s.mu.Unlock()
			if conn, _, err := w.(http.Hijacker).Hijack(); err == nil {
				conn.Close()
			}
			return
		}
		if r.URL.Path == "/ws" {
			h.ServeHTTP(w, r)
			return
		}
		s.mu.Lock()
		if method, ok := strings.CutPrefix(r.URL.Path, "/api/"); ok {
			s.stats.Calls[method]++
		}
		s.inFlight++
		s.stats.MaxInFlight = max(s.stats.MaxInFlight, s.inFlight)
		s.mu.Unlock()
		defer func() {
			s.mu.Lock()
			s.inFlight--
			s.mu.Unlock()
		}()
		h.ServeHTTP(w, r)
	})
}

// wait waits d, or until the client gives up; it reports whether to answer.
func wait(r *http.Request, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
		return false
	}
}

// delays returns the current delays.
func (s *Server) delays() (web, response time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.webDelay, s.respDelay
}
