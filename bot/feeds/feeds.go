package feeds

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/briefbot/briefbot/summarize"
)

// A Skip is an item, a page or a feed that was passed over, and why. Reason is a short
// stable label (see the Reason constants) for logs and metrics; Err says what happened.
// A temporary skip (a timeout, a server error) is tried again at the next pass; a
// lasting one (a page with no readable text, a refused address) is not.
type Skip struct {
	Reason    string
	Temporary bool
	Err       error
}

// Error says what was skipped and why.
func (s *Skip) Error() string { return s.Reason + ": " + s.Err.Error() }

// Unwrap returns the cause.
func (s *Skip) Unwrap() error { return s.Err }

// skipf returns a Skip with a formatted cause.
func skipf(reason string, temporary bool, format string, args ...any) *Skip {
	return &Skip{Reason: reason, Temporary: temporary, Err: fmt.Errorf(format, args...)}
}

// The reasons of skips.
const (
	ReasonTooLarge  = "too_large"       // the body is over the size cap
	ReasonTimeout   = "timeout"         // no answer, or no whole body, within the deadline
	ReasonNetwork   = "network"         // the connection failed
	ReasonStatus    = "http_status"     // a status other than 200 or 304
	ReasonRedirects = "redirects"       // too many redirects, or a loop
	ReasonPrivate   = "private_address" // the host resolves to a private or loopback address
	ReasonRobots    = "robots"          // robots.txt disallows the page
	ReasonCharset   = "charset"         // an unknown or broken character set
	ReasonNotFeed   = "not_a_feed"      // the body is not RSS, Atom or JSON Feed (HTML, malformed XML)
	ReasonNoText    = "no_text"         // a page with no readable article text
	ReasonNoKey     = "no_link"         // an item with neither a GUID nor a link
	ReasonOld       = "old"             // an item published before the cut-off
	ReasonBadURL    = "bad_url"         // a URL that is not http(s) or does not parse
)

// ReasonOf returns the reason of err's Skip, or "error" when it wraps none.
func ReasonOf(err error) string {
	var s *Skip
	if errors.As(err, &s) {
		return s.Reason
	}
	return "error"
}

// Temporary reports whether err is worth trying again later: a temporary Skip, or an
// error that is no Skip at all (the store, a cancelled pass).
func Temporary(err error) bool {
	var s *Skip
	if errors.As(err, &s) {
		return s.Temporary
	}
	return true
}

// A Store keeps what ingestion learns: the articles, each with every copy of it that
// was found (several feeds, several outlets), the items seen of each feed, and each
// feed's conditional-request validators. bot/store implements it on SQLite. Methods are
// safe for concurrent use.
type Store interface {
	// Feed returns what is known of a feed; ok is false for a feed never read.
	Feed(ctx context.Context, url string) (f FeedState, ok bool, err error)
	// SaveFeed records a feed's state after a read.
	SaveFeed(ctx context.Context, url string, f FeedState) error
	// Unseen returns those of keys that were never marked seen for the feed, in order.
	Unseen(ctx context.Context, feed string, keys []string) ([]string, error)
	// MarkSeen marks keys seen for the feed at the time at.
	MarkSeen(ctx context.Context, feed string, keys []string, at time.Time) error
	// Fingerprints returns the SimHash of every stored article, for near-duplicate
	// detection.
	Fingerprints(ctx context.Context) ([]Fingerprint, error)
	// Add stores a new article with its first copy and returns its id.
	Add(ctx context.Context, a Stored) (id int64, err error)
	// AddCopy records another copy of the stored article id (the same story from
	// another feed or outlet). A copy already recorded (same URL) changes nothing.
	AddCopy(ctx context.Context, id int64, c Copy) error
	// Prune deletes the articles first seen before the time before, and the seen
	// items of feeds marked before seenBefore; it returns how many articles went.
	Prune(ctx context.Context, before, seenBefore time.Time) (int, error)
}

// FeedState is what a feed's last read left: its validators for a conditional request,
// and when it was first read (the pass that seeded it silently).
type FeedState struct {
	ETag         string
	LastModified string
	SeededAt     time.Time
	CheckedAt    time.Time
}

// A Fingerprint is a stored article's SimHash.
type Fingerprint struct {
	ID      int64
	SimHash uint64
}

// A Copy is where one copy of an article was found.
type Copy struct {
	// Feed is the configured source it came through: a feed's URL, or a page's for a
	// single article.
	Feed   string
	URL    string // the article's canonical URL
	Outlet string // the publisher, "" when unknown
	Title  string
}

// Stored is an article as ingestion stores it: its text and first copy, when it was first
// seen, and its SimHash.
type Stored struct {
	Article summarize.Article // Outlet, URL and Title are the first copy's
	Feed    string            // the source it first came through
	SeenAt  time.Time
	SimHash uint64
}

// asSkip is errors.As for a *Skip.
func asSkip(err error, s **Skip) bool { return errors.As(err, s) }
