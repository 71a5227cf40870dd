package schedule

import (
	"time"
)

// A Kind tells a slot the schedule made from one posted on request.
type Kind string

// The kinds of slot.
const (
	// Scheduled slots are the fire times of a channel's schedule.
	Scheduled Kind = "scheduled"
	// Manual slots are extra briefings posted on request (briefbot post CHANNEL).
	Manual Kind = "manual"
)

// A State is where a slot stands in the ledger.
type State string

// The states of a slot. Claimed is the only one that changes again; the others are
// final.
const (
	// Claimed: an attempt to post was started and its outcome is not recorded yet.
	Claimed State = "claimed"
	// Posted: the platform holds the briefing; the record has its message ID.
	Posted State = "posted"
	// Failed: the briefing was not posted (the platform refused it, it could not be
	// built, or the retries ran out inside the grace window).
	Failed State = "failed"
	// Missed: the slot was not attempted, because its grace window had run out or a
	// later slot of the channel superseded it.
	Missed State = "missed"
	// Skipped: the slot was left alone on purpose: there was nothing to post, or an
	// attempt may have posted and the platform cannot be asked whether it did.
	Skipped State = "skipped"
)

// Final reports whether st is a final state (anything but Claimed).
func (st State) Final() bool { return st != Claimed && st != "" }

// A Slot is one scheduled (or requested) time of one channel.
type Slot struct {
	Platform string
	Channel  string
	// Time is when the slot falls, in UTC, on a whole second.
	Time time.Time
	Kind Kind
}

// slotTimeFormat is RFC 3339 in UTC with whole seconds, so that IDs sort by time.
const slotTimeFormat = "2006-01-02T15:04:05Z"

// ID returns the slot's stable identifier, used as the ledger's key and as the
// idempotency key sent to the platform: "slack/C123/2026-12-02T07:00:00Z", with
// "/manual" after the channel for a manual slot.
func (s Slot) ID() string {
	kind := ""
	if s.Kind == Manual {
		kind = "/manual"
	}
	return s.Platform + "/" + s.Channel + kind + "/" + s.Time.UTC().Format(slotTimeFormat)
}

// String returns the slot's ID.
func (s Slot) String() string { return s.ID() }

// A Record is what the ledger holds of a slot.
type Record struct {
	Slot  Slot
	State State
	// Owner is the scheduler (or command) that made the last attempt.
	Owner string
	// Attempts counts the attempts to post that were started.
	Attempts int
	// MaybePosted is set while the slot is claimed and an attempt may have reached the
	// platform (it was started and its outcome was not recorded, or it ended in an
	// error after which the message may exist). Such a slot is not posted again
	// before the platform has been asked whether it holds the message.
	MaybePosted bool
	// RetryAt, while the slot is claimed, is the time before which no new attempt
	// starts (zero: at once).
	RetryAt time.Time
	// MessageID is the platform's ID of the posted message (Slack's ts, Discord's
	// message ID).
	MessageID string
	// Reason says why the slot failed, was missed or skipped, or why its last
	// attempt is to be retried.
	Reason string
	// ClaimedAt is when the first attempt started (zero for a missed slot).
	ClaimedAt time.Time
	// UpdatedAt is when the record last changed.
	UpdatedAt time.Time
}

// ID returns the slot's ID.
func (r Record) ID() string { return r.Slot.ID() }
