package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"runtime/debug"
	"sort"
	"strings"

	"github.com/briefbot/briefbot/bot"
)

// Exit codes.
const (
	exitOK    = 0
	exitError = 1
	exitUsage = 2
)

// env is what a command runs with: its streams and logger.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	log            *slog.Logger
}

// A command is one subcommand of briefbot.
type command struct {
	name    string
	args    string // the positional arguments, for the usage line
	summary string // one line for the command list
	help    string // what the command does, for its --help
	// oneShot marks a command that reads its articles once and exits: it trades memory
	// (a few times the size of the text) for fewer garbage collections.
	oneShot bool
	// flags declares the command's flags on fs and returns the function that runs it.
	flags func(fs *flag.FlagSet) func(ctx context.Context, e *env, args []string) error
}

// commands are briefbot's subcommands by name.
var commands = commandTable(briefCommand(), summarizeCommand(), storiesCommand(), readCommand(), whoSaidCommand(), quotesCommand(), chatCommand(), serveCommand(), configCommand(), scheduleCommand(), postCommand())

func commandTable(list ...*command) map[string]*command {
	m := make(map[string]*command, len(list))
	for _, c := range list {
		m[c.name] = c
	}
	return m
}

// usageError is an error in how briefbot was called; it exits with exitUsage.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{fmt.Sprintf(format, args...)}
}

// run runs briefbot with the command-line arguments args and returns the exit code.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	global := flag.NewFlagSet("briefbot", flag.ContinueOnError)
	global.SetOutput(io.Discard)
	level := global.String("log-level", "warn", "log `level`: debug, info, warn or error")
	format := global.String("log-format", "text", "log `format`: text or json")
	global.Usage = func() {} // the ErrHelp case below prints the usage once
	if err := global.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			mainUsage(stdout, global)
			return exitOK
		}
		fmt.Fprintf(stderr, "briefbot: %v\nRun 'briefbot --help' for usage.\n", err)
		return exitUsage
	}
	log, err := newLogger(stderr, *level, *format)
	if err != nil {
		fmt.Fprintf(stderr, "briefbot: %v\n", err)
		return exitUsage
	}
	rest := global.Args()
	if len(rest) == 0 {
		mainUsage(stderr, global)
		return exitUsage
	}
	name := rest[0]
	if name == "help" {
		if len(rest) > 1 {
			if c, ok := commands[rest[1]]; ok {
				commandUsage(stdout, c)
				return exitOK
			}
		}
		mainUsage(stdout, global)
		return exitOK
	}
	c, ok := commands[name]
	if !ok {
		fmt.Fprintf(stderr, "briefbot: unknown command %q\nRun 'briefbot --help' for usage.\n", name)
		return exitUsage
	}
	fs := flag.NewFlagSet("briefbot "+c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	runCmd := c.flags(fs)
	positional, err := parseInterspersed(fs, rest[1:])
	if errors.Is(err, flag.ErrHelp) {
		commandUsage(stdout, c)
		return exitOK
	}
	if err == nil {
		if c.oneShot {
			defer debug.SetGCPercent(debug.SetGCPercent(400))
		}
		e := &env{stdin: stdin, stdout: stdout, stderr: stderr, log: log}
		err = runCmd(ctx, e, positional)
	}
	var ue *usageError
	switch {
	case err == nil:
		return exitOK
	case ctx.Err() != nil && errors.Is(err, context.Canceled):
		fmt.Fprintf(stderr, "briefbot %s: interrupted\n", c.name)
		return exitError
	case errors.As(err, &ue) || isFlagError(err):
		fmt.Fprintf(stderr, "briefbot %s: %v\nRun 'briefbot %s --help' for usage.\n", c.name, bot.Redact(err.Error(), secretValues()...), c.name)
		return exitUsage
	}
	fmt.Fprintf(stderr, "briefbot %s: %v\n", c.name, bot.Redact(oneLine(err), secretValues()...))
	return exitError
}

// parseInterspersed parses flags that may come before, between or after positional
// arguments ("brief DIR --words 80"); "--" ends the flags.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, flagError{err}
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		if fs.NArg() < len(args) || args[0] == "--" { // flag.Parse consumed "--"
			return append(positional, args...), nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

// flagError marks errors of the flag package, which are usage errors.
type flagError struct{ err error }

func (e flagError) Error() string { return e.err.Error() }
func (e flagError) Unwrap() error { return e.err }

func isFlagError(err error) bool {
	var fe flagError
	return errors.As(err, &fe)
}

// oneLine keeps an error message on one line.
func oneLine(err error) string {
	return strings.Join(strings.Fields(err.Error()), " ")
}

func mainUsage(w io.Writer, global *flag.FlagSet) {
	fmt.Fprint(w, `briefbot turns news articles into a short briefing and answers questions about them.

Usage:
  briefbot [global flags] <command> [flags] [arguments]

Commands:
`)
	names := make([]string, 0, len(commands))
	for name := range commands {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		fmt.Fprintf(w, "  %-10s %s\n", name, commands[name].summary)
	}
	fmt.Fprint(w, "\nGlobal flags:\n")
	printDefaults(w, global)
	fmt.Fprint(w, `
With no files or folders, commands read the articles embedded in briefbot (the seeds).
Run 'briefbot <command> --help' for a command's flags.
Exit status: 0 on success, 1 on an error, 2 on bad usage.
`)
}

func commandUsage(w io.Writer, c *command) {
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	c.flags(fs)
	fmt.Fprintf(w, "Usage: briefbot %s [flags] %s\n\n%s\n", c.name, c.args, strings.TrimSpace(c.help))
	if hasFlags(fs) {
		fmt.Fprint(w, "\nFlags:\n")
		printDefaults(w, fs)
	}
}

func hasFlags(fs *flag.FlagSet) bool {
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	return n > 0
}

// printDefaults lists flags GNU style ("--words N"), which is how the help text spells them.
func printDefaults(w io.Writer, fs *flag.FlagSet) {
	fs.VisitAll(func(f *flag.Flag) {
		name, usage := flag.UnquoteUsage(f)
		left := "--" + f.Name
		if name != "" {
			left += " " + name
		}
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" {
			usage += fmt.Sprintf(" (default %s)", f.DefValue)
		}
		fmt.Fprintf(w, "  %-22s %s\n", left, usage)
	})
}
