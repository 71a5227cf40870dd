package quotes

import (
	"context"
	"errors"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/briefbot/briefbot/summarize"
)

// doneAfterStart is a context that is done from the start but reports it only from its
// second Err call on: the first check of ExtractContext passes, and every later look
// sees it done, as if it were cancelled right after the work began.
type doneAfterStart struct {
	errs atomic.Int32
	done chan struct{}
}

func newDoneAfterStart() *doneAfterStart {
	c := &doneAfterStart{done: make(chan struct{})}
	close(c.done)
	return c
}

func (c *doneAfterStart) Deadline() (time.Time, bool) { return time.Time{}, false }
func (c *doneAfterStart) Done() <-chan struct{}       { return c.done }
func (c *doneAfterStart) Value(any) any               { return nil }
func (c *doneAfterStart) Err() error {
	if c.errs.Add(1) == 1 {
		return nil
	}
	return context.Canceled
}

// bigCorpus returns a corpus of ten articles of the scaled-up normal shape, 200 KB each.
func bigCorpus() *summarize.Corpus {
	var articles []summarize.Article
	for i := range 10 {
		articles = append(articles, summarize.Article{ID: string(rune('a'+i)) + ".txt", Text: scaledArticle(200 << 10)})
	}
	return summarize.NewCorpus(articles)
}

func TestExtractContext(t *testing.T) {
	c := bigCorpus()
	t.Run("done before", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		x, err := ExtractContext(ctx, c)
		if x != nil || !errors.Is(err, context.Canceled) {
			t.Fatalf("ExtractContext with a cancelled context = %v, %v; want nil and an error wrapping context.Canceled", x, err)
		}
		if !strings.HasPrefix(err.Error(), "quotes: ") {
			t.Errorf("error %q lacks the package prefix", err)
		}
	})
	t.Run("done during", func(t *testing.T) {
		full := allocated(func() { Extract(c) })
		var x *Index
		var err error
		stopped := allocated(func() { x, err = ExtractContext(newDoneAfterStart(), c) })
		if x != nil || !errors.Is(err, context.Canceled) {
			t.Fatalf("ExtractContext cancelled after its start = %v, %v; want nil and an error wrapping context.Canceled", x, err)
		}
		// It stops before reading a document: a small part of what the whole work takes.
		if stopped > full/10 {
			t.Errorf("cancelled extraction allocated %d bytes, the whole one %d: it did not stop", stopped, full)
		}
	})
	t.Run("deadline", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), time.Nanosecond)
		defer cancel()
		<-ctx.Done()
		if _, err := ExtractContext(ctx, c); !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("ExtractContext past its deadline: %v, want an error wrapping context.DeadlineExceeded", err)
		}
	})
	t.Run("not done", func(t *testing.T) {
		x, err := ExtractContext(context.Background(), c)
		if err != nil || x == nil || len(x.Quotations()) == 0 {
			t.Fatalf("ExtractContext = %v, %v; want the quotations", x, err)
		}
	})
}

// TestExtractDocStops checks the looks at the context inside one document: a document
// of thousands of paragraphs and quotations, read under a done context, yields nothing.
func TestExtractDocStops(t *testing.T) {
	for _, sh := range adversarialShapes {
		t.Run(sh.name, func(t *testing.T) {
			c := summarize.NewCorpus([]summarize.Article{{ID: "a.txt", Text: sh.make(1 << 20)}})
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			if _, qs := extractDoc(c.Docs[0], newStopper(ctx)); len(qs) != 0 {
				t.Errorf("extractDoc under a done context found %d quotations, want none", len(qs))
			}
			if _, qs := extractDoc(c.Docs[0], newStopper(context.Background())); len(qs) == 0 {
				t.Errorf("extractDoc found no quotations") // the shape itself must have some
			}
		})
	}
}

func TestWhoSaidContext(t *testing.T) {
	x := Extract(bigCorpus())
	if found, err := x.WhoSaidContext(context.Background(), "bridge", Options{In: InContext}); err != nil || len(found) == 0 {
		t.Fatalf("WhoSaidContext = %v, %v; want speakers", found, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if found, err := x.WhoSaidContext(ctx, "bridge", Options{In: InContext}); found != nil || !errors.Is(err, context.Canceled) {
		t.Fatalf("WhoSaidContext with a cancelled context = %v, %v; want nil and an error wrapping context.Canceled", found, err)
	}
	// A bad term is reported as such even under a done context.
	if _, err := x.WhoSaidContext(ctx, "", Options{}); !errors.Is(err, ErrEmptyTerm) {
		t.Errorf("empty term: %v, want ErrEmptyTerm", err)
	}
}

func TestStopper(t *testing.T) {
	var nilStopper *stopper
	if nilStopper.stop() || nilStopper.now() || newStopper(context.Background()).now() {
		t.Fatal("a nil stopper, or one without a Done channel, stopped")
	}
	ctx, cancel := context.WithCancel(context.Background())
	st := newStopper(ctx)
	for i := 0; i < 3*stopEvery; i++ {
		if st.stop() {
			t.Fatalf("stopped at call %d before the context was done", i)
		}
	}
	cancel()
	calls := 0
	for !st.stop() {
		calls++
		if calls > stopEvery {
			t.Fatalf("not stopped %d calls after the context was done", calls)
		}
	}
	if !st.stop() || !st.now() {
		t.Fatal("a stopper that stopped went on")
	}
}

// allocated returns the bytes that f allocates.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}
