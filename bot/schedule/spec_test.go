package schedule

import (
	"math/rand/v2"
	"sort"
	"strings"
	"testing"
	"time"
)

func mustZone(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func mustParse(t testing.TB, spec, zone string) *Schedule {
	t.Helper()
	s, err := Parse(spec, mustZone(t, zone))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func utc(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestParse(t *testing.T) {
	tests := []struct {
		name, spec string
		first      string // the first slot after 2026-12-02T00:00:00Z in UTC
		err        string
	}{
		{"default: weekdays at 07:00", DefaultSpec, "2026-12-02T07:00:00Z", ""},
		{"descriptor", "@daily", "2026-12-03T00:00:00Z", ""},
		{"hourly", "@hourly", "2026-12-02T01:00:00Z", ""},
		{"leading seconds", "30 0 7 * * *", "2026-12-02T07:00:30Z", ""},
		{"names", "15 6 * DEC mon-fri", "2026-12-02T06:15:00Z", ""},
		{"surrounding space", "  0 7 * * *\n", "2026-12-02T07:00:00Z", ""},
		{"leap day", "0 0 29 2 *", "2028-02-29T00:00:00Z", ""},
		{"empty", "", "", "empty cron spec"},
		{"blank", " \t", "", "empty cron spec"},
		{"four fields", "0 7 * *", "", "expected 5 to 6 fields"},
		{"seven fields", "0 0 7 * * * *", "", "expected 5 to 6 fields"},
		{"hour out of range", "0 24 * * *", "", "above maximum"},
		{"own zone", "CRON_TZ=Europe/Berlin 0 7 * * *", "", "names its own time zone"},
		{"own zone, no spec", "TZ=UTC", "", "names its own time zone"},
		{"interval", "@every 1h", "", "is an interval"},
		{"unknown descriptor", "@reboot", "", "unrecognized descriptor"},
		{"never", "0 0 30 2 *", "", "never fires"},
		{"too long", "0 7 * * " + strings.Repeat("1,", 200) + "1", "", "more than 200"},
		{"binary", "\x00\xff 7 * * *", "", "parsing cron spec"},
		{"empty seconds field", ",  * * * * *", "", "a field that matches nothing"},
		{"empty minute field", ", 7 * * *", "", "a field that matches nothing"},
		{"empty day of week", "0 7 * * ,", "", "a field that matches nothing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Parse(tt.spec, nil)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) || !strings.HasPrefix(err.Error(), "schedule: ") {
					t.Fatalf("Parse(%q) error = %v, want one containing %q", tt.spec, err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.spec, err)
			}
			if got := s.Next(utc("2026-12-02T00:00:00Z")); !got.Equal(utc(tt.first)) || got.Location() != time.UTC {
				t.Fatalf("Next = %v, want %s in UTC", got, tt.first)
			}
		})
	}
}

// dstCases are slots across both transitions of 2026 in three zones, in UTC, from the
// start time on: the springs skip a wall-clock time that does not exist that day
// (cron's rule), the falls post a repeated wall-clock time once, at its first
// occurrence.
var dstCases = []struct {
	name, zone, spec, from string
	want                   []string
}{
	{"New York spring, 02:30 does not exist", "America/New_York", "30 2 * * *", "2026-03-07T00:00:00Z",
		[]string{"2026-03-07T07:30:00Z", "2026-03-09T06:30:00Z"}},
	{"New York spring, 07:00", "America/New_York", "0 7 * * *", "2026-03-07T00:00:00Z",
		[]string{"2026-03-07T12:00:00Z", "2026-03-08T11:00:00Z", "2026-03-09T11:00:00Z"}},
	{"New York fall, 01:30 twice", "America/New_York", "30 1 * * *", "2026-10-31T00:00:00Z",
		[]string{"2026-10-31T05:30:00Z", "2026-11-01T05:30:00Z", "2026-11-02T06:30:00Z"}},
	{"New York fall, every 20 minutes of 01:00", "America/New_York", "*/20 1 * * *", "2026-11-01T04:00:00Z",
		[]string{"2026-11-01T05:00:00Z", "2026-11-01T05:20:00Z", "2026-11-01T05:40:00Z", "2026-11-02T06:00:00Z"}},
	{"New York fall, 07:00", "America/New_York", "0 7 * * *", "2026-10-31T00:00:00Z",
		[]string{"2026-10-31T11:00:00Z", "2026-11-01T12:00:00Z"}},
	{"Berlin spring, 02:30 does not exist", "Europe/Berlin", "30 2 * * *", "2026-03-28T00:00:00Z",
		[]string{"2026-03-28T01:30:00Z", "2026-03-30T00:30:00Z"}},
	{"Berlin fall, 02:30 twice", "Europe/Berlin", "30 2 * * *", "2026-10-24T00:00:00Z",
		[]string{"2026-10-24T00:30:00Z", "2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z"}},
	{"Berlin fall, weekdays at 07:00", "Europe/Berlin", DefaultSpec, "2026-10-23T00:00:00Z",
		[]string{"2026-10-23T05:00:00Z", "2026-10-26T06:00:00Z"}},
	{"Sydney fall, 02:30 twice", "Australia/Sydney", "30 2 * * *", "2026-04-03T00:00:00Z",
		[]string{"2026-04-03T15:30:00Z", "2026-04-04T15:30:00Z", "2026-04-05T16:30:00Z"}},
	{"Sydney spring, 02:30 does not exist", "Australia/Sydney", "30 2 * * *", "2026-10-02T00:00:00Z",
		[]string{"2026-10-02T16:30:00Z", "2026-10-04T15:30:00Z"}},
	{"Sydney spring, daily", "Australia/Sydney", "@daily", "2026-10-02T00:00:00Z",
		[]string{"2026-10-02T14:00:00Z", "2026-10-03T14:00:00Z", "2026-10-04T13:00:00Z"}},
}

func TestNextDST(t *testing.T) {
	for _, tt := range dstCases {
		t.Run(tt.name, func(t *testing.T) {
			s := mustParse(t, tt.spec, tt.zone)
			at := utc(tt.from)
			for i, w := range tt.want {
				at = s.Next(at)
				if !at.Equal(utc(w)) {
					t.Fatalf("slot %d = %s (%s), want %s", i, at.UTC().Format(time.RFC3339), at, w)
				}
			}
		})
	}
}

func TestLatestDST(t *testing.T) {
	for _, tt := range dstCases {
		t.Run(tt.name, func(t *testing.T) {
			s := mustParse(t, tt.spec, tt.zone)
			from := utc(tt.from)
			for i := len(tt.want) - 1; i >= 0; i-- {
				w := utc(tt.want[i])
				// Exactly at the slot, and just before the next one.
				ats := []time.Time{w}
				if i+1 < len(tt.want) {
					ats = append(ats, utc(tt.want[i+1]).Add(-time.Second))
				}
				for _, at := range ats {
					got, ok := s.Latest(at, from)
					if !ok || !got.Equal(w) {
						t.Fatalf("Latest(%s) = %s, %v, want %s", at.Format(time.RFC3339), got.UTC().Format(time.RFC3339), ok, w.Format(time.RFC3339))
					}
				}
			}
			if got, ok := s.Latest(utc(tt.want[0]).Add(-time.Second), from); ok {
				t.Fatalf("Latest before the first slot = %s, want none", got)
			}
		})
	}
}

// TestLatestAgreesWithNext checks Latest against the slots Next enumerates, over a
// year that crosses both transitions, at random times.
func TestLatestAgreesWithNext(t *testing.T) {
	specs := []string{DefaultSpec, "30 2 * * *", "*/20 1-3 * * *", "15 0 2 * * 0", "0 0 1 * *", "0 30 2,7 * * *"}
	zones := []string{"America/New_York", "Europe/Berlin", "Australia/Sydney", "UTC"}
	rng := rand.New(rand.NewPCG(1, 2))
	from := utc("2026-01-01T00:00:00Z")
	to := utc("2027-01-01T00:00:00Z")
	for _, zone := range zones {
		for _, spec := range specs {
			s := mustParse(t, spec, zone)
			var slots []time.Time
			for at := s.Next(from); at.Before(to); at = s.Next(at) {
				slots = append(slots, at)
			}
			for range 50 {
				at := from.Add(time.Duration(rng.Int64N(int64(to.Sub(from)))))
				want, wantOK := time.Time{}, false
				if i := sort.Search(len(slots), func(i int) bool { return slots[i].After(at) }); i > 0 {
					want, wantOK = slots[i-1], true
				}
				got, ok := s.Latest(at, from)
				if ok != wantOK || !got.Equal(want) {
					t.Fatalf("%s %q: Latest(%s) = %s %v, want %s %v", zone, spec, at, got, ok, want, wantOK)
				}
			}
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{DefaultSpec, "@daily", "*/5 1-3 * JAN-MAR mon", "0 0 7 ? * 1-5", "TZ=x", "0/0 * * * *",
		"1-2/99999999999 * * * *", ",  * * * * *", "0 0 31 2,4 *"} {
		f.Add(s)
	}
	from := utc("2026-03-01T00:00:00Z")
	f.Fuzz(func(t *testing.T, spec string) {
		s, err := Parse(spec, mustZone(t, "America/New_York"))
		if err != nil {
			return
		}
		n := s.Next(from)
		if n.IsZero() {
			return
		}
		if !n.After(from) {
			t.Fatalf("Next(%s) = %s, not after", from, n)
		}
		if got, ok := s.Latest(n, from); !ok || !got.Equal(n) {
			t.Fatalf("Latest(Next) = %s %v, want %s", got, ok, n)
		}
	})
}

func BenchmarkLatest(b *testing.B) {
	for _, spec := range []string{DefaultSpec, "*/5 * * * *", "0 0 1 1 *"} {
		b.Run(spec, func(b *testing.B) {
			s := mustParse(b, spec, "Europe/Berlin")
			now := utc("2026-12-02T10:00:00Z")
			from := now.Add(-DefaultLookBack)
			for b.Loop() {
				s.Latest(now, from)
			}
		})
	}
}

func TestDSTNotes(t *testing.T) {
	tests := []struct {
		spec, zone string
		want       string
	}{
		{DefaultSpec, "America/New_York", ""},
		{"30 2 * * *", "America/New_York", "2026-03-08: 02:30:00 in America/New_York does not exist; no slot that day"},
		{"30 1 * * *", "America/New_York", "2026-11-01: 01:30:00 in America/New_York happens twice; one slot, at the first"},
		{"30 2 * * *", "Europe/Berlin", "2026-03-29: 02:30:00 in Europe/Berlin does not exist; no slot that day | " +
			"2026-10-25: 02:30:00 in Europe/Berlin happens twice; one slot, at the first"},
		{"30 2 * * *", "Australia/Sydney", "2026-04-05: 02:30:00 in Australia/Sydney happens twice; one slot, at the first | " +
			"2026-10-04: 02:30:00 in Australia/Sydney does not exist; no slot that day"},
		{"*/20 2 * * 1-5", "Europe/Berlin", ""}, // the changes fall on Sundays
		{"@hourly", "UTC", ""},
	}
	for _, tt := range tests {
		t.Run(tt.zone+" "+tt.spec, func(t *testing.T) {
			s := mustParse(t, tt.spec, tt.zone)
			got := strings.Join(s.DSTNotes(utc("2026-01-01T00:00:00Z"), utc("2027-01-01T00:00:00Z")), " | ")
			if got != tt.want {
				t.Fatalf("notes:\n got %s\nwant %s", got, tt.want)
			}
		})
	}
}

// BenchmarkParseHostile parses specs at the length limit that make the parser and the
// check that the spec fires work hardest: every field a long list, and a spec whose
// days never exist.
func BenchmarkParseHostile(b *testing.B) {
	list := strings.TrimSuffix(strings.Repeat("1-59/7,", 40), ",")[:MaxSpecLen-12]
	for name, spec := range map[string]string{
		"long list": list + " * * * *",
		"never":     "0 0 31 2,4,6,9,11 *",
		"dense odd": "*/7 */3 29 2 *",
	} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				_, _ = Parse(spec, time.UTC)
			}
		})
	}
}
