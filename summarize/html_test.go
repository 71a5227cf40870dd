package summarize

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"
)

func TestReadFSHTMLHook(t *testing.T) {
	fsys := fstest.MapFS{
		"news/a.html":   {Data: []byte("<html><body><p>Page A</p></body></html>")},
		"news/b.HTM":    {Data: []byte("<html><body><p>Page B</p></body></html>")},
		"news/bad.html": {Data: []byte("<html></html>")},
		"news/c.txt":    {Data: []byte("Plain text article.\n\nIt has a body.\n")},
		"d.html":        {Data: []byte("<p>On its own</p>")},
	}
	var calls atomic.Int32
	hook := func(name string, page []byte) (Article, error) {
		calls.Add(1)
		if strings.Contains(string(page), "<html></html>") {
			return Article{}, errors.New("no_text: nothing to read")
		}
		body := strings.TrimSuffix(strings.TrimPrefix(string(page), "<html><body><p>"), "</p></body></html>")
		return Article{ID: "ignored", Title: "Title of " + name, Outlet: "Outlet", URL: "https://example.com/" + name,
			Published: time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC), Text: body + " text."}, nil
	}
	t.Run("without a hook HTML is skipped", func(t *testing.T) {
		as, probs, err := ReadFSContext(context.Background(), fsys, ReadOptions{}, "news")
		if err != nil || len(as) != 1 || as[0].ID != "c.txt" {
			t.Fatalf("articles %+v, err %v", as, err)
		}
		if len(probs) != 3 {
			t.Errorf("problems %+v, want the three HTML files", probs)
		}
	})
	t.Run("with a hook HTML files are articles", func(t *testing.T) {
		as, probs, err := ReadFSContext(context.Background(), fsys, ReadOptions{HTML: hook}, "news", "d.html")
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, a := range as {
			ids = append(ids, a.ID)
		}
		if got := strings.Join(ids, " "); got != "a.html b.HTM c.txt d.html" {
			t.Fatalf("articles %q", got)
		}
		a := as[0]
		if a.Title != "Title of news/a.html" || a.Outlet != "Outlet" || a.URL != "https://example.com/news/a.html" || a.Text != "Page A text." || a.Published.IsZero() {
			t.Errorf("article %+v", a)
		}
		if len(probs) != 1 || probs[0].Name != "news/bad.html" || !strings.Contains(probs[0].Reason, "no_text") || !probs[0].Skipped {
			t.Errorf("problems %+v", probs)
		}
		if calls.Load() != 4 {
			t.Errorf("hook called %d times, want 4", calls.Load())
		}
	})
	t.Run("a manifest overrides the page", func(t *testing.T) {
		m := fstest.MapFS{
			"a.html":        fsys["news/a.html"],
			"manifest.json": {Data: []byte(`{"articles": [{"file":"a.html","title":"From the manifest","outlet":"M"}]}`)},
		}
		as, _, err := ReadFSContext(context.Background(), m, ReadOptions{HTML: hook})
		if err != nil || len(as) != 1 {
			t.Fatalf("%+v %v", as, err)
		}
		if as[0].Title != "From the manifest" || as[0].Outlet != "M" || as[0].URL == "" {
			t.Errorf("article %+v", as[0])
		}
	})
}
