package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/feeds"
	"github.com/briefbot/briefbot/seeds"
	"github.com/briefbot/briefbot/summarize"
)

// articleOptions are the flags of every command that reads articles: the limits on what
// it reads at once.
type articleOptions struct {
	maxBytes    *int64
	maxArticles *int
	config      *string
}

func articleFlags(fs *flag.FlagSet) *articleOptions {
	return &articleOptions{
		maxBytes:    fs.Int64("max-bytes", summarize.DefaultMaxBytes, "read at most `N` bytes of article text in all (-1: no limit)"),
		maxArticles: fs.Int("max-articles", summarize.DefaultMaxArticles, "read at most `N` articles (-1: no limit)"),
		config:      fs.String("config", "", "read the news that the configuration `file` names (its folders, and the feeds and pages ingested into its store) instead of files"),
	}
}

// limits returns the limits the flags set.
func (o *articleOptions) limits() (summarize.Limits, error) {
	if *o.maxBytes == 0 || *o.maxBytes < -1 {
		return summarize.Limits{}, usagef("bad --max-bytes %d: want a positive number, or -1 for no limit", *o.maxBytes)
	}
	if *o.maxArticles == 0 || *o.maxArticles < -1 {
		return summarize.Limits{}, usagef("bad --max-articles %d: want a positive number, or -1 for no limit", *o.maxArticles)
	}
	return summarize.Limits{MaxBytes: *o.maxBytes, MaxArticles: *o.maxArticles}, nil
}

// bot returns the bot that a command answers with, over the articles named by args
// (the seeds when there are none), within the limits of the flags, with its options
// changed by opt: the CLI takes the bot's own path to briefings and quotations, errors
// included.
func (o *articleOptions) bot(e *env, args []string, opt func(*bot.Options)) (*bot.Bot, error) {
	l, err := o.limits()
	if err != nil {
		return nil, err
	}
	src, err := articleSource(args, l, e.log)
	if *o.config != "" {
		src, err = o.configSource(e, args)
	}
	if err != nil {
		return nil, err
	}
	bo := bot.Options{Source: hintingSource{src, l, "--max-bytes", "--max-articles"}, Limits: l, Logger: e.log}
	if opt != nil {
		opt(&bo)
	}
	return bot.New(bo)
}

// configSource returns the news source of the --config file: its folders, and the store
// when it names feeds or pages.
func (o *articleOptions) configSource(e *env, args []string) (bot.Source, error) {
	if len(args) > 0 {
		return nil, usagef("unexpected arguments %q: with --config the news come from the config file", args)
	}
	c, err := loadNewsConfig(*o.config)
	if err != nil {
		return nil, err
	}
	var news articleStore
	if c.online() {
		db, err := openStore(c)
		if err != nil {
			return nil, err
		}
		e.onExit(func() { db.Close() })
		news = db
	}
	return newsSource(c, e.log, news), nil
}

// hintingSource checks the articles of its source against its limits (several folders
// may be over them together), and names the flag that raises a limit in its errors.
type hintingSource struct {
	bot.Source
	limits                summarize.Limits
	bytesKey, articlesKey string // the flags or config keys of the limits
}

func (s hintingSource) Articles(ctx context.Context, w bot.Window) ([]summarize.Article, error) {
	a, err := s.Source.Articles(ctx, w)
	if err == nil {
		err = s.limits.Check(a)
	}
	return a, limitHint(err, s.bytesKey, s.articlesKey)
}

// articleSource returns the source of the articles named on the command line: the
// embedded seeds when there are none, otherwise each file and folder.
func articleSource(paths []string, l summarize.Limits, log *slog.Logger) (bot.Source, error) {
	if len(paths) == 0 {
		return seedsSource(log), nil
	}
	var srcs bot.Sources
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("reading articles: %w", err)
		}
		if info.IsDir() {
			srcs = append(srcs, &bot.Files{Name: p, FS: os.DirFS(p), Limits: l, Logger: log, HTML: htmlReader(p)})
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
		srcs = append(srcs, &bot.Files{Name: dir, FS: os.DirFS(dir), Paths: []string{base}, Limits: l, Logger: log, HTML: htmlReader(dir)})
	}
	return srcs, nil
}

// htmlReader returns the hook that reads the article of an HTML file of folder dir
// (summarize.ReadOptions.HTML): feeds.Extract, as a page of the file's file:// URL.
func htmlReader(dir string) func(name string, page []byte) (summarize.Article, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		abs = dir
	}
	return func(name string, page []byte) (summarize.Article, error) {
		u := url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(abs, filepath.FromSlash(name)))}
		return feeds.Extract(page, u.String())
	}
}

// seedsName describes the embedded articles in messages.
const seedsName = "the embedded seeds"

// seedsSource returns the articles embedded in briefbot.
func seedsSource(log *slog.Logger) bot.Source {
	return &bot.Files{Name: seedsName, FS: seeds.FS, Logger: log}
}

// limitHint names, in an error of input over a limit, the flag or key that raises it.
func limitHint(err error, bytesKey, articlesKey string) error {
	var le *summarize.LimitError
	if !errors.As(err, &le) {
		return err
	}
	key := bytesKey
	if le.Limit == "MaxArticles" {
		key = articlesKey
	}
	return fmt.Errorf("%w; %s raises the limit", err, key)
}
