package bot_test

import (
	"context"
	"testing"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/summarize"
)

// BenchmarkBriefStories measures the briefing of the top 5 stories of 5,000 generated
// articles (500 stories of ten) from an analysed corpus, in a snapshot that has derived
// nothing yet: the grouping, and for each story its quotation index (for the
// referents) and its summary. "grouped" starts from a snapshot whose stories are
// grouped already, as the bot's are: it builds the briefing of each snapshot before it
// answers from it. "topic" briefs the stories about a word that they all use.
func BenchmarkBriefStories(b *testing.B) {
	ctx := context.Background()
	c := summarize.NewCorpus(articlesOf(1, 5000))
	opt := bot.BriefOptions{Summary: summarize.Options{Words: 120, Sentences: 6}}
	check := func(b *testing.B, br *bot.Briefing, err error) {
		if err != nil {
			b.Fatal(err)
		}
		if len(br.Stories) != bot.DefaultStories {
			b.Fatalf("%d stories, want %d", len(br.Stories), bot.DefaultStories)
		}
	}
	b.Run("articles=5000", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			br, err := (&bot.Snapshot{Corpus: c}).Brief(ctx, opt)
			check(b, br, err)
		}
	})
	b.Run("articles=5000/grouped", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			b.StopTimer()
			snap := &bot.Snapshot{Corpus: c}
			if _, err := snap.Stories(ctx); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			br, err := snap.Brief(ctx, opt)
			check(b, br, err)
		}
	})
	b.Run("articles=5000/topic", func(b *testing.B) {
		snap := &bot.Snapshot{Corpus: c}
		if _, err := snap.Stories(ctx); err != nil {
			b.Fatal(err)
		}
		topic := opt
		topic.Topic = "insisted" // a word of every story: each story is searched
		b.ReportAllocs()
		for b.Loop() {
			br, err := snap.Brief(ctx, topic)
			check(b, br, err)
		}
	})
}
