package feeds

import (
	"context"
	"strings"
	"sync"
	"time"
)

// A hostGate bounds the requests to one host: at most cap(sem) at once, their starts
// at least a pace apart. Waiting at one host's gate never holds up another's.
type hostGate struct {
	sem  chan struct{}
	mu   sync.Mutex
	next time.Time // the earliest start of the next request
}

// gate returns the gate of host, made on first use.
func (c *Client) gate(host string) *hostGate {
	host = strings.ToLower(host)
	c.mu.Lock()
	defer c.mu.Unlock()
	g, ok := c.hosts[host]
	if !ok {
		g = &hostGate{sem: make(chan struct{}, c.o.PerHost)}
		c.hosts[host] = g
	}
	return g
}

// enter waits for a free slot and for the pace, or for ctx to end; the caller calls
// release when done.
func (g *hostGate) enter(ctx context.Context, pace time.Duration) (release func(), err error) {
	select {
	case g.sem <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	release = func() { <-g.sem }
	if pace <= 0 {
		return release, nil
	}
	g.mu.Lock()
	now := time.Now()
	start := g.next
	if start.Before(now) {
		start = now
	}
	g.next = start.Add(pace)
	g.mu.Unlock()
	if wait := time.Until(start); wait > 0 {
		t := time.NewTimer(wait)
		defer t.Stop()
		select {
		case <-t.C:
		case <-ctx.Done():
			release()
			return nil, ctx.Err()
		}
	}
	return release, nil
}
