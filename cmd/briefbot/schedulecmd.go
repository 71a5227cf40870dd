package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/discord"
	"github.com/briefbot/briefbot/bot/schedule"
	"github.com/briefbot/briefbot/bot/slack"
)

func scheduleCommand() *command {
	return &command{
		name:    "schedule",
		args:    "[--config FILE]",
		summary: "list the scheduled channels: the next briefing of each, and its last outcome",
		help: `Schedule lists the channels of FILE's channels section: each one's cron spec and time
zone, its next briefing in that zone, and the last outcome in the ledger (posted with
the message's ID, failed, missed or skipped with the reason, or claimed while an
attempt is under way). It reads the store and contacts no one. Without --config it
reads nothing but the defaults (no channels).`,
		flags: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
			path := fs.String("config", "", "the configuration `file` (YAML)")
			return func(ctx context.Context, e *env, args []string) error {
				if len(args) > 0 {
					return usagef("unexpected arguments %q: schedule takes only --config FILE", args)
				}
				c, err := scheduleConfigFile(*path)
				if err != nil {
					return err
				}
				return listSchedule(ctx, e.stdout, c, time.Now())
			}
		},
	}
}

func postCommand() *command {
	return &command{
		name:    "post",
		args:    "[--config FILE] CHANNEL",
		summary: "post a briefing in a scheduled channel now, through the ledger",
		help: `Post posts a briefing in CHANNEL at once, as serve's scheduler would (the news since the
channel's last briefing, its keywords, its size, dates in its zone), as an extra slot
of the ledger: claimed, posted, and marked with the message's ID. CHANNEL is a
channel ID of FILE's channels section, or platform/ID when two platforms share it. It
needs the platform's bot token alone (SLACK_BOT_TOKEN, DISCORD_BOT_TOKEN), works beside
a running serve, and exits 1 unless the briefing was posted and recorded; an attempt
whose outcome is not known is finished by serve's scheduler, which asks the platform
first.`,
		flags: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
			path := fs.String("config", "", "the configuration `file` (YAML)")
			return func(ctx context.Context, e *env, args []string) error {
				if len(args) != 1 {
					return usagef("want: briefbot post [--config FILE] CHANNEL")
				}
				c, err := scheduleConfigFile(*path)
				if err != nil {
					return err
				}
				return postNow(ctx, e, c, args[0], secretsFrom(os.Getenv))
			}
		},
	}
}

// scheduleConfigFile loads the config at path, or returns the defaults (no channels,
// the store in the working folder) when path is "".
func scheduleConfigFile(path string) (*config, error) {
	if path == "" {
		return defaultConfig(), nil
	}
	return loadConfig(path)
}

// listSchedule writes a table of the channels: next slot and last record.
func listSchedule(ctx context.Context, w io.Writer, c *config, now time.Time) error {
	if len(c.Channels) == 0 {
		_, err := fmt.Fprintln(w, "No channels are scheduled: the config has no channels section (config.example.yaml shows one).")
		return err
	}
	var overview []schedule.ChannelStatus
	path := c.storePath()
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		for _, ch := range c.scheduleChannels() {
			overview = append(overview, schedule.ChannelStatus{Channel: ch, Next: ch.Schedule.Next(now)})
		}
		fmt.Fprintf(w, "No ledger yet at %s: nothing was posted.\n\n", path)
	} else {
		db, err := openStore(c)
		if err != nil {
			return err
		}
		defer db.Close()
		s, err := newScheduler(c, db, offlinePosters(c), schedulerDeps{now: func() time.Time { return now }})
		if err != nil {
			return err
		}
		if overview, err = s.Overview(ctx); err != nil {
			return err
		}
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "CHANNEL\tSCHEDULE\tZONE\tNEXT\tLAST")
	for _, st := range overview {
		ch := st.Channel
		loc := ch.Schedule.Location()
		next := "never"
		if !st.Next.IsZero() {
			next = st.Next.In(loc).Format(listTimeFormat)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", ch.Key(), ch.Schedule, loc, next, describeRecord(st.Last, loc))
	}
	return tw.Flush()
}

// listTimeFormat is how schedule and post show a time, in the channel's zone.
const listTimeFormat = "Mon 2 Jan 2006 15:04 MST"

// describeRecord says what became of a slot, its times in loc.
func describeRecord(r *schedule.Record, loc *time.Location) string {
	if r == nil {
		return "none yet"
	}
	s := fmt.Sprintf("%s %s", r.State, r.Slot.Time.In(loc).Format(listTimeFormat))
	if r.Slot.Kind == schedule.Manual {
		s += " (briefbot post)"
	}
	switch {
	case r.State == schedule.Posted:
		s += ": message " + r.MessageID
	case r.State == schedule.Claimed:
		s += fmt.Sprintf(": attempt %d under way or to be retried", r.Attempts)
		if r.Reason != "" {
			s += " (" + r.Reason + ")"
		}
	case r.Reason != "":
		s += ": " + r.Reason
	}
	return oneLineText(s)
}

// oneLineText keeps a text on one line.
func oneLineText(s string) string { return strings.Join(strings.Fields(s), " ") }

// offlinePosters are posters for every platform of c that refuse to post: the
// schedule command reads the ledger and never posts.
func offlinePosters(c *config) map[string]schedule.Poster {
	out := make(map[string]schedule.Poster)
	for _, ch := range c.Channels {
		out[ch.Platform] = offlinePoster{}
	}
	return out
}

type offlinePoster struct{}

func (offlinePoster) Post(context.Context, string, schedule.Message, string) (schedule.Ref, error) {
	return schedule.Ref{}, errors.New("this command does not post")
}

// postNow posts a briefing in the channel named by arg, as a manual slot.
func postNow(ctx context.Context, e *env, c *config, arg string, s secrets) error {
	ch, err := findChannel(c, arg)
	if err != nil {
		return err
	}
	p, err := channelPoster(c, ch.Platform, s, e)
	if err != nil {
		return err
	}
	db, err := openStore(c)
	if err != nil {
		return err
	}
	defer db.Close()
	posters := offlinePosters(c) // the other platforms' channels are not posted in
	posters[ch.Platform] = p
	sched, err := newScheduler(c, db, posters, schedulerDeps{log: e.log, owner: postOwner()})
	if err != nil {
		return err
	}
	o, err := sched.PostNow(ctx, ch.Platform, ch.ID)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(e.stdout, "Posted %s in %s: message %s.\n", o.Slot.ID(), ch.key(), o.MessageID)
	return err
}

// postOwner names a briefbot post process in the ledger.
func postOwner() string {
	host, _ := os.Hostname()
	return fmt.Sprintf("post/%s/%d", host, os.Getpid())
}

// findChannel returns the channel arg names: an ID of the channels section, or
// platform/ID.
func findChannel(c *config, arg string) (*channelConfig, error) {
	var found []*channelConfig
	for i := range c.Channels {
		ch := &c.Channels[i]
		if ch.ID == arg || ch.key() == arg {
			found = append(found, ch)
		}
	}
	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
		var known []string
		for _, ch := range c.Channels {
			known = append(known, ch.key())
		}
		if len(known) == 0 {
			return nil, fmt.Errorf("no channel %q: the config has no channels section", arg)
		}
		return nil, fmt.Errorf("no channel %q in the channels section; it has %s", arg, strings.Join(known, ", "))
	}
	return nil, usagef("%s is a channel of several platforms: name one, as platform/%s", arg, arg)
}

// channelPoster connects to the platform to post once, with its bot token alone (no
// gateway for Discord: a post is a REST call).
func channelPoster(c *config, platform string, s secrets, e *env) (schedule.Poster, error) {
	var token, variable, title string
	switch {
	case platform == slack.Platform && c.Slack != nil:
		token, variable, title = s.slackBotToken, envSlackBotToken, "Slack"
	case platform == discord.Platform && c.Discord != nil:
		token, variable, title = s.discordBotToken, envDiscordBotToken, "Discord"
	default:
		return nil, fmt.Errorf("posting in %s channels is not supported by briefbot post", platform)
	}
	if token == "" {
		return nil, fmt.Errorf("%s is not set; posting in %s needs the bot token", variable, title)
	}
	b, err := bot.New(bot.Options{Source: hintingSource{newsSource(c, e.log, nil), c.News.limits(), "news.max_bytes", "news.max_articles"}, Logger: e.log})
	if err != nil {
		return nil, err
	}
	if platform == discord.Platform {
		a, err := discord.New(b, c.Discord.adapterConfig(token, nil, e.log, nil))
		if err != nil {
			return nil, err
		}
		return scheduledPoster(a), nil
	}
	retries := c.Slack.MaxRetries
	if retries == 0 {
		retries = -1 // slack.Config reads 0 as the default
	}
	a, err := slack.New(b, slack.Config{
		BotToken:     token,
		APIURL:       c.Slack.APIURL,
		HTTPClient:   &http.Client{Timeout: c.Slack.HTTPTimeout},
		MaxRetries:   retries,
		MaxRetryWait: c.Slack.MaxRetryWait,
		Logger:       e.log,
	})
	if err != nil {
		return nil, err
	}
	return scheduledPoster(a), nil
}
