package stories_test

import (
	"fmt"
	"testing"

	"github.com/briefbot/briefbot/internal/synth"
	"github.com/briefbot/briefbot/summarize"
	"github.com/briefbot/briefbot/summarize/stories"
)

// synthetic returns n generated articles; article i belongs to story i/10.
func synthetic(n int) []summarize.Article {
	as := synth.New(1, n).Corpus(n)
	out := make([]summarize.Article, len(as))
	for i, a := range as {
		out[i] = summarize.Article{ID: a.Name, Text: a.Text}
	}
	return out
}

// BenchmarkGroup measures the grouping of generated articles into stories, from an
// analysed corpus, and with the analysis (the whole cost of a new set of articles).
func BenchmarkGroup(b *testing.B) {
	for _, n := range []int{1000, 5000} {
		arts := synthetic(n)
		c := summarize.NewCorpus(arts)
		b.Run(fmt.Sprintf("articles=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				stories.Group(c)
			}
		})
		b.Run(fmt.Sprintf("articles=%d/analysed", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				stories.Group(summarize.NewCorpus(arts))
			}
		})
	}
}

// BenchmarkGroupSame measures the adversarial case of many identical articles: every
// pair is alike, and pairing them all would cost the square of their number.
func BenchmarkGroupSame(b *testing.B) {
	arts := make([]summarize.Article, 5000)
	for i := range arts {
		arts[i] = summarize.Article{ID: fmt.Sprint(i), Text: "Council passes the school budget\nThe council approved the new budget for schools on Monday, officials said.\n"}
	}
	c := summarize.NewCorpus(arts)
	b.ReportAllocs()
	for b.Loop() {
		stories.Group(c)
	}
}

// TestGroupSynthetic checks the grouping of generated stories of ten articles each.
func TestGroupSynthetic(t *testing.T) {
	const n = 300
	c := summarize.NewCorpus(synthetic(n))
	sts := stories.Group(c)
	wrong := 0
	for _, st := range sts {
		for _, d := range st.Docs {
			if d/10 != st.Docs[0]/10 {
				wrong++
			}
		}
	}
	if len(sts) != n/10 || wrong > 0 {
		t.Errorf("%d stories with %d misplaced articles, want %d stories of 10", len(sts), wrong, n/10)
	}
}
