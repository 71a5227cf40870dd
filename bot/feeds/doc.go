// Package feeds brings fresh news into briefbot: RSS, Atom and JSON feeds and single
// article pages, fetched politely, their main text extracted, only new items kept (a
// seen-set per feed, a feed read for the first time seeded silently), near-duplicates
// stored once with all their copies, old articles pruned. What it learns goes into a
// Store (bot/store implements it on SQLite); the store is then a bot.Source.
package feeds
