package discord

import (
	"encoding/base64"
	"errors"
	"net/url"
	"regexp"
	"unicode/utf8"

	"github.com/briefbot/briefbot/bot"
)

// hookTokenRE matches the token in the path of an interaction's routes
// (interactions/{id}/{token}/callback, webhooks/{app}/{token}/…): it lets anyone who
// has it answer the interaction for 15 minutes. The token ends at a separator of a URL
// or of a message (a space, a tab, a line break, a quote); a form feed or a vertical
// tab inside it is masked with it rather than taken for its end.
var hookTokenRE = regexp.MustCompile(`((?:interactions|webhooks)/[0-9]+/)[^/?#"'<>\\ \t\r\n]+`)

// newRedactor returns what the session masks its errors and logs with: the bot token
// wherever it appears, the password of the API URL and its Basic credentials, the
// tokens of interaction routes, then bot.Redact.
func newRedactor(c Config) func(string) string {
	secrets := []string{c.Token}
	if u, err := url.Parse(c.APIURL); err == nil && u.User != nil {
		pass, _ := u.User.Password()
		secrets = append(secrets, pass, base64.StdEncoding.EncodeToString([]byte(u.User.String())))
		if unescaped, err := url.PathUnescape(u.User.String()); err == nil {
			secrets = append(secrets, base64.StdEncoding.EncodeToString([]byte(unescaped)))
		}
	}
	return func(s string) string {
		return bot.Redact(hookTokenRE.ReplaceAllString(s, "${1}redacted"), secrets...)
	}
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

// failure returns err as the package returns its errors: with its kind
// (ErrTokenRejected, ErrUnreachable), from the answer's status when there was one, in
// its chain, and the credentials in its message masked.
func (s *session) failure(err error, status int) error {
	return s.failureKind(err, kindOf(err, status))
}

// failureKind is failure with the kind given (nil for none).
func (s *session) failureKind(err error, kind error) error {
	if err == nil {
		return nil
	}
	if kind != nil && !errors.Is(err, kind) {
		err = &kindError{err: err, kind: kind}
	}
	return &redactedError{msg: s.redact(err.Error()), err: err}
}

// maxShortError is the longest error Ready shows.
const maxShortError = 200

// shortError returns what Ready shows of err: the failure without the call that
// failed (for an HTTP error, the transport's own message), masked and cut.
func (s *session) shortError(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	msg := s.redact(err.Error())
	if len(msg) > maxShortError {
		cut := maxShortError
		for cut > 0 && !utf8.RuneStart(msg[cut]) {
			cut--
		}
		msg = msg[:cut] + "…"
	}
	return msg
}
