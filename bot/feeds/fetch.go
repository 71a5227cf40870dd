package feeds

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"syscall"
	"time"
)

// DefaultUserAgent is the User-Agent a Client sends unless told otherwise.
const DefaultUserAgent = "briefbot/1.0 (+https://github.com/briefbot/briefbot)"

// The defaults of ClientOptions.
const (
	DefaultTimeout      = 20 * time.Second
	DefaultMaxBytes     = 8 << 20
	DefaultMaxRedirects = 5
	DefaultPerHost      = 2
	DefaultPace         = time.Second
)

// ClientOptions configure a Client; zero fields mean the defaults.
type ClientOptions struct {
	// UserAgent is sent with every request; default DefaultUserAgent.
	UserAgent string
	// Timeout bounds a whole request, the body included: a server trickling a byte a
	// second is cut off at it. Default 20s.
	Timeout time.Duration
	// MaxBytes caps a body; a longer one is a Skip with ReasonTooLarge. Default 8 MiB.
	MaxBytes int64
	// MaxRedirects caps the redirects followed; more, or a loop, is a Skip with
	// ReasonRedirects. Default 5.
	MaxRedirects int
	// PerHost bounds the concurrent requests to one host. Default 2.
	PerHost int
	// Pace is the least time between the starts of two requests to one host. Zero means
	// the default, 1s; a negative Pace means none.
	Pace time.Duration
	// AllowPrivate lets the client connect to loopback, private, link-local and
	// unspecified addresses. When false, the address a host resolves to is checked at
	// connection time (so DNS tricks do not help) and such a host is a Skip with
	// ReasonPrivate. The check is made by the client's own dialer: it does not apply
	// when Transport is set.
	AllowPrivate bool
	// Transport replaces the client's transport (tests); nil means the client's own.
	Transport http.RoundTripper
}

// A Client fetches feeds and pages politely: a User-Agent that says who it is, a bounded
// number of requests per host spaced out by a pace, robots.txt respected for pages, time
// and size caps, and no connections to private addresses. It is safe for concurrent use.
type Client struct {
	o      ClientOptions
	http   *http.Client
	mu     sync.Mutex
	hosts  map[string]*hostGate
	robots robotsCache
}

// A Conditional holds the validators of an earlier response, for a conditional request.
type Conditional struct {
	ETag, LastModified string
}

// A Response is a fetched body and what came with it.
type Response struct {
	URL          string // the final URL, after redirects
	Body         []byte // the body; see Client.Feed and Client.Page for its encoding
	ContentType  string
	ETag         string
	LastModified string
	NotModified  bool // the server answered 304 to a conditional request: Body is empty
}

var (
	errPrivate   = errors.New("private address refused")
	errRedirects = errors.New("too many redirects")
	errLoop      = errors.New("redirect loop")
	errScheme    = errors.New("redirect to a URL that is not http(s)")
)

// NewClient returns a Client with the options o.
func NewClient(o ClientOptions) *Client {
	if o.UserAgent == "" {
		o.UserAgent = DefaultUserAgent
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.MaxRedirects <= 0 {
		o.MaxRedirects = DefaultMaxRedirects
	}
	if o.PerHost <= 0 {
		o.PerHost = DefaultPerHost
	}
	if o.Pace == 0 {
		o.Pace = DefaultPace
	}
	c := &Client{o: o, hosts: map[string]*hostGate{}}
	rt := o.Transport
	if rt == nil {
		rt = newTransport(o.AllowPrivate)
	}
	c.http = &http.Client{Transport: rt, CheckRedirect: c.checkRedirect}
	return c
}

// newTransport returns a transport that uses no proxy and, unless allowPrivate, refuses
// to connect to private addresses.
func newTransport(allowPrivate bool) *http.Transport {
	d := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}
	if !allowPrivate {
		d.Control = refusePrivate
	}
	return &http.Transport{
		DialContext:           d.DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          64,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: 0,
	}
}

// refusePrivate is a net.Dialer Control: it refuses the resolved address when it is
// not a public one.
func refusePrivate(_, address string, _ syscall.RawConn) error {
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		return fmt.Errorf("%w: %s", errPrivate, address)
	}
	ip, err := netip.ParseAddr(host)
	if err != nil || isPrivate(ip) {
		return fmt.Errorf("%w: %s", errPrivate, address)
	}
	return nil
}

// isPrivate reports whether ip is loopback, private, link-local, unspecified or
// otherwise not a public unicast address.
func isPrivate(ip netip.Addr) bool {
	ip = ip.Unmap()
	return ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() ||
		ip.IsLinkLocalMulticast() || ip.IsInterfaceLocalMulticast() ||
		ip.IsUnspecified() || ip.IsMulticast() || sharedSpace.Contains(ip)
}

// sharedSpace is the carrier-grade NAT range, private in all but name.
var sharedSpace = netip.MustParsePrefix("100.64.0.0/10")

// checkRedirect stops after MaxRedirects redirects, at a loop, and at a scheme other
// than http(s).
func (c *Client) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) > c.o.MaxRedirects {
		return fmt.Errorf("%w: more than %d", errRedirects, c.o.MaxRedirects)
	}
	if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
		return fmt.Errorf("%w: %s", errScheme, req.URL.Redacted())
	}
	next := req.URL.String()
	newHost := true
	for _, r := range via {
		if r.URL.String() == next {
			return fmt.Errorf("%w: back to %s", errLoop, req.URL.Redacted())
		}
		if strings.EqualFold(r.URL.Host, req.URL.Host) {
			newHost = false
		}
	}
	// A page redirected to another host is fetched only if that host's robots.txt
	// allows it. (A host already on the way is not asked again: its gate may be held.)
	if newHost && req.Context().Value(pageKey{}) != nil {
		return c.allowed(req.Context(), req.URL)
	}
	return nil
}

// pageKey marks the context of a page's request, whose redirects robots.txt governs.
type pageKey struct{}

// Feed fetches the feed at rawURL. With validators in cond it asks for the feed only if
// it changed; a 304 answer is a Response with NotModified set. robots.txt is not
// consulted for feeds, which are published to be fetched.
//
// A body whose XML declaration names an encoding other than UTF-8 is passed on as
// received, for the feed parser decodes XML by its declaration (the label is checked:
// an unknown one is a Skip with ReasonCharset). Any other body is converted to UTF-8
// from the Content-Type charset (UTF-8 when none), invalid bytes replaced with U+FFFD.
func (c *Client) Feed(ctx context.Context, rawURL string, cond Conditional) (*Response, error) {
	u, err := parseHTTP(rawURL)
	if err != nil {
		return nil, err
	}
	hdr := http.Header{}
	hdr.Set("Accept", "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5")
	if cond.ETag != "" {
		hdr.Set("If-None-Match", cond.ETag)
	}
	if cond.LastModified != "" {
		hdr.Set("If-Modified-Since", cond.LastModified)
	}
	r, err := c.get(ctx, u, hdr, c.o.MaxBytes)
	if err != nil {
		return nil, err
	}
	if !r.NotModified {
		if r.Body, err = feedUTF8(r.Body, r.ContentType); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// Page fetches the article page at rawURL, unless the host's robots.txt disallows it
// to briefbot (a Skip with ReasonRobots). robots.txt is fetched once an hour per host; a
// missing one (any 4xx) allows everything; one that cannot be had (a 5xx, a timeout, a
// network error) makes the page a temporary Skip with ReasonRobots, tried again later,
// for a site that is failing should not be crawled. A redirect to another host is
// followed only if that host's robots.txt allows it too. Redirects to other hosts are
// not counted against their per-host limit and pace. The body is converted to UTF-8 from
// the Content-Type charset, a byte order mark or a <meta> charset (else guessed), invalid
// bytes replaced with U+FFFD; an unknown charset label is a Skip with ReasonCharset.
func (c *Client) Page(ctx context.Context, rawURL string) (*Response, error) {
	u, err := parseHTTP(rawURL)
	if err != nil {
		return nil, err
	}
	if err := c.allowed(ctx, u); err != nil {
		return nil, err
	}
	ctx = context.WithValue(ctx, pageKey{}, true)
	hdr := http.Header{}
	hdr.Set("Accept", "text/html, application/xhtml+xml;q=0.9, */*;q=0.5")
	r, err := c.get(ctx, u, hdr, c.o.MaxBytes)
	if err != nil {
		return nil, err
	}
	if r.Body, err = pageUTF8(r.Body, r.ContentType); err != nil {
		return nil, err
	}
	return r, nil
}

// parseHTTP parses an absolute http(s) URL.
func parseHTTP(rawURL string) (*url.URL, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, &Skip{Reason: ReasonBadURL, Err: fmt.Errorf("parsing URL: %w", err)}
	}
	u.Scheme = strings.ToLower(u.Scheme)
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, skipf(ReasonBadURL, false, "%q is not an http(s) URL", rawURL)
	}
	return u, nil
}

// get makes one GET request through the host's gate and reads at most limit bytes of the
// body; statuses other than 200 and 304 are Skips.
func (c *Client) get(ctx context.Context, u *url.URL, hdr http.Header, limit int64) (*Response, error) {
	release, err := c.gate(u.Host).enter(ctx, c.o.Pace)
	if err != nil {
		return nil, fmt.Errorf("feeds: waiting to fetch %s: %w", u.Redacted(), err)
	}
	defer release()
	rctx, cancel := context.WithTimeout(ctx, c.o.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(rctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, &Skip{Reason: ReasonBadURL, Err: fmt.Errorf("feeds: fetching %s: %w", u.Redacted(), err)}
	}
	req.Header = hdr
	req.Header.Set("User-Agent", c.o.UserAgent)
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, classify(ctx, u, err)
	}
	defer func() { _ = resp.Body.Close() }()
	r := &Response{
		URL:          resp.Request.URL.String(),
		ContentType:  resp.Header.Get("Content-Type"),
		ETag:         resp.Header.Get("ETag"),
		LastModified: resp.Header.Get("Last-Modified"),
	}
	switch {
	case resp.StatusCode == http.StatusNotModified:
		r.NotModified = true
		return r, nil
	case resp.StatusCode != http.StatusOK:
		return nil, statusSkip(u, resp.StatusCode)
	case resp.ContentLength > limit:
		return nil, skipf(ReasonTooLarge, false, "feeds: fetching %s: %d bytes, over the cap of %d", u.Redacted(), resp.ContentLength, limit)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, classify(ctx, u, err)
	}
	if int64(len(body)) > limit {
		return nil, skipf(ReasonTooLarge, false, "feeds: fetching %s: body over the cap of %d bytes", u.Redacted(), limit)
	}
	r.Body = body
	return r, nil
}

// statusSkip is the Skip of an HTTP status: temporary for 5xx, 429 and 408.
func statusSkip(u *url.URL, code int) *Skip {
	temp := code >= 500 || code == http.StatusTooManyRequests || code == http.StatusRequestTimeout
	return skipf(ReasonStatus, temp, "feeds: fetching %s: status %d %s", u.Redacted(), code, http.StatusText(code))
}

// classify turns a request error into a Skip; the cancellation of the caller's ctx is
// returned as it is, wrapped.
func classify(ctx context.Context, u *url.URL, err error) error {
	what := fmt.Errorf("feeds: fetching %s: %w", u.Redacted(), err)
	var ne net.Error
	var s *Skip
	switch {
	case ctx.Err() != nil:
		return fmt.Errorf("feeds: fetching %s: %w", u.Redacted(), ctx.Err())
	case errors.As(err, &s): // robots.txt of a redirect's host
		return &Skip{Reason: s.Reason, Temporary: s.Temporary, Err: what}
	case errors.Is(err, errPrivate):
		return &Skip{Reason: ReasonPrivate, Err: what}
	case errors.Is(err, errRedirects), errors.Is(err, errLoop), errors.Is(err, errScheme):
		return &Skip{Reason: ReasonRedirects, Err: what}
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return &Skip{Reason: ReasonTimeout, Temporary: true, Err: what}
	}
	return &Skip{Reason: ReasonNetwork, Temporary: true, Err: what}
}
