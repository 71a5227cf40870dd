package bot_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/bottest"
	"github.com/briefbot/briefbot/summarize"
	"github.com/briefbot/briefbot/summarize/stories/storiestest"
)

func mixedSnapshot(t *testing.T) *bot.Snapshot {
	t.Helper()
	arts, _ := storiestest.Mixed()
	snap, err := bot.NewSnapshot(context.Background(), arts)
	if err != nil {
		t.Fatal(err)
	}
	return snap
}

func TestBriefingOfSeveralStories(t *testing.T) {
	snap := mixedSnapshot(t)
	b, err := snap.Briefing(context.Background(), summarize.Options{Words: 120, Sentences: 6})
	if err != nil {
		t.Fatal(err)
	}
	if b.Headline != "Top stories" || len(b.Stories) != 5 || b.Articles != 11 {
		t.Fatalf("briefing %q of %d stories and %d articles, want the 5 top stories of 11 articles", b.Headline, len(b.Stories), b.Articles)
	}
	if want := []string{"Gazette", "Courier", "Herald", "Wire"}; !slices.Equal(b.Stories[0].Outlets, want) {
		t.Errorf("the first story's outlets are %q, want the four of the bridge %q", b.Stories[0].Outlets, want)
	}
	texts := map[string]string{} // article text by title and outlet
	arts, truth := storiestest.Mixed()
	storyOf := map[string]string{}
	for _, a := range arts {
		texts[a.Outlet+"\x00"+a.Title] = a.Text
		storyOf[a.Outlet+"\x00"+a.Title] = truth[a.ID]
	}
	for _, st := range b.Stories {
		if len(st.Items) < 1 || len(st.Items) > bot.MaxStoryItems {
			t.Errorf("story %q has %d points, want 1 to %d", st.Headline, len(st.Items), bot.MaxStoryItems)
		}
		story := ""
		for _, it := range st.Items {
			for _, c := range it.Sources {
				key := c.Outlet + "\x00" + c.Title
				if !strings.Contains(texts[key], strings.TrimSuffix(it.Text, ".")[:20]) && c.Outlet == it.Sources[0].Outlet {
					t.Errorf("%q cites %s (%q), whose text does not hold it", it.Text, c.Outlet, c.Title)
				}
				if story == "" {
					story = storyOf[key]
				}
				if storyOf[key] != story {
					t.Errorf("story %q cites an article of another story: %s %q", st.Headline, c.Outlet, c.Title)
				}
			}
		}
	}
	var sb strings.Builder
	if err := b.WriteText(&sb); err != nil {
		t.Fatal(err)
	}
	for _, st := range b.Stories {
		if !strings.Contains(sb.String(), "\n"+st.Headline+"\n") {
			t.Errorf("the text lacks the headline %q:\n%s", st.Headline, sb.String())
		}
	}
	again, err := snap.Briefing(context.Background(), summarize.Options{Words: 120, Sentences: 6})
	if err != nil || again != b {
		t.Errorf("the briefing was built again (%v)", err)
	}
}

func TestBriefTopic(t *testing.T) {
	snap := mixedSnapshot(t)
	tests := []struct {
		topic   string
		outlets []string // of the one story kept
	}{
		{"harbour bridge", []string{"Gazette", "Courier", "Herald", "Wire"}},
		{"KELDA", []string{"Gazette", "Courier", "Herald", "Wire"}},
		{"referendums", []string{"Gazette", "Courier", "Ledger"}},
		{"Brenn’s", []string{"Gazette", "Courier", "Ledger"}},
		{"wheat", []string{"Ledger", "Herald"}},
		{"grandmaster", []string{"Wire"}},
	}
	for _, tt := range tests {
		t.Run(tt.topic, func(t *testing.T) {
			b, err := snap.Brief(context.Background(), bot.BriefOptions{Topic: tt.topic})
			if err != nil {
				t.Fatal(err)
			}
			if len(b.Stories) != 1 || !slices.Equal(b.Outlets, tt.outlets) {
				t.Errorf("%d stories from %q, want one from %q", len(b.Stories), b.Outlets, tt.outlets)
			}
		})
	}
	t.Run("several", func(t *testing.T) {
		b, err := snap.Brief(context.Background(), bot.BriefOptions{Topic: "prices", Stories: 2})
		if err != nil {
			t.Fatal(err)
		}
		if len(b.Stories) != 1 {
			t.Errorf("%d stories about prices, want the drought's", len(b.Stories))
		}
	})
	t.Run("none", func(t *testing.T) {
		_, err := snap.Brief(context.Background(), bot.BriefOptions{Topic: "volcano"})
		var ns *bot.NoStoryError
		if !errors.As(err, &ns) || ns.Topic != "volcano" || ns.Articles != 11 {
			t.Fatalf("err = %v, want a NoStoryError for volcano in 11 articles", err)
		}
		if got, want := bot.UserMessage(err), "No story in the 11 articles is about “volcano”."; !strings.HasPrefix(got, want) {
			t.Errorf("UserMessage = %q, want %q…", got, want)
		}
	})
}

func TestBriefTopStoriesBound(t *testing.T) {
	snap := mixedSnapshot(t)
	b, err := snap.Brief(context.Background(), bot.BriefOptions{Stories: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Stories) != 2 || b.Articles != 7 {
		t.Errorf("%d stories of %d articles, want the top 2 of 7 articles", len(b.Stories), b.Articles)
	}
	sts, err := snap.Stories(context.Background())
	if err != nil || len(sts) != 5 {
		t.Fatalf("%d stories (%v), want 5", len(sts), err)
	}
	again, _ := snap.Stories(context.Background())
	if &again[0] != &sts[0] {
		t.Error("the stories were grouped again")
	}
}

// TestTopStoriesGolden checks the text, Markdown and JSON of a briefing of several
// stories: each story under its headline.
func TestTopStoriesGolden(t *testing.T) {
	b := bottest.TopStories(t)
	for _, tc := range []struct {
		name  string
		write func(io.Writer) error
	}{
		{"top-stories.txt", b.WriteText},
		{"top-stories.md", b.WriteMarkdown},
		{"top-stories.json", b.WriteJSON},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := tc.write(&buf); err != nil {
				t.Fatal(err)
			}
			bottest.Golden(t, tc.name, buf.Bytes())
		})
	}
}

// TestBriefHostileStories checks briefings of several stories among articles that hold
// nothing to tell: empty ones, one word, invalid UTF-8, markup and pings.
func TestBriefHostileStories(t *testing.T) {
	junk := []summarize.Article{
		{ID: "empty", Text: ""},
		{ID: "word", Text: "Bridge"},
		{ID: "bytes", Text: "\xff\xfe\xfd \xc3"},
		{ID: "pings", Text: "@everyone <script>x</script> @here"},
	}
	arts, _ := storiestest.Mixed()
	for _, tc := range []struct {
		name     string
		articles []summarize.Article
		stories  int // 0: the briefing fails with ErrNoSentences
	}{
		{"junk among stories", append(slices.Clone(junk), arts...), 5},
		{"junk alone", junk, 0},
		{"one article", arts[:1], 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			snap, err := bot.NewSnapshot(context.Background(), tc.articles)
			if err != nil {
				t.Fatal(err)
			}
			b, err := snap.Briefing(context.Background(), summarize.Options{Words: 120, Sentences: 6})
			if tc.stories == 0 {
				if !errors.Is(err, summarize.ErrNoSentences) {
					t.Errorf("err = %v, want ErrNoSentences", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(b.Stories) != tc.stories {
				t.Errorf("%d stories, want %d", len(b.Stories), tc.stories)
			}
			for _, st := range b.Stories {
				if len(st.Items) == 0 || st.Headline == "" {
					t.Errorf("story %+v has no headline or no point", st)
				}
			}
		})
	}
}
