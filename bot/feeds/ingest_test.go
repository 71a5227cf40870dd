package feeds_test

import (
	"context"
	"fmt"
	"hash/fnv"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/feeds"
	"github.com/briefbot/briefbot/bot/feeds/feedstest"
	"github.com/briefbot/briefbot/summarize"
)

// now is the tests' clock.
var now = time.Date(2026, 12, 2, 12, 0, 0, 0, time.UTC)

// words are the vocabulary of generated texts.
var words = strings.Fields(`council budget river harbour ferry minister talks vote school
	hospital storm bridge train strike union wages election court judge police market
	prices farmers harvest drought rain energy wind solar grid museum festival league
	match coach player season stadium airport runway pilot flight port cargo ship crew
	mayor district housing rent tenants landlord bank rates loans inflation exports`)

// text returns a deterministic text of n sentences drawn from seed, one paragraph of
// four sentences a line.
func text(seed string, n int) string {
	h := fnv.New64a()
	io.WriteString(h, seed)
	x := h.Sum64()
	var sb strings.Builder
	for i := range n {
		for j := range 10 {
			x = x*6364136223846793005 + 1442695040888963407
			w := words[(x>>33)%uint64(len(words))]
			if j == 0 {
				w = strings.ToUpper(w[:1]) + w[1:]
			}
			sb.WriteString(w)
			if j < 9 {
				sb.WriteByte(' ')
			}
		}
		sb.WriteString(". ")
		if i%4 == 3 {
			sb.WriteString("\n")
		}
	}
	return strings.TrimSpace(sb.String())
}

// An entry is an item of a test feed.
type entry struct {
	guid, link, title, body string
	published               time.Time
}

// rss writes a feed of the entries.
func rss(title string, es []entry) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>%s</title>`, title)
	for _, e := range es {
		sb.WriteString("<item>")
		if e.guid != "" {
			fmt.Fprintf(&sb, "<guid>%s</guid>", e.guid)
		}
		if e.link != "" {
			fmt.Fprintf(&sb, "<link>%s</link>", e.link)
		}
		fmt.Fprintf(&sb, "<title>%s</title><description><![CDATA[<p>%s</p>]]></description>", e.title, e.body)
		if !e.published.IsZero() {
			fmt.Fprintf(&sb, "<pubDate>%s</pubDate>", e.published.Format(time.RFC1123Z))
		}
		sb.WriteString("</item>")
	}
	sb.WriteString("</channel></rss>")
	return sb.String()
}

// A site serves feeds and pages that a test changes as it goes.
type site struct {
	*httptest.Server
	mu    sync.Mutex
	paths map[string]func(w http.ResponseWriter, r *http.Request)
	hits  map[string]int
}

func newSite(t *testing.T) *site {
	s := &site{paths: map[string]func(http.ResponseWriter, *http.Request){}, hits: map[string]int{}}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		h := s.paths[r.URL.Path]
		s.hits[r.URL.Path]++
		s.mu.Unlock()
		if h == nil {
			http.NotFound(w, r)
			return
		}
		h(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

// serve serves body at path with the content type.
func (s *site) serve(path, contentType, body string) {
	s.handle(path, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", contentType)
		io.WriteString(w, body)
	})
}

func (s *site) handle(path string, h func(http.ResponseWriter, *http.Request)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.paths[path] = h
}

func (s *site) hit(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

// page returns an article page of the text.
func page(title, outlet, body string) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, `<html><head><title>%s</title><meta property="og:site_name" content="%s"></head><body><nav>Home · World · Sport</nav><article><h1>%s</h1>`, title, outlet, title)
	for _, p := range strings.Split(body, "\n") {
		fmt.Fprintf(&sb, "<p>%s</p>", p)
	}
	sb.WriteString("</article><footer>© the outlet</footer></body></html>")
	return sb.String()
}

// ingester returns an ingester over the store that reads with the test client.
func ingester(t *testing.T, store feeds.Store, o feeds.Options) *feeds.Ingester {
	t.Helper()
	o.Store, o.Fetcher, o.Now = store, testClient(), func() time.Time { return now }
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.SeedItems == 0 {
		o.SeedItems = feeds.DefaultSeedItems
	}
	if o.SeedAge == 0 {
		o.SeedAge = feeds.DefaultSeedAge
	}
	in, err := feeds.New(o)
	if err != nil {
		t.Fatal(err)
	}
	return in
}

// run runs a pass and fails the test on an error.
func run(t *testing.T, in *feeds.Ingester, sources ...feeds.Source) feeds.Report {
	t.Helper()
	r, err := in.Run(context.Background(), sources)
	if err != nil {
		t.Fatalf("Run: %v (report %v)", err, r)
	}
	return r
}

func feedOf(s *site, path string) feeds.Source { return feeds.Source{URL: s.URL + path} }

func TestFirstReadIsSeededSilently(t *testing.T) {
	s := newSite(t)
	var es []entry
	for i := range 6 {
		es = append(es, entry{guid: fmt.Sprintf("old-%d", i), link: fmt.Sprintf("%s/old/%d", s.URL, i), title: "Old news", body: text(fmt.Sprint("old", i), 20), published: now.Add(-72 * time.Hour)})
	}
	es = append(es, entry{guid: "new-1", link: s.URL + "/new/1", title: "Fresh news", body: text("new1", 20), published: now.Add(-time.Hour)})
	s.serve("/feed.xml", "application/rss+xml", rss("The Courier", es))
	store := &feedstest.MemStore{}
	r := run(t, ingester(t, store, feeds.Options{}), feedOf(s, "/feed.xml"))
	if r.Seeded != 6 || r.New != 1 || r.Failed != 0 {
		t.Fatalf("first read: %v, want 6 seeded, 1 new", r)
	}
	got := store.Articles()
	if len(got) != 1 || got[0].Stored.Article.Title != "Fresh news" || got[0].Stored.Article.Outlet != "The Courier" {
		t.Fatalf("stored %+v, want the fresh item of The Courier only", got)
	}
	for _, e := range es {
		if !store.Seen(s.URL+"/feed.xml", e.guid) {
			t.Errorf("%s not marked seen", e.guid)
		}
	}
	t.Run("only new items after", func(t *testing.T) {
		es = append(es, entry{guid: "new-2", link: s.URL + "/new/2", title: "Later news", body: text("new2", 20), published: now.Add(-100 * time.Hour)})
		s.serve("/feed.xml", "application/rss+xml", rss("The Courier", es))
		r := run(t, ingester(t, store, feeds.Options{}), feedOf(s, "/feed.xml"))
		if r.New != 1 || r.Seeded != 0 {
			t.Fatalf("second read: %v, want 1 new (an old date does not make an unseen item old news)", r)
		}
		r = run(t, ingester(t, store, feeds.Options{}), feedOf(s, "/feed.xml"))
		if r.New != 0 || r.Copies != 0 {
			t.Fatalf("third read: %v, want nothing new", r)
		}
	})
}

func TestSeedingCanStoreNothing(t *testing.T) {
	s := newSite(t)
	s.serve("/feed.xml", "application/rss+xml", rss("Gazette", []entry{{guid: "a", title: "A", body: text("a", 20), published: now}}))
	store := &feedstest.MemStore{}
	r := run(t, ingester(t, store, feeds.Options{SeedItems: -1}), feedOf(s, "/feed.xml"))
	if r.New != 0 || r.Seeded != 1 {
		t.Fatalf("%v, want the one item seeded and none stored", r)
	}
}

// seededFeed serves a feed and reads it once, so that its next items count as new.
func seededFeed(t *testing.T, s *site, store feeds.Store, path, title string) {
	t.Helper()
	s.serve(path, "application/rss+xml", rss(title, nil))
	run(t, ingester(t, store, feeds.Options{}), feedOf(s, path))
}

func TestTeaserFetchesThePage(t *testing.T) {
	s := newSite(t)
	store := &feedstest.MemStore{}
	seededFeed(t, s, store, "/feed.xml", "Courier feed")
	body := text("ferry", 24)
	s.serve("/a/ferry", "text/html; charset=utf-8", page("Ferry strike ends", "The Courier", body))
	s.serve("/feed.xml", "application/rss+xml", rss("Courier feed", []entry{{link: s.URL + "/a/ferry?utm_source=rss#top", title: "Ferry strike ends", body: "Crews return to work.", published: now}}))
	r := run(t, ingester(t, store, feeds.Options{}), feedOf(s, "/feed.xml"))
	if r.New != 1 || s.hit("/a/ferry") != 1 {
		t.Fatalf("%v, page fetched %d times; want the page read once", r, s.hit("/a/ferry"))
	}
	a := store.Articles()[0].Stored.Article
	if !strings.Contains(a.Text, strings.TrimSpace(strings.Split(body, "\n")[2])) || a.URL != s.URL+"/a/ferry" {
		t.Fatalf("stored %q at %s, want the page's text at the canonical URL", a.Text, a.URL)
	}
}

func articleOf(i int) summarize.Article {
	return summarize.Article{ID: fmt.Sprint(i), Title: fmt.Sprint("Article ", i), Text: text(fmt.Sprint(i), 8)}
}

// testClient is the polite client as ingestion uses it, allowed to reach loopback, with
// no pause between requests.
func testClient() feeds.Fetcher {
	return feeds.NewClient(feeds.ClientOptions{AllowPrivate: true, Pace: -1, Timeout: 5 * time.Second})
}
