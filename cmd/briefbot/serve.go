package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/gorilla/websocket"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/summarize"
)

func serveCommand() *command {
	return &command{
		name:    "serve",
		args:    "--config FILE",
		summary: "run the chat bot and the scheduled briefings configured in FILE, and /healthz, /readyz, /metrics",
		help: `Serve runs the bot for the chat platforms that FILE configures (Slack, over Socket Mode
or HTTP; Discord, over the gateway; either or both), posts the scheduled briefings of
its channels (one serve per database posts; another stands by and takes over when it
exits), and an HTTP listener with /healthz (the process is up), /readyz (every platform
is connected, the scheduler leads or stands by) and /metrics (Prometheus). Secrets come
from the environment only: SLACK_BOT_TOKEN, and SLACK_APP_TOKEN for Socket Mode or
SLACK_SIGNING_SECRET for HTTP; DISCORD_BOT_TOKEN for Discord. config.example.yaml
documents every key; 'briefbot config check FILE' checks one.

SIGINT or SIGTERM stops it: it stops taking commands, lets the replies in flight finish
within shutdown_timeout, and exits 0.`,
		flags: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
			path := fs.String("config", "", "the configuration `file` (YAML)")
			return func(ctx context.Context, e *env, args []string) error {
				if len(args) > 0 {
					return usagef("unexpected arguments %q: serve takes only --config FILE", args)
				}
				if *path == "" {
					return usagef("missing --config FILE (config.example.yaml documents every key)")
				}
				c, err := loadConfig(*path)
				if err != nil {
					return err
				}
				stopGracefully(ctx, c.ShutdownTimeout+time.Second)
				routeStdLog(e.log)
				return serve(ctx, c, serveDeps{getenv: os.Getenv, log: e.log})
			}
		},
	}
}

// serveDeps are what serve takes from its surroundings, so that tests can replace them.
type serveDeps struct {
	getenv func(string) string
	log    *slog.Logger
	// slackHTTP, if set, makes every call to Slack (tests use a loopback-only client).
	slackHTTP *http.Client
	// discordHTTP and discordDialer, if set, make every call to Discord and open its
	// gateway (tests use loopback-only ones).
	discordHTTP   *http.Client
	discordDialer *websocket.Dialer
	// listening, if set, is called with the name of each HTTP listener ("admin",
	// "public", or "public and admin") and the address it is bound to.
	listening func(name, addr string)
	// now and ticker, if set, are the scheduler's clock and the ticker of its passes.
	now    func() time.Time
	ticker func(time.Duration) (<-chan time.Time, func())
}

// readiness is what /readyz asks of each component.
type readiness interface {
	Ready() (bool, string)
}

// A runner is one part of serve that runs beside the others: a chat platform, later the
// scheduler. Its constructor builds it from the config; serve asks it for readiness,
// mounts its public route, runs it, and knows nothing else of it.
type runner struct {
	name  string
	ready readiness
	// run, if set, runs until ctx ends; it returns an error only when it fails for good.
	run func(ctx context.Context) error
	// route and handler, if set, are served on the public listener ("POST /slack/commands").
	route   string
	handler http.Handler
	// poster, if set, posts in the platform's channels unprompted.
	poster bot.Poster
}

// serve runs the bot until ctx ends, then shuts down within c.ShutdownTimeout. It
// returns nil after a clean shutdown, and an error when it cannot start or a runner
// fails for good.
func serve(ctx context.Context, c *config, d serveDeps) error {
	log := d.log.With("component", "serve")
	s := secretsFrom(d.getenv)
	if err := c.checkSecrets(s); err != nil {
		return err
	}
	reg := prometheus.NewRegistry()
	metrics, err := newMetrics(reg)
	if err != nil {
		return err
	}
	b, err := newBot(c, d.log, metrics)
	if err != nil {
		return err
	}
	// Read and analyse the articles once now, so that a bad folder shows at start and the
	// first command is fast.
	if _, err := b.Briefing(ctx); err != nil {
		log.Warn("the first briefing failed; commands will say why", "error", err)
	}
	runners, err := newRunners(c, s, b, d, metrics)
	if err != nil {
		return err
	}
	servers, err := listenAll(c, runners, b, reg, d, log)
	defer func() {
		for _, srv := range servers {
			srv.close()
		}
	}()
	if err != nil {
		return err
	}

	runCtx, stopRunners := context.WithCancel(ctx)
	defer stopRunners()
	fatal := make(chan error, len(runners)+len(servers))
	var wg sync.WaitGroup
	for _, srv := range servers {
		wg.Go(func() {
			if err := srv.serve(); err != nil {
				fatal <- err
			}
		})
	}
	for _, r := range runners {
		if r.run == nil {
			continue
		}
		wg.Go(func() {
			if err := r.run(runCtx); err != nil {
				fatal <- err // adapters name themselves in their errors
			}
		})
	}

	var failure error
	select {
	case <-ctx.Done():
		log.Info("shutting down: finishing the replies in flight", "bound", c.ShutdownTimeout)
	case failure = <-fatal:
		log.Error("shutting down after a failure", "error", failure)
	}
	shutdownCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), c.ShutdownTimeout)
	defer cancel()
	stopRunners() // no new commands from the platforms
	for _, srv := range servers {
		srv.shutdown(shutdownCtx)
	}
	if err := b.Drain(shutdownCtx); err != nil {
		log.Warn("some replies did not finish within shutdown_timeout", "error", err)
	}
	wg.Wait()
	if failure == nil {
		log.Info("stopped")
	}
	return failure
}

// newBot returns the bot that serve runs for every platform.
func newBot(c *config, log *slog.Logger, m bot.Metrics) (*bot.Bot, error) {
	return bot.New(bot.Options{
		Source: hintingSource{newsSource(c, log), c.News.limits(), "news.max_bytes", "news.max_articles"},
		Limits: c.News.limits(),
		Summary: summarize.Options{
			Words:     c.Briefing.Words,
			Sentences: c.Briefing.Sentences,
			Algorithm: summarize.Algorithm(c.Briefing.Algorithm),
		},
		Stories:       c.Briefing.Stories,
		Quoter:        newQuoter(),
		Reload:        c.News.Reload,
		ReplyTimeout:  c.Replies.Timeout,
		MaxConcurrent: c.Replies.MaxConcurrent,
		Logger:        log,
		Metrics:       m,
	})
}

// newRunners builds a runner for every section of the config that asks for one: the
// platforms, then the scheduler, which posts through them.
func newRunners(c *config, s secrets, b *bot.Bot, d serveDeps, m *promMetrics) ([]*runner, error) {
	var runners []*runner
	if c.Slack != nil {
		r, err := newSlackRunner(c.Slack, s, b, d, m)
		if err != nil {
			return nil, err
		}
		runners = append(runners, r)
	}
	if c.Discord != nil {
		r, err := newDiscordRunner(c.Discord, s, b, d, m)
		if err != nil {
			return nil, err
		}
		runners = append(runners, r)
	}
	if len(c.Channels) > 0 {
		r, err := newScheduleRunner(c, d, m, runners)
		if err != nil {
			return nil, err
		}
		runners = append(runners, r)
	}
	return runners, nil
}

// listenAll opens the listeners: the public one when a runner has a route, and the admin
// one unless it is off; one listener serves both when they share an address.
func listenAll(c *config, runners []*runner, b *bot.Bot, reg *prometheus.Registry, d serveDeps, log *slog.Logger) ([]*httpServer, error) {
	components := map[string]readiness{"news": b}
	public := http.NewServeMux() // what the internet may reach
	routes := 0
	for _, r := range runners {
		components[r.name] = r.ready
		if r.handler != nil {
			public.Handle(r.route, r.handler)
			routes++
		}
	}
	admin := adminHandler(components, reg, log)
	var specs []listenSpec
	switch {
	case routes > 0 && c.Admin.Addr == c.HTTP.Addr && !strings.HasSuffix(c.HTTP.Addr, ":0"):
		public.Handle("/", admin)
		specs = append(specs, listenSpec{"public and admin", "http.addr", c.HTTP.Addr, public})
	case routes > 0:
		specs = append(specs, listenSpec{"public", "http.addr", c.HTTP.Addr, public})
		fallthrough
	case c.Admin.Addr != "":
		specs = append(specs, listenSpec{"admin", "admin.addr", c.Admin.Addr, admin})
	}
	var servers []*httpServer
	for _, spec := range specs {
		srv, err := listen(spec, log)
		if err != nil {
			return servers, err
		}
		servers = append(servers, srv)
		if d.listening != nil {
			d.listening(spec.name, srv.addr)
		}
	}
	return servers, nil
}

// readyReport says whether every platform is ready, one line a platform.
func readyReport(platforms map[string]readiness) (bool, string) {
	names := make([]string, 0, len(platforms))
	for name := range platforms {
		names = append(names, name)
	}
	slices.Sort(names)
	all := len(names) > 0
	var sb strings.Builder
	for _, name := range names {
		ok, state := platforms[name].Ready()
		all = all && ok
		word := "ready"
		if !ok {
			word = "not ready"
		}
		fmt.Fprintf(&sb, "%s: %s (%s)\n", name, word, state)
	}
	if len(names) == 0 {
		sb.WriteString("no platform is configured\n")
	}
	return all, sb.String()
}

// newsSource returns the source of the bot's articles: the configured folders, or the
// embedded seeds when there are none.
func newsSource(c *config, log *slog.Logger) bot.Source {
	if len(c.News.Folders) == 0 {
		return seedsSource(log)
	}
	var srcs bot.Sources
	for _, f := range c.News.Folders {
		dir := c.folder(f)
		srcs = append(srcs, &bot.Files{Name: dir, FS: os.DirFS(dir), Limits: c.News.limits(), Logger: log, HTML: htmlReader(dir)})
	}
	return srcs
}
