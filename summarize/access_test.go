package summarize_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/summarize"
)

// distractor is an article of another story, for sub-corpora.
var distractor = summarize.Article{ID: "x", Outlet: "Ledger", Title: "Grain prices climb",
	Text: "Grain prices climbed for a third week as the drought in the plains went on.\n" +
		"Farmers said the harvest would be the smallest in a decade.\n"}

// picks returns the documents, sentences and texts of a summary, for comparing two.
func picks(s *summarize.Summary) []string {
	var out []string
	for _, p := range s.Sentences {
		out = append(out, strings.Join([]string{string(rune('0' + p.Doc)), string(rune('0' + p.Sentence)), p.Text}, "|"))
	}
	return out
}

func TestSubSummarizesAsItsOwnCorpus(t *testing.T) {
	all := []summarize.Article{distractor, dangling[0], dangling[1]}
	full := summarize.NewCorpus(all)
	tests := []struct {
		name string
		docs []int
	}{
		{"all", []int{0, 1, 2}},
		{"story", []int{1, 2}},
		{"reordered", []int{2, 1}},
		{"one", []int{0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sub := full.Sub(tt.docs)
			var arts []summarize.Article
			for _, d := range tt.docs {
				arts = append(arts, all[d])
			}
			own := summarize.NewCorpus(arts)
			got, err := sub.Summarize(summarize.Options{Words: 200})
			if err != nil {
				t.Fatal(err)
			}
			want, err := own.Summarize(summarize.Options{Words: 200})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(picks(got), picks(want)) || got.Headline != want.Headline || got.HeadlineDoc != want.HeadlineDoc {
				t.Errorf("Sub(%v) summarizes as\n%q (%q)\nwant\n%q (%q)", tt.docs, picks(got), got.Headline, picks(want), want.Headline)
			}
			for k, d := range tt.docs {
				if sub.Docs[k] != full.Docs[d] || !slices.Equal(sub.TitleTerms(k), full.TitleTerms(d)) {
					t.Errorf("document %d of Sub(%v) is not document %d of the corpus", k, tt.docs, d)
				}
				for i := range sub.Docs[k].Sentences {
					if !slices.Equal(sub.SentenceTerms(k, i), full.SentenceTerms(d, i)) {
						t.Errorf("sentence %d of document %d: terms differ", i, k)
					}
				}
			}
		})
	}
	if sub := full.Sub(nil); len(sub.Docs) != 0 {
		t.Errorf("Sub(nil) has %d documents", len(sub.Docs))
	} else if _, err := sub.Summarize(summarize.Options{}); err != summarize.ErrNoArticles {
		t.Errorf("the summary of an empty sub-corpus fails with %v, want ErrNoArticles", err)
	}
}

// TestSubReferents checks that the referents of a corpus, mapped with Referents.Sub,
// resolve the pronouns of a sub-corpus at the documents' new places.
func TestSubReferents(t *testing.T) {
	full := summarize.NewCorpus([]summarize.Article{distractor, dangling[0], dangling[1]})
	text := dangling[0].Text
	she := strings.Index(text, "She said")
	quote := strings.Index(text, "“The harbour")
	refs := summarize.Referents{
		{Doc: 1, Sentence: 1}: {Name: "Ana Ruiz", Start: she, End: she + len("She")},
		{Doc: 1, Sentence: 2}: {Name: "Ana Ruiz", Start: quote, End: quote},
		{Doc: 0, Sentence: 0}: {Name: "Someone Else"},
	}
	docs := []int{2, 1}
	sub := refs.Sub(docs)
	want := summarize.Referents{
		{Doc: 1, Sentence: 1}: refs[summarize.Ref{Doc: 1, Sentence: 1}],
		{Doc: 1, Sentence: 2}: refs[summarize.Ref{Doc: 1, Sentence: 2}],
	}
	if len(sub) != len(want) {
		t.Fatalf("Referents.Sub(%v) = %v, want %v", docs, sub, want)
	}
	for k, v := range want {
		if sub[k] != v {
			t.Errorf("Referents.Sub(%v)[%v] = %v, want %v", docs, k, sub[k], v)
		}
	}
	s, err := full.Sub(docs).SummarizeResolved(context.Background(), summarize.Options{Words: 200}, sub)
	if err != nil {
		t.Fatal(err)
	}
	got := texts(s)
	for _, w := range []string{"[Ana Ruiz] said the harbour bridge", "Ana Ruiz: “The harbour bridge will change"} {
		if !slices.ContainsFunc(got, func(x string) bool { return strings.HasPrefix(x, w) }) {
			t.Errorf("the sub-corpus with its referents has no sentence that reads %q…: %q", w, got)
		}
	}
	if got := summarize.Referents(nil).Sub(docs); len(got) != 0 {
		t.Errorf("no referents give %v", got)
	}
}
