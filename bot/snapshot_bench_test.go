package bot_test

import (
	"context"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/internal/synth"
	"github.com/briefbot/briefbot/summarize"
)

// articlesOf returns n synthetic articles of generator seed.
func articlesOf(seed uint64, n int) []summarize.Article {
	g := synth.New(seed, n)
	out := make([]summarize.Article, n)
	for i, a := range g.Corpus(n) {
		out[i] = summarize.Article{ID: a.Name, Text: a.Text}
	}
	return out
}

// BenchmarkAnswerDuringRebuild measures /brief while the bot reads and analyses a new
// set of 1,000 articles again and again in the background: each command is answered from
// the snapshot the bot has, so its time is that of a cached briefing, not of a rebuild.
// It reports the median and the 99th percentile of the answers, and the rebuilds done.
func BenchmarkAnswerDuringRebuild(b *testing.B) {
	sets := [][]summarize.Article{articlesOf(1, 1000), articlesOf(2, 1000)}
	var turn atomic.Int64
	src := sourceFunc(func(context.Context) ([]summarize.Article, error) {
		return sets[turn.Add(1)%2], nil
	})
	var clock atomic.Int64 // minutes since the start; the source is trusted for one
	start := time.Date(2026, 12, 2, 7, 0, 0, 0, time.UTC)
	now := func() time.Time { return start.Add(time.Duration(clock.Load()) * time.Minute) }
	bt, err := bot.New(bot.Options{Source: src, Reload: time.Minute, Now: now, Logger: quiet(), Summary: summarize.Options{Words: 120, Sentences: 6}})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	if _, err := bt.Briefing(ctx); err != nil {
		b.Fatal(err)
	}
	stop := make(chan struct{})
	var rebuilds atomic.Int64
	var wg sync.WaitGroup
	wg.Go(func() { // the source changes every minute: read and analyse it again
		for {
			select {
			case <-stop:
				return
			default:
			}
			clock.Add(2)
			snap, err := bt.Snapshot(ctx)
			if err != nil {
				b.Error(err)
				return
			}
			if _, err := snap.Briefing(ctx, summarize.Options{Words: 120, Sentences: 6}); err != nil {
				b.Error(err)
				return
			}
			rebuilds.Add(1)
		}
	})
	req := bot.Request{Command: bot.ParseCommand("/brief", "")}
	times := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for b.Loop() {
		t0 := time.Now()
		if r := bt.Handle(ctx, req); r.Briefing == nil {
			b.Fatalf("no briefing: %+v", r)
		}
		times = append(times, time.Since(t0))
		time.Sleep(time.Millisecond) // a command a millisecond, while rebuilds run
	}
	b.StopTimer()
	close(stop)
	wg.Wait()
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(times[len(times)*99/100].Microseconds()), "p99-µs")
	b.ReportMetric(float64(rebuilds.Load()), "rebuilds")
}
