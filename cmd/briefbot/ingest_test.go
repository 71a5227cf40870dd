package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/bottest"
	"github.com/briefbot/briefbot/bot/discord"
	"github.com/briefbot/briefbot/bot/discord/fakediscord"
	"github.com/briefbot/briefbot/bot/schedule"
	"github.com/briefbot/briefbot/bot/slack/fakeslack"
	"github.com/briefbot/briefbot/bot/store"
)

// A newsSite is two outlets' feeds and article pages on loopback. The Courier and the
// Gazette both run a wire story about a ferry strike; the Courier alone reports the
// harbour's reopening.
type newsSite struct {
	*httptest.Server
	mu    sync.Mutex
	items map[string][]siteItem // by feed path
	pages map[string]string     // by page path
}

// A siteItem is an item of a feed, and its article page.
type siteItem struct {
	guid, title, teaser, text string
	published                 time.Time
}

func newNewsSite(t *testing.T) *newsSite {
	s := &newsSite{items: map[string][]siteItem{}, pages: map[string]string{}}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

// outlets are the feeds' titles and the pages' site names, by feed path.
var outlets = map[string]string{"/courier.xml": "The Courier", "/gazette.xml": "The Gazette"}

func (s *newsSite) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if items, ok := s.items[r.URL.Path]; ok {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>%s</title>`, outlets[r.URL.Path])
		for _, it := range items {
			fmt.Fprintf(w, "<item><guid>%s</guid><link>%s/a/%s?utm_source=rss</link><title>%s</title><description>%s</description><pubDate>%s</pubDate></item>",
				it.guid, s.URL, it.guid, it.title, it.teaser, it.published.Format(time.RFC1123Z))
		}
		fmt.Fprint(w, "</channel></rss>")
		return
	}
	if page, ok := s.pages[r.URL.Path]; ok {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, page)
		return
	}
	http.NotFound(w, r)
}

// add publishes an item in a feed, with its page.
func (s *newsSite) add(feed string, it siteItem) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.items[feed] = append(s.items[feed], it)
	var body strings.Builder
	for _, p := range strings.Split(it.text, "\n") {
		fmt.Fprintf(&body, "<p>%s</p>", p)
	}
	s.pages["/a/"+it.guid] = fmt.Sprintf(`<!doctype html><html><head><title>%s</title><meta property="og:site_name" content="%s"></head>`+
		`<body><nav><a href="/">Home</a> <a href="/world">World</a></nav><article><h1>%s</h1>%s</article><footer>Contact us</footer></body></html>`,
		it.title, outlets[feed], it.title, body.String())
}

// The wire story both outlets run, and what the Courier alone reports.
const (
	wireStory = "Ferry crews walked out at dawn on Monday over a pay offer that the union called an insult. All crossings to the islands were cancelled until further notice.\n" +
		"The operator said talks would resume on Wednesday with a mediator. Passengers were told to seek refunds at the terminal or online."
	harbourStory = "The harbour reopened to cargo ships on Tuesday after the storm damage was repaired. The port authority said the new sea wall had held through the night.\n" +
		"Fishing boats returned to their moorings by the afternoon, and the fish market will open again on Thursday."
)

// publishNews publishes the wire story in both feeds and the harbour story in the
// Courier's, published an hour before at.
func publishNews(s *newsSite, at time.Time) {
	s.add("/courier.xml", siteItem{guid: "c-ferry", title: "Ferry crews strike", teaser: "Crossings cancelled.", text: wireStory, published: at.Add(-time.Hour)})
	s.add("/gazette.xml", siteItem{guid: "g-ferry", title: "Ferries halted by strike", teaser: "No crossings today.", text: wireStory, published: at.Add(-time.Hour)})
	s.add("/courier.xml", siteItem{guid: "c-harbour", title: "Harbour reopens", teaser: "Ships are back.", text: harbourStory, published: at.Add(-time.Hour)})
}

// ingestYAML is the news keys that read the site's feeds politely but without pauses,
// from loopback.
func ingestYAML(s *newsSite) string {
	return "  feeds: [" + s.URL + "/courier.xml, " + s.URL + "/gazette.xml]\n" +
		"  ingest:\n    allow_private: true\n    pace: 0s\n    timeout: 5s\n"
}

// TestIngestThenBrief runs briefbot ingest as a user would, three times (each a new
// process on the same store: the seen-set is on disk), then briefbot brief on what it
// stored: the wire story cites both outlets, with their own links; the harbour story
// cites the Courier alone.
func TestIngestThenBrief(t *testing.T) {
	site := newNewsSite(t)
	publishNews(site, time.Now())
	dir := t.TempDir()
	file := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(file, []byte("news:\n"+ingestYAML(site)), 0o644); err != nil {
		t.Fatal(err)
	}
	r := runMain(t, "ingest", "--config", file)
	if r.code != exitOK || !strings.Contains(r.stdout, "2 of 2 sources read, 0 failed; 2 new articles, 1 copies") {
		t.Fatalf("first ingest: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	if r = runMain(t, "ingest", "--config", file); !strings.Contains(r.stdout, "; 0 new articles, 0 copies") {
		t.Fatalf("second ingest stored again: %s\n%s", r.stdout, r.stderr)
	}
	site.add("/gazette.xml", siteItem{guid: "g-late", title: "Museum gets a new roof", teaser: "Work ends.",
		text: "The city museum reopened under a new copper roof on Tuesday, after a year of repairs paid for by a public appeal. Builders finished two weeks early.\n" +
			"The museum's winter exhibition of old maps of the harbour opens next month, and entry will be free on Sundays until the spring.", published: time.Now()})
	if r = runMain(t, "ingest", "--config", file); !strings.Contains(r.stdout, "; 1 new articles, 0 copies") {
		t.Fatalf("third ingest: %s\n%s", r.stdout, r.stderr)
	}

	r = runMain(t, "brief", "--config", file, "--format", "json")
	if r.code != exitOK {
		t.Fatalf("brief: exit %d\n%s", r.code, r.stderr)
	}
	var br struct {
		Stories []struct {
			Headline string
			Items    []struct {
				Text    string
				Sources []struct{ Outlet, URL string }
			}
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &br); err != nil {
		t.Fatalf("brief --format json: %v\n%s", err, r.stdout)
	}
	cited := map[string]string{} // the first words of a point: its outlets and links
	for _, s := range br.Stories {
		for _, it := range s.Items {
			var who []string
			for _, c := range it.Sources {
				who = append(who, c.Outlet+" "+strings.TrimPrefix(c.URL, site.URL))
			}
			slices.Sort(who) // the feeds are read side by side: either copy may be the first
			cited[strings.Join(strings.Fields(it.Text)[:3], " ")] = strings.Join(who, ", ")
		}
	}
	for point, want := range map[string]string{
		"Ferry crews walked":   "The Courier /a/c-ferry, The Gazette /a/g-ferry",
		"The harbour reopened": "The Courier /a/c-harbour",
		"The city museum":      "The Gazette /a/g-late",
	} {
		if got, ok := cited[point]; !ok || got != want {
			t.Errorf("the point %q cites %q, want %q (all: %v)", point, got, want, cited)
		}
	}
}

// TestIngestBadConfig: ingest without feeds, or without --config, is a usage error.
func TestIngestBadConfig(t *testing.T) {
	file := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(file, []byte("news:\n  reload: 0s\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"ingest"}, {"ingest", "--config", file}, {"ingest", "--config", file, "extra"}} {
		if r := runMain(t, args...); r.code != exitUsage {
			t.Errorf("%q: exit %d, want %d\n%s", args, r.code, exitUsage, r.stderr)
		}
	}
}

// ingestedScheduler returns the fixture's scheduler on a platform's posters, reading the
// site's feeds (the channel's own) before each briefing, with the fixture's clock.
func (f *schedFixture) ingestedScheduler(posters map[string]schedule.Poster) (*schedule.Scheduler, *store.DB) {
	f.t.Helper()
	db, err := openStore(f.c)
	if err != nil {
		f.t.Fatal(err)
	}
	f.t.Cleanup(func() { db.Close() })
	ir, err := newIngestRunner(f.c, db, f.logs.Logger(), nil, f.clock.Now)
	if err != nil || ir == nil {
		f.t.Fatalf("ingest runner %v: %v", ir, err)
	}
	s, err := newScheduler(f.c, db, posters, schedulerDeps{log: f.logs.Logger(), now: f.clock.Now, owner: "one", refresh: ir.refresh})
	if err != nil {
		f.t.Fatal(err)
	}
	return s, db
}

// feedChannel is a channel whose briefings come from the site's feeds.
func feedChannel(platform, id string, site *newsSite) string {
	return "  - platform: " + platform + "\n    id: \"" + id + "\"\n    schedule: \"0 7 * * *\"\n" +
		"    feeds: [" + site.URL + "/courier.xml, " + site.URL + "/gazette.xml]\n"
}

// TestScheduledBriefingFromFeeds: a channel's scheduled briefing reads its feeds first and
// is made of what they carried, citing each outlet, with links, for what it reported,
// in Slack's blocks and in Discord's embeds.
func TestScheduledBriefingFromFeeds(t *testing.T) {
	const now = "2026-03-10T07:00:20Z"
	t.Run("slack", func(t *testing.T) {
		site := newNewsSite(t)
		f := newSchedFixtureNews(t, now, feedChannel("slack", "C0FEEDS", site), "", "  ingest:\n    allow_private: true\n    pace: 0s\n")
		publishNews(site, f.clock.Now())
		s, _ := f.ingestedScheduler(map[string]schedule.Poster{"slack": f.slackPoster()})
		pass(s)
		posts := f.fake.Posts()
		if len(posts) != 1 {
			t.Fatalf("%d posts, want 1\n%s", len(posts), f.logs)
		}
		checkFeedBriefing(t, posts[0].Blocks, site.URL)
	})
	t.Run("discord", func(t *testing.T) {
		site := newNewsSite(t)
		fake := fakediscord.New()
		t.Cleanup(fake.Close)
		f := newSchedFixtureNews(t, now, feedChannel("discord", fakediscord.ChannelID, site), discordYAML(fake, ""), "  ingest:\n    allow_private: true\n    pace: 0s\n")
		fake.SetClock(f.clock.Now)
		publishNews(site, f.clock.Now())
		a, err := discord.New(bottest.MustNewBot(t), discord.Config{Token: fakediscord.Token, APIURL: fake.APIURL, HTTPClient: fake.Client(), MaxRetries: -1, Logger: f.logs.Logger()})
		if err != nil {
			t.Fatal(err)
		}
		s, _ := f.ingestedScheduler(map[string]schedule.Poster{discord.Platform: scheduledPoster(a)})
		pass(s)
		msgs := botMessages(fake)
		if len(msgs) != 1 {
			t.Fatalf("%d messages, want 1\n%s", len(msgs), f.logs)
		}
		embeds, err := json.Marshal(msgs[0].Embeds)
		if err != nil {
			t.Fatal(err)
		}
		checkFeedBriefing(t, string(embeds), site.URL)
	})
}

// checkFeedBriefing checks a posted briefing of publishNews: both outlets and their
// article links are there, and the tracking parameters of the feeds' links are not.
func checkFeedBriefing(t *testing.T, posted, site string) {
	t.Helper()
	for _, want := range []string{"Ferry crews walked out", "The harbour reopened", "The Courier", "The Gazette",
		site + "/a/c-ferry", site + "/a/g-ferry", site + "/a/c-harbour"} {
		if !strings.Contains(posted, want) {
			t.Errorf("the briefing lacks %q: %s", want, posted)
		}
	}
	if strings.Contains(posted, "utm_source") {
		t.Errorf("the briefing's links keep tracking parameters: %s", posted)
	}
}

// TestSignalStopsIngest: SIGTERM stops an ingest pass waiting on feeds that never answer
// (well within their 20 s deadline), with the status a shell expects.
func TestSignalStopsIngest(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	hang := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-hang:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(hang)
	dir := t.TempDir()
	file := filepath.Join(dir, "config.yaml")
	yaml := "news:\n  feeds: [" + srv.URL + "/a.xml, " + srv.URL + "/b.xml]\n  ingest:\n    allow_private: true\n"
	if err := os.WriteFile(file, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd, stderr := startMain(t, nil, "ingest", "--config", file)
	time.Sleep(500 * time.Millisecond)
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if code := exitAfter(t, cmd, 5*time.Second); code != 143 {
		t.Errorf("exit status %d, want 143\n%s", code, stderr.String())
	}
}

// TestServeIngests: serve with feeds reads them at start into its store, says what the
// pass did in /readyz and its log, and counts the skips in /metrics.
func TestServeIngests(t *testing.T) {
	site := newNewsSite(t)
	publishNews(site, time.Now())
	site.mu.Lock()
	site.items["/gazette.xml"] = append(site.items["/gazette.xml"], siteItem{guid: "gone", title: "A page that is gone", published: time.Now()}) // its page is a 404
	site.mu.Unlock()
	fake := fakeslack.New()
	t.Cleanup(fake.Close)
	c := testConfig(t, fake, "news:\n"+ingestYAML(site)+"  reload: 0s\n")
	s := startServe(t, c, testEnv)
	ready := s.waitReadyz(t, "ingest: ready (last pass at ")
	if !strings.Contains(ready, "2 of 2 sources read, 0 failed; 2 new articles, 1 copies") {
		t.Errorf("/readyz: %s", ready)
	}
	s.waitMetric(t, `briefbot_ingest_skips_total{reason="http_status"} 1`)
	db, err := store.Open(context.Background(), c.storePath(), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if a, err := db.Articles(context.Background(), bot.All); err != nil || len(a) != 3 {
		t.Errorf("the store holds %d articles (%v), want the wire story twice and the harbour's", len(a), err)
	}
	if !strings.Contains(s.logs.String(), "ingest pass") {
		t.Errorf("the log lacks the pass:\n%s", s.logs)
	}
}
