package bot_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/bottest"
	"github.com/briefbot/briefbot/seeds"
	"github.com/briefbot/briefbot/summarize"
)

const newsText = "A sentence that is long enough to count as news today.\n"

// TestFilesNothingLeft checks that a source of files of which none is an article says
// which files it skipped and why, in a message of bounded length.
func TestFilesNothingLeft(t *testing.T) {
	tests := []struct {
		name  string
		fsys  fstest.MapFS
		paths []string
		want  string
	}{
		{
			name: "two files",
			fsys: fstest.MapFS{"a.txt": {Data: []byte{0, 1, 2}}, "b.txt": {Data: []byte(" ")}},
			want: "no articles in news: 2 files skipped: a.txt (binary file), b.txt (empty file)",
		},
		{
			name:  "a file named on its own",
			fsys:  fstest.MapFS{"a.txt": {Data: []byte{0, 1, 2}}, "b.txt": {Data: []byte(newsText)}},
			paths: []string{"a.txt"},
			want:  "no articles in news: 1 file skipped: a.txt (binary file)",
		},
		{
			name: "many files",
			fsys: fstest.MapFS{"a.txt": {}, "b.txt": {}, "c.txt": {}, "d.txt": {}, "e.txt": {}},
			want: "no articles in news: 5 files skipped: a.txt (empty file), b.txt (empty file), c.txt (empty file) and 2 more",
		},
		{
			name: "long names",
			fsys: fstest.MapFS{strings.Repeat("n", 200) + ".txt": {}},
			want: "no articles in news: 1 file skipped: " + strings.Repeat("n", 59) + "… (empty file)",
		},
		{
			name: "no files",
			fsys: fstest.MapFS{},
			want: "no articles in news",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := &bot.Files{Name: "news", FS: tt.fsys, Paths: tt.paths, Logger: newTextLogger(&bytes.Buffer{})}
			_, err := src.Articles(context.Background(), bot.All)
			if !errors.Is(err, bot.ErrNoArticles) || err.Error() != tt.want {
				t.Errorf("Articles() = %v\nwant %q, wrapping ErrNoArticles", err, tt.want)
			}
		})
	}
}

// TestFilesSkipUnreadable checks that a file that cannot be read does not fail the
// source: the others are read.
func TestFilesSkipUnreadable(t *testing.T) {
	fsys := fstest.MapFS{"a.txt": {Data: []byte(newsText)}, "b.bin": {Data: []byte{0, 1}}, "c.txt": {Data: []byte{0xff, 0xfe}}}
	var logs bytes.Buffer
	src := &bot.Files{Name: "news", FS: fsys, Paths: []string{"b.bin", "a.txt", "c.txt"}, Logger: newTextLogger(&logs)}
	articles, err := src.Articles(context.Background(), bot.All)
	if err != nil || len(articles) != 1 || articles[0].ID != "a.txt" {
		t.Fatalf("Articles() = %d articles, %v; want a.txt", len(articles), err)
	}
	for _, want := range []string{"file=news/b.bin", "file=news/c.txt", `reason="empty file"`} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("log lacks %q:\n%s", want, logs.String())
		}
	}
}

// TestFilesManifestProblems checks that a bad entry of a manifest is logged as a warning
// and does not keep the folder from being read.
func TestFilesManifestProblems(t *testing.T) {
	fsys := fstest.MapFS{
		"a.txt":         {Data: []byte(newsText)},
		"manifest.json": {Data: []byte(`{"articles": [{"file": "a.txt", "outlet": "Courier", "date": "19 May"}]}`)},
	}
	var logs bytes.Buffer
	src := &bot.Files{Name: "news", FS: fsys, Logger: newTextLogger(&logs)}
	articles, err := src.Articles(context.Background(), bot.All)
	if err != nil || len(articles) != 1 || articles[0].Outlet != "Courier" || !articles[0].Published.IsZero() {
		t.Fatalf("Articles() = %+v, %v; want a.txt from Courier, without a date", articles, err)
	}
	for _, want := range []string{"level=WARN", "file=news/manifest.json", `date of a.txt`} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("log lacks %q:\n%s", want, logs.String())
		}
	}
}

func TestFilesLimits(t *testing.T) {
	fsys := fstest.MapFS{"a.txt": {Data: []byte(newsText)}, "b.txt": {Data: []byte(newsText + " ")}}
	src := &bot.Files{Name: "news", FS: fsys, Limits: summarize.Limits{MaxArticles: 1}, Logger: newTextLogger(&bytes.Buffer{})}
	_, err := src.Articles(context.Background(), bot.All)
	if !errors.Is(err, summarize.ErrTooMuchInput) || !strings.Contains(err.Error(), "news") || !strings.Contains(err.Error(), "MaxArticles = 1") {
		t.Errorf("Articles() over the limit = %v, want ErrTooMuchInput naming the folder and the limit", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := (&bot.Files{Name: "news", FS: fsys}).Articles(ctx, bot.All); !errors.Is(err, context.Canceled) {
		t.Errorf("Articles(canceled) = %v, want context.Canceled", err)
	}
}

// TestSourcesOnce checks that an article that two sources both yield, such as a file
// named on its own after its folder, counts once.
func TestSourcesOnce(t *testing.T) {
	day := time.Date(2025, 5, 20, 8, 30, 0, 0, time.FixedZone("", 7200))
	fsys := fstest.MapFS{
		"a.txt":         {Data: []byte(newsText)},
		"b.txt":         {Data: []byte("Another sentence that is long enough to count as news.\n")},
		"manifest.json": {Data: []byte(`{"articles": [{"file": "a.txt", "date": "` + day.Format(time.RFC3339) + `"}]}`)},
	}
	other := fstest.MapFS{"a.txt": {Data: []byte("A different text under the same name, long enough.\n")}}
	quiet := newTextLogger(&bytes.Buffer{})
	src := bot.Sources{
		&bot.Files{Name: "news", FS: fsys, Logger: quiet},
		&bot.Files{Name: "news", FS: fsys, Paths: []string{"a.txt"}, Logger: quiet},
		&bot.Files{Name: "other", FS: other, Logger: quiet},
		&bot.Files{Name: "news", FS: fsys, Paths: []string{"b.txt", "a.txt"}, Logger: quiet},
	}
	articles, err := src.Articles(context.Background(), bot.All)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range articles {
		got = append(got, fmt.Sprintf("%s:%.7s", a.ID, a.Text))
	}
	if want := "a.txt:A sente b.txt:Another a.txt:A diffe"; strings.Join(got, " ") != want {
		t.Errorf("Sources read %q, want %q", strings.Join(got, " "), want)
	}
}

func TestWindowHolds(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2025, 5, d, 0, 0, 0, 0, time.UTC) }
	for _, tc := range []struct {
		name string
		w    bot.Window
		t    time.Time
		want bool
	}{
		{"all", bot.All, day(19), true},
		{"undated in any window", bot.Window{Since: day(20), Until: day(21)}, time.Time{}, true},
		{"since is inclusive", bot.Window{Since: day(20)}, day(20), true},
		{"before since", bot.Window{Since: day(20)}, day(19), false},
		{"until is exclusive", bot.Window{Until: day(20)}, day(20), false},
		{"inside", bot.Window{Since: day(19), Until: day(21)}, day(20), true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.w.Holds(tc.t); got != tc.want {
				t.Errorf("%v.Holds(%v) = %v, want %v", tc.w, tc.t, got, tc.want)
			}
		})
	}
}

func TestFilesWindow(t *testing.T) {
	src := &bot.Files{Name: "seeds", FS: seeds.FS, Logger: quiet()}
	all, err := src.Articles(context.Background(), bot.All)
	if err != nil {
		t.Fatal(err)
	}
	since := time.Date(2025, 5, 20, 0, 0, 0, 0, time.UTC)
	some, err := src.Articles(context.Background(), bot.Window{Since: since})
	if err != nil {
		t.Fatal(err)
	}
	if len(some) == 0 || len(some) >= len(all) {
		t.Fatalf("%d articles since %v of %d", len(some), since, len(all))
	}
	for _, a := range some {
		if a.Published.Before(since) || a.Origin != "seeds" {
			t.Errorf("article %s of %v from %q", a.ID, a.Published, a.Origin)
		}
	}
	_, err = src.Articles(context.Background(), bot.Window{Since: since.AddDate(1, 0, 0)})
	if !errors.Is(err, bot.ErrNoArticles) || !strings.Contains(err.Error(), "since 20 May 2026") {
		t.Errorf("a window without articles: %v", err)
	}
}

func TestSourcesPassOverEmptyMembers(t *testing.T) {
	none := bottest.Articles()
	none.ArticlesFn = func(context.Context, bot.Window) ([]summarize.Article, error) {
		return nil, fmt.Errorf("reading /srv/empty: %w", bot.ErrNoArticles)
	}
	broken := &bottest.Source{ArticlesFn: func(context.Context, bot.Window) ([]summarize.Article, error) {
		return nil, errors.New("reading /srv/gone: no such file or directory")
	}}
	got, err := bot.Sources{none, bottest.Articles(council...), broken}.Articles(context.Background(), bot.All)
	if err != nil || len(got) != len(council) {
		t.Errorf("with one member of articles: %d articles, %v", len(got), err)
	}
	_, err = bot.Sources{none, broken}.Articles(context.Background(), bot.All)
	if !errors.Is(err, bot.ErrNoArticles) || !strings.Contains(err.Error(), "/srv/gone") {
		t.Errorf("with no member of articles: %v, want both errors", err)
	}
}
