package feeds_test

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/feeds"
	"github.com/briefbot/briefbot/bot/store"
	"github.com/briefbot/briefbot/internal/synth"
	"github.com/briefbot/briefbot/summarize"
	"github.com/briefbot/briefbot/summarize/stories"
)

// BenchmarkIngest5000 ingests 5,000 generated articles from 50 feeds on loopback (a
// tenth of the items are teasers whose pages are fetched and extracted) into a SQLite
// store, then reads them back and groups them into stories, as a briefing over the
// store does. It reports the seconds of each step and the peak of the Go heap.
func BenchmarkIngest5000(b *testing.B) {
	const feedsN, perFeed = 50, 100
	gen := synth.New(1, feedsN*perFeed).Corpus(feedsN * perFeed)
	now := time.Now()
	bodies := make([]string, feedsN)
	pages := make(map[string]string)
	for f := range feedsN {
		var sb strings.Builder
		fmt.Fprintf(&sb, `<?xml version="1.0"?><rss version="2.0"><channel><title>Outlet %d</title>`, f)
		for i := range perFeed {
			a := gen[f*perFeed+i]
			body := "<p>" + strings.ReplaceAll(a.Text, "\n", "</p><p>") + "</p>"
			link := fmt.Sprintf("/a/%d/%d", f, i)
			if i%10 == 0 {
				pages[link] = "<html><head><title>T</title></head><body><article>" + body + "</article></body></html>"
				body = "<p>A teaser.</p>"
			}
			fmt.Fprintf(&sb, "<item><guid>%d-%d</guid><link>%s</link><title>Article %d of %d</title><pubDate>%s</pubDate><description><![CDATA[%s]]></description></item>",
				f, i, link, i, f, now.Format(time.RFC1123Z), body)
		}
		sb.WriteString("</channel></rss>")
		bodies[f] = sb.String()
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var f int
		if _, err := fmt.Sscanf(r.URL.Path, "/feed/%d", &f); err == nil && f < feedsN {
			w.Write([]byte(bodies[f]))
			return
		}
		if p, ok := pages[r.URL.Path]; ok {
			w.Write([]byte(p))
			return
		}
		http.NotFound(w, r)
	}))
	defer srv.Close()
	var sources []feeds.Source
	for f := range feedsN {
		sources = append(sources, feeds.Source{URL: fmt.Sprintf("%s/feed/%d", srv.URL, f)})
	}
	ctx := context.Background()
	var ingestS, groupS float64
	var peak uint64
	for b.Loop() {
		b.StopTimer()
		db, err := store.Open(ctx, filepath.Join(b.TempDir(), "b.db"), store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		stop := heapPeak(&peak)
		b.StartTimer()
		start := time.Now()
		in, err := feeds.New(feeds.Options{Store: db, Logger: slog.New(slog.DiscardHandler), SeedItems: perFeed, SeedAge: time.Hour,
			Fetcher: feeds.NewClient(feeds.ClientOptions{AllowPrivate: true, PerHost: 8, Pace: -1})})
		if err != nil {
			b.Fatal(err)
		}
		r, err := in.Run(ctx, sources)
		if err != nil || r.New+r.Copies != feedsN*perFeed {
			b.Fatalf("%v: %v, want %d articles", r, err, feedsN*perFeed)
		}
		mid := time.Now()
		articles, err := db.Articles(ctx, bot.All)
		if err != nil {
			b.Fatal(err)
		}
		if got := stories.Group(summarize.NewCorpus(articles)); len(got) == 0 {
			b.Fatal("no stories")
		}
		ingestS += mid.Sub(start).Seconds()
		groupS += time.Since(mid).Seconds()
		b.StopTimer()
		stop()
		db.Close()
		b.StartTimer()
	}
	b.ReportMetric(ingestS/float64(b.N), "ingest-s")
	b.ReportMetric(groupS/float64(b.N), "read+group-s")
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
}

// heapPeak samples the Go heap every 10 ms into peak until stop is called.
func heapPeak(peak *uint64) (stop func()) {
	var done atomic.Bool
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		var m runtime.MemStats
		for !done.Load() {
			runtime.ReadMemStats(&m)
			*peak = max(*peak, m.HeapInuse)
			time.Sleep(10 * time.Millisecond)
		}
	}()
	return func() { done.Store(true); <-finished }
}
