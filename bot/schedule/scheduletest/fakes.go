package scheduletest

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/briefbot/briefbot/bot/schedule"
)

// A Clock is a clock set by hand, safe for concurrent use.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// NewClock returns a Clock that reads t.
func NewClock(t time.Time) *Clock { return &Clock{t: t} }

// Now returns the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Set sets the clock to t, forward or back.
func (c *Clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

// Add moves the clock by d.
func (c *Clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// A Post is one message a Poster posted.
type Post struct {
	Channel string
	Key     string
	Message schedule.Message
	Ref     schedule.Ref
}

// A Poster is a schedule.Poster that records what it posts: a platform whose history
// the test can read. It is no Finder; wrap it in a Finder for that. Safe for
// concurrent use.
type Poster struct {
	// Fail, if set, is called before each post with the channel, the key and the
	// number of earlier calls; a non-nil error fails the post. With posted true the
	// message is recorded all the same, as by a platform that posted and then failed
	// to answer.
	Fail func(channel, key string, call int) (posted bool, err error)
	// Gate, if set, is received from before each post, so that a test can hold a
	// post in flight.
	Gate chan struct{}

	mu    sync.Mutex
	posts []Post
	calls int
}

var _ schedule.Poster = (*Poster)(nil)

// Post implements schedule.Poster.
func (p *Poster) Post(ctx context.Context, channelID string, m schedule.Message, key string) (schedule.Ref, error) {
	if p.Gate != nil {
		select {
		case <-p.Gate:
		case <-ctx.Done():
			return schedule.Ref{}, ctx.Err()
		}
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	call := p.calls
	p.calls++
	var err error
	posted := true
	if p.Fail != nil {
		if posted, err = p.Fail(channelID, key, call); err == nil {
			posted = true
		}
	}
	ref := schedule.Ref{}
	if posted {
		ref.ID = fmt.Sprintf("m%d", len(p.posts)+1)
		p.posts = append(p.posts, Post{Channel: channelID, Key: key, Message: m, Ref: ref})
	}
	if err != nil {
		return schedule.Ref{}, err
	}
	return ref, nil
}

// Add records a post as if made earlier (by a process that crashed), and returns its
// Ref.
func (p *Poster) Add(channelID, key string) schedule.Ref {
	p.mu.Lock()
	defer p.mu.Unlock()
	ref := schedule.Ref{ID: fmt.Sprintf("m%d", len(p.posts)+1)}
	p.posts = append(p.posts, Post{Channel: channelID, Key: key, Ref: ref})
	return ref
}

// Posts returns the posts made, in order.
func (p *Poster) Posts() []Post {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]Post(nil), p.posts...)
}

// Calls returns the number of calls of Post.
func (p *Poster) Calls() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.calls
}

// Keys returns the keys posted, in order, separated by spaces.
func (p *Poster) Keys() string {
	var b []string
	for _, post := range p.Posts() {
		b = append(b, post.Key)
	}
	return strings.Join(b, " ")
}

// find looks for key in the channel's posts.
func (p *Poster) find(channelID, key string) (schedule.Ref, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, post := range p.posts {
		if post.Channel == channelID && post.Key == key {
			return post.Ref, true
		}
	}
	return schedule.Ref{}, false
}

// A Finder is a Poster that can search its history. Err, if set, is returned by
// Find instead (wrap schedule.ErrCannotAsk for a platform that cannot be asked).
type Finder struct {
	*Poster
	Err error

	mu    sync.Mutex
	finds int
}

var _ schedule.Finder = (*Finder)(nil)

// Find implements schedule.Finder.
func (f *Finder) Find(_ context.Context, channelID, key string, _ time.Time) (schedule.Ref, bool, error) {
	f.mu.Lock()
	f.finds++
	f.mu.Unlock()
	if f.Err != nil {
		return schedule.Ref{}, false, f.Err
	}
	ref, ok := f.find(channelID, key)
	return ref, ok, nil
}

// Finds returns the number of calls of Find.
func (f *Finder) Finds() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.finds
}

// Briefer returns a schedule.Briefer whose message names the channel and its window.
func Briefer() schedule.Briefer {
	return schedule.BrieferFunc(func(_ context.Context, ch schedule.Channel, since, until time.Time) (schedule.Message, error) {
		return schedule.Message{Text: fmt.Sprintf("briefing of %s from %s to %s", ch.Key(),
			since.UTC().Format(time.RFC3339), until.UTC().Format(time.RFC3339))}, nil
	})
}
