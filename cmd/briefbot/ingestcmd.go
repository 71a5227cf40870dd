package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/briefbot/briefbot/bot/feeds"
)

func ingestCommand() *command {
	return &command{
		name:    "ingest",
		args:    "--config FILE",
		summary: "read FILE's feeds and article pages into the store once, and show what was new",
		help: `Ingest reads every feed and article page of FILE (news.feeds, news.articles and the
channels' own) once into the store (store.path), as serve does on its interval: only
items it has not seen (a feed read for the first time is seeded silently, storing only
its newest items), teasers fetched as pages, near-duplicates stored once with all their
outlets, articles older than news.ingest.max_age pruned. On a terminal it shows a live
line of its progress; otherwise it prints one line at the end. A feed that fails is
logged and counted and the others are read; ingest exits 1 only when the store fails or
no source was read at all.`,
		flags: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
			path := fs.String("config", "", "the configuration `file` (YAML)")
			return func(ctx context.Context, e *env, args []string) error {
				if len(args) > 0 {
					return usagef("unexpected arguments %q: ingest takes only --config FILE", args)
				}
				if *path == "" {
					return usagef("missing --config FILE: the feeds and pages to read are in news.feeds and news.articles")
				}
				c, err := loadNewsConfig(*path)
				if err != nil {
					return err
				}
				return ingestOnce(ctx, e, c)
			}
		},
	}
}

// ingestOnce makes one pass over the config's feeds and pages.
func ingestOnce(ctx context.Context, e *env, c *config) error {
	sources := c.ingestSources()
	if len(sources) == 0 {
		return usagef("the config names no feed and no article page (news.feeds, news.articles, channels[].feeds)")
	}
	db, err := openStore(c)
	if err != nil {
		return err
	}
	defer db.Close()
	p := newProgress(e.stderr, isTerminal(e.stderr))
	in, err := newIngester(c, db, e.log, nil, p.update, nil)
	if err != nil {
		return err
	}
	start := time.Now()
	rep, err := in.Run(ctx, sources)
	p.done()
	fmt.Fprintf(e.stdout, "%s in %s.\n", rep, time.Since(start).Round(time.Millisecond))
	switch {
	case err != nil:
		return err
	case rep.Failed == rep.Sources:
		return fmt.Errorf("ingesting: none of the %d %s could be read (the log says why)", rep.Sources, plural(rep.Sources, "source", "sources"))
	}
	return nil
}

// progress draws a live line of an ingest pass on a terminal, and nothing elsewhere.
type progress struct {
	w     io.Writer
	live  bool
	mu    sync.Mutex
	shown bool
}

func newProgress(w io.Writer, live bool) *progress { return &progress{w: w, live: live} }

// update redraws the line with the counts so far.
func (p *progress) update(r feeds.Report) {
	if !p.live {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Fprintf(p.w, "\r\x1b[Kfeeds %d/%d · new %d · copies %d · skipped %d · failed %d", r.Done, r.Sources, r.New, r.Copies, r.Skipped, r.Failed)
	p.shown = true
}

// done ends the live line.
func (p *progress) done() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
}
