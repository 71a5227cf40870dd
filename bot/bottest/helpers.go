package bottest

import (
	"bytes"
	"context"
	"flag"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/seeds"
	"github.com/briefbot/briefbot/summarize"
	"github.com/briefbot/briefbot/summarize/quotes"
	"github.com/briefbot/briefbot/summarize/stories/storiestest"
)

// update is the -update flag of every test package that compares with golden files.
var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// Golden compares got with the file testdata/name of the test's package, or rewrites the
// file when the test runs with -update.
func Golden(tb testing.TB, name string, got []byte) {
	tb.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			tb.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("reading golden file (run go test -update to create it): %v", err)
	}
	if !bytes.Equal(got, want) {
		tb.Errorf("output differs from %s (run go test -update if the change is intended)\ngot:\n%s\nwant:\n%s", path, got, want)
	}
}

// LogBuffer collects log lines; it is safe for concurrent writes.
type LogBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

// Write appends p.
func (b *LogBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// String returns what was written so far.
func (b *LogBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// Logger returns a text logger at level debug that writes to b.
func (b *LogBuffer) Logger() *slog.Logger {
	return slog.New(slog.NewTextHandler(b, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// Quiet returns a logger that writes nothing.
func Quiet() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// MustNewBot returns a bot over the embedded seeds, with briefbot's briefing length
// (120 words, 6 sentences), the real quotation extractor and a quiet logger, as changed
// by opts. It fails the test when the bot cannot be built.
func MustNewBot(tb testing.TB, opts ...func(*bot.Options)) *bot.Bot {
	tb.Helper()
	o := bot.Options{
		Source:  &bot.Files{Name: "the embedded seeds", FS: seeds.FS, Logger: Quiet()},
		Summary: summarize.Options{Words: 120, Sentences: 6},
		Quoter:  bot.NewQuoter(quotes.Options{}),
		Logger:  Quiet(),
	}
	for _, f := range opts {
		f(&o)
	}
	b, err := bot.New(o)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// TopStories returns the briefing of the articles of storiestest.Mixed, the top stories
// of three stories and two articles on their own, as a bot with MustNewBot's summary
// options gives it: for tests of the renderers of briefings of several stories.
func TopStories(tb testing.TB) *bot.Briefing {
	tb.Helper()
	arts, _ := storiestest.Mixed()
	b := MustNewBot(tb, func(o *bot.Options) { o.Source = Articles(arts...) })
	br, err := b.Briefing(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	if len(br.Stories) < 2 {
		tb.Fatalf("the briefing of the mixed articles has %d stories, want several", len(br.Stories))
	}
	return br
}
