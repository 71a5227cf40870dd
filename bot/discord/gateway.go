package discord

import (
	"fmt"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
)

// The states of the gateway connection.
const (
	stateNotStarted   = "not started"
	stateConnected    = "connected"
	stateDisconnected = "disconnected"
	stateClosed       = "closed"
)

// gatewayState is what the session's gateway events said of the connection: its
// state, since when, and the outages it came back from.
type gatewayState struct {
	mu         sync.Mutex
	state      string
	since      time.Time
	outages    int           // disconnects not caused by Close
	lastOutage time.Duration // how long the last one that ended lasted
	sessions   int           // READY events: sessions started (identified)
	resumes    int           // RESUMED events
}

func (g *gatewayState) init(now time.Time) {
	g.state, g.since = stateNotStarted, now
}

// onConnect: discordgo read READY or RESUMED on a new connection. It runs within
// discordgo's Open, with the session locked: it must not call the session.
func (s *session) onConnect(_ *discordgo.Session, _ *discordgo.Connect) {
	if s.closed.Load() {
		// A reconnect raced with Close: end the connection it opened.
		go s.dg.Close()
		return
	}
	now := s.now()
	g := &s.gw
	g.mu.Lock()
	prev, since := g.state, g.since
	g.state, g.since = stateConnected, now
	if prev == stateDisconnected {
		g.lastOutage = now.Sub(since)
	}
	outage := g.lastOutage
	g.mu.Unlock()
	if prev == stateDisconnected {
		s.log.Info("gateway connection recovered", "outage", outage.Round(time.Millisecond))
	} else {
		s.log.Info("gateway connected")
	}
}

// onDisconnect: the connection ended, by Close or by a failure (discordgo then
// reconnects).
func (s *session) onDisconnect(_ *discordgo.Session, _ *discordgo.Disconnect) {
	g := &s.gw
	g.mu.Lock()
	if s.closed.Load() {
		g.state, g.since = stateClosed, s.now()
		g.mu.Unlock()
		return
	}
	if g.state == stateDisconnected {
		g.mu.Unlock()
		return
	}
	g.state, g.since = stateDisconnected, s.now()
	g.outages++
	n := g.outages
	g.mu.Unlock()
	s.metrics.Failed(Platform, "gateway")
	s.log.Warn("gateway connection lost; reconnecting", "outages", n)
}

// onReady: a session started (Identify answered).
func (s *session) onReady(_ *discordgo.Session, r *discordgo.Ready) {
	if r.User != nil && r.User.ID != "" {
		s.botID.Store(r.User.ID)
	}
	if r.Application != nil && r.Application.ID != "" {
		s.appID.Store(r.Application.ID)
	}
	g := &s.gw
	g.mu.Lock()
	g.sessions++
	n := g.sessions
	g.mu.Unlock()
	if n > 1 {
		s.log.Info("gateway session started anew (the last one could not be resumed)", "sessions", n)
	}
}

// onResumed: a session was resumed, the events missed in between replayed.
func (s *session) onResumed(_ *discordgo.Session, _ *discordgo.Resumed) {
	g := &s.gw
	g.mu.Lock()
	g.resumes++
	g.mu.Unlock()
	s.log.Info("gateway session resumed")
}

// onRateLimit: discordgo waited out a 429 itself. Its own retries are off, so this
// only counts one that some future path turns back on.
func (s *session) onRateLimit(_ *discordgo.Session, rl *discordgo.RateLimit) {
	if rl == nil || rl.TooManyRequests == nil {
		return
	}
	s.metrics.RateLimited(Platform, rl.RetryAfter)
	s.log.Warn("rate limited; discordgo waits before a retry", "retry_after", rl.RetryAfter)
}

// Ready reports whether the gateway session is up, and says how it is in a few words:
// "gateway: connected for 5m0s (recovered from 2 outages, the last 1.2s)", "gateway:
// disconnected for 3s, reconnecting (outage 3)", or, before the gateway opens, what
// Connect is doing ("connecting to discord (retrying: …)").
func (s *session) Ready() (bool, string) {
	now := s.now()
	g := &s.gw
	g.mu.Lock()
	state, since, outages, last := g.state, g.since, g.outages, g.lastOutage
	g.mu.Unlock()
	age := now.Sub(since).Round(time.Second)
	switch state {
	case stateConnected:
		msg := fmt.Sprintf("gateway: connected for %s", age)
		switch {
		case outages == 1:
			msg += fmt.Sprintf(" (recovered from 1 outage of %s)", last.Round(time.Millisecond))
		case outages > 1:
			msg += fmt.Sprintf(" (recovered from %d outages, the last %s)", outages, last.Round(time.Millisecond))
		}
		return true, msg
	case stateDisconnected:
		return false, fmt.Sprintf("gateway: disconnected for %s, reconnecting (outage %d)", age, outages)
	case stateClosed:
		return false, "gateway: closed"
	}
	if c := s.connecting.Load().(string); c != "" {
		return false, c
	}
	return false, "gateway: " + stateNotStarted
}

// Close closes the gateway connection, and keeps discordgo from opening another.
func (s *session) Close() error {
	s.closed.Store(true)
	if err := s.dg.Close(); err != nil {
		return s.failure(fmt.Errorf("discord: closing the gateway: %w", err), 0)
	}
	return nil
}

// botUserID returns the bot user's ID, once Check or READY told it; "" before.
func (s *session) botUserID() string { return s.botID.Load().(string) }

// applicationID returns the application's ID, once READY told it (Connect has returned);
// "" before.
func (s *session) applicationID() string { return s.appID.Load().(string) }
