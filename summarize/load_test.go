package summarize

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// file returns a MapFS file holding s.
func file(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }

// dir returns a MapFS entry for an empty directory.
func dir() *fstest.MapFile { return &fstest.MapFile{Mode: fs.ModeDir | 0o755} }

// mustReadFS calls ReadFS and fails the test on an error.
func mustReadFS(t *testing.T, fsys fs.FS, names ...string) ([]Article, []Problem) {
	t.Helper()
	articles, problems, err := ReadFS(fsys, names...)
	if err != nil {
		t.Fatalf("ReadFS(%q): %v", names, err)
	}
	return articles, problems
}

// articleDiff describes how got differs from want, field by field, or returns "".
func articleDiff(got, want Article) string {
	var b strings.Builder
	field := func(name string, got, want any) {
		if got != want {
			fmt.Fprintf(&b, "\n\t%s = %q, want %q", name, got, want)
		}
	}
	field("ID", got.ID, want.ID)
	field("Title", got.Title, want.Title)
	field("Outlet", got.Outlet, want.Outlet)
	field("URL", got.URL, want.URL)
	field("Text", got.Text, want.Text)
	if !got.Published.Equal(want.Published) {
		fmt.Fprintf(&b, "\n\tPublished = %v, want %v", got.Published, want.Published)
	}
	return b.String()
}

// checkArticles compares articles with want, in order.
func checkArticles(t *testing.T, got, want []Article) {
	t.Helper()
	if len(got) != len(want) {
		ids := make([]string, len(got))
		for i, a := range got {
			ids[i] = a.ID
		}
		t.Fatalf("got %d articles %q, want %d", len(got), ids, len(want))
	}
	for i := range want {
		if d := articleDiff(got[i], want[i]); d != "" {
			t.Errorf("article %d (%s):%s", i, want[i].ID, d)
		}
	}
}

// checkProblems compares problems with want, in order.
func checkProblems(t *testing.T, got, want []Problem) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("problems:\n\tgot  %+v\n\twant %+v", got, want)
	}
}

func TestReadFSEmptyFolder(t *testing.T) {
	tests := []struct {
		name  string
		fsys  fs.FS
		names []string
	}{
		{"empty MapFS", fstest.MapFS{}, nil},
		{"empty folder in MapFS", fstest.MapFS{"news": dir()}, []string{"news"}},
		{"folder of hidden files and folders", fstest.MapFS{"news/.keep": file("x"), "news/old": dir()}, []string{"news"}},
		{"empty temporary folder", os.DirFS(t.TempDir()), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			articles, problems, err := ReadFS(tt.fsys, tt.names...)
			if err != nil {
				t.Fatalf("ReadFS: %v; an empty folder is not an error", err)
			}
			if len(articles) != 0 || len(problems) != 0 {
				t.Errorf("ReadFS = %d articles, problems %+v; want none", len(articles), problems)
			}
		})
	}
}

func TestReadFSSkipped(t *testing.T) {
	tests := []struct {
		name   string
		data   string
		reason string
	}{
		{"empty file", "", "empty file"},
		{"white space", "  \n\t\r\n \n", "empty file"},
		{"byte order mark only", "\ufeff\n", "empty file"},
		{"NUL bytes", "PK\x03\x04\x14\x00\x00\x00\x08\x00 some text", "binary file"},
		{"control characters", strings.Repeat("\x01\x02\x1b", 10) + "text", "binary file"},
		{"NUL after text", "The storm hit.\x00\x00", "binary file"},
		{"HTML doctype", "<!DOCTYPE html>\n<html><body><p>The storm hit.</p></body></html>", "an HTML page, not plain text"},
		{"HTML element after white space", "\n  <html lang=\"en\">\n<p>The storm hit.</p>", "an HTML page, not plain text"},
		{"HTML after a byte order mark", "\ufeff<!doctype html><p>The storm hit.</p>", "an HTML page, not plain text"},
		{"HTML that opens with a comment", "<!-- saved page -->\n<head><title>Storm</title></head><p>The storm hit.</p>", "an HTML page, not plain text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{"news/a.txt": file(tt.data)}
			articles, problems := mustReadFS(t, fsys, "news")
			if len(articles) != 0 {
				t.Errorf("read %d articles, want none; text %q", len(articles), articles[0].Text)
			}
			checkProblems(t, problems, []Problem{{Name: "news/a.txt", Reason: tt.reason, Skipped: true}})
		})
	}
}

func TestReadFSTooLarge(t *testing.T) {
	t.Run("just over the limit", func(t *testing.T) {
		fsys := fstest.MapFS{"big.txt": {Data: bytes.Repeat([]byte("a"), MaxArticleBytes+1)}}
		articles, problems := mustReadFS(t, fsys)
		if len(articles) != 0 {
			t.Errorf("read %d articles, want none", len(articles))
		}
		want := fmt.Sprintf("too large: %d bytes, the limit is %d bytes", MaxArticleBytes+1, MaxArticleBytes)
		checkProblems(t, problems, []Problem{{Name: "big.txt", Reason: want, Skipped: true}})
	})
	t.Run("sparse file", func(t *testing.T) {
		tmp := t.TempDir()
		f, err := os.Create(filepath.Join(tmp, "big.txt"))
		if err != nil {
			t.Fatal(err)
		}
		if err := f.Truncate(5 << 20); err != nil {
			f.Close()
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(tmp, "small.txt"), []byte("The storm hit."), 0o644); err != nil {
			t.Fatal(err)
		}
		articles, problems := mustReadFS(t, os.DirFS(tmp))
		checkArticles(t, articles, []Article{{ID: "small.txt", Text: "The storm hit."}})
		checkProblems(t, problems, []Problem{{Name: "big.txt", Reason: "too large: 5.0 MB, the limit is 4.0 MB", Skipped: true}})
	})
	t.Run("at the limit", func(t *testing.T) {
		data := bytes.Repeat([]byte("word "), MaxArticleBytes/5+1)[:MaxArticleBytes]
		articles, problems := mustReadFS(t, fstest.MapFS{"big.txt": {Data: data}})
		if len(articles) != 1 || len(articles[0].Text) != MaxArticleBytes {
			t.Errorf("read %d articles, want one of %d bytes", len(articles), MaxArticleBytes)
		}
		checkProblems(t, problems, nil)
	})
}

func TestReadFSWindows1252(t *testing.T) {
	tests := []struct {
		name, data, text string
	}{
		{"accent and curly quotation marks", "caf\xe9 \x93quoted\x94", "café “quoted”"},
		{"euro sign and ellipsis", "It cost \x8050\x85 or so.", "It cost €50… or so."},
		{"dashes and apostrophe", "Rates rose \x96 again \x97 and didn\x92t stop.", "Rates rose – again — and didn’t stop."},
		{"undefined byte", "a\x81b", "a\ufffdb"},
		{"Latin-1 letters", "Z\xfcrich and S\xe3o Paulo", "Zürich and São Paulo"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			articles, problems := mustReadFS(t, fstest.MapFS{"a.txt": file(tt.data)})
			if len(articles) != 1 || articles[0].Text != tt.text {
				t.Fatalf("ReadFS read %+v; want one article with text %q", articles, tt.text)
			}
			checkProblems(t, problems, []Problem{{Name: "a.txt", Reason: "not valid UTF-8: read as Windows-1252"}})
		})
	}
}

func TestReadFSArticle(t *testing.T) {
	tests := []struct {
		name string
		text string
		want Article // without ID and Text, which are always "a.txt" and text
	}{
		{
			name: "single article",
			text: "The storm hit the coast on Monday. Thousands lost power.\n",
		},
		{
			name: "no sentence punctuation",
			text: "roads remain closed in the valley\nschools stay shut",
			want: Article{Title: "roads remain closed in the valley"},
		},
		{
			name: "long text with no sentence punctuation",
			text: strings.Repeat("water ", 40) + "\n",
		},
		{
			name: "headline",
			text: "Storm Batters Coast\n\nThe storm hit the coast on Monday.",
			want: Article{Title: "Storm Batters Coast"},
		},
		{
			name: "headline after blank lines",
			text: "\n\n  Storm batters coast as thousands flee  \nThe storm hit the coast on Monday.",
			want: Article{Title: "Storm batters coast as thousands flee"},
		},
		{
			name: "first line is a question",
			text: "Is the storm over?\n\nForecasters say no.",
		},
		{
			name: "first line of 31 words",
			text: strings.TrimSpace(strings.Repeat("word ", 31)) + "\nThe storm hit.",
		},
		{
			name: "dateline with an outlet",
			text: "(CNN) — The storm hit the coast on Monday.",
			want: Article{Outlet: "CNN"},
		},
		{
			name: "dateline with a place",
			text: "WASHINGTON (Reuters) - The storm hit the coast on Monday.",
			want: Article{Outlet: "Reuters"},
		},
		{
			name: "dateline with a place and a date",
			text: "KYIV, Ukraine, May 19 (AP) — The storm hit the coast on Monday.",
			want: Article{Outlet: "AP"},
		},
		{
			name: "wire dateline with an underscore",
			text: "LONDON (AP) _ The storm hit the coast on Monday.",
			want: Article{Outlet: "AP"},
		},
		{
			name: "headline, byline and dateline",
			text: "Storm Batters Coast\nBy Jane Doe, CNN\n\nPORTVALE, Calif. (CNN) -- The storm hit the coast on Monday.",
			want: Article{Title: "Storm Batters Coast", Outlet: "CNN"},
		},
		{
			name: "parenthesis that is no dateline",
			text: "The storm (the worst in years) hit the coast on Monday.",
		},
		{
			name: "byte order mark",
			text: "\ufeffStorm Batters Coast\nWASHINGTON (Reuters) - The storm hit.",
			want: Article{Title: "Storm Batters Coast", Outlet: "Reuters"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			articles, problems := mustReadFS(t, fstest.MapFS{"a.txt": file(tt.text)})
			want := tt.want
			want.ID, want.Text = "a.txt", strings.TrimPrefix(tt.text, "\ufeff")
			checkArticles(t, articles, []Article{want})
			checkProblems(t, problems, nil)
		})
	}
}

func TestReadFSManifest(t *testing.T) {
	fsys := fstest.MapFS{
		"news/manifest.json": file(`{"articles": [
			{"file": "a.txt", "title": "Storm Batters Coast", "outlet": "The Courier", "date": "2025-05-19", "url": "https://example.com/a", "note": "kept for the record"},
			{"file": "b.txt", "date": "2025-05-20T08:30:00+02:00"},
			{"file": "gone.txt", "title": "Not in the folder"}
		]}`),
		"news/a.txt": file("Flooding Hits Valley\n\n(Reuters) — The storm hit the coast on Monday."),
		"news/b.txt": file("Power Returns\n\n(AP) — Power returned on Tuesday."),
		"news/c.txt": file("(CNN) — Schools reopened on Wednesday."),
	}
	articles, problems := mustReadFS(t, fsys, "news")
	checkArticles(t, articles, []Article{
		{
			ID: "a.txt", Title: "Storm Batters Coast", Outlet: "The Courier", URL: "https://example.com/a",
			Published: time.Date(2025, 5, 19, 0, 0, 0, 0, time.UTC),
			Text:      "Flooding Hits Valley\n\n(Reuters) — The storm hit the coast on Monday.",
		},
		{
			ID: "b.txt", Title: "Power Returns", Outlet: "AP",
			Published: time.Date(2025, 5, 20, 6, 30, 0, 0, time.UTC),
			Text:      "Power Returns\n\n(AP) — Power returned on Tuesday.",
		},
		{ID: "c.txt", Outlet: "CNN", Text: "(CNN) — Schools reopened on Wednesday."},
	})
	checkProblems(t, problems, nil)

	t.Run("file named on its own", func(t *testing.T) {
		articles, _ := mustReadFS(t, fsys, "news/b.txt")
		if len(articles) != 1 || articles[0].Published.IsZero() {
			t.Errorf("ReadFS(news/b.txt) = %+v; want one article dated by the manifest", articles)
		}
	})
}

func TestReadFSManifestErrors(t *testing.T) {
	tests := []struct {
		name     string
		manifest string
		want     []string // substrings of the error
	}{
		{"unknown key", `{"articles": [{"file": "a.txt", "author": "Jane Doe"}]}`, []string{"news/manifest.json", "author"}},
		{"unknown top-level key", `{"items": []}`, []string{"news/manifest.json", "items"}},
		{"malformed JSON", `{"articles": [`, []string{"news/manifest.json"}},
		{"wrong type", `{"articles": {"file": "a.txt"}}`, []string{"news/manifest.json"}},
		{"wrong type of an entry", `{"articles": [{"file": "a.txt", "date": 20250519}]}`, []string{"news/manifest.json", "date"}},
		{"null", `null`, []string{"news/manifest.json", "JSON object"}},
		{"null after white space", " \n null", []string{"news/manifest.json", "JSON object"}},
		{"an array", `[{"file": "a.txt"}]`, []string{"news/manifest.json", "JSON object"}},
		{"a string", `"articles"`, []string{"news/manifest.json", "JSON object"}},
		{"empty", ``, []string{"news/manifest.json", "JSON object"}},
		{"white space only", " \n\t", []string{"news/manifest.json", "JSON object"}},
		{"trailing garbage", `{"articles": []} garbage`, []string{"news/manifest.json", "after the JSON object", "16"}},
		{"a second object", `{"articles": []}` + "\n" + `{"articles": []}`, []string{"news/manifest.json", "after the JSON object"}},
		{"a trailing comma", `{"articles": []},`, []string{"news/manifest.json", "after the JSON object"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{
				"news/manifest.json": file(tt.manifest),
				"news/a.txt":         file("The storm hit."),
			}
			articles, problems, err := ReadFS(fsys, "news")
			if err == nil {
				t.Fatalf("ReadFS = %d articles, %d problems, no error; want an error", len(articles), len(problems))
			}
			for _, s := range tt.want {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not mention %q", err, s)
				}
			}
			if articles != nil || problems != nil {
				t.Errorf("ReadFS returned articles or problems with its error")
			}
		})
	}
}

func TestReadFSNotArticles(t *testing.T) {
	fsys := fstest.MapFS{
		"news/.DS_Store":     {Data: []byte("\x00\x00\x00\x01Bud1\x00")},
		"news/.draft.txt":    file("An unfinished draft."),
		"news/manifest.json": file(`{"articles": []}`),
		"news/old/b.txt":     file("An article in a subfolder."),
		"news/a.txt":         file("The storm hit."),
	}
	articles, problems := mustReadFS(t, fsys, "news")
	checkArticles(t, articles, []Article{{ID: "a.txt", Text: "The storm hit."}})
	checkProblems(t, problems, nil)
}

func TestReadFSOrder(t *testing.T) {
	fsys := fstest.MapFS{
		"one/b.txt": file("B."),
		"one/a.txt": file("A."),
		"one/c.txt": file("C."),
		"two/d.txt": file("D."),
	}
	tests := []struct {
		name  string
		names []string
		want  []string // IDs
	}{
		{"folder in name order", []string{"one"}, []string{"a.txt", "b.txt", "c.txt"}},
		{"files in the order given", []string{"one/c.txt", "one/a.txt"}, []string{"c.txt", "a.txt"}},
		{"folders and files", []string{"two", "one/b.txt"}, []string{"d.txt", "b.txt"}},
		{"root", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			articles, _ := mustReadFS(t, fsys, tt.names...)
			var ids []string
			for _, a := range articles {
				ids = append(ids, a.ID)
			}
			if !slices.Equal(ids, tt.want) {
				t.Errorf("ReadFS(%q) read %q, want %q", tt.names, ids, tt.want)
			}
		})
	}
}

func TestReadFSMissing(t *testing.T) {
	tests := []struct {
		name string
		fsys fs.FS
		path string
	}{
		{"MapFS", fstest.MapFS{"news/a.txt": file("The storm hit.")}, "news/missing.txt"},
		{"MapFS folder", fstest.MapFS{"news/a.txt": file("The storm hit.")}, "sport"},
		{"temporary folder", os.DirFS(t.TempDir()), "missing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			articles, _, err := ReadFS(tt.fsys, tt.path)
			if err == nil {
				t.Fatalf("ReadFS(%q) = %d articles, no error; want an error", tt.path, len(articles))
			}
			if !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("error %q is not fs.ErrNotExist", err)
			}
			if !strings.Contains(err.Error(), tt.path) {
				t.Errorf("error %q does not name %q", err, tt.path)
			}
		})
	}
}

func TestReadFSDisk(t *testing.T) {
	tmp := t.TempDir()
	for name, data := range map[string]string{
		"a.txt":         "Storm Batters Coast\r\n\r\nWASHINGTON (Reuters) - The storm hit.\r\n",
		"b.txt":         "",
		"manifest.json": `{"articles": [{"file": "a.txt", "url": "https://example.com/a"}]}`,
	} {
		if err := os.WriteFile(filepath.Join(tmp, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("a.txt", filepath.Join(tmp, "link.txt")); err != nil {
		t.Logf("no symbolic link: %v", err)
	}
	articles, problems := mustReadFS(t, os.DirFS(tmp))
	checkArticles(t, articles, []Article{{
		ID: "a.txt", Title: "Storm Batters Coast", Outlet: "Reuters", URL: "https://example.com/a",
		Text: "Storm Batters Coast\r\n\r\nWASHINGTON (Reuters) - The storm hit.\r\n",
	}})
	want := []Problem{{Name: "b.txt", Reason: "empty file", Skipped: true}}
	if _, err := os.Lstat(filepath.Join(tmp, "link.txt")); err == nil {
		want = append(want, Problem{Name: "link.txt", Reason: "not a regular file: a symbolic link", Skipped: true})
	}
	checkProblems(t, problems, want)
}
