// Package feedstest holds what tests of ingestion share: a Store in memory.
package feedstest

import (
	"context"
	"slices"
	"sync"
	"time"

	"github.com/briefbot/briefbot/bot/feeds"
)

// A MemStore is a feeds.Store in memory, safe for concurrent use. Err, when set, is
// returned by every method (a failing store).
type MemStore struct {
	mu       sync.Mutex
	feeds    map[string]feeds.FeedState
	seen     map[string]map[string]time.Time
	articles []Article
	Err      error
}

// An Article is a stored article with its copies.
type Article struct {
	ID     int64
	Stored feeds.Stored
	Copies []feeds.Copy
}

var _ feeds.Store = (*MemStore)(nil)

// Feed returns a feed's state.
func (m *MemStore) Feed(_ context.Context, url string) (feeds.FeedState, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	f, ok := m.feeds[url]
	return f, ok, m.Err
}

// SaveFeed records a feed's state.
func (m *MemStore) SaveFeed(_ context.Context, url string, f feeds.FeedState) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.Err != nil {
		return m.Err
	}
	if m.feeds == nil {
		m.feeds = make(map[string]feeds.FeedState)
	}
	m.feeds[url] = f
	return nil
}

// Unseen returns the keys never marked seen for the feed.
func (m *MemStore) Unseen(_ context.Context, feed string, keys []string) ([]string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []string
	for _, k := range keys {
		if _, ok := m.seen[feed][k]; !ok {
			out = append(out, k)
		}
	}
	return out, m.Err
}

// MarkSeen marks keys seen.
func (m *MemStore) MarkSeen(_ context.Context, feed string, keys []string, at time.Time) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.Err != nil {
		return m.Err
	}
	if m.seen == nil {
		m.seen = make(map[string]map[string]time.Time)
	}
	if m.seen[feed] == nil {
		m.seen[feed] = make(map[string]time.Time)
	}
	for _, k := range keys {
		m.seen[feed][k] = at
	}
	return nil
}

// Fingerprints returns the stored articles' SimHashes.
func (m *MemStore) Fingerprints(context.Context) ([]feeds.Fingerprint, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []feeds.Fingerprint
	for _, a := range m.articles {
		out = append(out, feeds.Fingerprint{ID: a.ID, SimHash: a.Stored.SimHash})
	}
	return out, m.Err
}

// Add stores an article.
func (m *MemStore) Add(_ context.Context, a feeds.Stored) (int64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.Err != nil {
		return 0, m.Err
	}
	id := int64(len(m.articles) + 1)
	if n := len(m.articles); n > 0 {
		id = m.articles[n-1].ID + 1
	}
	c := feeds.Copy{Feed: a.Feed, URL: a.Article.URL, Outlet: a.Article.Outlet, Title: a.Article.Title}
	m.articles = append(m.articles, Article{ID: id, Stored: a, Copies: []feeds.Copy{c}})
	return id, nil
}

// AddCopy records another copy of an article.
func (m *MemStore) AddCopy(_ context.Context, id int64, c feeds.Copy) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.Err != nil {
		return m.Err
	}
	for i := range m.articles {
		if a := &m.articles[i]; a.ID == id && !slices.ContainsFunc(a.Copies, func(x feeds.Copy) bool { return x.URL == c.URL }) {
			a.Copies = append(a.Copies, c)
		}
	}
	return nil
}

// Prune deletes old articles and seen items.
func (m *MemStore) Prune(_ context.Context, before, seenBefore time.Time) (int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.Err != nil {
		return 0, m.Err
	}
	n := len(m.articles)
	m.articles = slices.DeleteFunc(m.articles, func(a Article) bool { return a.Stored.SeenAt.Before(before) })
	for _, keys := range m.seen {
		for k, at := range keys {
			if at.Before(seenBefore) {
				delete(keys, k)
			}
		}
	}
	return n - len(m.articles), nil
}

// Articles returns a copy of the stored articles, in the order they were stored.
func (m *MemStore) Articles() []Article {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]Article, len(m.articles))
	for i, a := range m.articles {
		a.Copies = slices.Clone(a.Copies)
		out[i] = a
	}
	return out
}

// Seen reports whether key was marked seen for feed.
func (m *MemStore) Seen(feed, key string) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	_, ok := m.seen[feed][key]
	return ok
}
