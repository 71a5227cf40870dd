package discord

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/bwmarrin/discordgo"
)

// nonceRetryWindow is how long after its first attempt a message with a nonce is
// retried when Discord fails or cannot be reached: well within the "past few minutes"
// in which Discord keeps the nonce, so that a retry can never post twice.
const nonceRetryWindow = 2 * time.Minute

// A call is one REST call, as do makes it.
type call struct {
	// op names the call in metrics ("post", "edit", "auth", …).
	op string
	// what says what the call does, for its error ("posting in channel 1").
	what string
	// bucket is discordgo's rate-limit bucket of the route, to wait out (within the
	// bounds) a limit the last answers announced before calling; "" when unknown.
	bucket string
	// until, when set, retries a 5xx answer or a transport failure, with backoff, for
	// as long as a retry can start before it. Only for calls that are safe to repeat.
	until time.Time
	// fn makes the call with the options given, through the session's discordgo.
	fn func(opts ...discordgo.RequestOption) error
}

// do makes a call. When Discord answers 429 it waits what Discord asks and tries again,
// at most MaxRetries times, no wait longer than MaxRetryWait and all of them within
// MaxTotalWait, logging and counting each wait; with c.until it retries 5xx answers and
// transport failures too. Its error has the call's kind (ErrTokenRejected,
// ErrUnreachable, and ErrRateLimited for a 429 beyond the bounds when no attempt may
// have been served) in its chain and its credentials masked; the failure is counted as
// Failed("discord", c.op).
func (s *session) do(ctx context.Context, c call) error {
	log := s.log.With("op", c.op)
	var waited time.Duration
	backoff := s.retryMinWait
	served := false // an attempt failed in a way after which Discord may have served it
	for attempt, limited := 0, 0; ; attempt++ {
		if err := s.waitBucket(ctx, log, c, attempt, &waited); err != nil {
			return s.fail(c, servedIf(err, served), http.StatusTooManyRequests)
		}
		tr := &trace{}
		err := c.fn(discordgo.WithContext(context.WithValue(ctx, traceKey{}, tr)),
			discordgo.WithRetryOnRatelimit(false), discordgo.WithRestRetries(0))
		if err == nil {
			return nil
		}
		status, header := tr.answer()
		if wait, global, ok := rateLimit(err, status, header); ok {
			if berr := s.bounded(limited, wait, waited); berr != nil {
				return s.fail(c, &limitError{err: fmt.Errorf("%w: %w", berr, err), wait: wait, served: served}, status)
			}
			limited++
			waited += wait
			s.metrics.RateLimited(Platform, wait)
			log.Warn("rate limited; waiting before a retry", "retry_after", wait, "global", global,
				"scope", header.Get("X-RateLimit-Scope"), "attempt", limited)
			if serr := s.sleep(ctx, wait); serr != nil {
				return s.fail(c, fmt.Errorf("waiting out a rate limit: %w (after %w)", serr, err), status)
			}
			continue
		}
		if c.until.IsZero() || !transient(err, status) || ctx.Err() != nil || !s.now().Add(backoff).Before(c.until) {
			return s.fail(c, err, status)
		}
		served = true
		log.Warn("discord failed the call; retrying", "error", err, "status", status, "retry_in", backoff, "attempt", attempt+1)
		if serr := s.sleep(ctx, backoff); serr != nil {
			return s.fail(c, fmt.Errorf("waiting to retry: %w (after %w)", serr, err), status)
		}
		backoff = min(2*backoff, s.retryMaxWait)
	}
}

// waitBucket waits out the limit that discordgo's rate limiter holds for the call's
// bucket (the answers so far said it is used up), within the bounds, so that the wait
// is bounded, logged and counted rather than a sleep inside discordgo. Before the first
// attempt it is a wait of its own; after a 429 it is the rest of the wait already
// counted.
func (s *session) waitBucket(ctx context.Context, log *slog.Logger, c call, attempt int, waited *time.Duration) error {
	if c.bucket == "" {
		return nil
	}
	b := s.dg.Ratelimiter.GetBucket(c.bucket)
	b.Lock()
	wait := s.dg.Ratelimiter.GetWaitTime(b, 1)
	b.Unlock()
	if wait <= 0 {
		return nil
	}
	if *waited+wait > s.cfg.MaxTotalWait || wait > s.cfg.MaxRetryWait {
		return &limitError{err: fmt.Errorf("rate limited for %s, longer than this bot waits", wait.Round(time.Millisecond)), wait: wait}
	}
	if attempt == 0 {
		s.metrics.RateLimited(Platform, wait)
		log.Warn("rate limit used up; waiting before the call", "wait", wait)
	}
	*waited += wait
	if err := s.sleep(ctx, wait); err != nil {
		return fmt.Errorf("waiting out a rate limit: %w", err)
	}
	return nil
}

// bounded returns why a call rate-limited retries times already, having waited waited,
// may not wait wait more; nil when it may.
func (s *session) bounded(retries int, wait, waited time.Duration) error {
	switch {
	case retries >= s.cfg.MaxRetries:
		plural := "retries"
		if retries == 1 {
			plural = "retry"
		}
		return fmt.Errorf("still rate limited after %d %s", retries, plural)
	case wait > s.cfg.MaxRetryWait:
		return fmt.Errorf("rate limited for %s, longer than the %s this bot waits", wait, s.cfg.MaxRetryWait)
	case waited+wait > s.cfg.MaxTotalWait:
		return fmt.Errorf("rate limited for %s more, beyond the %s this bot waits in all", wait, s.cfg.MaxTotalWait)
	}
	return nil
}

// limitError is a call that Discord rate-limited beyond the bounds of the retries. It
// is ErrRateLimited unless served: an earlier attempt of the call (or an earlier
// message of the same post) may have been served.
type limitError struct {
	err    error
	wait   time.Duration // what Discord asked for
	served bool
}

func (e *limitError) Error() string { return e.err.Error() }

func (e *limitError) Unwrap() []error {
	if e.served {
		return []error{e.err}
	}
	return []error{e.err, ErrRateLimited}
}

// RetryAfter returns the wait Discord asked for.
func (e *limitError) RetryAfter() time.Duration { return e.wait }

// servedIf records, when served, that Discord may have served a call whose error is a
// limitError, which then no longer says that nothing was made.
func servedIf(err error, served bool) error {
	var le *limitError
	if served && errors.As(err, &le) {
		le.served = true
	}
	return err
}

// fail returns a call's error as the package returns errors, and counts it.
func (s *session) fail(c call, err error, status int) error {
	s.metrics.Failed(Platform, c.op)
	return s.failure(fmt.Errorf("discord: %s: %w", c.what, err), status)
}

// rateLimit reports whether a call's failure is Discord's 429, and the wait it asks
// for: the body's retry_after, else the Retry-After header, else a second.
func rateLimit(err error, status int, header http.Header) (wait time.Duration, global, ok bool) {
	var rl *discordgo.RateLimitError
	switch {
	case errors.As(err, &rl) && rl.TooManyRequests != nil:
		wait = rl.RetryAfter
	case status == http.StatusTooManyRequests:
	default:
		return 0, false, false
	}
	if wait <= 0 {
		if secs, perr := strconv.ParseFloat(header.Get("Retry-After"), 64); perr == nil && secs > 0 && !math.IsInf(secs, 0) {
			wait = time.Duration(math.Min(secs, 86400) * float64(time.Second))
		}
	}
	if wait <= 0 {
		wait = time.Second
	}
	return wait, header.Get("X-RateLimit-Global") == "true", true
}

// transient reports whether a failed call may succeed later: a 5xx, or no answer at
// all (a transport failure or a timeout).
func transient(err error, status int) bool {
	if status >= 500 {
		return true
	}
	var ue *url.Error
	return status == 0 && errors.As(err, &ue) && !errors.Is(err, context.Canceled)
}

// requestJSON makes c as a request of method to endpoint (one of discordgo's Endpoint
// functions) with body as JSON (none when nil), and decodes the answer into out (when
// not nil and the answer has a body). c.fn is set here.
func (s *session) requestJSON(ctx context.Context, c call, method, endpoint string, body, out any) error {
	if c.bucket == "" {
		c.bucket = endpoint
	}
	c.fn = func(opts ...discordgo.RequestOption) error {
		data, err := s.dg.RequestWithBucketID(method, endpoint, body, c.bucket, opts...)
		if err != nil || out == nil || len(data) == 0 {
			return err
		}
		if err := json.Unmarshal(data, out); err != nil {
			return fmt.Errorf("reading Discord's answer: %w", err)
		}
		return nil
	}
	return s.do(ctx, c)
}

// outgoing is the JSON body of a message the bot sends: Create Message, and the same
// fields of Edit Original Interaction Response and Create Followup Message. Mentions are
// always off ({"parse": []}): quoted news text must never ping anyone.
type outgoing struct {
	Content         string                      `json:"content,omitempty"`
	Embeds          []*discordgo.MessageEmbed   `json:"embeds,omitempty"`
	Flags           discordgo.MessageFlags      `json:"flags,omitempty"`
	AllowedMentions noMentions                  `json:"allowed_mentions"`
	Reference       *discordgo.MessageReference `json:"message_reference,omitempty"`
	Nonce           string                      `json:"nonce,omitempty"`
	EnforceNonce    bool                        `json:"enforce_nonce,omitempty"`
}

// noMentions is an allowed_mentions that allows none.
type noMentions struct{}

// MarshalJSON returns {"parse":[]}.
func (noMentions) MarshalJSON() ([]byte, error) { return []byte(`{"parse":[]}`), nil }

// nonceFor returns the nonce of a message with an idempotency key: 24 hexadecimal
// digits of the key's SHA-256, within Discord's 25 characters; "" for no key.
func nonceFor(key string) string {
	if key == "" {
		return ""
	}
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:12])
}

// send posts m in a channel with Create Message, and returns the message Discord made.
// With a key, the message carries the key's nonce with enforce_nonce, and a 5xx or a
// transport failure is retried within nonceRetryWindow: Discord answers a repeated
// nonce with the message it first created, so a retry never posts twice. Without a key
// only 429s are retried.
func (s *session) send(ctx context.Context, op, channelID string, m outgoing, key string) (*discordgo.Message, error) {
	if !snowflake(channelID) {
		s.metrics.Failed(Platform, op)
		return nil, fmt.Errorf("discord: posting: %q is not a channel ID", s.redact(channelID))
	}
	c := call{op: op, what: "posting in channel " + channelID}
	if m.Nonce, m.EnforceNonce = nonceFor(key), key != ""; key != "" {
		c.until = s.now().Add(nonceRetryWindow)
	}
	var msg discordgo.Message
	if err := s.requestJSON(ctx, c, http.MethodPost, discordgo.EndpointChannelMessages(channelID), m, &msg); err != nil {
		return nil, err
	}
	if msg.ID == "" {
		s.metrics.Failed(Platform, op)
		return nil, fmt.Errorf("discord: posting in channel %s: the answer holds no message ID", channelID)
	}
	return &msg, nil
}

// ValidID reports whether id has the form of a Discord ID (a snowflake): 1 to 20
// decimal digits.
func ValidID(id string) bool { return snowflake(id) }

// snowflake reports whether id is a Discord ID: 1 to 20 decimal digits.
func snowflake(id string) bool {
	if id == "" || len(id) > 20 {
		return false
	}
	for _, r := range id {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
