package bot

import (
	"context"
	"errors"
	"fmt"
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
	// Stories bounds the stories of a briefing when the articles tell several; 0 means
	// DefaultStories.
	Stories int
	// Quoter answers /who-said; nil means /who-said answers that it is not available yet.
	Quoter Quoter
	// Limits bound the articles the bot analyses at once, whatever its source; the zero
	// value means summarize's defaults. A source over them fails every command with a
	// message that names the limit.
	Limits summarize.Limits
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

	snaps snapshots // the analysis of the source's articles
	run   runtime   // the commands started with Start

	news atomic.Pointer[sourceState] // what the last read of the source gave
}

// sourceState is what the last read of the source gave, for Ready.
type sourceState struct {
	ok     bool
	report string
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
	b := &Bot{opts: o, log: o.Logger, metrics: o.Metrics, now: o.Now}
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
	if req.Command.Err != nil {
		return b.failed(req, req.Command, req.Command.Err)
	}
	return b.answer(ctx, req)
}

// answer answers a command that parsed.
func (b *Bot) answer(ctx context.Context, req Request) Reply {
	cmd := req.Command
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
	var ns *NoStoryError
	switch {
	case errors.As(err, &ns):
		return OutcomeOK // answered: no story is about the topic
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
		br, err := b.Brief(ctx, cmd.Topic)
		if err != nil {
			return Reply{}, err
		}
		return Reply{Briefing: br}, nil
	case CommandWhoSaid:
		ws, err := b.WhoSaid(ctx, cmd.Query())
		if err != nil {
			return Reply{}, err
		}
		return Reply{WhoSaid: ws}, nil
	case CommandHelp:
		return Reply{Help: newHelp(b.opts.Quoter != nil)}, nil
	}
	return Reply{}, &UsageError{Command: CommandUnknown}
}

// Corpus returns the analysis of the source's current articles (see Snapshot).
func (b *Bot) Corpus(ctx context.Context) (*summarize.Corpus, error) {
	snap, err := b.Snapshot(ctx)
	if err != nil {
		return nil, err
	}
	return snap.Corpus, nil
}

// Briefing returns the briefing of the source's current articles with the bot's
// options, built once per snapshot: the top stories when the articles tell several.
func (b *Bot) Briefing(ctx context.Context) (*Briefing, error) { return b.Brief(ctx, "") }

// Brief returns the briefing of the source's current stories about topic (every story
// when topic is empty), built once per snapshot and topic. No story about the topic is a
// *NoStoryError.
func (b *Bot) Brief(ctx context.Context, topic string) (*Briefing, error) {
	snap, err := b.Snapshot(ctx)
	if err != nil {
		return nil, err
	}
	return snap.Brief(ctx, b.briefOptions(topic))
}

// briefOptions returns the options of the bot's briefings about topic.
func (b *Bot) briefOptions(topic string) BriefOptions {
	return BriefOptions{Summary: b.opts.Summary, Stories: b.opts.Stories, Topic: topic}
}

// WhoSaid returns who is quoted in the source's current articles saying q.Term, or what
// the speaker q.From names is quoted saying, through the bot's Quoter.
func (b *Bot) WhoSaid(ctx context.Context, q Query) (*WhoSaid, error) {
	if b.opts.Quoter == nil {
		return nil, &UnavailableError{Command: CommandWhoSaid, Reason: "quotations are still being built"}
	}
	snap, err := b.Snapshot(ctx)
	if err != nil {
		return nil, err
	}
	c := snap.Corpus
	ws, err := b.opts.Quoter.WhoSaid(ctx, snap, q)
	if err != nil {
		return nil, fmt.Errorf("finding who said %q: %w", q.String(), err)
	}
	if ws == nil {
		ws = &WhoSaid{}
	}
	if ws.Term == "" && ws.From == "" {
		ws.Term, ws.From = q.Term, q.From
	}
	if ws.Articles == 0 {
		ws.Articles = len(c.Docs)
	}
	return ws, nil
}

// snapshots holds the bot's current snapshot and whether one is being built.
type snapshots struct {
	mu      sync.Mutex
	cur     *Snapshot
	readAt  time.Time     // when the source was last read
	reading chan struct{} // closed when the read under way ends; nil when none is
}

// Snapshot returns the analysis of the source's current articles. It reads the source
// at most once per Options.Reload, and analyses the articles again only when they
// changed. One command at a time reads and analyses, outside any lock that other
// commands wait on: they answer from the current snapshot meanwhile, and only the very
// first build is waited for. When the source fails for a reason other than holding no
// articles, the bot keeps answering from the snapshot it has, and says so in the log and
// in Ready.
func (b *Bot) Snapshot(ctx context.Context) (*Snapshot, error) {
	st := &b.snaps
	for {
		st.mu.Lock()
		cur := st.cur
		fresh := cur != nil && b.opts.Reload > 0 && b.now().Sub(st.readAt) < b.opts.Reload
		if fresh || (cur != nil && st.reading != nil) {
			st.mu.Unlock()
			return cur, nil
		}
		if wait := st.reading; wait != nil { // the first read is under way
			st.mu.Unlock()
			select {
			case <-wait:
				continue
			case <-ctx.Done():
				return nil, ctx.Err()
			}
		}
		done := make(chan struct{})
		st.reading = done
		st.mu.Unlock()

		next, err := b.read(ctx, cur)
		st.mu.Lock()
		switch {
		case err == nil:
			st.cur, st.readAt = next, b.now()
		case errors.Is(err, ErrNoArticles), errors.Is(err, summarize.ErrTooMuchInput):
			st.cur = nil
		case cur != nil && !cutShort(ctx, err):
			st.readAt = b.now() // keep the old snapshot; read again after Reload
			next, err = cur, nil
		}
		st.reading = nil
		close(done)
		st.mu.Unlock()
		return next, err
	}
}

// read reads the source and returns cur when the articles are the same, or their new
// snapshot.
func (b *Bot) read(ctx context.Context, cur *Snapshot) (*Snapshot, error) {
	articles, err := b.opts.Source.Articles(ctx, All)
	if err == nil {
		err = b.opts.Limits.Check(articles)
	}
	if err != nil {
		if !cutShort(ctx, err) {
			b.news.Store(&sourceState{report: err.Error()})
			if cur != nil && !errors.Is(err, ErrNoArticles) && !errors.Is(err, summarize.ErrTooMuchInput) {
				b.log.Warn("reading articles failed; answering from the articles read before", "error", err)
			}
		}
		return nil, err
	}
	b.news.Store(&sourceState{ok: true, report: fmt.Sprintf("%d %s", len(articles), plural(len(articles), "article", "articles"))})
	sum := fingerprint(articles)
	if cur != nil && cur.Sum == sum {
		return cur, nil
	}
	start := b.now()
	next, err := NewSnapshot(ctx, articles)
	if err != nil {
		return nil, err
	}
	// The briefing /brief asks for is built before the snapshot is swapped in, so that
	// no command waits for it: they answer from the old snapshot until then. A briefing
	// that fails (no sentences fit) fails its commands later, as it would now.
	if _, err := next.Brief(ctx, b.briefOptions("")); cutShort(ctx, err) {
		return nil, err
	}
	b.log.Debug("analysed articles", "articles", len(articles), "duration", b.now().Sub(start))
	return next, nil
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
