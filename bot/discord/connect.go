package discord

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
)

// The kinds of failure of a call to Discord, for errors.Is on any error the package
// returns.
var (
	// ErrTokenRejected: Discord refused the token (401 on a REST call, close code 4004
	// on the gateway). Retrying cannot help; the token must change.
	ErrTokenRejected = errors.New("discord rejected the token")
	// ErrUnreachable: Discord could not be reached or could not serve the call for now
	// (a DNS or dial failure, a reset connection, a timeout, a 5xx, a 429 beyond the
	// bounds, a gateway that closed). A later attempt may succeed.
	ErrUnreachable = errors.New("discord is unreachable")
	// ErrRateLimited: Discord refused a call as rate limited (429) beyond the bounds of
	// the retries (Config.MaxRetries, MaxRetryWait, MaxTotalWait), and no attempt of
	// it may have been served otherwise (none failed with a 5xx or without an answer):
	// a Post with this error made no message. It comes with ErrUnreachable, and the
	// error has a method RetryAfter() time.Duration giving the wait Discord asked for.
	ErrRateLimited = errors.New("discord rate limited the call")
	// errIntents: the gateway refused the intents (close codes 4013, 4014).
	errIntents = errors.New("discord refused the gateway intents")
)

// The waits of Connect between attempts: ConnectMinWait first, twice as long each time,
// never more than ConnectMaxWait.
const (
	ConnectMinWait = time.Second
	ConnectMaxWait = time.Minute
)

// kindError is an error with its kind in its chain; its message is the error's.
type kindError struct {
	err, kind error
}

func (e *kindError) Error() string   { return e.err.Error() }
func (e *kindError) Unwrap() []error { return []error{e.err, e.kind} }

// kindOf returns the kind of a failed call whose answer had the given status (0 for
// none): ErrTokenRejected, ErrUnreachable, errIntents, or nil for any other failure (a
// wrong URL, an answer that is not Discord's, a refused message, a canceled call).
func kindOf(err error, status int) error {
	var ce *websocket.CloseError
	var re *discordgo.RESTError
	var rl *discordgo.RateLimitError
	var ue *url.Error
	var ne net.Error
	switch {
	case err == nil, errors.Is(err, context.Canceled):
		return nil
	case errors.As(err, &ce):
		return closeKind(ce.Code)
	case status != 0:
		return statusKind(status)
	case errors.As(err, &re) && re.Response != nil:
		return statusKind(re.Response.StatusCode)
	case errors.As(err, &rl):
		return ErrUnreachable
	case errors.As(err, &ue):
		if ue.Op == "parse" {
			return nil
		}
		return ErrUnreachable // a transport failure: dial, DNS, TLS, reset, timeout
	case errors.As(err, &ne), errors.Is(err, context.DeadlineExceeded):
		return ErrUnreachable
	}
	return nil
}

// statusKind returns the kind of an HTTP status.
func statusKind(status int) error {
	switch {
	case status == http.StatusUnauthorized:
		return ErrTokenRejected
	case status >= 500, status == http.StatusTooManyRequests, status == http.StatusRequestTimeout:
		return ErrUnreachable
	}
	return nil
}

// closeKind returns the kind of a gateway close code.
func closeKind(code int) error {
	switch code {
	case 4004:
		return ErrTokenRejected
	case 4013, 4014:
		return errIntents
	case 4010, 4011, 4012:
		return nil // invalid shard, sharding required, invalid API version: not for later
	}
	return ErrUnreachable
}

// Check calls GET users/@me once to make sure the bot token works, and logs whom it
// belongs to. Its error wraps ErrTokenRejected when Discord refused the token, and
// ErrUnreachable when Discord could not be reached (Connect retries those).
func (s *session) Check(ctx context.Context) error {
	var me discordgo.User
	c := call{op: "auth", what: "checking the bot token with GET users/@me at " + s.api.Redacted(), bucket: discordgo.EndpointUsers}
	if err := s.requestJSON(ctx, c, http.MethodGet, discordgo.EndpointUser("@me"), nil, &me); err != nil {
		return err
	}
	if me.ID == "" {
		s.metrics.Failed(Platform, "auth")
		return fmt.Errorf("discord: checking the bot token at %s: the answer is not a user", s.api.Redacted())
	}
	s.botID.Store(me.ID)
	s.authed.Store(true)
	s.log.Info("authenticated", "bot_user", me.Username, "bot_user_id", me.ID)
	return nil
}

// Connect checks the bot token (Check), then opens the gateway, and tries each again
// while Discord is unreachable: after ConnectMinWait, then twice as long each time up
// to ConnectMaxWait, logging each wait with its error, for as long as ctx lasts.
// Meanwhile Ready reports "connecting to discord (retrying: …)". Once the gateway is
// open, discordgo reconnects and resumes by itself after a disconnect.
//
// It returns nil once the gateway session is up; at once an error wrapping
// ErrTokenRejected when Discord refuses the token, or the error of any other failure
// that waiting cannot mend (a wrong API URL, refused intents); and, when ctx ends
// first, an error wrapping both ctx.Err() and the last attempt's error.
func (s *session) Connect(ctx context.Context) error {
	s.connecting.Store("connecting to discord")
	steps := []struct {
		name string
		fn   func(context.Context) error
	}{{"checking the token", s.Check}, {"opening the gateway", s.open}}
	for _, step := range steps {
		if err := s.retry(ctx, step.name, step.fn); err != nil {
			return err
		}
	}
	s.connecting.Store("")
	return nil
}

// retry runs fn until it succeeds, fails for good, or ctx ends (see Connect).
func (s *session) retry(ctx context.Context, name string, fn func(context.Context) error) error {
	timeout := s.cfg.HTTPClient.Timeout
	if timeout <= 0 {
		timeout = DefaultHTTPTimeout
	}
	wait := ConnectMinWait
	for attempt := 1; ; attempt++ {
		actx, cancel := context.WithTimeout(ctx, timeout)
		err := fn(actx)
		cancel()
		switch {
		case err == nil:
			return nil
		case ctx.Err() != nil:
			s.connecting.Store("stopped connecting to discord")
			return fmt.Errorf("discord: stopped connecting: %w; the last attempt: %w", context.Cause(ctx), err)
		case !errors.Is(err, ErrUnreachable):
			s.connecting.Store("could not connect to discord: " + s.shortError(err))
			return err
		}
		s.connecting.Store("connecting to discord (retrying: " + s.shortError(err) + ")")
		s.log.Warn("discord is unreachable; retrying", "step", name, "error", err, "retry_in", wait, "attempt", attempt)
		if serr := s.sleep(ctx, wait); serr != nil {
			s.connecting.Store("stopped connecting to discord")
			return fmt.Errorf("discord: stopped connecting: %w; the last attempt: %w", context.Cause(ctx), err)
		}
		wait = min(2*wait, ConnectMaxWait)
	}
}

// open opens the gateway connection once: discordgo's Open, which fetches the gateway
// URL, says Identify with the bot's intents and reads READY. discordgo's Open takes no
// context; ctx only stops a wait before it.
func (s *session) open(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if s.closed.Load() {
		return errors.New("discord: the session is closed")
	}
	err := s.dg.Open()
	if err == nil || errors.Is(err, discordgo.ErrWSAlreadyOpen) {
		return nil
	}
	s.metrics.Failed(Platform, "gateway")
	err = fmt.Errorf("discord: opening the gateway: %w", err)
	var ce *websocket.CloseError
	if errors.As(err, &ce) && closeKind(ce.Code) == errIntents {
		err = fmt.Errorf("%w (the bot asks for guilds, guild messages and direct messages, %d)", err, intents)
	}
	kind := kindOf(err, 0)
	if kind == nil && !errors.As(err, new(*discordgo.RESTError)) {
		kind = ErrUnreachable // an answer that was not the gateway's handshake: try again
	}
	return s.failureKind(err, kind)
}
