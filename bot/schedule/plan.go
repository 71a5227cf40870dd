package schedule

import (
	"fmt"
	"time"
)

// A Channel is one channel that receives scheduled briefings.
type Channel struct {
	// Platform names the Poster that posts in the channel ("slack", "discord").
	Platform string
	// ID is the platform's channel ID.
	ID string
	// Schedule gives the channel's slots, in its time zone.
	Schedule *Schedule
	// Window is how far back the first briefing of a channel reaches, when it has no
	// posted briefing yet; later ones cover the time since the last posted one. Zero
	// means DefaultWindow.
	Window time.Duration
	// Size, Include and Exclude are for the Briefer: the number of points, and the
	// keywords an article must (or must not) contain.
	Size int
	// Stories bounds the stories of the briefing; 0 leaves it to the Briefer.
	Stories int
	Include []string
	Exclude []string
}

// Key returns "platform/id", the channel's prefix in slot IDs.
func (c Channel) Key() string { return c.Platform + "/" + c.ID }

// A policy holds what decides which slots are due.
type policy struct {
	// grace is how late a slot may still be posted.
	grace time.Duration
	// lookBack bounds how far back a pass looks for slots not yet in the ledger.
	lookBack time.Duration
	// maxSlots bounds how many slots one pass records for a channel.
	maxSlots int
}

// A decision is what one pass does with one slot that has no record.
type decision struct {
	at     time.Time
	post   bool
	reason string // why the slot is missed
}

// plan decides what to do at now with the channel's slots that have no record yet:
// those after last (the time of the channel's latest scheduled slot in the ledger, or
// zero), within the look-back, or within the grace window for a channel with no
// record. The latest slot is posted if it is within the grace window; every other one
// is missed, superseded by a later slot or too late. The decisions come oldest first;
// more reports whether older slots were left out, by maxSlots or by the look-back.
func plan(s *Schedule, last, now time.Time, p policy) (ds []decision, more bool) {
	floor := now.Add(-p.lookBack)
	if last.IsZero() {
		// A channel seen for the first time owes nothing from before it existed:
		// only a slot still inside its grace window (the boundary included).
		floor = now.Add(-p.grace - time.Nanosecond)
	}
	if last.After(floor) {
		floor = last
	}
	var newest time.Time
	for t := now; ; {
		at, ok := s.Latest(t, floor)
		if !ok {
			break
		}
		if len(ds) == p.maxSlots {
			more = true
			break
		}
		d := decision{at: at.UTC()}
		late := now.Sub(at)
		switch {
		case newest.IsZero() && late <= p.grace:
			d.post = true
		case late > p.grace:
			d.reason = fmt.Sprintf("the grace window ran out: due %s, %s late, grace %s",
				d.at.Format(time.RFC3339), late.Round(time.Second), p.grace)
		default:
			d.reason = fmt.Sprintf("superseded by the later slot %s", newest.Format(time.RFC3339))
		}
		if newest.IsZero() {
			newest = d.at
		}
		ds = append(ds, d)
		t = at.Add(-time.Nanosecond)
	}
	if !more && !last.IsZero() && floor.After(last) {
		// The look-back cut off slots after the last record.
		_, more = s.Latest(floor, last)
	}
	for i, j := 0, len(ds)-1; i < j; i, j = i+1, j-1 {
		ds[i], ds[j] = ds[j], ds[i]
	}
	return ds, more
}
