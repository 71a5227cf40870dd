package summarize_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/summarize"
)

// A conflictCase is a set of articles that report one point, agreeing or not on its
// facts, and the citations their summary must give it (testdata/conflicts.json).
type conflictCase struct {
	Name     string `json:"name"`
	Articles []struct {
		Outlet string `json:"outlet"`
		Text   string `json:"text"`
	} `json:"articles"`
	// About is a phrase of the point: exactly one sentence of the summary holds it.
	About string `json:"about"`
	// Picks gives, for each sentence that may be chosen for the point (by its start),
	// the outlets it cites and the other accounts of it.
	Picks map[string]struct {
		Cites    []string `json:"cites"`
		Disputes []struct {
			Facts []string `json:"facts"`
			Cites []string `json:"cites"`
		} `json:"disputes"`
	} `json:"picks"`
}

// TestConflictingReports checks, on articles written to disagree, that a sentence cites
// exactly the outlets that carry it with its figures, dates, names and negation, that
// the others' accounts come with it, each with its own outlets, and that the point is
// told once.
func TestConflictingReports(t *testing.T) {
	data, err := os.ReadFile("testdata/conflicts.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []conflictCase
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	for _, tc := range cases {
		t.Run(tc.Name, func(t *testing.T) {
			var articles []summarize.Article
			for i, a := range tc.Articles {
				articles = append(articles, summarize.Article{ID: string(rune('a' + i)), Outlet: a.Outlet, Text: a.Text})
			}
			c := summarize.NewCorpus(articles)
			s, err := c.Summarize(summarize.Options{Words: 100})
			if err != nil {
				t.Fatal(err)
			}
			var about []summarize.Pick
			for _, p := range s.Sentences {
				if strings.Contains(p.Text, tc.About) {
					about = append(about, p)
				}
			}
			if len(about) != 1 {
				t.Fatalf("%d sentences of the summary hold %q, want 1: %q", len(about), tc.About, texts(s))
			}
			p := about[0]
			key := ""
			for k := range tc.Picks {
				if strings.HasPrefix(p.Text, k) && len(k) > len(key) {
					key = k
				}
			}
			want, ok := tc.Picks[key]
			if !ok {
				t.Fatalf("the summary chose %q, none of the expected sentences", p.Text)
			}
			if got := outletsOf(c, p.Docs()); !slices.Equal(got, want.Cites) {
				t.Errorf("%q cites %q, want %q", p.Text, got, want.Cites)
			}
			type dispute struct{ facts, cites string }
			var got, wantD []dispute
			for _, d := range groupVariants(c, p.Variants) {
				got = append(got, dispute{d[0], d[1]})
			}
			for _, d := range want.Disputes {
				wantD = append(wantD, dispute{strings.Join(d.Facts, ", "), strings.Join(d.Cites, ", ")})
			}
			if !slices.Equal(got, wantD) {
				t.Errorf("%q: other accounts %q, want %q", p.Text, got, wantD)
			}
		})
	}
}

// outletsOf returns the outlets of docs, each once, in order.
func outletsOf(c *summarize.Corpus, docs []int) []string {
	var out []string
	for _, d := range docs {
		if name := c.Docs[d].Source(); !slices.Contains(out, name) {
			out = append(out, name)
		}
	}
	return out
}

// groupVariants groups variants by the facts they report: for each, the facts and the
// outlets, joined with commas.
func groupVariants(c *summarize.Corpus, vs []summarize.Variant) [][2]string {
	var keys []string
	docs := map[string][]int{}
	for _, v := range vs {
		var fs []string
		for _, f := range v.Facts {
			fs = append(fs, f.Text)
		}
		k := strings.Join(fs, ", ")
		if _, ok := docs[k]; !ok {
			keys = append(keys, k)
		}
		docs[k] = append(docs[k], v.Doc)
	}
	var out [][2]string
	for _, k := range keys {
		out = append(out, [2]string{k, strings.Join(outletsOf(c, docs[k]), ", ")})
	}
	return out
}

func texts(s *summarize.Summary) []string {
	var out []string
	for _, p := range s.Sentences {
		out = append(out, p.Text)
	}
	return out
}

// TestNoVariantFromAnArticleThatAgrees checks that sentences differing only in a figure
// are no other account of a point when their article also reports the point with the
// pick's figure: there, they are points of their own.
func TestNoVariantFromAnArticleThatAgrees(t *testing.T) {
	var a strings.Builder
	for i := range 6 {
		fmt.Fprintf(&a, "Report number %d says the quarry closed after the flood of spring.\n", i+1)
	}
	c := summarize.NewCorpus([]summarize.Article{{ID: "a", Outlet: "A", Text: a.String()}, {ID: "b", Outlet: "B", Text: a.String()}})
	s, err := c.Summarize(summarize.Options{Words: 200})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Sentences) != 6 {
		t.Errorf("%d sentences, want the 6 reports: %q", len(s.Sentences), texts(s))
	}
	for _, p := range s.Sentences {
		if len(p.Variants) > 0 || len(p.Docs()) != 2 {
			t.Errorf("%q cites %v with variants %v, want both articles and no variant", p.Text, p.Docs(), p.Variants)
		}
	}
}

// dangling is an article whose most weighty sentences open with a pronoun, point back
// at the sentence before, or quote someone they do not name.
var dangling = []summarize.Article{
	{ID: "a", Outlet: "Gazette", Text: "Mayor Ana Ruiz opened the new harbour bridge on Friday.\n" +
		"She said the harbour bridge would carry ten thousand harbour bridge cars a day.\n" +
		"“The harbour bridge will change the harbour for ever.”\n" +
		"That included a harbour bridge toll for trucks.\n"},
	{ID: "b", Outlet: "Courier", Text: "Mayor Ana Ruiz opened the new harbour bridge on Friday after two years of work.\n" +
		"Traffic on the old harbour road fell at once.\n"},
}

func TestDanglingSentencesNeedTheirReferent(t *testing.T) {
	c := summarize.NewCorpus(dangling)
	s, err := c.Summarize(summarize.Options{Words: 200})
	if err != nil {
		t.Fatal(err)
	}
	// Without referents, such a sentence may stand only right after the one before it
	// in its article.
	for i, p := range s.Sentences {
		for _, bad := range []string{"She said", "“The harbour", "That included"} {
			if strings.HasPrefix(p.Text, bad) && (i == 0 || s.Sentences[i-1].Doc != p.Doc || s.Sentences[i-1].Sentence != p.Sentence-1) {
				t.Errorf("chose %q away from the sentence before it, at which it points: %q", p.Text, texts(s))
			}
		}
	}
	for _, p := range s.Sentences {
		if strings.HasPrefix(p.Text, ":") || strings.HasPrefix(p.Text, "[") {
			t.Errorf("a sentence without referent reads %q", p.Text)
		}
	}
	s, err = c.Summarize(summarize.Options{Words: 200, Sentences: 1})
	if err != nil {
		t.Fatal(err)
	}
	if got := texts(s); len(got) != 1 || strings.HasPrefix(got[0], "She") || strings.HasPrefix(got[0], "That") || strings.HasPrefix(got[0], "“") {
		t.Errorf("a summary of one sentence is %q", got)
	}
	text := dangling[0].Text
	she := strings.Index(text, "She said")
	quote := strings.Index(text, "“The harbour")
	refs := summarize.Referents{
		{Doc: 0, Sentence: 1}: {Name: "Ana Ruiz", Start: she, End: she + len("She")},
		{Doc: 0, Sentence: 2}: {Name: "Ana Ruiz", Start: quote, End: quote},
		{Doc: 0, Sentence: 3}: {Name: "Ana Ruiz"}, // a bare reference: no name helps
	}
	s, err = c.SummarizeResolved(context.Background(), summarize.Options{Words: 200}, refs)
	if err != nil {
		t.Fatal(err)
	}
	got := texts(s)
	for _, want := range []string{"[Ana Ruiz] said the harbour bridge", "Ana Ruiz: “The harbour bridge will change"} {
		if !slices.ContainsFunc(got, func(x string) bool { return strings.HasPrefix(x, want) }) {
			t.Errorf("with its referent, no sentence reads %q…: %q", want, got)
		}
	}
	for i, p := range s.Sentences {
		if strings.HasPrefix(p.Text, "That included") && (i == 0 || s.Sentences[i-1].Sentence != p.Sentence-1 || s.Sentences[i-1].Doc != p.Doc) {
			t.Errorf("a bare reference was chosen away from the sentence before it: %q", got)
		}
	}
}

// TestNothingNewIsNotChosen checks that a sentence whose names, figures and dates are
// all a chosen sentence's, and which shares a good part of its words, is not chosen:
// it tells the same point again, though in other words.
func TestNothingNewIsNotChosen(t *testing.T) {
	c := summarize.NewCorpus([]summarize.Article{
		{ID: "a", Outlet: "Gazette", Text: "Mayor Ana Ruiz opened the new harbour bridge in Portvale on Friday after two years of work.\n" +
			"Engineers expect the bridge to carry ten thousand cars a day.\n"},
		{ID: "b", Outlet: "Courier", Text: "On Friday in Portvale, Ruiz cut the ribbon of the harbour bridge and praised the crews.\n" +
			"Ferry operators fear they will lose most of their passengers.\n"},
	})
	s, err := c.Summarize(summarize.Options{Words: 200})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, p := range s.Sentences {
		if strings.Contains(p.Text, "harbour bridge") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d sentences tell of the opening, want 1: %q", n, texts(s))
	}
}

// TestHeadlineIsNotRepeated checks that the summary does not spend a point on what its
// headline says.
func TestHeadlineIsNotRepeated(t *testing.T) {
	title := "Storm closes the harbour bridge in Portvale"
	c := summarize.NewCorpus([]summarize.Article{
		{ID: "a", Outlet: "Gazette", Title: title, Text: title + "\nThe storm closed the harbour bridge in Portvale.\nFerries will carry commuters across the bay until the bridge reopens.\n"},
		{ID: "b", Outlet: "Courier", Title: "Portvale storm shuts harbour bridge", Text: "Portvale storm shuts harbour bridge\nA storm shut the harbour bridge in Portvale overnight.\nEngineers will inspect the cables of the bridge on Tuesday before it reopens.\n"},
	})
	s, err := c.Summarize(summarize.Options{Words: 30, Sentences: 2})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range s.Sentences {
		if strings.Contains(p.Text, "closed the harbour bridge") || strings.Contains(p.Text, "shut the harbour bridge") {
			t.Errorf("headline %q, and a point says it again: %q", s.Headline, texts(s))
		}
	}
}

// TestLeadThatAddsToTheHeadlineIsKept checks that a lead sharing most of a short
// headline's words but telling more than it (what the budget is for, when it passed)
// is chosen, once, citing both outlets that report it.
func TestLeadThatAddsToTheHeadlineIsKept(t *testing.T) {
	c := summarize.NewCorpus([]summarize.Article{
		{ID: "a", Outlet: "Daily Star", Title: "Council passes the city budget", Text: "The city council approved a new budget for schools and roads on Monday night. The vote was seven to two after a long debate about bus routes. The mayor said the budget would be signed this week.\n"},
		{ID: "b", Outlet: "Evening Post", Title: "Budget approved after a long night", Text: "The city council approved the budget for schools and roads. Critics said the plan did little for parks and libraries. The budget takes effect in July.\n"},
	})
	s, err := c.Summarize(summarize.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var leads []summarize.Pick
	for _, p := range s.Sentences {
		if strings.Contains(p.Text, "approved") {
			leads = append(leads, p)
		}
	}
	if len(leads) != 1 {
		t.Fatalf("headline %q: %d sentences tell of the approval, want 1: %q", s.Headline, len(leads), texts(s))
	}
	if got := len(leads[0].Also) + 1; got != 2 {
		t.Errorf("the approval is cited to %d articles, want 2", got)
	}
}
