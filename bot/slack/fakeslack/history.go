package fakeslack

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// A Message is one message of a channel's history: a chat.postMessage call that Slack
// kept. A post enters the history when it arrives, or, with a HandlePost handler, once
// the handler answered, unless it answered 429 or a JSON body with "ok": false (Slack
// refused it). A 5xx keeps it: Slack posted and then failed to answer, the case a
// Finder exists for.
type Message struct {
	Channel string
	// TS is the message's ts, "1700000000.000001", unique and increasing over the server.
	TS   string
	Text string
	// Metadata is the message metadata as posted (JSON), or "".
	Metadata string
}

// SetClock sets the clock that the ts of new messages are taken from; nil restores
// time.Now. Tests with an injected clock set theirs, so that conversations.history's
// oldest and latest compare with their times.
func (s *Server) SetClock(now func() time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.clock = now
}

// SetHistoryError makes conversations.history fail with Slack's error code, such as
// "missing_scope" (with needed channels:history) or "not_in_channel"; "" restores it.
func (s *Server) SetHistoryError(code string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.historyErr = code
}

// History returns the messages of a channel, oldest first.
func (s *Server) History(channel string) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.history[channel]...)
}

// AddMessage adds a message to a channel's history as if posted earlier (another app,
// a user, or a post of a process that crashed) and returns it.
func (s *Server) AddMessage(channel, text, metadata string) Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := Message{Channel: channel, TS: s.nextTS(), Text: text, Metadata: metadata}
	s.history[channel] = append(s.history[channel], m)
	s.notify()
	return m
}

// nextTS returns a new ts from the clock, later than every one before; s.mu must be
// held.
func (s *Server) nextTS() string {
	now := time.Now
	if s.clock != nil {
		now = s.clock
	}
	micro := max(now().UnixMicro(), s.lastTS+1)
	s.lastTS = micro
	return fmt.Sprintf("%d.%06d", micro/1e6, micro%1e6)
}

// keep adds a post to its channel's history; s.mu must be held.
func (s *Server) keep(p Post) {
	s.history[p.Channel] = append(s.history[p.Channel], Message{Channel: p.Channel, TS: p.TS, Text: p.Text, Metadata: p.Metadata})
	s.notify()
}

// refused reports whether a handler's reply says that Slack did not take the post.
func refused(rep Reply) bool {
	if rep.Status == http.StatusTooManyRequests {
		return true
	}
	var body struct {
		OK *bool `json:"ok"`
	}
	return json.Unmarshal([]byte(rep.Body), &body) == nil && body.OK != nil && !*body.OK
}

// parseTS reads a ts ("1700000000.000001", or whole seconds) as microseconds.
func parseTS(ts string) (int64, bool) {
	sec, frac, _ := strings.Cut(ts, ".")
	s, err := strconv.ParseInt(sec, 10, 64)
	if err != nil || s < 0 || len(frac) > 6 {
		return 0, false
	}
	var f int64
	if frac != "" {
		if f, err = strconv.ParseInt(frac+strings.Repeat("0", 6-len(frac)), 10, 64); err != nil || f < 0 {
			return 0, false
		}
	}
	return s*1e6 + f, true
}

// historyMessage is a message as conversations.history returns it.
type historyMessage struct {
	Type     string          `json:"type"`
	User     string          `json:"user"`
	BotID    string          `json:"bot_id"`
	Text     string          `json:"text"`
	TS       string          `json:"ts"`
	Metadata json.RawMessage `json:"metadata,omitempty"`
}

// conversationsHistory answers conversations.history as Slack does: the channel's
// messages newest first, after oldest and before latest (inclusive=1 includes both),
// limit at a time (100 by default, at most 999) with a cursor for the next page, and
// each message's metadata only with include_all_metadata.
func (s *Server) conversationsHistory(w http.ResponseWriter, r *http.Request) {
	if web, _ := s.delays(); !wait(r, web) {
		return
	}
	if err := r.ParseForm(); err != nil {
		writeJSON(w, http.StatusOK, map[string]any{"ok": false, "error": "invalid_form_data"})
		return
	}
	if token(r) != BotToken {
		writeJSON(w, http.StatusOK, map[string]any{"ok": false, "error": "invalid_auth"})
		return
	}
	f := r.PostForm
	s.mu.Lock()
	code, all := s.historyErr, append([]Message(nil), s.history[f.Get("channel")]...)
	s.mu.Unlock()
	switch {
	case code == "missing_scope":
		writeJSON(w, http.StatusOK, map[string]any{"ok": false, "error": code, "needed": "channels:history", "provided": "commands,chat:write,chat:write.public"})
		return
	case code != "":
		writeJSON(w, http.StatusOK, map[string]any{"ok": false, "error": code})
		return
	case f.Get("channel") == "":
		writeJSON(w, http.StatusOK, map[string]any{"ok": false, "error": "channel_not_found"})
		return
	}
	oldest, latest := int64(0), int64(1<<62)
	var ok bool
	if v := f.Get("oldest"); v != "" {
		if oldest, ok = parseTS(v); !ok {
			writeJSON(w, http.StatusOK, map[string]any{"ok": false, "error": "invalid_ts_oldest"})
			return
		}
	}
	if v := f.Get("latest"); v != "" {
		if latest, ok = parseTS(v); !ok {
			writeJSON(w, http.StatusOK, map[string]any{"ok": false, "error": "invalid_ts_latest"})
			return
		}
	}
	inclusive := f.Get("inclusive") == "1" || f.Get("inclusive") == "true"
	limit, err := strconv.Atoi(f.Get("limit"))
	if err != nil || limit <= 0 {
		limit = 100
	}
	limit = min(limit, 999)
	start := 0
	if c := f.Get("cursor"); c != "" {
		raw, err := base64.StdEncoding.DecodeString(c)
		n, err2 := strconv.Atoi(strings.TrimPrefix(string(raw), "next:"))
		if err != nil || err2 != nil || n < 0 {
			writeJSON(w, http.StatusOK, map[string]any{"ok": false, "error": "invalid_cursor"})
			return
		}
		start = n
	}
	withMeta := f.Get("include_all_metadata") == "1" || f.Get("include_all_metadata") == "true"
	var match []historyMessage
	for i := len(all) - 1; i >= 0; i-- {
		m := all[i]
		ts, _ := parseTS(m.TS)
		if ts < oldest || ts > latest || (!inclusive && (ts == oldest || ts == latest)) {
			continue
		}
		hm := historyMessage{Type: "message", User: "U0BOT", BotID: "B0BOT", Text: m.Text, TS: m.TS}
		if withMeta && json.Valid([]byte(m.Metadata)) {
			hm.Metadata = json.RawMessage(m.Metadata)
		}
		match = append(match, hm)
	}
	page := match[min(start, len(match)):]
	more := len(page) > limit
	next := ""
	if more {
		page = page[:limit]
		next = base64.StdEncoding.EncodeToString([]byte("next:" + strconv.Itoa(start+limit)))
	}
	if page == nil {
		page = []historyMessage{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"ok": true, "messages": page, "has_more": more, "pin_count": 0,
		"response_metadata": map[string]any{"next_cursor": next}})
}
