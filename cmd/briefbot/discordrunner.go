package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/discord"
)

// newDiscordRunner connects the bot to Discord as the discord section says. Its run
// checks the bot token and opens the gateway (waiting out an unreachable Discord, which
// /readyz shows meanwhile), registers the slash commands, and answers until serve
// stops.
func newDiscordRunner(dc *discordConfig, s secrets, b *bot.Bot, d serveDeps, m bot.Metrics) (*runner, error) {
	dcfg := dc.adapterConfig(s.discordBotToken, d.discordHTTP, d.log, m)
	dcfg.Dialer = d.discordDialer
	a, err := discord.New(b, dcfg)
	if err != nil {
		return nil, err
	}
	r := &runner{name: discord.Platform, ready: a, poster: a}
	r.run = func(ctx context.Context) error { return discordHint(a.Run(ctx)) }
	return r, nil
}

// adapterConfig returns the adapter's config from the discord section, with the token,
// the HTTP client (nil: one with the section's http_timeout), the logger and metrics.
func (dc *discordConfig) adapterConfig(token string, client *http.Client, log *slog.Logger, m bot.Metrics) discord.Config {
	if client == nil {
		client = &http.Client{Timeout: dc.HTTPTimeout, Transport: discordTransport()}
	}
	retries := dc.MaxRetries
	if retries == 0 {
		retries = -1 // discord.Config reads 0 as the default
	}
	styles := make(map[string]discord.Style, len(dc.ChannelStyles))
	for ch, st := range dc.ChannelStyles {
		styles[ch] = discord.Style(st)
	}
	return discord.Config{
		Token:         token,
		APIURL:        dc.APIURL,
		HTTPClient:    client,
		MaxRetries:    retries,
		MaxRetryWait:  dc.MaxRetryWait,
		Logger:        log,
		Metrics:       m,
		Guilds:        dc.Guilds,
		Style:         discord.Style(dc.Style),
		ChannelStyles: styles,
	}
}

// discordTransport returns the transport of the calls to Discord: the default one, with
// room for the idle connections of a burst of commands (over HTTP/1.1, as through some
// proxies; Discord itself speaks HTTP/2, one connection for all).
func discordTransport() http.RoundTripper {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConnsPerHost = 32
	return t
}

// discordHint adds to an error of Discord's the hint a person fixing it needs: the
// variable holding the token Discord refused, or the key of the address it could not
// reach.
func discordHint(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, discord.ErrTokenRejected):
		return fmt.Errorf("%w (Discord rejected the token: is %s right? It is the token of the application's bot, under Bot in the Developer Portal)", err, envDiscordBotToken)
	case errors.Is(err, discord.ErrUnreachable):
		return fmt.Errorf("%w (is discord.api_url right, and the network up?)", err)
	}
	return err
}
