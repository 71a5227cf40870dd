package main

import (
	"regexp"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/bot/slack/fakeslack"
)

// undatedNews writes two undated articles, which belong to every window.
func undatedNews(f *schedFixture) {
	f.article("a.txt", "Council passes the city budget", "Daily Star", "",
		"The city council approved a new budget for schools and roads on Monday night. The vote was seven to two after a long debate about bus routes.\n")
	f.article("b.txt", "Budget approved", "Evening Post", "",
		"The city council approved the budget for schools and roads. Critics said the plan did little for parks and libraries.\n")
}

// TestScheduleAndPostCommands: briefbot schedule lists the channels with their next
// briefing in their zones and the last outcome; briefbot post posts through the
// ledger, and fails, exit 1, unless the briefing was posted and recorded.
func TestScheduleAndPostCommands(t *testing.T) {
	channels := newYorkChannel + "  - {platform: slack, id: C0BERLIN, schedule: \"30 6 * * 1-5\", time_zone: Europe/Berlin}\n"
	f := newSchedFixture(t, "2026-03-10T11:00:20Z", channels, "")
	undatedNews(f)
	row := regexp.MustCompile(`(?m)^slack/C0NEWYORK +0 7 \* \* \* +America/New_York +\w{3} \d+ \w{3} 20\d\d 07:00 E[DS]T +(.*)$`)

	r := runMain(t, "schedule", "--config", f.file)
	if r.code != exitOK || !strings.Contains(r.stdout, "No ledger yet at "+f.c.storePath()) || !row.MatchString(r.stdout) ||
		!regexp.MustCompile(`(?m)^slack/C0BERLIN +30 6 \* \* 1-5 +Europe/Berlin +\w{3} \d+ \w{3} 20\d\d 06:30 CES?T +none yet$`).MatchString(r.stdout) {
		t.Errorf("schedule before any post: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}

	t.Setenv(envSlackBotToken, fakeslack.BotToken)
	r = runMain(t, "post", "--config", f.file, "C0NEWYORK")
	posts := f.fake.Posts()
	if r.code != exitOK || len(posts) != 1 || !strings.HasPrefix(r.stdout, "Posted slack/C0NEWYORK/manual/") || !strings.Contains(r.stdout, "message "+posts[0].TS) {
		t.Fatalf("post: exit %d, %d posts\n%s%s", r.code, len(posts), r.stdout, r.stderr)
	}
	if key := metadataKey(t, posts[0]); !strings.HasPrefix(key, "slack/C0NEWYORK/manual/") {
		t.Errorf("posted with key %q", key)
	}
	r = runMain(t, "schedule", "--config", f.file)
	if m := row.FindStringSubmatch(r.stdout); m == nil || !strings.Contains(m[1], "(briefbot post): message "+posts[0].TS) || !strings.HasPrefix(m[1], "posted ") {
		t.Errorf("schedule after the post:\n%s%s", r.stdout, r.stderr)
	}

	f.fake.HandlePost(func(fakeslack.Post) fakeslack.Reply {
		return fakeslack.Reply{Body: `{"ok":false,"error":"channel_not_found"}`}
	})
	r = runMain(t, "post", "--config", f.file, "slack/C0BERLIN")
	if r.code != exitError || !strings.Contains(r.stderr, "channel_not_found") {
		t.Errorf("a refused post: exit %d\n%s", r.code, r.stderr)
	}
	r = runMain(t, "schedule", "--config", f.file)
	if !strings.Contains(r.stdout, "failed") || !strings.Contains(r.stdout, "channel_not_found") {
		t.Errorf("schedule after a refused post:\n%s", r.stdout)
	}

	for _, tc := range []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"unknown channel", []string{"post", "--config", f.file, "C0NOWHERE"}, exitError, `no channel "C0NOWHERE" in the channels section; it has slack/C0NEWYORK, slack/C0BERLIN`},
		{"no channel", []string{"post", "--config", f.file}, exitUsage, "want: briefbot post [--config FILE] CHANNEL"},
		{"no config", []string{"post", "C0NEWYORK"}, exitError, "the config has no channels section"},
		{"schedule arguments", []string{"schedule", "x"}, exitUsage, "unexpected arguments"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runMain(t, tc.args...)
			if r.code != tc.code || !strings.Contains(r.stderr, tc.stderr) {
				t.Errorf("exit %d, stderr %q; want %d with %q", r.code, r.stderr, tc.code, tc.stderr)
			}
		})
	}
	t.Run("no token", func(t *testing.T) {
		t.Setenv(envSlackBotToken, "")
		if r := runMain(t, "post", "--config", f.file, "C0NEWYORK"); r.code != exitError || !strings.Contains(r.stderr, "SLACK_BOT_TOKEN is not set") {
			t.Errorf("exit %d, stderr %q", r.code, r.stderr)
		}
	})
	t.Run("schedule without config", func(t *testing.T) {
		if r := runMain(t, "schedule"); r.code != exitOK || !strings.Contains(r.stdout, "No channels are scheduled") {
			t.Errorf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
		}
	})
}
