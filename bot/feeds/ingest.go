package feeds

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/briefbot/briefbot/summarize"
)

// A Fetcher fetches feeds and pages; *Client is the polite one.
type Fetcher interface {
	// Feed fetches a feed, conditionally on the validators of its last read.
	Feed(ctx context.Context, url string, cond Conditional) (*Response, error)
	// Page fetches an article page.
	Page(ctx context.Context, url string) (*Response, error)
}

// errNoResponse is what a Fetcher that returned neither a response nor an error gets.
var errNoResponse = &Skip{Reason: ReasonNetwork, Temporary: true, Err: errors.New("feeds: the fetcher returned no response")}

// A Source is one configured source of news: a feed, or a single article page.
type Source struct {
	URL  string
	Page bool
}

// String returns the source's URL.
func (s Source) String() string { return s.URL }

// Defaults of Options.
const (
	DefaultMaxAge     = 30 * 24 * time.Hour
	DefaultTeaser     = 150
	DefaultWorkers    = 4
	DefaultSeedAge    = 24 * time.Hour
	DefaultSeedItems  = 20
	seenRetentionMult = 3
)

// Options configure an Ingester. Store and Fetcher are required.
type Options struct {
	Store   Store
	Fetcher Fetcher
	// Extract returns the article of a fetched page (Extract when nil).
	Extract func(page []byte, pageURL string) (summarize.Article, error)
	Logger  *slog.Logger
	// MaxAge is how long articles are kept (DefaultMaxAge), counted from when they were
	// first seen; an item published longer ago than that is not stored.
	MaxAge time.Duration
	// SeedAge and SeedItems say what the first read of a feed stores: its items are all
	// marked seen, and at most SeedItems of those published within SeedAge are stored,
	// so that a new feed gives a first briefing without a flood of old news. Zero stores
	// none.
	SeedAge   time.Duration
	SeedItems int
	// Teaser is the number of words under which an item's own text is a teaser and its
	// page is fetched (DefaultTeaser).
	Teaser int
	// Workers is how many sources are read at once (DefaultWorkers).
	Workers int
	// Progress, when set, is called after each source, with the counts so far; it must
	// not block.
	Progress func(Report)
	// Skipped, when set, is called once for every skip, with its reason (for metrics).
	Skipped func(reason string)
	// Now is the clock (time.Now when nil).
	Now func() time.Time
}

// A Report counts what a pass did.
type Report struct {
	Sources int // configured sources
	Done    int // sources read so far (whatever their outcome)
	Failed  int // sources that could not be read at all
	New     int // articles stored
	Copies  int // copies of articles already stored (another feed or outlet)
	Seeded  int // items marked seen silently at a feed's first read
	Skipped int // items and pages passed over
	Pruned  int // articles older than MaxAge deleted
}

// String summarises the report on one line.
func (r Report) String() string {
	return fmt.Sprintf("%d of %d sources read, %d failed; %d new articles, %d copies, %d seeded, %d skipped, %d pruned",
		r.Done, r.Sources, r.Failed, r.New, r.Copies, r.Seeded, r.Skipped, r.Pruned)
}

// An Ingester reads sources into a Store. One pass at a time: Run serialises.
type Ingester struct {
	o   Options
	log *slog.Logger

	run     sync.Mutex // one pass at a time
	storing sync.Mutex // one article stored at a time: a near-duplicate test and its write are one step

	mu     sync.Mutex // guards what follows, within a pass
	report Report
	prints []Fingerprint
	asOf   time.Time // see RunAsOf
}

// New returns an Ingester.
func New(o Options) (*Ingester, error) {
	if o.Store == nil || o.Fetcher == nil {
		return nil, errors.New("feeds: an ingester needs a store and a fetcher")
	}
	if o.Extract == nil {
		o.Extract = Extract
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.MaxAge <= 0 {
		o.MaxAge = DefaultMaxAge
	}
	if o.Teaser <= 0 {
		o.Teaser = DefaultTeaser
	}
	if o.Workers <= 0 {
		o.Workers = DefaultWorkers
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return &Ingester{o: o, log: o.Logger.With("component", "ingest")}, nil
}

// Run reads every source once, a few at a time (a slow or hostile one holds up only
// itself), stores what is new, and prunes what is older than MaxAge. A source that
// fails is logged and counted, and the others are read; Run fails only when the store
// does (after trying every source) or ctx is done, and returns what it did up to then.
func (in *Ingester) Run(ctx context.Context, sources []Source) (Report, error) {
	return in.RunAsOf(ctx, sources, time.Time{})
}

// RunAsOf is Run for a briefing of the news until asOf, made now (a scheduled briefing
// a little after its slot): what it finds is recorded as first seen just before asOf
// (when that is not later than now), so that it belongs to that briefing's window,
// [last slot, asOf), and not to the next one. A store's windows are by first sight, and this
// keeps every article in exactly one briefing of a channel.
func (in *Ingester) RunAsOf(ctx context.Context, sources []Source, asOf time.Time) (Report, error) {
	in.run.Lock()
	defer in.run.Unlock()
	prints, err := in.o.Store.Fingerprints(ctx)
	if err != nil {
		return Report{}, fmt.Errorf("feeds: reading the stored articles' fingerprints: %w", err)
	}
	in.mu.Lock()
	in.report, in.prints, in.asOf = Report{Sources: len(sources)}, prints, asOf
	in.mu.Unlock()

	err = in.readAll(ctx, sources)
	if ctx.Err() != nil {
		return in.snapshot(), fmt.Errorf("feeds: ingesting: %w", ctx.Err())
	}
	if err != nil {
		return in.snapshot(), err
	}
	now := in.o.Now()
	n, err := in.o.Store.Prune(ctx, now.Add(-in.o.MaxAge), now.Add(-seenRetentionMult*in.o.MaxAge))
	if err != nil {
		return in.snapshot(), fmt.Errorf("feeds: pruning articles older than %s: %w", in.o.MaxAge, err)
	}
	in.count(func(r *Report) { r.Pruned += n })
	return in.snapshot(), nil
}

// readAll reads the sources, Workers at a time, and returns the first failure of the
// store, once every source was tried.
func (in *Ingester) readAll(ctx context.Context, sources []Source) error {
	jobs := make(chan Source)
	errs := make(chan error, 1)
	var wg sync.WaitGroup
	for range min(in.o.Workers, max(1, len(sources))) {
		wg.Go(func() {
			for s := range jobs {
				if err := in.source(ctx, s); err != nil {
					select {
					case errs <- err:
					default: // the first is enough
					}
				}
			}
		})
	}
send:
	for _, s := range sources {
		select {
		case jobs <- s:
		case <-ctx.Done():
			break send
		}
	}
	close(jobs)
	wg.Wait()
	select {
	case err := <-errs:
		return err
	default:
		return nil
	}
}

// snapshot returns the counts so far.
func (in *Ingester) snapshot() Report {
	in.mu.Lock()
	defer in.mu.Unlock()
	return in.report
}

// count changes the counts.
func (in *Ingester) count(f func(*Report)) {
	in.mu.Lock()
	f(&in.report)
	in.mu.Unlock()
}

// source reads one source; it returns an error only for the store's failures, which
// end the pass. Every other failure is logged and counted.
func (in *Ingester) source(ctx context.Context, s Source) error {
	var err error
	if s.Page {
		err = in.page(ctx, s.URL)
	} else {
		err = in.feed(ctx, s.URL)
	}
	var skip *Skip
	switch {
	case errors.As(err, &skip):
		in.skip(ctx, "source skipped", s.URL, err)
		in.count(func(r *Report) { r.Failed++ })
		err = nil
	case err != nil && ctx.Err() == nil:
		in.log.Error("reading a source failed", "source", s.URL, "err", err)
		in.count(func(r *Report) { r.Failed++ })
	}
	in.count(func(r *Report) { r.Done++ })
	if in.o.Progress != nil {
		in.o.Progress(in.snapshot())
	}
	if ctx.Err() != nil {
		return nil // Run reports the cancellation
	}
	return err
}

// skip logs and counts a skip.
func (in *Ingester) skip(ctx context.Context, msg, what string, err error) {
	reason := ReasonOf(err)
	in.log.LogAttrs(ctx, slog.LevelWarn, msg, slog.String("source", what), slog.String("reason", reason), slog.String("err", err.Error()))
	if in.o.Skipped != nil {
		in.o.Skipped(reason)
	}
}

// page reads a single article page, once: a page already seen is not fetched again.
func (in *Ingester) page(ctx context.Context, raw string) error {
	key, err := Canonical(raw)
	if err != nil {
		return &Skip{Reason: ReasonBadURL, Err: err}
	}
	unseen, err := in.o.Store.Unseen(ctx, raw, []string{key})
	if err != nil || len(unseen) == 0 {
		return err
	}
	a, err := in.fetchPage(ctx, key)
	if err != nil {
		if Temporary(err) {
			return err // tried again at the next pass
		}
		if err := in.o.Store.MarkSeen(ctx, raw, []string{key}, in.o.Now()); err != nil {
			return err
		}
		return err
	}
	if err := in.keep(ctx, raw, a); err != nil {
		return err
	}
	return in.o.Store.MarkSeen(ctx, raw, []string{key}, in.o.Now())
}

// fetchPage fetches and extracts an article page.
func (in *Ingester) fetchPage(ctx context.Context, link string) (summarize.Article, error) {
	resp, err := in.o.Fetcher.Page(ctx, link)
	if err == nil && resp == nil {
		err = errNoResponse
	}
	if err != nil {
		return summarize.Article{}, err
	}
	a, err := in.o.Extract(resp.Body, resp.URL)
	if err != nil {
		return summarize.Article{}, err
	}
	if a.URL == "" {
		a.URL = link
	}
	return a, nil
}

// feed reads a feed: on its first read it is seeded; later, its unseen items are
// stored.
func (in *Ingester) feed(ctx context.Context, raw string) error {
	state, known, err := in.o.Store.Feed(ctx, raw)
	if err != nil {
		return err
	}
	resp, err := in.o.Fetcher.Feed(ctx, raw, Conditional{ETag: state.ETag, LastModified: state.LastModified})
	if err == nil && resp == nil {
		err = errNoResponse
	}
	if err != nil {
		return err
	}
	now := in.o.Now()
	state.CheckedAt = now
	if resp.NotModified {
		return in.o.Store.SaveFeed(ctx, raw, state)
	}
	f, err := parseFeed(resp.Body, resp.URL)
	if err != nil {
		return err
	}
	if f.noKey > 0 {
		in.skip(ctx, "feed items without a link or a guid", raw, skipf(ReasonNoKey, false, "%d of the feed's items have neither a link nor a guid", f.noKey))
		in.count(func(r *Report) { r.Skipped += f.noKey })
	}
	keys := make([]string, len(f.items))
	for i, it := range f.items {
		keys[i] = it.key
	}
	unseen, err := in.o.Store.Unseen(ctx, raw, keys)
	if err != nil {
		return err
	}
	fresh := make(map[string]bool, len(unseen))
	for _, k := range unseen {
		fresh[k] = true
	}
	if !known {
		err = in.seed(ctx, raw, f, fresh)
	} else {
		err = in.items(ctx, raw, f, fresh)
	}
	if err != nil {
		return err
	}
	if err := in.o.Store.MarkSeen(ctx, raw, stillListed(keys, fresh), now); err != nil {
		return err // the items seen before are marked again: Prune forgets only what left the feed
	}
	state.ETag, state.LastModified = resp.ETag, resp.LastModified
	if state.SeededAt.IsZero() {
		state.SeededAt = now
	}
	return in.o.Store.SaveFeed(ctx, raw, state)
}
