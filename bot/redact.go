package bot

import (
	"context"
	"fmt"
	"log/slog"
	"regexp"
	"strings"
)

// Redacted stands for a credential in a message when nothing of it is kept.
const Redacted = "[redacted]"

// Patterns of credentials that Redact masks by their shape.
var (
	// userinfoRE matches the user information of a URL: scheme://user:password@. The
	// authority runs to the last @ before the path, so a password holding an @ is
	// masked whole.
	userinfoRE = regexp.MustCompile(`([A-Za-z][A-Za-z0-9+.\-]*://)[^/?#\s"'<>\\]*@`)
	// slackTokenRE matches Slack tokens: xoxb-, xoxp-, xoxa-, xoxe-…, rotating ones such
	// as xoxe.xoxp-, and app tokens, xapp-.
	slackTokenRE = regexp.MustCompile(`(xox[a-z](?:\.xox[a-z])?|xapp)-[A-Za-z0-9\-]+`)
	// hookRE matches Slack's webhook and response URLs, which let anyone who has them post.
	hookRE = regexp.MustCompile(`(hooks\.slack(?:-gov)?\.com)/[^\s"'<>]+`)
	// authRE matches the credentials of an Authorization header.
	authRE = regexp.MustCompile(`(?i)\b(basic|bearer|bot)\s+([A-Za-z0-9+/=._~\-]{8,})`)
	// discordTokenRE matches Discord bot tokens: three base64 parts joined by dots.
	discordTokenRE = regexp.MustCompile(`\b[A-Za-z0-9_-]{23,28}\.[A-Za-z0-9_-]{6,7}\.[A-Za-z0-9_-]{27,}`)
)

// Redact returns s with every credential masked: each of the given secrets wherever it
// appears, and those of a known shape: the user information of URLs
// (https://user:pass@proxy/ becomes https://redacted@proxy/), Slack tokens (the prefix
// kept: xoxb-redacted), the paths of Slack's webhook and response URLs, Basic, Bearer
// and Bot credentials, and Discord bot tokens. Use it on any text that may reach a log
// line or a user and may hold a URL, an HTTP exchange or a configuration value.
func Redact(s string, secrets ...string) string {
	for _, secret := range secrets {
		if len(secret) >= minSecretLen {
			s = strings.ReplaceAll(s, secret, Redacted)
		}
	}
	if !mayHoldCredentials(s) {
		return s
	}
	s = userinfoRE.ReplaceAllString(s, "${1}redacted@")
	s = slackTokenRE.ReplaceAllString(s, "${1}-redacted")
	s = hookRE.ReplaceAllString(s, "${1}/redacted")
	s = authRE.ReplaceAllString(s, "${1} redacted")
	return discordTokenRE.ReplaceAllString(s, Redacted)
}

// minSecretLen is the shortest secret that Redact masks wherever it appears; shorter ones
// would mask common words (and no real credential is that short).
const minSecretLen = 8

// mayHoldCredentials reports whether s may hold what the patterns match: a quick test
// that spares most texts the regular expressions.
func mayHoldCredentials(s string) bool {
	for _, sub := range []string{"://", "xox", "xapp", "hooks.slack", "asic", "ASIC", "earer", "EARER", "ot ", "OT ", "."} {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// RedactingHandler returns a slog.Handler that masks credentials with redact in the
// message and the attributes of every record before h writes them: strings, errors,
// Stringers, and any other value whose printed form holds one.
func RedactingHandler(h slog.Handler, redact func(string) string) slog.Handler {
	return &redactingHandler{h: h, redact: redact}
}

type redactingHandler struct {
	h      slog.Handler
	redact func(string) string
}

func (h *redactingHandler) Enabled(ctx context.Context, l slog.Level) bool {
	return h.h.Enabled(ctx, l)
}

func (h *redactingHandler) Handle(ctx context.Context, r slog.Record) error {
	out := slog.NewRecord(r.Time, r.Level, h.redact(r.Message), r.PC)
	r.Attrs(func(a slog.Attr) bool {
		out.AddAttrs(h.attr(a))
		return true
	})
	return h.h.Handle(ctx, out)
}

func (h *redactingHandler) WithAttrs(as []slog.Attr) slog.Handler {
	red := make([]slog.Attr, len(as))
	for i, a := range as {
		red[i] = h.attr(a)
	}
	return &redactingHandler{h: h.h.WithAttrs(red), redact: h.redact}
}

func (h *redactingHandler) WithGroup(name string) slog.Handler {
	return &redactingHandler{h: h.h.WithGroup(name), redact: h.redact}
}

// attr returns a with its value's credentials masked.
func (h *redactingHandler) attr(a slog.Attr) slog.Attr {
	v := a.Value.Resolve()
	switch v.Kind() {
	case slog.KindString:
		return slog.String(a.Key, h.redact(v.String()))
	case slog.KindGroup:
		g := v.Group()
		red := make([]any, len(g))
		for i, x := range g {
			red[i] = h.attr(x)
		}
		return slog.Group(a.Key, red...)
	case slog.KindAny:
		switch x := v.Any().(type) {
		case error:
			return slog.String(a.Key, h.redact(x.Error()))
		case fmt.Stringer:
			return slog.String(a.Key, h.redact(x.String()))
		default:
			if s := fmt.Sprintf("%+v", x); h.redact(s) != s {
				return slog.String(a.Key, h.redact(s))
			}
		}
	}
	return slog.Attr{Key: a.Key, Value: v}
}
