package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/summarize"
)

// Origin is the Origin of the articles the store returns.
const Origin = "store"

var _ bot.Source = (*DB)(nil)

// Articles returns the stored articles first seen in the window w (by first sight,
// not by publication date: the news since the last briefing are those briefbot had not
// seen then), in the order they were seen. An article that several outlets carried is
// returned once for each, with that outlet's URL and title, so that each is cited for
// what it carried and for nothing else; copies from one outlet (several of its feeds)
// are one article. It returns an error matching bot.ErrNoArticles when the window has
// none.
func (d *DB) Articles(ctx context.Context, w bot.Window) ([]summarize.Article, error) {
	return d.articles(ctx, w, nil)
}

// Select returns the source of the articles that came through the given feeds and pages
// (their URLs as configured): a channel's own sources.
func (d *DB) Select(sources []string) bot.Source { return selection{d, sources} }

// A selection is the store's articles from some feeds.
type selection struct {
	d       *DB
	sources []string
}

// Articles returns the articles of w that came through the selection's sources.
func (s selection) Articles(ctx context.Context, w bot.Window) ([]summarize.Article, error) {
	if len(s.sources) == 0 {
		return nil, bot.NoArticles("no feeds or pages are selected")
	}
	return s.d.articles(ctx, w, s.sources)
}

// articles reads the articles of w, from the feeds given (all when nil).
func (d *DB) articles(ctx context.Context, w bot.Window, from []string) ([]summarize.Article, error) {
	var where []string
	var args []any
	if !w.Since.IsZero() {
		where, args = append(where, "a.seen_at >= ?"), append(args, ms(w.Since))
	}
	if !w.Until.IsZero() {
		where, args = append(where, "a.seen_at < ?"), append(args, ms(w.Until))
	}
	if len(from) > 0 {
		where = append(where, "c.feed IN ("+placeholders(len(from))+")")
		for _, f := range from {
			args = append(args, f)
		}
	}
	q := `SELECT a.id, a.text, a.published_at, c.url, c.outlet, c.title FROM articles a
		JOIN article_copies c ON c.article_id = a.id`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY a.seen_at, a.id, c.rowid"
	rows, err := d.news.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: reading the articles from %s: %w", w, classify(err))
	}
	defer rows.Close()
	var out []summarize.Article
	var last int64 = -1
	var text string
	outlets := map[string]bool{} // the outlets of the current article so far
	for rows.Next() {
		var id int64
		var published sql.NullInt64
		var a summarize.Article
		var t sql.RawBytes
		if err := rows.Scan(&id, &t, &published, &a.URL, &a.Outlet, &a.Title); err != nil {
			return nil, fmt.Errorf("store: reading the articles from %s: %w", w, classify(err))
		}
		if id != last {
			last, text = id, string(t) // one string for every copy of the text
			clear(outlets)
		}
		who := a.Outlet
		if who == "" {
			who = "\x00" + a.URL // copies of no known outlet count by URL
		}
		if outlets[who] {
			continue
		}
		outlets[who] = true
		a.Origin, a.Text, a.Published = Origin, text, fromMS(published)
		a.ID = a.URL
		if a.ID == "" {
			a.ID = "article/" + strconv.FormatInt(id, 10)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: reading the articles from %s: %w", w, classify(err))
	}
	if len(out) == 0 {
		return nil, bot.NoArticles("no articles in the store from " + w.String())
	}
	return out, nil
}
