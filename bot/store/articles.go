package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/briefbot/briefbot/bot/feeds"
)

var _ feeds.Store = (*DB)(nil)

// inChunk is the most keys one IN (…) list holds: SQLite takes 32,766 parameters, and
// shorter statements are cached better.
const inChunk = 500

// Feed returns what the last read of a feed left.
func (d *DB) Feed(ctx context.Context, url string) (feeds.FeedState, bool, error) {
	var f feeds.FeedState
	var seeded, checked sql.NullInt64
	err := d.news.QueryRowContext(ctx, `SELECT etag, last_modified, seeded_at, checked_at FROM feeds WHERE url = ?`, url).
		Scan(&f.ETag, &f.LastModified, &seeded, &checked)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return feeds.FeedState{}, false, nil
	case err != nil:
		return feeds.FeedState{}, false, fmt.Errorf("store: reading the state of the feed %s: %w", url, classify(err))
	}
	f.SeededAt, f.CheckedAt = fromMS(seeded), fromMS(checked)
	return f, true, nil
}

// SaveFeed records a feed's state.
func (d *DB) SaveFeed(ctx context.Context, url string, f feeds.FeedState) error {
	_, err := d.news.ExecContext(ctx, `INSERT INTO feeds (url, etag, last_modified, seeded_at, checked_at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
		seeded_at = excluded.seeded_at, checked_at = excluded.checked_at`,
		url, f.ETag, f.LastModified, nullMS(f.SeededAt), nullMS(f.CheckedAt))
	if err != nil {
		return fmt.Errorf("store: saving the state of the feed %s: %w", url, classify(err))
	}
	return nil
}

// Unseen returns those of keys never marked seen for the feed, in order; it asks in
// chunks, so that thousands of keys cost a few statements.
func (d *DB) Unseen(ctx context.Context, feed string, keys []string) ([]string, error) {
	seen := make(map[string]bool)
	for start := 0; start < len(keys); start += inChunk {
		chunk := keys[start:min(len(keys), start+inChunk)]
		args := make([]any, 0, len(chunk)+1)
		args = append(args, feed)
		for _, k := range chunk {
			args = append(args, k)
		}
		rows, err := d.news.QueryContext(ctx, `SELECT key FROM seen WHERE feed = ? AND key IN (`+placeholders(len(chunk))+`)`, args...)
		if err != nil {
			return nil, fmt.Errorf("store: reading the seen items of %s: %w", feed, classify(err))
		}
		for rows.Next() {
			var k string
			if err := rows.Scan(&k); err != nil {
				rows.Close()
				return nil, fmt.Errorf("store: reading the seen items of %s: %w", feed, classify(err))
			}
			seen[k] = true
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, fmt.Errorf("store: reading the seen items of %s: %w", feed, classify(err))
		}
	}
	var out []string
	for _, k := range keys {
		if !seen[k] {
			out = append(out, k)
		}
	}
	return out, nil
}

// placeholders returns "?, ?, …" for n parameters.
func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

// MarkSeen marks keys seen for the feed at the time at, in one transaction; a key seen
// before keeps the later time, so that an item still in its feed is not forgotten by
// Prune and taken for new.
func (d *DB) MarkSeen(ctx context.Context, feed string, keys []string, at time.Time) error {
	if len(keys) == 0 {
		return nil
	}
	err := d.newsTx(ctx, func(tx *sql.Tx) error {
		st, err := tx.PrepareContext(ctx, `INSERT INTO seen (feed, key, seen_at) VALUES (?, ?, ?)
			ON CONFLICT (feed, key) DO UPDATE SET seen_at = CASE WHEN excluded.seen_at > seen.seen_at THEN excluded.seen_at ELSE seen.seen_at END`)
		if err != nil {
			return err
		}
		defer st.Close()
		for _, k := range keys {
			if _, err := st.ExecContext(ctx, feed, k, ms(at)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: marking %d items of %s seen: %w", len(keys), feed, classify(err))
	}
	return nil
}

// Fingerprints returns the SimHash of every stored article.
func (d *DB) Fingerprints(ctx context.Context) ([]feeds.Fingerprint, error) {
	rows, err := d.news.QueryContext(ctx, `SELECT id, simhash FROM articles ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("store: reading the articles' fingerprints: %w", classify(err))
	}
	defer rows.Close()
	var out []feeds.Fingerprint
	for rows.Next() {
		var f feeds.Fingerprint
		var h int64
		if err := rows.Scan(&f.ID, &h); err != nil {
			return nil, fmt.Errorf("store: reading the articles' fingerprints: %w", classify(err))
		}
		f.SimHash = uint64(h)
		out = append(out, f)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: reading the articles' fingerprints: %w", classify(err))
	}
	return out, nil
}

// Add stores a new article with its first copy, and returns its id.
func (d *DB) Add(ctx context.Context, s feeds.Stored) (int64, error) {
	a := s.Article
	var id int64
	err := d.newsTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO articles (text, title, outlet, url, feed, published_at, seen_at, simhash)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			a.Text, a.Title, a.Outlet, a.URL, s.Feed, nullMS(a.Published), ms(s.SeenAt), int64(s.SimHash)).Scan(&id)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO article_copies (article_id, url, feed, outlet, title) VALUES (?, ?, ?, ?, ?)`,
			id, a.URL, s.Feed, a.Outlet, a.Title)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("store: storing the article %s: %w", a.URL, classify(err))
	}
	return id, nil
}

// AddCopy records another copy of the article id; a copy of a URL already recorded
// changes nothing.
func (d *DB) AddCopy(ctx context.Context, id int64, c feeds.Copy) error {
	_, err := d.news.ExecContext(ctx, `INSERT INTO article_copies (article_id, url, feed, outlet, title) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT DO NOTHING`, id, c.URL, c.Feed, c.Outlet, c.Title)
	if err != nil {
		return fmt.Errorf("store: recording a copy of article %d from %s: %w", id, c.URL, classify(err))
	}
	return nil
}

// Prune deletes the articles first seen before before (their copies with them) and the
// seen items marked before seenBefore; the ledger is not touched. It returns how many
// articles went.
func (d *DB) Prune(ctx context.Context, before, seenBefore time.Time) (int, error) {
	var n int64
	err := d.newsTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM articles WHERE seen_at < ?`, ms(before))
		if err != nil {
			return err
		}
		if n, err = res.RowsAffected(); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM seen WHERE seen_at < ?`, ms(seenBefore))
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("store: pruning articles seen before %s: %w", before.UTC().Format(time.RFC3339), classify(err))
	}
	return int(n), nil
}
