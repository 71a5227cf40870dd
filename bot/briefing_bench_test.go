package bot_test

import (
	"fmt"
	"testing"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/summarize"
)

// BenchmarkNewBriefing measures bot.NewBriefing alone (the corpus and its summary are
// built outside the timer) on n tiny articles of n outlets. They share one sentence, so
// the briefing's first point cites every one of them: the worst case for the outlets
// and the citations.
func BenchmarkNewBriefing(b *testing.B) {
	for _, n := range []int{2500, 10000, 20000, 40000} {
		b.Run(fmt.Sprintf("tiny-%gk", float64(n)/1000), func(b *testing.B) {
			articles := make([]summarize.Article, n)
			for i := range articles {
				articles[i] = summarize.Article{ID: fmt.Sprintf("f%05d.txt", i), Outlet: fmt.Sprintf("Outlet %05d", i),
					Text: fmt.Sprintf("The council approved the new budget for schools on Monday, officials said. Item %d was filed on time.\n", i)}
			}
			c := summarize.NewCorpus(articles)
			s, err := c.Summarize(summarize.Options{Words: 120, Sentences: 6})
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				br := bot.NewBriefing(c, s)
				if len(br.Outlets) != n || len(br.Items()) == 0 || len(br.Items()[0].Sources) != n {
					b.Fatalf("%d outlets, %d items, first cites %d; want %d outlets, the first item citing all", len(br.Outlets), len(br.Items()), len(br.Items()[0].Sources), n)
				}
			}
		})
	}
}
