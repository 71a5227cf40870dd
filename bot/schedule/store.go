package schedule

import (
	"context"
	"errors"
	"time"
)

// LeaseName is the name of the lease that makes a scheduler the only one posting.
const LeaseName = "scheduler"

// Errors a Store returns (wrapped) where the scheduler must tell them apart.
var (
	// ErrExists: the slot already has a record in the ledger.
	ErrExists = errors.New("schedule: slot already in the ledger")
	// ErrNotClaimed: the slot has no record, or its record is final already.
	ErrNotClaimed = errors.New("schedule: slot is not claimed")
	// ErrLeaseLost: the claim named a lease that its owner does not hold (any more).
	ErrLeaseLost = errors.New("schedule: the scheduler lease is not held")
)

// A Store is the ledger of slots and the lease of the one scheduler. Each method is
// one committed transaction: when it returns nil, what it recorded survives a crash.
// Implementations must be safe for concurrent use. The times given are the
// scheduler's clock; implementations store them as given, in UTC.
type Store interface {
	Ledger
	Leaser
}

// A Ledger records each slot as claimed, then as posted, failed, skipped, or missed.
type Ledger interface {
	// Claim records c.Slot as claimed by c.Owner, with one attempt started that may
	// post. It returns ErrExists when the slot has a record (in any state), and, when
	// c.Lease is set, ErrLeaseLost unless c.Owner holds that lease unexpired at c.At,
	// checked in the same transaction.
	Claim(ctx context.Context, c Claim) error
	// Retry records that owner starts another attempt at a claimed slot: attempts
	// grow by one, MaybePosted is set, RetryAt cleared. It returns ErrNotClaimed
	// when the slot is not claimed.
	Retry(ctx context.Context, id, owner string, at time.Time) error
	// Postpone records that the last attempt at a claimed slot ended in an error worth
	// another attempt. It returns ErrNotClaimed when the slot is not claimed.
	Postpone(ctx context.Context, id string, p Postponement) error
	// Mark records the final outcome of a claimed slot: m.State is Posted (with
	// m.MessageID), Failed or Skipped (with m.Reason). It returns ErrNotClaimed when
	// the slot is not claimed, so a final record is never overwritten.
	Mark(ctx context.Context, id string, m Mark) error
	// Miss records a slot that was never attempted as Missed with the reason. It
	// reports false, and changes nothing, when the slot has a record already.
	Miss(ctx context.Context, s Slot, reason string, at time.Time) (bool, error)
	// Last returns the record of the channel's latest slot (by slot time) of the
	// given kind, or of any kind when kind is empty; false when there is none.
	Last(ctx context.Context, platform, channel string, kind Kind) (Record, bool, error)
	// LastPosted returns the record of the channel's latest posted slot of any kind.
	LastPosted(ctx context.Context, platform, channel string) (Record, bool, error)
	// Unmarked returns the channel's claimed slots, oldest first.
	Unmarked(ctx context.Context, platform, channel string) ([]Record, error)
}

// A Leaser holds named leases: a row with an owner and an expiry, renewed by the
// holder. Leases work the same on a shared database server as on a local file.
type Leaser interface {
	// AcquireLease gives the lease to owner until at+ttl when it is free, expired (at
	// or before at), or held by owner already (a renewal), and returns the lease as it
	// stands afterwards: held by owner, or by the current holder with its expiry.
	AcquireLease(ctx context.Context, name, owner string, at time.Time, ttl time.Duration) (Lease, error)
	// ReleaseLease ends owner's lease at once; it does nothing when owner does not
	// hold it.
	ReleaseLease(ctx context.Context, name, owner string) error
}

// A Claim asks the ledger for a slot.
type Claim struct {
	Slot  Slot
	Owner string
	At    time.Time
	// Lease, when set, makes the claim conditional on Owner holding that lease: a
	// scheduler that lost its lease (it was suspended past the expiry, say) cannot
	// claim anything more, even if it has not noticed yet.
	Lease string
}

// A Postponement is the outcome of an attempt that is to be tried again.
type Postponement struct {
	At time.Time
	// RetryAt is the earliest time of the next attempt.
	RetryAt time.Time
	// MaybePosted says whether the message may exist all the same (a timeout or a 5xx
	// answer) or surely does not (a 429, a refused connection).
	MaybePosted bool
	Reason      string
}

// A Mark is the final outcome of a claimed slot.
type Mark struct {
	State     State
	MessageID string
	Reason    string
	At        time.Time
}

// A Lease is who holds a named lease, and until when.
type Lease struct {
	Name    string
	Owner   string
	Expires time.Time
}
