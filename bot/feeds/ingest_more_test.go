package feeds_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/feeds"
	"github.com/briefbot/briefbot/bot/feeds/feedstest"
)

func TestNearDuplicatesAreStoredOnceWithEveryCopy(t *testing.T) {
	s := newSite(t)
	store := &feedstest.MemStore{}
	for _, f := range []string{"/courier/world.xml", "/courier/top.xml", "/gazette.xml"} {
		seededFeed(t, s, store, f, "feed")
	}
	wire := text("wire", 24)
	own := text("own account", 24)
	s.serve("/courier/world.xml", "application/rss+xml", rss("The Courier", []entry{{guid: "c1", link: s.URL + "/c/1", title: "Ferries stop", body: wire, published: now}}))
	s.serve("/courier/top.xml", "application/rss+xml", rss("The Courier", []entry{{guid: "t1", link: s.URL + "/c/1", title: "Ferries stop", body: wire, published: now}}))
	// The Gazette runs the wire story under its own headline, with a byline added, and
	// tells the story in its own words too.
	s.serve("/gazette.xml", "application/rss+xml", rss("The Gazette", []entry{
		{guid: "g1", link: s.URL + "/g/1", title: "All ferries halted", body: "By a staff reporter. " + wire, published: now},
		{guid: "g2", link: s.URL + "/g/2", title: "Why the ferries stopped", body: own, published: now},
	}))
	in := ingester(t, store, feeds.Options{Workers: 1})
	r := run(t, in, feedOf(s, "/courier/world.xml"), feedOf(s, "/courier/top.xml"), feedOf(s, "/gazette.xml"))
	if r.New != 2 || r.Copies != 2 {
		t.Fatalf("%v, want 2 articles stored and 2 more copies", r)
	}
	got := store.Articles()
	var outlets []string
	for _, c := range got[0].Copies {
		outlets = append(outlets, c.Outlet+" "+strings.TrimPrefix(c.URL, s.URL)+" "+strings.TrimPrefix(c.Feed, s.URL))
	}
	want := "The Courier /c/1 /courier/world.xml|The Courier /c/1 /courier/top.xml|The Gazette /g/1 /gazette.xml"
	// The store keeps one copy per URL; the memory store too, so the second Courier feed
	// adds no copy of its own URL.
	want = "The Courier /c/1 /courier/world.xml|The Gazette /g/1 /gazette.xml"
	if strings.Join(outlets, "|") != want {
		t.Errorf("copies of the wire story: %q, want %q", strings.Join(outlets, "|"), want)
	}
	if got[1].Stored.Article.Title != "Why the ferries stopped" {
		t.Errorf("second article %q, want the Gazette's own account", got[1].Stored.Article.Title)
	}
}

func TestSimHashSeparates(t *testing.T) {
	a := text("one", 24)
	tests := []struct {
		name string
		b    string
		near bool
	}{
		{"the same text", a, true},
		{"a byline and a changed word", "By our correspondent. " + strings.Replace(a, "ferry", "boat", 1), true},
		{"the same words in other sentences", text("two", 24), false},
		{"a third of the text", a[:len(a)/3], false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := feeds.Near(feeds.SimHash(a), feeds.SimHash(tt.b)); got != tt.near {
				t.Errorf("Near = %v, want %v", got, tt.near)
			}
		})
	}
}

func TestBadSourcesAreSkippedAndCounted(t *testing.T) {
	s := newSite(t)
	store := &feedstest.MemStore{}
	good := entry{guid: "ok", link: s.URL + "/ok", title: "Good", body: text("good", 24), published: now}
	paths := []string{"/good.xml", "/malformed.xml", "/html.xml", "/nolinks.xml", "/empty.xml", "/gone.xml", "/teaser.xml"}
	for _, p := range paths {
		seededFeed(t, s, store, p, "feed")
	}
	s.serve("/good.xml", "application/rss+xml", rss("Good", []entry{good}))
	s.serve("/malformed.xml", "application/rss+xml", `<rss><channel><item><title>broken`)
	s.serve("/html.xml", "text/html", `<!doctype html><html><body><p>Not a feed</p></body></html>`)
	s.serve("/nolinks.xml", "application/rss+xml", rss("No links", []entry{{title: "a", body: text("x", 20)}, {title: "b", body: text("y", 20)}}))
	s.serve("/empty.xml", "application/rss+xml", "")
	s.handle("/gone.xml", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "gone", http.StatusGone) })
	s.serve("/teaser.xml", "application/rss+xml", rss("Teasers", []entry{{guid: "t", link: s.URL + "/blank", title: "Blank", body: "Read more.", published: now}}))
	s.serve("/blank", "text/html", `<html><body><nav>Home</nav></body></html>`)
	reasons := map[string]int{}
	in := ingester(t, store, feeds.Options{Skipped: func(r string) { reasons[r]++ }, Workers: 1})
	var sources []feeds.Source
	for _, p := range paths {
		sources = append(sources, feedOf(s, p))
	}
	r := run(t, in, sources...)
	if r.New != 1 || r.Failed != 4 || r.Done != len(paths) {
		t.Errorf("%v, want the good item stored, 4 sources failed, every source done", r)
	}
	want := map[string]int{feeds.ReasonNotFeed: 3, feeds.ReasonNoKey: 1, feeds.ReasonStatus: 1, feeds.ReasonNoText: 1}
	for k, v := range want {
		if reasons[k] != v {
			t.Errorf("skips for %s: %d, want %d (all: %v)", k, reasons[k], v, reasons)
		}
	}
	if !store.Seen(s.URL+"/teaser.xml", "t") {
		t.Error("an item whose page has no text is tried again at every pass; want it marked seen")
	}
}

func TestTemporaryPageFailureIsTriedAgain(t *testing.T) {
	s := newSite(t)
	store := &feedstest.MemStore{}
	seededFeed(t, s, store, "/feed.xml", "feed")
	s.serve("/feed.xml", "application/rss+xml", rss("Courier", []entry{{guid: "x", link: s.URL + "/x", title: "X", body: "Teaser.", published: now}}))
	s.handle("/x", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "busy", http.StatusServiceUnavailable) })
	if r := run(t, ingester(t, store, feeds.Options{}), feedOf(s, "/feed.xml")); r.New != 0 || r.Skipped != 1 {
		t.Fatalf("%v, want the item skipped for now", r)
	}
	s.serve("/x", "text/html", page("X", "The Courier", text("x", 20)))
	if r := run(t, ingester(t, store, feeds.Options{}), feedOf(s, "/feed.xml")); r.New != 1 {
		t.Fatalf("%v, want the item stored once its page answers", r)
	}
}

func TestNotModifiedFeedIsNotRead(t *testing.T) {
	s := newSite(t)
	store := &feedstest.MemStore{}
	var conditional int
	body := rss("Courier", []entry{{guid: "a", link: s.URL + "/a", title: "A", body: text("a", 20), published: now}})
	s.handle("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == `"v1"` {
			conditional++
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		w.Write([]byte(body))
	})
	run(t, ingester(t, store, feeds.Options{}), feedOf(s, "/feed.xml"))
	r := run(t, ingester(t, store, feeds.Options{}), feedOf(s, "/feed.xml"))
	if conditional != 1 || r.Failed != 0 || r.New != 0 {
		t.Fatalf("%v after %d conditional requests, want one answered 304 and nothing new", r, conditional)
	}
}

func TestOldItemsAreCutOff(t *testing.T) {
	s := newSite(t)
	store := &feedstest.MemStore{}
	seededFeed(t, s, store, "/feed.xml", "feed")
	s.serve("/feed.xml", "application/rss+xml", rss("Courier", []entry{
		{guid: "old", link: s.URL + "/old", title: "Old", body: text("old", 20), published: now.Add(-40 * 24 * time.Hour)},
		{guid: "undated", link: s.URL + "/undated", title: "Undated", body: text("undated", 20)},
	}))
	r := run(t, ingester(t, store, feeds.Options{}), feedOf(s, "/feed.xml"))
	if r.New != 1 || r.Skipped != 1 || store.Articles()[0].Stored.Article.Title != "Undated" {
		t.Fatalf("%v, want the 40-day-old item skipped and the undated one stored", r)
	}
}

func TestRetention(t *testing.T) {
	store := &feedstest.MemStore{}
	ctx := context.Background()
	for i, age := range []time.Duration{31 * 24 * time.Hour, time.Hour} {
		if _, err := store.Add(ctx, feeds.Stored{Article: articleOf(i), SeenAt: now.Add(-age)}); err != nil {
			t.Fatal(err)
		}
	}
	r := run(t, ingester(t, store, feeds.Options{}))
	if got := store.Articles(); r.Pruned != 1 || len(got) != 1 || got[0].Stored.SeenAt != now.Add(-time.Hour) {
		t.Fatalf("%v, kept %d; want the 31-day-old article pruned", r, len(got))
	}
}

func TestSinglePagesAreReadOnce(t *testing.T) {
	s := newSite(t)
	store := &feedstest.MemStore{}
	s.serve("/story", "text/html", page("The story", "The Courier", text("story", 20)))
	src := feeds.Source{URL: s.URL + "/story", Page: true}
	for range 2 {
		run(t, ingester(t, store, feeds.Options{}), src)
	}
	if got := store.Articles(); len(got) != 1 || s.hit("/story") != 1 {
		t.Fatalf("%d articles, page fetched %d times; want one of each", len(got), s.hit("/story"))
	}
}

func TestStoreFailureEndsThePass(t *testing.T) {
	s := newSite(t)
	s.serve("/feed.xml", "application/rss+xml", rss("Courier", nil))
	broken := errors.New("disk full")
	store := &feedstest.MemStore{Err: broken}
	_, err := ingester(t, store, feeds.Options{}).Run(context.Background(), []feeds.Source{feedOf(s, "/feed.xml")})
	if !errors.Is(err, broken) {
		t.Fatalf("Run: %v, want the store's error", err)
	}
}

func TestCancelledPassStops(t *testing.T) {
	s := newSite(t)
	store := &feedstest.MemStore{}
	block := make(chan struct{})
	defer close(block)
	s.handle("/slow.xml", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-block:
		case <-r.Context().Done():
		}
	})
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	var sources []feeds.Source
	for i := range 20 {
		sources = append(sources, feeds.Source{URL: fmt.Sprintf("%s/slow.xml?%d", s.URL, i)})
	}
	start := time.Now()
	_, err := ingester(t, store, feeds.Options{}).Run(ctx, sources)
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 5*time.Second {
		t.Fatalf("Run: %v after %v, want the deadline's error promptly", err, time.Since(start))
	}
}

func TestRunAsOfCountsTheNewsBeforeTheSlot(t *testing.T) {
	s := newSite(t)
	store := &feedstest.MemStore{}
	seededFeed(t, s, store, "/feed.xml", "feed")
	s.serve("/feed.xml", "application/rss+xml", rss("Courier", []entry{{guid: "a", link: s.URL + "/a", title: "A", body: text("a", 20), published: now}}))
	in := ingester(t, store, feeds.Options{})
	slot := now.Add(-20 * time.Second) // the briefing of the 11:59:40 slot, made at 12:00
	if _, err := in.RunAsOf(context.Background(), []feeds.Source{feedOf(s, "/feed.xml")}, slot); err != nil {
		t.Fatal(err)
	}
	if got := store.Articles()[0].Stored.SeenAt; !got.Before(slot) || got.Before(slot.Add(-time.Second)) {
		t.Errorf("seen at %v, want just before the slot %v", got, slot)
	}
	s.serve("/feed.xml", "application/rss+xml", rss("Courier", []entry{{guid: "b", link: s.URL + "/b", title: "B", body: text("b", 20), published: now}}))
	if _, err := in.RunAsOf(context.Background(), []feeds.Source{feedOf(s, "/feed.xml")}, now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if got := store.Articles()[1].Stored.SeenAt; !got.Equal(now) {
		t.Errorf("seen at %v for a window that ends later, want now %v", got, now)
	}
}

func TestSeedingKeepsTheNewestByDate(t *testing.T) {
	s := newSite(t)
	var es []entry
	for i, age := range []time.Duration{5, 1, 3, 2, 4} { // hours, in no order
		es = append(es, entry{guid: fmt.Sprint("i", i), link: fmt.Sprintf("%s/i/%d", s.URL, i), title: fmt.Sprintf("%dh old", age),
			body: text(fmt.Sprint("seed", i), 20), published: now.Add(-age * time.Hour)})
	}
	s.serve("/feed.xml", "application/rss+xml", rss("Courier", es))
	store := &feedstest.MemStore{}
	run(t, ingester(t, store, feeds.Options{SeedItems: 2}), feedOf(s, "/feed.xml"))
	var titles []string
	for _, a := range store.Articles() {
		titles = append(titles, a.Stored.Article.Title)
	}
	if got := strings.Join(titles, ", "); got != "2h old, 1h old" {
		t.Errorf("seeded %q, want the two newest, oldest first", got)
	}
}

func TestNewItemsAreStoredInTheOrderPublished(t *testing.T) {
	s := newSite(t)
	store := &feedstest.MemStore{}
	seededFeed(t, s, store, "/feed.xml", "feed")
	s.serve("/feed.xml", "application/rss+xml", rss("Courier", []entry{ // newest first, as feeds list them
		{guid: "undated", link: s.URL + "/u", title: "undated", body: text("u", 20)},
		{guid: "new", link: s.URL + "/n", title: "new", body: text("n", 20), published: now.Add(-time.Hour)},
		{guid: "old", link: s.URL + "/o", title: "old", body: text("o", 20), published: now.Add(-3 * time.Hour)},
	}))
	run(t, ingester(t, store, feeds.Options{}), feedOf(s, "/feed.xml"))
	var titles []string
	for _, a := range store.Articles() {
		titles = append(titles, a.Stored.Article.Title)
	}
	if got := strings.Join(titles, ", "); got != "old, new, undated" {
		t.Errorf("stored %q, want the order of publication, undated last", got)
	}
}

// nilFetcher answers neither a response nor an error.
type nilFetcher struct{}

func (nilFetcher) Feed(context.Context, string, feeds.Conditional) (*feeds.Response, error) {
	return nil, nil
}
func (nilFetcher) Page(context.Context, string) (*feeds.Response, error) { return nil, nil }

func TestAFetcherWithoutAResponseIsAFailure(t *testing.T) {
	in, err := feeds.New(feeds.Options{Store: &feedstest.MemStore{}, Fetcher: nilFetcher{}, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	r, err := in.Run(context.Background(), []feeds.Source{{URL: "https://example.com/feed"}, {URL: "https://example.com/a", Page: true}})
	if err != nil || r.Failed != 2 || r.Done != 2 {
		t.Fatalf("%v, %v; want both sources failed, no panic", r, err)
	}
}
