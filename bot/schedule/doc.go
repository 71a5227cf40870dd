// Package schedule posts each channel's scheduled briefing exactly once per slot. It
// is pure logic over interfaces it declares: a Store (the ledger of slots and the
// lease of the one scheduler), a Poster per platform (with an optional Finder), and a
// Briefer; the clock is injected.
//
// # Slots
//
// A Channel has a Schedule: a cron spec parsed by github.com/robfig/cron/v3 (five
// fields, a leading seconds field, or a descriptor such as @daily) in the channel's
// IANA time zone. The zone is the channel's own setting, so a spec with CRON_TZ= or TZ=
// is refused rather than letting two settings disagree; @every is refused because it
// counts from whenever the process started. A slot is one fire time of one channel,
// identified by platform, channel and the time in UTC ("slack/C123/2026-12-02T07:00:00Z"),
// and that ID is also the idempotency key given to the platform.
//
// Daylight saving time: a wall-clock time that does not exist (02:30 on the night a
// zone springs forward) has no slot that night, which is cron's rule; a wall-clock
// time that happens twice (01:30 on the night New York falls back) is one slot, at its
// first occurrence, where cron would fire twice. Briefings between 04:00 and 23:00
// are never affected in the zones that change at night.
//
// Cron has no "previous time", so Schedule.Latest finds the last slot at or before a
// time by bisection on Next, which costs a few dozen calls of Next however dense the
// schedule (BenchmarkLatest).
//
// # Which slot is due
//
// A pass (at start, then every Interval) looks at each channel's slots after the
// latest one in its ledger, back at most LookBack (a channel with no record owes
// nothing older than the grace window). The latest such slot is posted if it is at
// most Grace late; every other one is recorded as missed, with the reason: the grace
// window ran out, or a later slot superseded it. Passes are idempotent, so a double
// tick, a suspend, a jump of the clock forward (catch-up inside the grace window) or
// back (nothing after the last recorded slot is due again) post nothing twice.
//
// # Exactly once: claim, send, mark
//
// Each attempt claims the slot in the ledger (committed; the claim also checks the
// scheduler's lease in the same transaction), builds the briefing for the articles
// from the channel's last posted slot (or its Window) to the slot's own time, however
// late the attempt (so consecutive briefings never share an article), posts it with
// the slot ID as key, and marks the slot posted with the message ID. A claimed slot whose outcome is
// not recorded (a crash, a failed write, an ambiguous error) may exist on the
// platform, so it is never posted again on a guess: the Finder is asked. Found: marked
// posted with its ID. Not found: posted. The platform cannot be asked: marked skipped,
// with the reason, and logged.
//
// Errors that may pass (ErrTemporary: a 429, a 5xx, a timeout) are retried with
// backoff (30 s doubling to 15 min, or the platform's Retry-After) at the passes after
// the retry time, inside the grace window; then the slot is failed. An error after
// which the message may exist goes through the Finder before the next attempt. Other
// errors mean the platform refused: failed at once. A Briefer's ErrNothingToPost
// skips the slot.
//
// # One scheduler
//
// Every pass first renews a lease in the Store (a row with an owner and an expiry,
// LeaseTTL). A scheduler that does not hold it stands by, says so in the log and in
// Ready, and takes over at its first pass after the holder released it (Run does at
// exit) or after it expired (the holder died). The lease is a plain row, not a file
// lock, so that a Store on a database server works the same with several replicas.
//
// # Isolation
//
// Each channel's work runs in its own job, wrapped in cron's SkipIfStillRunning
// outside Recover: a slow channel's job is skipped by the next pass rather than
// stacked, a panic is logged with the channel and the process lives on, and no
// channel or platform waits for another. Every attempt has a context with a deadline
// (AttemptTimeout). Every outcome is logged with platform, channel_id and slot, and
// counted in Metrics.
package schedule
