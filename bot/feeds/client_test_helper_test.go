package feeds_test

import (
	"context"
	"fmt"
	"io"
	"net/http"

	"github.com/briefbot/briefbot/bot/feeds"
)

// TEMPORARY until the polite client is merged.
type plainClient struct{}

func testClient() feeds.Fetcher { return plainClient{} }

func (plainClient) Feed(ctx context.Context, url string, cond feeds.Conditional) (*feeds.Response, error) {
	return get(ctx, url, cond)
}
func (plainClient) Page(ctx context.Context, url string) (*feeds.Response, error) {
	return get(ctx, url, feeds.Conditional{})
}
func get(ctx context.Context, url string, cond feeds.Conditional) (*feeds.Response, error) {
	req, _ := http.NewRequestWithContext(ctx, "GET", url, nil)
	if cond.ETag != "" {
		req.Header.Set("If-None-Match", cond.ETag)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, &feeds.Skip{Reason: feeds.ReasonNetwork, Temporary: true, Err: err}
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode == 304 {
		return &feeds.Response{URL: url, NotModified: true}, nil
	}
	if resp.StatusCode != 200 {
		return nil, &feeds.Skip{Reason: feeds.ReasonStatus, Temporary: resp.StatusCode >= 500, Err: fmt.Errorf("status %d", resp.StatusCode)}
	}
	return &feeds.Response{URL: resp.Request.URL.String(), Body: b, ETag: resp.Header.Get("ETag")}, nil
}
