// Package console is the terminal adapter of briefbot: it reads commands from a reader,
// one a line ("/brief", "/who-said ceasefire", "/help"), and writes the bot's replies as
// plain text. It is how `briefbot chat` runs the whole bot with no platform and no token,
// through the same bot.Bot that answers Slack.
package console

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/briefbot/briefbot/bot"
)

// Platform is the platform name of console requests.
const Platform = "console"

// MaxLine bounds the length of one input line.
const MaxLine = 64 << 10

// A Console runs a bot on a terminal.
type Console struct {
	Bot *bot.Bot
	In  io.Reader
	Out io.Writer
	// Prompt, if not empty, is written before each line is read, and a greeting before
	// the first; set it when In is a terminal.
	Prompt string
}

// Greeting is written first when the console has a prompt.
const Greeting = "briefbot chat: type /brief, /who-said TERM or /help; /quit or Ctrl-D to leave."

// Run reads commands until the input ends, a line says /quit or /exit, or ctx is done,
// and answers each in turn. It returns an error only when reading or writing fails.
func (c *Console) Run(ctx context.Context) error {
	lines := make(chan string)
	readErr := make(chan error, 1)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(c.In)
		sc.Buffer(make([]byte, 0, 4096), MaxLine)
		for sc.Scan() {
			select {
			case lines <- sc.Text():
			case <-ctx.Done():
				return
			}
		}
		if err := sc.Err(); err != nil {
			readErr <- fmt.Errorf("console: reading a command: %w", err)
		}
	}()
	if c.Prompt != "" {
		if _, err := fmt.Fprintf(c.Out, "%s\n%s", Greeting, c.Prompt); err != nil {
			return fmt.Errorf("console: writing: %w", err)
		}
	}
	for {
		var line string
		var ok bool
		select {
		case <-ctx.Done():
			return nil
		case line, ok = <-lines:
		}
		if !ok {
			select {
			case err := <-readErr:
				return err
			default:
				return nil
			}
		}
		if err := c.handle(ctx, line); err != nil {
			if errors.Is(err, errQuit) {
				return nil
			}
			return err
		}
		if c.Prompt != "" {
			if _, err := io.WriteString(c.Out, c.Prompt); err != nil {
				return fmt.Errorf("console: writing: %w", err)
			}
		}
	}
}

var errQuit = errors.New("quit")

// handle answers one line.
func (c *Console) handle(ctx context.Context, line string) error {
	command, text := bot.ParseLine(line)
	switch strings.ToLower(strings.TrimPrefix(command, "/")) {
	case "":
		return nil
	case "quit", "exit":
		return errQuit
	}
	var werr error
	c.Bot.Serve(ctx, bot.Request{Platform: Platform, Command: bot.ParseCommand(command, text), UserID: "console", ChannelID: "console"},
		bot.ResponderFunc(func(_ context.Context, r bot.Reply) error {
			var buf bytes.Buffer
			if err := Render(&buf, r); err != nil {
				return err
			}
			buf.WriteByte('\n')
			if _, err := c.Out.Write(buf.Bytes()); err != nil {
				werr = fmt.Errorf("console: writing: %w", err)
				return werr
			}
			return nil
		}))
	return werr
}

// Render writes a reply as plain text, without control characters that a terminal
// would act on (text from articles is not trusted).
func Render(w io.Writer, r bot.Reply) error {
	_, err := io.WriteString(w, bot.PlainText(bot.Render[string](r, plain{})))
	return err
}

// plain renders each kind of reply as the text the CLI prints.
type plain struct{}

// text returns what write writes.
func text(write func(io.Writer) error) string {
	var sb strings.Builder
	_ = write(&sb) // a strings.Builder takes every write
	return sb.String()
}

func (plain) Briefing(b *bot.Briefing) string                 { return text(b.WriteText) }
func (plain) WhoSaid(w *bot.WhoSaid, _ bot.Visibility) string { return text(w.WriteText) }
func (plain) Help(h *bot.Help) string                         { return text(h.WriteText) }
func (plain) Notice(s string) string                          { return s + "\n" }
