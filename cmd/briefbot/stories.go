package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"path"
	"path/filepath"
	"time"

	"github.com/briefbot/briefbot/summarize"
)

func storiesCommand() *command {
	return &command{
		name:    "stories",
		oneShot: true,
		args:    "[FILE|DIR...]",
		summary: "print the stories the articles tell, ranked, one JSON object a line",
		help: `Stories groups the articles into stories (the articles that report one event) and
prints them ranked (the most outlets first, then the latest, then the largest), one
JSON object a line: its headline, its outlets, the time of its latest article, and its
articles, each by its URL or else its file: the plain form that evaluation reads.
Arguments are as for brief.`,
		flags: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
			in := articleFlags(fs)
			return func(ctx context.Context, e *env, args []string) error {
				b, err := in.bot(e, args, nil)
				if err != nil {
					return err
				}
				snap, err := b.Snapshot(ctx)
				if err != nil {
					return err
				}
				sts, err := snap.Stories(ctx)
				if err != nil {
					return err
				}
				var buf bytes.Buffer
				enc := json.NewEncoder(&buf)
				enc.SetEscapeHTML(false)
				for _, st := range sts {
					line := storyLine{Headline: st.Headline, Outlets: st.Outlets, Latest: st.Latest, Articles: make([]string, len(st.Docs))}
					for i, d := range st.Docs {
						line.Articles[i] = articleName(&snap.Corpus.Docs[d].Article)
					}
					if err := enc.Encode(line); err != nil {
						return err
					}
				}
				_, err = e.stdout.Write(buf.Bytes())
				return err
			}
		},
	}
}

// storyLine is one line of the output of stories.
type storyLine struct {
	Headline string    `json:"headline"`
	Outlets  []string  `json:"outlets"`
	Latest   time.Time `json:"latest,omitzero"`
	Articles []string  `json:"articles"`
}

// articleName names an article for stories: its URL, or else its file (the seeds' in
// "seeds/").
func articleName(a *summarize.Article) string {
	switch {
	case a.URL != "":
		return a.URL
	case a.Origin == seedsName:
		return path.Join("seeds", a.ID)
	case a.Origin == "":
		return a.ID
	}
	return filepath.Join(a.Origin, a.ID)
}
