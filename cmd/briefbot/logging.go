package main

import (
	"fmt"
	"io"
	"log/slog"
	"os"

	"github.com/briefbot/briefbot/bot"
)

// newLogger returns the logger of every command: text or JSON on w, at level, with every
// credential masked (bot.RedactingHandler).
func newLogger(w io.Writer, level, format string) (*slog.Logger, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil {
		return nil, fmt.Errorf("bad --log-level %q: want debug, info, warn or error", level)
	}
	opts := &slog.HandlerOptions{Level: l}
	var h slog.Handler
	switch format {
	case "text":
		h = slog.NewTextHandler(w, opts)
	case "json":
		h = slog.NewJSONHandler(w, opts)
	default:
		return nil, fmt.Errorf("bad --log-format %q: want text or json", format)
	}
	secrets := secretValues()
	return slog.New(bot.RedactingHandler(h, func(s string) string { return bot.Redact(s, secrets...) })), nil
}

// secretValues returns the values of the secrets set in the environment, which no
// message may show.
func secretValues() []string {
	var out []string
	for _, name := range secretNames {
		if v := os.Getenv(name); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// routeStdLog sends what is written with the standard log package (discordgo's own log
// lines, its errors only) to log, which masks credentials, at level warn.
func routeStdLog(log *slog.Logger) {
	slog.SetDefault(log)
	slog.SetLogLoggerLevel(slog.LevelWarn)
}
