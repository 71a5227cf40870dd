package slack

import (
	"encoding/base64"
	"net/url"
	"strings"

	"github.com/briefbot/briefbot/bot"
)

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
	return func(s string) string { return bot.Redact(s, secrets...) }
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
