// Package stories groups the articles of a corpus into stories: the articles that
// report the same event, whichever outlet wrote them. It is pure text analysis, with no
// storage and no network: it reads the terms that summarize has already found.
//
// Each article becomes a vector of TF-IDF weights over its content terms (the title and
// the lead weighing more, and names more than common words). Articles meet through an
// inverted index of their heaviest terms, so that the cost stays near-linear in their
// number, and average-link agglomeration over the cosine similarities of those pairs
// groups them. One configuration serves every input; docs/quality.md records how well it
// finds the stories of Multi-News and DUC 2004.
package stories

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/briefbot/briefbot/summarize"
)

// A Story is a group of articles that report the same event.
type Story struct {
	// Docs are the story's articles, indices of Corpus.Docs in increasing order.
	Docs []int
	// Outlets names the story's outlets (Document.Source), each once, in the order of
	// their first article.
	Outlets []string
	// Latest is the latest publication time of the story's articles; zero when none
	// has one.
	Latest time.Time
	// Headline names the story: the title of its most central article that has one, or
	// else the first sentence of its most central article fit for a summary. HeadlineDoc
	// is that article.
	Headline    string
	HeadlineDoc int
}

// Group returns the stories of the articles of c, ranked; see GroupContext.
func Group(c *summarize.Corpus) []Story {
	s, _ := GroupContext(context.Background(), c) // fails only when ctx is done
	return s
}

// GroupContext returns the stories of the articles of c, every article in exactly one,
// ranked: the most outlets first, then the latest news, then the most articles, then
// the story of the earliest article. The same corpus always gives the same stories. It
// returns an error wrapping ctx.Err() once ctx is done.
func GroupContext(ctx context.Context, c *summarize.Corpus) ([]Story, error) {
	if len(c.Docs) == 0 {
		return nil, nil
	}
	vs, features := vectors(c)
	es, err := edges(ctx, vs, features)
	if err != nil {
		return nil, err
	}
	label := averageLink(len(c.Docs), es)
	byLabel := make(map[int]int)
	var out []Story
	for d, l := range label {
		k, ok := byLabel[l]
		if !ok {
			k = len(out)
			byLabel[l] = k
			out = append(out, Story{})
		}
		out[k].Docs = append(out[k].Docs, d)
	}
	central := centrality(label, es)
	for k := range out {
		describe(c, &out[k], central)
	}
	slices.SortStableFunc(out, compare)
	return out, nil
}

// compare ranks two stories: the one with more outlets first, then the one with the
// later news, then the larger one, then the one of the earlier article.
func compare(a, b Story) int {
	return cmp.Or(
		cmp.Compare(len(b.Outlets), len(a.Outlets)),
		b.Latest.Compare(a.Latest),
		cmp.Compare(len(b.Docs), len(a.Docs)),
		cmp.Compare(a.Docs[0], b.Docs[0]),
	)
}

// centrality returns, for each article, its total similarity to the other articles of
// its story.
func centrality(label []int, es []edge) []float64 {
	out := make([]float64, len(label))
	for _, e := range es {
		if label[e.a] == label[e.b] {
			out[e.a] += e.sim
			out[e.b] += e.sim
		}
	}
	return out
}

// describe fills in a story's outlets, date and headline from its articles.
func describe(c *summarize.Corpus, st *Story, central []float64) {
	seen := make(map[string]bool)
	best, titled := -1, -1
	for _, d := range st.Docs {
		doc := c.Docs[d]
		if src := doc.Source(); !seen[src] {
			seen[src] = true
			st.Outlets = append(st.Outlets, src)
		}
		if doc.Published.After(st.Latest) {
			st.Latest = doc.Published
		}
		if best < 0 || central[d] > central[best] {
			best = d
		}
		if doc.Title != "" && (titled < 0 || central[d] > central[titled]) {
			titled = d
		}
	}
	st.HeadlineDoc = best
	switch {
	case titled >= 0:
		st.HeadlineDoc, st.Headline = titled, c.Docs[titled].Title
	case lead(c.Docs[best]) >= 0:
		st.Headline = c.Docs[best].Text(lead(c.Docs[best]))
	default:
		st.Headline = c.Docs[best].Source()
	}
}

// lead returns the first sentence of d fit for a summary, or -1.
func lead(d *summarize.Document) int {
	for i, s := range d.Sentences {
		if s.Skip == "" {
			return i
		}
	}
	return -1
}

// String describes the story for logs: its size, outlets and headline.
func (s Story) String() string {
	return fmt.Sprintf("%d articles, %d outlets: %s", len(s.Docs), len(s.Outlets), s.Headline)
}
