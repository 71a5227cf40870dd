package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/briefbot/briefbot/bot/schedule"
)

var _ schedule.Store = (*DB)(nil)

func ms(t time.Time) int64 { return t.UnixMilli() }

// nullMS stores the zero time as NULL.
func nullMS(t time.Time) sql.NullInt64 {
	if t.IsZero() {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: ms(t), Valid: true}
}

func fromMS(v sql.NullInt64) time.Time {
	if !v.Valid {
		return time.Time{}
	}
	return time.UnixMilli(v.Int64).UTC()
}

func bit(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Claim implements schedule.Ledger.
func (d *DB) Claim(ctx context.Context, c schedule.Claim) error {
	id := c.Slot.ID()
	err := d.tx(ctx, func(tx *sql.Tx) error {
		if c.Lease != "" {
			var owner string
			var expires int64
			err := tx.QueryRowContext(ctx, `SELECT owner, expires_at FROM leases WHERE name = ?`, c.Lease).Scan(&owner, &expires)
			if errors.Is(err, sql.ErrNoRows) || err == nil && (owner != c.Owner || expires <= ms(c.At)) {
				return fmt.Errorf("%w (%q by %q)", schedule.ErrLeaseLost, c.Lease, c.Owner)
			}
			if err != nil {
				return err
			}
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO slots
			(id, platform, channel_id, slot_at, kind, state, owner, attempts, maybe_posted, claimed_at, updated_at)
			VALUES (?, ?, ?, ?, ?, 'claimed', ?, 1, 1, ?, ?)
			ON CONFLICT (id) DO NOTHING`,
			id, c.Slot.Platform, c.Slot.Channel, ms(c.Slot.Time), string(c.Slot.Kind), c.Owner, ms(c.At), ms(c.At))
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return cmpErr(err, schedule.ErrExists)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: claiming %s: %w", id, classify(err))
	}
	return nil
}

// cmpErr returns err, or fallback when err is nil.
func cmpErr(err, fallback error) error {
	if err != nil {
		return err
	}
	return fallback
}

// updateClaimed runs an UPDATE of the claimed slot id.
func (d *DB) updateClaimed(ctx context.Context, what, id, set string, args ...any) error {
	res, err := d.db.ExecContext(ctx, `UPDATE slots SET `+set+` WHERE id = ? AND state = 'claimed'`, append(args, id)...)
	if err == nil {
		var n int64
		if n, err = res.RowsAffected(); err == nil && n == 0 {
			err = schedule.ErrNotClaimed
		}
	}
	if err != nil {
		return fmt.Errorf("store: %s %s: %w", what, id, classify(err))
	}
	return nil
}

// Retry implements schedule.Ledger.
func (d *DB) Retry(ctx context.Context, id, owner string, at time.Time) error {
	return d.updateClaimed(ctx, "starting another attempt at", id,
		`owner = ?, attempts = attempts + 1, maybe_posted = 1, retry_at = NULL, updated_at = ?`, owner, ms(at))
}

// Postpone implements schedule.Ledger.
func (d *DB) Postpone(ctx context.Context, id string, p schedule.Postponement) error {
	return d.updateClaimed(ctx, "postponing", id,
		`retry_at = ?, maybe_posted = ?, reason = ?, updated_at = ?`,
		nullMS(p.RetryAt), bit(p.MaybePosted), p.Reason, ms(p.At))
}

// Mark implements schedule.Ledger.
func (d *DB) Mark(ctx context.Context, id string, m schedule.Mark) error {
	switch m.State {
	case schedule.Posted, schedule.Failed, schedule.Skipped:
	default:
		return fmt.Errorf("store: marking %s: %q is not the final state of a claimed slot", id, m.State)
	}
	return d.updateClaimed(ctx, "marking", id,
		`state = ?, message_id = ?, reason = ?, maybe_posted = 0, retry_at = NULL, updated_at = ?`,
		string(m.State), m.MessageID, m.Reason, ms(m.At))
}

// Miss implements schedule.Ledger.
func (d *DB) Miss(ctx context.Context, s schedule.Slot, reason string, at time.Time) (bool, error) {
	res, err := d.db.ExecContext(ctx, `INSERT INTO slots
		(id, platform, channel_id, slot_at, kind, state, reason, updated_at)
		VALUES (?, ?, ?, ?, ?, 'missed', ?, ?)
		ON CONFLICT (id) DO NOTHING`,
		s.ID(), s.Platform, s.Channel, ms(s.Time), string(s.Kind), reason, ms(at))
	var n int64
	if err == nil {
		n, err = res.RowsAffected()
	}
	if err != nil {
		return false, fmt.Errorf("store: recording %s as missed: %w", s.ID(), classify(err))
	}
	return n == 1, nil
}

const recordColumns = `platform, channel_id, slot_at, kind, state, owner, attempts, maybe_posted,
	retry_at, message_id, reason, claimed_at, updated_at`

func scanRecord(sc interface{ Scan(...any) error }) (schedule.Record, error) {
	var (
		r                  schedule.Record
		slotAt, updated    int64
		kind, state        string
		maybe              int
		retryAt, claimedAt sql.NullInt64
	)
	err := sc.Scan(&r.Slot.Platform, &r.Slot.Channel, &slotAt, &kind, &state, &r.Owner, &r.Attempts, &maybe,
		&retryAt, &r.MessageID, &r.Reason, &claimedAt, &updated)
	if err != nil {
		return schedule.Record{}, err
	}
	r.Slot.Time = time.UnixMilli(slotAt).UTC()
	r.Slot.Kind, r.State, r.MaybePosted = schedule.Kind(kind), schedule.State(state), maybe == 1
	r.RetryAt, r.ClaimedAt, r.UpdatedAt = fromMS(retryAt), fromMS(claimedAt), time.UnixMilli(updated).UTC()
	return r, nil
}

// one returns the first record of a query, and false when there is none.
func (d *DB) one(ctx context.Context, what, query string, args ...any) (schedule.Record, bool, error) {
	r, err := scanRecord(d.db.QueryRowContext(ctx, query, args...))
	if errors.Is(err, sql.ErrNoRows) {
		return schedule.Record{}, false, nil
	}
	if err != nil {
		return schedule.Record{}, false, fmt.Errorf("store: reading %s: %w", what, classify(err))
	}
	return r, true, nil
}

// Last implements schedule.Ledger.
func (d *DB) Last(ctx context.Context, platform, channel string, kind schedule.Kind) (schedule.Record, bool, error) {
	return d.one(ctx, "the last slot of "+platform+"/"+channel, `SELECT `+recordColumns+` FROM slots
		WHERE platform = ? AND channel_id = ? AND (? = '' OR kind = ?)
		ORDER BY slot_at DESC, id DESC LIMIT 1`, platform, channel, string(kind), string(kind))
}

// LastPosted implements schedule.Ledger.
func (d *DB) LastPosted(ctx context.Context, platform, channel string) (schedule.Record, bool, error) {
	return d.one(ctx, "the last posted slot of "+platform+"/"+channel, `SELECT `+recordColumns+` FROM slots
		WHERE platform = ? AND channel_id = ? AND state = 'posted'
		ORDER BY slot_at DESC, id DESC LIMIT 1`, platform, channel)
}

// Unmarked implements schedule.Ledger.
func (d *DB) Unmarked(ctx context.Context, platform, channel string) ([]schedule.Record, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT `+recordColumns+` FROM slots
		WHERE platform = ? AND channel_id = ? AND state = 'claimed'
		ORDER BY slot_at, id`, platform, channel)
	if err != nil {
		return nil, fmt.Errorf("store: reading the claimed slots of %s/%s: %w", platform, channel, classify(err))
	}
	defer rows.Close()
	var out []schedule.Record
	for rows.Next() {
		r, err := scanRecord(rows)
		if err != nil {
			return nil, fmt.Errorf("store: reading the claimed slots of %s/%s: %w", platform, channel, classify(err))
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: reading the claimed slots of %s/%s: %w", platform, channel, classify(err))
	}
	return out, nil
}

// AcquireLease implements schedule.Leaser. The statement is standard SQL upsert
// (also PostgreSQL's): the row changes only when it is free, expired, or the owner's.
func (d *DB) AcquireLease(ctx context.Context, name, owner string, at time.Time, ttl time.Duration) (schedule.Lease, error) {
	l := schedule.Lease{Name: name}
	err := d.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO leases (name, owner, expires_at) VALUES (?, ?, ?)
			ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
			WHERE leases.owner = excluded.owner OR leases.expires_at <= ?`,
			name, owner, ms(at.Add(ttl)), ms(at))
		if err != nil {
			return err
		}
		var expires int64
		if err := tx.QueryRowContext(ctx, `SELECT owner, expires_at FROM leases WHERE name = ?`, name).Scan(&l.Owner, &expires); err != nil {
			return err
		}
		l.Expires = time.UnixMilli(expires).UTC()
		return nil
	})
	if err != nil {
		return schedule.Lease{}, fmt.Errorf("store: acquiring the lease %q for %s: %w", name, owner, classify(err))
	}
	return l, nil
}

// ReleaseLease implements schedule.Leaser.
func (d *DB) ReleaseLease(ctx context.Context, name, owner string) error {
	if _, err := d.db.ExecContext(ctx, `DELETE FROM leases WHERE name = ? AND owner = ?`, name, owner); err != nil {
		return fmt.Errorf("store: releasing the lease %q of %s: %w", name, owner, classify(err))
	}
	return nil
}
