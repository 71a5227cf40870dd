package schedule

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"
)

// An Outcome is what one attempt at a slot came to.
type Outcome struct {
	Slot Slot
	// State is the slot's state afterwards: Posted, Failed or Skipped; Claimed when
	// another attempt is to follow; empty when nothing could be recorded.
	State     State
	MessageID string
	Reason    string
	// Err is the error of the attempt, or of recording its outcome; nil when posted
	// and recorded.
	Err error
}

// runChannel is the job of one channel in one pass: finish its claimed slots, then
// record what the schedule owes since the last slot in the ledger.
func (s *Scheduler) runChannel(ctx context.Context, c *channel) {
	pending, err := s.store.Unmarked(ctx, c.Platform, c.ID)
	if err != nil {
		c.log.Error("reading the channel's claimed slots", "error", err)
		return
	}
	for _, r := range pending {
		s.resume(ctx, c, r)
	}
	last, ok, err := s.store.Last(ctx, c.Platform, c.ID, Scheduled)
	if err != nil {
		c.log.Error("reading the channel's last slot", "error", err)
		return
	}
	var lastAt time.Time
	if ok {
		lastAt = last.Slot.Time
	}
	ds, more := plan(c.Schedule, lastAt, s.now(), s.policy)
	if more {
		c.log.Warn("older slots left out of the ledger: too many, or older than the look-back",
			"last_recorded", lastAt, "look_back", s.policy.lookBack, "max_slots", s.policy.maxSlots)
	}
	for _, d := range ds {
		slot := Slot{Platform: c.Platform, Channel: c.ID, Time: d.at, Kind: Scheduled}
		if d.post {
			s.attempt(ctx, c, slot, nil, LeaseName)
			continue
		}
		s.miss(ctx, c, slot, d.reason)
	}
}

// attempt claims the slot (or, with prev, starts another attempt at its claimed
// record), builds the briefing, posts it, and records the outcome: claim, send, mark,
// each committed before the next begins.
func (s *Scheduler) attempt(ctx context.Context, c *channel, slot Slot, prev *Record, lease string) Outcome {
	id := slot.ID()
	log := c.log.With("slot", id)
	if !s.begin(id) {
		return Outcome{Slot: slot, State: Claimed, Err: fmt.Errorf("schedule: an attempt at %s is running", id)}
	}
	defer s.end(id)

	since, err := s.since(ctx, c)
	if err != nil {
		log.Error("reading the channel's last posted slot", "error", err)
		return Outcome{Slot: slot, Err: err}
	}
	now := s.now()
	attempts := 1
	if prev == nil {
		err = s.store.Claim(ctx, Claim{Slot: slot, Owner: s.owner, At: now, Lease: lease})
	} else {
		attempts = prev.Attempts + 1
		err = s.store.Retry(ctx, id, s.owner, now)
	}
	if err != nil {
		switch {
		case errors.Is(err, ErrExists):
		case errors.Is(err, ErrLeaseLost):
			log.Warn("lost the scheduler lease; not posting", "error", err)
		default:
			log.Error("claiming the slot; not posting", "error", err)
		}
		return Outcome{Slot: slot, Err: err}
	}
	// The news of a slot end at its time, not at the attempt's: the next slot's start
	// with the last posted one's time, so that windows meet without overlapping however
	// late an attempt runs.
	until := slot.Time
	if until.After(now) {
		until = now
	}
	if since.IsZero() || !since.Before(until) {
		since = until.Add(-c.Window)
	}

	actx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	msg, err := s.briefer.Brief(actx, c.Channel, since, until)
	if err != nil {
		return s.fail(ctx, c, log, slot, attempts, fmt.Errorf("building the briefing: %w", err), false)
	}
	ref, err := c.poster.Post(actx, c.ID, msg, id)
	if err != nil {
		return s.fail(ctx, c, log, slot, attempts, fmt.Errorf("posting: %w", err), !errors.Is(err, ErrNotPosted))
	}
	return s.mark(ctx, c, log, slot, Mark{State: Posted, MessageID: ref.ID, At: s.now()})
}

// since returns the time of the channel's last posted slot, or zero.
func (s *Scheduler) since(ctx context.Context, c *channel) (time.Time, error) {
	r, ok, err := s.store.LastPosted(ctx, c.Platform, c.ID)
	if err != nil || !ok {
		return time.Time{}, err
	}
	return r.Slot.Time, nil
}

// fail records a failed attempt: skipped when there was nothing to post, postponed
// when another attempt may succeed, failed otherwise (the platform refused the
// message, so it holds none). maybePosted says whether the message may exist all the
// same after a temporary failure.
func (s *Scheduler) fail(ctx context.Context, c *channel, log *slog.Logger, slot Slot, attempts int, err error, maybePosted bool) Outcome {
	now := s.now()
	var o Outcome
	switch {
	case errors.Is(err, ErrNothingToPost):
		o = s.mark(ctx, c, log, slot, Mark{State: Skipped, Reason: err.Error(), At: now})
	case temporary(err):
		wait := max(backoff(attempts), retryAfter(err))
		p := Postponement{At: now, RetryAt: now.Add(wait), MaybePosted: maybePosted, Reason: err.Error()}
		o = s.postpone(ctx, c, log, slot, p)
	default:
		o = s.mark(ctx, c, log, slot, Mark{State: Failed, Reason: err.Error(), At: now})
	}
	if o.Err == nil {
		o.Err = err
	}
	return o
}

// backoff is the wait before attempt n+1: 30 s, doubled each time, at most 15 min.
func backoff(n int) time.Duration {
	const most = 15 * time.Minute
	d := 30 * time.Second
	for i := 1; i < n && d < most; i++ {
		d *= 2
	}
	return min(d, most)
}

// resume decides what becomes of a claimed slot: nothing yet (an attempt may be
// running, or its retry time has not come), posted (the platform holds it), skipped
// (it may be posted and the platform cannot say), failed (its time is over), or
// another attempt.
func (s *Scheduler) resume(ctx context.Context, c *channel, r Record) {
	id := r.ID()
	log := c.log.With("slot", id)
	now := s.now()
	if s.running(id) {
		return
	}
	if r.Owner != s.owner && r.RetryAt.IsZero() && now.Before(r.UpdatedAt.Add(s.timeout)) {
		return // another process's attempt may still be running
	}
	over := ""
	if late := now.Sub(r.Slot.Time); late > s.policy.grace {
		over = fmt.Sprintf("the grace window (%s) ran out", s.policy.grace)
	} else if r.Slot.Kind == Scheduled {
		if n := c.Schedule.Next(r.Slot.Time); !n.IsZero() && !n.After(now) {
			over = "superseded by the later slot " + n.UTC().Format(time.RFC3339)
		}
	}
	if over == "" && now.Before(r.RetryAt) {
		return
	}
	if r.MaybePosted {
		ref, found, err := s.find(ctx, c, r)
		switch {
		case err == nil && found:
			s.mark(ctx, c, log, r.Slot, Mark{State: Posted, MessageID: ref.ID, At: now,
				Reason: "found in the channel after an attempt that ended without an outcome"})
			return
		case errors.Is(err, ErrCannotAsk):
			s.mark(ctx, c, log, r.Slot, Mark{State: Skipped, At: now, Reason: fmt.Sprintf(
				"may have been posted (attempt %d: %s) and the platform cannot be asked: %v", r.Attempts, orUnknown(r.Reason), err)})
			return
		case err != nil && over != "":
			s.mark(ctx, c, log, r.Slot, Mark{State: Skipped, At: now, Reason: fmt.Sprintf(
				"may have been posted (attempt %d: %s); asking the platform failed and %s: %v", r.Attempts, orUnknown(r.Reason), over, err)})
			return
		case err != nil:
			s.postpone(ctx, c, log, r.Slot, Postponement{At: now, RetryAt: now.Add(backoff(r.Attempts)),
				MaybePosted: true, Reason: fmt.Sprintf("asking the platform whether it holds the slot: %v", err)})
			return
		}
		// Not found: the message surely does not exist.
	}
	if over != "" {
		s.mark(ctx, c, log, r.Slot, Mark{State: Failed, At: now,
			Reason: fmt.Sprintf("not posted: %s; last attempt: %s", over, orUnknown(r.Reason))})
		return
	}
	s.attempt(ctx, c, r.Slot, &r, LeaseName)
}

func orUnknown(reason string) string {
	if reason == "" {
		return "ended without an outcome"
	}
	return reason
}

// find asks the channel's platform whether it holds the slot's message.
func (s *Scheduler) find(ctx context.Context, c *channel, r Record) (Ref, bool, error) {
	f, ok := c.poster.(Finder)
	if !ok {
		return Ref{}, false, fmt.Errorf("%w: the %s poster cannot search a channel's history", ErrCannotAsk, c.Platform)
	}
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	// A minute of slack for a platform clock behind ours.
	return f.Find(ctx, c.ID, r.ID(), r.ClaimedAt.Add(-time.Minute))
}

// begin marks an attempt at the slot as running in this process, unless one is.
func (s *Scheduler) begin(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.inflight[id] {
		return false
	}
	s.inflight[id] = true
	return true
}

func (s *Scheduler) end(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.inflight, id)
}

func (s *Scheduler) running(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.inflight[id]
}

// writeCtx returns a context for recording an outcome: it outlives the cancellation
// of the pass (the post was made, so its record must be kept) but not storeTimeout.
func writeCtx(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.WithoutCancel(ctx), storeTimeout)
}

func (s *Scheduler) mark(ctx context.Context, c *channel, log *slog.Logger, slot Slot, m Mark) Outcome {
	ctx, cancel := writeCtx(ctx)
	defer cancel()
	o := Outcome{Slot: slot, State: m.State, MessageID: m.MessageID, Reason: m.Reason}
	if err := s.store.Mark(ctx, slot.ID(), m); err != nil {
		o.State, o.Err = Claimed, err
		log.Error("recording the slot's outcome; the next pass finds it claimed",
			"outcome", m.State, "message_id", m.MessageID, "reason", m.Reason, "error", err)
		return o
	}
	s.metrics.SlotDone(c.Platform, m.State)
	switch m.State {
	case Posted:
		log.Info("slot posted", "message_id", m.MessageID)
	default:
		log.Warn("slot "+string(m.State), "reason", m.Reason)
	}
	return o
}

func (s *Scheduler) postpone(ctx context.Context, c *channel, log *slog.Logger, slot Slot, p Postponement) Outcome {
	ctx, cancel := writeCtx(ctx)
	defer cancel()
	o := Outcome{Slot: slot, State: Claimed, Reason: p.Reason}
	if err := s.store.Postpone(ctx, slot.ID(), p); err != nil {
		o.Err = err
		log.Error("recording a retry; the next pass finds the slot claimed", "reason", p.Reason, "error", err)
		return o
	}
	s.metrics.SlotRetried(c.Platform)
	log.Warn("slot attempt failed; retrying later", "retry_at", p.RetryAt, "maybe_posted", p.MaybePosted, "reason", p.Reason)
	return o
}

func (s *Scheduler) miss(ctx context.Context, c *channel, slot Slot, reason string) {
	log := c.log.With("slot", slot.ID())
	ok, err := s.store.Miss(ctx, slot, reason, s.now())
	switch {
	case err != nil:
		log.Error("recording a missed slot", "reason", reason, "error", err)
	case ok:
		s.metrics.SlotDone(c.Platform, Missed)
		log.Warn("slot missed", "reason", reason)
	}
}
