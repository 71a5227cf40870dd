package stories_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/seeds"
	"github.com/briefbot/briefbot/summarize"
	"github.com/briefbot/briefbot/summarize/stories"
	"github.com/briefbot/briefbot/summarize/stories/storiestest"
)

// partition returns the IDs of the articles of each story, in the order of the stories.
func partition(c *summarize.Corpus, sts []stories.Story) [][]string {
	var out [][]string
	for _, st := range sts {
		var ids []string
		for _, d := range st.Docs {
			ids = append(ids, c.Docs[d].ID)
		}
		out = append(out, ids)
	}
	return out
}

func TestGroupFindsTheStories(t *testing.T) {
	arts, truth := storiestest.Mixed()
	c := summarize.NewCorpus(arts)
	sts := stories.Group(c)
	got := partition(c, sts)
	want := [][]string{
		{"bridge-gazette", "bridge-courier", "bridge-herald", "bridge-wire"},
		{"vote-gazette", "vote-courier", "vote-ledger"},
		{"drought-ledger", "drought-herald"},
		{"cats"},
		{"chess"},
	}
	if !slices.EqualFunc(got, want, slices.Equal) {
		t.Fatalf("stories:\n%q\nwant\n%q", got, want)
	}
	seen := map[int]bool{}
	for _, st := range sts {
		for _, d := range st.Docs {
			if seen[d] {
				t.Errorf("article %d is in two stories", d)
			}
			seen[d] = true
			if truth[c.Docs[d].ID] != truth[c.Docs[st.Docs[0]].ID] {
				t.Errorf("story %q mixes %s and %s", st.Headline, c.Docs[d].ID, c.Docs[st.Docs[0]].ID)
			}
		}
		if !slices.IsSorted(st.Docs) {
			t.Errorf("the articles of %q are out of order: %v", st.Headline, st.Docs)
		}
	}
	if len(seen) != len(arts) {
		t.Errorf("%d articles in the stories, want %d", len(seen), len(arts))
	}
}

func TestGroupRanksByOutletsThenRecency(t *testing.T) {
	arts, _ := storiestest.Mixed()
	c := summarize.NewCorpus(arts)
	sts := stories.Group(c)
	if len(sts) != 5 {
		t.Fatalf("%d stories, want 5: %v", len(sts), sts)
	}
	tests := []struct {
		name     string
		story    int
		outlets  []string
		latest   int // day of May
		headline string
	}{
		{"most outlets first", 0, []string{"Gazette", "Courier", "Herald", "Wire"}, 4, ""},
		{"then three outlets", 1, []string{"Gazette", "Courier", "Ledger"}, 6, ""},
		{"then two", 2, []string{"Ledger", "Herald"}, 7, ""},
		{"one outlet, the latest first", 3, []string{"Courier"}, 8, "Maine coon wins the cat show"},
		{"one outlet, the oldest last", 4, []string{"Wire"}, 2, "Teenager takes the chess title"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := sts[tt.story]
			if !slices.Equal(st.Outlets, tt.outlets) {
				t.Errorf("outlets %q, want %q", st.Outlets, tt.outlets)
			}
			if !st.Latest.Equal(storiestest.Day(tt.latest)) {
				t.Errorf("latest %v, want %v", st.Latest, storiestest.Day(tt.latest))
			}
			if tt.headline != "" && st.Headline != tt.headline {
				t.Errorf("headline %q, want %q", st.Headline, tt.headline)
			}
			if st.Headline != c.Docs[st.HeadlineDoc].Title || !slices.Contains(st.Docs, st.HeadlineDoc) {
				t.Errorf("headline %q is not the title of one of its articles (%d)", st.Headline, st.HeadlineDoc)
			}
		})
	}
}

// TestGroupIgnoresOrder checks that the stories do not depend on the order of the
// articles, only their numbering does.
func TestGroupIgnoresOrder(t *testing.T) {
	arts, _ := storiestest.Mixed()
	c := summarize.NewCorpus(arts)
	want := partition(c, stories.Group(c))
	slices.Reverse(arts)
	c = summarize.NewCorpus(arts)
	got := partition(c, stories.Group(c))
	norm := func(p [][]string) []string {
		var out []string
		for _, ids := range p {
			ids = slices.Clone(ids)
			slices.Sort(ids)
			out = append(out, strings.Join(ids, " "))
		}
		return out
	}
	if !slices.Equal(norm(got), norm(want)) {
		t.Errorf("reversed, the stories are\n%q\nwant\n%q", norm(got), norm(want))
	}
}

func TestGroupHostileInput(t *testing.T) {
	long := strings.Repeat("Portvale harbour bridge traffic. ", 2000)
	tests := []struct {
		name    string
		texts   []string
		stories int // -1: any number
	}{
		{"no article", nil, 0},
		{"one article", []string{storiestest.Bridge[0].Text}, 1},
		{"empty articles", []string{"", "", ""}, 3},
		{"one word each", []string{"Bridge", "bridge", "Grain", "cats"}, 4},
		{"identical articles", []string{storiestest.Bridge[0].Text, storiestest.Bridge[0].Text, storiestest.Bridge[0].Text}, 1},
		{"invalid UTF-8", []string{"Portvale \xff\xfe harbour \xc3 bridge opened.\n", "\xff\xff\xff", storiestest.Bridge[0].Text}, 2},
		{"numbers and punctuation", []string{"2026 2026 2026 !!! ???", "1 2 3 4 5 6 7 8 9."}, 2},
		{"markup and pings", []string{"<script>alert(1)</script> @everyone @here", "<b>@everyone</b> [link](javascript:x)"}, 2},
		{"a long article", []string{long, storiestest.Bridge[0].Text}, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			arts := make([]summarize.Article, len(tt.texts))
			for i, s := range tt.texts {
				arts[i] = summarize.Article{ID: fmt.Sprint(i), Text: s}
			}
			c := summarize.NewCorpus(arts)
			sts := stories.Group(c)
			if tt.stories >= 0 && len(sts) != tt.stories {
				t.Errorf("%d stories, want %d: %v", len(sts), tt.stories, sts)
			}
			n := 0
			for _, st := range sts {
				n += len(st.Docs)
				if len(st.Outlets) == 0 {
					t.Errorf("story %v names no outlet", st)
				}
			}
			if n != len(arts) {
				t.Errorf("%d articles in the stories, want %d", n, len(arts))
			}
		})
	}
}

func TestGroupContextCanceled(t *testing.T) {
	arts, _ := storiestest.Mixed()
	c := summarize.NewCorpus(arts)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := stories.GroupContext(ctx, c); !errors.Is(err, context.Canceled) {
		t.Errorf("GroupContext after cancel: %v, want context.Canceled", err)
	}
}

// TestSeedsAreOneStory checks the embedded seeds, five reports of one phone call by
// five outlets, against the small-corpus trap: in a corpus of one story, the words all
// articles share are the rarest of none.
func TestSeedsAreOneStory(t *testing.T) {
	arts, _, err := summarize.ReadFS(seeds.FS, ".")
	if err != nil {
		t.Fatal(err)
	}
	sts := stories.Group(summarize.NewCorpus(arts))
	if len(sts) != 1 || len(sts[0].Docs) != len(arts) || len(sts[0].Outlets) != 5 {
		t.Errorf("the seeds make %d stories, want one of %d articles from 5 outlets: %v", len(sts), len(arts), sts)
	}
}

// TestGroupTwoArticles checks the smallest corpus of one story: two short reports whose
// heaviest words are their own.
func TestGroupTwoArticles(t *testing.T) {
	c := summarize.NewCorpus([]summarize.Article{
		{ID: "a", Outlet: "Star", Text: "The city council approved a new budget for schools and roads on Monday night. The vote was seven to two after a long debate about bus routes.\n"},
		{ID: "b", Outlet: "Post", Text: "The city council approved the budget for schools and roads. Critics said the plan did little for parks and libraries.\n"},
	})
	if sts := stories.Group(c); len(sts) != 1 {
		t.Errorf("two reports of one vote make %d stories: %v", len(sts), sts)
	}
}
