package slack

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
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
//
// A request that verified is remembered until its timestamp expires, by what it signed,
// so that no spelling of its signature can play it again. The memory is bounded; when
// signed requests fill it, those closest to expiry are forgotten, and a fresh request is
// always accepted. Refusals are counted in the metrics as Failed(Platform, op) with op
// "verify" (401), "replay" (409) or "request" (400, 405, 413), and logged at most once a
// refusalLogInterval for each kind, with counts by reason.
func (a *Adapter) Handler() http.Handler {
	if a.cfg.SigningSecret == "" {
		a.log.Error("the HTTP endpoint has no signing secret and will refuse every request")
	}
	a.serving.Store(true)
	return http.HandlerFunc(a.serveHTTP)
}

// requestError is a refused request: an HTTP status, a code from a fixed set (a key of
// the log's counts), and the reason, for the log and the response body.
type requestError struct {
	status int
	code   string
	reason string
}

// op is the operation under which the metrics count a refusal.
func (e *requestError) op() string {
	switch e.status {
	case http.StatusUnauthorized:
		return "verify"
	case http.StatusConflict:
		return "replay"
	}
	return "request"
}

func (e *requestError) Error() string { return e.reason }

func (a *Adapter) serveHTTP(w http.ResponseWriter, r *http.Request) {
	received := a.now()
	cmd, err := a.readCommand(w, r, received)
	if err != nil {
		var re *requestError
		if !errors.As(err, &re) {
			re = &requestError{http.StatusBadRequest, "bad_request", err.Error()}
		}
		a.refused(re, r)
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

// refused counts and logs a refused request, at most a line an interval for each kind.
func (a *Adapter) refused(re *requestError, r *http.Request) {
	a.metrics.Failed(Platform, re.op())
	l := a.refusals
	if re.status == http.StatusConflict {
		l = a.replayLog
	}
	l.event(re.code, "status", re.status, "detail", clipText(re.reason), "remote_addr", clipText(r.RemoteAddr))
}

// readCommand reads, verifies and parses a slash-command request. A request that is
// Slack's certificate check returns a zero SlashCommand.
func (a *Adapter) readCommand(w http.ResponseWriter, r *http.Request, now time.Time) (slackgo.SlashCommand, error) {
	var cmd slackgo.SlashCommand
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		return cmd, &requestError{http.StatusMethodNotAllowed, "method_not_allowed", "slash commands are POST requests"}
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBodyBytes))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return cmd, &requestError{http.StatusRequestEntityTooLarge, "body_too_large", fmt.Sprintf("the body is over %d bytes", MaxBodyBytes)}
		}
		return cmd, &requestError{http.StatusBadRequest, "body_unreadable", "reading the body: " + err.Error()}
	}
	if err := a.verify(r.Header, body, now); err != nil {
		return cmd, err
	}
	form, err := url.ParseQuery(string(body))
	if err != nil {
		return cmd, &requestError{http.StatusBadRequest, "not_a_form", "the body is not a form: " + err.Error()}
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
		return cmd, &requestError{http.StatusBadRequest, "no_command", "the form has no command"}
	}
	return cmd, nil
}

// verify checks a request's signature with the SDK's SecretsVerifier, after checking
// its timestamp against our own clock, and refuses a request it has accepted before.
func (a *Adapter) verify(h http.Header, body []byte, now time.Time) error {
	unauthorized := func(code, reason string) error { return &requestError{http.StatusUnauthorized, code, reason} }
	if a.cfg.SigningSecret == "" {
		return unauthorized("no_secret", "no signing secret is configured")
	}
	tsHeader, sig := h.Get("X-Slack-Request-Timestamp"), h.Get("X-Slack-Signature")
	if tsHeader == "" || sig == "" {
		return unauthorized("missing_headers", "missing X-Slack-Request-Timestamp or X-Slack-Signature")
	}
	ts, err := strconv.ParseInt(tsHeader, 10, 64)
	if err != nil {
		return unauthorized("bad_timestamp", "the timestamp is not a number")
	}
	const stale = "the timestamp is more than 5 minutes from now"
	sent := time.Unix(ts, 0)
	if d := now.Sub(sent); d > MaxSkew || d < -MaxSkew {
		return unauthorized("stale_timestamp", stale)
	}
	sv, err := slackgo.NewSecretsVerifier(h, a.cfg.SigningSecret)
	switch {
	case errors.Is(err, slackgo.ErrExpiredTimestamp):
		return unauthorized("stale_timestamp", stale)
	case err != nil:
		return unauthorized("bad_signature", "bad signature")
	}
	if _, err := sv.Write(body); err != nil {
		return unauthorized("bad_signature", "bad signature")
	}
	if err := sv.Ensure(); err != nil {
		return unauthorized("bad_signature", "bad signature")
	}
	// The signature verified, so it is "v0=" and 64 hex digits: its bytes are the HMAC of
	// the timestamp and the body, the same for every spelling of the hex.
	var key replayKey
	if n, err := hex.Decode(key[:], []byte(strings.TrimPrefix(sig, "v0="))); err != nil || n != len(key) {
		return unauthorized("bad_signature", "bad signature")
	}
	fresh, evicted := a.replays.add(key, sent.Add(MaxSkew), now)
	if evicted > 0 {
		a.memoryLog.event("evicted", "forgotten", evicted, "capacity", maxReplayEntries)
	}
	if !fresh {
		return &requestError{http.StatusConflict, "replayed", "replayed request"}
	}
	return nil
}

// drainingAck is the acknowledgement of a command that a shutting-down bot will not
// answer: an ephemeral apology.
func drainingAck() map[string]string {
	return map[string]string{"response_type": slackgo.ResponseTypeEphemeral, "text": bot.UserMessage(bot.ErrShuttingDown)}
}
