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
	db   *sql.DB
	path string
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
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busy.Milliseconds()))
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(FULL)")
	for _, p := range o.pragmas {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("store: opening %s: %w", path, err)
	}
	d := &DB{db: db, path: path}
	if err := d.check(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if err := d.migrate(ctx, migrationFiles, func() int64 { return time.Now().UnixMilli() }); err != nil {
		db.Close()
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
	if err := d.db.Close(); err != nil {
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
	tx, err := d.db.BeginTx(ctx, nil)
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
