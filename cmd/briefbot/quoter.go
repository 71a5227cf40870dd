package main

import "github.com/briefbot/briefbot/bot"

// newQuoter returns the Quoter that answers /who-said in chat and serve, or nil while
// none is connected: the bot then answers that /who-said is not available yet.
//
// To connect the quotation extractor, return a bot.Quoter (bot.QuoterFunc) that builds a
// quotation index of the *summarize.Corpus it is given (once per corpus: the bot passes
// the same pointer until the articles change), looks the term up, and maps the result to
// a *bot.WhoSaid, turning a term the index refuses into a *bot.UsageError.
func newQuoter() bot.Quoter {
	return nil
}
