package main

import (
	"log/slog"
	"os"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/summarize"
)

// articleStore is the store as a source of news: the articles ingested from some feeds
// and pages (store.DB).
type articleStore interface {
	Select(sources []string, l summarize.Limits) bot.Source
}

// newsSource returns the source of the bot's articles: the news section's folders, and
// its feeds and pages as the store holds them; the embedded seeds when it names none.
func newsSource(c *config, log *slog.Logger, db articleStore) bot.Source {
	return c.sourceOf(c.News.lists(), log, db)
}

// sourceOf returns the source of the lists: folders read from disk, feeds and pages from
// the store (none without one), the seeds when the lists are empty.
func (c *config) sourceOf(l sourceLists, log *slog.Logger, db articleStore) bot.Source {
	if l.empty() {
		return seedsSource(log)
	}
	var srcs bot.Sources
	if l.online() && db != nil {
		srcs = append(srcs, db.Select(l.sourceURLs(), c.News.limits()))
	}
	for _, f := range l.Folders {
		dir := c.folder(f)
		srcs = append(srcs, &bot.Files{Name: dir, FS: os.DirFS(dir), Limits: c.News.limits(), Logger: log, HTML: htmlReader(dir)})
	}
	return srcs
}

// channelSources returns the sources of the channels that have their own, by
// "platform/id".
func (c *config) channelSources(log *slog.Logger, db articleStore) map[string]bot.Source {
	out := make(map[string]bot.Source)
	for i := range c.Channels {
		ch := &c.Channels[i]
		if l := ch.lists(); !l.empty() {
			out[ch.key()] = hintingSource{c.sourceOf(l, log, db), c.News.limits(), "news.max_bytes", "news.max_articles"}
		}
	}
	return out
}
