package bot

import (
	"context"
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/briefbot/briefbot/summarize"
)

// ErrNoArticles means a source holds no article: summarize's own sentinel, so that one
// errors.Is answers for both.
var ErrNoArticles = summarize.ErrNoArticles

// ErrShuttingDown means the bot is draining its work before it stops and takes no new
// command.
var ErrShuttingDown = errors.New("bot: shutting down")

// noArticles is the error of a source that holds no article: its message says where,
// and what was skipped; errors.Is finds ErrNoArticles in it.
type noArticles struct{ msg string }

func (e *noArticles) Error() string        { return e.msg }
func (e *noArticles) Is(target error) bool { return target == ErrNoArticles }

// NoArticles returns an error that says msg ("no articles in the store from …") and
// matches ErrNoArticles: what a Source returns when it has nothing for a window.
func NoArticles(msg string) error { return &noArticles{msg} }

// ErrBusy means the bot has more commands waiting than it takes: the command is answered
// with an apology instead of queueing for ever.
var ErrBusy = errors.New("bot: too many commands waiting")

// A UsageError means a command was typed wrong. Its Problem is meant for the user.
type UsageError struct {
	// Command is the platform-neutral command name, or CommandUnknown.
	Command string
	// Problem says what is wrong, in a short lower-case clause; empty when the command is
	// not known at all.
	Problem string
}

// Error describes the problem for logs; UserMessage words it for the user.
func (e *UsageError) Error() string {
	if e.Problem == "" {
		return "bot: unknown command"
	}
	return "bot: " + e.Command + ": " + e.Problem
}

// An UnavailableError means a command exists but cannot be answered yet, such as
// /who-said in a bot built without a Quoter.
type UnavailableError struct {
	Command string
	// Reason says why, in a short lower-case clause.
	Reason string
}

// Error describes the problem for logs; UserMessage words it for the user.
func (e *UnavailableError) Error() string {
	return "bot: " + e.Command + " is not available: " + e.Reason
}

// UserMessage turns an error into the sentence a user reads. Errors the user can act on
// keep their wording; anything else becomes a short apology, since its detail belongs in
// the log.
func UserMessage(err error) string {
	var ue *UsageError
	var ua *UnavailableError
	var ns *NoStoryError
	switch {
	case err == nil:
		return ""
	case errors.As(err, &ns):
		return ns.Message()
	case errors.As(err, &ue):
		if ue.Problem == "" {
			return usageOf(ue.Command)
		}
		return sentence(ue.Problem) + " " + usageOf(ue.Command)
	case errors.As(err, &ua):
		return "/" + ua.Command + " is not available yet: " + ua.Reason + "."
	case errors.Is(err, ErrShuttingDown), errors.Is(err, context.Canceled):
		return "briefbot is restarting. Please try again in a minute."
	case errors.Is(err, ErrBusy):
		return "briefbot is busy right now. Please try again in a minute."
	case errors.Is(err, summarize.ErrTooMuchInput):
		var le *summarize.LimitError
		if errors.As(err, &le) {
			return "There are more articles than briefbot reads at once (" + le.What + "). Please ask whoever runs it to narrow the news folders or raise the limit."
		}
		return "There are more articles than briefbot reads at once. Please ask whoever runs it to narrow the news folders or raise the limit."
	case errors.Is(err, ErrNoArticles):
		return "There are no articles to brief on yet."
	case errors.Is(err, summarize.ErrNoSentences):
		return "The articles hold no sentences fit for a briefing."
	case errors.Is(err, context.DeadlineExceeded):
		return "Sorry, that took too long. Please try again."
	}
	return "Sorry, something went wrong. The error has been logged."
}

// sentence capitalizes a clause and ends it with a full stop.
func sentence(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	s = string(unicode.ToUpper(r)) + s[n:]
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}
