package summarize_test

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/briefbot/briefbot/summarize"
)

func TestReadFSHTMLHook(t *testing.T) {
	fsys := fstest.MapFS{
		"a.html":        {Data: []byte("<html><body><p>Ferries stopped at dawn on Monday.</p></body></html>")},
		"b.htm":         {Data: []byte("<html><body>nothing</body></html>")},
		"c.txt":         {Data: []byte("Plain text stays plain text.\n")},
		"manifest.json": {Data: []byte(`{"articles": [{"file": "a.html", "outlet": "Courier"}]}`)},
	}
	hook := func(name string, page []byte) (summarize.Article, error) {
		if !strings.Contains(string(page), "Ferries") {
			return summarize.Article{}, errors.New("no text")
		}
		return summarize.Article{Title: "Ferries stop", Outlet: "Page outlet", URL: "https://c.example/1", Text: "Ferries stopped at dawn on Monday."}, nil
	}
	t.Run("with the hook", func(t *testing.T) {
		articles, problems, err := summarize.ReadFSContext(t.Context(), fsys, summarize.ReadOptions{HTML: hook})
		if err != nil {
			t.Fatal(err)
		}
		if len(articles) != 2 || articles[0].ID != "a.html" || articles[0].Title != "Ferries stop" || articles[0].Outlet != "Courier" ||
			articles[0].URL != "https://c.example/1" || articles[1].ID != "c.txt" {
			t.Fatalf("articles %+v", articles)
		}
		if len(problems) != 1 || problems[0].Name != "b.htm" || !problems[0].Skipped || !strings.Contains(problems[0].Reason, "no text") {
			t.Errorf("problems %+v, want b.htm skipped with the hook's reason", problems)
		}
	})
	t.Run("without", func(t *testing.T) {
		articles, problems, err := summarize.ReadFS(fsys)
		if err != nil {
			t.Fatal(err)
		}
		if len(articles) != 1 || articles[0].ID != "c.txt" || len(problems) != 2 {
			t.Errorf("articles %+v, problems %+v; want the HTML files skipped", articles, problems)
		}
	})
}
