package summarize_test

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/briefbot/briefbot/internal/synth"
	"github.com/briefbot/briefbot/seeds"
	"github.com/briefbot/briefbot/summarize"
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

// BenchmarkReadFS measures reading folders of hostile files from memory (fstest.MapFS):
// the largest article in UTF-16 (every character a surrogate pair, every other one
// unpaired), a manifest of MaxManifestBytes, and a folder of 10,000 files that are not
// articles by name.
func BenchmarkReadFS(b *testing.B) {
	var utf16 []byte
	utf16 = append(utf16, 0xff, 0xfe)
	for len(utf16) < summarize.MaxArticleBytes-8 {
		utf16 = append(utf16, 0x3d, 0xd8, 0x0a, 0xde, 0x3d, 0xd8, ' ', 0) // 🌊, then a lone high surrogate
	}
	var manifest strings.Builder
	manifest.WriteString(`{"articles": [`)
	for i := 0; manifest.Len() < summarize.MaxManifestBytes-200; i++ {
		fmt.Fprintf(&manifest, `{"file": "%05d.txt", "title": "Storm \"%d\"", "outlet": "Courier", "date": "19/05/2025"},`, i, i)
	}
	manifest.WriteString(`{"file": "a.txt"}]}`)
	names := fstest.MapFS{"news/a.txt": {Data: []byte("The storm hit.")}}
	for i := range 10000 {
		names[fmt.Sprintf("news/%05d.jpg", i)] = &fstest.MapFile{Data: []byte{0xff, 0xd8}}
	}
	for _, tc := range []struct {
		name string
		fsys fstest.MapFS
	}{
		{"utf16-4MiB", fstest.MapFS{"news/a.txt": {Data: utf16}}},
		{"manifest-1MiB", fstest.MapFS{"news/a.txt": {Data: []byte("The storm hit.")}, "news/manifest.json": {Data: []byte(manifest.String())}}},
		{"not-articles-10k", names},
	} {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				articles, _, err := summarize.ReadFS(tc.fsys, "news")
				if err != nil || len(articles) != 1 {
					b.Fatalf("%d articles, %v", len(articles), err)
				}
			}
		})
	}
}
