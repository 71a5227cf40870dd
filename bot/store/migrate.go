package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// A migration is one versioned SQL file, applied once in its own transaction.
type migration struct {
	version int
	name    string
	sql     string
}

// migrations reads the embedded files "NNNN_name.sql"; versions run from 1 up without
// a gap.
func migrations(fsys fs.FS) ([]migration, error) {
	names, err := fs.Glob(fsys, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, name := range names {
		base := path.Base(name)
		num, _, ok := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v < 1 {
			return nil, fmt.Errorf("migration %s: the name must start with a version number and an underscore", base)
		}
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: v, name: base, sql: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i, m := range ms {
		if m.version != i+1 {
			return nil, fmt.Errorf("migration %s: version %d, want %d", m.name, m.version, i+1)
		}
	}
	return ms, nil
}

// SchemaVersion is the schema version this build migrates databases to.
func SchemaVersion() int {
	ms, err := migrations(migrationFiles)
	if err != nil {
		return 0
	}
	return len(ms)
}

const createVersions = `CREATE TABLE IF NOT EXISTS schema_migrations (
	version    INTEGER PRIMARY KEY,
	name       TEXT NOT NULL,
	applied_at INTEGER NOT NULL
) STRICT`

// version returns the database's schema version: 0 for a new database.
func version(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}) (int, error) {
	var n int
	err := q.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'`).Scan(&n)
	if err != nil || n == 0 {
		return 0, err
	}
	var v sql.NullInt64
	if err := q.QueryRowContext(ctx, `SELECT max(version) FROM schema_migrations`).Scan(&v); err != nil {
		return 0, err
	}
	return int(v.Int64), nil
}

// migrate brings the database to the latest schema, one committed transaction per
// migration, and refuses a database whose schema is newer than this build knows. It
// writes nothing when the schema is current, so that it works beside a writer that
// holds the database.
func (d *DB) migrate(ctx context.Context, fsys fs.FS, now func() int64) error {
	ms, err := migrations(fsys)
	if err != nil {
		return fmt.Errorf("store: reading the migrations: %w", err)
	}
	cur, err := version(ctx, d.db)
	if err != nil {
		return fmt.Errorf("store: reading the schema version of %s: %w", d.path, classify(err))
	}
	if cur > len(ms) {
		return fmt.Errorf("store: %s has schema version %d, newer than the %d this briefbot knows: %w", d.path, cur, len(ms), ErrNewerSchema)
	}
	for _, m := range ms[cur:] {
		err := d.tx(ctx, func(tx *sql.Tx) error {
			// Another process may have migrated since the check above.
			v, err := version(ctx, tx)
			if err != nil || v >= m.version {
				return err
			}
			if _, err := tx.ExecContext(ctx, createVersions); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, m.sql); err != nil {
				return err
			}
			_, err = tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
				m.version, m.name, now())
			return err
		})
		if err != nil {
			return fmt.Errorf("store: migrating %s to version %d (%s): %w", d.path, m.version, m.name, classify(err))
		}
	}
	return nil
}

// ErrNewerSchema: the database was migrated by a newer briefbot.
var ErrNewerSchema = errors.New("schema newer than this build")
