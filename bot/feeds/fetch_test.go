package feeds

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// testClient returns a client for httptest servers: private addresses allowed, no pace.
func testClient(o ClientOptions) *Client {
	o.AllowPrivate = true
	if o.Pace == 0 {
		o.Pace = -1
	}
	return NewClient(o)
}

// wantSkip checks that err is a Skip with reason and temporary.
func wantSkip(t *testing.T, err error, reason string, temporary bool) {
	t.Helper()
	var s *Skip
	if !errors.As(err, &s) {
		t.Fatalf("error %v is no Skip, want %s", err, reason)
	}
	if s.Reason != reason || s.Temporary != temporary {
		t.Fatalf("skip %q temporary %v (%v), want %q temporary %v", s.Reason, s.Temporary, s, reason, temporary)
	}
}

func TestFetchSkips(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/huge", func(w http.ResponseWriter, r *http.Request) {
		chunk := []byte(strings.Repeat("x", 64<<10))
		for range 100 << 20 / len(chunk) { // 100 MB, streamed
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop2", http.StatusFound)
	})
	mux.HandleFunc("/loop2", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop", http.StatusFound)
	})
	mux.HandleFunc("/chain/", func(w http.ResponseWriter, r *http.Request) {
		var n int
		_, _ = fmt.Sscanf(r.URL.Path, "/chain/%d", &n)
		http.Redirect(w, r, fmt.Sprintf("/chain/%d", n+1), http.StatusMovedPermanently)
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(5 * time.Second):
		case <-r.Context().Done():
		}
	})
	mux.HandleFunc("/trickle", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusOK)
		for range 10 {
			_, _ = w.Write([]byte("x"))
			w.(http.Flusher).Flush()
			select {
			case <-time.After(time.Second):
			case <-r.Context().Done():
				return
			}
		}
	})
	mux.HandleFunc("/badcharset", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=klingon-8")
		_, _ = w.Write([]byte("<p>hello</p>"))
	})
	mux.HandleFunc("/gone", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "gone", http.StatusGone) })
	mux.HandleFunc("/busy", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "busy", http.StatusTooManyRequests)
	})
	mux.HandleFunc("/broken", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "oops", http.StatusBadGateway) })
	srv := httptest.NewServer(mux)
	defer srv.Close()
	c := testClient(ClientOptions{Timeout: 500 * time.Millisecond})
	tests := []struct {
		name, path, reason string
		temporary          bool
	}{
		{"100 MB body", "/huge", ReasonTooLarge, false},
		{"redirect loop", "/loop", ReasonRedirects, false},
		{"more than 5 redirects", "/chain/0", ReasonRedirects, false},
		{"timeout", "/slow", ReasonTimeout, true},
		{"a byte a second", "/trickle", ReasonTimeout, true},
		{"unknown charset", "/badcharset", ReasonCharset, false},
		{"410", "/gone", ReasonStatus, false},
		{"429", "/busy", ReasonStatus, true},
		{"502", "/broken", ReasonStatus, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			_, err := c.Feed(context.Background(), srv.URL+tt.path, Conditional{})
			if tt.path == "/badcharset" {
				_, err = c.Page(context.Background(), srv.URL+tt.path)
			}
			wantSkip(t, err, tt.reason, tt.temporary)
			if d := time.Since(start); d > 3*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
}

func TestFetchBadURL(t *testing.T) {
	c := testClient(ClientOptions{})
	for _, u := range []string{"ftp://example.com/x", "file:///etc/passwd", "not a url", "http://", "://x"} {
		t.Run(u, func(t *testing.T) {
			_, err := c.Page(context.Background(), u)
			wantSkip(t, err, ReasonBadURL, false)
		})
	}
}

func TestFetchRedirectsFollowed(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/old", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/new", http.StatusFound) })
	mux.HandleFunc("/new", func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte("<rss/>")) })
	srv := httptest.NewServer(mux)
	defer srv.Close()
	r, err := testClient(ClientOptions{}).Feed(context.Background(), srv.URL+"/old", Conditional{})
	if err != nil {
		t.Fatal(err)
	}
	if r.URL != srv.URL+"/new" || string(r.Body) != "<rss/>" {
		t.Errorf("got %q %q", r.URL, r.Body)
	}
}

func TestFetchConditional(t *testing.T) {
	var gotUA, gotINM, gotIMS string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotUA, gotINM, gotIMS = r.UserAgent(), r.Header.Get("If-None-Match"), r.Header.Get("If-Modified-Since")
		if gotINM == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Last-Modified", "Mon, 30 Nov 2026 10:00:00 GMT")
		_, _ = w.Write([]byte("<rss/>"))
	}))
	defer srv.Close()
	c := testClient(ClientOptions{})
	r, err := c.Feed(context.Background(), srv.URL, Conditional{})
	if err != nil || r.NotModified || r.ETag != `"v1"` {
		t.Fatalf("first read: %+v %v", r, err)
	}
	if gotUA != DefaultUserAgent {
		t.Errorf("User-Agent %q", gotUA)
	}
	r, err = c.Feed(context.Background(), srv.URL, Conditional{ETag: r.ETag, LastModified: r.LastModified})
	if err != nil || !r.NotModified || len(r.Body) != 0 {
		t.Fatalf("second read: %+v %v", r, err)
	}
	if gotINM != `"v1"` || gotIMS != "Mon, 30 Nov 2026 10:00:00 GMT" {
		t.Errorf("validators sent: %q %q", gotINM, gotIMS)
	}
}

func TestFetchRobots(t *testing.T) {
	var robotsReads atomic.Int32
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		robotsReads.Add(1)
		_, _ = w.Write([]byte("User-agent: briefbot\nDisallow: /private/\n\nUser-agent: *\nDisallow: /\n"))
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte("<p>ok</p>")) })
	srv := httptest.NewServer(mux)
	defer srv.Close()
	c := testClient(ClientOptions{})
	t.Run("allowed", func(t *testing.T) {
		if _, err := c.Page(context.Background(), srv.URL+"/news/1"); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("disallowed", func(t *testing.T) {
		_, err := c.Page(context.Background(), srv.URL+"/private/1")
		wantSkip(t, err, ReasonRobots, false)
	})
	t.Run("feeds ignore robots", func(t *testing.T) {
		if _, err := c.Feed(context.Background(), srv.URL+"/private/feed", Conditional{}); err != nil {
			t.Fatal(err)
		}
	})
	if n := robotsReads.Load(); n != 1 {
		t.Errorf("robots.txt read %d times, want 1 (cached)", n)
	}
}

func TestFetchRobotsMissingOrFailing(t *testing.T) {
	tests := []struct {
		name   string
		status int
		err    string // "" for allowed
	}{
		{"404 allows all", http.StatusNotFound, ""},
		{"503 is a temporary skip", http.StatusServiceUnavailable, ReasonRobots},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mux := http.NewServeMux()
			mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(tt.status) })
			mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte("<p>ok</p>")) })
			srv := httptest.NewServer(mux)
			defer srv.Close()
			_, err := testClient(ClientOptions{}).Page(context.Background(), srv.URL+"/a")
			if tt.err == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			wantSkip(t, err, tt.err, true)
		})
	}
}

func TestFetchPrivateRefused(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1) }))
	defer srv.Close()
	c := NewClient(ClientOptions{Pace: -1})
	for _, u := range []string{srv.URL + "/feed", strings.Replace(srv.URL, "127.0.0.1", "localhost", 1) + "/feed"} {
		t.Run(u, func(t *testing.T) {
			_, err := c.Feed(context.Background(), u, Conditional{})
			wantSkip(t, err, ReasonPrivate, false)
		})
	}
	if hits.Load() != 0 {
		t.Errorf("the server was reached %d times", hits.Load())
	}
}

func TestFetchPerHostLimit(t *testing.T) {
	var cur, peak atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := cur.Add(1)
		for {
			p := peak.Load()
			if n <= p || peak.CompareAndSwap(p, n) {
				break
			}
		}
		time.Sleep(50 * time.Millisecond)
		cur.Add(-1)
	}))
	defer srv.Close()
	c := testClient(ClientOptions{PerHost: 2})
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			if _, err := c.Feed(context.Background(), fmt.Sprintf("%s/%d", srv.URL, i), Conditional{}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if p := peak.Load(); p != 2 {
		t.Errorf("peak concurrency %d, want 2", p)
	}
}

func TestFetchSlowHostDoesNotStallOthers(t *testing.T) {
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(3 * time.Second):
		case <-r.Context().Done():
		}
	}))
	defer slow.Close()
	fast := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer fast.Close()
	// The fast server is reached as localhost, another host than 127.0.0.1.
	fastURL := strings.Replace(fast.URL, "127.0.0.1", "localhost", 1)
	c := NewClient(ClientOptions{AllowPrivate: true, PerHost: 1, Pace: 200 * time.Millisecond, Timeout: 2 * time.Second})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	for range 3 { // fill the slow host's slot and queue
		go func() { _, _ = c.Feed(ctx, slow.URL, Conditional{}) }()
	}
	time.Sleep(100 * time.Millisecond)
	start := time.Now()
	if _, err := c.Feed(context.Background(), fastURL, Conditional{}); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 500*time.Millisecond {
		t.Errorf("the fast host took %v behind the slow one", d)
	}
}

func TestFetchPace(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer srv.Close()
	c := NewClient(ClientOptions{AllowPrivate: true, Pace: 100 * time.Millisecond})
	start := time.Now()
	for range 3 {
		if _, err := c.Feed(context.Background(), srv.URL, Conditional{}); err != nil {
			t.Fatal(err)
		}
	}
	if d := time.Since(start); d < 200*time.Millisecond {
		t.Errorf("3 requests in %v, want at least 200ms apart in all", d)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := c.Feed(ctx, srv.URL, Conditional{}); !errors.Is(err, context.Canceled) {
		t.Errorf("a cancelled wait: %v", err)
	}
}

func TestFetchRedirectRobots(t *testing.T) {
	other := http.NewServeMux()
	other.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte("User-agent: *\nDisallow: /closed\n"))
	})
	other.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte("<p>ok</p>")) })
	dst := httptest.NewServer(other)
	defer dst.Close()
	dstURL := strings.Replace(dst.URL, "127.0.0.1", "localhost", 1) // another host
	src := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		http.Redirect(w, r, dstURL+r.URL.Path, http.StatusFound)
	}))
	defer src.Close()
	c := testClient(ClientOptions{PerHost: 1})
	t.Run("allowed", func(t *testing.T) {
		r, err := c.Page(context.Background(), src.URL+"/open")
		if err != nil || r.URL != dstURL+"/open" {
			t.Fatalf("%+v %v", r, err)
		}
	})
	t.Run("disallowed", func(t *testing.T) {
		_, err := c.Page(context.Background(), src.URL+"/closed")
		wantSkip(t, err, ReasonRobots, false)
	})
	t.Run("feeds do not ask", func(t *testing.T) {
		if _, err := c.Feed(context.Background(), src.URL+"/closed", Conditional{}); err != nil {
			t.Fatal(err)
		}
	})
}
