package schedule_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/schedule"
	"github.com/briefbot/briefbot/bot/schedule/scheduletest"
)

const (
	slot0700 = "2026-12-02T07:00:00Z"
	key0700  = "slack/C1/2026-12-02T07:00:00Z"
)

// claimedBy is the record a scheduler that crashed between claim and mark leaves.
func claimedBy(owner string, at time.Time) schedule.Record {
	return schedule.Record{Slot: schedule.Slot{Platform: "slack", Channel: "C1", Time: utc(slot0700), Kind: schedule.Scheduled},
		State: schedule.Claimed, Owner: owner, Attempts: 1, MaybePosted: true, ClaimedAt: at, UpdatedAt: at}
}

// TestRestartInsideTheSendWindow starts a scheduler on a ledger whose slot was claimed
// by a process that died before recording the outcome, and checks that the platform
// is asked before anything is posted again.
func TestRestartInsideTheSendWindow(t *testing.T) {
	tests := []struct {
		name      string
		finder    bool
		findErr   error
		onChannel bool // the dead process's post reached the channel
		state     schedule.State
		reason    string
		keys      string // what the channel holds afterwards
		calls     int    // posts made after the restart
	}{
		{"found: marked posted", true, nil, true, schedule.Posted, "found in the channel", key0700, 0},
		{"not found: posted", true, nil, false, schedule.Posted, "", key0700, 1},
		{"cannot ask: skipped", false, nil, true, schedule.Skipped, "cannot search a channel's history", key0700, 0},
		{"cannot ask, not there either: skipped", false, nil, false, schedule.Skipped, "cannot be asked", "", 0},
		{"finder cannot ask: skipped", true, fmt.Errorf("slack: missing scope channels:history: %w", schedule.ErrCannotAsk), true,
			schedule.Skipped, "missing scope channels:history", key0700, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var f *scheduletest.Finder
			setups := []setup{}
			if tt.finder {
				setups = append(setups, withFinder(&f, tt.findErr))
			}
			e := newEnv(t, "2026-12-02T07:01:00Z", setups...)
			e.store.Put(claimedBy("dead", utc("2026-12-02T07:00:01Z")))
			if tt.onChannel {
				e.slack.Add("C1", key0700)
			}
			e.tick("2026-12-02T07:01:00Z") // the dead process's attempt could still be running
			if r := e.record(slot0700, schedule.Scheduled); r.State != schedule.Claimed || e.slack.Calls() != 0 {
				t.Fatalf("inside the attempt timeout: %s, %d posts; want it left alone", r.State, e.slack.Calls())
			}
			e.tick("2026-12-02T07:03:01Z")
			r := e.wantState(slot0700, tt.state, tt.reason)
			e.wantKeys(tt.keys)
			if e.slack.Calls() != tt.calls {
				t.Fatalf("%d posts after the restart, want %d", e.slack.Calls(), tt.calls)
			}
			if tt.state == schedule.Posted && r.MessageID != "m1" {
				t.Fatalf("message ID %q, want m1", r.MessageID)
			}
			e.tick("2026-12-02T07:10:00Z")
			e.wantState(slot0700, tt.state, tt.reason)
			if e.slack.Calls() != tt.calls {
				t.Fatalf("a later pass posted again")
			}
		})
	}
}

// TestCrashBetweenSendAndMark runs a scheduler whose ledger cannot record the outcome
// of a post that was made, then a second one after the "restart", on the same ledger
// and channel.
func TestCrashBetweenSendAndMark(t *testing.T) {
	var f *scheduletest.Finder
	first := newEnv(t, slot0700, withFinder(&f, nil))
	full := errors.New("database or disk is full")
	first.store.SetErr("Mark", full)
	first.store.SetErr("Postpone", full)
	first.tick(slot0700)
	if r := first.record(slot0700, schedule.Scheduled); r.State != schedule.Claimed || !r.MaybePosted || f.Calls() != 1 {
		t.Fatalf("after the failed mark: %+v, %d posts", r, f.Calls())
	}
	if !strings.Contains(first.logs.String(), "recording the slot's outcome") || !strings.Contains(first.logs.String(), "channel_id=C1") {
		t.Fatalf("the failed mark is not logged with its channel:\n%s", first.logs)
	}
	first.store.SetErr("Mark", nil)
	first.store.SetErr("Postpone", nil)

	// The restarted process has another owner name, and the same platform history.
	second := newEnv(t, "2026-12-02T07:01:00Z", beside(first), withOwner("two"),
		options(func(o *schedule.Options) { o.Posters["slack"] = f }))
	second.tick("2026-12-02T07:01:00Z") // the first one's lease has not expired
	if second.s.Status().Leader {
		t.Fatal("the second scheduler took a lease that had not expired")
	}
	second.tick("2026-12-02T07:03:00Z")
	r := second.record(slot0700, schedule.Scheduled)
	if r.State != schedule.Posted || r.MessageID != "m1" || f.Calls() != 1 || f.Finds() != 1 {
		t.Fatalf("after the restart: %+v, %d posts, %d finds; want posted m1 after one post", r, f.Calls(), f.Finds())
	}
}

// failing returns a Fail function that fails the first n calls with err.
func failing(n int, err error, posted bool) func(string, string, int) (bool, error) {
	return func(_, _ string, call int) (bool, error) {
		if call < n {
			return posted, err
		}
		return true, nil
	}
}

type retryAfterErr struct{ wait time.Duration }

func (e retryAfterErr) Error() string             { return fmt.Sprintf("slack: 429, retry after %s", e.wait) }
func (e retryAfterErr) Unwrap() []error           { return []error{schedule.ErrTemporary, schedule.ErrNotPosted} }
func (e retryAfterErr) RetryAfter() time.Duration { return e.wait }

func TestRetries(t *testing.T) {
	rateLimited := fmt.Errorf("slack: 429: %w: %w", schedule.ErrTemporary, schedule.ErrNotPosted)
	serverError := fmt.Errorf("slack: 503: %w", schedule.ErrTemporary)
	tests := []struct {
		name    string
		fail    func(string, string, int) (bool, error)
		finder  bool
		ticks   []string
		state   schedule.State
		reason  string
		calls   int
		retried int
	}{
		{"429 twice, then posted", failing(2, rateLimited, false), false,
			[]string{slot0700, "2026-12-02T07:00:29Z", "2026-12-02T07:00:30Z", "2026-12-02T07:01:00Z", "2026-12-02T07:01:30Z", "2026-12-02T07:02:00Z"},
			schedule.Posted, "", 3, 2},
		{"Retry-After honoured", failing(1, retryAfterErr{10 * time.Minute}, false), false,
			[]string{slot0700, "2026-12-02T07:01:00Z", "2026-12-02T07:09:59Z", "2026-12-02T07:10:00Z"},
			schedule.Posted, "", 2, 1},
		{"5xx that posted, asked and found", failing(1, serverError, true), true,
			[]string{slot0700, "2026-12-02T07:01:00Z"}, schedule.Posted, "found in the channel", 1, 1},
		{"5xx that did not post, asked, then posted", failing(1, serverError, false), true,
			[]string{slot0700, "2026-12-02T07:01:00Z"}, schedule.Posted, "", 2, 1},
		{"5xx and nobody to ask: skipped", failing(1, serverError, true), false,
			[]string{slot0700, "2026-12-02T07:01:00Z"}, schedule.Skipped, "may have been posted (attempt 1: posting: slack: 503", 1, 1},
		{"429 until the grace window runs out", failing(1000, rateLimited, false), false,
			minutes(slot0700, "2026-12-02T09:01:00Z"), schedule.Failed, "not posted: the grace window (2h0m0s) ran out; last attempt: posting: slack: 429", 12, 12},
		{"refused: failed, not retried", failing(1, errors.New("slack: channel_not_found"), false), false,
			[]string{slot0700, "2026-12-02T07:01:00Z", "2026-12-02T07:05:00Z"}, schedule.Failed, "posting: slack: channel_not_found", 1, 0},
		{"timeout with nothing to ask: skipped", failing(1, context.DeadlineExceeded, false), false,
			[]string{slot0700, "2026-12-02T07:01:00Z"}, schedule.Skipped, "cannot be asked", 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var f *scheduletest.Finder
			setups := []setup{}
			if tt.finder {
				setups = append(setups, withFinder(&f, nil))
			}
			e := newEnv(t, slot0700, setups...)
			e.slack.Fail = tt.fail
			for _, at := range tt.ticks {
				e.tick(at)
			}
			e.wantState(slot0700, tt.state, tt.reason)
			if e.slack.Calls() != tt.calls || len(e.slack.Posts()) > 1 {
				t.Fatalf("%d calls, %d posts; want %d calls and at most one post", e.slack.Calls(), len(e.slack.Posts()), tt.calls)
			}
			if got := e.counts.get("slack retried"); got != tt.retried {
				t.Fatalf("%d retries counted, want %d", got, tt.retried)
			}
			if got := e.counts.get("slack " + string(tt.state)); got != 1 {
				t.Fatalf("outcome counted %d times, want once", got)
			}
		})
	}
}

func TestBrieferOutcomes(t *testing.T) {
	tests := []struct {
		name   string
		err    error
		ticks  []string
		state  schedule.State
		reason string
	}{
		{"nothing to post: skipped", fmt.Errorf("bot: no articles: %w", schedule.ErrNothingToPost), []string{slot0700},
			schedule.Skipped, "building the briefing: bot: no articles"},
		{"news source down: retried inside the grace window", fmt.Errorf("feeds: unreachable: %w", schedule.ErrTemporary),
			minutes(slot0700, "2026-12-02T09:01:00Z"), schedule.Failed, "grace window (2h0m0s) ran out; last attempt: building the briefing: feeds: unreachable"},
		{"broken: failed", errors.New("summarize: bad options"), []string{slot0700, "2026-12-02T07:01:00Z"},
			schedule.Failed, "building the briefing: summarize: bad options"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			briefer := schedule.BrieferFunc(func(context.Context, schedule.Channel, time.Time, time.Time) (schedule.Message, error) {
				return schedule.Message{}, tt.err
			})
			e := newEnv(t, slot0700, options(func(o *schedule.Options) { o.Briefer = briefer }))
			for _, at := range tt.ticks {
				e.tick(at)
			}
			e.wantState(slot0700, tt.state, tt.reason)
			if e.slack.Calls() != 0 {
				t.Fatalf("%d posts, want none", e.slack.Calls())
			}
		})
	}
}

// TestNoClaimNoPost checks that a ledger that cannot record the claim gets no post.
func TestNoClaimNoPost(t *testing.T) {
	e := newEnv(t, slot0700)
	e.store.SetErr("Claim", errors.New("database or disk is full"))
	e.tick(slot0700)
	if e.slack.Calls() != 0 {
		t.Fatal("posted without a claim")
	}
	if logs := e.logs.String(); !strings.Contains(logs, "claiming the slot; not posting") || !strings.Contains(logs, "slot="+key0700) {
		t.Fatalf("the failed claim is not logged with its slot:\n%s", logs)
	}
	e.store.SetErr("Claim", nil)
	e.tick("2026-12-02T07:01:00Z")
	e.wantKeys(key0700)
}
