package bot_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/summarize"
)

// TestCommandsAnswerFromTheOldSnapshot holds the read of new articles: meanwhile every
// other command answers at once from the snapshot the bot has, and the read's own
// command gets the new one.
func TestCommandsAnswerFromTheOldSnapshot(t *testing.T) {
	var reads atomic.Int32
	entered, release := make(chan struct{}), make(chan struct{})
	changed := append([]summarize.Article(nil), council...)
	changed[0].Text += "The mayor said the plan would be put to a vote next week.\n"
	src := sourceFunc(func(ctx context.Context) ([]summarize.Article, error) {
		if reads.Add(1) == 1 {
			return council, nil
		}
		close(entered)
		<-release
		return changed, nil
	})
	b, err := bot.New(bot.Options{Source: src, Logger: quiet()}) // Reload 0: read for every command
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	old, err := b.Snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got := make(chan *bot.Snapshot, 1)
	go func() {
		s, _ := b.Snapshot(ctx)
		got <- s
	}()
	<-entered
	for range 3 {
		r := b.Handle(ctx, bot.Request{Command: bot.ParseCommand("/brief", "")})
		if r.Outcome != bot.OutcomeOK {
			t.Fatalf("reply %+v during the read", r)
		}
		if s, _ := b.Snapshot(ctx); s != old {
			t.Fatal("a command during the read did not get the old snapshot")
		}
	}
	close(release)
	if s := <-got; s == old || s.Sum == old.Sum {
		t.Error("the reading command did not get the new snapshot")
	}
	if n := reads.Load(); n != 2 {
		t.Errorf("%d reads, want 2: commands during a read must not read too", n)
	}
}

func TestSnapshotSurvivesAFailingSource(t *testing.T) {
	src := &countingSource{Articles: council}
	b, err := bot.New(bot.Options{Source: sourceFunc(src.articles), Logger: quiet()})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	old, err := b.Snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	src.mu.Lock()
	src.Err = errors.New("reading /srv/news: input/output error")
	src.mu.Unlock()
	if s, err := b.Snapshot(ctx); err != nil || s != old {
		t.Errorf("with a failing source: %v, same snapshot %v; want the old snapshot", err, s == old)
	}
	if ok, report := b.Ready(); ok || !strings.Contains(report, "input/output error") {
		t.Errorf("Ready() = %v, %q; want not ready, with the error", ok, report)
	}
	src.mu.Lock()
	src.Err = bot.ErrNoArticles
	src.mu.Unlock()
	if _, err := b.Snapshot(ctx); !errors.Is(err, bot.ErrNoArticles) {
		t.Errorf("a source with no articles: %v, want ErrNoArticles", err)
	}
}

func TestDerivedIsBuiltOnce(t *testing.T) {
	snap, err := bot.NewSnapshot(context.Background(), council)
	if err != nil {
		t.Fatal(err)
	}
	var builds atomic.Int32
	build := func(ctx context.Context) (any, error) {
		builds.Add(1)
		time.Sleep(10 * time.Millisecond)
		return "index", nil
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if v, err := snap.Derived(context.Background(), "k", build); err != nil || v != "index" {
				t.Errorf("Derived = %v, %v", v, err)
			}
		})
	}
	wg.Wait()
	if n := builds.Load(); n != 1 {
		t.Errorf("%d builds, want 1", n)
	}
}

func TestDerivedForgetsABuildCutShort(t *testing.T) {
	snap, err := bot.NewSnapshot(context.Background(), council)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = snap.Derived(ctx, "k", func(ctx context.Context) (any, error) { return nil, ctx.Err() })
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cut short: %v", err)
	}
	v, err := snap.Derived(context.Background(), "k", func(context.Context) (any, error) { return 42, nil })
	if err != nil || v != 42 {
		t.Errorf("after a build cut short: %v, %v; want a new build", v, err)
	}
	v, err = snap.Derived(context.Background(), "k", func(context.Context) (any, error) { return 0, errors.New("not again") })
	if err != nil || v != 42 {
		t.Errorf("a built value: %v, %v; want it kept", v, err)
	}
}

func TestLimitsBoundEverySource(t *testing.T) {
	two := append(append([]summarize.Article(nil), council...), summarize.Article{ID: "b.txt", Text: "Another report of the vote was published on Tuesday by the paper.\n"})
	b, err := bot.New(bot.Options{Source: sourceFunc(func(context.Context) ([]summarize.Article, error) { return two, nil }),
		Limits: summarize.Limits{MaxArticles: 1}, Logger: quiet()})
	if err != nil {
		t.Fatal(err)
	}
	r := b.Handle(context.Background(), bot.Request{Command: bot.ParseCommand("/brief", "")})
	if !strings.Contains(r.Text, "more than 1 article") {
		t.Errorf("reply %q, want it to name the limit", r.Text)
	}
	if ok, report := b.Ready(); ok || !strings.Contains(report, "too much input") {
		t.Errorf("Ready() = %v, %q", ok, report)
	}
}
