package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/slack"
)

// newSlackRunner connects the bot to Slack as the slack section says. Its run checks the
// bot token (waiting out an unreachable Slack, which /readyz shows meanwhile), then runs
// Socket Mode, or lets the signed HTTP endpoint on the public listener take commands.
func newSlackRunner(sc *slackConfig, s secrets, b *bot.Bot, d serveDeps, m bot.Metrics) (*runner, error) {
	client := d.slackHTTP
	if client == nil {
		client = &http.Client{Timeout: sc.HTTPTimeout}
	}
	retries := sc.MaxRetries
	if retries == 0 {
		retries = -1 // slack.Config reads 0 as the default
	}
	a, err := slack.New(b, slack.Config{
		BotToken:      s.slackBotToken,
		AppToken:      s.slackAppToken,
		SigningSecret: s.slackSigningSecret,
		APIURL:        sc.APIURL,
		HTTPClient:    client,
		MaxRetries:    retries,
		MaxRetryWait:  sc.MaxRetryWait,
		Logger:        d.log,
		Metrics:       m,
	})
	if err != nil {
		return nil, err
	}
	r := &runner{name: slack.Platform, ready: a, poster: a}
	if sc.Mode == modeHTTP {
		r.route, r.handler = "POST "+sc.CommandsPath, a.Handler()
	}
	r.run = func(ctx context.Context) error {
		if err := a.Connect(ctx); err != nil {
			if ctx.Err() != nil {
				return nil // stopped before Slack answered
			}
			return slackHint(err, envSlackBotToken)
		}
		if sc.Mode == modeHTTP {
			<-ctx.Done()
			return nil
		}
		return slackHint(a.RunSocketMode(ctx), envSlackAppToken)
	}
	return r, nil
}

// slackHint adds to an error of Slack's the hint a person fixing it needs: the variable
// holding the token Slack refused, or the key of the address it could not reach.
func slackHint(err error, tokenVar string) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, slack.ErrTokenRejected):
		return fmt.Errorf("%w (is %s right?)", err, tokenVar)
	case errors.Is(err, slack.ErrUnreachable):
		return fmt.Errorf("%w (is slack.api_url right, and the network up?)", err)
	}
	return fmt.Errorf("%w (is slack.api_url right?)", err)
}
