package main

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/bottest"
	"github.com/briefbot/briefbot/bot/schedule"
	_ "github.com/briefbot/briefbot/bot/store" // the sqlite driver
)

// The crash test's schedules: a slot every second, two and five seconds, in three
// channels of the platform. A claimed slot whose attempt died is resumed after the
// attempt timeout (1 s) and the restart: superseded by then in the first two, posted
// again (after a search) in the third.
var crashSpecs = []string{"* * * * * *", "*/2 * * * * *", "*/5 * * * * *"}

// A crashPlatform is the fake platform the crash test runs serve against.
type crashPlatform interface {
	// name is the platform's name in the config and the ledger.
	name() string
	// channels are its three channel IDs, one for each of crashSpecs.
	channels() []string
	// section is its config section; env the variables serve needs for it.
	section() string
	env() []string
	// hold makes the fake hold every post in flight, made but unanswered: arrived
	// receives once one came; release lets them all go and returns how many came.
	hold(t *testing.T) (arrived <-chan struct{}, release func() int)
	// messages returns the IDs of the messages in the channels, by their key, oldest
	// first.
	messages(t *testing.T) map[string][]string
}

// crashEnv reads a whole number from the environment, or def.
func crashEnv(t *testing.T, name string, def int) int {
	t.Helper()
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		t.Fatalf("%s=%q: want a positive whole number", name, v)
	}
	return n
}

// TestCrashExactlyOnce runs briefbot serve as a process against a fake Slack, then a
// fake Discord, with three channels whose slots come every second or two, and kills it
// with SIGKILL at random points (seeded: BRIEFBOT_CRASH_SEED, default 1),
// BRIEFBOT_CRASH_RUNS times for Slack (default 30) and BRIEFBOT_CRASH_DISCORD_RUNS
// times for Discord (default 8), each run on the ledger the last one left. Every
// fourth run holds the posts in the fake and is killed while one is in flight: its
// slot is claimed, the message exists, and its outcome is not recorded, so the next run
// must find it in the channel (Slack: the key in the metadata; Discord: the slot line).
// A last run is stopped with SIGTERM once it has settled every slot. Then: no slot is
// posted twice, every slot from each channel's first to the end has a record, final,
// with a reason unless posted, every posted record has the ID of the message posted
// with its key, every message has its posted record, and every post killed in flight
// was found in the channel.
func TestCrashExactlyOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and kills processes for about a minute")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Skip("cannot find the test binary:", err)
	}
	seed := crashEnv(t, "BRIEFBOT_CRASH_SEED", 1)
	for _, tc := range []struct {
		platform func(t *testing.T) crashPlatform
		runs     int
	}{
		{newSlackCrash, crashEnv(t, "BRIEFBOT_CRASH_RUNS", 30)},
		{newDiscordCrash, crashEnv(t, "BRIEFBOT_CRASH_DISCORD_RUNS", 8)},
	} {
		p := tc.platform(t)
		t.Run(p.name(), func(t *testing.T) { runCrash(t, exe, p, seed, tc.runs) })
	}
}

// runCrash is the crash test on one platform.
func runCrash(t *testing.T, exe string, p crashPlatform, seed, runs int) {
	rng := rand.New(rand.NewPCG(uint64(seed), 0))
	dir := t.TempDir()
	file := writeCrashConfig(t, dir, p)
	start := time.Now()
	held := 0 // posts killed in flight
	for run := range runs {
		runStart := time.Now()
		if run%4 == 3 {
			held += killInFlight(t, exe, file, p)
			if d := time.Since(runStart); d > 3*time.Second {
				t.Logf("run %d (in flight) took %s", run, d)
			}
			continue
		}
		cmd, logs := startCrashChild(t, exe, file, p)
		time.Sleep(time.Duration(100+rng.IntN(1500)) * time.Millisecond)
		cmd.Process.Kill()
		if err := cmd.Wait(); err == nil || !strings.Contains(err.Error(), "killed") {
			t.Fatalf("run %d: %v, want killed\n%s", run, err, logs)
		}
	}

	// The last run: settle, then a clean stop.
	settleStart := time.Now()
	defer func() { t.Logf("the last run took %s", time.Since(settleStart).Round(time.Millisecond)) }()
	cmd, logs := startCrashChild(t, exe, file, p)
	cutoff := time.Now()
	db, err := sql.Open("sqlite", filepath.Join(dir, "briefbot.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var recs []crashRecord
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(200 * time.Millisecond) {
		if recs, err = readCrashRecords(db); err == nil && settled(recs, p.channels(), cutoff) {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatalf("the slots before %s did not settle (%v):\n%s", cutoff.UTC(), err, logs)
		}
	}
	cmd.Process.Signal(syscall.SIGTERM)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("the last run: %v after SIGTERM, want exit 0\n%s", err, logs)
	}
	recs, err = readCrashRecords(db)
	if err != nil {
		t.Fatal(err)
	}
	st := checkCrash(t, recs, p, cutoff)
	if st.found < held {
		t.Errorf("%d posts were killed in flight but %d slots were found in the channel", held, st.found)
	}
	for reason, n := range st.reasons {
		t.Logf("%4d %s", n, reason)
	}
	t.Logf("crash test (%s): seed %d, %d runs (%d killed with posts in flight: %d posts), %s; %d slots: %d posted (%d found in the channel after a crash, %d posted at a later attempt), %d missed, %d failed, %d skipped; duplicates %d",
		p.name(), seed, runs+1, (runs+1)/4, held, time.Since(start).Round(time.Second), st.slots, st.posted, st.found, st.again, st.missed, st.failed, st.skipped, st.duplicates)
}

// writeCrashConfig writes the crash test's config and news; passes every 200 ms, a
// lease of a second, and the ledger beside the config.
func writeCrashConfig(t *testing.T, dir string, p crashPlatform) string {
	t.Helper()
	news := filepath.Join(dir, "news")
	if err := os.Mkdir(news, 0o755); err != nil {
		t.Fatal(err)
	}
	for i, text := range []string{
		"The city council approved a new budget for schools and roads on Monday night. The vote was seven to two after a long debate about bus routes.\n",
		"The city council approved the budget for schools and roads. Critics said the plan did little for parks and libraries.\n",
		"The mayor signed the budget on Tuesday morning. The schools will get new buses in the autumn.\n",
	} {
		if err := os.WriteFile(filepath.Join(news, fmt.Sprintf("a%d.txt", i)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var yaml strings.Builder
	fmt.Fprintf(&yaml, "http:\n  addr: 127.0.0.1:0\nadmin:\n  addr: \"\"\nshutdown_timeout: 5s\nnews:\n  folders: [news]\n  reload: 0s\n")
	yaml.WriteString(p.section())
	fmt.Fprintf(&yaml, "schedule:\n  grace: 10s\n  interval: 200ms\n  lease_ttl: 1s\n  attempt_timeout: 1s\n  look_back: 1h\nchannels:\n")
	for i, id := range p.channels() {
		fmt.Fprintf(&yaml, "  - {platform: %s, id: %q, schedule: %q}\n", p.name(), id, crashSpecs[i])
	}
	file := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(file, []byte(yaml.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}

// startCrashChild starts this test binary as briefbot serve.
func startCrashChild(t *testing.T, exe, file string, p crashPlatform) (*exec.Cmd, *bottest.LogBuffer) {
	t.Helper()
	cmd := exec.Command(exe, "--log-level", "info", "serve", "--config", file)
	cmd.Env = append(append(os.Environ(), "BRIEFBOT_TEST_RUN_MAIN=1"), p.env()...)
	logs := &bottest.LogBuffer{}
	cmd.Stderr = logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill() })
	return cmd, logs
}

// killInFlight runs serve with the fake holding every post, kills it once a post
// arrived, then lets the fake answer the held posts (they are in the channels, their
// slots claimed and unmarked). It returns the number of posts held.
func killInFlight(t *testing.T, exe, file string, p crashPlatform) int {
	t.Helper()
	arrived, release := p.hold(t)
	cmd, logs := startCrashChild(t, exe, file, p)
	select {
	case <-arrived:
	case <-time.After(10 * time.Second):
		t.Fatalf("no post arrived within 10s\n%s", logs)
	}
	cmd.Process.Kill()
	cmd.Wait()
	return release()
}

// A crashRecord is a row of the ledger.
type crashRecord struct {
	id, channel, kind, state, messageID, reason string
	at                                          time.Time
	attempts                                    int
}

func readCrashRecords(db *sql.DB) ([]crashRecord, error) {
	rows, err := db.QueryContext(context.Background(), `SELECT id, channel_id, slot_at, kind, state, message_id, reason, attempts FROM slots ORDER BY slot_at`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []crashRecord
	for rows.Next() {
		var r crashRecord
		var ms int64
		if err := rows.Scan(&r.id, &r.channel, &ms, &r.kind, &r.state, &r.messageID, &r.reason, &r.attempts); err != nil {
			return nil, err
		}
		r.at = time.UnixMilli(ms).UTC()
		out = append(out, r)
	}
	return out, rows.Err()
}

// settled reports whether every channel has records past cutoff and every record
// before it is final.
func settled(recs []crashRecord, channels []string, cutoff time.Time) bool {
	latest := map[string]time.Time{}
	for _, r := range recs {
		if r.state == string(schedule.Claimed) && !r.at.After(cutoff) {
			return false
		}
		latest[r.channel] = r.at
	}
	for _, ch := range channels {
		if !latest[ch].After(cutoff) {
			return false
		}
	}
	return true
}

// crashStats are the counts of the crash test.
type crashStats struct {
	slots, posted, found, again, missed, failed, skipped, duplicates int
	reasons                                                          map[string]int // of the slots not posted, by state and the reason's first words
}

// checkCrash checks the ledger against the messages of the fake, up to cutoff.
func checkCrash(t *testing.T, recs []crashRecord, p crashPlatform, cutoff time.Time) crashStats {
	t.Helper()
	st := crashStats{reasons: map[string]int{}}
	messages := p.messages(t) // IDs by key
	for key, ids := range messages {
		if len(ids) > 1 {
			st.duplicates += len(ids) - 1
			t.Errorf("%s posted %d times: %v", key, len(ids), ids)
		}
	}
	byID := map[string]crashRecord{}
	for _, r := range recs {
		byID[r.id] = r
		if r.at.After(cutoff) {
			continue
		}
		st.slots++
		ts := messages[r.id]
		switch schedule.State(r.state) {
		case schedule.Posted:
			st.posted++
			switch {
			case strings.Contains(r.reason, "found in the channel"):
				st.found++
			case r.attempts > 1:
				st.again++
			}
			if len(ts) == 0 || ts[0] != r.messageID {
				t.Errorf("%s is recorded as posted as %s; the channel holds %v", r.id, r.messageID, ts)
			}
			continue
		case schedule.Missed:
			st.missed++
		case schedule.Failed:
			st.failed++
		case schedule.Skipped:
			st.skipped++
		default:
			t.Errorf("%s is %s after the last run", r.id, r.state)
		}
		if r.reason == "" {
			t.Errorf("%s is %s without a reason", r.id, r.state)
		}
		st.reasons[r.state+": "+shortReason(r.reason)]++
		if len(ts) > 0 {
			t.Errorf("%s is %s (%s), but the channel holds it: %v", r.id, r.state, r.reason, ts)
		}
	}
	for key, ts := range messages {
		if r, ok := byID[key]; !ok || r.state != string(schedule.Posted) {
			t.Errorf("the message %v of %s has no posted record (%+v)", ts, key, r)
		}
	}
	for i, ch := range p.channels() {
		checkNoGap(t, p.name(), ch, crashSpecs[i], byID, recs, cutoff)
	}
	return st
}

// checkNoGap checks that every slot of a channel from its first record to cutoff has a
// record.
func checkNoGap(t *testing.T, platform, channel, spec string, byID map[string]crashRecord, recs []crashRecord, cutoff time.Time) {
	t.Helper()
	s, err := schedule.Parse(spec, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	var first time.Time
	for _, r := range recs {
		if r.channel == channel && r.kind == string(schedule.Scheduled) {
			first = r.at
			break
		}
	}
	if first.IsZero() {
		t.Errorf("%s has no slot at all", channel)
		return
	}
	for at := first; !at.After(cutoff); at = s.Next(at) {
		id := schedule.Slot{Platform: platform, Channel: channel, Time: at, Kind: schedule.Scheduled}.ID()
		if _, ok := byID[id]; !ok {
			t.Errorf("%s has no record", id)
		}
	}
}

// shortReason keeps the kind of a reason: its words up to the first time or ID.
func shortReason(reason string) string {
	var words []string
	for _, w := range strings.Fields(reason) {
		if strings.ContainsAny(w, "0123456789") {
			break
		}
		words = append(words, w)
	}
	return strings.Join(words, " ")
}
