package bot

import (
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"log/slog"
	"slices"
	"sync"
	"sync/atomic"
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
	// ReplyTimeout bounds the work on one command started with Start, the wait for a
	// work slot included; 0 means DefaultReplyTimeout. A command that runs out of time
	// is answered with an apology.
	ReplyTimeout time.Duration
	// DeliveryTimeout bounds each delivery of a reply or an apology, on its own budget
	// (a slow platform does not eat into the work's time, nor the work into the
	// apology's); 0 means DefaultDeliveryTimeout.
	DeliveryTimeout time.Duration
	// MaxConcurrent bounds the commands Start works on at once (reading, analysing,
	// searching); 0 means DefaultMaxConcurrent. Further commands wait for a slot.
	// Cheap answers (help, usage lines) and deliveries take no slot.
	MaxConcurrent int
	// MaxQueued bounds the commands waiting for a work slot; a command beyond it is
	// answered at once that the bot is busy. 0 means DefaultMaxQueued.
	MaxQueued int
	// Logger receives one line per command; nil means slog.Default().
	Logger *slog.Logger
	// Metrics receives counts and timings; nil records nothing.
	Metrics Metrics
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// Defaults of Options.
const (
	DefaultReplyTimeout    = 30 * time.Second
	DefaultDeliveryTimeout = 30 * time.Second
	DefaultMaxConcurrent   = 8
	DefaultMaxQueued       = 256
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

	run runtime // the commands started with Start

	news atomic.Pointer[sourceState] // what the last read of the source gave
}

// sourceState is what the last read of the source gave, for Ready.
type sourceState struct {
	ok     bool
	report string
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
	if o.DeliveryTimeout <= 0 {
		o.DeliveryTimeout = DefaultDeliveryTimeout
	}
	if o.MaxConcurrent <= 0 {
		o.MaxConcurrent = DefaultMaxConcurrent
	}
	if o.MaxQueued <= 0 {
		o.MaxQueued = DefaultMaxQueued
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
	b.run.init(o.MaxConcurrent, o.MaxQueued)
	return b, nil
}

// Handle answers one request. It never fails: an error becomes a Reply whose Text is
// UserMessage(err), and is logged.
func (b *Bot) Handle(ctx context.Context, req Request) Reply {
	cmd, err := ParseCommand(req.Command, req.Text)
	if err != nil {
		return b.failed(req, cmd, err)
	}
	return b.answer(ctx, req, cmd)
}

// answer answers a parsed command.
func (b *Bot) answer(ctx context.Context, req Request, cmd Command) Reply {
	r, err := b.route(ctx, cmd)
	if err != nil {
		return b.failed(req, cmd, err)
	}
	r.Command, r.Outcome, r.Visibility = cmd.Name, OutcomeOK, cmd.Visibility()
	return r
}

// failed turns the error of a command into its reply, and logs it unless the user can
// act on it.
func (b *Bot) failed(req Request, cmd Command, err error) Reply {
	r := Reply{Command: cmd.Name, Visibility: Ephemeral, Text: UserMessage(err), Outcome: outcomeOf(err)}
	if r.Outcome == OutcomeError {
		b.log.Error("answering a command", "command", cmd.Name, "channel_id", req.ChannelID, "platform", req.Platform, "error", err)
	}
	return r
}

// outcomeOf classifies the error of a command.
func outcomeOf(err error) Outcome {
	var ue *UsageError
	var ua *UnavailableError
	switch {
	case errors.As(err, &ue):
		return OutcomeUsage
	case errors.As(err, &ua):
		return OutcomeUnavailable
	case errors.Is(err, ErrBusy):
		return OutcomeBusy
	}
	return OutcomeError
}

func (b *Bot) route(ctx context.Context, cmd Command) (Reply, error) {
	switch cmd.Name {
	case CommandBrief:
		br, err := b.Briefing(ctx)
		if err != nil {
			return Reply{}, err
		}
		return Reply{Briefing: br}, nil
	case CommandWhoSaid:
		if b.opts.Quoter == nil {
			return Reply{}, &UnavailableError{Command: CommandWhoSaid, Reason: "quotations are still being built"}
		}
		c, err := b.Corpus(ctx)
		if err != nil {
			return Reply{}, err
		}
		ws, err := b.opts.Quoter.WhoSaid(ctx, c, cmd.Term)
		if err != nil {
			return Reply{}, fmt.Errorf("finding who said %q: %w", cmd.Term, err)
		}
		if ws == nil {
			ws = &WhoSaid{}
		}
		if ws.Term == "" {
			ws.Term = cmd.Term
		}
		if ws.Articles == 0 {
			ws.Articles = len(c.Docs)
		}
		return Reply{WhoSaid: ws}, nil
	case CommandHelp:
		return Reply{Help: newHelp(b.opts.Quoter != nil)}, nil
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
		if ctx.Err() == nil {
			b.news.Store(&sourceState{report: err.Error()})
		}
		return nil, err
	}
	b.news.Store(&sourceState{ok: true, report: fmt.Sprintf("%d %s", len(articles), plural(len(articles), "article", "articles"))})
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

// Ready reports whether the last read of the source gave articles, and says what it gave
// or why it failed, for a readiness probe. Before the first read it is not ready.
func (b *Bot) Ready() (bool, string) {
	st := b.news.Load()
	if st == nil {
		return false, "not read yet"
	}
	return st.ok, st.report
}
