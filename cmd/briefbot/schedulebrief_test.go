package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/bottest"
	"github.com/briefbot/briefbot/bot/schedule"
	"github.com/briefbot/briefbot/summarize"
	"github.com/briefbot/briefbot/summarize/stories/storiestest"
)

func TestKeywordFilter(t *testing.T) {
	articles := []summarize.Article{
		{ID: "truce", Title: "Talks resume", Text: "Both sides agreed to a cease-fire on Monday."},
		{ID: "taxi", Title: "Taxi drivers strike", Text: "Drivers stopped work over fares."},
		{ID: "tax", Title: "Budget", Text: "The new TAXES take effect in July."},
		{ID: "sport", Title: "Ceasefire cup final", Text: "The football final was played."},
	}
	for _, tc := range []struct {
		name             string
		include, exclude []string
		want             string
	}{
		{"no keywords", nil, nil, "truce taxi tax sport"},
		{"stems and hyphens", []string{"ceasefire"}, nil, "truce sport"},
		{"any of include", []string{"ceasefire", "tax"}, nil, "truce tax sport"},
		{"a stem is not a prefix", []string{"tax"}, nil, "tax"},
		{"exclude wins", []string{"ceasefire"}, []string{"Football"}, "truce"},
		{"exclude alone", nil, []string{"drivers"}, "truce tax sport"},
		{"nothing passes", []string{"election"}, nil, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := newKeywordFilter(tc.include, tc.exclude)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, a := range f.apply(articles) {
				got = append(got, a.ID)
			}
			if strings.Join(got, " ") != tc.want {
				t.Errorf("kept %v, want %s", got, tc.want)
			}
		})
	}
	if _, err := newKeywordFilter([]string{"--"}, nil); err == nil {
		t.Error("an empty keyword was accepted")
	}
}

// TestScheduleBrieferErrors: no articles is nothing to post; a source that fails may
// work later (temporary); a source over the limits will not (final).
func TestScheduleBrieferErrors(t *testing.T) {
	ch := schedule.Channel{Platform: "slack", ID: "C1", Schedule: mustParse(t, "@daily")}
	now := time.Date(2026, 3, 10, 7, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name               string
		err                error
		nothing, temporary bool
	}{
		{"no articles", fmt.Errorf("reading: %w", summarize.ErrNoArticles), true, false},
		{"unreadable", errors.New("reading /news: permission denied"), false, true},
		{"over the limits", fmt.Errorf("reading: %w", summarize.ErrTooMuchInput), false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := &scheduleBriefer{source: &bottest.Source{ArticlesFn: func(context.Context, bot.Window) ([]summarize.Article, error) { return nil, tc.err }}}
			_, err := b.Brief(context.Background(), ch, now.Add(-24*time.Hour), now)
			if errors.Is(err, schedule.ErrNothingToPost) != tc.nothing || errors.Is(err, schedule.ErrTemporary) != tc.temporary || !errors.Is(err, tc.err) {
				t.Errorf("%v: nothing to post %v, temporary %v", err, errors.Is(err, schedule.ErrNothingToPost), errors.Is(err, schedule.ErrTemporary))
			}
		})
	}
	t.Run("window and size", func(t *testing.T) {
		var got bot.Window
		articles := []summarize.Article{
			{ID: "a", Outlet: "Star", Text: "The city council approved a new budget for schools and roads on Monday night. The vote was seven to two after a long debate about bus routes. " +
				"The mayor said the budget would be signed this week. Teachers welcomed the money for new classrooms in the north of the city.\n"},
			{ID: "b", Outlet: "Post", Text: "The city council approved the budget for schools and roads. Critics said the plan did little for parks and libraries. " +
				"The budget takes effect in July, when the new fiscal year begins. Road repairs on the main avenue will start in the autumn.\n"},
		}
		b := &scheduleBriefer{summary: summarize.Options{Words: 20, Sentences: 6}, source: &bottest.Source{ArticlesFn: func(_ context.Context, w bot.Window) ([]summarize.Article, error) {
			got = w
			return articles, nil
		}}}
		ch := ch
		ch.Size = 4
		m, err := b.Brief(context.Background(), ch, now.Add(-time.Hour), now)
		if err != nil {
			t.Fatal(err)
		}
		if got != (bot.Window{Since: now.Add(-time.Hour), Until: now}) {
			t.Errorf("asked the source for %v", got)
		}
		if n := len(m.Body.(bot.Reply).Briefing.Items()); n != 4 {
			t.Errorf("%d points, want the channel's size, 4:\n%s", n, m.Text)
		}
	})
	t.Run("stories", func(t *testing.T) {
		var articles []summarize.Article
		for _, st := range [][]summarize.Article{storiestest.Bridge, storiestest.Vote, storiestest.Drought} {
			articles = append(articles, st...)
		}
		src := &bottest.Source{ArticlesFn: func(context.Context, bot.Window) ([]summarize.Article, error) { return articles, nil }}
		for _, tc := range []struct {
			name            string
			section, stored int
			want            int
		}{
			{"the section's bound", 1, 0, 1},
			{"the channel's bound", 1, 2, 2},
			{"every story", 0, 0, 3},
		} {
			t.Run(tc.name, func(t *testing.T) {
				b := &scheduleBriefer{summary: summarize.Options{Words: 120, Sentences: 6}, stories: tc.section, source: src}
				ch := ch
				ch.Stories = tc.stored
				m, err := b.Brief(context.Background(), ch, now.Add(-time.Hour), now)
				if err != nil {
					t.Fatal(err)
				}
				if n := len(m.Body.(bot.Reply).Briefing.Stories); n != tc.want {
					t.Errorf("%d stories, want %d:\n%s", n, tc.want, m.Text)
				}
			})
		}
	})
}

func mustParse(t *testing.T, spec string) *schedule.Schedule {
	t.Helper()
	s, err := schedule.Parse(spec, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// BenchmarkKeywordFilter filters hostile articles: a megabyte without spaces, one of
// hyphens, one of words that share the keywords' first letters.
func BenchmarkKeywordFilter(b *testing.B) {
	articles := []summarize.Article{
		{Text: strings.Repeat("x", 1<<20)},
		{Text: strings.Repeat("a-", 1<<19)},
		{Text: strings.Repeat("cease ceas budg bud ", 1<<16)},
	}
	f, err := newKeywordFilter([]string{"ceasefire", "budget vote", "root causes"}, []string{"football"})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(3 << 20)
	for b.Loop() {
		f.apply(articles)
	}
}
