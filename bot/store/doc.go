// Package store is briefbot's embedded database: one SQLite file (modernc.org/sqlite,
// pure Go, no cgo) that holds the ledger of scheduled briefings and the scheduler's
// lease, and the news read from feeds. DB implements schedule.Store and feeds.Store.
//
// # The file
//
// Open sets, on every connection: WAL mode (readers never wait for the writer), a
// busy timeout (a writer waits that long for another, then fails with ErrLocked),
// foreign keys on, synchronous=FULL (each commit is on the disk before it returns, so
// a claim survives even a power cut: the ledger writes a few rows a day, and the cost
// of an fsync each is nothing beside a post twice), and BEGIN IMMEDIATE transactions, which take the write lock at their start
// so that two writers never deadlock midway. It runs SQLite's quick_check, so a
// damaged file is reported at start (ErrCorrupt) and never written to.
//
// Every method is one transaction; an error leaves the database as it was. Errors
// say what was attempted and wrap ErrCorrupt, ErrLocked, ErrFull (the disk or the
// size limit is full: nothing of the failed write is kept, nothing written before is
// lost) or ErrAccess, beside SQLite's own error.
//
// # Migrations
//
// The schema is versioned by the SQL files in migrations/ (NNNN_name.sql, embedded),
// applied in order at Open, each in its own transaction together with its row in
// schema_migrations, so a failed migration leaves the previous version intact. A
// database migrated by a newer briefbot is refused (ErrNewerSchema) rather than
// written by code that does not know its tables. Open writes nothing when the schema
// is current, so a second process opens the file while the first holds the write lock.
//
// The runner is a hundred lines here rather than a library: pressly/goose v3.30.0 would add
// 5 modules to the build (83 to the module graph) and 0.8 MB to a stripped binary for
// features briefbot does not use (down migrations, Go migrations, several dialects in
// one file); golang-migrate v4.20.1 requires a 2022 modernc.org/sqlite (v1.18.1) and
// brings 216 modules into the graph.
//
// 0002_articles.sql holds the news that package feeds ingests: articles (the text once,
// its first copy, when it was first seen, its SimHash), article_copies (every feed and
// URL it came through, with their outlet and title), seen (the items of each feed
// already seen) and feeds (each feed's validators and when it was seeded). DB
// implements feeds.Store, and is a bot.Source: Articles returns the articles first seen
// in a window, once per outlet that carried them; Select keeps those of some feeds.
// The news are written through a second pool with synchronous=NORMAL (see DB).
//
// # The lease
//
// A lease is a row (name, owner, expires_at) taken with one upsert that changes the row
// only when it is free, expired, or the owner's own (a renewal), then read back in the
// same transaction. Claims made under a lease check it in their transaction. Nothing
// depends on file locks or on SQLite, so a PostgreSQL Store can use the same
// statements ($1 for ?) and run schedule's StoreSuite unchanged.
package store
