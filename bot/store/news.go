package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
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
// seen then), in the order they were seen, within summarize's default Limits (see
// Select). An article that several outlets carried is returned once for each, with that
// outlet's URL and title, so that each is cited for what it carried and for nothing
// else; copies from one outlet (several of its feeds) are one article. It returns an
// error matching bot.ErrNoArticles when the window has none.
func (d *DB) Articles(ctx context.Context, w bot.Window) ([]summarize.Article, error) {
	return Selection{DB: d}.Articles(ctx, w)
}

// Select returns the source of the articles that came through the given feeds and pages
// (their URLs as configured; all of them when sources is nil), within the limits l.
func (d *DB) Select(sources []string, l summarize.Limits) bot.Source {
	return Selection{DB: d, Sources: sources, Limits: l}
}

// A Selection is a source of the store's articles: those that came through Sources
// (every article when it is nil), the newest within Limits (zero fields: summarize's
// defaults), so that a store that grew past what the bot analyses at once still briefs,
// on its latest news.
type Selection struct {
	DB      *DB
	Sources []string
	Limits  summarize.Limits
}

var _ bot.Source = Selection{}

// Articles returns the articles of w that came through the selection's sources.
func (s Selection) Articles(ctx context.Context, w bot.Window) ([]summarize.Article, error) {
	if s.DB == nil {
		return nil, errors.New("store: a selection of articles without a database")
	}
	if s.Sources != nil && len(s.Sources) == 0 {
		return nil, bot.NoArticles("no feeds or pages are selected")
	}
	return s.DB.articles(ctx, w, s.Sources, s.Limits)
}

// articles reads the newest articles of w within l, from the feeds given (all when nil),
// and returns them in the order they were seen.
func (d *DB) articles(ctx context.Context, w bot.Window, from []string, l summarize.Limits) ([]summarize.Article, error) {
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
	q += " ORDER BY a.seen_at DESC, a.id DESC, (c.url = a.url) DESC, c.url" // the first copy first
	rows, err := d.news.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: reading the articles from %s: %w", w, classify(err))
	}
	defer rows.Close()
	var groups [][]summarize.Article // newest first, each article's copies in order
	var last int64 = -1
	var text string
	var size int64
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
			size += int64(len(t))
			if over(l, len(groups)+1, size) && len(groups) > 0 {
				break // the newest articles within the limits
			}
			last, text = id, string(t) // one string for every copy of the text
			clear(outlets)
			groups = append(groups, nil)
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
		groups[len(groups)-1] = append(groups[len(groups)-1], a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: reading the articles from %s: %w", w, classify(err))
	}
	if len(groups) == 0 {
		return nil, bot.NoArticles("no articles in the store from " + w.String())
	}
	slices.Reverse(groups)
	return slices.Concat(groups...), nil
}

// over reports whether n articles of size bytes in all are over l (zero fields: the
// defaults; negative: no limit).
func over(l summarize.Limits, n int, size int64) bool {
	maxArticles, maxBytes := cmp.Or(l.MaxArticles, summarize.DefaultMaxArticles), cmp.Or(l.MaxBytes, summarize.DefaultMaxBytes)
	return (maxArticles >= 0 && n > maxArticles) || (maxBytes >= 0 && size > maxBytes)
}
