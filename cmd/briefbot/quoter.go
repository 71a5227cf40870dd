package main

import (
	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/summarize/quotes"
)

// newQuoter returns the Quoter that answers /who-said in chat and serve: the quotation
// extractor, matching terms in the quoted words.
func newQuoter() bot.Quoter {
	return bot.NewQuoter(quotes.Options{})
}
