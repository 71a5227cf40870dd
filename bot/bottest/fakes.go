package bottest

import (
	"context"
	"sync"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/summarize"
)

// Source is a bot.Source whose Articles calls ArticlesFn and counts the calls.
type Source struct {
	ArticlesFn func(ctx context.Context, w bot.Window) ([]summarize.Article, error)

	mu    sync.Mutex
	calls int
}

var _ bot.Source = (*Source)(nil)

// Articles calls ArticlesFn.
func (s *Source) Articles(ctx context.Context, w bot.Window) ([]summarize.Article, error) {
	s.mu.Lock()
	s.calls++
	s.mu.Unlock()
	return s.ArticlesFn(ctx, w)
}

// Calls returns how many times Articles was called.
func (s *Source) Calls() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls
}

// Articles returns a Source of a fixed list of articles.
func Articles(a ...summarize.Article) *Source {
	return &Source{ArticlesFn: func(context.Context, bot.Window) ([]summarize.Article, error) { return a, nil }}
}

// Poster is a bot.Poster whose Post calls PostFn.
type Poster struct {
	PostFn func(ctx context.Context, channelID string, r bot.Reply, key string) (bot.MessageRef, error)
}

var _ bot.Poster = Poster{}

// Post calls PostFn.
func (p Poster) Post(ctx context.Context, channelID string, r bot.Reply, key string) (bot.MessageRef, error) {
	return p.PostFn(ctx, channelID, r, key)
}
