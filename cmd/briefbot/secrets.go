package main

import (
	"errors"
	"fmt"
	"strings"
)

// secrets are the credentials serve reads from the environment, never from the file.
type secrets struct {
	slackBotToken, slackAppToken, slackSigningSecret string
}

// The environment variables that hold secrets.
const (
	envSlackBotToken      = "SLACK_BOT_TOKEN"
	envSlackAppToken      = "SLACK_APP_TOKEN"
	envSlackSigningSecret = "SLACK_SIGNING_SECRET"
)

// secretNames are the environment variables that hold secrets.
var secretNames = []string{envSlackBotToken, envSlackAppToken, envSlackSigningSecret}

func secretsFrom(getenv func(string) string) secrets {
	return secrets{
		slackBotToken:      strings.TrimSpace(getenv(envSlackBotToken)),
		slackAppToken:      strings.TrimSpace(getenv(envSlackAppToken)),
		slackSigningSecret: strings.TrimSpace(getenv(envSlackSigningSecret)),
	}
}

// needed lists the environment variables the configured platforms need, with their
// values.
func (c *config) needed(s secrets) []envNeed {
	var n []envNeed
	if c.Slack != nil {
		n = append(n, envNeed{envSlackBotToken, s.slackBotToken, "xoxb-"})
		if c.Slack.Mode == modeSocket {
			n = append(n, envNeed{envSlackAppToken, s.slackAppToken, "xapp-"})
		} else {
			n = append(n, envNeed{envSlackSigningSecret, s.slackSigningSecret, ""})
		}
	}
	return n
}

type envNeed struct {
	name   string
	value  string // "" when not set
	prefix string // what a valid value starts with, if anything
}

func (n envNeed) set() bool { return n.value != "" }

// checkSecrets reports a missing or malformed secret that the config needs.
func (c *config) checkSecrets(s secrets) error {
	var p []string
	for _, n := range c.needed(s) {
		switch {
		case !n.set():
			p = append(p, fmt.Sprintf("%s is not set; slack.mode %s needs it", n.name, c.Slack.Mode))
		case n.prefix != "" && !strings.HasPrefix(n.value, n.prefix):
			p = append(p, fmt.Sprintf("%s does not start with %s", n.name, n.prefix))
		}
	}
	if len(p) > 0 {
		return errors.New("missing secrets in the environment: " + strings.Join(p, "; "))
	}
	return nil
}
