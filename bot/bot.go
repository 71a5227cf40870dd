package bot

import (
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/briefbot/briefbot/summarize"
)

// Options configure a Bot.
type Options struct {
	// Source supplies the articles. Required.
	Source Source
	// Summary sets the length and algorithm of briefings.
	Summary summarize.Options
	// Quoter answers /who-said; nil means /who-said answers that it is not available yet.
	Quoter Quoter
	// Reload is how long the bot trusts the articles it read before it reads the source
	// again; 0 reads it on every command. The corpus is rebuilt only when the articles
	// changed.
	Reload time.Duration
	// ReplyTimeout bounds the work on one command started with Start, delivery included;
	// 0 means DefaultReplyTimeout.
	ReplyTimeout time.Duration
	// MaxConcurrent bounds the commands Start works on at once; 0 means
	// DefaultMaxConcurrent. Further commands wait for a slot.
	MaxConcurrent int
	// Logger receives one line per command; nil means slog.Default().
	Logger *slog.Logger
	// Metrics receives counts and timings; nil records nothing.
	Metrics Metrics
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// apologyTimeout bounds the delivery of a reply or an apology after the work on a
// command ran out of time or failed to deliver.
const apologyTimeout = 2 * time.Second

// Defaults of Options.
const (
	DefaultReplyTimeout  = 30 * time.Second
	DefaultMaxConcurrent = 8
)

// A Bot answers commands: it routes each Request to its handler, builds the corpus from
// its Source (once per set of articles) and returns a platform-neutral Reply. Adapters
// call Start (or Serve) for each command and render the Reply. A Bot is safe for
// concurrent use.
type Bot struct {
	opts    Options
	log     *slog.Logger
	metrics Metrics
	now     func() time.Time

	mu       sync.Mutex // guards the cache below; held while reading and analysing articles
	cache    *corpusCache
	readAt   time.Time
	hashSeed maphash.Seed

	work     context.Context // parent of the contexts of started commands
	stopWork context.CancelFunc
	slots    chan struct{}
	inflight sync.WaitGroup
	drainMu  sync.Mutex
	draining bool
}

// corpusCache is the analysis of one set of articles, and its briefing once built.
type corpusCache struct {
	sum      uint64
	corpus   *summarize.Corpus
	briefing *Briefing
}

// New returns a Bot.
func New(o Options) (*Bot, error) {
	if o.Source == nil {
		return nil, errors.New("bot: no article source")
	}
	if o.Summary.Words < 0 || o.Summary.Sentences < 0 {
		return nil, fmt.Errorf("bot: bad summary options: %d words, %d sentences", o.Summary.Words, o.Summary.Sentences)
	}
	if o.Summary.Algorithm != "" && !slices.Contains(summarize.Algorithms, o.Summary.Algorithm) {
		return nil, fmt.Errorf("bot: unknown summary algorithm %q", o.Summary.Algorithm)
	}
	if o.ReplyTimeout <= 0 {
		o.ReplyTimeout = DefaultReplyTimeout
	}
	if o.MaxConcurrent <= 0 {
		o.MaxConcurrent = DefaultMaxConcurrent
	}
	b := &Bot{opts: o, log: o.Logger, metrics: o.Metrics, now: o.Now, hashSeed: maphash.MakeSeed()}
	if b.log == nil {
		b.log = slog.Default()
	}
	b.log = b.log.With("component", "bot")
	if b.metrics == nil {
		b.metrics = NopMetrics{}
	}
	if b.now == nil {
		b.now = time.Now
	}
	b.work, b.stopWork = context.WithCancel(context.Background())
	b.slots = make(chan struct{}, o.MaxConcurrent)
	return b, nil
}

// Handle answers one request. It never fails: an error becomes a Reply whose Text is
// UserMessage(err), and is logged.
func (b *Bot) Handle(ctx context.Context, req Request) Reply {
	name := CommandName(req.Command)
	r, err := b.route(ctx, name, req)
	if err == nil {
		r.Command, r.Outcome = name, OutcomeOK
		return r
	}
	r = Reply{Command: name, Visibility: Ephemeral, Text: UserMessage(err), Outcome: OutcomeError}
	var ue *UsageError
	var ua *UnavailableError
	switch {
	case errors.As(err, &ue):
		r.Outcome = OutcomeUsage
	case errors.As(err, &ua):
		r.Outcome = OutcomeUnavailable
	default:
		b.log.Error("answering a command", "command", name, "channel_id", req.ChannelID, "platform", req.Platform, "error", err)
	}
	return r
}

func (b *Bot) route(ctx context.Context, name string, req Request) (Reply, error) {
	switch name {
	case CommandBrief:
		if strings.TrimSpace(req.Text) != "" {
			return Reply{}, &UsageError{Command: CommandBrief, Problem: "/brief takes no arguments"}
		}
		br, err := b.Briefing(ctx)
		if err != nil {
			return Reply{}, err
		}
		return Reply{Visibility: InChannel, Briefing: br}, nil
	case CommandWhoSaid:
		term, share, err := ParseWhoSaid(req.Text)
		if err != nil {
			return Reply{}, err
		}
		if b.opts.Quoter == nil {
			return Reply{}, &UnavailableError{Command: CommandWhoSaid, Reason: "quotations are still being built"}
		}
		c, err := b.Corpus(ctx)
		if err != nil {
			return Reply{}, err
		}
		ws, err := b.opts.Quoter.WhoSaid(ctx, c, term)
		if err != nil {
			return Reply{}, fmt.Errorf("finding who said %q: %w", term, err)
		}
		if ws == nil {
			ws = &WhoSaid{}
		}
		if ws.Term == "" {
			ws.Term = term
		}
		if ws.Articles == 0 {
			ws.Articles = len(c.Docs)
		}
		v := Ephemeral
		if share {
			v = InChannel
		}
		return Reply{Visibility: v, WhoSaid: ws}, nil
	case CommandHelp:
		return Reply{Visibility: Ephemeral, Help: newHelp(b.opts.Quoter != nil)}, nil
	}
	return Reply{}, &UsageError{Command: CommandUnknown}
}

// Corpus returns the analysis of the source's current articles. It reads the source at
// most once per Options.Reload and analyses the articles again only when they changed.
func (b *Bot) Corpus(ctx context.Context) (*summarize.Corpus, error) {
	c, err := b.load(ctx)
	if err != nil {
		return nil, err
	}
	return c.corpus, nil
}

// Briefing returns the briefing of the source's current articles, built once per set of
// articles.
func (b *Bot) Briefing(ctx context.Context) (*Briefing, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	c, err := b.loadLocked(ctx)
	if err != nil {
		return nil, err
	}
	if c.briefing == nil {
		s, err := c.corpus.Summarize(b.opts.Summary)
		if err != nil {
			return nil, fmt.Errorf("summarizing %d %s: %w", len(c.corpus.Docs), plural(len(c.corpus.Docs), "article", "articles"), err)
		}
		c.briefing = NewBriefing(c.corpus, s)
	}
	return c.briefing, nil
}

func (b *Bot) load(ctx context.Context) (*corpusCache, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.loadLocked(ctx)
}

func (b *Bot) loadLocked(ctx context.Context) (*corpusCache, error) {
	now := b.now()
	if b.cache != nil && b.opts.Reload > 0 && now.Sub(b.readAt) < b.opts.Reload {
		return b.cache, nil
	}
	articles, err := b.opts.Source.Articles(ctx)
	if err != nil {
		return nil, err
	}
	sum := b.fingerprint(articles)
	b.readAt = now
	if b.cache != nil && b.cache.sum == sum {
		return b.cache, nil
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	start := b.now()
	b.cache = &corpusCache{sum: sum, corpus: summarize.NewCorpus(articles)}
	b.log.Debug("analysed articles", "articles", len(articles), "duration", b.now().Sub(start))
	return b.cache, nil
}

// fingerprint hashes everything the corpus depends on.
func (b *Bot) fingerprint(articles []summarize.Article) uint64 {
	var h maphash.Hash
	h.SetSeed(b.hashSeed)
	for _, a := range articles {
		for _, s := range []string{a.ID, a.Title, a.Outlet, a.URL, a.Published.Format(time.RFC3339Nano), a.Text} {
			h.WriteString(s)
			h.WriteByte(0)
		}
	}
	return h.Sum64()
}

// Serve handles req and delivers the reply through resp. When delivery fails it logs the
// failure with the channel and the command and tries once to deliver a short apology
// instead, so that the user does not meet silence. It records the command in Metrics.
func (b *Bot) Serve(ctx context.Context, req Request, resp Responder) {
	start := req.Received
	if start.IsZero() {
		start = b.now()
	}
	r := b.Handle(ctx, req)
	outcome := r.Outcome
	log := b.log.With("command", r.Command, "channel_id", req.ChannelID, "platform", req.Platform)
	// When the work ran out of time, the reply (an apology by now) still gets a moment
	// of its own to be delivered.
	deliver := ctx
	if ctx.Err() != nil {
		var cancel context.CancelFunc
		deliver, cancel = context.WithTimeout(context.WithoutCancel(ctx), apologyTimeout)
		defer cancel()
	}
	if err := resp.Respond(deliver, r); err != nil {
		outcome = OutcomeUndelivered
		b.metrics.Failed(req.Platform, "reply")
		log.Error("delivering a reply", "error", err)
		apology := Reply{Command: r.Command, Visibility: Ephemeral, Outcome: OutcomeError, Text: UserMessage(err)}
		actx, cancel := context.WithTimeout(context.WithoutCancel(ctx), apologyTimeout)
		defer cancel()
		if err := resp.Respond(actx, apology); err != nil {
			log.Error("delivering an apology", "error", err)
		}
	}
	d := b.now().Sub(start)
	b.metrics.CommandDone(req.Platform, r.Command, outcome, d)
	log.Info("answered a command", "outcome", string(outcome), "duration", d)
}

// Start serves req in the background, with a context bounded by Options.ReplyTimeout and
// at most Options.MaxConcurrent commands at once. Adapters call it right after they
// acknowledged the command. It returns ErrShuttingDown, and serves nothing, once Drain
// has begun.
func (b *Bot) Start(req Request, resp Responder) error {
	b.drainMu.Lock()
	if b.draining {
		b.drainMu.Unlock()
		return ErrShuttingDown
	}
	b.inflight.Add(1)
	b.drainMu.Unlock()
	if req.Received.IsZero() {
		req.Received = b.now()
	}
	go func() {
		defer b.inflight.Done()
		ctx, cancel := context.WithTimeout(b.work, b.opts.ReplyTimeout)
		defer cancel()
		select {
		case b.slots <- struct{}{}:
		case <-ctx.Done():
			b.log.Error("no slot to answer a command in time", "command", CommandName(req.Command), "channel_id", req.ChannelID, "platform", req.Platform, "error", ctx.Err())
			b.metrics.CommandDone(req.Platform, CommandName(req.Command), OutcomeUndelivered, b.now().Sub(req.Received))
			return
		}
		defer func() { <-b.slots }()
		b.Serve(ctx, req, resp)
	}()
	return nil
}

// Draining reports whether Drain has begun, after which the bot takes no new command.
func (b *Bot) Draining() bool {
	b.drainMu.Lock()
	defer b.drainMu.Unlock()
	return b.draining
}

// Drain stops Start from taking new commands and waits for the commands in flight to be
// answered. When ctx ends first, it cancels their contexts, waits a moment for them to
// notice, and returns an error that says how many were abandoned.
func (b *Bot) Drain(ctx context.Context) error {
	b.drainMu.Lock()
	b.draining = true
	b.drainMu.Unlock()
	done := make(chan struct{})
	go func() {
		b.inflight.Wait()
		close(done)
	}()
	select {
	case <-done:
		b.stopWork()
		return nil
	case <-ctx.Done():
	}
	b.stopWork()
	select {
	case <-done:
		return fmt.Errorf("bot: draining: cancelled the commands in flight: %w", ctx.Err())
	case <-time.After(time.Second):
		return fmt.Errorf("bot: draining: abandoned commands still in flight: %w", ctx.Err())
	}
}
