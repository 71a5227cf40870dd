package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/bottest"
	"github.com/briefbot/briefbot/bot/schedule"
	"github.com/briefbot/briefbot/bot/schedule/scheduletest"
	"github.com/briefbot/briefbot/bot/slack"
	"github.com/briefbot/briefbot/bot/slack/fakeslack"
	"github.com/briefbot/briefbot/bot/store"
)

// A schedFixture is a config with scheduled channels, a news folder of articles written
// by the test, a fake Slack and a clock set by hand.
type schedFixture struct {
	t     *testing.T
	fake  *fakeslack.Server
	clock *scheduletest.Clock
	dir   string // the config's folder: config.yaml, news/, briefbot.db
	file  string
	c     *config
	news  []map[string]string // the manifest's entries
	logs  *bottest.LogBuffer
}

// newSchedFixture writes a config with the given channels section (and extra keys)
// and starts a fake Slack whose ts follow the clock, set at now.
func newSchedFixture(t *testing.T, now, channels, extra string) *schedFixture {
	t.Helper()
	return newSchedFixtureNews(t, now, channels, extra, "")
}

// newSchedFixtureNews is newSchedFixture with more keys of the news section (indented
// by two spaces).
func newSchedFixtureNews(t *testing.T, now, channels, extra, news string) *schedFixture {
	t.Helper()
	f := &schedFixture{t: t, fake: fakeslack.New(), clock: scheduletest.NewClock(mustTime(t, now)), dir: t.TempDir(), logs: &bottest.LogBuffer{}}
	t.Cleanup(f.fake.Close)
	f.fake.SetClock(f.clock.Now)
	if err := os.Mkdir(filepath.Join(f.dir, "news"), 0o755); err != nil {
		t.Fatal(err)
	}
	f.file = filepath.Join(f.dir, "config.yaml")
	yaml := "http:\n  addr: 127.0.0.1:0\nadmin:\n  addr: 127.0.0.1:0\nshutdown_timeout: 5s\nnews:\n  folders: [news]\n  reload: 0s\n" + news +
		"slack:\n  mode: http\n  api_url: " + f.fake.APIURL + "\n  max_retries: 0\n" + extra + "channels:\n" + channels
	if err := os.WriteFile(f.file, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := loadConfig(f.file)
	if err != nil {
		t.Fatal(err)
	}
	f.c = c
	return f
}

func mustTime(t testing.TB, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// article adds an article to the news folder, dated date (RFC 3339, or "" for none).
func (f *schedFixture) article(name, title, outlet, date, text string) {
	f.t.Helper()
	if err := os.WriteFile(filepath.Join(f.dir, "news", name), []byte(text), 0o644); err != nil {
		f.t.Fatal(err)
	}
	f.news = append(f.news, map[string]string{"file": name, "title": title, "outlet": outlet, "date": date})
	data, err := json.Marshal(map[string]any{"articles": f.news})
	if err != nil {
		f.t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(f.dir, "news", "manifest.json"), data, 0o644); err != nil {
		f.t.Fatal(err)
	}
}

// scheduler returns the scheduler serve would run on the fixture's config, with its
// clock and a Slack adapter on the fake, and its store.
func (f *schedFixture) scheduler(owner string) (*schedule.Scheduler, *store.DB) {
	f.t.Helper()
	return f.schedulerWith(owner, map[string]schedule.Poster{"slack": f.slackPoster()})
}

// slackPoster returns the poster of a Slack adapter on the fake.
func (f *schedFixture) slackPoster() schedule.Poster {
	f.t.Helper()
	b := bottest.MustNewBot(f.t)
	a, err := slack.New(b, slack.Config{
		BotToken:   fakeslack.BotToken,
		APIURL:     f.fake.APIURL,
		HTTPClient: &http.Client{Timeout: 5 * time.Second, Transport: fakeslack.LoopbackTransport{}},
		MaxRetries: -1,
		Logger:     f.logs.Logger(),
	})
	if err != nil {
		f.t.Fatal(err)
	}
	return scheduledPoster(a)
}

// schedulerWith returns the scheduler serve would run on the fixture's config, with its
// clock and the posters given, and its store.
func (f *schedFixture) schedulerWith(owner string, posters map[string]schedule.Poster) (*schedule.Scheduler, *store.DB) {
	f.t.Helper()
	db, err := openStore(f.c)
	if err != nil {
		f.t.Fatal(err)
	}
	f.t.Cleanup(func() { db.Close() })
	s, err := newScheduler(f.c, db, posters, schedulerDeps{log: f.logs.Logger(), now: f.clock.Now, owner: owner})
	if err != nil {
		f.t.Fatal(err)
	}
	return s, db
}

// pass makes one pass of s and waits for its jobs.
func pass(s *schedule.Scheduler) {
	s.Tick(context.Background())
	s.Wait()
}

// last returns the record of the Slack channel's latest slot.
func last(t *testing.T, db *store.DB, channel string) schedule.Record {
	t.Helper()
	return lastOf(t, db, "slack", channel)
}

// lastOf returns the record of the channel's latest slot.
func lastOf(t *testing.T, db *store.DB, platform, channel string) schedule.Record {
	t.Helper()
	r, ok, err := db.Last(context.Background(), platform, channel, "")
	if err != nil || !ok {
		t.Fatalf("no record of %s/%s: %v", platform, channel, err)
	}
	return r
}

// metadataKey returns the key of a post's metadata, checking its event type.
func metadataKey(t *testing.T, p fakeslack.Post) string {
	t.Helper()
	var meta struct {
		EventType    string            `json:"event_type"`
		EventPayload map[string]string `json:"event_payload"`
	}
	if err := json.Unmarshal([]byte(p.Metadata), &meta); err != nil || meta.EventType != slack.MetadataEventType {
		t.Fatalf("metadata %q (%v), want the event type %s", p.Metadata, err, slack.MetadataEventType)
	}
	return meta.EventPayload["key"]
}

const newYorkChannel = "  - platform: slack\n    id: C0NEWYORK\n    schedule: \"0 7 * * *\"\n    time_zone: America/New_York\n    include: [budget]\n    exclude: [football]\n"

// budgetNews writes the news of the end-to-end test: two articles about a budget, the
// latest from the evening of 9 March in New York (the 10th in UTC), one too old for
// the window, and one the exclude keyword drops.
func budgetNews(f *schedFixture) {
	f.article("a.txt", "Council passes the city budget", "Daily Star", "2026-03-10T02:30:00Z",
		"The city council approved a new budget for schools and roads on Monday night. The vote was seven to two after a long debate about bus routes. The mayor said the budget would be signed this week.\n")
	f.article("b.txt", "Budget approved after a long night", "Evening Post", "2026-03-09T20:00:00Z",
		"The city council approved the budget for schools and roads. Critics said the plan did little for parks and libraries. The budget takes effect in July.\n")
	f.article("old.txt", "Last year's budget", "Daily Star", "2026-03-01T12:00:00Z",
		"An old budget story that the window leaves out. It speaks of a budget from last year.\n")
	f.article("match.txt", "Football club budget", "Sports Daily", "2026-03-10T01:00:00Z",
		"The football club announced its budget for the new stadium. Fans cheered the budget news.\n")
}

// TestScheduledBriefing runs a due slot end to end: the scheduler built from the config
// posts the briefing of the window's articles that pass the keywords, as Block Kit with
// the slot's key in the metadata and its dates in the channel's zone, records it with
// the message's ts, and covers only the news since then at the next slot.
func TestScheduledBriefing(t *testing.T) {
	f := newSchedFixture(t, "2026-03-10T11:00:20Z", newYorkChannel, "") // 07:00:20 in New York (EDT)
	budgetNews(f)
	s, db := f.scheduler("one")
	pass(s)
	posts := f.fake.Posts()
	if len(posts) != 1 {
		t.Fatalf("%d posts, want 1\n%s", len(posts), f.logs)
	}
	p := posts[0]
	if key := metadataKey(t, p); p.Channel != "C0NEWYORK" || key != "slack/C0NEWYORK/2026-03-10T11:00:00Z" {
		t.Errorf("posted in %s with key %q", p.Channel, key)
	}
	var blocks bytes.Buffer
	if err := json.Indent(&blocks, []byte(p.Blocks), "", "  "); err != nil {
		t.Fatal(err)
	}
	bottest.Golden(t, "schedule-blocks.golden", fmt.Appendf(nil, "text: %s\nblocks: %s\n", p.Text, blocks.Bytes()))
	for _, want := range []string{"2 articles from Daily Star, Evening Post · 9 March 2026", "Council passes the city budget"} {
		if !strings.Contains(p.Blocks, want) {
			t.Errorf("the blocks lack %q: %s", want, p.Blocks)
		}
	}
	for _, unwanted := range []string{"10 March", "Sports Daily", "last year"} {
		if strings.Contains(p.Blocks, unwanted) {
			t.Errorf("the blocks hold %q: %s", unwanted, p.Blocks)
		}
	}
	if r := last(t, db, "C0NEWYORK"); r.State != schedule.Posted || r.MessageID != p.TS {
		t.Errorf("record %+v, want posted with ts %s", r, p.TS)
	}

	pass(s) // the same slot again: nothing
	f.clock.Set(mustTime(t, "2026-03-11T11:00:05Z"))
	f.article("c.txt", "The budget is signed", "Evening Post", "2026-03-10T15:00:00Z",
		"The mayor signed the budget on Tuesday morning. The schools will get new buses in the autumn.\n")
	pass(s)
	posts = f.fake.Posts()
	if len(posts) != 2 {
		t.Fatalf("%d posts after the second slot, want 2\n%s", len(posts), f.logs)
	}
	if key := metadataKey(t, posts[1]); key != "slack/C0NEWYORK/2026-03-11T11:00:00Z" || !strings.Contains(posts[1].Blocks, "1 article from Evening Post · 10 March 2026") {
		t.Errorf("second post %q: %s", key, posts[1].Blocks)
	}
}

// TestScheduledBriefingNothingToPost: a slot whose window holds no article that the
// keywords let through is skipped with the reason, and nothing is posted.
func TestScheduledBriefingNothingToPost(t *testing.T) {
	f := newSchedFixture(t, "2026-03-10T11:00:20Z", newYorkChannel, "")
	f.article("match.txt", "Football club budget", "Sports Daily", "2026-03-10T01:00:00Z",
		"The football club announced its budget for the new stadium. Fans cheered the budget news.\n")
	s, db := f.scheduler("one")
	pass(s)
	r := last(t, db, "C0NEWYORK")
	if r.State != schedule.Skipped || !strings.Contains(r.Reason, `none of the 1 article from`) || !strings.Contains(r.Reason, `include "budget"; exclude "football"`) {
		t.Errorf("record %+v, want skipped naming the keywords", r)
	}
	if n := len(f.fake.Posts()); n != 0 {
		t.Errorf("%d posts, want none", n)
	}
}

// TestScheduleRecovery: a slot claimed by a process that died before it recorded the
// outcome is resolved through the channel's history: found, it is recorded as posted
// with the message's ts and not posted again; absent, it is posted once; when the
// history cannot be read, it is skipped with the reason, and nothing is posted.
func TestScheduleRecovery(t *testing.T) {
	for _, tc := range []struct {
		name       string
		inHistory  bool
		historyErr string
		state      schedule.State
		posts      int
		reason     string
	}{
		{name: "found in the history", inHistory: true, state: schedule.Posted, reason: "found in the channel"},
		{name: "not in the history", state: schedule.Posted, posts: 1},
		{name: "no history scope", inHistory: true, historyErr: "missing_scope", state: schedule.Skipped, reason: "the app needs the scope channels:history"},
		{name: "not in the channel", historyErr: "not_in_channel", state: schedule.Skipped, reason: "not_in_channel"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newSchedFixture(t, "2026-03-10T11:00:01Z", newYorkChannel, "")
			budgetNews(f)
			slot := schedule.Slot{Platform: "slack", Channel: "C0NEWYORK", Time: mustTime(t, "2026-03-10T11:00:00Z"), Kind: schedule.Scheduled}
			s, db := f.scheduler("two")
			if err := db.Claim(context.Background(), schedule.Claim{Slot: slot, Owner: "dead", At: f.clock.Now()}); err != nil {
				t.Fatal(err)
			}
			var earlier fakeslack.Message
			if tc.inHistory {
				earlier = f.fake.AddMessage("C0NEWYORK", "the briefing", `{"event_type":"briefbot_briefing","event_payload":{"key":"`+slot.ID()+`"}}`)
			}
			f.fake.SetHistoryError(tc.historyErr)
			f.clock.Add(schedule.DefaultAttemptTimeout + time.Second) // the dead process's attempt is over
			pass(s)
			r := last(t, db, "C0NEWYORK")
			if r.State != tc.state || !strings.Contains(r.Reason, tc.reason) {
				t.Errorf("record %+v, want %s with %q", r, tc.state, tc.reason)
			}
			if tc.inHistory && tc.state == schedule.Posted && r.MessageID != earlier.TS {
				t.Errorf("message %s, want the one in the history, %s", r.MessageID, earlier.TS)
			}
			if n := len(f.fake.Posts()); n != tc.posts {
				t.Errorf("%d posts, want %d", n, tc.posts)
			}
			if tc.posts == 1 && metadataKey(t, f.fake.Posts()[0]) != slot.ID() {
				t.Errorf("posted with another key")
			}
			pass(s)
			if n := len(f.fake.Posts()); n != tc.posts {
				t.Errorf("%d posts after another pass, want %d", n, tc.posts)
			}
		})
	}
}

// TestScheduleRetries: a post Slack rate-limits made no message, so it is retried
// after the wait Slack asked for without a search; a post answered with a 500 may
// exist (the fake keeps it), so the next attempt searches the history, finds it, and
// posts nothing more.
func TestScheduleRetries(t *testing.T) {
	t.Run("429", func(t *testing.T) {
		f := newSchedFixture(t, "2026-03-10T11:00:01Z", newYorkChannel, "")
		budgetNews(f)
		calls := 0
		f.fake.HandlePost(func(p fakeslack.Post) fakeslack.Reply {
			if calls++; calls == 1 {
				return fakeslack.Reply{Status: http.StatusTooManyRequests, Header: http.Header{"Retry-After": {"90"}}, Body: `{"ok":false,"error":"ratelimited"}`}
			}
			return fakeslack.Reply{Body: `{"ok":true,"ts":"` + p.TS + `"}`}
		})
		s, db := f.scheduler("one")
		pass(s)
		r := last(t, db, "C0NEWYORK")
		if r.State != schedule.Claimed || r.MaybePosted || !r.RetryAt.Equal(f.clock.Now().Add(90*time.Second)) {
			t.Fatalf("after the 429: %+v, want claimed, surely not posted, retry in 90s", r)
		}
		f.clock.Add(91 * time.Second)
		pass(s)
		if r := last(t, db, "C0NEWYORK"); r.State != schedule.Posted || len(f.fake.History("C0NEWYORK")) != 1 {
			t.Errorf("after the retry: %+v, history %v", r, f.fake.History("C0NEWYORK"))
		}
		if n := f.fake.Stats().Calls["conversations.history"]; n != 0 {
			t.Errorf("%d searches of the history after a 429, want none", n)
		}
	})
	t.Run("500", func(t *testing.T) {
		f := newSchedFixture(t, "2026-03-10T11:00:01Z", newYorkChannel, "")
		budgetNews(f)
		f.fake.HandlePost(func(fakeslack.Post) fakeslack.Reply { return fakeslack.Reply{Status: 500, Body: "oops"} })
		s, db := f.scheduler("one")
		pass(s)
		if r := last(t, db, "C0NEWYORK"); r.State != schedule.Claimed || !r.MaybePosted {
			t.Fatalf("after the 500: %+v, want claimed and maybe posted", r)
		}
		f.clock.Add(time.Minute)
		pass(s)
		r := last(t, db, "C0NEWYORK")
		if h := f.fake.History("C0NEWYORK"); r.State != schedule.Posted || len(h) != 1 || r.MessageID != h[0].TS || len(f.fake.Posts()) != 1 {
			t.Errorf("after the search: %+v, history %v, %d posts", r, h, len(f.fake.Posts()))
		}
	})
}
