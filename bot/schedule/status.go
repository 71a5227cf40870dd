package schedule

import (
	"context"
	"fmt"
	"time"
)

// Status is what the last pass learned of the lease.
type Status struct {
	// Leader is true while this scheduler holds the lease and posts.
	Leader bool
	// Lease is the lease as last seen: this scheduler's, or the holder's.
	Lease Lease
	// Checked is when the lease was last asked for (zero before the first pass).
	Checked time.Time
	// Err is the error of the last attempt to read the lease, if it failed.
	Err error
}

// Status returns what the last pass learned of the lease.
func (s *Scheduler) Status() Status {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.status
}

// Ready reports, for /readyz, whether the scheduler works: it does when it holds the
// lease and posts, and also as a standby behind the scheduler that holds it. It does
// not before its first pass or when the store cannot be read.
func (s *Scheduler) Ready() (bool, string) {
	st := s.Status()
	switch {
	case st.Err != nil:
		return false, fmt.Sprintf("cannot read the scheduler lease: %v", st.Err)
	case st.Checked.IsZero():
		return false, "starting"
	case st.Leader:
		return true, fmt.Sprintf("posting; lease held until %s", st.Lease.Expires.UTC().Format(time.RFC3339))
	default:
		return true, fmt.Sprintf("standby; the scheduler lease is held by %s until %s",
			st.Lease.Owner, st.Lease.Expires.UTC().Format(time.RFC3339))
	}
}

// lead renews or takes the lease, logs a change of holder, and reports whether this
// scheduler holds it.
func (s *Scheduler) lead(ctx context.Context) bool {
	now := s.now()
	l, err := s.store.AcquireLease(ctx, LeaseName, s.owner, now, s.ttl)
	s.mu.Lock()
	defer s.mu.Unlock()
	prev := s.status
	s.status = Status{Checked: now, Err: err, Lease: l, Leader: err == nil && l.Owner == s.owner}
	switch {
	case err != nil:
		s.status.Lease = prev.Lease
		s.log.Error("renewing the scheduler lease; not posting", "owner", s.owner, "error", err)
	case s.status.Leader && !prev.Leader:
		s.log.Info("took the scheduler lease; posting", "owner", s.owner, "expires", l.Expires)
	case !s.status.Leader && (prev.Leader || prev.Lease.Owner != l.Owner || prev.Checked.IsZero()):
		s.log.Warn("another scheduler holds the lease; standing by", "owner", s.owner,
			"holder", l.Owner, "expires", l.Expires)
	}
	return s.status.Leader
}
