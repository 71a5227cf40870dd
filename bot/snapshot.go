package bot

import (
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"sync"
	"time"

	"github.com/briefbot/briefbot/summarize"
	"github.com/briefbot/briefbot/summarize/quotes"
)

// A Snapshot is the analysis of one set of articles, immutable once built: their
// fingerprint, the corpus, and what is derived from the corpus on first use and kept for
// as long as the snapshot is (the briefing for each set of options, the quotation index,
// the stories). It is safe for concurrent use.
type Snapshot struct {
	// Corpus is the analysis of the articles, in the order the source gave them.
	Corpus *summarize.Corpus
	// Sum is the fingerprint of the articles: equal sums, equal articles.
	Sum uint64

	mu      sync.Mutex
	derived map[any]*lazy
}

// snapshotSeed keys the fingerprints of one process.
var snapshotSeed = maphash.MakeSeed()

// NewSnapshot analyses articles. It stops, and returns an error wrapping ctx.Err(), when
// ctx ends first.
func NewSnapshot(ctx context.Context, articles []summarize.Article) (*Snapshot, error) {
	c, err := summarize.NewCorpusContext(ctx, articles)
	if err != nil {
		return nil, fmt.Errorf("analysing %d %s: %w", len(articles), plural(len(articles), "article", "articles"), err)
	}
	return &Snapshot{Corpus: c, Sum: fingerprint(articles)}, nil
}

// fingerprint hashes everything the corpus depends on.
func fingerprint(articles []summarize.Article) uint64 {
	var h maphash.Hash
	h.SetSeed(snapshotSeed)
	for _, a := range articles {
		for _, s := range []string{a.Origin, a.ID, a.Title, a.Outlet, a.URL, a.Published.Format(time.RFC3339Nano), a.Text} {
			h.WriteString(s)
			h.WriteByte(0)
		}
	}
	return h.Sum64()
}

// Summary returns the summary of the snapshot's articles with the options opt, built on
// first use. It resolves the pronouns of quotations with the quotation index (built
// once and kept in the snapshot, the built-in Quoter's own), so that a sentence such as
// "He added: …" may be chosen, and reads "[Volodymyr Zelensky] added: …".
func (s *Snapshot) Summary(ctx context.Context, opt summarize.Options) (*summarize.Summary, error) {
	v, err := s.Derived(ctx, summaryKey{opt}, func(ctx context.Context) (any, error) {
		x, err := s.Derived(ctx, indexKey{}, func(ctx context.Context) (any, error) {
			return quotes.ExtractContext(ctx, s.Corpus)
		})
		if err != nil {
			return nil, err
		}
		sum, err := s.Corpus.SummarizeResolved(ctx, opt, referents(s.Corpus, x.(*quotes.Index)))
		if err != nil {
			n := len(s.Corpus.Docs)
			return nil, fmt.Errorf("summarizing %d %s: %w", n, plural(n, "article", "articles"), err)
		}
		return sum, nil
	})
	if err != nil {
		return nil, err
	}
	return v.(*summarize.Summary), nil
}

// Briefing returns the briefing of the snapshot's articles with the summary options opt
// and the default number of stories, built on first use: see Brief.
func (s *Snapshot) Briefing(ctx context.Context, opt summarize.Options) (*Briefing, error) {
	return s.Brief(ctx, BriefOptions{Summary: opt})
}

// The keys of what a snapshot derives.
type (
	summaryKey  struct{ opt summarize.Options }
	briefingKey struct{ o BriefOptions }
)

// Derived returns what build makes of the snapshot, built once for each key (a
// comparable value that names the kind of result and its options) and kept for as long
// as the snapshot. One build runs at a time for a key; callers that come meanwhile wait
// for it, or for their ctx. A build that ends because its context did is not kept: the
// next call builds again. Quoters keep their index here.
func (s *Snapshot) Derived(ctx context.Context, key any, build func(ctx context.Context) (any, error)) (any, error) {
	s.mu.Lock()
	if s.derived == nil {
		s.derived = make(map[any]*lazy)
	}
	l := s.derived[key]
	if l == nil {
		l = &lazy{}
		s.derived[key] = l
	}
	s.mu.Unlock()
	return l.get(ctx, build)
}

// built returns what the snapshot derived for key, when it is built and did not fail,
// without building it.
func (s *Snapshot) built(key any) (any, bool) {
	s.mu.Lock()
	l := s.derived[key]
	s.mu.Unlock()
	if l == nil {
		return nil, false
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.v, l.done && l.err == nil
}

// lazy is a value built on first use, by one caller at a time.
type lazy struct {
	mu       sync.Mutex
	done     bool
	v        any
	err      error
	building chan struct{} // closed when the build under way ends; nil when none is
}

func (l *lazy) get(ctx context.Context, build func(context.Context) (any, error)) (any, error) {
	for {
		l.mu.Lock()
		if l.done {
			l.mu.Unlock()
			return l.v, l.err
		}
		if wait := l.building; wait != nil {
			l.mu.Unlock()
			select {
			case <-wait:
				continue
			case <-ctx.Done():
				return nil, ctx.Err()
			}
		}
		ch := make(chan struct{})
		l.building = ch
		l.mu.Unlock()

		v, err := build(ctx)
		l.mu.Lock()
		if !cutShort(ctx, err) {
			l.v, l.err, l.done = v, err, true
		}
		l.building = nil
		close(ch)
		l.mu.Unlock()
		return v, err
	}
}

// cutShort reports whether err ended a build because ctx ended, not for a reason that
// would end it again.
func cutShort(ctx context.Context, err error) bool {
	return err != nil && ctx.Err() != nil && (errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded))
}
