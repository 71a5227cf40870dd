package summarize

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
	"time"
)

// TestReadFSManifestEntries checks that a bad entry of a manifest is left out and
// reported, and that the folder is read with the rest of the manifest.
func TestReadFSManifestEntries(t *testing.T) {
	tests := []struct {
		name     string
		manifest string
		want     []Article // articles a.txt and b.txt, without their text
		problems []string  // reasons of the Problems of news/manifest.json
	}{
		{
			name:     "bad date",
			manifest: `{"articles": [{"file": "a.txt", "outlet": "Courier", "date": "19/05/2025"}, {"file": "b.txt", "outlet": "Post", "date": "2025-05-20"}]}`,
			want:     []Article{{ID: "a.txt", Outlet: "Courier"}, {ID: "b.txt", Outlet: "Post", Published: time.Date(2025, 5, 20, 0, 0, 0, 0, time.UTC)}},
			problems: []string{`article 1: date of a.txt: want YYYY-MM-DD or RFC 3339, got "19/05/2025": the article is read without a date`},
		},
		{
			name:     "bad date of another file",
			manifest: `{"articles": [{"file": "other.txt", "date": "May 19"}, {"file": "b.txt", "outlet": "Post"}]}`,
			want:     []Article{{ID: "a.txt"}, {ID: "b.txt", Outlet: "Post"}},
			problems: []string{`article 1: date of other.txt: want YYYY-MM-DD or RFC 3339, got "May 19": the article is read without a date`},
		},
		{
			name:     "no file",
			manifest: `{"articles": [{"title": "Storm"}, {"file": "a.txt", "outlet": "Courier"}]}`,
			want:     []Article{{ID: "a.txt", Outlet: "Courier"}, {ID: "b.txt"}},
			problems: []string{`article 1: no "file": ignored`},
		},
		{
			name:     "null entry",
			manifest: `{"articles": [null]}`,
			want:     []Article{{ID: "a.txt"}, {ID: "b.txt"}},
			problems: []string{`article 1: no "file": ignored`},
		},
		{
			name:     "repeated file",
			manifest: `{"articles": [{"file": "a.txt", "outlet": "Courier"}, {"file": "a.txt", "outlet": "Post"}]}`,
			want:     []Article{{ID: "a.txt", Outlet: "Courier"}, {ID: "b.txt"}},
			problems: []string{`article 2: a.txt again: ignored, the first entry of a.txt counts`},
		},
		{
			name:     "byte order mark",
			manifest: "\ufeff" + `{"articles": [{"file": "b.txt", "outlet": "Post"}]}`,
			want:     []Article{{ID: "a.txt"}, {ID: "b.txt", Outlet: "Post"}},
		},
		{
			name:     "no articles",
			manifest: `{"articles": null}` + "\n\n",
			want:     []Article{{ID: "a.txt"}, {ID: "b.txt"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{
				"news/manifest.json": file(tt.manifest),
				"news/a.txt":         file("The storm hit."),
				"news/b.txt":         file("Power returned."),
			}
			articles, problems := mustReadFS(t, fsys, "news")
			for i := range tt.want {
				tt.want[i].Text = map[string]string{"a.txt": "The storm hit.", "b.txt": "Power returned."}[tt.want[i].ID]
			}
			checkArticles(t, articles, tt.want)
			var want []Problem
			for _, r := range tt.problems {
				want = append(want, Problem{Name: "news/manifest.json", Reason: r})
			}
			checkProblems(t, problems, want)
		})
	}
}

func TestReadFSManifestTooLarge(t *testing.T) {
	big := `{"articles": [], "x": "` + strings.Repeat("a", MaxManifestBytes) + `"}`
	fsys := fstest.MapFS{"news/manifest.json": file(big), "news/a.txt": file("The storm hit.")}
	_, _, err := ReadFS(fsys, "news")
	if err == nil || !strings.Contains(err.Error(), "news/manifest.json: too large: 1.0 MB, the limit is 1.0 MB") {
		t.Errorf("ReadFS with a manifest over MaxManifestBytes: %v", err)
	}
	at := `{"articles": [], "x": "` + strings.Repeat("a", MaxManifestBytes-len(`{"articles": [], "x": ""}`)) + `"}`
	fsys["news/manifest.json"] = file(at)
	if _, _, err := ReadFS(fsys, "news"); err == nil || !strings.Contains(err.Error(), `unknown field "x"`) {
		t.Errorf("ReadFS with a manifest of MaxManifestBytes: %v; want it parsed (and its unknown key refused)", err)
	}
}

// readWithinFS runs ReadFS(fsys, names...) and fails the test if it does not return
// within a few seconds; release, if not nil, is then called to unblock it.
func readWithinFS(t *testing.T, release func(), fsys fs.FS, names ...string) ([]Article, []Problem, error) {
	t.Helper()
	type result struct {
		articles []Article
		problems []Problem
		err      error
	}
	done := make(chan result, 1)
	go func() {
		a, p, err := ReadFS(fsys, names...)
		done <- result{a, p, err}
	}()
	select {
	case r := <-done:
		return r.articles, r.problems, r.err
	case <-time.After(5 * time.Second):
		if release != nil {
			release()
		}
		t.Fatalf("ReadFS(%q) did not return within 5 s", names)
	}
	return nil, nil, nil
}

// TestReadFSNotRegular puts a named pipe and a symbolic link to /dev/zero where the
// manifest and article files are: none may be opened, since a pipe blocks the reader and
// /dev/zero never ends.
func TestReadFSNotRegular(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero")
	}
	good := []byte("The storm hit the coast on Monday.")
	tests := []struct {
		name     string
		special  string // the name of the pipe or link
		pipe     bool   // a named pipe, else a link to /dev/zero
		names    []string
		wantErr  string // a substring of the error, or "" for no error
		problems []Problem
	}{
		{"pipe as the manifest", "manifest.json", true, nil, "manifest.json: not a regular file: a named pipe", nil},
		{"link to /dev/zero as the manifest", "manifest.json", false, nil, "manifest.json: not a regular file: a device", nil},
		{"pipe among the articles", "b.txt", true, nil, "", []Problem{{Name: "b.txt", Reason: "not a regular file: a named pipe", Skipped: true}}},
		{"link to /dev/zero among the articles", "b.txt", false, nil, "", []Problem{{Name: "b.txt", Reason: "not a regular file: a symbolic link", Skipped: true}}},
		{"pipe named on its own", "b.txt", true, []string{"a.txt", "b.txt"}, "", []Problem{{Name: "b.txt", Reason: "not a regular file: a named pipe", Skipped: true}}},
		{"link to /dev/zero named on its own", "b.txt", false, []string{"a.txt", "b.txt"}, "", []Problem{{Name: "b.txt", Reason: "not a regular file: a device", Skipped: true}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "a.txt"), good, 0o644); err != nil {
				t.Fatal(err)
			}
			special := filepath.Join(dir, tt.special)
			var release func()
			if tt.pipe {
				if err := syscall.Mkfifo(special, 0o644); err != nil {
					t.Skipf("no named pipe: %v", err)
				}
				// A reader blocked in open(2) goes on once a writer opens the pipe.
				release = func() {
					if f, err := os.OpenFile(special, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
						f.Close()
					}
				}
			} else if err := os.Symlink("/dev/zero", special); err != nil {
				t.Skipf("no symbolic link: %v", err)
			}
			articles, problems, err := readWithinFS(t, release, os.DirFS(dir), tt.names...)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("ReadFS = %v; want an error with %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			checkArticles(t, articles, []Article{{ID: "a.txt", Text: string(good)}})
			checkProblems(t, problems, tt.problems)
		})
	}
}
