package summarize_test

import (
	"testing"

	"github.com/briefbot/briefbot/seeds"
	"github.com/briefbot/briefbot/summarize"
	"github.com/briefbot/briefbot/summarize/internal/synth"
)

// BenchmarkBrief measures one briefing in process: analysing the articles and choosing
// the sentences. The seeds are read from the embedded files each time; the synthetic
// corpora are generated once, outside the timer. Run it with make bench.
func BenchmarkBrief(b *testing.B) {
	b.Run("seeds", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			articles, _, err := summarize.ReadFS(seeds.FS)
			if err != nil {
				b.Fatal(err)
			}
			brief(b, articles)
		}
	})
	for _, size := range []struct {
		name string
		n    int
	}{{"topic-10", 10}, {"100", 100}, {"300", 300}, {"1k", 1000}, {"3k", 3000}, {"10k", 10000}} {
		b.Run(size.name, func(b *testing.B) {
			articles := synthetic(size.n)
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				brief(b, articles)
			}
			b.ReportMetric(float64(len(articles)), "articles")
		})
	}
}

func brief(b *testing.B, articles []summarize.Article) {
	b.Helper()
	s, err := summarize.Summarize(articles, summarize.Options{Words: 120, Sentences: 6})
	if err != nil {
		b.Fatal(err)
	}
	if len(s.Sentences) == 0 {
		b.Fatal("empty summary")
	}
}

// synthetic returns n generated articles (see package synth).
func synthetic(n int) []summarize.Article {
	var out []summarize.Article
	for _, a := range synth.New(1, n).Corpus(n) {
		out = append(out, summarize.Article{ID: a.Name, Text: a.Text})
	}
	return out
}
