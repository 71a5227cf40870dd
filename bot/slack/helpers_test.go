package slack

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/bottest"
	"github.com/briefbot/briefbot/bot/slack/fakeslack"
	"github.com/briefbot/briefbot/seeds"
	"github.com/briefbot/briefbot/summarize"
)

// testSecret is the signing secret of the fixtures.
const testSecret = "8f742231b10e8888abcd99yyyzzz85a5"

// fixture is an adapter wired to a bot over the seeds and to a fake Slack.
type fixture struct {
	fake    *fakeslack.Server
	bot     *bot.Bot
	a       *Adapter
	metrics *bottest.Metrics
	logs    *bottest.LogBuffer
	sleeps  *[]time.Duration
}

// fixtureOptions change a fixture.
type fixtureOptions struct {
	quoter  bot.Quoter
	logger  io.Writer // default: the fixture's log buffer only
	discard bool      // no logs at all (for fuzzing)
}

func newFixture(t testing.TB, fo fixtureOptions) *fixture {
	t.Helper()
	fake := fakeslack.New()
	t.Cleanup(fake.Close)
	logs := &bottest.LogBuffer{}
	var w io.Writer = logs
	if fo.logger != nil {
		w = io.MultiWriter(logs, fo.logger)
	}
	if fo.discard {
		w = io.Discard
	}
	log := slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelInfo}))
	m := &bottest.Metrics{}
	b, err := bot.New(bot.Options{
		Source:  &bot.Files{Name: "the embedded seeds", FS: seeds.FS, Logger: log},
		Summary: summarize.Options{Words: 120, Sentences: 6},
		Quoter:  fo.quoter,
		Logger:  log,
		Metrics: m,
	})
	if err != nil {
		t.Fatal(err)
	}
	a, err := New(b, Config{
		BotToken:      fakeslack.BotToken,
		AppToken:      fakeslack.AppToken,
		SigningSecret: testSecret,
		APIURL:        fake.APIURL,
		HTTPClient:    &http.Client{Timeout: 5 * time.Second, Transport: fakeslack.LoopbackTransport{}},
		Logger:        log,
		Metrics:       m,
	})
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	sleeps := &[]time.Duration{}
	a.sleep = func(ctx context.Context, d time.Duration) error {
		mu.Lock()
		defer mu.Unlock()
		*sleeps = append(*sleeps, d)
		return ctx.Err()
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		b.Drain(ctx)
	})
	return &fixture{fake: fake, bot: b, a: a, metrics: m, logs: logs, sleeps: sleeps}
}

// runSocket runs the adapter over Socket Mode until the test ends, and waits until it
// is connected.
func (f *fixture) runSocket(t testing.TB) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- f.a.RunSocketMode(ctx) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("RunSocketMode: %v", err)
			}
		case <-time.After(10 * time.Second):
			t.Error("RunSocketMode did not return after its context ended")
		}
	})
	wctx, wcancel := context.WithTimeout(ctx, 10*time.Second)
	defer wcancel()
	if err := f.fake.WaitConnected(wctx); err != nil {
		t.Fatal(err)
	}
	for i := 0; ; i++ {
		if ok, _ := f.a.Ready(); ok {
			break
		}
		if i > 1000 {
			t.Fatal("the adapter is connected but not ready")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func waitCtx(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}
