package store_test

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/feeds"
	"github.com/briefbot/briefbot/bot/schedule"
	"github.com/briefbot/briefbot/bot/schedule/scheduletest"
	"github.com/briefbot/briefbot/bot/store"
	"github.com/briefbot/briefbot/summarize"
)

var t0 = time.Date(2026, 12, 2, 7, 0, 0, 0, time.UTC)

// stored returns an article first seen at, from feed, of outlet.
func stored(text, outlet, url, feed string, at time.Time) feeds.Stored {
	return feeds.Stored{Article: summarize.Article{Text: text, Outlet: outlet, URL: url, Title: "About " + text[:5],
		Published: at.Add(-time.Hour)}, Feed: feed, SeenAt: at, SimHash: feeds.SimHash(text)}
}

func mustAdd(t *testing.T, d *store.DB, s feeds.Stored) int64 {
	t.Helper()
	id, err := d.Add(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// cites returns "outlet url" of each article, in order.
func cites(a []summarize.Article) string {
	var out []string
	for _, x := range a {
		out = append(out, x.Outlet+" "+x.URL)
	}
	return strings.Join(out, "; ")
}

func TestSeenSurvivesARestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "briefbot.db")
	d := mustOpen(t, path, store.Options{})
	keys := make([]string, 5000)
	for i := range keys {
		keys[i] = fmt.Sprintf("guid-%d", i)
	}
	if err := d.MarkSeen(ctx, "f", keys[:4000], t0); err != nil {
		t.Fatal(err)
	}
	if err := d.SaveFeed(ctx, "f", feeds.FeedState{ETag: `"v1"`, LastModified: "Tue, 01 Dec 2026 07:00:00 GMT", SeededAt: t0}); err != nil {
		t.Fatal(err)
	}
	d.Close()
	d = mustOpen(t, path, store.Options{})
	unseen, err := d.Unseen(ctx, "f", keys)
	if err != nil || len(unseen) != 1000 || unseen[0] != "guid-4000" {
		t.Fatalf("Unseen: %d keys from %v, %v; want the last 1000", len(unseen), unseen[:min(1, len(unseen))], err)
	}
	if other, _ := d.Unseen(ctx, "g", keys[:3]); len(other) != 3 {
		t.Errorf("another feed's items count as seen: %v", other)
	}
	f, ok, err := d.Feed(ctx, "f")
	if err != nil || !ok || f.ETag != `"v1"` || !f.SeededAt.Equal(t0) || !f.CheckedAt.IsZero() {
		t.Errorf("Feed = %+v %v %v", f, ok, err)
	}
	if _, ok, _ := d.Feed(ctx, "never"); ok {
		t.Error("a feed never read is known")
	}
}

func TestArticlesOnePerOutlet(t *testing.T) {
	d := mustOpen(t, "", store.Options{})
	wire := mustAdd(t, d, stored("Ferries stopped at dawn.", "Courier", "https://c.example/1", "https://c.example/world.xml", t0))
	for _, c := range []feeds.Copy{
		{Feed: "https://c.example/top.xml", URL: "https://c.example/1-top", Outlet: "Courier"}, // the same outlet again
		{Feed: "https://g.example/feed", URL: "https://g.example/a", Outlet: "Gazette", Title: "Ferries halted"},
		{Feed: "https://g.example/feed", URL: "https://g.example/a", Outlet: "Gazette"}, // the same URL again
	} {
		if err := d.AddCopy(ctx, wire, c); err != nil {
			t.Fatal(err)
		}
	}
	mustAdd(t, d, stored("Harbour reopened today.", "Courier", "https://c.example/2", "https://c.example/world.xml", t0.Add(time.Hour)))
	got, err := d.Articles(ctx, bot.All)
	if err != nil {
		t.Fatal(err)
	}
	if want := "Courier https://c.example/1; Gazette https://g.example/a; Courier https://c.example/2"; cites(got) != want {
		t.Fatalf("articles %q, want %q", cites(got), want)
	}
	if got[1].Text != got[0].Text || got[1].Title != "Ferries halted" || got[0].Origin != store.Origin || got[0].ID == got[1].ID {
		t.Errorf("the Gazette's copy: %+v", got[1])
	}
	if !got[0].Published.Equal(t0.Add(-time.Hour)) {
		t.Errorf("published %v, want %v", got[0].Published, t0.Add(-time.Hour))
	}
	t.Run("window by first sight", func(t *testing.T) {
		got, err := d.Articles(ctx, bot.Window{Since: t0.Add(time.Minute)})
		if err != nil || cites(got) != "Courier https://c.example/2" {
			t.Errorf("since 07:01: %q, %v", cites(got), err)
		}
		if _, err := d.Articles(ctx, bot.Window{Since: t0.Add(2 * time.Hour)}); !errors.Is(err, bot.ErrNoArticles) {
			t.Errorf("an empty window: %v, want ErrNoArticles", err)
		}
	})
	t.Run("select feeds", func(t *testing.T) {
		got, err := d.Select([]string{"https://g.example/feed"}, summarize.Limits{}).Articles(ctx, bot.All)
		if err != nil || cites(got) != "Gazette https://g.example/a" {
			t.Errorf("the Gazette's feed: %q, %v", cites(got), err)
		}
		if _, err := d.Select([]string{}, summarize.Limits{}).Articles(ctx, bot.All); !errors.Is(err, bot.ErrNoArticles) {
			t.Errorf("no feeds: %v, want ErrNoArticles", err)
		}
	})
	t.Run("the newest within the limits", func(t *testing.T) {
		got, err := d.Select(nil, summarize.Limits{MaxArticles: 1}).Articles(ctx, bot.All)
		if err != nil || cites(got) != "Courier https://c.example/2" {
			t.Errorf("at most one article: %q, %v", cites(got), err)
		}
		got, err = d.Select(nil, summarize.Limits{MaxBytes: int64(len("Ferries stopped at dawn.") + len("Harbour reopened today."))}).Articles(ctx, bot.All)
		if err != nil || len(got) != 3 {
			t.Errorf("both texts fit: %q, %v", cites(got), err)
		}
	})
	t.Run("fingerprints", func(t *testing.T) {
		fp, err := d.Fingerprints(ctx)
		if err != nil || len(fp) != 2 || fp[0].ID != wire || fp[0].SimHash != feeds.SimHash("Ferries stopped at dawn.") {
			t.Errorf("Fingerprints = %+v, %v", fp, err)
		}
	})
}

func TestPruneKeepsTheLedger(t *testing.T) {
	d := mustOpen(t, "", store.Options{})
	old := mustAdd(t, d, stored("An old story here.", "Courier", "https://c.example/old", "f", t0.Add(-40*24*time.Hour)))
	if err := d.AddCopy(ctx, old, feeds.Copy{Feed: "g", URL: "https://g.example/old", Outlet: "Gazette"}); err != nil {
		t.Fatal(err)
	}
	mustAdd(t, d, stored("A fresh story now.", "Courier", "https://c.example/new", "f", t0))
	if err := d.MarkSeen(ctx, "f", []string{"old"}, t0.Add(-100*24*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := d.MarkSeen(ctx, "f", []string{"new"}, t0); err != nil {
		t.Fatal(err)
	}
	if err := d.Claim(ctx, schedule.Claim{Slot: slot(0), Owner: "a", At: scheduletest.T0}); err != nil {
		t.Fatal(err)
	}
	n, err := d.Prune(ctx, t0.Add(-30*24*time.Hour), t0.Add(-90*24*time.Hour))
	if err != nil || n != 1 {
		t.Fatalf("Prune = %d, %v; want 1", n, err)
	}
	got, _ := d.Articles(ctx, bot.All)
	if cites(got) != "Courier https://c.example/new" {
		t.Errorf("after pruning: %q", cites(got))
	}
	if unseen, _ := d.Unseen(ctx, "f", []string{"old", "new"}); len(unseen) != 1 || unseen[0] != "old" {
		t.Errorf("unseen after pruning: %v, want the old item forgotten", unseen)
	}
	if !claimed(t, d)[slot(0).ID()] {
		t.Error("pruning lost the ledger's claim")
	}
}

func TestArticlesErrorsName(t *testing.T) {
	d := mustOpen(t, "", store.Options{})
	d.Close()
	for name, err := range map[string]error{
		"add":    func() error { _, err := d.Add(ctx, stored("Some text.", "", "", "f", t0)); return err }(),
		"unseen": func() error { _, err := d.Unseen(ctx, "f", []string{"k"}); return err }(),
		"read":   func() error { _, err := d.Articles(ctx, bot.All); return err }(),
	} {
		if err == nil || !strings.HasPrefix(err.Error(), "store: ") || errors.Is(err, bot.ErrNoArticles) {
			t.Errorf("%s on a closed store: %v", name, err)
		}
	}
}

// BenchmarkStore5000 stores 5,000 articles of about 600 words, then reads them back.
func BenchmarkStore5000(b *testing.B) {
	words := strings.Fields("council budget river harbour ferry minister talks vote school hospital storm bridge train strike union wages")
	texts := make([]string, 5000)
	for i := range texts {
		var sb strings.Builder
		for j := range 600 {
			sb.WriteString(words[(i*7+j*j)%len(words)])
			sb.WriteByte(' ')
		}
		texts[i] = sb.String()
	}
	for b.Loop() {
		b.StopTimer()
		d, err := store.Open(ctx, filepath.Join(b.TempDir(), "b.db"), store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		for i, text := range texts {
			if _, err := d.Add(ctx, stored(text, "Courier", fmt.Sprint("https://c.example/", i), "f", t0)); err != nil {
				b.Fatal(err)
			}
		}
		if got, err := d.Articles(ctx, bot.All); err != nil || len(got) != len(texts) {
			b.Fatalf("%d articles, %v", len(got), err)
		}
		b.StopTimer()
		d.Close()
		b.StartTimer()
	}
}
