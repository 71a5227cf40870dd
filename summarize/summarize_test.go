package summarize_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/summarize"
)

// TestManyPicksCiteDuplicates checks that a long summary still merges the sentences that
// several outlets share, beyond the first 64 picks.
func TestManyPicksCiteDuplicates(t *testing.T) {
	var a, b strings.Builder
	for i := range 100 {
		fmt.Fprintf(&a, "Report number %d says the quarry %s closed after the flood of spring.\n", i, word(i))
		fmt.Fprintf(&b, "Report number %d says the quarry %s closed after the flood of spring.\n", i, word(i))
	}
	c := summarize.NewCorpus([]summarize.Article{{ID: "a", Text: a.String()}, {ID: "b", Text: b.String()}})
	s, err := c.Summarize(summarize.Options{Words: 5000})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Sentences) < 80 {
		t.Fatalf("%d sentences, want most of the 100", len(s.Sentences))
	}
	for _, p := range s.Sentences {
		if len(p.Docs()) != 2 {
			t.Fatalf("%q cites %d documents, want both", p.Text, len(p.Docs()))
		}
	}
}

// word returns a distinct made-up word for i.
func word(i int) string {
	return string(rune('a'+i%26)) + string(rune('a'+i/26%26)) + "lex"
}

// story returns three short reports of one council meeting by different outlets.
func story() []summarize.Article {
	return []summarize.Article{
		{ID: "a", Outlet: "Star", Text: "Council passes budget\nBy Ann Lee\n" +
			"The city council approved a new budget for schools and roads on Monday night. " +
			"The vote was seven to two after a long debate about bus routes. " +
			"Parents had asked for smaller classes for years.\n© 2025 Star. All rights reserved.\n"},
		{ID: "b", Outlet: "Post", Text: "The city council approved a new budget for schools and roads on Monday. " +
			"Critics said the plan did little for parks and libraries. " +
			"The mayor promised a second vote on parks in the autumn.\n"},
		{ID: "c", Outlet: "Herald", Text: "Bus routes dominated the council debate before the budget vote. " +
			"Drivers want the new routes to start in January. " +
			"The budget adds money for schools, roads and buses.\n"},
	}
}

func TestSummarizeDeterministic(t *testing.T) {
	for _, alg := range summarize.Algorithms {
		a, err := summarize.Summarize(story(), summarize.Options{Words: 40, Algorithm: alg})
		if err != nil {
			t.Fatal(err)
		}
		for range 5 {
			b, err := summarize.Summarize(story(), summarize.Options{Words: 40, Algorithm: alg})
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(a) != fmt.Sprint(b) {
				t.Fatalf("%s: two runs differ:\n%v\n%v", alg, a, b)
			}
		}
	}
}

func TestSummarizeBudgets(t *testing.T) {
	for _, tc := range []struct {
		name              string
		opt               summarize.Options
		maxWordsBeforeOne int // words allowed before the last sentence added
		maxSentences      int
	}{
		{"words", summarize.Options{Words: 20}, 20, 0},
		{"sentences", summarize.Options{Words: 1000, Sentences: 2}, 1000, 2},
		{"lexrank words", summarize.Options{Words: 20, Algorithm: summarize.LexRank}, 20, 0},
		{"lexrank sentences", summarize.Options{Words: 1000, Sentences: 1, Algorithm: summarize.LexRank}, 1000, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := summarize.Summarize(story(), tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			total, longest := 0, 0
			for _, p := range s.Sentences {
				n := len(strings.Fields(p.Text))
				total += n
				longest = max(longest, n)
			}
			if total-longest >= tc.maxWordsBeforeOne {
				t.Errorf("%d words without the longest sentence, budget %d", total-longest, tc.opt.Words)
			}
			if tc.maxSentences > 0 && len(s.Sentences) > tc.maxSentences {
				t.Errorf("%d sentences, at most %d wanted", len(s.Sentences), tc.maxSentences)
			}
		})
	}
}

func TestSummarizeNeverPicksBoilerplate(t *testing.T) {
	c := summarize.NewCorpus(story())
	s, err := c.Summarize(summarize.Options{Words: 1000})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range s.Sentences {
		if skip := c.Docs[p.Doc].Sentences[p.Sentence].Skip; skip != "" {
			t.Errorf("picked %q, which is boilerplate (%s)", p.Text, skip)
		}
		for _, bad := range []string{"By Ann Lee", "©", "Council passes budget"} {
			if strings.Contains(p.Text, bad) {
				t.Errorf("picked %q", p.Text)
			}
		}
	}
	if s.Headline != "Council passes budget" {
		t.Errorf("headline %q, want the only title", s.Headline)
	}
}

func TestSummarizeReadingOrder(t *testing.T) {
	c := summarize.NewCorpus(story())
	s, err := c.Summarize(summarize.Options{Words: 1000})
	if err != nil {
		t.Fatal(err)
	}
	// Lead material first: the relative position of each pick in its article never falls.
	last := -1.0
	for _, p := range s.Sentences {
		d := c.Docs[p.Doc]
		pos, usable := 0, 0
		for i, sent := range d.Sentences {
			if sent.Skip != "" {
				continue
			}
			if i < p.Sentence {
				pos++
			}
			usable++
		}
		rel := float64(pos) / float64(usable)
		if rel < last {
			t.Errorf("%q (position %.2f) comes after a later one (%.2f)", p.Text, rel, last)
		}
		last = rel
	}
}

func TestSummarizeErrors(t *testing.T) {
	for _, tc := range []struct {
		name     string
		articles []summarize.Article
		opt      summarize.Options
		want     error  // a sentinel, or nil to match text
		text     string // a substring of the error
	}{
		{name: "no articles", want: summarize.ErrNoArticles},
		{name: "no punctuation", articles: []summarize.Article{{ID: "a", Text: strings.Repeat("words and more words ", 40)}}, want: summarize.ErrNoSentences},
		{name: "only boilerplate", articles: []summarize.Article{{ID: "a", Text: "By Ann Lee\n© 2025 Star. All rights reserved.\n"}}, want: summarize.ErrNoSentences},
		{name: "empty text", articles: []summarize.Article{{ID: "a"}}, want: summarize.ErrNoSentences},
		{name: "negative words", articles: story(), opt: summarize.Options{Words: -1}, text: "must not be negative"},
		{name: "unknown algorithm", articles: story(), opt: summarize.Options{Algorithm: "magic"}, text: `unknown algorithm "magic"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := summarize.Summarize(tc.articles, tc.opt)
			switch {
			case err == nil:
				t.Fatal("no error")
			case tc.want != nil && !errors.Is(err, tc.want):
				t.Errorf("error %v, want %v", err, tc.want)
			case tc.text != "" && !strings.Contains(err.Error(), tc.text):
				t.Errorf("error %q lacks %q", err, tc.text)
			}
		})
	}
}

func TestSingleArticle(t *testing.T) {
	s, err := summarize.Summarize(story()[:1], summarize.Options{Words: 15})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Sentences) == 0 || len(s.Sentences[0].Also) != 0 {
		t.Errorf("summary of one article: %+v", s.Sentences)
	}
}

func TestPickDocs(t *testing.T) {
	refs := func(docs ...int) []summarize.Ref {
		out := make([]summarize.Ref, len(docs))
		for i, d := range docs {
			out[i] = summarize.Ref{Doc: d, Sentence: i}
		}
		return out
	}
	tests := []struct {
		name string
		pick summarize.Pick
		want []int
	}{
		{"alone", summarize.Pick{Doc: 3}, []int{3}},
		{"in document order", summarize.Pick{Doc: 3, Also: refs(0, 1, 5)}, []int{3, 0, 1, 5}},
		{"several sentences of one document", summarize.Pick{Doc: 3, Also: refs(0, 0, 1, 1, 1, 5)}, []int{3, 0, 1, 5}},
		{"its own document again", summarize.Pick{Doc: 3, Also: refs(1, 3, 3, 4)}, []int{3, 1, 4}},
		{"out of order", summarize.Pick{Doc: 3, Also: refs(5, 1, 5, 3, 0, 1)}, []int{3, 5, 1, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.pick.Docs(); !slices.Equal(got, tt.want) {
				t.Errorf("Docs() = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestHeadlinePrefersCitedTitles checks that the headline comes from an article the
// summary cites when titles weigh the same, among many titled articles that it does not cite.
func TestHeadlinePrefersCitedTitles(t *testing.T) {
	var articles []summarize.Article
	for i := range 50 {
		articles = append(articles, summarize.Article{ID: fmt.Sprintf("n%02d", i), Title: "Quarry floods again",
			Text: fmt.Sprintf("Quarry floods again\nnote %d of the archive, filed without a word\n", i)}) // no sentence to pick
	}
	articles = append(articles, summarize.Article{ID: "lead", Title: "Quarry floods again",
		Text: "Quarry floods again\nThe quarry flooded again on Monday after heavy rain, and workers left the pit.\nThe quarry flooded again, the owner said, and the pit will stay closed.\n"})
	c := summarize.NewCorpus(articles)
	s, err := c.Summarize(summarize.Options{Words: 30, Sentences: 1})
	if err != nil {
		t.Fatal(err)
	}
	cited := s.Sentences[0].Docs()
	if !slices.Contains(cited, s.HeadlineDoc) {
		t.Errorf("headline from document %d, which the summary (documents %v) does not cite", s.HeadlineDoc, cited)
	}
}
