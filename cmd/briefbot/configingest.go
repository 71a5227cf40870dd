package main

import (
	"fmt"
	"net/url"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/briefbot/briefbot/bot/feeds"
)

// ingestConfig is news.ingest: how feeds and pages are read into the store.
type ingestConfig struct {
	// Interval is how often serve reads every source; it reads them before each
	// scheduled briefing too.
	Interval time.Duration `yaml:"interval"`
	// MaxAge is how long articles are kept; older items are not stored.
	MaxAge time.Duration `yaml:"max_age"`
	// SeedAge and SeedItems say what the first read of a feed stores: at most SeedItems
	// (0: none) of the items published within SeedAge; the others are only marked seen.
	SeedAge   time.Duration `yaml:"seed_age"`
	SeedItems int           `yaml:"seed_items"`
	// Timeout bounds each request, its body included.
	Timeout  time.Duration `yaml:"timeout"`
	MaxBytes int64         `yaml:"max_bytes"`
	PerHost  int           `yaml:"per_host"`
	Pace     time.Duration `yaml:"pace"`
	Workers  int           `yaml:"workers"`
	// AllowPrivate lets feeds and pages resolve to loopback and private addresses
	// (intranets, tests); off, such addresses are refused.
	AllowPrivate bool   `yaml:"allow_private"`
	UserAgent    string `yaml:"user_agent"`
}

// defaultIngest returns the settings an empty news.ingest section gives.
func defaultIngest() ingestConfig {
	return ingestConfig{
		Interval:  15 * time.Minute,
		MaxAge:    feeds.DefaultMaxAge,
		SeedAge:   feeds.DefaultSeedAge,
		SeedItems: feeds.DefaultSeedItems,
		Timeout:   feeds.DefaultTimeout,
		MaxBytes:  feeds.DefaultMaxBytes,
		PerHost:   feeds.DefaultPerHost,
		Pace:      feeds.DefaultPace,
		Workers:   feeds.DefaultWorkers,
		UserAgent: feeds.DefaultUserAgent,
	}
}

// sourceLists are the lists of news sources of the news section or of a channel.
type sourceLists struct {
	Folders, Feeds, Articles []string
}

// lists returns the news section's sources.
func (n newsConfig) lists() sourceLists { return sourceLists{n.Folders, n.Feeds, n.Articles} }

// lists returns the channel's own sources.
func (ch *channelConfig) lists() sourceLists { return sourceLists{ch.Folders, ch.Feeds, ch.Articles} }

// online reports whether the lists name feeds or article pages: sources the store holds.
func (l sourceLists) online() bool { return len(l.Feeds) > 0 || len(l.Articles) > 0 }

// empty reports whether the lists name no source at all.
func (l sourceLists) empty() bool { return !l.online() && len(l.Folders) == 0 }

// sourceURLs are the feeds' and pages' URLs, as their copies in the store name them.
func (l sourceLists) sourceURLs() []string { return append(slices.Clip(l.Feeds), l.Articles...) }

// ingestSources returns every feed and page of the news section and of the channels, each
// once.
func (c *config) ingestSources() []feeds.Source {
	var out []feeds.Source
	seen := map[string]bool{}
	add := func(l sourceLists) {
		for _, u := range l.Feeds {
			if !seen[u] {
				seen[u] = true
				out = append(out, feeds.Source{URL: u})
			}
		}
		for _, u := range l.Articles {
			if !seen[u] {
				seen[u] = true
				out = append(out, feeds.Source{URL: u, Page: true})
			}
		}
	}
	add(c.News.lists())
	for _, ch := range c.Channels {
		add(ch.lists())
	}
	return out
}

// validateSources checks a list of sources; key is "news" or "channels[2]".
func (c *config) validateSources(l sourceLists, key string, bad func(key, format string, args ...any)) {
	for i, f := range l.Folders {
		k := fmt.Sprintf("%s.folders[%d]", key, i)
		if strings.TrimSpace(f) == "" {
			bad(k, "empty folder name")
			continue
		}
		info, err := os.Stat(c.folder(f))
		switch {
		case err != nil:
			bad(k, "%v", err)
		case !info.IsDir():
			bad(k, "%s is not a folder", c.folder(f))
		}
	}
	for _, list := range []struct {
		name string
		urls []string
	}{{"feeds", l.Feeds}, {"articles", l.Articles}} {
		for i, u := range list.urls {
			if problem := checkSourceURL(u); problem != "" {
				bad(fmt.Sprintf("%s.%s[%d]", key, list.name, i), "%s, got %q", problem, u)
			}
		}
	}
}

// checkSourceURL says what is wrong with the URL of a feed or a page, or "".
func checkSourceURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "want an http or https URL"
	}
	if u.User != nil {
		return "want a URL without a user name or password"
	}
	return ""
}

// validateIngest checks news.ingest.
func (c *config) validateIngest(bad func(key, format string, args ...any)) {
	in := c.News.Ingest
	durations := []struct {
		key      string
		d, least time.Duration
	}{
		{"news.ingest.interval", in.Interval, time.Minute},
		{"news.ingest.max_age", in.MaxAge, time.Hour},
		{"news.ingest.timeout", in.Timeout, time.Second},
	}
	for _, d := range durations {
		if d.d < d.least {
			bad(d.key, "want at least %s, got %s", d.least, d.d)
		}
	}
	if in.SeedAge < 0 {
		bad("news.ingest.seed_age", "want 0 or more, got %s", in.SeedAge)
	}
	if in.Pace < 0 || in.Pace > time.Minute {
		bad("news.ingest.pace", "want 0 to 1m, got %s", in.Pace)
	}
	if in.SeedItems < 0 || in.SeedItems > feeds.MaxItems {
		bad("news.ingest.seed_items", "want 0 (store none) to %d, got %d", feeds.MaxItems, in.SeedItems)
	}
	if in.MaxBytes < 1<<10 || in.MaxBytes > 1<<30 {
		bad("news.ingest.max_bytes", "want 1024 to 1073741824 bytes, got %d", in.MaxBytes)
	}
	if in.PerHost < 1 || in.PerHost > 64 {
		bad("news.ingest.per_host", "want 1 to 64, got %d", in.PerHost)
	}
	if in.Workers < 1 || in.Workers > 64 {
		bad("news.ingest.workers", "want 1 to 64, got %d", in.Workers)
	}
	if strings.TrimSpace(in.UserAgent) == "" || strings.ContainsAny(in.UserAgent, "\r\n") {
		bad("news.ingest.user_agent", "want a User-Agent on one line that names briefbot, got %q", in.UserAgent)
	}
}

// online reports whether any source of the config is a feed or a page.
func (c *config) online() bool {
	if c.News.lists().online() {
		return true
	}
	return slices.ContainsFunc(c.Channels, func(ch channelConfig) bool { return ch.lists().online() })
}

// describeNews says where the news come from, for config check.
func (c *config) describeNews(sb *strings.Builder) {
	sb.WriteString("  news: ")
	if c.News.lists().empty() {
		sb.WriteString(seedsName + "\n")
	} else {
		var parts []string
		if n := len(c.News.Folders); n > 0 {
			folders := make([]string, n)
			for i, f := range c.News.Folders {
				folders[i] = c.folder(f)
			}
			parts = append(parts, fmt.Sprintf("%s, read again after %s", strings.Join(folders, ", "), c.News.Reload))
		}
		if n := len(c.News.Feeds); n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, plural(n, "feed", "feeds")))
		}
		if n := len(c.News.Articles); n > 0 {
			parts = append(parts, fmt.Sprintf("%d article %s", n, plural(n, "page", "pages")))
		}
		sb.WriteString(strings.Join(parts, "; ") + "\n")
	}
	if srcs := c.ingestSources(); len(srcs) > 0 {
		in := c.News.Ingest
		private := "private and loopback addresses refused"
		if in.AllowPrivate {
			private = "private and loopback addresses allowed"
		}
		fmt.Fprintf(sb, "  ingest: %d %s into %s every %s and before each scheduled briefing; articles kept %s; %s\n",
			len(srcs), plural(len(srcs), "source", "sources"), c.storePath(), in.Interval, in.MaxAge, private)
	}
}
