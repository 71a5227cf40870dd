// Package scheduletest holds fakes for testing code that uses package schedule: an
// in-memory Store, a Poster that records what it posts and can search what it
// recorded, a Clock to set by hand, and StoreSuite, the tests every Store
// implementation must pass.
package scheduletest

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/briefbot/briefbot/bot/schedule"
)

// A MemStore is a schedule.Store in memory, safe for concurrent use. SetErr makes its
// calls fail without changing anything, as a store that is down or full would.
type MemStore struct {
	mu      sync.Mutex
	records map[string]schedule.Record
	leases  map[string]schedule.Lease
	errs    map[string]error // by method name; "" for every method
}

var _ schedule.Store = (*MemStore)(nil)

// NewMemStore returns an empty MemStore.
func NewMemStore() *MemStore {
	return &MemStore{records: make(map[string]schedule.Record), leases: make(map[string]schedule.Lease),
		errs: make(map[string]error)}
}

// SetErr makes every later call of the named method ("Mark", "Claim", …; "" for all
// of them) fail with err, until it is set again with nil.
func (m *MemStore) SetErr(method string, err error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err == nil {
		delete(m.errs, method)
		return
	}
	m.errs[method] = err
}

// failing returns the error set for method; m.mu is held.
func (m *MemStore) failing(method string) error {
	if err := m.errs[""]; err != nil {
		return err
	}
	return m.errs[method]
}

// Records returns every record, by slot ID.
func (m *MemStore) Records() map[string]schedule.Record {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make(map[string]schedule.Record, len(m.records))
	for k, v := range m.records {
		out[k] = v
	}
	return out
}

// Put stores r as it is, for tests that start from a given ledger.
func (m *MemStore) Put(r schedule.Record) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.records[r.ID()] = r
}

// Claim implements schedule.Ledger.
func (m *MemStore) Claim(_ context.Context, c schedule.Claim) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.failing("Claim"); err != nil {
		return err
	}
	id := c.Slot.ID()
	if c.Lease != "" {
		l, ok := m.leases[c.Lease]
		if !ok || l.Owner != c.Owner || !l.Expires.After(c.At) {
			return fmt.Errorf("claiming %s: %w", id, schedule.ErrLeaseLost)
		}
	}
	if _, ok := m.records[id]; ok {
		return fmt.Errorf("claiming %s: %w", id, schedule.ErrExists)
	}
	c.Slot.Time = c.Slot.Time.UTC()
	m.records[id] = schedule.Record{Slot: c.Slot, State: schedule.Claimed, Owner: c.Owner, Attempts: 1,
		MaybePosted: true, ClaimedAt: c.At.UTC(), UpdatedAt: c.At.UTC()}
	return nil
}

// update applies f to the claimed record id.
func (m *MemStore) update(method, id string, f func(*schedule.Record)) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.failing(method); err != nil {
		return err
	}
	r, ok := m.records[id]
	if !ok || r.State != schedule.Claimed {
		return fmt.Errorf("updating %s: %w", id, schedule.ErrNotClaimed)
	}
	f(&r)
	m.records[id] = r
	return nil
}

// Retry implements schedule.Ledger.
func (m *MemStore) Retry(_ context.Context, id, owner string, at time.Time) error {
	return m.update("Retry", id, func(r *schedule.Record) {
		r.Owner, r.Attempts, r.MaybePosted, r.RetryAt, r.UpdatedAt = owner, r.Attempts+1, true, time.Time{}, at.UTC()
	})
}

// Postpone implements schedule.Ledger.
func (m *MemStore) Postpone(_ context.Context, id string, p schedule.Postponement) error {
	return m.update("Postpone", id, func(r *schedule.Record) {
		r.RetryAt, r.MaybePosted, r.Reason, r.UpdatedAt = p.RetryAt.UTC(), p.MaybePosted, p.Reason, p.At.UTC()
	})
}

// Mark implements schedule.Ledger.
func (m *MemStore) Mark(_ context.Context, id string, mk schedule.Mark) error {
	if !mk.State.Final() || mk.State == schedule.Missed {
		return fmt.Errorf("marking %s: %q is not a final state of a claimed slot", id, mk.State)
	}
	return m.update("Mark", id, func(r *schedule.Record) {
		r.State, r.MessageID, r.Reason, r.UpdatedAt = mk.State, mk.MessageID, mk.Reason, mk.At.UTC()
		r.MaybePosted, r.RetryAt = false, time.Time{}
	})
}

// Miss implements schedule.Ledger.
func (m *MemStore) Miss(_ context.Context, s schedule.Slot, reason string, at time.Time) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.failing("Miss"); err != nil {
		return false, err
	}
	if _, ok := m.records[s.ID()]; ok {
		return false, nil
	}
	s.Time = s.Time.UTC()
	m.records[s.ID()] = schedule.Record{Slot: s, State: schedule.Missed, Reason: reason, UpdatedAt: at.UTC()}
	return true, nil
}

// latest returns the channel's record with the latest slot time among those keep
// accepts.
func (m *MemStore) latest(method, platform, channel string, keep func(schedule.Record) bool) (schedule.Record, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.failing(method); err != nil {
		return schedule.Record{}, false, err
	}
	var best schedule.Record
	found := false
	for _, r := range m.records {
		if r.Slot.Platform != platform || r.Slot.Channel != channel || !keep(r) {
			continue
		}
		if !found || r.Slot.Time.After(best.Slot.Time) ||
			r.Slot.Time.Equal(best.Slot.Time) && r.ID() > best.ID() {
			best, found = r, true
		}
	}
	return best, found, nil
}

// Last implements schedule.Ledger.
func (m *MemStore) Last(_ context.Context, platform, channel string, kind schedule.Kind) (schedule.Record, bool, error) {
	return m.latest("Last", platform, channel, func(r schedule.Record) bool { return kind == "" || r.Slot.Kind == kind })
}

// LastPosted implements schedule.Ledger.
func (m *MemStore) LastPosted(_ context.Context, platform, channel string) (schedule.Record, bool, error) {
	return m.latest("LastPosted", platform, channel, func(r schedule.Record) bool { return r.State == schedule.Posted })
}

// Unmarked implements schedule.Ledger.
func (m *MemStore) Unmarked(_ context.Context, platform, channel string) ([]schedule.Record, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.failing("Unmarked"); err != nil {
		return nil, err
	}
	var out []schedule.Record
	for _, r := range m.records {
		if r.Slot.Platform == platform && r.Slot.Channel == channel && r.State == schedule.Claimed {
			out = append(out, r)
		}
	}
	slices.SortFunc(out, func(a, b schedule.Record) int {
		return cmp.Or(a.Slot.Time.Compare(b.Slot.Time), cmp.Compare(a.ID(), b.ID()))
	})
	return out, nil
}

// AcquireLease implements schedule.Leaser.
func (m *MemStore) AcquireLease(_ context.Context, name, owner string, at time.Time, ttl time.Duration) (schedule.Lease, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.failing("AcquireLease"); err != nil {
		return schedule.Lease{}, err
	}
	l, ok := m.leases[name]
	if !ok || l.Owner == owner || !l.Expires.After(at) {
		l = schedule.Lease{Name: name, Owner: owner, Expires: at.Add(ttl).UTC()}
		m.leases[name] = l
	}
	return l, nil
}

// ReleaseLease implements schedule.Leaser.
func (m *MemStore) ReleaseLease(_ context.Context, name, owner string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.failing("ReleaseLease"); err != nil {
		return err
	}
	if l, ok := m.leases[name]; ok && l.Owner == owner {
		delete(m.leases, name)
	}
	return nil
}
