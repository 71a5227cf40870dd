package summarize_test

import (
	"fmt"
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
			benchBrief(b, synthetic(size.n))
		})
	}
}

// BenchmarkBriefTiny measures briefings of many tiny articles (one or two sentences,
// no title, no outlet), where the number of articles, not their length, sets the cost:
// anything done per article for every other article shows here.
func BenchmarkBriefTiny(b *testing.B) {
	for _, n := range tinySizes {
		b.Run(tinyName(n), func(b *testing.B) {
			benchBrief(b, tiny(n))
		})
	}
}

// BenchmarkBriefSame measures briefings of n articles that all carry the same titled
// sentence: the adversarial case for near-duplicates, where a pick is reported by every
// article, and for the headline, which every article could give.
func BenchmarkBriefSame(b *testing.B) {
	for _, n := range tinySizes {
		b.Run(tinyName(n), func(b *testing.B) {
			benchBrief(b, same(n))
		})
	}
}

// tinySizes are the sizes of the corpora of tiny articles.
var tinySizes = []int{2500, 10000, 20000, 40000}

func tinyName(n int) string { return fmt.Sprintf("%gk", float64(n)/1000) }

func benchBrief(b *testing.B, articles []summarize.Article) {
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		brief(b, articles)
	}
	b.ReportMetric(float64(len(articles)), "articles")
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
	return articlesOf(synth.New(1, n).Corpus(n))
}

// tiny returns n generated articles of one or two sentences, identified by file name only.
func tiny(n int) []summarize.Article {
	return articlesOf(synth.New(1, n).Tiny(n))
}

// same returns n articles with one title and one sentence in common, and a sentence of
// their own.
func same(n int) []summarize.Article {
	out := make([]summarize.Article, n)
	for i := range out {
		out[i] = summarize.Article{ID: fmt.Sprintf("f%05d.txt", i),
			Text: fmt.Sprintf("Council passes budget\nThe council approved the new budget for schools on Monday, officials said. Item %d was filed.\n", i)}
	}
	return out
}

func articlesOf(as []synth.Article) []summarize.Article {
	out := make([]summarize.Article, len(as))
	for i, a := range as {
		out[i] = summarize.Article{ID: a.Name, Text: a.Text}
	}
	return out
}
