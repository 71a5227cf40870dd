package main

import (
	"context"
	"fmt"
	"net/http"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/slack"
)

// newSlackRunner connects the bot to Slack as the slack section says: it checks the bot
// token, then runs Socket Mode, or serves the signed HTTP endpoint on the public listener.
func newSlackRunner(ctx context.Context, sc *slackConfig, s secrets, b *bot.Bot, d serveDeps, m bot.Metrics) (*runner, error) {
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
	checkCtx, cancel := context.WithTimeout(ctx, sc.HTTPTimeout)
	err = a.Check(checkCtx)
	cancel()
	if err != nil {
		return nil, fmt.Errorf("%w (is %s right?)", err, envSlackBotToken)
	}
	r := &runner{name: slack.Platform, ready: a, poster: a}
	if sc.Mode == modeHTTP {
		r.route, r.handler = "POST "+sc.CommandsPath, a.Handler()
	} else {
		r.run = a.RunSocketMode
	}
	return r, nil
}
