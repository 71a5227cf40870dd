package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/console"
)

func chatCommand() *command {
	return &command{
		name:    "chat",
		args:    "[FILE|DIR...]",
		summary: "run the chat bot in the terminal: type /brief, /who-said TERM or /help",
		help: `Chat runs the whole bot in the terminal, with no platform and no token: type a command a
line, as you would in Slack, and read the same answers as text.

  /brief            the briefing of the articles
  /who-said TERM    who is quoted saying TERM
  /help             the commands
  /quit             leave (so does Ctrl-D)

With no arguments it reads the articles embedded in briefbot; otherwise each FILE and
every file in each DIR, as brief does. Commands may also come from a pipe:

  printf '/brief\n/who-said ceasefire\n' | briefbot chat`,
		flags: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
			o := summaryFlags(fs, briefWords, briefSentences)
			in := articleFlags(fs)
			return func(ctx context.Context, e *env, args []string) error {
				opts, err := o.options()
				if err != nil {
					return err
				}
				b, err := in.bot(e, args, func(bo *bot.Options) { bo.Summary, bo.Quoter = opts, newQuoter() })
				if err != nil {
					return err
				}
				c := &console.Console{Bot: b, In: e.stdin, Out: e.stdout}
				if isTerminal(e.stdin) {
					c.Prompt = "> "
				}
				if err := c.Run(ctx); err != nil {
					return fmt.Errorf("chat: %w", err)
				}
				return nil
			}
		},
	}
}

// isTerminal reports whether r is a terminal (a character device), where a prompt helps.
func isTerminal(r any) bool {
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}
