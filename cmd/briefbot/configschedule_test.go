package main

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/schedule"
)

// TestScheduleConfig checks the store, schedule and channels sections: defaults, and an
// error naming the entry and the key for each bad value.
func TestScheduleConfig(t *testing.T) {
	dir := t.TempDir()
	one := func(entry string) string { return "slack:\nchannels:\n  - " + entry + "\n" }
	for _, tc := range []struct {
		name  string
		yaml  string
		err   string // a substring of the error; "" for a valid config
		check func(t *testing.T, c *config)
	}{
		{name: "defaults", yaml: one("{platform: slack, id: C0123456789}"), check: func(t *testing.T, c *config) {
			ch := c.Channels[0]
			if ch.Schedule != schedule.DefaultSpec || ch.TimeZone != "UTC" || ch.Window != 24*time.Hour || ch.sched == nil || ch.sched.Location() != time.UTC {
				t.Errorf("channel defaults not applied: %+v", ch)
			}
			if c.storePath() != filepath.Join(dir, "briefbot.db") || c.Store.BusyTimeout != 5*time.Second || c.Schedule != defaultSchedule() {
				t.Errorf("store %s %+v, schedule %+v", c.storePath(), c.Store, c.Schedule)
			}
			got := c.scheduleChannels()[0]
			if got.Platform != "slack" || got.ID != "C0123456789" || got.Schedule != ch.sched || got.Window != 24*time.Hour {
				t.Errorf("scheduleChannels: %+v", got)
			}
		}},
		{name: "every key", yaml: "slack:\nstore:\n  path: /var/lib/briefbot/ledger.db\n  busy_timeout: 1s\nschedule:\n  grace: 30m\n  interval: 200ms\n  lease_ttl: 1s\n  attempt_timeout: 10s\n  look_back: 1h\n" +
			"channels:\n  - platform: slack\n    id: G0PRIVATE1\n    schedule: \"*/5 * * * * *\"\n    time_zone: America/New_York\n    window: 48h\n    size: 3\n    include: [ceasefire, root causes]\n    exclude: [sport]\n  - {platform: slack, id: C2X, schedule: \"@daily\"}\n",
			check: func(t *testing.T, c *config) {
				if c.storePath() != "/var/lib/briefbot/ledger.db" || c.Schedule != (scheduleConfig{30 * time.Minute, 200 * time.Millisecond, time.Second, 10 * time.Second, time.Hour}) {
					t.Errorf("store %s, schedule %+v", c.storePath(), c.Schedule)
				}
				ch := c.Channels[0]
				if ch.sched.Location().String() != "America/New_York" || ch.Window != 48*time.Hour || ch.Size != 3 || len(ch.include) != 2 || len(ch.exclude) != 1 {
					t.Errorf("channel %+v", ch)
				}
				if !reflect.DeepEqual(c.scheduleChannels()[0].Include, []string{"ceasefire", "root causes"}) {
					t.Errorf("include %v", c.scheduleChannels()[0].Include)
				}
				if n := ch.sched.Next(time.Date(2026, 3, 2, 7, 0, 1, 0, time.UTC)); n.Second() != 5 {
					t.Errorf("the seconds field is not read: next %v", n)
				}
			}},
		{name: "unknown platform", yaml: one("{platform: teams, id: C1}"), err: `channels[0].platform: want one of discord, slack, got "teams"`},
		{name: "discord", yaml: "discord:\nchannels:\n  - {platform: discord, id: \"1300000000000000001\", time_zone: Europe/Paris}\n  - {platform: discord, id: 1300000000000000002}\n",
			check: func(t *testing.T, c *config) {
				got := c.scheduleChannels()
				if len(got) != 2 || got[0].Platform != "discord" || got[0].ID != "1300000000000000001" || got[0].Schedule.Location().String() != "Europe/Paris" || got[1].ID != "1300000000000000002" {
					t.Errorf("scheduleChannels: %+v", got)
				}
			}},
		{name: "discord not configured", yaml: one("{platform: discord, id: \"1300000000000000001\"}"), err: "channels[0].platform: discord is not configured: add a discord section"},
		{name: "a discord channel name", yaml: "discord:\nchannels:\n  - {platform: discord, id: \"#general\"}\n", err: `channels[0].id: want a Discord channel ID such as "1300000000000000001" (with Developer Mode on, right-click the channel: Copy Channel ID), not its name, got "#general"`},
		{name: "a discord ID too long", yaml: "discord:\nchannels:\n  - {platform: discord, id: \"130000000000000000001\"}\n", err: `channels[0].id: want a Discord channel ID`},
		{name: "a slack ID for discord", yaml: "discord:\nchannels:\n  - {platform: discord, id: C0123456789}\n", err: `channels[0].id: want a Discord channel ID`},
		{name: "one channel ID on both", yaml: "slack:\ndiscord:\nchannels:\n  - {platform: discord, id: \"1300000000000000001\"}\n  - {platform: slack, id: C0123456789}\n  - {platform: discord, id: \"1300000000000000001\", schedule: \"@daily\"}\n",
			err: "channels[2]: discord/1300000000000000001 is listed already, as channels[0]"},
		{name: "platform not configured", yaml: "channels:\n  - {platform: slack, id: C0123456789}\n", err: "channels[0].platform: slack is not configured: add a slack section"},
		{name: "a channel name", yaml: one("{platform: slack, id: \"#general\"}"), err: `channels[0].id: want a Slack channel ID such as C0123456789 (the channel's details show it, at the bottom), not its name, got "#general"`},
		{name: "no id", yaml: one("{platform: slack}"), err: "channels[0].id: missing: the channel's ID"},
		{name: "listed twice", yaml: "slack:\nchannels:\n  - {platform: slack, id: C1A}\n  - {platform: slack, id: C2B}\n  - {platform: slack, id: C1A, schedule: \"@daily\"}\n", err: "channels[2]: slack/C1A is listed already, as channels[0]"},
		{name: "bad cron spec", yaml: "slack:\nchannels:\n  - {platform: slack, id: C1}\n  - {platform: slack, id: C2, schedule: \"0 7 * *\"}\n", err: `channels[1].schedule: parsing cron spec "0 7 * *"`},
		{name: "a zone in the spec", yaml: one("{platform: slack, id: C1, schedule: \"CRON_TZ=Europe/Paris 0 7 * * *\"}"), err: "channels[0].schedule: cron spec \"CRON_TZ=Europe/Paris 0 7 * * *\" names its own time zone"},
		{name: "an interval", yaml: one("{platform: slack, id: C1, schedule: \"@every 1h\"}"), err: "channels[0].schedule: cron spec \"@every 1h\" is an interval"},
		{name: "never fires", yaml: one("{platform: slack, id: C1, schedule: \"0 7 30 2 *\"}"), err: "channels[0].schedule: cron spec \"0 7 30 2 *\" never fires"},
		{name: "unknown zone", yaml: one("{platform: slack, id: C1, time_zone: Europe/Berln}"), err: `channels[0].time_zone: want an IANA time zone such as Europe/Berlin or UTC, got "Europe/Berln"`},
		{name: "local zone", yaml: one("{platform: slack, id: C1, time_zone: Local}"), err: "channels[0].time_zone: want an IANA time zone such as Europe/Berlin or UTC, not Local"},
		{name: "negative window", yaml: one("{platform: slack, id: C1, window: -1h}"), err: "channels[0].window: want more than 0 and at most 744h0m0s, got -1h0m0s"},
		{name: "size", yaml: one("{platform: slack, id: C1, size: 101}"), err: "channels[0].size: want 0 (the briefing section's length) to 100 points, got 101"},
		{name: "stories", yaml: one("{platform: slack, id: C1, stories: 21}"), err: "channels[0].stories: want 0 (the briefing section's) to 20 stories, got 21"},
		{name: "empty keyword", yaml: one("{platform: slack, id: C1, include: [ok, \"--\"]}"), err: `channels[0].include[1]: want a word or a phrase of at most 100 characters, got "--"`},
		{name: "long keyword", yaml: one("{platform: slack, id: C1, exclude: [\"" + strings.Repeat("a ", 51) + "\"]}"), err: "channels[0].exclude[0]: want a word or a phrase"},
		{name: "keywords not a list", yaml: one("{platform: slack, id: C1, include: ceasefire}"), err: `channels[0].include: want a list, got "ceasefire"`},
		{name: "unknown key in an entry", yaml: "slack:\nchannels:\n  - platform: slack\n    id: C1\n    timezone: UTC\n", err: `channels[0].timezone: unknown key; did you mean "time_zone"? (line 5)`},
		{name: "channels a mapping", yaml: "slack:\nchannels:\n  platform: slack\n", err: "channels: want a list"},
		{name: "lease shorter than the interval", yaml: "slack:\nschedule:\n  interval: 1m\n  lease_ttl: 1m\n", err: "schedule.lease_ttl: want more than schedule.interval (1m0s), which renews it"},
		{name: "interval too short", yaml: "slack:\nschedule:\n  interval: 1ms\n", err: "schedule.interval: want 100ms to 1h0m0s, got 1ms"},
		{name: "look back shorter than grace", yaml: "slack:\nschedule:\n  look_back: 1h\n", err: "schedule.look_back: want 2h0m0s to 2160h0m0s, got 1h0m0s"},
		{name: "store path", yaml: "slack:\nstore:\n  path: \"x.db?mode=ro\"\n", err: `store.path: want a file path without '?', such as briefbot.db, got "x.db?mode=ro"`},
		{name: "busy timeout", yaml: "slack:\nstore:\n  busy_timeout: 0s\n", err: "store.busy_timeout: want more than 0 and at most 1m, got 0s"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			file := filepath.Join(dir, "config.yaml")
			if err := os.WriteFile(file, []byte(tc.yaml), 0o644); err != nil {
				t.Fatal(err)
			}
			c, err := loadConfig(file)
			if tc.err == "" {
				if err != nil {
					t.Fatalf("loadConfig: %v", err)
				}
				if tc.check != nil {
					tc.check(t, c)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Fatalf("loadConfig: %v\nwant an error with %q", err, tc.err)
			}
		})
	}
}

// TestConfigExampleChannel checks the commented example of config.example.yaml's
// channels section: uncommented, it is valid, names every key of a channel, and shows
// each key's default but for the platform, the ID and the zone.
func TestConfigExampleChannel(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "config.example.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	_, block, ok := strings.Cut(string(data), "\n# channels:\n")
	if !ok {
		t.Fatal("config.example.yaml has no commented channels example")
	}
	var yaml strings.Builder
	yaml.WriteString("slack:\nchannels:\n")
	for _, line := range strings.Split(block, "\n") {
		code, ok := strings.CutPrefix(line, "#   ")
		if !ok {
			break
		}
		if !strings.HasPrefix(strings.TrimSpace(code), "#") {
			yaml.WriteString("  " + code + "\n")
		}
	}
	c, err := parseConfig([]byte(yaml.String()), "example", t.TempDir())
	if err == nil {
		err = c.validate("example")
	}
	if err != nil {
		t.Fatalf("%v\n%s", err, yaml.String())
	}
	for _, key := range yamlKeys(reflect.TypeFor[channelConfig]()) {
		if !strings.Contains(yaml.String(), " "+key+": ") {
			t.Errorf("the example lacks the key %s", key)
		}
	}
	ch := c.Channels[0]
	if ch.Schedule != schedule.DefaultSpec || ch.Window != schedule.DefaultWindow || ch.Size != 0 || len(ch.Include)+len(ch.Exclude) != 0 {
		t.Errorf("the example does not show the defaults: %+v", ch)
	}
}

// TestConfigCheckSchedule checks what config check says of the channels: the next
// briefing in the zone, and the night a zone change removes a slot.
func TestConfigCheckSchedule(t *testing.T) {
	file := filepath.Join(t.TempDir(), "config.yaml")
	yaml := "slack:\nchannels:\n  - {platform: slack, id: C0123456789, schedule: \"30 2 * * *\", time_zone: America/New_York, include: [budget]}\n  - {platform: slack, id: C0AAAAAAAA, size: 4}\n"
	if err := os.WriteFile(file, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	r := runMain(t, "config", "check", file)
	if r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{
		"schedule: 2 channels, a pass every 1m0s, posted at most 2h0m0s late; one scheduler per database (lease 3m0s)",
		"store: " + filepath.Join(filepath.Dir(file), "briefbot.db"),
		`channel slack/C0123456789: "30 2 * * *" in America/New_York, next `,
		`articles with any of "budget"`,
		`channel slack/C0AAAAAAAA: "0 7 * * 1-5" in UTC, next `,
		"4 points",
		"02:30:00 in America/New_York does not exist; no slot that day",
		"slack channels: the bot needs to be invited to each (/invite @briefbot), and the scope channels:history",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("config check lacks %q:\n%s", want, r.stdout)
		}
	}
	if next := strings.SplitN(strings.SplitN(r.stdout, "C0123456789: \"30 2 * * *\" in America/New_York, next ", 2)[1], ";", 2)[0]; !strings.Contains(next, "02:30 E") {
		t.Errorf("the next slot %q is not shown in the channel's zone", next)
	}
}

// TestConfigCheckDiscordSchedule: config check shows a Discord channel as a Slack one,
// its next briefing in its zone, and says what the bot needs in the channels of each
// platform that has some.
func TestConfigCheckDiscordSchedule(t *testing.T) {
	file := filepath.Join(t.TempDir(), "config.yaml")
	yaml := "discord:\nchannels:\n  - {platform: discord, id: \"1300000000000000001\", schedule: \"0 7 * * *\", time_zone: Asia/Tokyo, size: 3}\n"
	if err := os.WriteFile(file, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	r := runMain(t, "config", "check", file)
	if r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{
		"schedule: 1 channel, a pass every 1m0s",
		`channel discord/1300000000000000001: "0 7 * * *" in Asia/Tokyo, next `,
		" 07:00 JST; the news since its last briefing (the first: 24h0m0s), 3 points",
		"discord channels: the bot needs View Channel, Send Messages, Embed Links (for the embeds style) and Read Message History",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("config check lacks %q:\n%s", want, r.stdout)
		}
	}
	if strings.Contains(r.stdout, "slack channels") {
		t.Errorf("config check speaks of Slack channels:\n%s", r.stdout)
	}
}
