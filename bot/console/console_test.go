package console_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"os"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/console"
	"github.com/briefbot/briefbot/seeds"
	"github.com/briefbot/briefbot/summarize"
)

func newBot(t testing.TB, q bot.Quoter) *bot.Bot {
	t.Helper()
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	b, err := bot.New(bot.Options{
		Source:  &bot.Files{Name: "the embedded seeds", FS: seeds.FS, Logger: quiet},
		Summary: summarize.Options{Words: 120, Sentences: 6},
		Quoter:  q,
		Logger:  quiet,
	})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestRun(t *testing.T) {
	for _, tc := range []struct {
		name   string
		in     string
		prompt string
		want   []string // substrings of the output, in order
		not    []string
	}{
		{name: "brief", in: "/brief\n", want: []string{"Putin and Trump", "• ", "5 articles from"}},
		{name: "who-said", in: "/who-said ceasefire\n", want: []string{"/who-said is not available yet"}},
		{name: "help", in: "/help\n", want: []string{"/brief", "/who-said TERM", "/help"}},
		{name: "without slash", in: "help\n", want: []string{"/who-said TERM"}},
		{name: "unknown", in: "what is new?\n", want: []string{bot.Usage}},
		{name: "blank lines and quit", in: "\n  \n/quit\n/brief\n", not: []string{"Putin"}},
		{name: "several", in: "/help\n/brief\n", want: []string{"/who-said TERM", "Putin and Trump"}},
		{name: "no final newline", in: "/brief", want: []string{"Putin and Trump"}},
		{name: "prompt", in: "/help\n", prompt: "> ", want: []string{console.Greeting, "> ", "/who-said TERM", "> "}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			c := &console.Console{Bot: newBot(t, nil), In: strings.NewReader(tc.in), Out: &out, Prompt: tc.prompt}
			if err := c.Run(context.Background()); err != nil {
				t.Fatal(err)
			}
			got := out.String()
			rest := got
			for _, w := range tc.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("output lacks %q (in order):\n%s", w, got)
				}
				rest = rest[i+len(w):]
			}
			for _, n := range tc.not {
				if strings.Contains(got, n) {
					t.Errorf("output holds %q:\n%s", n, got)
				}
			}
		})
	}
}

func TestRenderDropsControlCharacters(t *testing.T) {
	var out bytes.Buffer
	r := bot.Reply{Briefing: &bot.Briefing{Headline: "Title\x1b]0;pwned\x07", Articles: 1, Outlets: []string{"X"},
		Stories: []bot.Story{{Items: []bot.Item{{Text: "Text\x1b[2J with\u2028separator", Sources: []bot.Citation{{Outlet: "X"}}}}}}}}
	if err := console.Render(&out, r); err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(out.String(), "\x1b\x07\u2028") {
		t.Errorf("output holds control characters: %q", out.String())
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestRunReportsWriteErrors(t *testing.T) {
	c := &console.Console{Bot: newBot(t, nil), In: strings.NewReader("/help\n"), Out: failingWriter{}}
	if err := c.Run(context.Background()); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("Run: %v, want the write error", err)
	}
}

func TestRunLongLine(t *testing.T) {
	c := &console.Console{Bot: newBot(t, nil), In: strings.NewReader(strings.Repeat("a", console.MaxLine+1)), Out: io.Discard}
	if err := c.Run(context.Background()); err == nil || !strings.Contains(err.Error(), "too long") {
		t.Errorf("Run: %v, want a too-long error", err)
	}
}

func ExampleConsole_Run() {
	c := &console.Console{Bot: newBotForExample(), In: strings.NewReader("/who-said ceasefire\nhello\n"), Out: os.Stdout}
	c.Run(context.Background())
	// Output:
	// /who-said is not available yet: quotations are still being built.
	//
	// Try /brief for the briefing, /who-said TERM to see who is quoted saying TERM, or /help.
}

func newBotForExample() *bot.Bot {
	b, _ := bot.New(bot.Options{Source: &bot.Files{Name: "the embedded seeds", FS: seeds.FS}})
	return b
}
