package store

import (
	"context"
	"io/fs"
)

// WithPragma returns o with one more PRAGMA for every connection.
func WithPragma(o Options, pragma string) Options {
	o.pragmas = append(o.pragmas, pragma)
	return o
}

// Migrate runs the migrations in fsys instead of the embedded ones.
func Migrate(ctx context.Context, d *DB, fsys fs.FS) error {
	return d.migrate(ctx, fsys, func() int64 { return 0 })
}

// Exec runs a statement on the database, for tests that set up odd states.
func Exec(ctx context.Context, d *DB, query string, args ...any) error {
	_, err := d.db.ExecContext(ctx, query, args...)
	return err
}
