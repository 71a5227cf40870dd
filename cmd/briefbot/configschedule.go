package main

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/briefbot/briefbot/bot/discord"
	"github.com/briefbot/briefbot/bot/schedule"
	"github.com/briefbot/briefbot/bot/slack"
	"github.com/briefbot/briefbot/bot/store"
	"github.com/briefbot/briefbot/summarize/quotes"
)

// storeConfig is the database file: the ledger of scheduled briefings and the
// scheduler's lease.
type storeConfig struct {
	// Path is the file; a relative path is relative to the config file's folder.
	Path        string        `yaml:"path"`
	BusyTimeout time.Duration `yaml:"busy_timeout"`
}

// scheduleConfig tunes the scheduler (see schedule.Options).
type scheduleConfig struct {
	Grace          time.Duration `yaml:"grace"`
	Interval       time.Duration `yaml:"interval"`
	LeaseTTL       time.Duration `yaml:"lease_ttl"`
	AttemptTimeout time.Duration `yaml:"attempt_timeout"`
	LookBack       time.Duration `yaml:"look_back"`
}

// channelConfig is one channel that gets a briefing on a schedule.
type channelConfig struct {
	Platform string `yaml:"platform"`
	ID       string `yaml:"id"`
	// Schedule is a cron spec (DefaultSpec when empty), read in TimeZone (UTC when empty).
	Schedule string `yaml:"schedule"`
	TimeZone string `yaml:"time_zone"`
	// Window is how far back a channel's first briefing reaches (later ones start at the
	// last posted one); 0 means schedule.DefaultWindow.
	Window time.Duration `yaml:"window"`
	// Size is the number of points of the briefing; 0 keeps the briefing section's.
	Size int `yaml:"size"`
	// Stories bounds the stories of the briefing; 0 keeps the briefing section's.
	Stories int `yaml:"stories"`
	// Include and Exclude are keywords an article must (any of them) or must not (none
	// of them) contain to be summarised, matched as /who-said matches its term.
	Include []string `yaml:"include"`
	Exclude []string `yaml:"exclude"`
	// Folders, Feeds and Articles, when any is set, are the channel's own sources in
	// place of the news section's.
	Folders  []string `yaml:"folders"`
	Feeds    []string `yaml:"feeds"`
	Articles []string `yaml:"articles"`

	// What validate makes of the values.
	sched            *schedule.Schedule
	include, exclude []*quotes.Term
}

// key returns "platform/id".
func (ch *channelConfig) key() string { return ch.Platform + "/" + ch.ID }

// defaultStore returns the store settings that an empty store section gives.
func defaultStore() storeConfig {
	return storeConfig{Path: store.DefaultPath, BusyTimeout: store.DefaultBusyTimeout}
}

// defaultSchedule returns the scheduler settings that an empty schedule section gives.
func defaultSchedule() scheduleConfig {
	return scheduleConfig{
		Grace:          schedule.DefaultGrace,
		Interval:       schedule.DefaultInterval,
		LeaseTTL:       schedule.DefaultLeaseTTL,
		AttemptTimeout: schedule.DefaultAttemptTimeout,
		LookBack:       schedule.DefaultLookBack,
	}
}

// A schedulePlatform is a platform whose channels can have a schedule.
type schedulePlatform struct {
	// section is the config section that turns the platform on.
	section string
	on      func(c *config) bool
	// checkID returns what is wrong with a channel ID, or "".
	checkID func(id string) string
	// needs says what the bot needs in each channel, for config check.
	needs string
}

// schedulePlatforms are the platforms channels may name. A platform joins here when
// its runner has a Poster (and, for exactly once after a crash, a Finder: see
// scheduledPoster).
var schedulePlatforms = map[string]schedulePlatform{
	slack.Platform: {section: "slack", on: func(c *config) bool { return c.Slack != nil }, checkID: checkSlackChannelID,
		needs: "to be invited to each (/invite @briefbot), and the scope channels:history (groups:history for a private channel), which finds a briefing after a crash"},
	discord.Platform: {section: "discord", on: func(c *config) bool { return c.Discord != nil }, checkID: checkDiscordChannelID,
		needs: "View Channel, Send Messages, Embed Links (for the embeds style) and Read Message History, which finds a briefing after a crash, in each"},
}

// slackChannelID is the form of Slack's conversation IDs: C (public), G (private) or D
// (direct message), then capitals and digits.
var slackChannelID = regexp.MustCompile(`^[CGD][A-Z0-9]{2,30}$`)

func checkSlackChannelID(id string) string {
	if slackChannelID.MatchString(id) {
		return ""
	}
	return "want a Slack channel ID such as C0123456789 (the channel's details show it, at the bottom), not its name"
}

// checkDiscordChannelID: a Discord channel ID is a snowflake, 1 to 20 digits; quoted in
// YAML, so that no tool reads it as a number.
func checkDiscordChannelID(id string) string {
	if discord.ValidID(id) {
		return ""
	}
	return "want a Discord channel ID such as \"1300000000000000001\" (with Developer Mode on, right-click the channel: Copy Channel ID), not its name"
}

// Bounds of the values.
const (
	maxChannels      = 1000
	maxKeywords      = 100
	maxPoints        = 100
	maxStories       = 20
	maxChannelWindow = 31 * 24 * time.Hour
)

// validateSchedule checks the store, schedule and channels sections, fills in the
// channels' defaults, and parses their schedules, zones and keywords; bad reports each
// problem.
func (c *config) validateSchedule(bad func(key, format string, args ...any)) {
	if p := strings.TrimSpace(c.Store.Path); p == "" || strings.ContainsRune(p, '?') || strings.HasPrefix(p, "file:") {
		bad("store.path", "want a file path without '?', such as %s, got %q", store.DefaultPath, c.Store.Path)
	}
	if d := c.Store.BusyTimeout; d <= 0 || d > time.Minute {
		bad("store.busy_timeout", "want more than 0 and at most 1m, got %s", d)
	}
	s := c.Schedule
	inRange := func(key string, d, least, most time.Duration) {
		if d < least || d > most {
			bad(key, "want %s to %s, got %s", least, most, d)
		}
	}
	inRange("schedule.grace", s.Grace, time.Second, 24*time.Hour)
	inRange("schedule.interval", s.Interval, 100*time.Millisecond, time.Hour)
	inRange("schedule.attempt_timeout", s.AttemptTimeout, time.Second, time.Hour)
	inRange("schedule.look_back", s.LookBack, s.Grace, 90*24*time.Hour)
	if s.LeaseTTL <= s.Interval || s.LeaseTTL > 24*time.Hour {
		bad("schedule.lease_ttl", "want more than schedule.interval (%s), which renews it, and at most 24h, got %s", s.Interval, s.LeaseTTL)
	}
	if len(c.Channels) > maxChannels {
		bad("channels", "at most %d channels, got %d", maxChannels, len(c.Channels))
		return
	}
	seen := make(map[string]int)
	for i := range c.Channels {
		ch := &c.Channels[i]
		key := fmt.Sprintf("channels[%d]", i)
		c.validateChannel(ch, key, bad)
		if j, ok := seen[ch.key()]; ok && ch.ID != "" {
			bad(key, "%s is listed already, as channels[%d]", ch.key(), j)
		}
		seen[ch.key()] = i
	}
}

// validateChannel checks one entry of channels, named key.
func (c *config) validateChannel(ch *channelConfig, key string, bad func(key, format string, args ...any)) {
	c.validateSources(ch.lists(), key, bad)
	p, known := schedulePlatforms[ch.Platform]
	switch {
	case !known:
		bad(key+".platform", "want one of %s, got %q", strings.Join(platformNames(), ", "), ch.Platform)
	case !p.on(c):
		bad(key+".platform", "%s is not configured: add a %s section", ch.Platform, p.section)
	}
	switch {
	case ch.ID == "":
		bad(key+".id", "missing: the channel's ID")
	case known:
		if problem := p.checkID(ch.ID); problem != "" {
			bad(key+".id", "%s, got %q", problem, ch.ID)
		}
	}
	if ch.TimeZone == "" {
		ch.TimeZone = "UTC"
	}
	if ch.Schedule == "" {
		ch.Schedule = schedule.DefaultSpec
	}
	if ch.Window == 0 {
		ch.Window = schedule.DefaultWindow
	}
	loc, err := loadZone(ch.TimeZone)
	if err != nil {
		bad(key+".time_zone", "%v", err)
	} else if ch.sched, err = schedule.Parse(ch.Schedule, loc); err != nil {
		bad(key+".schedule", "%s", strings.TrimPrefix(err.Error(), "schedule: "))
	}
	if ch.Window < 0 || ch.Window > maxChannelWindow {
		bad(key+".window", "want more than 0 and at most %s, got %s", maxChannelWindow, ch.Window)
	}
	if ch.Stories < 0 || ch.Stories > maxStories {
		bad(key+".stories", "want 0 (the briefing section's) to %d stories, got %d", maxStories, ch.Stories)
	}
	if ch.Size < 0 || ch.Size > maxPoints {
		bad(key+".size", "want 0 (the briefing section's length) to %d points, got %d", maxPoints, ch.Size)
	}
	ch.include = parseKeywords(ch.Include, key+".include", bad)
	ch.exclude = parseKeywords(ch.Exclude, key+".exclude", bad)
}

// loadZone loads an IANA time zone; "Local", which depends on the machine, is refused.
func loadZone(name string) (*time.Location, error) {
	if name == "Local" {
		return nil, fmt.Errorf("want an IANA time zone such as Europe/Berlin or UTC, not Local, which depends on the machine")
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("want an IANA time zone such as Europe/Berlin or UTC, got %q", name)
	}
	return loc, nil
}

// parseKeywords returns the Terms of keywords, reporting the ones that cannot be
// looked for.
func parseKeywords(keywords []string, key string, bad func(key, format string, args ...any)) []*quotes.Term {
	if len(keywords) > maxKeywords {
		bad(key, "at most %d keywords, got %d", maxKeywords, len(keywords))
		return nil
	}
	var out []*quotes.Term
	for i, k := range keywords {
		t, err := quotes.NewTerm(k)
		if err != nil {
			bad(fmt.Sprintf("%s[%d]", key, i), "want a word or a phrase of at most %d characters, got %q", quotes.MaxTermRunes, k)
			continue
		}
		out = append(out, t)
	}
	return out
}

func platformNames() []string { return slices.Sorted(maps.Keys(schedulePlatforms)) }

// storePath returns the database file, relative paths resolved against the config
// file's folder (or the working folder when there is no file).
func (c *config) storePath() string { return c.folder(c.Store.Path) }

// scheduleChannels returns the channels as the scheduler takes them; c must be valid.
func (c *config) scheduleChannels() []schedule.Channel {
	out := make([]schedule.Channel, len(c.Channels))
	for i, ch := range c.Channels {
		out[i] = schedule.Channel{Platform: ch.Platform, ID: ch.ID, Schedule: ch.sched, Window: ch.Window,
			Size: ch.Size, Stories: ch.Stories, Include: ch.Include, Exclude: ch.Exclude}
	}
	return out
}

// describeSchedule says what the scheduler would do, for config check: the store, the
// timing, and each channel with its next slot in its zone and the days this year on
// which a change of its zone moves a slot.
func (c *config) describeSchedule(sb *strings.Builder, now time.Time) {
	if len(c.Channels) == 0 {
		sb.WriteString("  schedule: off (no channels)\n")
		return
	}
	s := c.Schedule
	fmt.Fprintf(sb, "  schedule: %d %s, a pass every %s, posted at most %s late; one scheduler per database (lease %s)\n",
		len(c.Channels), plural(len(c.Channels), "channel", "channels"), s.Interval, s.Grace, s.LeaseTTL)
	fmt.Fprintf(sb, "  store: %s\n", c.storePath())
	platforms := map[string]bool{}
	for _, ch := range c.Channels {
		platforms[ch.Platform] = true
		fmt.Fprintf(sb, "  channel %s: %q in %s, next %s; %s\n", ch.key(), ch.Schedule, ch.TimeZone,
			ch.sched.Next(now).Format("Mon 2 Jan 2006 15:04 MST"), describeContent(ch))
		for _, note := range ch.sched.DSTNotes(now, now.AddDate(1, 0, 0)) {
			fmt.Fprintf(sb, "    note: %s\n", note)
		}
	}
	for _, name := range platformNames() {
		if platforms[name] {
			fmt.Fprintf(sb, "  %s channels: the bot needs %s\n", name, schedulePlatforms[name].needs)
		}
	}
}

// describeContent says what a channel's briefings cover.
func describeContent(ch channelConfig) string {
	var parts []string
	parts = append(parts, fmt.Sprintf("the news since its last briefing (the first: %s)", ch.Window))
	if ch.Stories > 0 {
		parts = append(parts, fmt.Sprintf("at most %d %s", ch.Stories, plural(ch.Stories, "story", "stories")))
	}
	if ch.Size > 0 {
		parts = append(parts, fmt.Sprintf("%d %s", ch.Size, plural(ch.Size, "point", "points")))
	}
	if len(ch.Include) > 0 {
		parts = append(parts, "articles with any of "+quoteAll(ch.Include))
	}
	if len(ch.Exclude) > 0 {
		parts = append(parts, "none with "+quoteAll(ch.Exclude))
	}
	return strings.Join(parts, ", ")
}

func quoteAll(words []string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = fmt.Sprintf("%q", w)
	}
	return strings.Join(q, ", ")
}
