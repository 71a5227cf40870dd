package bot

import (
	"errors"

	"github.com/briefbot/briefbot/summarize"
)

// ErrNoArticles means a source holds no article.
var ErrNoArticles = errors.New("no articles")

// UserMessage turns an error into the sentence a user reads. Errors the user can act on
// keep their wording; anything else becomes a short apology, since its detail belongs in
// the log.
func UserMessage(err error) string {
	switch {
	case err == nil:
		return ""
	case errors.Is(err, ErrNoArticles):
		return "There are no articles to brief on yet."
	case errors.Is(err, summarize.ErrNoSentences):
		return "The articles hold no sentences fit for a briefing."
	}
	return "Sorry, something went wrong. The error has been logged."
}
