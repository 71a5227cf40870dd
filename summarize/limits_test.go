package summarize

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
)

// folderOf returns a MapFS of n articles of size bytes each in news/.
func folderOf(n, size int) fstest.MapFS {
	fsys := fstest.MapFS{}
	for i := range n {
		text := fmt.Sprintf("Article %d.", i)
		fsys[fmt.Sprintf("news/%05d.txt", i)] = file(text + strings.Repeat(" ", max(0, size-len(text))))
	}
	return fsys
}

func TestReadFSLimits(t *testing.T) {
	tests := []struct {
		name    string
		fsys    fstest.MapFS
		names   []string
		limits  Limits
		wantErr string // the error, or "" for none
		want    int    // articles read, without an error
	}{
		{"articles at the limit", folderOf(5, 20), []string{"news"}, Limits{MaxArticles: 5}, "", 5},
		{"articles over the limit", folderOf(6, 20), []string{"news"}, Limits{MaxArticles: 5}, "summarize: too much input: more than 5 articles (limit MaxArticles = 5)", 0},
		{"bytes at the limit", folderOf(5, 20), []string{"news"}, Limits{MaxBytes: 100}, "", 5},
		{"bytes over the limit", folderOf(5, 20), []string{"news"}, Limits{MaxBytes: 99}, "summarize: too much input: more than 99 bytes of text (limit MaxBytes = 99)", 0},
		{"no limits", folderOf(5, 20), []string{"news"}, Limits{MaxBytes: -1, MaxArticles: -1}, "", 5},
		{"files named on their own", folderOf(3, 20), []string{"news/00000.txt", "news/00001.txt", "news/00002.txt"}, Limits{MaxArticles: 2}, "more than 2 articles", 0},
		{"a folder after files", folderOf(3, 20), []string{"news/00002.txt", "news"}, Limits{MaxArticles: 2}, "more than 2 articles", 0},
		{"skipped files do not count", fstest.MapFS{"news/a.txt": file(""), "news/b.txt": file("B."), "news/c.txt": file(" "), "news/d.go": file("D.")}, []string{"news"}, Limits{MaxArticles: 1}, "", 1},
		{"a folder of too many entries", folderOf(5, 20), []string{"news"}, Limits{MaxArticles: 1}, "summarize: too much input: folder news lists more than 4 entries, 4 times the number of articles (limit MaxArticles = 1)", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			articles, _, err := ReadFSContext(context.Background(), tt.fsys, ReadOptions{Limits: tt.limits}, tt.names...)
			if tt.wantErr == "" {
				if err != nil || len(articles) != tt.want {
					t.Fatalf("ReadFS = %d articles, %v; want %d articles", len(articles), err, tt.want)
				}
				return
			}
			var le *LimitError
			if !errors.Is(err, ErrTooMuchInput) || !errors.As(err, &le) || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("ReadFS = %d articles, %v; want a LimitError with %q", len(articles), err, tt.wantErr)
			}
			if articles != nil {
				t.Errorf("ReadFS returned %d articles with its error", len(articles))
			}
		})
	}
}

// TestReadFSStopsEarly checks that reading stops soon after the limits are reached,
// rather than reading everything and then refusing it.
func TestReadFSStopsEarly(t *testing.T) {
	for _, limits := range []Limits{{MaxArticles: 10}, {MaxBytes: 10 * 20}} {
		fsys := &faultyFS{MapFS: folderOf(30, 20)}
		_, _, err := ReadFSContext(context.Background(), fsys, ReadOptions{Limits: limits}, "news")
		if !errors.Is(err, ErrTooMuchInput) {
			t.Fatalf("%+v: %v, want ErrTooMuchInput", limits, err)
		}
		// 11 files go over the limit; by the time the last of them is counted, 7 more
		// may be loading and 1 handed out.
		if n := fsys.opens.Load(); n > 11+7+1 {
			t.Errorf("%+v: %d files opened, want at most 19", limits, n)
		}
	}
}

func TestLimitsCheck(t *testing.T) {
	articles := []Article{{Text: "The storm hit."}, {Text: "Power returned."}}
	tests := []struct {
		limits Limits
		want   string
	}{
		{Limits{}, ""},
		{Limits{MaxArticles: 2, MaxBytes: 29}, ""},
		{Limits{MaxArticles: 1}, "summarize: too much input: more than 1 article (limit MaxArticles = 1)"},
		{Limits{MaxBytes: 28}, "summarize: too much input: more than 28 bytes of text (limit MaxBytes = 28)"},
		{Limits{MaxBytes: 10 << 20, MaxArticles: -1}, ""},
	}
	for _, tt := range tests {
		err := tt.limits.Check(articles)
		if tt.want == "" {
			if err != nil {
				t.Errorf("%+v: %v", tt.limits, err)
			}
			continue
		}
		if err == nil || err.Error() != tt.want || !errors.Is(err, ErrTooMuchInput) {
			t.Errorf("%+v: %v, want %q wrapping ErrTooMuchInput", tt.limits, err, tt.want)
		}
	}
	if err := (Limits{}).Check(make([]Article, DefaultMaxArticles+1)); !errors.Is(err, ErrTooMuchInput) {
		t.Errorf("the default limits let %d articles through", DefaultMaxArticles+1)
	}
}

func TestReadFSContext(t *testing.T) {
	t.Run("done before", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_, _, err := ReadFSContext(ctx, folderOf(3, 20), ReadOptions{}, "news")
		if !errors.Is(err, context.Canceled) {
			t.Errorf("ReadFSContext(canceled) = %v, want context.Canceled", err)
		}
	})
	t.Run("done while reading", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		fsys := &faultyFS{MapFS: folderOf(500, 20)}
		fsys.onOpen = func(string) {
			if fsys.opens.Load() == 5 {
				cancel()
			}
		}
		_, _, err := ReadFSContext(ctx, fsys, ReadOptions{}, "news")
		if !errors.Is(err, context.Canceled) {
			t.Errorf("ReadFSContext = %v, want context.Canceled", err)
		}
		// When the fifth file is opened, 7 more may be loading and 1 handed out.
		if n := fsys.opens.Load(); n > 5+7+1 {
			t.Errorf("%d files opened after the cancellation at the fifth, want at most 13", n)
		}
	})
}
