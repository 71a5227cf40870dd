package bot_test

import (
	"bytes"
	"context"
	"testing"
	"testing/fstest"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/summarize"
)

// TestFilesHTML checks that a Files source passes HTML files to its HTML hook, and skips
// them without one.
func TestFilesHTML(t *testing.T) {
	fsys := fstest.MapFS{"a.txt": {Data: []byte(newsText)}, "page.html": {Data: []byte("<p>x</p>")}}
	hook := func(name string, page []byte) (summarize.Article, error) {
		return summarize.Article{Title: "A page", Outlet: "The Page", Text: newsText}, nil
	}
	tests := []struct {
		name string
		hook func(string, []byte) (summarize.Article, error)
		want int
	}{
		{"no hook", nil, 1},
		{"hook", hook, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var logs bytes.Buffer
			src := &bot.Files{Name: "news", FS: fsys, HTML: tt.hook, Logger: newTextLogger(&logs)}
			as, err := src.Articles(context.Background(), bot.All)
			if err != nil || len(as) != tt.want {
				t.Fatalf("Articles() = %d articles, %v; want %d", len(as), err, tt.want)
			}
			if tt.hook != nil && (as[1].ID != "page.html" || as[1].Outlet != "The Page" || as[1].Origin != "news") {
				t.Errorf("article %+v", as[1])
			}
		})
	}
}
