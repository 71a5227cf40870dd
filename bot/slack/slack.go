// Package slack is the Slack adapter of briefbot. It receives slash commands (/brief,
// /who-said, /help) over Socket Mode (RunSocketMode: a bot token and an app token, no
// public URL) or as HTTP requests signed with the app's signing secret (Handler),
// acknowledges each at once, lets the bot answer in the background, and delivers the
// reply: /brief in the channel with chat.postMessage, anything ephemeral through the
// command's response_url. Replies are rendered as Block Kit within Slack's limits, with
// fallback text, link unfurls off, and article text escaped so that it can never form a
// mention or a link.
//
// Post also posts unprompted (the scheduled briefings), with an idempotency key in the
// message's metadata; Find looks for that key in the channel's history
// (conversations.history, which needs the scope channels:history, or groups:history
// for a private channel, and the bot in the channel), so that a post whose outcome was
// lost can be found. Errors say which posts surely made no message (ErrRateLimited)
// and which may have (ErrUnreachable alone).
//
// Connect checks the bot token at start and waits out a network that is not up yet
// (ErrUnreachable), but gives up at once on a token Slack rejects (ErrTokenRejected);
// Socket Mode reconnects by itself when the connection drops. Every error and log line
// has its credentials masked (bot.Redact).
//
// The Slack SDK (github.com/slack-go/slack) stays inside this package, behind the
// narrow webAPI interface. The Web API base URL is configurable (GovSlack, proxies, or a
// fake server in tests: see package fakeslack).
//
// Slack documentation: slash commands https://docs.slack.dev/interactivity/implementing-slash-commands,
// Socket Mode https://docs.slack.dev/apis/events-api/using-socket-mode, request signing
// https://docs.slack.dev/authentication/verifying-requests-from-slack, chat.postMessage
// https://docs.slack.dev/reference/methods/chat.postMessage, rate limits
// https://docs.slack.dev/apis/web-api/rate-limits.
package slack

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	slackgo "github.com/slack-go/slack"

	"github.com/briefbot/briefbot/bot"
)

// Platform is the platform name of Slack requests.
const Platform = "slack"

// DefaultAPIURL is Slack's Web API base URL.
const DefaultAPIURL = "https://slack.com/api/"

// Defaults of Config.
const (
	DefaultMaxRetries   = 3
	DefaultMaxRetryWait = time.Minute
	DefaultHTTPTimeout  = 15 * time.Second
)

// Config configures an Adapter. Tokens and the signing secret come from the
// environment; cmd/briefbot reads them, never a file.
type Config struct {
	// BotToken (xoxb-…) authorizes Web API calls. Required.
	BotToken string
	// AppToken (xapp-…, with connections:write) opens Socket Mode connections; required
	// by RunSocketMode.
	AppToken string
	// SigningSecret verifies HTTP slash commands; required by Handler.
	SigningSecret string
	// APIURL is the Web API base URL; "" means DefaultAPIURL.
	APIURL string
	// HTTPClient makes every call to Slack; nil means a client with DefaultHTTPTimeout.
	HTTPClient *http.Client
	// MaxRetries bounds the retries of a call that Slack rate-limited (429); 0 means
	// DefaultMaxRetries, a negative value none.
	MaxRetries int
	// MaxRetryWait is the longest Retry-After honoured; a longer one fails the call. 0
	// means DefaultMaxRetryWait.
	MaxRetryWait time.Duration
	// Logger receives the adapter's logs, with every credential masked (see bot.Redact);
	// nil means slog.Default().
	Logger *slog.Logger
	// Metrics receives acks, posts, failures and rate-limit waits; nil records nothing.
	Metrics bot.Metrics
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// webAPI is the part of the Slack Web API the adapter uses; *slackgo.Client has it.
type webAPI interface {
	PostMessageContext(ctx context.Context, channelID string, options ...slackgo.MsgOption) (string, string, error)
	AuthTestContext(ctx context.Context) (*slackgo.AuthTestResponse, error)
	GetConversationHistoryContext(ctx context.Context, params *slackgo.GetConversationHistoryParameters) (*slackgo.GetConversationHistoryResponse, error)
}

// An Adapter connects a bot to Slack. It is a bot.Poster.
type Adapter struct {
	bot     *bot.Bot
	cfg     Config
	api     webAPI
	log     *slog.Logger
	metrics bot.Metrics
	now     func() time.Time
	sleep   func(ctx context.Context, d time.Duration) error
	replays *replayCache
	redact  func(string) string // masks credentials in errors and logs

	// Log limiters: refused requests, replays, and a full replay memory.
	refusals, replayLog, memoryLog *logLimiter

	socket  atomic.Bool // RunSocketMode has started
	serving atomic.Bool // Handler has been called
	authed  atomic.Bool // Check succeeded
	// connecting is what Connect is doing, while the token is not checked: "" when it
	// is not running.
	connecting atomic.Value
	state      atomic.Value // string: what the Socket Mode connection is doing; "connected" when up
}

var _ bot.Poster = (*Adapter)(nil)

// New returns an adapter that answers commands with b.
func New(b *bot.Bot, c Config) (*Adapter, error) {
	if b == nil {
		return nil, errors.New("slack: no bot")
	}
	if c.BotToken == "" {
		return nil, errors.New("slack: no bot token")
	}
	if c.APIURL == "" {
		c.APIURL = DefaultAPIURL
	}
	if !strings.HasSuffix(c.APIURL, "/") {
		c.APIURL += "/"
	}
	if c.HTTPClient == nil {
		c.HTTPClient = &http.Client{Timeout: DefaultHTTPTimeout}
	}
	switch {
	case c.MaxRetries == 0:
		c.MaxRetries = DefaultMaxRetries
	case c.MaxRetries < 0:
		c.MaxRetries = 0
	}
	if c.MaxRetryWait <= 0 {
		c.MaxRetryWait = DefaultMaxRetryWait
	}
	a := &Adapter{bot: b, cfg: c, metrics: c.Metrics, now: c.Now, sleep: sleep, redact: newRedactor(c)}
	log := c.Logger
	if log == nil {
		log = slog.Default()
	}
	a.log = slog.New(bot.RedactingHandler(log.Handler(), a.redact)).With("component", "slack")
	if a.metrics == nil {
		a.metrics = bot.NopMetrics{}
	}
	if a.now == nil {
		a.now = time.Now
	}
	a.api = a.newClient()
	a.replays = newReplayCache(maxReplayEntries)
	a.refusals = newLogLimiter(a.log, slog.LevelWarn, "refused a slash command request", "slash command requests refused")
	a.replayLog = newLogLimiter(a.log, slog.LevelWarn, "refused a replayed request", "replayed requests refused")
	a.memoryLog = newLogLimiter(a.log, slog.LevelWarn, "the replay memory is full; forgot the requests closest to expiry", "requests forgotten early by the full replay memory")
	for _, l := range a.limiters() {
		l.now = a.now
	}
	a.state.Store("not started")
	a.connecting.Store("")
	return a, nil
}

// newClient returns an SDK client for the configured API URL and HTTP client. Its own
// retries are off: the adapter retries rate-limited calls itself, to bound and count them.
func (a *Adapter) newClient(opts ...slackgo.Option) *slackgo.Client {
	return slackgo.New(a.cfg.BotToken, append([]slackgo.Option{
		slackgo.OptionAPIURL(a.cfg.APIURL),
		slackgo.OptionHTTPClient(a.cfg.HTTPClient),
	}, opts...)...)
}

// Check calls auth.test once to make sure the bot token works, and logs whom it belongs
// to. Its error wraps ErrTokenRejected when Slack refused the token, and ErrUnreachable
// when Slack could not be reached (Connect retries those).
func (a *Adapter) Check(ctx context.Context) error {
	var res *slackgo.AuthTestResponse
	err := a.call(ctx, a.log, func() error {
		var err error
		res, err = a.api.AuthTestContext(ctx)
		return err
	})
	if err != nil {
		a.metrics.Failed(Platform, "auth")
		return a.failure(fmt.Errorf("slack: checking the bot token with auth.test at %s: %w", a.cfg.APIURL, err))
	}
	a.authed.Store(true)
	a.log.Info("authenticated", "team", res.Team, "team_id", res.TeamID, "bot_user", res.User, "bot_user_id", res.UserID)
	return nil
}

// Post posts r in a channel with chat.postMessage: blocks, fallback text, link and
// media unfurls off, names not linked. It retries calls that Slack rate-limits.
func (a *Adapter) Post(ctx context.Context, channelID string, r bot.Reply, key string) (bot.MessageRef, error) {
	ts, err := a.post(ctx, a.log.With("channel_id", channelID, "command", r.Command), channelID, render(r), key)
	return bot.MessageRef{Platform: Platform, ChannelID: channelID, ID: ts}, err
}

// MetadataEventType is the event type of the message metadata that carries a post's
// idempotency key (a scheduled slot's id), so that a post can be found again in the
// channel's history.
const MetadataEventType = "briefbot_briefing"

// post posts m in a channel and returns the message's ts. A key, if given, goes into the
// message's metadata (MetadataEventType, {"key": key}).
func (a *Adapter) post(ctx context.Context, log *slog.Logger, channelID string, m message, key string) (string, error) {
	opts := []slackgo.MsgOption{
		slackgo.MsgOptionText(m.Text, false),
		slackgo.MsgOptionBlocks(m.Blocks...),
		slackgo.MsgOptionDisableLinkUnfurl(),
		slackgo.MsgOptionDisableMediaUnfurl(),
		slackgo.MsgOptionLinkNames(false),
	}
	if key != "" {
		opts = append(opts, slackgo.MsgOptionMetadata(slackgo.SlackMetadata{EventType: MetadataEventType, EventPayload: map[string]any{"key": key}}))
	}
	var ts string
	err := a.call(ctx, log, func() error {
		var err error
		_, ts, err = a.api.PostMessageContext(ctx, channelID, opts...)
		return err
	})
	if err != nil {
		a.metrics.Failed(Platform, "post")
		return "", a.failure(fmt.Errorf("slack: posting in channel %s with chat.postMessage: %w", channelID, err))
	}
	a.metrics.Posted(Platform)
	return ts, nil
}

// respond sends m to a command's response_url, visible to the user alone or to the
// channel.
func (a *Adapter) respond(ctx context.Context, log *slog.Logger, responseURL string, m message, v bot.Visibility) error {
	if responseURL == "" {
		return errors.New("slack: responding: the command has no response_url")
	}
	no := false
	msg := &slackgo.WebhookMessage{
		Text:         m.Text,
		Blocks:       &slackgo.Blocks{BlockSet: m.Blocks},
		ResponseType: slackgo.ResponseTypeEphemeral,
		UnfurlLinks:  &no,
		UnfurlMedia:  &no,
	}
	if v == bot.InChannel {
		msg.ResponseType = slackgo.ResponseTypeInChannel
	}
	err := a.call(ctx, log, func() error {
		return slackgo.PostWebhookCustomHTTPContext(ctx, responseURL, a.cfg.HTTPClient, msg)
	})
	if err != nil {
		a.metrics.Failed(Platform, "respond")
		return a.failure(fmt.Errorf("slack: responding through response_url: %w", err), responseURL)
	}
	a.metrics.Posted(Platform)
	return nil
}

// call runs fn, and runs it again after the wait Slack asks for when it answers 429, at
// most MaxRetries times and never for longer than MaxRetryWait a wait.
func (a *Adapter) call(ctx context.Context, log *slog.Logger, fn func() error) error {
	for attempt := 0; ; attempt++ {
		err := fn()
		wait, limited := retryAfter(err)
		if !limited {
			return err
		}
		if attempt >= a.cfg.MaxRetries {
			retries := "retries"
			if attempt == 1 {
				retries = "retry"
			}
			return fmt.Errorf("still rate limited after %d %s: %w", attempt, retries, err)
		}
		if wait > a.cfg.MaxRetryWait {
			return fmt.Errorf("rate limited for %s, longer than the %s this bot waits: %w", wait, a.cfg.MaxRetryWait, err)
		}
		a.metrics.RateLimited(Platform, wait)
		log.Warn("rate limited; waiting before a retry", "retry_after", wait, "attempt", attempt+1)
		if err := a.sleep(ctx, wait); err != nil {
			return fmt.Errorf("waiting out a rate limit: %w", err)
		}
	}
}

// retryAfter reports whether err is Slack's 429, and how long it asked to wait: its
// Retry-After, or a second when it gave none.
func retryAfter(err error) (time.Duration, bool) {
	if err == nil {
		return 0, false
	}
	var rl *slackgo.RateLimitedError
	if errors.As(err, &rl) {
		return max(rl.RetryAfter, time.Second), true
	}
	var sc slackgo.StatusCodeError
	if errors.As(err, &sc) && sc.Code == http.StatusTooManyRequests {
		return time.Second, true
	}
	return 0, false
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// responder delivers the reply to one slash command: in the channel with
// chat.postMessage when the reply is for the channel (through the response_url when
// the bot cannot post there, as in a DM or a private channel it is not in), and through
// the response_url otherwise.
type responder struct {
	a           *Adapter
	channelID   string
	responseURL string
}

func (r *responder) Respond(ctx context.Context, reply bot.Reply) error {
	log := r.a.log.With("channel_id", r.channelID, "command", reply.Command)
	m := render(reply)
	if reply.Visibility == bot.InChannel && r.channelID != "" {
		_, err := r.a.post(ctx, log, r.channelID, m, "")
		if err == nil || r.responseURL == "" || !channelUnreachable(err) {
			return err
		}
		log.Info("cannot post in the channel; replying through response_url instead", "error", err)
	}
	return r.a.respond(ctx, log, r.responseURL, m, reply.Visibility)
}

// channelUnreachable reports whether chat.postMessage failed because the bot may not
// post in the channel.
func channelUnreachable(err error) bool {
	var se slackgo.SlackErrorResponse
	return errors.As(err, &se) && (se.Err == "not_in_channel" || se.Err == "channel_not_found")
}

// dispatch starts the bot's work on an acknowledged command.
func (a *Adapter) dispatch(cmd slackgo.SlashCommand, received time.Time) {
	req := bot.Request{
		Platform:  Platform,
		Command:   bot.ParseCommand(cmd.Command, unescape(cmd.Text)),
		UserID:    cmd.UserID,
		ChannelID: cmd.ChannelID,
		Received:  received,
	}
	if err := a.bot.Start(req, &responder{a: a, channelID: cmd.ChannelID, responseURL: cmd.ResponseURL}); err != nil {
		a.log.Warn("dropped a command", "channel_id", cmd.ChannelID, "command", bot.CommandName(cmd.Command), "error", err)
	}
}

// unescape undoes the escaping of &, < and > that Slack applies to command text.
func unescape(s string) string { return unescaper.Replace(s) }

var unescaper = strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&")

// limiters returns the adapter's log limiters.
func (a *Adapter) limiters() []*logLimiter {
	return []*logLimiter{a.refusals, a.replayLog, a.memoryLog}
}

// Ready reports whether the adapter can take commands, and says why in a few words:
// over Socket Mode, whether it is connected ("socket mode: connecting (retrying: …)"
// while it cannot); before, what Connect is doing ("connecting to slack (retrying: …)");
// over HTTP, whether the token is checked.
func (a *Adapter) Ready() (bool, string) {
	connecting := a.connecting.Load().(string)
	switch {
	case a.socket.Load():
		state := a.state.Load().(string)
		return state == stateConnected, "socket mode: " + state
	case connecting != "" && !a.authed.Load():
		return false, connecting
	case a.serving.Load() && a.authed.Load():
		return true, "http: serving slash commands"
	case a.serving.Load():
		return false, "http: the bot token is not checked yet"
	}
	return false, "not started"
}
