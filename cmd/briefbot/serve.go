package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/slack"
	"github.com/briefbot/briefbot/summarize"
)

func serveCommand() *command {
	return &command{
		name:    "serve",
		args:    "--config FILE",
		summary: "run the chat bot: the platforms configured in FILE, and /healthz, /readyz, /metrics",
		help: `Serve runs the bot for the chat platforms that FILE configures (Slack, over Socket Mode
or HTTP), and an HTTP listener with /healthz (the process is up), /readyz (every
platform is connected) and /metrics (Prometheus). Secrets come from the environment
only: SLACK_BOT_TOKEN, and SLACK_APP_TOKEN for Socket Mode or SLACK_SIGNING_SECRET for
HTTP. config.example.yaml documents every key; 'briefbot config check FILE' checks one.

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
	// listening, if set, is called with the address the HTTP listener is bound to.
	listening func(addr string)
}

// readiness is what /readyz asks of each platform.
type readiness interface {
	Ready() (bool, string)
}

// serve runs the bot until ctx ends, then shuts down within c.ShutdownTimeout. It
// returns nil after a clean shutdown, and an error when it cannot start or a platform
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
	b, err := bot.New(bot.Options{
		Source: newsSource(c, d.log),
		Summary: summarize.Options{
			Words:     c.Briefing.Words,
			Sentences: c.Briefing.Sentences,
			Algorithm: summarize.Algorithm(c.Briefing.Algorithm),
		},
		Quoter:        newQuoter(),
		Reload:        c.News.Reload,
		ReplyTimeout:  c.Replies.Timeout,
		MaxConcurrent: c.Replies.MaxConcurrent,
		Logger:        d.log,
		Metrics:       metrics,
	})
	if err != nil {
		return err
	}
	// Read and analyse the articles once now, so that a bad folder shows at start and the
	// first command is fast.
	if _, err := b.Briefing(ctx); err != nil {
		log.Warn("the first briefing failed; commands will say why", "error", err)
	}

	mux := http.NewServeMux()
	platforms := map[string]readiness{}
	var runners []func(context.Context) error
	if sc := c.Slack; sc != nil {
		client := d.slackHTTP
		if client == nil {
			client = &http.Client{Timeout: sc.HTTPTimeout}
		}
		retries := sc.MaxRetries
		if retries == 0 {
			retries = -1 // slack.Config reads 0 as the default
		}
		a, err := slack.New(b, slack.Config{
			BotToken:      s.slackBotToken,
			AppToken:      s.slackAppToken,
			SigningSecret: s.slackSigningSecret,
			APIURL:        sc.APIURL,
			HTTPClient:    client,
			MaxRetries:    retries,
			MaxRetryWait:  sc.MaxRetryWait,
			Logger:        d.log,
			Metrics:       metrics,
		})
		if err != nil {
			return err
		}
		checkCtx, cancel := context.WithTimeout(ctx, sc.HTTPTimeout)
		err = a.Check(checkCtx)
		cancel()
		if err != nil {
			return fmt.Errorf("%w (is %s right?)", err, envSlackBotToken)
		}
		platforms[slack.Platform] = a
		if sc.Mode == modeHTTP {
			mux.Handle("POST "+sc.CommandsPath, a.Handler())
		} else {
			runners = append(runners, a.RunSocketMode)
		}
	}
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintln(w, "ok")
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		ready, report := readyReport(platforms)
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		if !ready {
			w.WriteHeader(http.StatusServiceUnavailable)
		}
		fmt.Fprint(w, report)
	})
	mux.Handle("GET /metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelError)}))

	ln, err := net.Listen("tcp", c.HTTP.Addr)
	if err != nil {
		return fmt.Errorf("listening on http.addr %s: %w", c.HTTP.Addr, err)
	}
	addr := ln.Addr().String()
	log.Info("listening", "addr", addr)
	if d.listening != nil {
		d.listening(addr)
	}
	srv := &http.Server{
		Handler:           mux,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}

	runCtx, stopRunners := context.WithCancel(ctx)
	defer stopRunners()
	fatal := make(chan error, len(runners)+1)
	var wg sync.WaitGroup
	wg.Go(func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			fatal <- fmt.Errorf("serving http on %s: %w", addr, err)
		}
	})
	for _, run := range runners {
		wg.Go(func() {
			if err := run(runCtx); err != nil {
				fatal <- err
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
	if err := srv.Shutdown(shutdownCtx); err != nil {
		log.Warn("closing the http listener", "error", err)
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
		srcs = append(srcs, &bot.Files{Name: dir, FS: os.DirFS(dir), Logger: log})
	}
	return srcs
}
