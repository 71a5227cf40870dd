package discord

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"

	"github.com/briefbot/briefbot/bot"
)

// Platform is the platform name of Discord requests and metrics.
const Platform = "discord"

// DefaultAPIURL is Discord's REST base URL, of the API version discordgo speaks (v9).
const DefaultAPIURL = "https://discord.com/api/v9/"

// Defaults of Config.
const (
	DefaultHTTPTimeout  = 15 * time.Second
	DefaultMaxRetries   = 3
	DefaultMaxRetryWait = time.Minute
	DefaultMaxTotalWait = 2 * time.Minute
)

// intents are the gateway intents the bot identifies with: guilds, guild messages and
// direct messages (4609). MESSAGE_CONTENT is privileged and not needed: Discord sends
// the content of messages that mention the bot, and of DMs, without it.
const intents = discordgo.IntentsGuilds | discordgo.IntentsGuildMessages | discordgo.IntentsDirectMessages

// Config configures an Adapter: the connection to Discord, the commands, the rendering.
// The token comes from the environment (DISCORD_BOT_TOKEN); cmd/briefbot reads it,
// never a file.
type Config struct {
	// Token is the bot token, with or without its "Bot " prefix. Required.
	Token string
	// APIURL is the REST base URL, of API v9; "" means DefaultAPIURL. Requests go
	// there through the HTTP client (a proxy, or a fake Discord in tests); the gateway
	// URL is the one GET gateway answers.
	APIURL string
	// HTTPClient makes every REST call; nil means a client with DefaultHTTPTimeout.
	HTTPClient *http.Client
	// Dialer opens gateway connections; nil means websocket.DefaultDialer.
	Dialer *websocket.Dialer
	// MaxRetries bounds the retries of a call that Discord rate-limited (429); 0 means
	// DefaultMaxRetries, a negative value none.
	MaxRetries int
	// MaxRetryWait is the longest wait a rate limit may ask for; a longer one fails the
	// call. 0 means DefaultMaxRetryWait.
	MaxRetryWait time.Duration
	// MaxTotalWait bounds all the rate-limit waits of one call; 0 means
	// DefaultMaxTotalWait.
	MaxTotalWait time.Duration
	// Logger receives the logs, with every credential masked (see bot.Redact); nil
	// means slog.Default().
	Logger *slog.Logger
	// Metrics receives failures and rate-limit waits, with platform "discord"; nil
	// records nothing.
	Metrics bot.Metrics
	// Now is the clock; nil means time.Now.
	Now func() time.Time

	// Guilds are the IDs of the guilds whose slash commands the adapter registers when
	// it starts (guild commands show at once); none registers them globally.
	Guilds []string
	// Style is how answers are rendered in every channel but those of ChannelStyles;
	// "" means StyleEmbeds.
	Style Style
	// ChannelStyles sets the style of some channels, by channel ID.
	ChannelStyles map[string]Style
}

// session is a discordgo session and what the bot adds to it: the API base URL applied
// through the HTTP client, bounded and counted retries of rate-limited calls, gateway
// readiness, and masked errors and logs. Its exported methods (Check, Connect, Ready,
// Close) are the adapter's, which embeds it.
type session struct {
	dg      *discordgo.Session
	cfg     Config
	api     *url.URL
	log     *slog.Logger
	metrics bot.Metrics
	now     func() time.Time
	sleep   func(ctx context.Context, d time.Duration) error
	redact  func(string) string
	// retryMinWait and retryMaxWait bound the backoff between retries of a failed call
	// (a 5xx, a transport failure) that may be retried.
	retryMinWait, retryMaxWait time.Duration

	botID      atomic.Value // string: the bot user's ID, from Check or READY
	appID      atomic.Value // string: the application's ID, from READY
	authed     atomic.Bool  // Check succeeded
	connecting atomic.Value // string: what Connect is doing; "" when it is not running
	closed     atomic.Bool  // Close was called
	gw         gatewayState
}

// newSession returns a session for c; nothing is sent to Discord until Check or
// Connect.
func newSession(c Config) (*session, error) {
	token := strings.TrimSpace(c.Token)
	if rest, ok := strings.CutPrefix(token, "Bot"); ok && (rest == "" || rest[0] == ' ') {
		token = strings.TrimSpace(rest)
	}
	switch {
	case token == "":
		return nil, errors.New("discord: no bot token")
	case strings.ContainsAny(token, " \t\r\n"):
		return nil, errors.New("discord: the bot token holds white space")
	}
	c.Token = token
	if c.APIURL == "" {
		c.APIURL = DefaultAPIURL
	}
	api, err := parseAPIURL(c.APIURL)
	if err != nil {
		return nil, err
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
	if c.MaxTotalWait <= 0 {
		c.MaxTotalWait = DefaultMaxTotalWait
	}
	s := &session{cfg: c, api: api, metrics: c.Metrics, now: c.Now, sleep: sleep,
		redact: newRedactor(c), retryMinWait: time.Second, retryMaxWait: 30 * time.Second}
	if s.metrics == nil {
		s.metrics = bot.NopMetrics{}
	}
	if s.now == nil {
		s.now = time.Now
	}
	log := c.Logger
	if log == nil {
		log = slog.Default()
	}
	s.log = slog.New(bot.RedactingHandler(log.Handler(), s.redact)).With("component", "discord")
	s.botID.Store("")
	s.appID.Store("")
	s.connecting.Store("")
	s.gw.init(s.now())
	s.dg, err = s.newDiscordgo()
	if err != nil {
		return nil, err
	}
	return s, nil
}

// newDiscordgo returns the discordgo session: its REST calls through the API base URL
// (a rewriting transport on its own HTTP client; discordgo's package variables stay as
// they are), its own rate-limit retries and 502 retries off (do bounds them), the
// bot's intents, no state cache, and events handled in order on the gateway's reader
// (handlers must return quickly).
func (s *session) newDiscordgo() (*discordgo.Session, error) {
	dg, err := discordgo.New("Bot " + s.cfg.Token)
	if err != nil {
		return nil, fmt.Errorf("discord: creating the session: %w", err)
	}
	from, err := url.Parse(discordgo.EndpointAPI)
	if err != nil {
		return nil, fmt.Errorf("discord: discordgo's API endpoint: %w", err)
	}
	base := s.cfg.HTTPClient
	dg.Client = &http.Client{
		Transport:     &apiTransport{from: from, to: s.api, next: base.Transport, closed: s.closed.Load},
		Timeout:       base.Timeout,
		CheckRedirect: base.CheckRedirect,
		Jar:           base.Jar,
	}
	dg.Dialer = s.dialer()
	dg.Identify.Intents = intents
	dg.ShouldRetryOnRateLimit = false
	dg.MaxRestRetries = 0
	dg.StateEnabled = false
	dg.SyncEvents = true
	dg.ShouldReconnectOnError = true
	dg.AddHandler(s.onConnect)
	dg.AddHandler(s.onDisconnect)
	dg.AddHandler(s.onReady)
	dg.AddHandler(s.onResumed)
	dg.AddHandler(s.onRateLimit)
	return dg, nil
}

// dialer returns the gateway's dialer: the configured one (websocket's default), which
// refuses to dial once the session is closed. discordgo v0.29.0 tries to reconnect until
// an attempt succeeds, even after Close (a heartbeat that fails as Close sends its close
// frame starts such a loop); an attempt after Close fails with ErrWSAlreadyOpen, which
// ends the loop. (The transport answers the attempt's GET gateway without asking
// Discord.) The refusal comes from Proxy, which the dialer calls before it dials.
func (s *session) dialer() *websocket.Dialer {
	d := *websocket.DefaultDialer
	if s.cfg.Dialer != nil {
		d = *s.cfg.Dialer
	}
	proxy := d.Proxy
	d.Proxy = func(r *http.Request) (*url.URL, error) {
		if s.closed.Load() {
			return nil, discordgo.ErrWSAlreadyOpen
		}
		if proxy == nil {
			return nil, nil
		}
		return proxy(r)
	}
	return &d
}

// parseAPIURL checks an API base URL and returns it with a final slash.
func parseAPIURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("discord: the API URL: %w", err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("discord: the API URL %q is not an absolute http or https URL", bot.Redact(raw))
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("discord: the API URL %q has a query or a fragment", bot.Redact(raw))
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
		if u.RawPath != "" {
			u.RawPath += "/"
		}
	}
	return u, nil
}

// apiTransport sends the requests discordgo addresses to its API base (from) to the
// configured one (to), the rest of the path kept, and refuses any other URL: the bot
// has no business elsewhere. It records each answer's status and headers in the
// request's trace, if it has one. Once closed reports true, it answers GET gateway
// itself, with a URL that the session's dialer will refuse (see session.dialer).
type apiTransport struct {
	from, to *url.URL
	next     http.RoundTripper
	closed   func() bool
}

// closedGateway is the answer to GET gateway once the session is closed.
const closedGateway = `{"url":"wss://gateway.invalid"}`

func (t *apiTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	fromPath, path := t.from.EscapedPath(), r.URL.EscapedPath()
	if r.URL.Scheme != t.from.Scheme || r.URL.Host != t.from.Host || !strings.HasPrefix(path, fromPath) {
		if r.Body != nil {
			r.Body.Close()
		}
		return nil, fmt.Errorf("discord: refusing a request to %s://%s%s: outside the API", r.URL.Scheme, r.URL.Host, bot.Redact(r.URL.Path))
	}
	rest := strings.TrimPrefix(path, fromPath)
	if t.closed != nil && t.closed() && r.Method == http.MethodGet && rest == "gateway" {
		if r.Body != nil {
			r.Body.Close()
		}
		return &http.Response{StatusCode: http.StatusOK, Status: "200 OK", Header: http.Header{"Content-Type": {"application/json"}},
			Body: io.NopCloser(strings.NewReader(closedGateway)), ContentLength: int64(len(closedGateway)), Request: r,
			Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1}, nil
	}
	escaped := t.to.EscapedPath() + rest
	unescaped, err := url.PathUnescape(escaped)
	if err == nil && dotSegment(rest) {
		err = errors.New("a dot segment would leave the API base")
	}
	if err != nil {
		if r.Body != nil {
			r.Body.Close()
		}
		return nil, fmt.Errorf("discord: rewriting a request path: %w", err)
	}
	out := r.Clone(r.Context())
	u := *t.to
	u.Path, u.RawPath, u.RawQuery = unescaped, escaped, r.URL.RawQuery
	out.URL, out.Host = &u, ""
	next := t.next
	if next == nil {
		next = http.DefaultTransport
	}
	resp, err := next.RoundTrip(out)
	if tr, ok := r.Context().Value(traceKey{}).(*trace); ok && resp != nil {
		tr.record(resp)
	}
	return resp, err
}

// dotSegment reports whether an escaped path has a "." or ".." segment, which a server
// would resolve outside the API base.
func dotSegment(escaped string) bool {
	for seg := range strings.SplitSeq(escaped, "/") {
		if u, err := url.PathUnescape(seg); err == nil && (u == "." || u == "..") {
			return true
		}
	}
	return false
}

// traceKey is the context key of a call's trace.
type traceKey struct{}

// trace is what the transport saw of a call's answer: discordgo does not always keep
// the status (a 502 becomes a plain error) nor the rate-limit headers.
type trace struct {
	mu     sync.Mutex
	status int
	header http.Header
}

func (t *trace) record(resp *http.Response) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.status, t.header = resp.StatusCode, resp.Header.Clone()
}

// answer returns the status and headers recorded; 0 and nil when no answer came.
func (t *trace) answer() (int, http.Header) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.status, t.header
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
