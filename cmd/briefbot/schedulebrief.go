package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/schedule"
	"github.com/briefbot/briefbot/summarize"
	"github.com/briefbot/briefbot/summarize/quotes"
)

// wordsPerPoint is the word budget of each point of a channel with a size: more than
// most news sentences, so that the number of points, not the words, ends the briefing.
const wordsPerPoint = 40

// scheduleBriefer builds the briefing of a slot: the articles of its window from the
// news source, those that pass the channel's keywords, summarised with the briefing
// section's options (the channel's size as the number of points), the dates shown in
// the channel's zone. It is a schedule.Briefer.
type scheduleBriefer struct {
	source bot.Source
	// channels are the sources of the channels that have their own, by "platform/id".
	channels map[string]bot.Source
	// refresh, if set, reads the feeds into the store before the articles are read, what
	// it finds counted as news of the window that ends at its time.
	refresh func(context.Context, time.Time)
	summary summarize.Options
	stories int // the briefing section's bound on stories; 0 is bot.DefaultStories
}

var _ schedule.Briefer = (*scheduleBriefer)(nil)

// Brief returns the briefing of the channel's articles published in [since, until),
// or an error wrapping schedule.ErrNothingToPost when there are none (or none that the
// keywords let through), and schedule.ErrTemporary when the news could not be read.
func (b *scheduleBriefer) Brief(ctx context.Context, ch schedule.Channel, since, until time.Time) (schedule.Message, error) {
	w := bot.Window{Since: since, Until: until}
	if b.refresh != nil {
		b.refresh(ctx, until)
	}
	src := b.source
	if s, ok := b.channels[ch.Platform+"/"+ch.ID]; ok {
		src = s
	}
	articles, err := src.Articles(ctx, w)
	switch {
	case errors.Is(err, bot.ErrNoArticles):
		return schedule.Message{}, fmt.Errorf("%w: %w", schedule.ErrNothingToPost, err)
	case errors.Is(err, summarize.ErrTooMuchInput), ctx.Err() != nil && err != nil:
		return schedule.Message{}, err
	case err != nil:
		return schedule.Message{}, fmt.Errorf("%w: reading the news: %w", schedule.ErrTemporary, err)
	}
	f, err := newKeywordFilter(ch.Include, ch.Exclude)
	if err != nil {
		return schedule.Message{}, err
	}
	n := len(articles)
	if articles = f.apply(articles); len(articles) == 0 {
		return schedule.Message{}, fmt.Errorf("%w: none of the %d %s from %s passes the channel's keywords (%s)",
			schedule.ErrNothingToPost, n, plural(n, "article", "articles"), w, f)
	}
	snap, err := bot.NewSnapshot(ctx, articles)
	if err != nil {
		return schedule.Message{}, err
	}
	stories := b.stories
	if ch.Stories > 0 {
		stories = ch.Stories
	}
	br, err := snap.Brief(ctx, bot.BriefOptions{Summary: b.options(ch), Stories: stories})
	if errors.Is(err, bot.ErrNoArticles) {
		return schedule.Message{}, fmt.Errorf("%w: %w", schedule.ErrNothingToPost, err)
	}
	if err != nil {
		return schedule.Message{}, err
	}
	br = br.In(ch.Schedule.Location())
	var text strings.Builder
	if err := br.WriteText(&text); err != nil {
		return schedule.Message{}, err
	}
	reply := bot.Reply{Command: bot.CommandBrief, Visibility: bot.InChannel, Outcome: bot.OutcomeOK, Briefing: br}
	return schedule.Message{Text: text.String(), Body: reply}, nil
}

// options returns the summary options of a channel's briefing.
func (b *scheduleBriefer) options(ch schedule.Channel) summarize.Options {
	o := b.summary
	if ch.Size > 0 {
		o.Sentences = ch.Size
		o.Words = max(o.Words, ch.Size*wordsPerPoint)
	}
	return o
}

// A keywordFilter keeps the articles that contain any of its include terms (every
// article when there are none) and none of its exclude terms, in the title or the
// text, matched as /who-said matches its term: case, diacritics, punctuation and
// hyphens do not count, and stems are compared ("ceasefire" keeps an article about a
// "cease-fire" or "ceasefires"; "tax" does not keep one about a "taxi").
type keywordFilter struct {
	include, exclude []*quotes.Term
}

func newKeywordFilter(include, exclude []string) (keywordFilter, error) {
	var f keywordFilter
	for _, list := range []struct {
		words []string
		terms *[]*quotes.Term
	}{{include, &f.include}, {exclude, &f.exclude}} {
		for _, w := range list.words {
			t, err := quotes.NewTerm(w)
			if err != nil {
				return keywordFilter{}, fmt.Errorf("the keyword %q: %w", w, err)
			}
			*list.terms = append(*list.terms, t)
		}
	}
	return f, nil
}

// apply returns the articles the filter keeps, in order. Its cost is linear in the
// length of the articles, times the number and the length of the terms.
func (f keywordFilter) apply(articles []summarize.Article) []summarize.Article {
	if len(f.include) == 0 && len(f.exclude) == 0 {
		return articles
	}
	out := articles[:0:0]
	for _, a := range articles {
		if f.keeps(quotes.Split(a.Title + "\n" + a.Text)) {
			out = append(out, a)
		}
	}
	return out
}

func (f keywordFilter) keeps(w quotes.Words) bool {
	for _, t := range f.exclude {
		if t.In(w) {
			return false
		}
	}
	if len(f.include) == 0 {
		return true
	}
	for _, t := range f.include {
		if t.In(w) {
			return true
		}
	}
	return false
}

// String describes the filter: `include "a", "b"; exclude "c"`.
func (f keywordFilter) String() string {
	var parts []string
	for _, list := range []struct {
		name  string
		terms []*quotes.Term
	}{{"include", f.include}, {"exclude", f.exclude}} {
		if len(list.terms) == 0 {
			continue
		}
		words := make([]string, len(list.terms))
		for i, t := range list.terms {
			words[i] = t.String()
		}
		parts = append(parts, list.name+" "+quoteAll(words))
	}
	return strings.Join(parts, "; ")
}
