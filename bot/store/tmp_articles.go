package store

// TEMPORARY: stand-ins until the articlestore branch is merged; deleted then.

import (
	"context"
	"time"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/feeds"
	"github.com/briefbot/briefbot/summarize"
)

func (d *DB) Feed(ctx context.Context, url string) (feeds.FeedState, bool, error) {
	return feeds.FeedState{}, false, nil
}
func (d *DB) SaveFeed(ctx context.Context, url string, f feeds.FeedState) error { return nil }
func (d *DB) Unseen(ctx context.Context, feed string, keys []string) ([]string, error) {
	return keys, nil
}
func (d *DB) MarkSeen(ctx context.Context, feed string, keys []string, at time.Time) error {
	return nil
}
func (d *DB) Fingerprints(ctx context.Context) ([]feeds.Fingerprint, error) { return nil, nil }
func (d *DB) Add(ctx context.Context, a feeds.Stored) (int64, error)        { return 0, nil }
func (d *DB) AddCopy(ctx context.Context, id int64, c feeds.Copy) error     { return nil }
func (d *DB) Prune(ctx context.Context, before, seenBefore time.Time) (int, error) {
	return 0, nil
}
func (d *DB) Articles(ctx context.Context, w bot.Window) ([]summarize.Article, error) {
	return nil, nil
}
func (d *DB) Select(sources []string) bot.Source { return d }
