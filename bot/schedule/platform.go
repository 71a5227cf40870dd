package schedule

import (
	"context"
	"errors"
	"time"
)

// A Message is what a Briefer built for a slot and a Poster posts. The scheduler does
// not look inside it.
type Message struct {
	// Text is a plain-text form, for logs and platforms without rich messages.
	Text string
	// Body is the platform-neutral briefing (a bot.Reply once wired), or nil.
	Body any
}

// A Ref is a posted message as the platform knows it.
type Ref struct {
	// ID is the platform's message ID (Slack's ts, Discord's message ID).
	ID string
}

// A Poster posts messages in the channels of one platform.
type Poster interface {
	// Post posts m in the channel, with key as its idempotency key: Slack keeps it
	// in the message's metadata, Discord derives the nonce from it, so that a Finder
	// can recognise the message later. The error wraps ErrTemporary when another
	// attempt may succeed (a 429, a 5xx, a timeout), and also ErrNotPosted when the
	// platform surely holds no message (a 429, a refused connection); it may also
	// have a method RetryAfter() time.Duration giving the wait the platform asked for.
	Post(ctx context.Context, channelID string, m Message, key string) (Ref, error)
}

// A Finder is a Poster that can look in a channel's recent history for a message it
// posted with a key. The scheduler asks it before posting a slot that may have been
// posted already (a crash between sending and recording, an ambiguous error).
type Finder interface {
	// Find looks for the message posted with key in the channel since the given time.
	// It returns the message and true when it is there, false when it is not; an error
	// wrapping ErrCannotAsk when the platform cannot be asked (a missing scope, history
	// older than the platform keeps), and any other error when asking failed this time.
	Find(ctx context.Context, channelID, key string, since time.Time) (Ref, bool, error)
}

// A Briefer builds the briefing of a channel for the articles of [since, until): since
// is the channel's last posted slot (or its Window before the slot), until the slot's
// time (or now, for a slot posted ahead of it).
type Briefer interface {
	// Brief returns the message to post. The error wraps ErrNothingToPost when there is
	// nothing worth posting (no articles), and ErrTemporary when trying again later
	// may succeed (the news source is unreachable).
	Brief(ctx context.Context, ch Channel, since, until time.Time) (Message, error)
}

// BrieferFunc adapts a function to a Briefer.
type BrieferFunc func(ctx context.Context, ch Channel, since, until time.Time) (Message, error)

// Brief calls f(ctx, ch, since, until).
func (f BrieferFunc) Brief(ctx context.Context, ch Channel, since, until time.Time) (Message, error) {
	return f(ctx, ch, since, until)
}

// Errors that Posters, Finders and Briefers wrap so that the scheduler can decide.
var (
	// ErrTemporary marks a failure worth another attempt inside the slot's grace window.
	ErrTemporary = errors.New("temporary failure")
	// ErrNotPosted marks a failed post after which the platform surely holds no message.
	ErrNotPosted = errors.New("not posted")
	// ErrCannotAsk marks a Finder that cannot find out whether a message exists.
	ErrCannotAsk = errors.New("the platform cannot be asked")
	// ErrNothingToPost marks a briefing with nothing in it; the slot is skipped.
	ErrNothingToPost = errors.New("nothing to post")
)

// temporary reports whether another attempt after err may succeed: the error says so,
// or the attempt ran out of time.
func temporary(err error) bool {
	return errors.Is(err, ErrTemporary) || errors.Is(err, context.DeadlineExceeded) ||
		errors.Is(err, context.Canceled)
}

// retryAfter returns the wait err asks for, or zero.
func retryAfter(err error) time.Duration {
	var ra interface{ RetryAfter() time.Duration }
	if errors.As(err, &ra) {
		return max(ra.RetryAfter(), 0)
	}
	return 0
}
