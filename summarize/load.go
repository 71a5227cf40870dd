package summarize

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// MaxArticleBytes is the size of the largest file ReadFS reads as an article. News articles
// are rarely over 100 KB; a larger file is a dump, a log or a mistake.
const MaxArticleBytes = 4 << 20

// A Problem is something ReadFS noticed about one file: a file it skipped, one it read
// only after a repair, or an entry of a manifest that it left out.
type Problem struct {
	Name    string // the file's name in the file system given to ReadFS
	Reason  string // what is wrong, in lower case, e.g. "empty file"
	Skipped bool   // the file was not read as an article
}

// ReadOptions control ReadFSContext. The zero value reads with the default Limits.
type ReadOptions struct {
	// Limits bound what is read; zero fields mean the defaults.
	Limits Limits
	// HTML, when set, reads the article of an HTML page: files named *.html or *.htm (in
	// any case), in a folder or on their own, of at most MaxHTMLBytes, are passed to it
	// with their name (as given to ReadFSContext) instead of being skipped as HTML. An
	// error skips the file, with a Problem that gives it. Its article's ID is replaced
	// by the file's name; a manifest's title, outlet, URL and date override its own. It
	// is called from several goroutines at once.
	HTML func(name string, page []byte) (Article, error)
}

// MaxHTMLBytes is the size of the largest HTML file passed to ReadOptions.HTML.
const MaxHTMLBytes = 8 << 20

// isHTMLName reports whether a file's name is *.html or *.htm.
func isHTMLName(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	return ext == ".html" || ext == ".htm"
}

// ReadFS reads articles from fsys with the default Limits; see ReadFSContext.
func ReadFS(fsys fs.FS, names ...string) ([]Article, []Problem, error) {
	return ReadFSContext(context.Background(), fsys, ReadOptions{}, names...)
}

// ReadFSContext reads articles from fsys. Each name is a file, read as one article
// whatever its name, or a directory, whose text files are read in name order; with no
// names it reads the directory ".". In a directory, the files read as articles are the
// regular files named *.txt or *.text, or with no extension, or with a numeric one
// (wire-service names such as NYT19981018.0065); other files are skipped and reported
// as Problems, while hidden files, subdirectories and the manifest are passed over
// silently. A file named more than once, or both on its own and inside a named
// directory, is read once, where it comes first.
//
// A file that cannot be read as an article is skipped and reported as a Problem that
// says why: not a regular file (named pipes, devices, and symbolic links found in a
// directory, are never opened), unreadable, empty, binary, an HTML page (unless opt.HTML
// reads it; see ReadOptions), or larger than
// MaxArticleBytes. Text is read as UTF-8; UTF-16 with a byte order mark is decoded to
// UTF-8; other text is read as Windows-1252, with a Problem that says so.
//
// A directory may hold a manifest (ManifestName) with each file's title, outlet, date and
// URL:
//
//	{"articles": [{"file": "a.txt", "title": "…", "outlet": "CNN", "date": "2025-05-19", "url": "https://…"}]}
//
// The manifest must be a regular file of at most MaxManifestBytes holding exactly one
// such object, with no other keys; an entry without a file, a repeated one or a date
// that is neither YYYY-MM-DD nor RFC 3339 is left out of it and reported as a Problem.
// Without a manifest, the title is the first line when it reads as a headline, and the
// outlet is taken from a dateline such as "(Reuters) —" when there is one.
//
// ReadFSContext returns an error when a name cannot be read at all (it does not exist,
// or a directory cannot be listed), when a manifest is malformed, when the articles are
// over opt.Limits (a LimitError, wrapping ErrTooMuchInput: reading stops there), or when
// ctx is done (an error wrapping ctx.Err()). A directory without articles is not an
// error, so callers decide what to say about it, with the Problems that explain it.
func ReadFSContext(ctx context.Context, fsys fs.FS, opt ReadOptions, names ...string) ([]Article, []Problem, error) {
	if len(names) == 0 {
		names = []string{"."}
	}
	r := reader{ctx: ctx, fsys: fsys, limits: opt.Limits.withDefaults(), seen: make(map[string]bool), html: opt.HTML}
	for _, name := range names {
		if err := ctx.Err(); err != nil {
			return nil, nil, fmt.Errorf("summarize: reading %s: %w", name, err)
		}
		info, err := fs.Stat(fsys, name)
		if err != nil {
			return nil, nil, fmt.Errorf("summarize: reading %s: %w", name, err)
		}
		if info.IsDir() {
			err = r.dir(name)
		} else {
			err = r.file(name, info)
		}
		if err != nil {
			return nil, nil, err
		}
	}
	return r.articles, r.problems, nil
}

type reader struct {
	ctx       context.Context
	fsys      fs.FS
	limits    Limits // with the defaults set
	articles  []Article
	problems  []Problem
	size      int64               // the bytes of text of articles
	seen      map[string]bool     // the files read so far
	manifests map[string]manifest // by directory
	html      func(name string, page []byte) (Article, error)
}

// dir reads the files of directory dir.
func (r *reader) dir(dir string) error {
	entries, err := r.list(dir)
	if err != nil {
		return err
	}
	var files []fs.DirEntry
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || strings.HasPrefix(name, ".") || name == ManifestName || r.seen[path.Join(dir, name)] {
			continue
		}
		files = append(files, e)
	}
	// Read the files in parallel (reading is mostly waiting), record them in order. The
	// files are handed out in order and counted as they are read, so that reading stops
	// soon after the input goes over the limits; the files handed out are then exactly
	// those before some index, whose recording in order meets the same limit.
	results := make([]loaded, len(files))
	var count, size atomic.Int64
	count.Store(int64(len(r.articles)))
	size.Store(r.size)
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(len(files), 8) {
		wg.Go(func() {
			for i := range next {
				results[i] = r.loadEntry(dir, files[i])
				if l := &results[i]; l.skip == "" {
					count.Add(1)
					size.Add(int64(len(l.text)))
				}
			}
		})
	}
	handed := 0
	for ; handed < len(files); handed++ {
		if r.ctx.Err() != nil || r.limits.over(count.Load(), size.Load()) != nil {
			break
		}
		next <- handed
	}
	close(next)
	wg.Wait()
	if err := r.ctx.Err(); err != nil {
		return fmt.Errorf("summarize: reading folder %s: %w", dir, err)
	}
	for i, e := range files[:handed] {
		if err := r.add(path.Join(dir, e.Name()), results[i]); err != nil {
			return err
		}
	}
	return nil
}

// list returns the entries of directory dir in name order. It stops, with a LimitError,
// once it has seen more than 4 × MaxArticles of them.
func (r *reader) list(dir string) ([]fs.DirEntry, error) {
	f, err := r.fsys.Open(dir)
	if err != nil {
		return nil, fmt.Errorf("summarize: reading folder %s: %w", dir, err)
	}
	defer f.Close()
	d, ok := f.(fs.ReadDirFile)
	if !ok {
		return nil, fmt.Errorf("summarize: reading folder %s: %w", dir, errors.ErrUnsupported)
	}
	maxEntries := 4 * int64(r.limits.MaxArticles)
	var entries []fs.DirEntry
	for {
		batch, err := d.ReadDir(1024)
		entries = append(entries, batch...)
		if maxEntries >= 0 && int64(len(entries)) > maxEntries {
			return nil, &LimitError{Limit: "MaxArticles", Max: int64(r.limits.MaxArticles),
				What: fmt.Sprintf("folder %s lists more than %d entries, 4 times the number of articles", dir, maxEntries)}
		}
		if err == io.EOF || (err == nil && len(batch) == 0) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("summarize: reading folder %s: %w", dir, err)
		}
		if err := r.ctx.Err(); err != nil {
			return nil, fmt.Errorf("summarize: reading folder %s: %w", dir, err)
		}
	}
	slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return entries, nil
}

// loadEntry loads the file of entry e of directory dir, if it may be an article. It
// touches nothing shared, so that files can be loaded in parallel.
func (r *reader) loadEntry(dir string, e fs.DirEntry) loaded {
	if r.html != nil && isHTMLName(e.Name()) {
		if !e.Type().IsRegular() {
			return loaded{skip: notRegular(e.Type())}
		}
		return r.loadHTML(path.Join(dir, e.Name()))
	}
	if reason := notArticleName(e.Name()); reason != "" {
		return loaded{skip: reason}
	}
	if !e.Type().IsRegular() {
		return loaded{skip: notRegular(e.Type())}
	}
	info, err := e.Info()
	if err != nil {
		return loaded{skip: unreadable(err)}
	}
	return load(r.fsys, path.Join(dir, e.Name()), info)
}

// notArticleName returns why a file of a directory is not read as an article because of
// its name, or "" when it may be one: its extension is .txt or .text (in any case), a
// number, or nothing.
func notArticleName(name string) string {
	ext := path.Ext(name)
	switch strings.ToLower(ext) {
	case "", ".", ".txt", ".text":
		return ""
	}
	if strings.Trim(ext[1:], "0123456789") == "" {
		return ""
	}
	return fmt.Sprintf("not an article: *%s is not *.txt, *.text, numeric or extensionless", ext)
}

// file reads the file name, given on its own.
func (r *reader) file(name string, info fs.FileInfo) error {
	if r.seen[name] {
		return nil
	}
	if r.html != nil && isHTMLName(name) && info.Mode().IsRegular() {
		return r.add(name, r.loadHTML(name))
	}
	return r.add(name, load(r.fsys, name, info))
}

// loaded is what load made of one file.
type loaded struct {
	text, note, skip string   // the text, a note on a repair, or why the file is skipped
	page             *Article // the article of an HTML page, whose Text is text
}

// loadHTML reads an HTML file and passes it to the HTML hook. It touches nothing
// shared, so that files can be loaded in parallel.
func (r *reader) loadHTML(name string) loaded {
	f, err := r.fsys.Open(name)
	if err != nil {
		return loaded{skip: unreadable(err)}
	}
	defer f.Close()
	if info, err := f.Stat(); err != nil {
		return loaded{skip: unreadable(err)}
	} else if !info.Mode().IsRegular() {
		return loaded{skip: notRegular(info.Mode())}
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxHTMLBytes+1))
	if err != nil {
		return loaded{skip: unreadable(err)}
	}
	if len(data) > MaxHTMLBytes {
		return loaded{skip: fmt.Sprintf("too large: an HTML page over %s", byteSize(MaxHTMLBytes))}
	}
	a, err := r.html(name, data)
	if err != nil {
		return loaded{skip: "no article in the HTML page: " + err.Error()}
	}
	if strings.TrimSpace(a.Text) == "" {
		return loaded{skip: "no article in the HTML page: no text"}
	}
	return loaded{text: a.Text, page: &a}
}

// load reads and decodes one file. It touches nothing shared, so that files can be loaded
// in parallel. It opens only regular files.
func load(fsys fs.FS, name string, info fs.FileInfo) loaded {
	switch {
	case !info.Mode().IsRegular():
		return loaded{skip: notRegular(info.Mode())}
	case path.Base(name) == ManifestName:
		return loaded{skip: "the manifest of its folder, not an article"}
	case info.Size() > MaxArticleBytes:
		return loaded{skip: tooLarge(info.Size())}
	}
	f, err := fsys.Open(name)
	if err != nil {
		return loaded{skip: unreadable(err)}
	}
	defer f.Close()
	if info, err := f.Stat(); err != nil {
		return loaded{skip: unreadable(err)}
	} else if !info.Mode().IsRegular() { // replaced since it was listed
		return loaded{skip: notRegular(info.Mode())}
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxArticleBytes+1))
	if err != nil {
		return loaded{skip: unreadable(err)}
	}
	if len(data) > MaxArticleBytes { // the file grew since Stat
		return loaded{skip: fmt.Sprintf("too large: over %s", byteSize(MaxArticleBytes))}
	}
	text, note, reason := decodeText(data)
	return loaded{text: text, note: note, skip: reason}
}

// notRegular says that a file of mode m is not a regular file, and what it is.
func notRegular(m fs.FileMode) string {
	what := "of another kind"
	switch t := m.Type(); {
	case t&fs.ModeSymlink != 0:
		what = "a symbolic link"
	case t&fs.ModeNamedPipe != 0:
		what = "a named pipe"
	case t&fs.ModeDevice != 0:
		what = "a device"
	case t&fs.ModeSocket != 0:
		what = "a socket"
	case t&fs.ModeDir != 0:
		what = "a folder"
	}
	return "not a regular file: " + what
}

// tooLarge says that a file of size bytes is over MaxArticleBytes.
func tooLarge(size int64) string {
	got, limit := byteSize(size), byteSize(MaxArticleBytes)
	if got == limit { // just over the limit: give the bytes, not "4.0 MB" twice
		got, limit = fmt.Sprintf("%d bytes", size), fmt.Sprintf("%d bytes", MaxArticleBytes)
	}
	return fmt.Sprintf("too large: %s, the limit is %s", got, limit)
}

// unreadable describes an error of opening or reading a file, without the file's name.
func unreadable(err error) string {
	var pe *fs.PathError
	switch {
	case errors.Is(err, fs.ErrPermission):
		return "unreadable: permission denied"
	case errors.Is(err, fs.ErrNotExist):
		return "unreadable: it no longer exists"
	case errors.As(err, &pe):
		return fmt.Sprintf("unreadable: %s: %v", pe.Op, pe.Err)
	}
	return "unreadable: " + err.Error()
}

// add records a loaded file: a problem, or an article with the metadata of its manifest
// or, lacking one, of its text.
func (r *reader) add(name string, l loaded) error {
	r.seen[name] = true
	if l.skip != "" {
		r.problems = append(r.problems, Problem{Name: name, Reason: l.skip, Skipped: true})
		return nil
	}
	if err := r.limits.over(int64(len(r.articles))+1, r.size+int64(len(l.text))); err != nil {
		return err
	}
	if l.note != "" {
		r.problems = append(r.problems, Problem{Name: name, Reason: l.note})
	}
	meta, err := r.manifestEntry(name)
	if err != nil {
		return err
	}
	a := Article{ID: path.Base(name), Text: l.text, Title: meta.Title, Outlet: meta.Outlet, URL: meta.URL, Published: meta.published}
	if l.page != nil {
		fromPage(&a, l.page)
	}
	if a.Title == "" {
		a.Title = articleTitle(l.text)
	}
	if a.Outlet == "" {
		a.Outlet = datelineOutlet(l.text)
	}
	if a.Outlet == "" {
		a.Outlet = copyrightOutlet(l.text)
	}
	r.articles = append(r.articles, a)
	r.size += int64(len(l.text))
	return nil
}

// fromPage fills the metadata of a that its manifest left empty from the article of its
// HTML page.
func fromPage(a, page *Article) {
	if a.Title == "" {
		a.Title = page.Title
	}
	if a.Outlet == "" {
		a.Outlet = page.Outlet
	}
	if a.URL == "" {
		a.URL = page.URL
	}
	if a.Published.IsZero() {
		a.Published = page.Published
	}
}
