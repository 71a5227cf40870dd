package summarize

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"sync/atomic"
	"testing"
)

// countdownCtx is a context that is done after a number of calls to Err, so that a test
// can cancel an analysis at any point of it, and counts the calls.
type countdownCtx struct {
	context.Context
	left, calls atomic.Int64
}

func newCountdown(n int64) *countdownCtx {
	c := &countdownCtx{Context: context.Background()}
	c.left.Store(n)
	return c
}

func (c *countdownCtx) Err() error {
	c.calls.Add(1)
	if c.left.Add(-1) < 0 {
		return context.Canceled
	}
	return nil
}

// contextArticles returns n small articles of one story.
func contextArticles(n int) []Article {
	out := make([]Article, n)
	for i := range out {
		out[i] = Article{ID: fmt.Sprintf("a%04d", i), Title: "Council passes budget",
			Text: fmt.Sprintf("Council passes budget\nThe council approved the budget for schools on Monday, officials said. Report %d added that the vote was close.\nThe mayor said the plan for roads number %d would follow.\n", i, i%17)}
	}
	return out
}

func TestNewCorpusContextCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	c, err := NewCorpusContext(ctx, contextArticles(10))
	if !errors.Is(err, context.Canceled) || c != nil {
		t.Fatalf("NewCorpusContext(canceled) = %v, %v; want no corpus and an error wrapping context.Canceled", c, err)
	}
}

// TestNewCorpusContextChecksEachArticle checks that the analysis looks at its context
// for every article, so that a cancellation stops it soon.
func TestNewCorpusContextChecksEachArticle(t *testing.T) {
	articles := contextArticles(500)
	ctx := newCountdown(1 << 40)
	if _, err := NewCorpusContext(ctx, articles); err != nil {
		t.Fatal(err)
	}
	if n := ctx.calls.Load(); n < int64(len(articles)) {
		t.Errorf("the context was checked %d times for %d articles", n, len(articles))
	}
	// Canceled half-way, it fails.
	if _, err := NewCorpusContext(newCountdown(250), articles); !errors.Is(err, context.Canceled) {
		t.Errorf("canceled after 250 articles: %v, want context.Canceled", err)
	}
}

// TestSummarizeContextCanceled cancels a summary at points spread over those where it
// looks at its context: each time, the result is an error wrapping context.Canceled, and a context
// that stays alive gives the summary of Summarize.
func TestSummarizeContextCanceled(t *testing.T) {
	c := NewCorpus(contextArticles(3000))
	for _, alg := range Algorithms {
		t.Run(string(alg), func(t *testing.T) {
			opt := Options{Words: 60, Algorithm: alg}
			want, err := c.Summarize(opt)
			if err != nil {
				t.Fatal(err)
			}
			live := newCountdown(1 << 40)
			got, err := c.SummarizeContext(live, opt)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("SummarizeContext differs from Summarize:\n%v\n%v", got, want)
			}
			checks := live.calls.Load()
			if checks < 4 {
				t.Errorf("%s looked at its context %d times; want checks inside its loops", alg, checks)
			}
			// Every stage, from the first check to the last, at a few points of each.
			for _, k := range []int64{0, 1, 2, 3, checks / 8, checks / 4, checks / 2, 3 * checks / 4, checks - 2, checks - 1} {
				s, err := c.SummarizeContext(newCountdown(k), opt)
				if !errors.Is(err, context.Canceled) || s != nil {
					t.Fatalf("canceled after %d of %d checks: %v, %v; want an error wrapping context.Canceled", k, checks, s, err)
				}
			}
		})
	}
}
