package feeds

import (
	"context"
	"errors"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/briefbot/briefbot/summarize"
)

// This file holds what a pass does with a feed's items: which are stored, how each
// becomes an article, and how an article is stored or found to be a copy.

// stillListed returns the keys that are not fresh: the items seen at an earlier pass.
func stillListed(keys []string, fresh map[string]bool) []string {
	var out []string
	for _, k := range keys {
		if !fresh[k] {
			out = append(out, k)
		}
	}
	return out
}

// seed marks every unseen item of a feed read for the first time seen, and stores the
// latest few (SeedItems published within SeedAge).
func (in *Ingester) seed(ctx context.Context, raw string, f *feed, fresh map[string]bool) error {
	since := in.o.Now().Add(-in.o.SeedAge)
	var recent []item
	var quiet []string
	for _, it := range f.items {
		switch {
		case !fresh[it.key]:
		case !it.published.IsZero() && !it.published.Before(since):
			recent = append(recent, it)
		default:
			quiet = append(quiet, it.key)
		}
	}
	// The newest by their dates, whatever the feed's order, stored oldest first.
	slices.SortStableFunc(recent, func(a, b item) int { return b.published.Compare(a.published) })
	keep := recent[:min(len(recent), max(0, in.o.SeedItems))]
	for _, it := range recent[len(keep):] {
		quiet = append(quiet, it.key)
	}
	slices.Reverse(keep)
	if err := in.o.Store.MarkSeen(ctx, raw, quiet, in.o.Now()); err != nil {
		return err
	}
	in.count(func(r *Report) { r.Seeded += len(quiet) })
	return in.each(ctx, raw, f, keep)
}

// items stores a feed's unseen items, but for those published before the cut-off.
func (in *Ingester) items(ctx context.Context, raw string, f *feed, fresh map[string]bool) error {
	cutoff := in.o.Now().Add(-in.o.MaxAge)
	var keep []item
	var old []string
	for _, it := range f.items {
		switch {
		case !fresh[it.key]:
		case !it.published.IsZero() && it.published.Before(cutoff):
			old = append(old, it.key)
		default:
			keep = append(keep, it)
		}
	}
	if len(old) > 0 {
		in.count(func(r *Report) { r.Skipped += len(old) })
		if in.o.Skipped != nil {
			for range old {
				in.o.Skipped(ReasonOld)
			}
		}
		if err := in.o.Store.MarkSeen(ctx, raw, old, in.o.Now()); err != nil {
			return err
		}
	}
	// Stored in the order they were published (undated ones last, in the feed's order),
	// so that the store's order of first sight follows the news within a pass too.
	slices.SortStableFunc(keep, func(a, b item) int {
		switch az, bz := a.published.IsZero(), b.published.IsZero(); {
		case az && bz:
			return 0
		case az:
			return 1
		case bz:
			return -1
		}
		return a.published.Compare(b.published)
	})
	return in.each(ctx, raw, f, keep)
}

// each stores the items, one after the other, each marked seen once it is stored or
// lastingly skipped; an item whose page failed for a while is left unseen, for the next
// pass.
func (in *Ingester) each(ctx context.Context, raw string, f *feed, items []item) error {
	for _, it := range items {
		if err := ctx.Err(); err != nil {
			return err
		}
		a, err := in.article(ctx, f, it)
		var skip *Skip
		switch {
		case errors.As(err, &skip):
			in.skip(ctx, "item skipped", it.link, err)
			in.count(func(r *Report) { r.Skipped++ })
			if skip.Temporary {
				continue
			}
		case err != nil:
			return err
		default:
			if err := in.keep(ctx, raw, a); err != nil {
				return err
			}
		}
		if err := in.o.Store.MarkSeen(ctx, raw, []string{it.key}, in.o.Now()); err != nil {
			return err
		}
	}
	return nil
}

// article returns the article of a feed item: its own text when it is more than a
// teaser, else its page's.
func (in *Ingester) article(ctx context.Context, f *feed, it item) (summarize.Article, error) {
	a := summarize.Article{Title: it.title, URL: it.link, Published: it.published, Text: it.text}
	if wordCount(it.text) < in.o.Teaser {
		if it.link == "" {
			return a, skipf(ReasonNoText, false, "the item %q has only a teaser and no link", cutText(it.title, 80))
		}
		page, err := in.fetchPage(ctx, it.link)
		if err != nil {
			return a, err
		}
		a.Text = page.Text
		a.Outlet = page.Outlet
		if a.Title == "" {
			a.Title = page.Title
		}
		if a.Published.IsZero() {
			a.Published = page.Published
		}
	}
	if a.Outlet == "" {
		a.Outlet = outletOf(f.title, a.URL)
	}
	return a, nil
}

// outletOf names the outlet of an article from its feed's title, or else its host
// without "www.".
func outletOf(feedTitle, link string) string {
	if feedTitle != "" {
		return cutText(feedTitle, 80)
	}
	if u, err := url.Parse(link); err == nil {
		return strings.TrimPrefix(u.Hostname(), "www.")
	}
	return ""
}

// keep stores an article, or a copy of a stored one when its text is a near-duplicate.
func (in *Ingester) keep(ctx context.Context, source string, a summarize.Article) error {
	a.Text = strings.ToValidUTF8(a.Text, "\uFFFD")
	hash := SimHash(a.Text)
	in.storing.Lock()
	defer in.storing.Unlock()
	in.mu.Lock()
	var dup int64 = -1
	for _, p := range in.prints {
		if Near(p.SimHash, hash) {
			dup = p.ID
			break
		}
	}
	in.mu.Unlock()
	if dup >= 0 {
		in.count(func(r *Report) { r.Copies++ })
		return in.o.Store.AddCopy(ctx, dup, Copy{Feed: source, URL: a.URL, Outlet: a.Outlet, Title: a.Title})
	}
	a.ID = a.URL
	id, err := in.o.Store.Add(ctx, Stored{Article: a, Feed: source, SeenAt: in.seenAt(), SimHash: hash})
	if err != nil {
		return err
	}
	in.mu.Lock()
	in.prints = append(in.prints, Fingerprint{ID: id, SimHash: hash})
	in.mu.Unlock()
	in.count(func(r *Report) { r.New++ })
	return nil
}

// seenAt is the time an article found now is recorded as first seen: now, or just
// before the pass's asOf when that is not later.
func (in *Ingester) seenAt() time.Time {
	now := in.o.Now()
	in.mu.Lock()
	asOf := in.asOf
	in.mu.Unlock()
	if !asOf.IsZero() && !asOf.After(now) {
		return asOf.Add(-time.Millisecond)
	}
	return now
}

// cutText cuts s to n bytes at most, at a rune boundary.
func cutText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}
