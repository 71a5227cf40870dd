package fakediscord

import (
	"fmt"
	"math"
	"net/http"
	"strconv"
	"time"
)

// A Fault is how the server answers the next requests of a route.
type Fault struct {
	// Status is the HTTP status to answer: 429 (see RetryAfter), a 5xx, or any other;
	// 0 answers as usual, after Delay.
	Status int
	// RetryAfter is the wait a 429 asks for: in the Retry-After header (whole seconds,
	// rounded up, as Discord sends it), the body's retry_after and
	// X-RateLimit-Reset-After (seconds with decimals). 0 means a second.
	RetryAfter time.Duration
	// Global makes a 429 the global rate limit (X-RateLimit-Global: true, scope
	// "global"); otherwise its scope is "user".
	Global bool
	// Delay is how long the server waits before it answers, or before it acts; the wait
	// ends early when the client gives up, and then nothing is done or answered.
	Delay time.Duration
	// Applied makes the server act on the request (create the message, edit the
	// response, …) before it answers Status, as a server that failed after doing the
	// work; otherwise a faulty request changes nothing.
	Applied bool
	// Times is how many requests the fault applies to: 0 means one; a negative number
	// means every request until ClearFaults.
	Times int
	// Hold, when set, makes the server act on the request as usual, then wait until Hold
	// is closed or the client gives up before it answers: a post that Discord made and
	// whose answer a client that died meanwhile never read. The work is kept either way.
	Hold <-chan struct{}
}

// Fault queues f for the route op (OpMessage, OpEdit, …): the next requests of the route
// get the route's queued faults in order, each for its Times.
func (s *Server) Fault(op string, f Fault) {
	if f.Times == 0 {
		f.Times = 1
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults[op] = append(s.faults[op], &f)
}

// ClearFaults drops every queued fault.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = map[string][]*Fault{}
}

// takeFault returns the fault for the next request of op, or nil.
func (s *Server) takeFault(op string) *Fault {
	s.mu.Lock()
	defer s.mu.Unlock()
	q := s.faults[op]
	if len(q) == 0 {
		return nil
	}
	f := *q[0]
	if q[0].Times > 0 {
		q[0].Times--
		if q[0].Times == 0 {
			s.faults[op] = q[1:]
		}
	}
	return &f
}

// faultReply is the answer of a fault with a status.
func faultReply(f *Fault, now time.Time) reply {
	if f.Status != http.StatusTooManyRequests {
		return apiError(f.Status, 0, fmt.Sprintf("%d: %s", f.Status, http.StatusText(f.Status)))
	}
	wait := f.RetryAfter
	if wait <= 0 {
		wait = time.Second
	}
	scope := "user"
	if f.Global {
		scope = "global"
	}
	return rateLimited(wait, scope, 1, now)
}

// rateLimited is a 429 asking for wait, with Discord's headers and body.
func rateLimited(wait time.Duration, scope string, limit int, now time.Time) reply {
	h := http.Header{}
	h.Set("Retry-After", strconv.Itoa(int(math.Ceil(wait.Seconds()))))
	h.Set("X-RateLimit-Scope", scope)
	global := scope == "global"
	if global {
		h.Set("X-RateLimit-Global", "true")
	} else {
		setBucketHeaders(h, limit, 0, wait, now)
	}
	return reply{status: http.StatusTooManyRequests, header: h, body: map[string]any{
		"message": "You are being rate limited.", "retry_after": roundSeconds(wait), "global": global,
	}}
}

// setBucketHeaders sets the X-RateLimit headers of a bucket with remaining requests of
// limit that resets after resetAfter.
func setBucketHeaders(h http.Header, limit, remaining int, resetAfter time.Duration, now time.Time) {
	reset := now.Add(resetAfter)
	h.Set("X-RateLimit-Limit", strconv.Itoa(limit))
	h.Set("X-RateLimit-Remaining", strconv.Itoa(remaining))
	h.Set("X-RateLimit-Reset", strconv.FormatFloat(float64(reset.UnixMilli())/1000, 'f', 3, 64))
	h.Set("X-RateLimit-Reset-After", strconv.FormatFloat(roundSeconds(resetAfter), 'f', 3, 64))
	h.Set("X-RateLimit-Bucket", "fake-bucket")
}

// roundSeconds returns d in seconds, to the millisecond.
func roundSeconds(d time.Duration) float64 {
	return math.Round(d.Seconds()*1000) / 1000
}

// bucket is a rate limit of a route: limit requests a window, for each top-level
// resource (a channel, an interaction token).
type bucket struct {
	limit  int
	window time.Duration
	state  map[string]*bucketState
}

type bucketState struct {
	used  int
	reset time.Time
}

// SetRateLimit gives the route op a rate limit of limit requests a window for each
// top-level resource (each channel of OpMessage, each interaction token of OpEdit, …):
// every answer of the route carries the X-RateLimit headers, and a request over the
// limit gets a 429 (scope "user") until the window ends. A limit ≤ 0 removes it.
func (s *Server) SetRateLimit(op string, limit int, window time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if limit <= 0 || window <= 0 {
		delete(s.buckets, op)
		return
	}
	s.buckets[op] = &bucket{limit: limit, window: window, state: map[string]*bucketState{}}
}

// limit counts a request of op on the resource key against the route's rate limit. It
// returns the headers to send, and a 429 reply when the request is over the limit.
func (s *Server) limit(op, key string) (http.Header, *reply) {
	s.mu.Lock()
	defer s.mu.Unlock()
	b := s.buckets[op]
	if b == nil {
		return nil, nil
	}
	now := s.now()
	st := b.state[key]
	if st == nil || !now.Before(st.reset) {
		st = &bucketState{reset: now.Add(b.window)}
		b.state[key] = st
	}
	left := st.reset.Sub(now)
	if st.used >= b.limit {
		r := rateLimited(left, "user", b.limit, now)
		return nil, &r
	}
	st.used++
	h := http.Header{}
	setBucketHeaders(h, b.limit, b.limit-st.used, left, now)
	return h, nil
}
