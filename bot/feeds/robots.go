package feeds

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/temoto/robotstxt"
)

// How long robots.txt is trusted, and how long a failure to get it holds.
const (
	robotsTTL     = time.Hour
	robotsFailTTL = 5 * time.Minute
	robotsMax     = 512 << 10 // robots.txt over this is cut (Google reads 500 KiB)
)

// robotsCache holds each host's robots.txt, or why it could not be had.
type robotsCache struct {
	mu      sync.Mutex
	entries map[string]robotsEntry
}

type robotsEntry struct {
	data    *robotstxt.RobotsData // nil when err is set
	err     error
	expires time.Time
}

// allowed reports, as an error, whether u's host lets briefbot fetch u.
func (c *Client) allowed(ctx context.Context, u *url.URL) error {
	key := u.Scheme + "://" + strings.ToLower(u.Host)
	e, ok := c.robots.get(key)
	if !ok {
		e = c.fetchRobots(ctx, key)
		if ctx.Err() != nil {
			return e.err
		}
		c.robots.put(key, e)
	}
	if e.err != nil {
		return e.err
	}
	path := u.EscapedPath()
	if path == "" {
		path = "/"
	}
	if u.RawQuery != "" {
		path += "?" + u.RawQuery
	}
	if !e.data.TestAgent(path, robotsAgent(c.o.UserAgent)) {
		return skipf(ReasonRobots, false, "feeds: fetching %s: disallowed by robots.txt", u.Redacted())
	}
	return nil
}

// robotsAgent is the product token of a User-Agent ("briefbot" of "briefbot/1.0 (…)").
func robotsAgent(ua string) string {
	if i := strings.IndexAny(ua, "/ "); i > 0 {
		return ua[:i]
	}
	return ua
}

// fetchRobots gets the robots.txt of the site at base (scheme://host).
func (c *Client) fetchRobots(ctx context.Context, base string) robotsEntry {
	u, err := url.Parse(base + "/robots.txt")
	if err != nil {
		return robotsEntry{err: &Skip{Reason: ReasonBadURL, Err: err}}
	}
	r, err := c.get(ctx, u, http.Header{}, robotsMax)
	status := http.StatusOK
	var s *Skip
	switch {
	case err == nil:
	case asSkip(err, &s) && s.Reason == ReasonStatus && !s.Temporary:
		return robotsEntry{data: allowAll(), expires: time.Now().Add(robotsTTL)}
	case asSkip(err, &s) && s.Reason == ReasonTooLarge:
		return robotsEntry{data: allowAll(), expires: time.Now().Add(robotsTTL)}
	case asSkip(err, &s) && (s.Reason == ReasonPrivate || s.Reason == ReasonBadURL):
		return robotsEntry{err: s, expires: time.Now().Add(robotsFailTTL)} // the host itself is refused
	default:
		return robotsEntry{
			err:     &Skip{Reason: ReasonRobots, Temporary: true, Err: err},
			expires: time.Now().Add(robotsFailTTL),
		}
	}
	data, perr := robotstxt.FromStatusAndBytes(status, r.Body)
	if perr != nil {
		// robotstxt parses leniently; a file it refuses is treated as absent.
		data = allowAll()
	}
	return robotsEntry{data: data, expires: time.Now().Add(robotsTTL)}
}

// allowAll is robots data that allows everything.
func allowAll() *robotstxt.RobotsData {
	d, _ := robotstxt.FromStatusAndBytes(http.StatusNotFound, nil)
	return d
}

func (rc *robotsCache) get(key string) (robotsEntry, bool) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	e, ok := rc.entries[key]
	if !ok || time.Now().After(e.expires) {
		return robotsEntry{}, false
	}
	return e, true
}

func (rc *robotsCache) put(key string, e robotsEntry) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	if rc.entries == nil {
		rc.entries = map[string]robotsEntry{}
	}
	for k, old := range rc.entries { // keep the cache from growing without end
		if time.Now().After(old.expires) {
			delete(rc.entries, k)
		}
	}
	rc.entries[key] = e
}
