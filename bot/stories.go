package bot

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/briefbot/briefbot/summarize"
	"github.com/briefbot/briefbot/summarize/quotes"
	"github.com/briefbot/briefbot/summarize/stories"
)

// DefaultStories is the number of stories a briefing shows when the articles tell
// several and BriefOptions.Stories is 0.
const DefaultStories = 5

// MaxStoryItems bounds the points of each story of a briefing of several stories.
const MaxStoryItems = 3

// storyWords is the length budget of each story of a briefing of several stories.
const storyWords = 60

// BriefOptions choose what a briefing tells.
type BriefOptions struct {
	// Summary sets the length and algorithm of a briefing of one story; a briefing of
	// several gives each story at most MaxStoryItems points, in at most as many words.
	Summary summarize.Options
	// Stories bounds the stories shown; 0 means DefaultStories.
	Stories int
	// Topic, when set, keeps the stories that match it as /who-said matches a term (see
	// quotes.Term): in the title or a sentence of one of their articles.
	Topic string
}

// A NoStoryError means that no story of the articles matches the topic a briefing asked
// for.
type NoStoryError struct {
	Topic string
	// Articles counts the articles searched.
	Articles int
}

// Error describes the problem for logs; UserMessage words it for the user.
func (e *NoStoryError) Error() string {
	return fmt.Sprintf("bot: no story of %d %s matches %q", e.Articles, plural(e.Articles, "article", "articles"), e.Topic)
}

// Message is the sentence a user reads.
func (e *NoStoryError) Message() string {
	return fmt.Sprintf("No story in the %d %s is about “%s”. Try another word, or /brief for every story.",
		e.Articles, plural(e.Articles, "article", "articles"), e.Topic)
}

// Stories returns the stories of the snapshot's articles, ranked (see
// stories.GroupContext), found on first use and kept.
func (s *Snapshot) Stories(ctx context.Context) ([]stories.Story, error) {
	v, err := s.Derived(ctx, storiesKey{}, func(ctx context.Context) (any, error) {
		sts, err := stories.GroupContext(ctx, s.Corpus)
		if err != nil {
			return nil, fmt.Errorf("grouping %d articles into stories: %w", len(s.Corpus.Docs), err)
		}
		return sts, nil
	})
	if err != nil {
		return nil, err
	}
	return v.([]stories.Story), nil
}

// storyReferents returns the referents of the documents docs, keyed by their place in
// docs: those of the snapshot's quotation index mapped onto them when the index is built
// already (for /who-said or a briefing of one story), or else those of the quotation
// index of their own sub-corpus sub, a small fraction of the cost on a large snapshot.
// Both give the same referents, since a quotation is resolved within its article.
func (s *Snapshot) storyReferents(ctx context.Context, docs []int, sub *summarize.Corpus) (summarize.Referents, error) {
	if v, ok := s.built(indexKey{}); ok {
		v, err := s.Derived(ctx, referentsKey{}, func(context.Context) (any, error) {
			return referents(s.Corpus, v.(*quotes.Index)), nil
		})
		if err != nil {
			return nil, err
		}
		return v.(summarize.Referents).Sub(docs), nil
	}
	x, err := quotes.ExtractContext(ctx, sub)
	if err != nil {
		return nil, err
	}
	return referents(sub, x), nil
}

// Brief returns the briefing that o asks for, built on first use; one about a topic is
// built on every use, from the stories kept (a snapshot keeps no briefing per word that
// anyone asked about). When the articles tell one story, or the topic keeps one, it is
// the briefing of that story, as Briefing gives it; otherwise it shows the top stories,
// each with its headline, outlets and one to MaxStoryItems points.
func (s *Snapshot) Brief(ctx context.Context, o BriefOptions) (*Briefing, error) {
	if o.Stories <= 0 {
		o.Stories = DefaultStories
	}
	if o.Topic != "" {
		// Not kept: users choose topics, and a snapshot would keep one briefing for
		// every word anyone asked about.
		return s.brief(ctx, o)
	}
	v, err := s.Derived(ctx, briefingKey{o}, func(ctx context.Context) (any, error) {
		return s.brief(ctx, o)
	})
	if err != nil {
		return nil, err
	}
	return v.(*Briefing), nil
}

func (s *Snapshot) brief(ctx context.Context, o BriefOptions) (*Briefing, error) {
	sts, err := s.Stories(ctx)
	if err != nil {
		return nil, err
	}
	if o.Topic != "" {
		if sts, err = matching(ctx, s.Corpus, sts, o.Topic); err != nil {
			return nil, err
		}
	}
	if len(sts) == 0 || len(sts) == 1 && len(sts[0].Docs) == len(s.Corpus.Docs) {
		sum, err := s.Summary(ctx, o.Summary)
		if err != nil {
			return nil, err
		}
		return NewBriefing(s.Corpus, sum), nil
	}
	if len(sts) == 1 {
		st := sts[0]
		sub := s.Corpus.Sub(st.Docs)
		sum, err := s.storySummary(ctx, st, sub, o.Summary)
		if err != nil {
			return nil, err
		}
		return NewBriefing(sub, sum), nil
	}
	opt := o.Summary
	opt.Words = min(cmp.Or(opt.Words, summarize.DefaultWords), storyWords)
	opt.Sentences = min(cmp.Or(opt.Sentences, MaxStoryItems), MaxStoryItems)
	b := &Briefing{Headline: "Top stories"}
	if o.Topic != "" {
		b.Headline = "Top stories about “" + o.Topic + "”"
	}
	var shown []int
	for _, st := range sts {
		if len(b.Stories) == o.Stories {
			break
		}
		sub := s.Corpus.Sub(st.Docs)
		sum, err := s.storySummary(ctx, st, sub, opt)
		if errors.Is(err, summarize.ErrNoSentences) {
			continue // a story of articles without a sentence to tell it
		}
		if err != nil {
			return nil, err
		}
		story := newStory(sub, sum, allDocs(len(st.Docs)))
		if sum.Headline == "" {
			story.Headline = st.Headline
		}
		b.Stories = append(b.Stories, story)
		shown = append(shown, st.Docs...)
	}
	if len(b.Stories) == 0 {
		return nil, summarize.ErrNoSentences
	}
	b.Articles = len(shown)
	seen := make(map[string]bool)
	for _, st := range b.Stories {
		for _, name := range st.Outlets {
			if !seen[name] {
				seen[name] = true
				b.Outlets = append(b.Outlets, name)
			}
		}
	}
	b.From, b.To = dateSpan(s.Corpus, shown)
	return b, nil
}

// storySummary summarizes the articles of one story, their sub-corpus sub, with their
// referents.
func (s *Snapshot) storySummary(ctx context.Context, st stories.Story, sub *summarize.Corpus, opt summarize.Options) (*summarize.Summary, error) {
	refs, err := s.storyReferents(ctx, st.Docs, sub)
	if err != nil {
		return nil, err
	}
	sum, err := sub.SummarizeResolved(ctx, opt, refs)
	if err != nil {
		return nil, fmt.Errorf("summarizing the story %q (%d %s): %w", st.Headline, len(st.Docs), plural(len(st.Docs), "article", "articles"), err)
	}
	return sum, nil
}

// matching returns the stories of sts that match topic: the term occurs in the title or a
// sentence fit for a summary of one of their articles.
// It stops, with an error wrapping ctx.Err(), when ctx ends first.
func matching(ctx context.Context, c *summarize.Corpus, sts []stories.Story, topic string) ([]stories.Story, error) {
	term, err := quotes.NewTerm(topic)
	if err != nil {
		return nil, &UsageError{Command: CommandBrief, Problem: topicProblem(topic)}
	}
	var out []stories.Story
	for i, st := range sts {
		if i%64 == 0 && ctx.Err() != nil {
			return nil, fmt.Errorf("looking for the stories about %q: %w", topic, ctx.Err())
		}
		if storyMatches(c, st, term) {
			out = append(out, st)
		}
	}
	if len(out) == 0 {
		return nil, &NoStoryError{Topic: topic, Articles: len(c.Docs)}
	}
	return out, nil
}

// storyMatches reports whether term occurs in the headline of st or in the title or a
// usable sentence of one of its articles.
func storyMatches(c *summarize.Corpus, st stories.Story, term *quotes.Term) bool {
	if term.Matches(st.Headline) {
		return true
	}
	for _, d := range st.Docs {
		doc := c.Docs[d]
		if term.Matches(doc.Title) {
			return true
		}
		for _, sn := range doc.Sentences {
			if sn.Skip == "" && term.Matches(doc.Article.Text[sn.Start:sn.End]) {
				return true
			}
		}
	}
	return false
}

// allDocs returns 0, 1, …, n-1.
func allDocs(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

// The keys of what a snapshot derives for stories.
type (
	storiesKey   struct{}
	referentsKey struct{}
)

// topicProblem says what is wrong with a topic that cannot be looked for.
func topicProblem(topic string) string {
	if p := checkTerm(topic, "topic"); p != "" && strings.TrimSpace(topic) != "" {
		return p
	}
	return "give a word or a name as the topic"
}
