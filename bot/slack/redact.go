package slack

import (
	"context"
	"encoding/base64"
	"fmt"
	"log/slog"
	"net/url"
	"regexp"
	"strings"
)

// Patterns of credentials that Redact masks.
var (
	// userinfoRE matches the user information of a URL: scheme://user:password@. The
	// authority runs to the last @ before the path, so a password holding an @ is
	// masked whole.
	userinfoRE = regexp.MustCompile(`([A-Za-z][A-Za-z0-9+.\-]*://)[^/?#\s"'<>\\]*@`)
	// tokenRE matches Slack tokens: xoxb-, xoxp-, xoxa-, xoxe-…, rotating ones such as
	// xoxe.xoxp-, and app tokens, xapp-.
	tokenRE = regexp.MustCompile(`(xox[a-z](?:\.xox[a-z])?|xapp)-[A-Za-z0-9\-]+`)
	// hookRE matches Slack's webhook and response URLs, which let anyone who has them post.
	hookRE = regexp.MustCompile(`(hooks\.slack(?:-gov)?\.com)/[^\s"'<>]+`)
	// authRE matches the credentials of an Authorization header.
	authRE = regexp.MustCompile(`(?i)\b(basic|bearer)\s+[A-Za-z0-9+/=._~\-]+`)
)

// Redact returns s with credentials masked: the user information of URLs
// (https://user:pass@proxy/ becomes https://redacted@proxy/), Slack tokens (xoxb-…,
// xoxp-…, xapp-…, xoxe.xoxp-…, the prefix kept: xoxb-redacted), the paths of Slack's
// webhook and response URLs (hooks.slack.com/redacted), and Basic or Bearer
// credentials. Every error and log line of the adapter goes through it.
func Redact(s string) string {
	if !mayHoldCredentials(s) {
		return s
	}
	s = userinfoRE.ReplaceAllString(s, "${1}redacted@")
	s = tokenRE.ReplaceAllString(s, "${1}-redacted")
	s = hookRE.ReplaceAllString(s, "${1}/redacted")
	return authRE.ReplaceAllString(s, "${1} redacted")
}

// mayHoldCredentials reports whether s may hold what Redact masks: a quick test that
// spares most texts the regular expressions.
func mayHoldCredentials(s string) bool {
	for _, sub := range []string{"://", "xox", "xapp", "hooks.slack", "asic", "ASIC", "earer", "EARER"} {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// minSecretLen is the shortest configured secret that the adapter masks wherever it
// appears; shorter ones would mask common words (and no real token is that short).
const minSecretLen = 8

// newRedactor returns what the adapter masks its errors and logs with: the configured
// secrets wherever they appear (tokens, the signing secret, the password of the API
// URL, and its Basic credentials), then Redact.
func newRedactor(c Config) func(string) string {
	secrets := []string{c.BotToken, c.AppToken, c.SigningSecret}
	if u, err := url.Parse(c.APIURL); err == nil && u.User != nil {
		pass, _ := u.User.Password()
		secrets = append(secrets, pass, base64.StdEncoding.EncodeToString([]byte(u.User.String())))
		if unescaped, err := url.PathUnescape(u.User.String()); err == nil {
			secrets = append(secrets, base64.StdEncoding.EncodeToString([]byte(unescaped)))
		}
	}
	var pairs []string
	for _, s := range secrets {
		if len(s) >= minSecretLen {
			pairs = append(pairs, s, "[redacted]")
		}
	}
	known := strings.NewReplacer(pairs...)
	return func(s string) string { return Redact(known.Replace(s)) }
}

// redactedError is an error whose message has its credentials masked. It wraps the
// original, for errors.Is and errors.As; a caller that prints what those find prints
// it unmasked.
type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.err }

// failure returns err as the adapter returns its errors: with its kind
// (ErrTokenRejected, ErrUnreachable) in its chain, and the credentials in its message
// masked, the URLs in urls (a command's response_url, a credential of its own) too.
func (a *Adapter) failure(err error, urls ...string) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	for _, u := range urls {
		msg = maskURL(msg, u)
	}
	return &redactedError{msg: a.redact(msg), err: withKind(err)}
}

// maskURL replaces raw in s by its scheme and host: as written, and its host and path
// wherever they appear (net/url and net/http print a URL in forms of their own, the
// password as *** or xxxxx).
func maskURL(s, raw string) string {
	if raw == "" {
		return s
	}
	masked := "a response_url"
	if u, err := url.Parse(raw); err == nil && u.Host != "" {
		masked = u.Scheme + "://" + u.Host + "/redacted"
		s = strings.ReplaceAll(s, raw, masked)
		if tail := strings.TrimPrefix(u.RequestURI(), "/"); tail != "" {
			s = strings.ReplaceAll(s, u.Host+"/"+tail, u.Host+"/redacted")
		}
		return s
	}
	return strings.ReplaceAll(s, raw, masked)
}

// redactingHandler is a slog.Handler that masks credentials in the message and the
// attributes of every record before its handler writes them: strings, errors,
// Stringers, and any other value whose printed form holds one.
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
