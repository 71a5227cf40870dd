package main

import (
	"fmt"
	"net"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/briefbot/briefbot/bot/discord"
	"github.com/briefbot/briefbot/bot/slack"
	"github.com/briefbot/briefbot/summarize"
)

// validate checks the values of c for serve and lists every problem, each naming its
// key.
func (c *config) validate(file string) error { return c.check(file, true) }

// check checks the values of c, and that it configures a chat platform when platform is
// set (serve needs one; ingest and the commands that read the news do not).
func (c *config) check(file string, platform bool) error {
	var p []string
	bad := func(key, format string, args ...any) { p = append(p, key+": "+fmt.Sprintf(format, args...)) }

	if problem := checkAddr(c.HTTP.Addr); problem != "" {
		bad("http.addr", "%s such as :8080 or 127.0.0.1:8080, got %q", problem, c.HTTP.Addr)
	}
	if problem := checkAddr(c.Admin.Addr); c.Admin.Addr != "" && problem != "" {
		bad("admin.addr", "%s such as 127.0.0.1:9090, or \"\" for none, got %q", problem, c.Admin.Addr)
	}
	c.validateSources(c.News.lists(), "news", bad)
	c.validateIngest(bad)
	if c.News.MaxBytes == 0 || c.News.MaxBytes < -1 {
		bad("news.max_bytes", "want a positive number of bytes, or -1 for no limit, got %d", c.News.MaxBytes)
	}
	if c.News.MaxArticles == 0 || c.News.MaxArticles < -1 {
		bad("news.max_articles", "want a positive number, or -1 for no limit, got %d", c.News.MaxArticles)
	}
	if c.News.Reload < 0 {
		bad("news.reload", "want 0 (read the folders for every command) or more, got %s", c.News.Reload)
	}
	if c.Briefing.Words < 1 || c.Briefing.Words > 5000 {
		bad("briefing.words", "want 1 to 5000, got %d", c.Briefing.Words)
	}
	if c.Briefing.Sentences < 0 || c.Briefing.Sentences > 100 {
		bad("briefing.sentences", "want 0 (no limit) to 100, got %d", c.Briefing.Sentences)
	}
	if c.Briefing.Stories < 1 || c.Briefing.Stories > maxStories {
		bad("briefing.stories", "want 1 to %d, got %d", maxStories, c.Briefing.Stories)
	}
	if !slices.Contains(summarize.Algorithms, summarize.Algorithm(c.Briefing.Algorithm)) {
		bad("briefing.algorithm", "want one of %v, got %q", summarize.Algorithms, c.Briefing.Algorithm)
	}
	if c.Replies.Timeout <= 0 || c.Replies.Timeout > 30*time.Minute {
		bad("replies.timeout", "want more than 0 and at most 30m (Slack's response_url lasts 30 minutes), got %s", c.Replies.Timeout)
	}
	if c.Replies.MaxConcurrent < 1 || c.Replies.MaxConcurrent > 1024 {
		bad("replies.max_concurrent", "want 1 to 1024, got %d", c.Replies.MaxConcurrent)
	}
	if c.ShutdownTimeout <= 0 || c.ShutdownTimeout > 10*time.Minute {
		bad("shutdown_timeout", "want more than 0 and at most 10m, got %s", c.ShutdownTimeout)
	}
	if s := c.Slack; s != nil {
		if s.Mode != modeSocket && s.Mode != modeHTTP {
			bad("slack.mode", "want socket or http, got %q", s.Mode)
		}
		if u, err := url.Parse(s.APIURL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
			bad("slack.api_url", "want an http or https URL such as %s, got %q", slack.DefaultAPIURL, s.APIURL)
		}
		if problem := checkRoute(s.CommandsPath); problem != "" {
			bad("slack.commands_path", "want a path such as /slack/commands: %s, got %q", problem, s.CommandsPath)
		}
		if s.HTTPTimeout <= 0 || s.HTTPTimeout > 5*time.Minute {
			bad("slack.http_timeout", "want more than 0 and at most 5m, got %s", s.HTTPTimeout)
		}
		if s.MaxRetries < 0 || s.MaxRetries > 10 {
			bad("slack.max_retries", "want 0 to 10, got %d", s.MaxRetries)
		}
		if s.MaxRetryWait <= 0 || s.MaxRetryWait > 10*time.Minute {
			bad("slack.max_retry_wait", "want more than 0 and at most 10m, got %s", s.MaxRetryWait)
		}
	}
	if d := c.Discord; d != nil {
		p = append(p, d.validate(c.Replies.Timeout)...)
	}
	if platform && c.Slack == nil && c.Discord == nil {
		p = append(p, "no chat platform is configured: add a slack or a discord section")
	}
	c.validateSchedule(bad)
	if len(p) > 0 {
		return &configError{file, p}
	}
	return nil
}

// maxDiscordReplyTimeout bounds replies.timeout when Discord is on: an interaction's
// token lasts 15 minutes, and the answer, or the apology after it, must edit the
// response within them.
const maxDiscordReplyTimeout = 14 * time.Minute

// validate lists the problems of the discord section, each naming its key; replies is
// replies.timeout.
func (d *discordConfig) validate(replies time.Duration) []string {
	var p []string
	bad := func(key, format string, args ...any) { p = append(p, key+": "+fmt.Sprintf(format, args...)) }
	seen := map[string]bool{}
	for i, g := range d.Guilds {
		key := fmt.Sprintf("discord.guilds[%d]", i)
		switch {
		case !discord.ValidID(g):
			bad(key, "want a guild ID, 1 to 20 digits (in Discord, with Developer Mode on: right-click the server, Copy Server ID), got %q", g)
		case seen[g]:
			bad(key, "guild %s is listed twice", g)
		}
		seen[g] = true
	}
	if u, err := url.Parse(d.APIURL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		bad("discord.api_url", "want an http or https URL such as %s, got %q", discord.DefaultAPIURL, d.APIURL)
	}
	if !validStyle(d.Style) {
		bad("discord.style", "want %s or %s, got %q", discord.StyleEmbeds, discord.StylePlain, d.Style)
	}
	channels := make([]string, 0, len(d.ChannelStyles))
	for ch := range d.ChannelStyles {
		channels = append(channels, ch)
	}
	slices.Sort(channels)
	for _, ch := range channels {
		key := "discord.channel_styles." + ch
		if !discord.ValidID(ch) {
			bad(key, "want a channel ID as the key, 1 to 20 digits (right-click the channel, Copy Channel ID)")
		}
		if st := d.ChannelStyles[ch]; !validStyle(st) {
			bad(key, "want %s or %s, got %q", discord.StyleEmbeds, discord.StylePlain, st)
		}
	}
	if d.HTTPTimeout <= 0 || d.HTTPTimeout > 5*time.Minute {
		bad("discord.http_timeout", "want more than 0 and at most 5m, got %s", d.HTTPTimeout)
	}
	if d.MaxRetries < 0 || d.MaxRetries > 10 {
		bad("discord.max_retries", "want 0 to 10, got %d", d.MaxRetries)
	}
	if d.MaxRetryWait <= 0 || d.MaxRetryWait > 10*time.Minute {
		bad("discord.max_retry_wait", "want more than 0 and at most 10m, got %s", d.MaxRetryWait)
	}
	if replies > maxDiscordReplyTimeout {
		bad("replies.timeout", "want at most %s with a discord section (an interaction's token lasts 15 minutes), got %s", maxDiscordReplyTimeout, replies)
	}
	return p
}

func validStyle(s string) bool {
	return s == string(discord.StyleEmbeds) || s == string(discord.StylePlain)
}

// checkAddr returns what is wrong with a listening address, or "".
func checkAddr(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "want host:port"
	}
	if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 || strings.ContainsAny(host, "/ ") {
		return "want host:port with a port from 0 to 65535"
	}
	return ""
}

// adminPaths are the admin listener's routes, which no public route may shadow when both
// share a listener.
var adminPaths = []string{"/healthz", "/readyz", "/metrics"}

// checkRoute returns what is wrong with a path that serve registers as an exact route,
// or "": it must be clean (what http.ServeMux would redirect to), printable ASCII without
// the characters of mux patterns, and none of the admin paths.
func checkRoute(p string) string {
	switch {
	case !strings.HasPrefix(p, "/") || p == "/":
		return "it must start with / and name something"
	case len(p) > 200:
		return "it is over 200 characters"
	case path.Clean(p) != p:
		return "it must be clean: no //, /./, /../ or trailing /"
	case strings.ContainsFunc(p, func(r rune) bool { return r <= ' ' || r >= 0x7f || strings.ContainsRune("{}%?#\\", r) }):
		return "only printable ASCII, without spaces, {, }, %, ?, # or \\"
	case slices.Contains(adminPaths, p):
		return "it must not be an admin path (/healthz, /readyz, /metrics)"
	}
	return ""
}
