package slack

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"time"

	slackgo "github.com/slack-go/slack"
)

// The kinds of failure of a call to Slack, for errors.Is on any error the adapter
// returns (Check, Connect, Post, RunSocketMode).
var (
	// ErrTokenRejected: Slack refused the token (invalid_auth, not_authed,
	// account_inactive, token_revoked, token_expired, …). Retrying cannot help; the token
	// must change.
	ErrTokenRejected = errors.New("slack rejected the token")
	// ErrUnreachable: Slack could not be reached or could not serve the call for now (a
	// DNS or dial failure, a reset connection, a timeout, a 5xx, a 429, or Slack's own
	// internal_error). A later attempt may succeed.
	ErrUnreachable = errors.New("slack is unreachable")
	// ErrRateLimited: Slack refused the call as rate limited (429, or its ratelimited
	// error) after the adapter's retries, so it did nothing with it: a post made no
	// message. Such an error also wraps ErrUnreachable, and has a method
	// RetryAfter() time.Duration that gives the wait Slack asked for (zero when it named
	// none).
	ErrRateLimited = errors.New("slack rate limited the call")
)

// The waits of Connect between attempts: ConnectMinWait first, twice as long each time,
// never more than ConnectMaxWait.
const (
	ConnectMinWait = time.Second
	ConnectMaxWait = time.Minute
)

// tokenErrors are Slack's errors for a token it will not accept.
var tokenErrors = map[string]bool{
	"invalid_auth": true, "not_authed": true, "account_inactive": true, "token_revoked": true,
	"token_expired": true, "org_login_required": true, "ekm_access_denied": true,
}

// transientErrors are Slack's errors for a call it could not serve for now.
var transientErrors = map[string]bool{
	"internal_error": true, "fatal_error": true, "request_timeout": true,
	"service_unavailable": true, "ratelimited": true,
}

// kindError is an error with its kind (ErrTokenRejected or ErrUnreachable) in its
// chain; its message is the error's.
type kindError struct {
	err, kind error
}

func (e *kindError) Error() string   { return e.err.Error() }
func (e *kindError) Unwrap() []error { return []error{e.err, e.kind} }

// withKind returns err with its kind in its chain, if it has one, and ErrRateLimited
// with the wait for a call Slack refused as rate limited.
func withKind(err error) error {
	kind := kindOf(err)
	if kind == nil {
		return err
	}
	err = &kindError{err: err, kind: kind}
	if wait, ok := rateLimited(err); ok {
		return &rateLimitedError{err: err, wait: wait}
	}
	return err
}

// rateLimitedError is an error of a call Slack refused as rate limited.
type rateLimitedError struct {
	err  error
	wait time.Duration
}

func (e *rateLimitedError) Error() string   { return e.err.Error() }
func (e *rateLimitedError) Unwrap() []error { return []error{e.err, ErrRateLimited} }

// RetryAfter returns the wait Slack asked for, or zero.
func (e *rateLimitedError) RetryAfter() time.Duration { return e.wait }

// rateLimited reports whether Slack refused the call of err as rate limited, and the
// wait it asked for (zero for its ratelimited error, which names none).
func rateLimited(err error) (time.Duration, bool) {
	if wait, ok := retryAfter(err); ok {
		return wait, true
	}
	var se slackgo.SlackErrorResponse
	return 0, errors.As(err, &se) && se.Err == "ratelimited"
}

// kindOf returns ErrTokenRejected, ErrUnreachable, or nil for any other failure (a
// wrong URL, an answer that is not Slack's, a canceled call).
func kindOf(err error) error {
	var se slackgo.SlackErrorResponse
	var sc slackgo.StatusCodeError
	var rl *slackgo.RateLimitedError
	var ue *url.Error
	var ne net.Error
	switch {
	case err == nil, errors.Is(err, context.Canceled):
		return nil
	case errors.As(err, &se):
		return errorKind(se.Err)
	case errors.As(err, &rl):
		return ErrUnreachable
	case errors.As(err, &sc):
		if sc.Code >= 500 || sc.Code == http.StatusTooManyRequests || sc.Code == http.StatusRequestTimeout {
			return ErrUnreachable
		}
		return nil
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

// errorKind returns the kind of one of Slack's error codes.
func errorKind(code string) error {
	switch {
	case tokenErrors[code]:
		return ErrTokenRejected
	case transientErrors[code]:
		return ErrUnreachable
	}
	return nil
}

// Connect checks the bot token as Check does, and tries again while Slack is
// unreachable (ErrUnreachable): after ConnectMinWait, then twice as long each time up
// to ConnectMaxWait, logging each wait with its error, for as long as ctx lasts. Each
// attempt takes at most the HTTP client's timeout (DefaultHTTPTimeout if it has none).
// Meanwhile Ready reports "connecting to slack (retrying: …)".
//
// It returns nil once the token is checked; at once an error wrapping ErrTokenRejected
// when Slack refuses the token, or Check's error for any other failure that waiting
// cannot mend (a wrong API URL, an answer that is not Slack's); and, when ctx ends
// first, an error wrapping both ctx.Err() and the last attempt's error.
func (a *Adapter) Connect(ctx context.Context) error {
	timeout := a.cfg.HTTPClient.Timeout
	if timeout <= 0 {
		timeout = DefaultHTTPTimeout
	}
	a.connecting.Store("connecting to slack")
	wait := ConnectMinWait
	for attempt := 1; ; attempt++ {
		actx, cancel := context.WithTimeout(ctx, timeout)
		err := a.Check(actx)
		cancel()
		switch {
		case err == nil:
			a.connecting.Store("")
			return nil
		case ctx.Err() != nil:
			return a.gaveUp(ctx, err)
		case !errors.Is(err, ErrUnreachable):
			a.connecting.Store("could not connect to slack: " + a.shortError(err))
			return err
		}
		a.connecting.Store("connecting to slack (retrying: " + a.shortError(err) + ")")
		a.log.Warn("slack is unreachable; retrying", "error", err, "retry_in", wait, "attempt", attempt)
		if serr := a.sleep(ctx, wait); serr != nil {
			return a.gaveUp(ctx, err)
		}
		wait = min(2*wait, ConnectMaxWait)
	}
}

// gaveUp is Connect's error when ctx ended before Slack answered.
func (a *Adapter) gaveUp(ctx context.Context, last error) error {
	a.connecting.Store("stopped connecting to slack")
	return fmt.Errorf("slack: stopped connecting: %w; the last attempt: %w", context.Cause(ctx), last)
}

// shortError returns what Ready shows of err: the failure without the call that
// failed (for an HTTP error, the transport's own message), masked and cut to
// maxLoggedText.
func (a *Adapter) shortError(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return clipText(a.redact(err.Error()))
}
