package quotes_test

import (
	"testing"

	"github.com/briefbot/briefbot/internal/synth"
	"github.com/briefbot/briefbot/seeds"
	"github.com/briefbot/briefbot/summarize"
	"github.com/briefbot/briefbot/summarize/quotes"
)

// BenchmarkQuotes measures Extract on a corpus built outside the timer: the five seeds,
// and 84 generated articles, the size of the PolNeAR dev split. The corpus sub-benchmarks
// include summarize.NewCorpus, as a command pays it. Run it with make bench.
func BenchmarkQuotes(b *testing.B) {
	seedArticles, _, err := summarize.ReadFS(seeds.FS)
	if err != nil {
		b.Fatal(err)
	}
	var synthetic []summarize.Article
	for _, a := range synth.New(7, 84).Corpus(84) {
		synthetic = append(synthetic, summarize.Article{ID: a.Name, Text: a.Text})
	}
	for _, tc := range []struct {
		name     string
		articles []summarize.Article
	}{{"seeds", seedArticles}, {"synthetic-84", synthetic}} {
		c := summarize.NewCorpus(tc.articles)
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			n := 0
			for b.Loop() {
				n = len(quotes.Extract(c).Quotations())
			}
			b.ReportMetric(float64(n), "quotations")
		})
		b.Run(tc.name+"/with-corpus", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				quotes.Extract(summarize.NewCorpus(tc.articles))
			}
		})
	}
	x := quotes.Extract(summarize.NewCorpus(seedArticles))
	b.Run("who-said/seeds", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := x.WhoSaid("ceasefire", quotes.Options{In: quotes.InContext}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("who-said/from/seeds", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := x.WhoSaid("peace", quotes.Options{From: "Zelenskyy"}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
