package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"slices"
	"strings"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/summarize"
)

func briefCommand() *command {
	return &command{
		name:    "brief",
		oneShot: true,
		args:    "[FILE|DIR...]",
		summary: "print the morning briefing of the seeds or of the given articles",
		help: `Brief prints a briefing: a headline, then a few sentences chosen across the
articles, each followed by the outlets that report it, then a line on what was read.
When the articles tell several stories, it shows the top stories (those most outlets
report, then the latest), each with its headline and one to three sentences.
With no arguments it briefs the articles embedded in briefbot; otherwise it reads each
FILE as one article and every file inside each DIR (a manifest.json there may give
titles, outlets, dates and URLs).`,
		flags: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
			o := summaryFlags(fs, briefWords, briefSentences)
			in := articleFlags(fs)
			format := formatFlag(fs)
			topic := fs.String("topic", "", "keep the stories about `TOPIC` (a word or a name, matched as who-said matches)")
			top := fs.Int("stories", bot.DefaultStories, "show at most `N` stories")
			return func(ctx context.Context, e *env, args []string) error {
				if err := format.check(); err != nil {
					return err
				}
				opts, err := o.options()
				if err != nil {
					return err
				}
				if *top <= 0 {
					return usagef("bad --stories %d: want a positive number", *top)
				}
				t, err := bot.ParseTopic(*topic)
				var ue *bot.UsageError
				if errors.As(err, &ue) {
					return usagef("bad --topic %q: %s", *topic, ue.Problem)
				}
				b, err := in.bot(e, args, func(bo *bot.Options) { bo.Summary, bo.Stories = opts, *top })
				if err != nil {
					return err
				}
				br, err := b.Brief(ctx, t)
				if err != nil {
					return err
				}
				return format.write(e.stdout, br)
			}
		},
	}
}

func summarizeCommand() *command {
	return &command{
		name:    "summarize",
		oneShot: true,
		args:    "[FILE|DIR...]",
		summary: "print only the chosen sentences, one a line (for evaluation tools)",
		help: `Summarize prints the sentences of a summary of the articles, one a line, in reading
order, with nothing else: the plain form that evaluation tools such as ROUGE read.
Arguments are as for brief.`,
		flags: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
			o := summaryFlags(fs, summarize.DefaultWords, 0)
			in := articleFlags(fs)
			return func(ctx context.Context, e *env, args []string) error {
				opts, err := o.options()
				if err != nil {
					return err
				}
				b, err := in.bot(e, args, nil)
				if err != nil {
					return err
				}
				snap, err := b.Snapshot(ctx)
				if err != nil {
					return err
				}
				s, err := snap.Summary(ctx, opts)
				if err != nil {
					return err
				}
				var sb strings.Builder
				for _, p := range s.Sentences {
					sb.WriteString(bot.PlainText(p.Text))
					sb.WriteByte('\n')
				}
				_, err = fmt.Fprint(e.stdout, sb.String())
				return err
			}
		},
	}
}

// The length of a briefing, in brief and chat and by default in serve.
const (
	briefWords     = 120
	briefSentences = 6
)

// summaryOptions are the flags shared by brief and summarize.
type summaryOptions struct {
	words, sentences *int
	algorithm        *string
}

func summaryFlags(fs *flag.FlagSet, words, sentences int) *summaryOptions {
	names := make([]string, len(summarize.Algorithms))
	for i, a := range summarize.Algorithms {
		names[i] = string(a)
	}
	return &summaryOptions{
		words:     fs.Int("words", words, "length budget in `N` words"),
		sentences: fs.Int("sentences", sentences, "at most `N` sentences (0: no limit)"),
		algorithm: fs.String("algorithm", string(summarize.Coverage), "sentence selection `algorithm`: "+strings.Join(names, " or ")),
	}
}

// options checks the flags and returns them as summary options.
func (o *summaryOptions) options() (summarize.Options, error) {
	if *o.words <= 0 {
		return summarize.Options{}, usagef("bad --words %d: want a positive number", *o.words)
	}
	if *o.sentences < 0 {
		return summarize.Options{}, usagef("bad --sentences %d: want 0 (no limit) or more", *o.sentences)
	}
	alg := summarize.Algorithm(*o.algorithm)
	if !slices.Contains(summarize.Algorithms, alg) {
		return summarize.Options{}, usagef("bad --algorithm %q: want one of %v", alg, summarize.Algorithms)
	}
	return summarize.Options{Words: *o.words, Sentences: *o.sentences, Algorithm: alg}, nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
