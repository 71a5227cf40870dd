package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"

	"github.com/briefbot/briefbot/bot"
)

// newLogger returns the logger of every command: text or JSON on w, at level, with every
// credential masked (see redactHandler).
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
	return slog.New(redactHandler{h, secretValues()}), nil
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

// redactHandler masks credentials (bot.Redact) in the message and in every string, error
// and stringer attribute of a record before its handler writes it: a token pasted into
// a config value, or a password in a URL, never reaches a log line.
type redactHandler struct {
	slog.Handler
	secrets []string
}

func (h redactHandler) Handle(ctx context.Context, r slog.Record) error {
	out := slog.NewRecord(r.Time, r.Level, bot.Redact(r.Message, h.secrets...), r.PC)
	r.Attrs(func(a slog.Attr) bool {
		out.AddAttrs(h.attr(a))
		return true
	})
	return h.Handler.Handle(ctx, out)
}

func (h redactHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	clean := make([]slog.Attr, len(attrs))
	for i, a := range attrs {
		clean[i] = h.attr(a)
	}
	return redactHandler{h.Handler.WithAttrs(clean), h.secrets}
}

func (h redactHandler) WithGroup(name string) slog.Handler {
	return redactHandler{h.Handler.WithGroup(name), h.secrets}
}

// attr masks the credentials of one attribute.
func (h redactHandler) attr(a slog.Attr) slog.Attr {
	v := a.Value.Resolve()
	switch v.Kind() {
	case slog.KindString:
		return slog.String(a.Key, bot.Redact(v.String(), h.secrets...))
	case slog.KindGroup:
		group := v.Group()
		clean := make([]any, len(group))
		for i, g := range group {
			clean[i] = h.attr(g)
		}
		return slog.Group(a.Key, clean...)
	case slog.KindAny:
		switch x := v.Any().(type) {
		case error:
			return slog.String(a.Key, bot.Redact(x.Error(), h.secrets...))
		case fmt.Stringer:
			return slog.String(a.Key, bot.Redact(x.String(), h.secrets...))
		}
	}
	return slog.Attr{Key: a.Key, Value: v}
}
