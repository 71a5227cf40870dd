package main

import (
	"errors"
	"fmt"
	"strings"
)

// secrets are the credentials serve reads from the environment, never from the file.
type secrets struct {
	slackBotToken, slackAppToken, slackSigningSecret string
	discordBotToken                                  string
}

// The environment variables that hold secrets.
const (
	envSlackBotToken      = "SLACK_BOT_TOKEN"
	envSlackAppToken      = "SLACK_APP_TOKEN"
	envSlackSigningSecret = "SLACK_SIGNING_SECRET"
	envDiscordBotToken    = "DISCORD_BOT_TOKEN"
)

// secretNames are the environment variables that hold secrets.
var secretNames = []string{envSlackBotToken, envSlackAppToken, envSlackSigningSecret, envDiscordBotToken}

func secretsFrom(getenv func(string) string) secrets {
	return secrets{
		slackBotToken:      strings.TrimSpace(getenv(envSlackBotToken)),
		slackAppToken:      strings.TrimSpace(getenv(envSlackAppToken)),
		slackSigningSecret: strings.TrimSpace(getenv(envSlackSigningSecret)),
		discordBotToken:    strings.TrimSpace(getenv(envDiscordBotToken)),
	}
}

// needed lists the environment variables the configured platforms need, with their
// values.
func (c *config) needed(s secrets) []envNeed {
	var n []envNeed
	if c.Slack != nil {
		by := "slack.mode " + c.Slack.Mode
		n = append(n, envNeed{envSlackBotToken, s.slackBotToken, "xoxb-", by})
		if c.Slack.Mode == modeSocket {
			n = append(n, envNeed{envSlackAppToken, s.slackAppToken, "xapp-", by})
		} else {
			n = append(n, envNeed{envSlackSigningSecret, s.slackSigningSecret, "", by})
		}
	}
	if c.Discord != nil {
		n = append(n, envNeed{envDiscordBotToken, s.discordBotToken, "", "the discord section"})
	}
	return n
}

type envNeed struct {
	name   string
	value  string // "" when not set
	prefix string // what a valid value starts with, if anything
	by     string // what in the config needs it
}

func (n envNeed) set() bool { return n.value != "" }

// checkSecrets reports a missing or malformed secret that the config needs.
func (c *config) checkSecrets(s secrets) error {
	var p []string
	for _, n := range c.needed(s) {
		switch {
		case !n.set():
			p = append(p, fmt.Sprintf("%s is not set; %s needs it", n.name, n.by))
		case n.prefix != "" && !strings.HasPrefix(n.value, n.prefix):
			p = append(p, fmt.Sprintf("%s does not start with %s", n.name, n.prefix))
		}
	}
	if len(p) > 0 {
		return errors.New("missing secrets in the environment: " + strings.Join(p, "; "))
	}
	return nil
}
