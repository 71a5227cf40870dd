package summarize

import (
	"fmt"
	"io/fs"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"testing/fstest"
	"unicode/utf16"
)

// faultyFS is a MapFS whose files fail as told, and that counts the files it opens.
type faultyFS struct {
	fstest.MapFS
	openErr map[string]error // Open(name) fails with it
	readErr map[string]error // reading the file fails with it
	onOpen  func(name string)
	opens   atomic.Int64 // the files opened, not counting directories
}

func (f *faultyFS) Open(name string) (fs.File, error) {
	if info, err := fs.Stat(f.MapFS, name); err == nil && !info.IsDir() {
		f.opens.Add(1)
		if f.onOpen != nil {
			f.onOpen(name)
		}
	}
	if err := f.openErr[name]; err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	file, err := f.MapFS.Open(name)
	if err != nil {
		return nil, err
	}
	if err := f.readErr[name]; err != nil {
		return failingFile{file, name, err}, nil
	}
	return file, nil
}

// failingFile is a file whose reads fail.
type failingFile struct {
	fs.File
	name string
	err  error
}

func (f failingFile) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: f.name, Err: f.err}
}

// TestReadFSUnreadable checks that a file that cannot be read is skipped, with a reason,
// and that the other files are read.
func TestReadFSUnreadable(t *testing.T) {
	fsys := &faultyFS{
		MapFS: fstest.MapFS{
			"news/a.txt": file("The storm hit."),
			"news/b.txt": file("Locked away."),
			"news/c.txt": file("Gone before it was read."),
			"news/d.txt": file("On a bad disk."),
			"news/e.txt": file("Power returned."),
		},
		openErr: map[string]error{"news/b.txt": fs.ErrPermission, "news/c.txt": fs.ErrNotExist},
		readErr: map[string]error{"news/d.txt": syscall.EIO},
	}
	want := []Problem{
		{Name: "news/b.txt", Reason: "unreadable: permission denied", Skipped: true},
		{Name: "news/c.txt", Reason: "unreadable: it no longer exists", Skipped: true},
		{Name: "news/d.txt", Reason: "unreadable: read: input/output error", Skipped: true},
	}
	for _, names := range [][]string{{"news"}, {"news/a.txt", "news/b.txt", "news/c.txt", "news/d.txt", "news/e.txt"}} {
		t.Run(strings.Join(names, ","), func(t *testing.T) {
			articles, problems := mustReadFS(t, fsys, names...)
			checkArticles(t, articles, []Article{{ID: "a.txt", Text: "The storm hit."}, {ID: "e.txt", Text: "Power returned."}})
			checkProblems(t, problems, want)
		})
	}
	t.Run("nothing readable", func(t *testing.T) {
		articles, problems := mustReadFS(t, fsys, "news/b.txt", "news/d.txt")
		if len(articles) != 0 {
			t.Errorf("read %d articles, want none", len(articles))
		}
		checkProblems(t, problems, []Problem{want[0], want[2]})
	})
}

func TestReadFSFileNames(t *testing.T) {
	fsys := fstest.MapFS{}
	text := map[string]string{}
	for i, name := range []string{
		"a.txt", "B.TXT", "c.text", "d", "NYT19981018.0065", "APW19981016.0240", "e.", "f.2",
		"seeds.go", "page.html", "notes.md", "data.json", "story.txt.gz", "photo.jpg", "g.0x1", "h.1a",
	} {
		text[name] = fmt.Sprintf("Article %d reports the storm.", i)
		fsys["news/"+name] = file(text[name])
	}
	articles, problems := mustReadFS(t, fsys, "news")
	var want []Article
	for _, name := range []string{"APW19981016.0240", "B.TXT", "NYT19981018.0065", "a.txt", "c.text", "d", "e.", "f.2"} {
		want = append(want, Article{ID: name, Text: text[name]})
	}
	checkArticles(t, articles, want)
	var wantProblems []Problem
	for _, name := range []string{"data.json", "g.0x1", "h.1a", "notes.md", "page.html", "photo.jpg", "seeds.go", "story.txt.gz"} {
		ext := name[strings.LastIndex(name, "."):]
		wantProblems = append(wantProblems, Problem{Name: "news/" + name, Skipped: true,
			Reason: "not an article: *" + ext + " is not *.txt, *.text, numeric or extensionless"})
	}
	checkProblems(t, problems, wantProblems)

	t.Run("named on its own", func(t *testing.T) {
		articles, problems := mustReadFS(t, fsys, "news/seeds.go", "news/notes.md")
		checkArticles(t, articles, []Article{{ID: "seeds.go", Text: text["seeds.go"]}, {ID: "notes.md", Text: text["notes.md"]}})
		checkProblems(t, problems, nil)
	})
}

// utf16Bytes encodes s in UTF-16 with a byte order mark, little- or big-endian.
func utf16Bytes(s string, big bool) []byte {
	units := append([]uint16{0xfeff}, utf16.Encode([]rune(s))...)
	out := make([]byte, 0, 2*len(units))
	for _, u := range units {
		if big {
			out = append(out, byte(u>>8), byte(u))
		} else {
			out = append(out, byte(u), byte(u>>8))
		}
	}
	return out
}

func TestReadFSUTF16(t *testing.T) {
	text := "Storm Batters Coast\nZURICH (Reuters) — The storm “hit” Zürich 🌊 on Monday.\n"
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"little-endian", utf16Bytes(text, false), text},
		{"big-endian", utf16Bytes(text, true), text},
		{"odd last byte", append(utf16Bytes("The storm hit.", false), 'x'), "The storm hit.\ufffd"},
		{"unpaired surrogate", append(utf16Bytes("The storm", false), 0x00, 0xd8, ' ', 0, 'h', 0, 'i', 0, 't', 0, '.', 0), "The storm\ufffd hit."},
		{"lone low surrogate", append(utf16Bytes("The storm", true), 0xdc, 0x00, 0, ' ', 0, 'h', 0, 'i', 0, 't', 0, '.'), "The storm\ufffd hit."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			articles, problems := mustReadFS(t, fstest.MapFS{"a.txt": {Data: tt.data}})
			if len(articles) != 1 || articles[0].Text != tt.want {
				t.Fatalf("ReadFS read %+v, problems %+v; want one article with text %q", articles, problems, tt.want)
			}
			checkProblems(t, problems, nil)
		})
	}
	t.Run("headline and dateline", func(t *testing.T) {
		articles, _ := mustReadFS(t, fstest.MapFS{"a.txt": {Data: utf16Bytes(text, false)}})
		if len(articles) != 1 {
			t.Fatalf("read %d articles, want 1", len(articles))
		}
		if a := articles[0]; a.Title != "Storm Batters Coast" || a.Outlet != "Reuters" {
			t.Errorf("title %q, outlet %q; want them from the decoded text", a.Title, a.Outlet)
		}
	})
	t.Run("binary after decoding", func(t *testing.T) {
		_, problems := mustReadFS(t, fstest.MapFS{"a.txt": {Data: utf16Bytes("\x00\x01\x02\x03 binary", false)}})
		checkProblems(t, problems, []Problem{{Name: "a.txt", Reason: "binary file", Skipped: true}})
	})
	t.Run("empty after the mark", func(t *testing.T) {
		_, problems := mustReadFS(t, fstest.MapFS{"a.txt": {Data: utf16Bytes(" \n", true)}})
		checkProblems(t, problems, []Problem{{Name: "a.txt", Reason: "empty file", Skipped: true}})
	})
}

// TestReadFSOnce names the same file twice, or a folder and a file inside it: each file
// is read once, where it comes first.
func TestReadFSOnce(t *testing.T) {
	fsys := fstest.MapFS{
		"news/a.txt": file("A."),
		"news/b.txt": file("B."),
		"news/c.bin": file("C."),
	}
	tests := []struct {
		names    []string
		want     []string // IDs
		problems int
	}{
		{[]string{"news/a.txt", "news/a.txt"}, []string{"a.txt"}, 0},
		{[]string{"news", "news/b.txt"}, []string{"a.txt", "b.txt"}, 1},
		{[]string{"news/b.txt", "news"}, []string{"b.txt", "a.txt"}, 1},
		{[]string{"news", "news"}, []string{"a.txt", "b.txt"}, 1},
		{[]string{"news/c.bin", "news", "news/c.bin"}, []string{"c.bin", "a.txt", "b.txt"}, 0},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.names, ","), func(t *testing.T) {
			articles, problems := mustReadFS(t, fsys, tt.names...)
			var ids []string
			for _, a := range articles {
				ids = append(ids, a.ID)
			}
			if strings.Join(ids, ",") != strings.Join(tt.want, ",") {
				t.Errorf("read %q, want %q", ids, tt.want)
			}
			if len(problems) != tt.problems {
				t.Errorf("problems %+v, want %d", problems, tt.problems)
			}
		})
	}
}
