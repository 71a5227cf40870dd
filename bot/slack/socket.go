package slack

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	slackgo "github.com/slack-go/slack"
	"github.com/slack-go/slack/socketmode"

	"github.com/briefbot/briefbot/bot"
)

// RunSocketMode connects to Slack over Socket Mode and answers slash commands until ctx
// is done; it reconnects when Slack asks it to or the connection drops. It acknowledges
// every envelope as soon as it arrives and answers commands in the background (see
// bot.Bot.Start), so that the acknowledgement never waits for the work. It returns nil
// when ctx ends, and an error when it cannot connect for good (a revoked token, say).
func (a *Adapter) RunSocketMode(ctx context.Context) error {
	if a.cfg.AppToken == "" {
		return errors.New("slack: socket mode needs an app token")
	}
	api := a.newClient(slackgo.OptionAppLevelToken(a.cfg.AppToken))
	sm := socketmode.New(api, socketmode.OptionLog(slog.NewLogLogger(a.log.Handler(), slog.LevelDebug)))
	a.socket.Store(true)
	a.setState("connecting")
	defer a.setState("stopped")

	errc := make(chan error, 1)
	go func() { errc <- sm.RunContext(ctx) }()
	for {
		select {
		case <-ctx.Done():
			select {
			case <-errc:
			case <-time.After(5 * time.Second):
				a.log.Warn("the socket mode client did not stop within 5s")
			}
			return nil
		case err := <-errc:
			if ctx.Err() != nil {
				return nil
			}
			a.metrics.Failed(Platform, "connect")
			return a.failure(fmt.Errorf("slack: socket mode at %s: %w", a.cfg.APIURL, err))
		case evt := <-sm.Events:
			a.handleEvent(ctx, sm, evt)
		}
	}
}

// handleEvent handles one event of the Socket Mode client.
func (a *Adapter) handleEvent(ctx context.Context, sm *socketmode.Client, evt socketmode.Event) {
	switch evt.Type {
	case socketmode.EventTypeConnecting:
		if !strings.HasPrefix(a.state.Load().(string), stateRetrying) {
			a.setState("connecting")
		}
		a.log.Debug("connecting")
	case socketmode.EventTypeConnected:
		a.setState(stateConnected)
		a.log.Info("connected over socket mode")
	case socketmode.EventTypeHello:
		a.setState(stateConnected)
		a.log.Debug("hello")
	case socketmode.EventTypeDisconnect:
		a.setState("reconnecting")
		a.log.Info("slack asked to reconnect")
	case socketmode.EventTypeConnectionError:
		var err error = fmt.Errorf("%v", evt.Data)
		var wait time.Duration
		if ce, ok := evt.Data.(*slackgo.ConnectionErrorEvent); ok && ce.ErrorObj != nil {
			err, wait = ce.ErrorObj, ce.Backoff
		}
		a.setState(stateRetrying + a.shortError(err) + ")")
		a.metrics.Failed(Platform, "connect")
		a.log.Warn("socket mode connection error; retrying", "error", err, "retry_in", wait)
	case socketmode.EventTypeInvalidAuth:
		a.setState("invalid auth")
		a.log.Error("slack refused the app token (SLACK_APP_TOKEN)")
	case socketmode.EventTypeIncomingError, socketmode.EventTypeErrorBadMessage, socketmode.EventTypeErrorWriteFailed:
		a.log.Warn("socket mode error", "type", string(evt.Type), "error", fmt.Sprint(evt.Data))
	case socketmode.EventTypeSlashCommand:
		received := a.now()
		cmd, ok := evt.Data.(slackgo.SlashCommand)
		if !ok || evt.Request == nil {
			a.log.Warn("skipped a malformed slash command envelope")
			return
		}
		a.ack(ctx, sm, evt.Request, cmd)
		a.metrics.Acked(Platform, a.now().Sub(received))
		a.dispatch(cmd, received)
	default:
		// Events API and interactive envelopes: this bot has no use for them, but Slack
		// retries what is not acknowledged.
		if evt.Request != nil && evt.Request.EnvelopeID != "" {
			a.ack(ctx, sm, evt.Request, slackgo.SlashCommand{})
		}
		a.log.Debug("ignored an event", "type", string(evt.Type))
	}
}

// ack acknowledges an envelope. A bot that is shutting down acknowledges with an
// apology, since it will not answer.
func (a *Adapter) ack(ctx context.Context, sm *socketmode.Client, req *socketmode.Request, cmd slackgo.SlashCommand) {
	var payload any
	if cmd.Command != "" && a.bot.Draining() {
		payload = drainingAck()
	}
	if err := sm.AckCtx(ctx, req.EnvelopeID, payload); err != nil {
		a.metrics.Failed(Platform, "ack")
		a.log.Error("acknowledging an envelope", "channel_id", cmd.ChannelID, "command", bot.CommandName(cmd.Command), "error", err)
	}
}

// States of a Socket Mode connection: up, and trying again after an error (the error
// and ")" follow).
const (
	stateConnected = "connected"
	stateRetrying  = "connecting (retrying: "
)

func (a *Adapter) setState(state string) { a.state.Store(state) }
