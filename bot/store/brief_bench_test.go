package store_test

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/feeds"
	"github.com/briefbot/briefbot/bot/store"
	"github.com/briefbot/briefbot/internal/synth"
	"github.com/briefbot/briefbot/summarize"
)

// BenchmarkBriefFromStore5000 times a cold briefing of the top stories over a store of
// 5,000 generated articles (about 500 stories): the store read, the analysis, the
// grouping and the summaries, as a scheduled briefing makes it.
func BenchmarkBriefFromStore5000(b *testing.B) {
	d, err := store.Open(ctx, filepath.Join(b.TempDir(), "b.db"), store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer d.Close()
	for i, a := range synth.New(1, 5000).Corpus(5000) {
		s := feeds.Stored{Article: summarize.Article{Text: a.Text, Outlet: fmt.Sprint("Outlet ", i%40), URL: fmt.Sprint("https://example.com/", i)},
			Feed: "f", SeenAt: t0.Add(time.Duration(i) * time.Second), SimHash: feeds.SimHash(a.Text)}
		if _, err := d.Add(ctx, s); err != nil {
			b.Fatal(err)
		}
	}
	opt := bot.BriefOptions{Summary: summarize.Options{Words: 120, Sentences: 6}}
	b.ResetTimer()
	for b.Loop() {
		articles, err := d.Articles(ctx, bot.All)
		if err != nil {
			b.Fatal(err)
		}
		snap, err := bot.NewSnapshot(ctx, articles)
		if err != nil {
			b.Fatal(err)
		}
		br, err := snap.Brief(ctx, opt)
		if err != nil || len(br.Stories) != bot.DefaultStories {
			b.Fatalf("%v: %v", br, err)
		}
	}
}
