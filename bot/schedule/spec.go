package schedule

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/robfig/cron/v3"
)

// MaxSpecLen is the longest cron spec Parse accepts, in bytes.
const MaxSpecLen = 200

// starBit is the bit cron sets in a field written "*" or "?".
const starBit = 1 << 63

// DefaultSpec is the schedule of a channel that names none: weekdays at 07:00.
const DefaultSpec = "0 7 * * 1-5"

// parser reads standard five-field specs, descriptors (@daily), and six-field specs
// whose first field is the second.
var parser = cron.NewParser(cron.SecondOptional | cron.Minute | cron.Hour |
	cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// A Schedule is a channel's cron schedule in the channel's time zone. Its slots are
// the times the cron spec matches on the zone's wall clock, with one rule beyond
// cron's: a wall-clock time that happens twice (in the hour a zone falls back) is one
// slot, at its first occurrence. A wall-clock time that does not happen (in the hour a
// zone springs forward) has no slot that day, as in cron. A Schedule is safe for
// concurrent use.
type Schedule struct {
	spec string
	loc  *time.Location
	cron *cron.SpecSchedule
}

// Parse parses a cron spec for the zone loc (nil means UTC): five fields (minute,
// hour, day of month, month, day of week), six with a leading seconds field, or a
// descriptor (@yearly, @monthly, @weekly, @daily, @midnight, @hourly). It refuses
// what would make slots ambiguous: a spec with its own zone (CRON_TZ= or TZ=; the
// channel's zone is set apart from the spec), @every (an interval counted from
// whenever the process started, not a time of day), and a spec that never fires.
func Parse(spec string, loc *time.Location) (*Schedule, error) {
	if loc == nil {
		loc = time.UTC
	}
	spec = strings.TrimSpace(spec)
	switch {
	case spec == "":
		return nil, errors.New("schedule: empty cron spec")
	case len(spec) > MaxSpecLen:
		return nil, fmt.Errorf("schedule: cron spec is %d bytes, more than %d", len(spec), MaxSpecLen)
	case strings.HasPrefix(spec, "CRON_TZ=") || strings.HasPrefix(spec, "TZ="):
		return nil, fmt.Errorf("schedule: cron spec %q names its own time zone; set the channel's time zone instead", spec)
	case strings.HasPrefix(spec, "@every"):
		return nil, fmt.Errorf("schedule: cron spec %q is an interval, not a time of day; use a cron spec such as \"0 */2 * * *\"", spec)
	}
	parsed, err := parser.Parse(spec)
	if err != nil {
		return nil, fmt.Errorf("schedule: parsing cron spec %q: %w", spec, err)
	}
	ss, ok := parsed.(*cron.SpecSchedule)
	if !ok {
		return nil, fmt.Errorf("schedule: cron spec %q is not a calendar schedule", spec)
	}
	// A field such as "," parses to no value at all; cron would then search five
	// years second by second before giving up.
	for _, bits := range []uint64{ss.Second, ss.Minute, ss.Hour, ss.Dom, ss.Month, ss.Dow} {
		if bits&^starBit == 0 {
			return nil, fmt.Errorf("schedule: cron spec %q has a field that matches nothing", spec)
		}
	}
	ss.Location = loc
	s := &Schedule{spec: spec, loc: loc, cron: ss}
	// Every spec that matches some date matches one within any five years (29
	// February included), the horizon of cron's own search.
	if s.Next(time.Date(2000, 1, 1, 0, 0, 0, 0, loc)).IsZero() {
		return nil, fmt.Errorf("schedule: cron spec %q never fires", spec)
	}
	return s, nil
}

// String returns the spec as parsed.
func (s *Schedule) String() string { return s.spec }

// Location returns the schedule's time zone.
func (s *Schedule) Location() *time.Location { return s.loc }

// Next returns the first slot after t, in the schedule's zone, or the zero time when
// there is none within five years.
func (s *Schedule) Next(t time.Time) time.Time {
	// Each pass either returns or moves t past a repeated hour; a zone has at most a
	// few transitions a year, so the bound is never reached by a real zone.
	for range 8 {
		n := s.cron.Next(t.In(s.loc))
		if n.IsZero() {
			return n
		}
		if _, end, ok := repeated(n); ok {
			// n is the second occurrence of its wall-clock time, and the first one,
			// earlier than n, was not after t (or cron would have returned it): the
			// slot is behind us. So are those of the rest of the repeated stretch.
			t = end.Add(-time.Nanosecond)
			continue
		}
		return n
	}
	return time.Time{}
}

// Latest returns the last slot at or before t and after after, in the schedule's zone.
// It reports false when there is none. Cron has no "previous", so Latest searches
// (after, t] by bisection on Next, which is monotonic: a few dozen calls of Next
// whatever the density of the schedule and the length of the span.
func (s *Schedule) Latest(t, after time.Time) (time.Time, bool) {
	for range 8 {
		p, ok := s.latestRaw(t, after)
		if !ok {
			return time.Time{}, false
		}
		start, _, rep := repeated(p)
		if !rep {
			return p, true
		}
		// p is the second occurrence of its wall-clock time: the slot was the first.
		t = start.Add(-time.Nanosecond)
	}
	return time.Time{}, false
}

// latestRaw returns the last time cron matches in (after, t], second occurrences of a
// repeated hour included.
func (s *Schedule) latestRaw(t, after time.Time) (time.Time, bool) {
	lo := after.In(s.loc).Truncate(time.Second)
	hi := t.In(s.loc).Truncate(time.Second)
	if !lo.Before(hi) {
		return time.Time{}, false
	}
	first := s.cron.Next(lo)
	if first.IsZero() || first.After(t) {
		return time.Time{}, false
	}
	// Invariant: cron.Next(lo) ≤ t < cron.Next(hi). Slots fall on whole seconds.
	for hi.Sub(lo) > time.Second {
		mid := lo.Add(hi.Sub(lo) / 2).Truncate(time.Second)
		if n := s.cron.Next(mid); !n.IsZero() && !n.After(t) {
			lo = mid
		} else {
			hi = mid
		}
	}
	return s.cron.Next(lo), true
}

// repeated reports whether the wall-clock time of t (in t's zone) happened earlier
// too, because the zone fell back, and returns the stretch [start, end) of instants
// whose wall-clock times are second occurrences.
func repeated(t time.Time) (start, end time.Time, ok bool) {
	start, _ = t.ZoneBounds()
	if start.IsZero() {
		return time.Time{}, time.Time{}, false
	}
	_, off := t.Zone()
	_, before := start.Add(-time.Nanosecond).Zone()
	if before <= off {
		return time.Time{}, time.Time{}, false
	}
	end = start.Add(time.Duration(before-off) * time.Second)
	return start, end, t.Before(end)
}

// DSTNotes describes the days in [from, to) on which a zone change of the schedule's
// time zone moves one of its slots: a wall-clock time the spec names that does not
// exist that day (no slot, cron's rule), or one that happens twice (one slot, at the
// first). Config checks show them, so that a briefing at 02:30 is a choice.
func (s *Schedule) DSTNotes(from, to time.Time) []string {
	wall := *s.cron
	wall.Location = time.UTC // the spec read on the wall clock, as if in UTC
	var notes []string
	for t := from.In(s.loc); t.Before(to); {
		_, end := t.ZoneBounds()
		if end.IsZero() || !end.Before(to) {
			break
		}
		_, before := end.Add(-time.Nanosecond).Zone()
		_, after := end.Zone()
		// The wall-clock stretch the change skips or repeats, read as UTC.
		lo := end.Add(time.Duration(min(before, after)) * time.Second).UTC()
		d := time.Duration(after-before) * time.Second
		what := "does not exist; no slot that day"
		if d < 0 {
			d, what = -d, "happens twice; one slot, at the first"
		}
		lo = time.Date(lo.Year(), lo.Month(), lo.Day(), lo.Hour(), lo.Minute(), lo.Second(), 0, time.UTC)
		if n := wall.Next(lo.Add(-time.Second)); !n.IsZero() && n.Before(lo.Add(d)) {
			notes = append(notes, fmt.Sprintf("%s: %s in %s %s", n.Format("2006-01-02"), n.Format("15:04:05"), s.loc, what))
		}
		t = end
	}
	return notes
}
