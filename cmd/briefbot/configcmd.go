package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/briefbot/briefbot/bot"
)

func configCommand() *command {
	return &command{
		name:    "config",
		args:    "check FILE",
		summary: "check a configuration file for serve, without starting anything",
		help: `Config check reads FILE as serve would: it refuses unknown keys, repeated keys and
bad values, naming each, checks that the news folders exist, and says which secrets
the configured platforms need from the environment and whether they are set (never
their values). It checks the scheduled channels (a known platform that is configured,
the channel ID, the cron spec, the time zone, the keywords), and shows each channel's
next briefing in its zone and the days this year on which a change of the zone moves
one. It starts nothing and contacts no one. config.example.yaml documents every key.`,
		flags: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
			return func(ctx context.Context, e *env, args []string) error {
				if len(args) != 2 || args[0] != "check" {
					return usagef("want: briefbot config check FILE")
				}
				c, err := loadConfig(args[1])
				if err != nil {
					return err
				}
				_, err = io.WriteString(e.stdout, c.describe(args[1], secretsFrom(os.Getenv)))
				return err
			}
		},
	}
}

// describe says, in a few lines, what serve would do with c.
func (c *config) describe(file string, s secrets) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "%s is valid.\n", file)
	if c.Slack != nil && c.Slack.Mode == modeHTTP {
		fmt.Fprintf(&sb, "  http: listens on %s for Slack commands on %s (public)\n", c.HTTP.Addr, c.Slack.CommandsPath)
	}
	switch {
	case c.Admin.Addr == "":
		sb.WriteString("  admin: off (no /healthz, /readyz or /metrics)\n")
	case c.Slack != nil && c.Slack.Mode == modeHTTP && c.Admin.Addr == c.HTTP.Addr:
		fmt.Fprintf(&sb, "  admin: /healthz, /readyz and /metrics on the public listener %s: expose it to the internet only through a proxy that routes %s alone\n", c.Admin.Addr, c.Slack.CommandsPath)
	default:
		fmt.Fprintf(&sb, "  admin: listens on %s for /healthz, /readyz and /metrics\n", c.Admin.Addr)
	}
	c.describeNews(&sb)
	fmt.Fprintf(&sb, "  briefing: %d words, %s, %s, at most %d %s\n", c.Briefing.Words, sentencesLimit(c.Briefing.Sentences), c.Briefing.Algorithm, c.Briefing.Stories, plural(c.Briefing.Stories, "story", "stories"))
	if c.Slack != nil {
		fmt.Fprintf(&sb, "  slack: %s mode, Web API %s\n", c.Slack.Mode, bot.Redact(c.Slack.APIURL))
	}
	if d := c.Discord; d != nil {
		where := "global commands"
		if len(d.Guilds) > 0 {
			where = "commands in " + plural(len(d.Guilds), "guild ", "guilds ") + strings.Join(d.Guilds, ", ")
		}
		styles := d.Style
		if n := len(d.ChannelStyles); n > 0 {
			styles += fmt.Sprintf(" (%d %s set apart)", n, plural(n, "channel", "channels"))
		}
		fmt.Fprintf(&sb, "  discord: gateway, %s, %s style, API %s\n", where, styles, bot.Redact(d.APIURL))
	}
	c.describeSchedule(&sb, time.Now())
	for _, n := range c.needed(s) {
		state := "set"
		if !n.set() {
			state = "NOT SET: serve will refuse to start"
		}
		fmt.Fprintf(&sb, "  environment: %s %s\n", n.name, state)
	}
	return sb.String()
}

func sentencesLimit(n int) string {
	if n == 0 {
		return "no sentence limit"
	}
	return fmt.Sprintf("at most %d %s", n, plural(n, "sentence", "sentences"))
}
