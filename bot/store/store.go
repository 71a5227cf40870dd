package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// DefaultPath is the database file of a config that names none.
const DefaultPath = "briefbot.db"

// DefaultBusyTimeout is how long a write waits for another connection's.
const DefaultBusyTimeout = 5 * time.Second

// Errors that say what is wrong with the database file; errors wrap them together
// with SQLite's own error.
var (
	// ErrCorrupt: the file is not a SQLite database, or it is damaged.
	ErrCorrupt = errors.New("the file is damaged or not a SQLite database")
	// ErrLocked: another connection held the database longer than the busy timeout.
	ErrLocked = errors.New("another connection holds the database")
	// ErrFull: the disk (or the database's size limit) is full; nothing was written.
	ErrFull = errors.New("no room left")
	// ErrAccess: the file or its folder cannot be opened or written.
	ErrAccess = errors.New("the file cannot be opened or written")
)

// Options configure Open. Zero values take the defaults.
type Options struct {
	// BusyTimeout is how long a write waits for another connection's (DefaultBusyTimeout).
	BusyTimeout time.Duration

	// pragmas are more PRAGMA statements for every connection (tests: max_page_count).
	pragmas []string
}

// A DB is the briefbot database in one SQLite file (WAL mode, foreign keys on): the
// ledger of scheduled slots and the leases. It implements schedule.Store and is safe
// for concurrent use, by several goroutines and by several processes on one file.
type DB struct {
	db *sql.DB
	// news is a second pool on the same file for the articles, the seen-set and the
	// feeds, whose commits are synchronous=NORMAL: in WAL mode a commit survives a crash
	// of the process, and a power cut may take back the last few, which the next pass
	// over the feeds reads again. The ledger's commits wait for the disk (FULL): a lost
	// claim could post a briefing twice. One fsync per stored article made 5,000
	// articles take 5.5 s to store and read back, 1.8 s without (BenchmarkStore5000).
	news *sql.DB
	path string
}

// dsn returns the data source name of a pool on path.
func dsn(path string, busy time.Duration, synchronous string, pragmas []string) string {
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busy.Milliseconds()))
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous("+synchronous+")")
	for _, p := range pragmas {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	return path + "?" + q.Encode()
}

// closeAll closes both pools, for a failed Open.
func (d *DB) closeAll() {
	d.db.Close()
	d.news.Close()
}

// Open opens the database file at path, creating it if need be, checks that it is
// sound, and runs the migrations it lacks. The errors wrap ErrCorrupt, ErrLocked,
// ErrFull, ErrAccess or ErrNewerSchema where they apply, and never leave the file
// changed but for the migrations that were committed.
func Open(ctx context.Context, path string, o Options) (*DB, error) {
	if path == "" || strings.ContainsRune(path, '?') || strings.HasPrefix(path, "file:") {
		return nil, fmt.Errorf("store: database path %q: want a file path, without '?'", path)
	}
	busy := o.BusyTimeout
	if busy <= 0 {
		busy = DefaultBusyTimeout
	}
	db, err := sql.Open("sqlite", dsn(path, busy, "FULL", o.pragmas))
	if err != nil {
		return nil, fmt.Errorf("store: opening %s: %w", path, err)
	}
	news, err := sql.Open("sqlite", dsn(path, busy, "NORMAL", o.pragmas))
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("store: opening %s: %w", path, err)
	}
	d := &DB{db: db, news: news, path: path}
	if err := d.check(ctx); err != nil {
		d.closeAll()
		return nil, err
	}
	if err := d.migrate(ctx, migrationFiles, func() int64 { return time.Now().UnixMilli() }); err != nil {
		d.closeAll()
		return nil, err
	}
	return d, nil
}

// check connects and runs SQLite's quick integrity check, so that a damaged file is
// reported at start rather than at the first write.
func (d *DB) check(ctx context.Context) error {
	rows, err := d.db.QueryContext(ctx, `PRAGMA quick_check(5)`)
	if err != nil {
		return fmt.Errorf("store: opening %s: %w", d.path, classify(err))
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return fmt.Errorf("store: checking %s: %w", d.path, classify(err))
		}
		if s != "ok" {
			problems = append(problems, s)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: checking %s: %w", d.path, classify(err))
	}
	if len(problems) > 0 {
		return fmt.Errorf("store: checking %s: %w: %s", d.path, ErrCorrupt, strings.Join(problems, "; "))
	}
	return nil
}

// Close closes the database.
func (d *DB) Close() error {
	err := errors.Join(d.news.Close(), d.db.Close())
	if err != nil {
		return fmt.Errorf("store: closing %s: %w", d.path, classify(err))
	}
	return nil
}

// Path returns the database file's path.
func (d *DB) Path() string { return d.path }

// Version returns the database's schema version.
func (d *DB) Version(ctx context.Context) (int, error) {
	v, err := version(ctx, d.db)
	if err != nil {
		return 0, fmt.Errorf("store: reading the schema version of %s: %w", d.path, classify(err))
	}
	return v, nil
}

// tx runs f in a transaction (BEGIN IMMEDIATE: it takes the write lock at once, so
// it waits for another writer at the start rather than failing midway) and commits.
func (d *DB) tx(ctx context.Context, f func(*sql.Tx) error) error {
	return inTx(ctx, d.db, f)
}

// newsTx is tx on the pool of the news.
func (d *DB) newsTx(ctx context.Context, f func(*sql.Tx) error) error {
	return inTx(ctx, d.news, f)
}

// inTx runs f in a transaction of the pool db, and commits.
func inTx(ctx context.Context, db *sql.DB, f func(*sql.Tx) error) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := f(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}

// classify wraps err with the sentinel that says what SQLite's error code means.
func classify(err error) error {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return err
	}
	var kind error
	switch se.Code() & 0xff {
	case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
		kind = ErrCorrupt
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		kind = ErrLocked
	case sqlite3.SQLITE_FULL:
		kind = ErrFull
	case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM:
		kind = ErrAccess
	default:
		return err
	}
	return fmt.Errorf("%w: sqlite: %w", kind, err)
}
