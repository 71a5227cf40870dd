package feeds

// TEMPORARY: stand-ins until the fetch branch is merged; deleted then.

import (
	"context"
	"time"
)

type Conditional struct{ ETag, LastModified string }

type Response struct {
	URL                string
	Body               []byte
	ContentType        string
	ETag, LastModified string
	NotModified        bool
}

const (
	DefaultTimeout   = 20 * time.Second
	DefaultMaxBytes  = 8 << 20
	DefaultPerHost   = 2
	DefaultPace      = time.Second
	DefaultUserAgent = "briefbot/1.0 (+https://github.com/briefbot/briefbot)"
)

type ClientOptions struct {
	UserAgent    string
	Timeout      time.Duration
	MaxBytes     int64
	PerHost      int
	Pace         time.Duration
	AllowPrivate bool
}

type Client struct{}

func NewClient(ClientOptions) *Client { return &Client{} }
func (*Client) Feed(ctx context.Context, url string, cond Conditional) (*Response, error) {
	return nil, nil
}
func (*Client) Page(ctx context.Context, url string) (*Response, error) { return nil, nil }
