package schedule

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestPlan tables which slots a pass posts and which it records as missed.
// 2026-12-02 is a Wednesday.
func TestPlan(t *testing.T) {
	p := policy{grace: 2 * time.Hour, lookBack: 7 * 24 * time.Hour, maxSlots: 32}
	tests := []struct {
		name, spec, zone string
		last, now        string // last is the latest scheduled slot in the ledger ("" for none)
		want             string // "post T" and "miss T (reason)" in order, "; " between
		more             bool
	}{
		{"before the slot", DefaultSpec, "UTC", "2026-12-01T07:00:00Z", "2026-12-02T06:59:59Z", "", false},
		{"on time", DefaultSpec, "UTC", "2026-12-01T07:00:00Z", "2026-12-02T07:00:00Z", "post 2026-12-02T07:00:00Z", false},
		{"already recorded", DefaultSpec, "UTC", "2026-12-02T07:00:00Z", "2026-12-02T07:01:00Z", "", false},
		{"late start inside the grace window", DefaultSpec, "UTC", "2026-12-01T07:00:00Z", "2026-12-02T09:00:00Z", "post 2026-12-02T07:00:00Z", false},
		{"grace window ran out", DefaultSpec, "UTC", "2026-12-01T07:00:00Z", "2026-12-02T09:00:01Z", "miss 2026-12-02T07:00:00Z (grace window ran out)", false},
		{"three days down", DefaultSpec, "UTC", "2026-11-30T07:00:00Z", "2026-12-03T07:30:00Z",
			"miss 2026-12-01T07:00:00Z (grace window ran out); miss 2026-12-02T07:00:00Z (grace window ran out); post 2026-12-03T07:00:00Z", false},
		{"weekend", DefaultSpec, "UTC", "2026-12-04T07:00:00Z", "2026-12-05T07:30:00Z", "", false},
		{"first pass, inside the grace window", DefaultSpec, "UTC", "", "2026-12-02T09:00:00Z", "post 2026-12-02T07:00:00Z", false},
		{"first pass, owes nothing older", DefaultSpec, "UTC", "", "2026-12-02T09:00:01Z", "", false},
		{"clock set back a day", DefaultSpec, "UTC", "2026-12-03T07:00:00Z", "2026-12-02T07:05:00Z", "", false},
		{"superseded by a later slot", "*/30 * * * *", "UTC", "2026-12-02T06:00:00Z", "2026-12-02T07:10:00Z",
			"miss 2026-12-02T06:30:00Z (superseded by the later slot 2026-12-02T07:00:00Z); post 2026-12-02T07:00:00Z", false},
		{"beyond the look-back", "0 7 * * *", "UTC", "2026-11-01T07:00:00Z", "2026-12-02T06:00:00Z", "", true},
		{"every minute, a day down", "* * * * *", "UTC", "2026-12-01T07:00:00Z", "2026-12-02T07:00:00Z", "", true},
		{"New York spring, 07:00 EDT", "0 7 * * *", "America/New_York", "2026-03-07T12:00:00Z", "2026-03-08T11:00:30Z", "post 2026-03-08T11:00:00Z", false},
		{"New York spring, 02:30 that does not exist", "30 2 * * *", "America/New_York", "2026-03-07T07:30:00Z", "2026-03-08T08:00:00Z", "", false},
		{"New York fall, 01:30 the second time", "30 1 * * *", "America/New_York", "2026-11-01T05:30:00Z", "2026-11-01T06:30:30Z", "", false},
		{"New York fall, 01:30 late, once", "30 1 * * *", "America/New_York", "2026-10-31T05:30:00Z", "2026-11-01T06:30:30Z", "post 2026-11-01T05:30:00Z", false},
		{"Berlin fall, 02:30 the second time", "30 2 * * *", "Europe/Berlin", "2026-10-25T00:30:00Z", "2026-10-25T01:31:00Z", "", false},
		{"Sydney fall, 02:30 the second time", "30 2 * * *", "Australia/Sydney", "2026-04-04T15:30:00Z", "2026-04-04T16:31:00Z", "", false},
		{"Sydney spring, 02:30 that does not exist", "30 2 * * *", "Australia/Sydney", "2026-10-02T16:30:00Z", "2026-10-03T17:00:00Z", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := mustParse(t, tt.spec, tt.zone)
			var last time.Time
			if tt.last != "" {
				last = utc(tt.last)
			}
			ds, more := plan(s, last, utc(tt.now), p)
			var got []string
			for _, d := range ds {
				if d.post {
					got = append(got, "post "+d.at.Format(time.RFC3339))
					continue
				}
				got = append(got, fmt.Sprintf("miss %s (%s)", d.at.Format(time.RFC3339), d.reason))
			}
			if tt.more != more {
				t.Errorf("more = %v, want %v", more, tt.more)
			}
			if tt.more {
				checkBounded(t, ds, p, utc(tt.now))
				return
			}
			if g := strings.Join(got, "; "); !matches(g, tt.want) {
				t.Fatalf("plan:\n got %s\nwant %s", g, tt.want)
			}
		})
	}
}

// matches compares a plan with its description, where a reason in the description
// need only be a part of the actual reason.
func matches(got, want string) bool {
	gs, ws := strings.Split(got, "; "), strings.Split(want, "; ")
	if got == "" || want == "" {
		return got == want
	}
	if len(gs) != len(ws) {
		return false
	}
	for i := range gs {
		w, reason, _ := strings.Cut(strings.TrimSuffix(ws[i], ")"), " (")
		g, greason, _ := strings.Cut(strings.TrimSuffix(gs[i], ")"), " (")
		if g != w || !strings.Contains(greason, reason) {
			return false
		}
	}
	return true
}

// checkBounded checks a plan cut short: at most maxSlots decisions, all inside the
// look-back, the newest last.
func checkBounded(t *testing.T, ds []decision, p policy, now time.Time) {
	t.Helper()
	if len(ds) == 0 || len(ds) > p.maxSlots {
		t.Fatalf("%d decisions, want 1 to %d", len(ds), p.maxSlots)
	}
	for i, d := range ds {
		if now.Sub(d.at) > p.lookBack {
			t.Errorf("decision %s is beyond the look-back", d.at)
		}
		if i > 0 && !d.at.After(ds[i-1].at) {
			t.Errorf("decisions out of order: %s after %s", d.at, ds[i-1].at)
		}
	}
}
