package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/seeds"
	"github.com/briefbot/briefbot/summarize"
)

func briefCommand() *command {
	return &command{
		name:    "brief",
		args:    "[FILE|DIR...]",
		summary: "print the morning briefing of the seeds or of the given articles",
		help: `Brief prints a briefing: a headline, then a few sentences chosen across the
articles, each followed by the outlets that report it, then a line on what was read.
With no arguments it briefs the articles embedded in briefbot; otherwise it reads each
FILE as one article and every file inside each DIR (a manifest.json there may give
titles, outlets, dates and URLs).`,
		flags: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
			o := summaryFlags(fs, briefWords, briefSentences)
			format := formatFlag(fs)
			return func(ctx context.Context, e *env, args []string) error {
				if err := format.check(); err != nil {
					return err
				}
				c, s, err := o.summarize(ctx, e, args)
				if err != nil {
					return err
				}
				return format.write(e.stdout, bot.NewBriefing(c, s))
			}
		},
	}
}

func summarizeCommand() *command {
	return &command{
		name:    "summarize",
		args:    "[FILE|DIR...]",
		summary: "print only the chosen sentences, one a line (for evaluation tools)",
		help: `Summarize prints the sentences of a summary of the articles, one a line, in reading
order, with nothing else: the plain form that evaluation tools such as ROUGE read.
Arguments are as for brief.`,
		flags: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
			o := summaryFlags(fs, summarize.DefaultWords, 0)
			return func(ctx context.Context, e *env, args []string) error {
				_, s, err := o.summarize(ctx, e, args)
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

// format is the --format flag of the commands that print an answer.
type format struct{ name *string }

func formatFlag(fs *flag.FlagSet) format {
	return format{fs.String("format", "text", "output `format`: text, markdown or json")}
}

func (f format) check() error {
	if !slices.Contains([]string{"text", "markdown", "json"}, *f.name) {
		return usagef("bad --format %q: want text, markdown or json", *f.name)
	}
	return nil
}

// An answer is what commands print in the three formats: a briefing, a who-said answer.
type answer interface {
	WriteText(io.Writer) error
	WriteMarkdown(io.Writer) error
	WriteJSON(io.Writer) error
}

// write prints a in the chosen format. Text and Markdown lose the control characters a
// terminal would act on (article text is not trusted); JSON escapes them.
func (f format) write(w io.Writer, a answer) error {
	if *f.name == "json" {
		return a.WriteJSON(w)
	}
	var buf bytes.Buffer
	var err error
	if *f.name == "markdown" {
		err = a.WriteMarkdown(&buf)
	} else {
		err = a.WriteText(&buf)
	}
	if err != nil {
		return err
	}
	_, err = io.WriteString(w, bot.PlainText(buf.String()))
	return err
}

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

// summarize reads the articles named by args (the seeds when there are none) and
// summarizes them.
func (o *summaryOptions) summarize(ctx context.Context, e *env, args []string) (*summarize.Corpus, *summarize.Summary, error) {
	opts, err := o.options()
	if err != nil {
		return nil, nil, err
	}
	c, err := corpusOf(ctx, e, args)
	if err != nil {
		return nil, nil, err
	}
	s, err := c.Summarize(opts)
	if err != nil {
		return nil, nil, fmt.Errorf("summarizing %d %s: %w", len(c.Docs), plural(len(c.Docs), "article", "articles"), err)
	}
	return c, s, nil
}

// corpusOf reads the articles named by args (the seeds when there are none) and
// analyses them.
func corpusOf(ctx context.Context, e *env, args []string) (*summarize.Corpus, error) {
	// A one-shot command builds its corpus once and exits: it trades memory (a few times
	// the size of the text) for fewer garbage collections.
	debug.SetGCPercent(400)
	src, err := articleSource(args, e)
	if err != nil {
		return nil, err
	}
	articles, err := src.Articles(ctx)
	if err != nil {
		return nil, err
	}
	return summarize.NewCorpus(articles), nil
}

// articleSource returns the source of the articles named on the command line: the
// embedded seeds when there are none, otherwise each file and folder.
func articleSource(paths []string, e *env) (bot.Source, error) {
	if len(paths) == 0 {
		return seedsSource(e.log), nil
	}
	var srcs bot.Sources
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("reading articles: %w", err)
		}
		if info.IsDir() {
			srcs = append(srcs, &bot.Files{Name: p, FS: os.DirFS(p), Logger: e.log})
			continue
		}
		// A file is read with the manifest of its folder, if there is one; files of one
		// folder named one after the other share one reading of it.
		dir, base := filepath.Dir(p), filepath.Base(p)
		if n := len(srcs); n > 0 {
			if last, ok := srcs[n-1].(*bot.Files); ok && last.Name == dir && len(last.Paths) > 0 {
				last.Paths = append(last.Paths, base)
				continue
			}
		}
		srcs = append(srcs, &bot.Files{Name: dir, FS: os.DirFS(dir), Paths: []string{base}, Logger: e.log})
	}
	return srcs, nil
}

// seedsName describes the embedded articles in messages.
const seedsName = "the embedded seeds"

// seedsSource returns the articles embedded in briefbot.
func seedsSource(log *slog.Logger) bot.Source {
	return &bot.Files{Name: seedsName, FS: seeds.FS, Logger: log}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
