package slack

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"time"

	slackgo "github.com/slack-go/slack"

	"github.com/briefbot/briefbot/bot"
)

// Limits of the HTTP endpoint.
const (
	// MaxBodyBytes bounds the body of a slash-command request; Slack's are a few hundred
	// bytes.
	MaxBodyBytes = 64 << 10
	// MaxSkew is how far a request's timestamp may be from now, either way; older
	// requests are refused as possible replays (Slack's own recommendation).
	MaxSkew = 5 * time.Minute
	// maxReplayEntries bounds the memory of signatures seen within MaxSkew.
	maxReplayEntries = 100_000
)

// Handler returns the HTTP endpoint for slash commands, to be set as the commands'
// Request URL. Every request must be a POST signed with the signing secret
// (X-Slack-Signature over the timestamp and the body) within MaxSkew of now, and not
// seen before. It answers:
//
//   - 200 with an empty body: acknowledged; the reply follows through the response_url
//     or in the channel.
//   - 400: the body is not a slash command (malformed form, no command).
//   - 401: a missing or bad signature, or a timestamp too old or too far ahead.
//   - 405: not a POST.
//   - 409: a replay of a request already seen.
//   - 413: a body over MaxBodyBytes.
//   - 503: the replay memory is full (a flood of signed requests).
func (a *Adapter) Handler() http.Handler {
	if a.cfg.SigningSecret == "" {
		a.log.Error("the HTTP endpoint has no signing secret and will refuse every request")
	}
	a.serving.Store(true)
	return http.HandlerFunc(a.serveHTTP)
}

// requestError is a refused request: an HTTP status and the reason, for the log and
// the response body.
type requestError struct {
	status int
	reason string
}

func (e *requestError) Error() string { return e.reason }

func (a *Adapter) serveHTTP(w http.ResponseWriter, r *http.Request) {
	received := a.now()
	cmd, err := a.readCommand(w, r, received)
	if err != nil {
		var re *requestError
		if !errors.As(err, &re) {
			re = &requestError{http.StatusBadRequest, err.Error()}
		}
		a.log.Warn("refused a slash command request", "status", re.status, "reason", re.reason, "remote_addr", r.RemoteAddr)
		a.metrics.Failed(Platform, "verify")
		http.Error(w, re.reason, re.status)
		return
	}
	if cmd.Command == "" { // an ssl_check
		w.WriteHeader(http.StatusOK)
		return
	}
	if a.bot.Draining() {
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(drainingAck())
		return
	}
	w.WriteHeader(http.StatusOK)
	if f, ok := w.(http.Flusher); ok {
		f.Flush()
	}
	a.metrics.Acked(Platform, a.now().Sub(received))
	a.dispatch(cmd, received)
}

// readCommand reads, verifies and parses a slash-command request. A request that is
// Slack's certificate check returns a zero SlashCommand.
func (a *Adapter) readCommand(w http.ResponseWriter, r *http.Request, now time.Time) (slackgo.SlashCommand, error) {
	var cmd slackgo.SlashCommand
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		return cmd, &requestError{http.StatusMethodNotAllowed, "slash commands are POST requests"}
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBodyBytes))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return cmd, &requestError{http.StatusRequestEntityTooLarge, fmt.Sprintf("the body is over %d bytes", MaxBodyBytes)}
		}
		return cmd, &requestError{http.StatusBadRequest, "reading the body: " + err.Error()}
	}
	if err := a.verify(r.Header, body, now); err != nil {
		return cmd, err
	}
	form, err := url.ParseQuery(string(body))
	if err != nil {
		return cmd, &requestError{http.StatusBadRequest, "the body is not a form: " + err.Error()}
	}
	if form.Get("ssl_check") == "1" {
		return cmd, nil
	}
	cmd = slackgo.SlashCommand{ // the fields the bot uses
		ChannelID:   form.Get("channel_id"),
		UserID:      form.Get("user_id"),
		Command:     form.Get("command"),
		Text:        form.Get("text"),
		ResponseURL: form.Get("response_url"),
	}
	if cmd.Command == "" {
		return cmd, &requestError{http.StatusBadRequest, "the form has no command"}
	}
	return cmd, nil
}

// verify checks a request's signature with the SDK's SecretsVerifier, after checking
// its timestamp against our own clock, and refuses a signature it has seen before.
func (a *Adapter) verify(h http.Header, body []byte, now time.Time) error {
	unauthorized := func(reason string) error { return &requestError{http.StatusUnauthorized, reason} }
	if a.cfg.SigningSecret == "" {
		return unauthorized("no signing secret is configured")
	}
	tsHeader, sig := h.Get("X-Slack-Request-Timestamp"), h.Get("X-Slack-Signature")
	if tsHeader == "" || sig == "" {
		return unauthorized("missing X-Slack-Request-Timestamp or X-Slack-Signature")
	}
	ts, err := strconv.ParseInt(tsHeader, 10, 64)
	if err != nil {
		return unauthorized("the timestamp is not a number")
	}
	sent := time.Unix(ts, 0)
	if d := now.Sub(sent); d > MaxSkew || d < -MaxSkew {
		return unauthorized("the timestamp is more than 5 minutes from now")
	}
	sv, err := slackgo.NewSecretsVerifier(h, a.cfg.SigningSecret)
	switch {
	case errors.Is(err, slackgo.ErrExpiredTimestamp):
		return unauthorized("the timestamp is more than 5 minutes from now")
	case err != nil:
		return unauthorized("bad signature")
	}
	if _, err := sv.Write(body); err != nil {
		return unauthorized("bad signature")
	}
	if err := sv.Ensure(); err != nil {
		return unauthorized("bad signature")
	}
	switch a.replays.add(sig, sent.Add(MaxSkew), now) {
	case replaySeen:
		return &requestError{http.StatusConflict, "replayed request"}
	case replayFull:
		return &requestError{http.StatusServiceUnavailable, "too many requests to remember; try again later"}
	}
	return nil
}

// replayCache remembers the signatures of verified requests until their timestamps
// expire, so that a captured request cannot be played again within MaxSkew.
type replayCache struct {
	mu   sync.Mutex
	max  int
	seen map[string]time.Time // signature → when its timestamp expires
}

type replayResult int

const (
	replayNew replayResult = iota
	replaySeen
	replayFull
)

func newReplayCache(max int) *replayCache {
	return &replayCache{max: max, seen: map[string]time.Time{}}
}

// add records sig until expires, and reports whether it is new.
func (c *replayCache) add(sig string, expires, now time.Time) replayResult {
	c.mu.Lock()
	defer c.mu.Unlock()
	if exp, ok := c.seen[sig]; ok && now.Before(exp) {
		return replaySeen
	}
	if len(c.seen) >= c.max {
		for k, exp := range c.seen {
			if !now.Before(exp) {
				delete(c.seen, k)
			}
		}
		if len(c.seen) >= c.max {
			return replayFull
		}
	}
	c.seen[sig] = expires
	return replayNew
}

// drainingAck is the acknowledgement of a command that a shutting-down bot will not
// answer: an ephemeral apology.
func drainingAck() map[string]string {
	return map[string]string{"response_type": slackgo.ResponseTypeEphemeral, "text": bot.UserMessage(bot.ErrShuttingDown)}
}
