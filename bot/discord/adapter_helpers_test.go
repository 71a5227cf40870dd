package discord

import (
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/bottest"
	"github.com/briefbot/briefbot/bot/discord/fakediscord"
)

// adapterFixture is an adapter, with a bot over the seeds, wired to a fake Discord.
type adapterFixture struct {
	fake    *fakediscord.Server
	a       *Adapter
	bot     *bot.Bot
	metrics *bottest.Metrics
	logs    *syncBuffer
	done    chan error
	cancel  context.CancelFunc
	stopped sync.Once
	err     error // what Run returned
}

// adapterOptions change an adapter fixture before it is built.
type adapterOptions struct {
	config func(*Config)
	bot    func(*bot.Options)
	fake   *fakediscord.Server
	quiet  bool // no logs kept (benchmarks)
}

// newAdapterFixture starts a fake Discord and builds an adapter for it; run starts it.
func newAdapterFixture(t testing.TB, o adapterOptions) *adapterFixture {
	t.Helper()
	fake := o.fake
	if fake == nil {
		fake = fakediscord.New()
	}
	t.Cleanup(fake.Close)
	f := &adapterFixture{fake: fake, metrics: &bottest.Metrics{}, logs: &syncBuffer{}}
	log := slog.New(slog.NewTextHandler(f.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	if o.quiet {
		log = bottest.Quiet()
	}
	f.bot = bottest.MustNewBot(t, func(bo *bot.Options) {
		bo.Metrics, bo.Logger = f.metrics, log
		if o.bot != nil {
			o.bot(bo)
		}
	})
	c := Config{
		Token: fakediscord.Token, APIURL: fake.APIURL, HTTPClient: fake.Client(), Dialer: fake.Dialer(),
		Logger: log, Metrics: f.metrics, Guilds: []string{fakediscord.GuildID},
	}
	if o.config != nil {
		o.config(&c)
	}
	a, err := New(f.bot, c)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	a.retryMinWait = 10 * time.Millisecond
	f.a = a
	return f
}

// run runs the adapter until the test ends, and waits until it is ready.
func (f *adapterFixture) run(t testing.TB) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	f.cancel, f.done = cancel, make(chan error, 1)
	go func() { f.done <- f.a.Run(ctx) }()
	t.Cleanup(func() { f.stop(t) })
	deadline := time.Now().Add(15 * time.Second)
	for {
		if ok, _ := f.a.Ready(); ok {
			break
		}
		select {
		case err := <-f.done:
			t.Fatalf("Run returned before it was ready: %v\n%s", err, f.logs)
		default:
		}
		if time.Now().After(deadline) {
			_, msg := f.a.Ready()
			t.Fatalf("not ready: %s\n%s", msg, f.logs)
		}
		time.Sleep(5 * time.Millisecond)
	}
	// Heartbeats started: a fault from now on cannot race discordgo's first one.
	if err := f.fake.WaitHeartbeats(testContext(t), 1); err != nil {
		t.Fatal(err)
	}
}

// stop stops Run and returns what it returned.
func (f *adapterFixture) stop(t testing.TB) error {
	t.Helper()
	f.stopped.Do(func() {
		f.cancel()
		select {
		case f.err = <-f.done:
		case <-time.After(15 * time.Second):
			t.Error("Run did not return")
		}
	})
	return f.err
}

// interact sends a slash command and waits until its response was edited (or answered
// at once), and returns its state.
func (f *adapterFixture) interact(t testing.TB, ev fakediscord.InteractionEvent) fakediscord.Interaction {
	t.Helper()
	sent, err := f.fake.SendInteraction(ev)
	if err != nil {
		t.Fatal(err)
	}
	got, err := f.fake.WaitInteraction(testContext(t), sent.ID, func(in fakediscord.Interaction) bool {
		return in.Edited || in.Callback == fakediscord.CallbackMessage
	})
	if err != nil {
		st, _ := f.fake.Interaction(sent.ID)
		t.Fatalf("/%s was not answered: %v; state %+v\n%s", ev.Command, err, st, f.logs)
	}
	return got
}

// waitCount waits until the metric key reaches n.
func (f *adapterFixture) waitCount(t testing.TB, key string, n int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for f.metrics.Count(key) < n {
		if time.Now().After(deadline) {
			t.Fatalf("%s = %d, want %d; metrics:\n%s", key, f.metrics.Count(key), n, f.metrics)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// text returns everything a message shows: its content, and its embeds' titles,
// descriptions, fields and footers.
func text(m fakediscord.Message) string {
	var sb strings.Builder
	sb.WriteString(m.Content)
	for _, e := range m.Embeds {
		sb.WriteString("\n" + e.Title + "\n" + e.Description)
		for _, fl := range e.Fields {
			sb.WriteString("\n" + fl.Name + "\n" + fl.Value)
		}
		if e.Footer != nil {
			sb.WriteString("\n" + e.Footer.Text)
		}
	}
	return sb.String()
}

// mentionsOff reports whether a request's body turned every mention off.
func mentionsOff(r fakediscord.Request) bool {
	am := r.Message
	return am != nil && am.AllowedMentions != nil && am.AllowedMentions.Parse != nil && len(am.AllowedMentions.Parse) == 0 &&
		len(am.AllowedMentions.Users) == 0 && len(am.AllowedMentions.Roles) == 0 && !am.AllowedMentions.RepliedUser
}
